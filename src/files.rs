//! Reading files: one way to read a file with its path in the error, and one way to drop
//! the UTF-8 byte-order mark that Notepad and Excel write.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The UTF-8 byte-order mark.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The bytes without a leading UTF-8 byte-order mark.
pub fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)
}

/// The text without a leading byte-order mark.
pub fn without_bom_str(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// A file that could not be read, with its path.
#[derive(Debug)]
pub struct ReadError {
    pub path: PathBuf,
    pub error: io::Error,
}

impl ReadError {
    /// Whether the file does not exist.
    pub fn not_found(&self) -> bool {
        self.error.kind() == io::ErrorKind::NotFound
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read {}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for ReadError {}

/// Reads a whole file; the error names it.
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    std::fs::read(path).map_err(|error| ReadError { path: path.to_path_buf(), error })
}

/// Reads a whole file as UTF-8 text; the error names it.
pub fn read_to_string(path: &Path) -> Result<String, ReadError> {
    std::fs::read_to_string(path).map_err(|error| ReadError { path: path.to_path_buf(), error })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_leading_byte_order_mark_is_dropped() {
        assert_eq!(without_bom(b"\xEF\xBB\xBFid = 1"), b"id = 1");
        assert_eq!(without_bom(b"id = 1\xEF\xBB\xBF"), b"id = 1\xEF\xBB\xBF");
        assert_eq!(without_bom_str("\u{feff}a = 1"), "a = 1");
        assert_eq!(without_bom_str("a"), "a");
    }

    #[test]
    fn a_read_error_names_the_file() {
        let e = read(Path::new("/nonexistent/kyodo/file.toml")).unwrap_err();
        assert!(e.not_found());
        assert!(e.to_string().starts_with("cannot read /nonexistent/kyodo/file.toml: "), "{e}");
    }
}
