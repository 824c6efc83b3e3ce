//! Watching a site root for `kyodo serve`, in a way that survives `content/` or `themes/`
//! being moved away, deleted or replaced (by a clerk, or by a sync tool that swaps in a
//! new copy of the folder).
//!
//! A watch on a folder ends with the folder: once `content/` is gone, a watch on it never
//! reports again, even when a folder of the same name comes back. So the site root itself
//! is watched (not recursively: only its own entries), and whenever it reports that
//! `content/` or `themes/` appeared, disappeared or was renamed, those two are watched
//! afresh, recursively, where they exist.

use crate::msg;
use crate::msg::{Lang, Msg};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// The folders of a site root whose changes rebuild the preview.
pub const WATCHED: [&str; 2] = ["content", "themes"];

/// Editors write a file in several steps; changes are gathered until this long passes
/// without another.
const QUIET: Duration = Duration::from_millis(150);

/// The watches on one site root.
pub struct SiteWatcher {
    watcher: RecommendedWatcher,
    root: PathBuf,
    /// `root` made absolute as the watcher makes it (joined to the current folder): the
    /// system reports absolute paths even for a folder watched by a relative one, such as
    /// `kyodo serve`'s default `.`.
    absolute: PathBuf,
    events: Receiver<Vec<PathBuf>>,
    /// The language of the warnings it prints.
    lang: Lang,
}

impl SiteWatcher {
    /// Watches `root` and, where they exist, its `content/` and `themes/`.
    pub fn new(root: &Path, lang: Lang) -> Result<SiteWatcher, Msg> {
        let (tx, events) = mpsc::channel::<Vec<PathBuf>>();
        // When the system dropped events, the folders are watched again and everything
        // is rebuilt, as when content/ itself changes.
        let rescan = vec![root.join(WATCHED[0])];
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if let Ok(e) = event {
                if e.need_rescan() {
                    let _ = tx.send(rescan.clone());
                } else if !matches!(e.kind, EventKind::Access(_)) {
                    let _ = tx.send(e.paths);
                }
            }
        })
        .map_err(|e| msg!(ja: "変更を見張ることができません（{e}）。", en: "cannot watch for changes: {e}"))?;
        watcher.watch(root, RecursiveMode::NonRecursive).map_err(|e| {
            let root = root.display();
            msg!(ja: "{root} を見張ることができません（{e}）。", en: "cannot watch {root}: {e}")
        })?;
        let absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let mut watching = SiteWatcher { watcher, root: root.to_path_buf(), absolute, events, lang };
        watching.rewatch();
        Ok(watching)
    }

    /// Watches `content/` and `themes/` afresh, each where it exists now.
    fn rewatch(&mut self) {
        for dir in WATCHED {
            let path = self.root.join(dir);
            // A watch may be left from a folder that is gone; if there is none, there is
            // nothing to undo.
            let _ = self.watcher.unwatch(&path);
            if path.is_dir()
                && let Err(e) = self.watcher.watch(&path, RecursiveMode::Recursive)
            {
                let path = path.display();
                let warning = msg!(
                    ja: "警告: {path} を見張ることができません（{e}）。\n  直し方: kyodo serve を起動し直してください（そのフォルダーを置き換えた場合は、それだけでまた変更を見張るようになります）。",
                    en: "warning: cannot watch {path}: {e}\n  = help: changes there are seen again when the folder is replaced; or restart kyodo serve",
                );
                eprintln!("{}", warning.get(self.lang));
            }
        }
    }

    /// Waits for the next change that can alter the site and returns its paths (as the
    /// system reports them), gathered until the files have been quiet for a moment.
    /// `None` when watching has stopped.
    pub fn next_change(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            let first = self.events.recv().ok()?;
            let mut paths: BTreeSet<PathBuf> = first.into_iter().collect();
            while let Ok(more) = self.events.recv_timeout(QUIET) {
                paths.extend(more);
            }
            // As paths under the root as it was given, which is what the preview reads.
            let paths = paths.into_iter().map(|p| match p.strip_prefix(&self.absolute) {
                Ok(rest) if !p.starts_with(&self.root) => self.root.join(rest),
                _ => p,
            });
            let (changed, folders) = classify(&self.root, paths);
            if folders {
                self.rewatch();
            }
            if !changed.is_empty() {
                return Some(changed);
            }
        }
    }
}

/// Of the paths reported, those that can change the site (inside `content/` or
/// `themes/`, or those folders themselves), leaving out editors' temporary files
/// (`.record.toml.swp`, `record.toml~`); and whether `content/` or `themes/` itself
/// changed.
pub fn classify(root: &Path, paths: impl IntoIterator<Item = PathBuf>) -> (Vec<PathBuf>, bool) {
    let mut changed = Vec::new();
    let mut folders = false;
    for path in paths {
        let relative = path.strip_prefix(root).unwrap_or(&path);
        let mut parts = relative.components().filter(|c| !matches!(c, Component::CurDir));
        let Some(Component::Normal(top)) = parts.next() else { continue };
        if !WATCHED.iter().any(|w| top == *w) {
            continue;
        }
        if parts.next().is_none() {
            folders = true;
        } else if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.') || n.to_string_lossy().ends_with('~'))
        {
            continue;
        }
        changed.push(path);
    }
    (changed, folders)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_and_themes_count_and_their_folders_are_noticed() {
        let root = Path::new("/site");
        let paths = [
            "/site/content/projects/1-1-1.toml",
            "/site/content/projects/.1-1-1.toml.swp",
            "/site/content/projects/1-1-1.toml~",
            "/site/public/index.html",
            "/site/README.md",
            "/site/themes/default/templates/base.html",
            "/elsewhere/content/x.toml",
        ];
        let (changed, folders) = classify(root, paths.iter().map(PathBuf::from));
        assert_eq!(
            changed,
            [
                PathBuf::from("/site/content/projects/1-1-1.toml"),
                PathBuf::from("/site/themes/default/templates/base.html")
            ]
        );
        assert!(!folders);
        let (changed, folders) = classify(root, [PathBuf::from("/site/content"), PathBuf::from("/site/content.old")]);
        assert_eq!((changed, folders), (vec![PathBuf::from("/site/content")], true));
        // The site root as given on the command line, `.` by default.
        let (changed, folders) =
            classify(Path::new("."), [PathBuf::from("./themes"), PathBuf::from("./content/site.toml")]);
        assert_eq!(changed.len(), 2);
        assert!(folders);
    }
}
