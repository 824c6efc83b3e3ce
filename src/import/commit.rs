//! Writing the records of an import all or none: every file is first written in full to a
//! temporary file in its own folder and flushed to disk; only when all are written are they
//! renamed over the records, each rename atomic. A failure before the renames (a full disk,
//! a kill) leaves every record as it was; the temporary files of a failed run are removed
//! (a killed run can leave `.kyodo-import-*.tmp` files, which the loader never reads).

use crate::msg;
use crate::msg::Msg;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Threads that write and flush the files.
const WRITERS: usize = 16;

/// A file to write: its path and its whole content.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Writes every file, all or none.
pub fn commit(files: &[NewFile]) -> Result<(), Msg> {
    commit_with(files, &|file, bytes| file.write_all(bytes))
}

/// [`commit`], writing each file's bytes with `write` (tests make it fail).
pub fn commit_with(files: &[NewFile], write: &(dyn Fn(&mut File, &[u8]) -> io::Result<()> + Sync)) -> Result<(), Msg> {
    use rayon::prelude::*;
    // Written and flushed by many threads: a flush waits on the disk, not the processor,
    // and the file system commits flushes that wait together at once. On an error the
    // files written so far are dropped, which removes them.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(WRITERS)
        .build()
        .map_err(|e| msg!(ja: "書き込みを始められません（{e}）。", en: "cannot start writing: {e}"))?;
    let staged: Vec<(tempfile::TempPath, &Path)> = pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                let dir = match f.path.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                let fail = |e: io::Error| {
                    let path = f.path.display();
                    msg!(
                        ja: "{path} に書き込めません（{e}）。記録ファイルは一つも変更していません。",
                        en: "cannot write {path}: {e}; no record was changed",
                    )
                };
                let mut temp =
                    tempfile::Builder::new().prefix(".kyodo-import-").suffix(".tmp").tempfile_in(dir).map_err(fail)?;
                write(temp.as_file_mut(), &f.bytes).map_err(fail)?;
                temp.as_file().sync_all().map_err(fail)?;
                keep_permissions(&f.path, temp.as_file()).map_err(fail)?;
                // Closed now (a site has more records than a process may have open files); the
                // path still removes the file if the import stops before the renames.
                Ok((temp.into_temp_path(), f.path.as_path()))
            })
            .collect::<Result<_, Msg>>()
    })?;
    let total = staged.len();
    for (done, (temp, path)) in staged.into_iter().enumerate() {
        temp.persist(path).map_err(|e| {
            let (path, error) = (path.display(), e.error);
            msg!(
                ja: "{path} を置き換えられません（{error}）。それより前に、記録ファイル{total}件のうち{done}件を書き込みました。",
                en: "cannot replace {path}: {error}; {done} of {total} records were written before it",
            )
        })?;
    }
    Ok(())
}

/// A replaced file keeps its permissions; a new one gets the usual rw-r--r-- (a temporary
/// file is made readable by its owner only).
pub fn keep_permissions(path: &Path, temp: &File) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(m) => temp.set_permissions(m.permissions()),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                temp.set_permissions(std::fs::Permissions::from_mode(0o644))
            }
            #[cfg(not(unix))]
            {
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_every_record_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let records: Vec<PathBuf> = (0..4).map(|i| dir.path().join(format!("{i}.toml"))).collect();
        for r in &records {
            std::fs::write(r, "old").unwrap();
        }
        let files: Vec<NewFile> = records.iter().map(|p| NewFile { path: p.clone(), bytes: b"new".to_vec() }).collect();
        let written = std::sync::atomic::AtomicUsize::new(0);
        let result = commit_with(&files, &|file, bytes| {
            if written.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 2 {
                Err(io::Error::new(io::ErrorKind::StorageFull, "No space left on device"))
            } else {
                file.write_all(bytes)
            }
        });
        let message = result.unwrap_err();
        assert!(message.get(crate::msg::Lang::En).contains("No space left on device"), "{message:?}");
        for r in &records {
            assert_eq!(std::fs::read_to_string(r).unwrap(), "old");
        }
        let left: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
        assert_eq!(left.len(), 4, "temporary files are removed: {left:?}");
        commit(&files).unwrap();
        for r in &records {
            assert_eq!(std::fs::read_to_string(r).unwrap(), "new");
        }
    }
}
