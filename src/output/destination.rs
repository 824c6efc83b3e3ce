//! Where a build may write: the rules that decide whether an output folder may be replaced.
//!
//! A build replaces its output folder as a whole, so it must never land on anything the
//! clerk wrote. The rules, on paths with every symbolic link resolved:
//!
//! - the site root, its `content/` and `themes/` folders, any folder that contains one of
//!   them, anything inside `content/` or `themes/`, a file, a dangling symbolic link and the
//!   root of a file system are always refused, even with `--force`;
//! - a new path, an empty folder, or a folder kyodo wrote (it holds the stamp file
//!   [`STAMP_NAME`]) is replaced;
//! - any other folder is refused unless the clerk passes `--force`.
//!
//! A symbolic link as output is followed: the rules apply to the folder it points to, that
//! folder is replaced, and the link is kept. [`decide`] is the rule table on resolved paths,
//! free of I/O; [`Destination::check`] resolves the paths, looks at the folder and applies it.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::msg;
use crate::msg::Msg;

/// The file kyodo writes into every output folder (and staging folder) it makes; a folder
/// that holds it may be replaced by the next build.
pub const STAMP_NAME: &str = ".kyodo-build";

/// The text of the stamp file: one line, the same in every build, so that two builds of the
/// same site stay byte-identical.
pub const STAMP_TEXT: &str =
    "This folder was written by kyodo build and is replaced by the next build: do not keep your own files here.\n";

/// A folder of the site that no build may replace, contain or write into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteFolder {
    Root,
    Content,
    Themes,
}

/// How the output path stands to a [`SiteFolder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Is,
    Contains,
    Inside,
}

/// What is at the output path now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Nothing,
    EmptyFolder,
    /// A folder holding the stamp file.
    KyodoOutput,
    /// A folder with other things in it: their number and the first few names, sorted.
    OtherFolder {
        count: usize,
        first: Vec<String>,
    },
    File,
    /// A folder on the way is a file (`notes.txt/site`).
    PathThroughFile,
    /// A symbolic link (the output or a folder on its way) to something that does not exist.
    DanglingLink {
        link: PathBuf,
        target: PathBuf,
    },
}

/// Why a build refuses an output path.
#[derive(Debug)]
pub enum Reason {
    SiteFolder {
        relation: Relation,
        folder: SiteFolder,
        path: PathBuf,
    },
    File,
    PathThroughFile,
    DanglingLink {
        link: PathBuf,
        target: PathBuf,
    },
    FileSystemRoot,
    /// A folder kyodo did not write; `--force` replaces it.
    NotKyodoOutput {
        count: usize,
        first: Vec<String>,
    },
    /// The path could not be looked at (permissions, a broken disk …).
    Unreadable {
        path: PathBuf,
        error: io::Error,
    },
}

/// A refused output path: the path as the clerk gave it, and why.
#[derive(Debug)]
pub struct Refusal {
    pub out: PathBuf,
    /// Where `out` points, when it is a symbolic link (named in the message, since the
    /// rules apply to that folder).
    pub link_to: Option<PathBuf>,
    pub reason: Reason,
}

/// The rule table, on resolved absolute paths: `out` with every symbolic link followed, and
/// the site's folders likewise. `found` is what is at `out`.
pub fn decide(out: &Path, found: &Found, site: &[(SiteFolder, PathBuf)], force: bool) -> Result<(), Reason> {
    if out.file_name().is_none() {
        return Err(Reason::FileSystemRoot);
    }
    let site_folder =
        |relation, folder: SiteFolder, path: &Path| Reason::SiteFolder { relation, folder, path: path.to_path_buf() };
    if let Some((folder, path)) = site.iter().find(|(_, p)| out == p) {
        return Err(site_folder(Relation::Is, *folder, path));
    }
    // public/ lies inside the site root, as it should; only content/ and themes/ are closed.
    if let Some((folder, path)) = site.iter().find(|(f, p)| *f != SiteFolder::Root && out.starts_with(p)) {
        return Err(site_folder(Relation::Inside, *folder, path));
    }
    // The root first: a folder that contains the root contains all of the site.
    if let Some((folder, path)) = site.iter().find(|(_, p)| p.starts_with(out)) {
        return Err(site_folder(Relation::Contains, *folder, path));
    }
    match found {
        Found::Nothing | Found::EmptyFolder | Found::KyodoOutput => Ok(()),
        Found::OtherFolder { .. } if force => Ok(()),
        Found::OtherFolder { count, first } => Err(Reason::NotKyodoOutput { count: *count, first: first.clone() }),
        Found::File => Err(Reason::File),
        Found::PathThroughFile => Err(Reason::PathThroughFile),
        Found::DanglingLink { link, target } => {
            Err(Reason::DanglingLink { link: link.clone(), target: target.clone() })
        }
    }
}

/// An output folder that passed the rules: where a build may write.
#[derive(Debug, Clone)]
pub struct Destination {
    /// As the clerk gave it, for messages.
    shown: PathBuf,
    /// Absolute, with every symbolic link followed.
    path: PathBuf,
    site: Vec<(SiteFolder, PathBuf)>,
    force: bool,
}

impl Destination {
    /// Applies the rules to `out` for the site at `site_root`; `force` allows replacing a
    /// folder kyodo did not write (and nothing else).
    pub fn check(site_root: &Path, out: &Path, force: bool) -> Result<Destination, Refusal> {
        let link_to = fs::read_link(out).ok();
        let refuse = |reason| Refusal { out: out.to_path_buf(), link_to: link_to.clone(), reason };
        let unreadable = |path: &Path| {
            let path = path.to_path_buf();
            move |error| refuse(Reason::Unreadable { path, error })
        };
        let mut site = Vec::new();
        for (folder, path) in [
            (SiteFolder::Root, site_root.to_path_buf()),
            (SiteFolder::Content, site_root.join("content")),
            (SiteFolder::Themes, site_root.join("themes")),
        ] {
            // A dangling link in the site's own folders is for the build to report; the
            // path the link names is still protected.
            let resolved = match resolve(&path).map_err(unreadable(&path))? {
                Resolved::Path(p) => p,
                Resolved::Dangling { link, .. } => std::path::absolute(&link).map_err(unreadable(&path))?,
            };
            site.push((folder, resolved));
        }
        let (path, found) = match resolve(out).map_err(unreadable(out))? {
            Resolved::Path(p) => {
                let found = inspect(&p).map_err(unreadable(&p))?;
                (p, found)
            }
            Resolved::Dangling { link, target } => {
                (std::path::absolute(out).map_err(unreadable(out))?, Found::DanglingLink { link, target })
            }
        };
        decide(&path, &found, &site, force).map_err(refuse)?;
        Ok(Destination { shown: out.to_path_buf(), path, site, force })
    }

    /// Applies the rules again, just before the output is replaced: the folder may have
    /// changed while the site was being built.
    pub fn recheck(&self) -> Result<(), Refusal> {
        let refuse = |reason| Refusal { out: self.shown.clone(), link_to: fs::read_link(&self.shown).ok(), reason };
        let found =
            inspect(&self.path).map_err(|error| refuse(Reason::Unreadable { path: self.path.clone(), error }))?;
        decide(&self.path, &found, &self.site, self.force).map_err(refuse)
    }

    /// The output path as the clerk gave it.
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// The output folder: absolute, with symbolic links followed.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder that holds the output folder (staging folders are made there).
    pub fn parent(&self) -> &Path {
        // `decide` refuses a path without a file name, so a checked path has a parent.
        self.path.parent().unwrap_or(&self.path)
    }

    /// The output folder's own name.
    pub fn name(&self) -> &OsStr {
        self.path.file_name().unwrap_or_default()
    }
}

/// Whether `entry`, a name in the output's parent folder, is a staging folder name a build
/// of the output `out_name` makes: `.<out_name>.new-<letters and digits>` or `.old-` alike.
pub fn is_staging_name(entry: &OsStr, out_name: &OsStr) -> bool {
    let (Some(entry), Some(out_name)) = (entry.to_str(), out_name.to_str()) else { return false };
    let Some(rest) = entry.strip_prefix('.').and_then(|r| r.strip_prefix(out_name)) else { return false };
    let Some(suffix) = rest.strip_prefix(".new-").or_else(|| rest.strip_prefix(".old-")) else { return false };
    !suffix.is_empty() && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `dir` holds the stamp file (a real file, not a link).
pub fn is_stamped(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(STAMP_NAME)).map(|m| m.is_file()).unwrap_or(false)
}

/// A path with its symbolic links followed, or the dangling link found on the way.
enum Resolved {
    Path(PathBuf),
    Dangling { link: PathBuf, target: PathBuf },
}

/// Resolves `path` for a folder that may not exist yet: the nearest existing ancestor is
/// canonicalized and the rest appended, `..` taken off what it follows. The folders of the
/// rest do not exist, so they are no links, and the result is the path a build writes to.
fn resolve(path: &Path) -> io::Result<Resolved> {
    let absolute = std::path::absolute(path)?;
    let components: Vec<Component> = absolute.components().collect();
    for existing in (1..=components.len()).rev() {
        let base: PathBuf = components[..existing].iter().collect();
        match fs::canonicalize(&base) {
            Ok(mut resolved) => {
                for c in &components[existing..] {
                    match c {
                        Component::ParentDir => {
                            resolved.pop();
                        }
                        Component::Normal(name) => resolved.push(name),
                        Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
                    }
                }
                return Ok(Resolved::Path(resolved));
            }
            Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {
                if e.kind() == io::ErrorKind::NotFound
                    && let Ok(target) = fs::read_link(&base)
                {
                    return Ok(Resolved::Dangling { link: base, target });
                }
            }
            Err(e) => return Err(e),
        }
    }
    // Even the file system root did not resolve.
    Err(io::Error::new(io::ErrorKind::NotFound, "no folder of this path exists"))
}

/// How many names of an unknown folder a message lists.
const NAMES_SHOWN: usize = 3;

/// What is at `path`, a resolved path.
fn inspect(path: &Path) -> io::Result<Found> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => return Ok(Found::PathThroughFile),
        Err(e) => return Err(e),
    };
    if !meta.is_dir() {
        return Ok(Found::File);
    }
    let mut names = Vec::new();
    for entry in fs::read_dir(path)? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    if names.is_empty() {
        return Ok(Found::EmptyFolder);
    }
    if is_stamped(path) {
        return Ok(Found::KyodoOutput);
    }
    names.sort();
    let count = names.len();
    names.truncate(NAMES_SHOWN);
    Ok(Found::OtherFolder { count, first: names })
}

/// A path for a message: without Windows' `\\?\` prefix of canonical paths.
fn shown(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix(r"\\?\").map(str::to_owned).unwrap_or(s)
}

impl Refusal {
    /// The refusal as the clerk reads it: the path, why, and what to do instead. In English
    /// `error: cannot build into … : why` and `= help:`; in Japanese the fix (直し方) first.
    pub fn message(&self) -> Msg {
        let out = self.out.display();
        let head = match &self.link_to {
            Some(target) if !matches!(self.reason, Reason::DanglingLink { .. }) => {
                let target = target.display();
                msg!(
                    ja: "エラー: {out}（{target} へのシンボリックリンク）には書き出せません。",
                    en: "error: cannot build into {out} (a symbolic link to {target}): ",
                )
            }
            _ => msg!(ja: "エラー: {out} には書き出せません。", en: "error: cannot build into {out}: "),
        };
        let (why, help) = self.reason.explain(&self.out);
        msg!(
            ja: "{head}\n  直し方: {help}\n  内容: {why}",
            en: "{head}{why}\n  = help: {help}",
            head = head,
            why = why,
            help = help,
        )
    }
}

impl Reason {
    /// Why the output folder is refused, and what to do instead.
    fn explain(&self, out: &Path) -> (Msg, Msg) {
        let out = out.display();
        let choose_another = || {
            msg!(
                ja: "--out で新しいフォルダーか空のフォルダーを指定してください。ファイルは --force を付けても置き換えません。",
                en: "choose a new or empty folder with --out; a file is never replaced, not even with --force",
            )
        };
        match self {
            Reason::SiteFolder { relation, folder, path } => site_folder(*relation, *folder, path),
            Reason::File => {
                (msg!(ja: "フォルダーではなく、ファイルです。", en: "it is a file, not a folder"), choose_another())
            }
            Reason::PathThroughFile => (
                msg!(ja: "途中のフォルダーの一つがファイルです。", en: "a folder on its way is a file"),
                choose_another(),
            ),
            Reason::DanglingLink { link, target } => {
                let (link, target) = (link.display(), target.display());
                let why = msg!(
                    ja: "{link} は {target} へのシンボリックリンクですが、リンク先がありません。",
                    en: "{link} is a symbolic link to {target}, which does not exist",
                );
                let help = msg!(
                    ja: "リンク先のフォルダーを作るか、--out で別のフォルダーを指定してください。",
                    en: "create the folder the link points to, or choose another folder with --out",
                );
                (why, help)
            }
            Reason::FileSystemRoot => (
                msg!(ja: "ドライブ（ファイルシステム）の一番上のフォルダーです。", en: "it is the root of a file system"),
                msg!(
                    ja: "--out で新しいフォルダーか空のフォルダーを指定してください。",
                    en: "choose a new or empty folder with --out",
                ),
            ),
            Reason::NotKyodoOutput { count, first } => {
                let names = first.join(", ");
                let more = count - first.len().min(*count);
                let (more_ja, more_en) = if more > 0 {
                    (format!(" ほか{more}件"), format!(" and {more} more"))
                } else {
                    (String::new(), String::new())
                };
                let why = msg!(
                    ja: "{names}{more_ja} がありますが、kyodo が書き出したことを示す {STAMP_NAME} ファイルがありません。サイトを作成すると、このフォルダーは丸ごと置き換わります。",
                    en: "it holds {names}{more_en} but no {STAMP_NAME} file to show kyodo wrote it, and a build replaces the whole folder",
                );
                let help = msg!(
                    ja: "--out で新しいフォルダーか空のフォルダーを指定してください。または --force を付けると、{out} の中身をすべて削除してから、そこに作成します（{STAMP_NAME} ファイルができる前の古い kyodo で作ったフォルダーには、一度だけ必要です）。",
                    en: "choose a new or empty folder with --out, or pass --force to delete everything in {out} and build there (needed once for a folder built by a kyodo older than the {STAMP_NAME} file)",
                );
                (why, help)
            }
            Reason::Unreadable { path, error } => {
                let path = path.display();
                (
                    msg!(ja: "{path} の中を確かめられません（{error}）。", en: "cannot look into {path}: {error}"),
                    msg!(ja: "フォルダーを読み込めることを確かめてください。", en: "check that the folder is readable"),
                )
            }
        }
    }
}

/// Why an output path that is, contains or lies inside a folder of the site is refused,
/// and what to do instead.
fn site_folder(relation: Relation, folder: SiteFolder, path: &Path) -> (Msg, Msg) {
    let what = match folder {
        SiteFolder::Root => msg!(ja: "サイトのルート", en: "the site root"),
        SiteFolder::Content => msg!(ja: "サイトの content フォルダー", en: "the site's content folder"),
        SiteFolder::Themes => msg!(ja: "サイトの themes フォルダー", en: "the site's themes folder"),
    };
    let path = shown(path);
    let why = match relation {
        Relation::Is => {
            msg!(ja: "{what}（{path}）そのものです。", en: "it is {what} ({path})", what = what)
        }
        Relation::Contains => msg!(
            ja: "{what}（{path}）を含むフォルダーです。",
            en: "it contains {what} ({path})",
            what = what,
        ),
        Relation::Inside => {
            msg!(ja: "{what}（{path}）の中です。", en: "it is inside {what} ({path})", what = what)
        }
    };
    let help = msg!(
        ja: "書き出し先には、専用のフォルダーを指定してください（既定はサイトのルートの中の public/ です）。サイトのルート、content/、themes/ は、--force を付けても置き換えません。",
        en: "build into a folder of its own, such as public/ in the site root (the default); the site root, content/ and themes/ are never replaced, not even with --force",
    );
    (why, help)
}

#[cfg(test)]
mod tests;
