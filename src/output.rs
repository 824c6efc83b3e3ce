//! Writing the rendered site: all or nothing.
//!
//! Files are written to a temporary folder next to the destination; only when every file
//! is written is the old folder moved aside and the new one moved into its place. A build
//! that fails at any point leaves the previous output exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::Output;

/// Why writing failed, with the path involved.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub error: io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write {}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for WriteError {}

fn at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |error| WriteError { path: path.to_path_buf(), error }
}

/// Replaces `dest` with the rendered output.
pub fn write_atomically(output: &Output, dest: &Path) -> Result<(), WriteError> {
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(at(&parent))?;
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(at(&parent))?;

    // A temporary folder is private (0700); the published folder must be readable by a
    // web server.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(staging.path(), fs::Permissions::from_mode(0o755)).map_err(at(staging.path()))?;
    }
    for (rel, bytes) in &output.files {
        let path = staging.path().join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(at(dir))?;
        }
        fs::write(&path, bytes).map_err(at(&path))?;
    }

    // Swap: move the old output aside, move the new one in, then delete the old.
    let staged = staging.keep();
    let old = if dest.exists() {
        let aside = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(&parent)
            .map_err(at(&parent))?
            .keep();
        // `aside` exists as an empty folder; rename needs the target gone.
        fs::remove_dir(&aside).map_err(at(&aside))?;
        if let Err(error) = fs::rename(dest, &aside) {
            let _ = fs::remove_dir_all(&staged);
            return Err(WriteError { path: dest.to_path_buf(), error });
        }
        Some(aside)
    } else {
        None
    };
    if let Err(error) = fs::rename(&staged, dest) {
        if let Some(aside) = &old {
            let _ = fs::rename(aside, dest);
        }
        let _ = fs::remove_dir_all(&staged);
        return Err(WriteError { path: dest.to_path_buf(), error });
    }
    if let Some(aside) = old {
        fs::remove_dir_all(&aside).map_err(at(&aside))?;
    }
    Ok(())
}
