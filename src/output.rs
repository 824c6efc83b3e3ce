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
    let staging = Staging::new(dest)?;
    for (rel, bytes) in &output.files {
        staging.write_file(rel, bytes)?;
    }
    staging.commit()
}

/// Deletes a folder tree, removing the files of each folder in parallel (a large site's old
/// output has tens of thousands of files).
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut folders = Vec::new();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            folders.push(entry.into_path());
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().try_for_each(fs::remove_file)?;
    // Deepest folders first.
    for folder in folders.iter().rev() {
        fs::remove_dir(folder)?;
    }
    Ok(())
}

/// Moves a finished staging folder into place: the old output aside, the new one in, then
/// the old one deleted. If the move fails, the old output is put back.
fn swap_into_place(staging: tempfile::TempDir, dest: &Path) -> Result<(), WriteError> {
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
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
        remove_tree(&aside).map_err(at(&aside))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(dir).unwrap_or(e.path()).to_path_buf(), fs::read(e.path()).unwrap_or_default()))
            .collect();
        v.sort();
        v
    }

    fn output(entries: &[(&str, &str)]) -> Output {
        Output { files: entries.iter().map(|(p, c)| (p.to_string(), c.as_bytes().to_vec())).collect() }
    }

    #[test]
    fn replaces_the_folder_and_drops_files_of_the_old_build() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("public");
        write_atomically(&output(&[("index.html", "old"), ("old.html", "gone soon")]), &dest).unwrap();
        write_atomically(&output(&[("index.html", "new"), ("ja/index.html", "ja")]), &dest).unwrap();
        assert_eq!(files(&dest), vec![(PathBuf::from("index.html"), b"new".to_vec()), (PathBuf::from("ja/index.html"), b"ja".to_vec())]);
        let names: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")], "no staging folders left");
    }

    #[test]
    fn a_failure_while_writing_leaves_the_previous_output_and_no_leftovers() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("public");
        write_atomically(&output(&[("index.html", "previous"), ("ja/index.html", "前回")]), &dest).unwrap();
        let before = files(&dest);
        // "a" is written as a file, then "a/b" needs it to be a folder: the write fails
        // half-way, as it would on a full disk.
        let err = write_atomically(&output(&[("a", "file"), ("a/b", "cannot"), ("index.html", "new")]), &dest).unwrap_err();
        assert!(err.to_string().contains("cannot write"), "{err}");
        assert_eq!(files(&dest), before);
        let names: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")], "no staging folders left");
    }

    #[cfg(unix)]
    #[test]
    fn the_published_folder_is_readable_by_a_web_server() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("public");
        write_atomically(&output(&[("index.html", "x")]), &dest).unwrap();
        assert_eq!(fs::metadata(&dest).unwrap().permissions().mode() & 0o777, 0o755);
    }
}

/// A folder being filled next to the destination; files go to disk as they are rendered,
/// and [`Staging::commit`] swaps the folder into place only when everything was written.
/// Dropping an uncommitted staging folder deletes it, leaving the destination untouched.
pub struct Staging {
    dir: tempfile::TempDir,
    dest: PathBuf,
    /// Folders already created, so each is made once.
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    written: std::sync::atomic::AtomicUsize,
}

impl Staging {
    /// Creates the staging folder next to `dest`.
    pub fn new(dest: &Path) -> Result<Staging, WriteError> {
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(at(&parent))?;
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let dir = tempfile::Builder::new().prefix(&format!(".{name}.new-")).tempdir_in(&parent).map_err(at(&parent))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).map_err(at(dir.path()))?;
        }
        Ok(Staging { dir, dest: dest.to_path_buf(), made: Default::default(), written: Default::default() })
    }

    /// Moves the finished folder into place of the destination.
    pub fn commit(self) -> Result<(), WriteError> {
        swap_into_place(self.dir, &self.dest)
    }

    /// Writes one file into the staging folder.
    pub fn write_file(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let path = self.prepare(rel)?;
        fs::write(&path, bytes).map_err(at(&path))?;
        self.written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }

    /// The path of `rel` in the staging folder, with its folder created.
    fn prepare(&self, rel: &str) -> Result<PathBuf, WriteError> {
        let path = self.dir.path().join(rel);
        if let Some(folder) = path.parent() {
            let known = self.made.lock().map(|m| m.contains(folder)).unwrap_or(false);
            if !known {
                fs::create_dir_all(folder).map_err(at(folder))?;
                if let Ok(mut m) = self.made.lock() {
                    m.insert(folder.to_path_buf());
                }
            }
        }
        Ok(path)
    }

    /// How many files have been written.
    pub fn files(&self) -> usize {
        self.written.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), String> {
        self.write_file(rel, &bytes).map_err(|e| e.to_string())
    }

    fn open(&self, rel: &str) -> Result<Box<dyn crate::render::SinkFile + '_>, String> {
        let path = self.prepare(rel).map_err(|e| e.to_string())?;
        let file = fs::File::create(&path).map_err(|e| WriteError { path: path.clone(), error: e }.to_string())?;
        Ok(Box::new(StagedFile { staging: self, path, file: io::BufWriter::with_capacity(1 << 20, file) }))
    }
}

/// A file being written into the staging folder piece by piece.
struct StagedFile<'a> {
    staging: &'a Staging,
    path: PathBuf,
    file: io::BufWriter<fs::File>,
}

impl io::Write for StagedFile<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl crate::render::SinkFile for StagedFile<'_> {
    fn finish(mut self: Box<Self>) -> Result<(), String> {
        use io::Write;
        self.file.flush().map_err(|e| WriteError { path: self.path.clone(), error: e }.to_string())?;
        self.staging.written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }
}
