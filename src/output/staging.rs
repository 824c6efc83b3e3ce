//! The staging folder: all or nothing, and only where kyodo may write.
//!
//! Files are written to a staging folder next to the destination; only when every file
//! is written is the old folder moved aside and the new one moved into its place. A build
//! that fails at any point leaves the previous output exactly as it was. Where a build may
//! write at all is decided by [`super::destination`]; every folder kyodo writes (the output
//! and its staging folders) carries the stamp file, written first, so that the next build
//! knows it may replace the output and remove staging folders a killed build left behind.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::destination::{self, Destination, Refusal, STAMP_NAME, STAMP_TEXT};
use super::{Output, Sink, SinkFile};
use crate::msg;
use crate::msg::Msg;

/// Why writing failed, with the path involved.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub error: io::Error,
}

impl WriteError {
    /// "cannot write …", with the system's reason.
    pub fn message(&self) -> Msg {
        let (path, error) = (self.path.display(), &self.error);
        msg!(ja: "{path} に書き込めません（{error}）。", en: "cannot write {path}: {error}")
    }
}

fn at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |error| WriteError { path: path.to_path_buf(), error }
}

/// Why a finished build was not put in place.
#[derive(Debug)]
pub enum CommitError {
    /// The destination changed during the build and may no longer be replaced.
    Refused(Refusal),
    Write(WriteError),
}

impl CommitError {
    /// What went wrong, as the clerk reads it.
    pub fn message(&self) -> Msg {
        match self {
            CommitError::Refused(r) => r.message(),
            CommitError::Write(e) => e.message(),
        }
    }
}

/// Replaces `dest` with the rendered output.
pub fn write_atomically(output: &Output, dest: &Destination) -> Result<(), CommitError> {
    let staging = Staging::new(dest).map_err(CommitError::Write)?;
    for (rel, bytes) in &output.files {
        staging.write_file(rel, bytes).map_err(CommitError::Write)?;
    }
    staging.commit()
}

/// Deletes a folder tree kyodo wrote, removing the files of each folder in parallel (a large
/// site's old output has tens of thousands of files). The stamp goes last, so a deletion
/// cut short leaves a folder the next build still recognises as its own.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let stamp = dir.join(STAMP_NAME);
    let mut folders = Vec::new();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            folders.push(entry.into_path());
        } else if entry.path() != stamp {
            files.push(entry.into_path());
        }
    }
    files.par_iter().try_for_each(fs::remove_file)?;
    // Deepest folders first.
    for folder in folders.iter().rev() {
        fs::remove_dir(folder)?;
    }
    match fs::remove_file(&stamp) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(dir)
}

/// Removes the staging folders of earlier builds of `dest` that were killed before they
/// finished (`.public.new-…`, `.public.old-…`): only folders that carry the stamp or are
/// empty, so a folder of the clerk's that happens to have such a name is left alone.
fn remove_leftovers(dest: &Destination) -> Result<(), WriteError> {
    let parent = dest.parent();
    let entries = match fs::read_dir(parent) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(WriteError { path: parent.to_path_buf(), error: e }),
    };
    for entry in entries {
        let entry = entry.map_err(at(parent))?;
        // `file_type` does not follow links: a link with such a name is not a leftover.
        let is_folder = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if !is_folder || !destination::is_staging_name(&entry.file_name(), dest.name()) {
            continue;
        }
        let path = entry.path();
        let empty = fs::read_dir(&path).map(|mut d| d.next().is_none()).unwrap_or(false);
        if empty || destination::is_stamped(&path) {
            remove_tree(&path).map_err(at(&path))?;
        }
    }
    Ok(())
}

/// Moves a finished staging folder into place: the old output aside, the new one in, then
/// the old one deleted. If the move fails, the old output is put back.
fn swap_into_place(staging: tempfile::TempDir, dest: &Destination) -> Result<(), WriteError> {
    let parent = dest.parent();
    let target = dest.path();
    let name = dest.name().to_string_lossy();
    let staged = staging.keep();
    let old = if fs::symlink_metadata(target).is_ok() {
        let aside =
            tempfile::Builder::new().prefix(&format!(".{name}.old-")).tempdir_in(parent).map_err(at(parent))?.keep();
        // `aside` exists as an empty folder; rename needs the target gone.
        fs::remove_dir(&aside).map_err(at(&aside))?;
        if let Err(error) = fs::rename(target, &aside) {
            let _ = fs::remove_dir_all(&staged);
            return Err(WriteError { path: target.to_path_buf(), error });
        }
        // A folder replaced with --force has no stamp; it gets one now, so that if this
        // build is killed before the folder is deleted, the next build removes it. If
        // writing it fails, the folder is deleted below all the same.
        if !destination::is_stamped(&aside) {
            let _ = fs::write(aside.join(STAMP_NAME), STAMP_TEXT);
        }
        Some(aside)
    } else {
        None
    };
    if let Err(error) = fs::rename(&staged, target) {
        if let Some(aside) = &old {
            let _ = fs::rename(aside, target);
        }
        let _ = fs::remove_dir_all(&staged);
        return Err(WriteError { path: target.to_path_buf(), error });
    }
    if let Some(aside) = old {
        remove_tree(&aside).map_err(at(&aside))?;
    }
    Ok(())
}

/// A folder being filled next to the destination; files go to disk as they are rendered,
/// and [`Staging::commit`] swaps the folder into place only when everything was written.
/// Dropping an uncommitted staging folder deletes it, leaving the destination untouched.
pub struct Staging {
    dir: tempfile::TempDir,
    dest: Destination,
    /// Folders already created, so each is made once.
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    written: std::sync::atomic::AtomicUsize,
}

impl Staging {
    /// Creates the staging folder next to `dest`, with the stamp as its first file, after
    /// removing what killed builds of `dest` left behind.
    pub fn new(dest: &Destination) -> Result<Staging, WriteError> {
        let parent = dest.parent();
        fs::create_dir_all(parent).map_err(at(parent))?;
        remove_leftovers(dest)?;
        let name = dest.name().to_string_lossy();
        let dir = tempfile::Builder::new().prefix(&format!(".{name}.new-")).tempdir_in(parent).map_err(at(parent))?;
        let stamp = dir.path().join(STAMP_NAME);
        fs::write(&stamp, STAMP_TEXT).map_err(at(&stamp))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).map_err(at(dir.path()))?;
        }
        Ok(Staging { dir, dest: dest.clone(), made: Default::default(), written: Default::default() })
    }

    /// Moves the finished folder into place of the destination, if the destination may
    /// still be replaced (it is checked again: it may have changed during the build).
    pub fn commit(self) -> Result<(), CommitError> {
        self.dest.recheck().map_err(CommitError::Refused)?;
        swap_into_place(self.dir, &self.dest).map_err(CommitError::Write)
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

    /// How many files of the site have been written (the stamp is not counted).
    pub fn files(&self) -> usize {
        self.written.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Sink for Staging {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), Msg> {
        self.write_file(rel, &bytes).map_err(|e| e.message())
    }

    fn open(&self, rel: &str) -> Result<Box<dyn SinkFile + '_>, Msg> {
        let path = self.prepare(rel).map_err(|e| e.message())?;
        let file = fs::File::create(&path).map_err(|e| WriteError { path: path.clone(), error: e }.message())?;
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

impl SinkFile for StagedFile<'_> {
    fn finish(mut self: Box<Self>) -> Result<(), Msg> {
        use io::Write;
        self.file.flush().map_err(|e| WriteError { path: self.path.clone(), error: e }.message())?;
        self.staging.written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
