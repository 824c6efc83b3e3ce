//! What is in `content/projects/`: the project records, and a report on everything else.
//!
//! A record is a regular file whose name ends in `.toml`. Nothing else in the folder is
//! left out silently, because a record that is not read is a project missing from the
//! published report:
//!
//! - a name clearly meant to be a record (`1-1-2.toml.txt` as Notepad saves it,
//!   `1-1-2.TOML`, `1-1-2.toml ` with a trailing space or dot, full-width `1-1-2．ｔｏｍｌ`)
//!   is an error naming the name to use;
//! - a symbolic link or Windows shortcut named like a record, or a link to a folder, is an
//!   error: kyodo does not follow links, so what they point to would be left out;
//! - anything else (`README.txt`, `notes.xlsx`, `1-1-2.toml.bak`, an editor's temporary
//!   file, other links) is a warning: it is not published.
//!
//! Only the files an operating system puts in any folder by itself (`Thumbs.db`,
//! `desktop.ini`, `.DS_Store`) are passed over without a word.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::PROJECTS_DIR;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::msg;
use crate::msg::Msg;
use crate::slug::Slug;

/// Files that Windows and macOS create in folders on their own; never a clerk's work.
const SYSTEM_FILES: [&str; 3] = ["thumbs.db", "desktop.ini", ".ds_store"];

/// What one entry of the projects folder is.
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    /// A project record, to be read.
    Record,
    /// A file of the operating system's, passed over.
    SystemFile,
    /// Not read, and reported with this severity, message and help.
    Reported(Severity, Msg, Msg),
}

/// All records under `content/projects/`, sorted by path so that the order (and so every
/// report and output) does not depend on the file system. Every other entry is reported
/// in `diags` (see the module documentation).
pub fn record_paths(root: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let dir = root.join(PROJECTS_DIR);
    if !dir.is_dir() {
        let root = root.display();
        diags.push(Diagnostic::file_error(
            Path::new(PROJECTS_DIR),
            msg!(ja: "事業のフォルダーがありません。", en: "the projects folder is missing"),
            msg!(
                ja: "{root} の中に {PROJECTS_DIR}/ フォルダーを作り、事業ごとに一つずつ .toml ファイルを置いてください。",
                en: "create the folder {PROJECTS_DIR}/ in {root} and put one .toml file per project in it",
            ),
        ));
        return Vec::new();
    }
    let relative = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut records = Vec::new();
    let mut others = Vec::new();
    // Links are not followed (the default): a record must be in the folder itself.
    for entry in WalkDir::new(&dir).min_depth(1).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => {
                let name = e.file_name().to_string_lossy();
                let kind = if e.file_type().is_file() {
                    FileKind::File
                } else if e.file_type().is_symlink() {
                    FileKind::Link { to_folder: e.path().is_dir() }
                } else {
                    FileKind::Other
                };
                match classify(&name, kind) {
                    Entry::Record => records.push(relative(e.path())),
                    Entry::SystemFile => {}
                    Entry::Reported(..) => others.push((relative(e.path()), kind)),
                }
            }
            Err(e) => diags.push(Diagnostic::file_error(
                &e.path().map_or_else(|| PathBuf::from(PROJECTS_DIR), relative),
                msg!(ja: "読み込めません（{e}）。", en: "cannot read: {e}"),
                msg!(
                    ja: "フォルダーがあること、読み込む権限があることを確かめてください。",
                    en: "check that the folder exists and that you may read it",
                ),
            )),
        }
    }
    let record_set: BTreeSet<&Path> = records.iter().map(PathBuf::as_path).collect();
    for (path, kind) in &others {
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        if let Entry::Reported(severity, message, mut help) = classify(&name, *kind) {
            // Renaming to a record name that is taken would lose one of the two files.
            let meant = meant_record_name(&name).or_else(|| backup_of(&name).map(|stem| format!("{stem}.toml")));
            if let Some(meant) = meant.filter(|m| record_set.contains(path.with_file_name(m).as_path())) {
                help = match severity {
                    Severity::Error => msg!(
                        ja: "{meant} もあります。二つのうち正しい方を {meant} として残し、もう一方は {PROJECTS_DIR}/ の外へ移してください。",
                        en: "{meant} exists too: keep the right one of the two as {meant}, and move the other out of {PROJECTS_DIR}/",
                    ),
                    Severity::Warning => msg!(
                        ja: "この写しを残しておきたい場合は、{PROJECTS_DIR}/ の外へ移してください（読み込まれるのは {meant} の方です）。移せば、この警告は出なくなります。",
                        en: "{meant} is the record that is read; if you keep this copy on purpose, move it out of {PROJECTS_DIR}/ so that this warning goes away",
                    ),
                };
            }
            diags.push(Diagnostic {
                severity,
                file: path.clone(),
                location: None,
                key: None,
                message,
                help: Some(help),
            });
        }
    }
    records
}

/// What the file system says an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    File,
    Link {
        to_folder: bool,
    },
    /// A device, pipe or socket.
    Other,
}

/// Decides what an entry named `name` is, and for one that is not read, what to say.
fn classify(name: &str, kind: FileKind) -> Entry {
    let hidden = name.starts_with(['.', '#', '~']);
    match kind {
        FileKind::File if Path::new(name).extension().is_some_and(|x| x == "toml") => return Entry::Record,
        FileKind::File if SYSTEM_FILES.contains(&name.to_lowercase().as_str()) => return Entry::SystemFile,
        FileKind::Link { to_folder }
            if !hidden && (to_folder || name.ends_with(".toml") || meant_record_name(name).is_some()) =>
        {
            let help = if to_folder {
                msg!(
                    ja: "リンクではなく、リンク先の記録ファイルそのものをここに置くか、リンクを削除してください。",
                    en: "put the records in it here instead of a link, or remove the link",
                )
            } else {
                msg!(
                    ja: "リンクではなく、記録ファイルそのものをここに置くか、リンクを削除してください。",
                    en: "put the record itself here instead of a link, or remove the link",
                )
            };
            return error(
                msg!(
                    ja: "シンボリックリンクのため、読み込んでいません（kyodo はリンクをたどりません）。",
                    en: "not read: it is a symbolic link, and kyodo does not follow links",
                ),
                help,
            );
        }
        FileKind::Link { .. } => {
            return warning(
                msg!(
                    ja: "シンボリックリンクです。kyodo はリンクをたどりません。",
                    en: "a symbolic link, which kyodo does not follow",
                ),
                msg!(
                    ja: "リンクを削除するか、content/projects/ の外へ移してください。そうすれば、この警告は出なくなります。",
                    en: "remove the link, or move it out of content/projects/, so that this warning goes away",
                ),
            );
        }
        FileKind::Other => {
            return warning(
                msg!(ja: "ファイルではありません。", en: "not a file"),
                msg!(
                    ja: "content/projects/ の外へ移してください。移せば、この警告は出なくなります。",
                    en: "move it out of content/projects/, so that this warning goes away",
                ),
            );
        }
        FileKind::File => {}
    }
    if let Some(target) = name.strip_suffix(".lnk").filter(|t| t.ends_with(".toml")) {
        return error(
            msg!(
                ja: "{target} への Windows のショートカットのため、読み込んでいません（kyodo はショートカットをたどりません）。",
                en: "not read: it is a Windows shortcut to {target}, and kyodo does not follow shortcuts",
            ),
            msg!(
                ja: "記録ファイル {target} そのものをこのフォルダーにコピーし、ショートカットは削除してください。",
                en: "copy the record {target} itself into this folder, and delete the shortcut",
            ),
        );
    }
    if let Some(meant) = meant_record_name(name) {
        return error(
            msg!(
                ja: "事業の記録ファイルとして読み込んでいません。{why}",
                en: "not read as a project record: {why}",
                why = why_not_a_record(name),
            ),
            msg!(ja: "ファイル名を {meant} に変えてください。", en: "rename it to {meant}"),
        );
    }
    let content = super::CONTENT_DIR;
    let keep_elsewhere = if hidden {
        msg!(
            ja: "エディターの一時ファイルであれば、エディターを閉じると消えます。そうでなければ、{PROJECTS_DIR}/ の外へ移してください。移せば、この警告は出なくなります。",
            en: "if it is an editor's temporary file, it goes away when the editor is closed; otherwise move it out of {PROJECTS_DIR}/ so that this warning goes away",
        )
    } else {
        msg!(
            ja: "残しておきたいファイルであれば、{PROJECTS_DIR}/ の外（例: {content}/）へ移してください。移せば、この警告は出なくなります。",
            en: "if you keep it on purpose, move it out of {PROJECTS_DIR}/ (e.g. to {content}/) so that this warning goes away",
        )
    };
    let not_a_record = msg!(
        ja: "事業の記録ファイルではないため、公開されません（読み込むのは名前が .toml で終わるファイルだけです）。",
        en: "not a project record, so it is not published (only files ending in .toml are read)",
    );
    if let Some(stem) = backup_of(name) {
        return warning(
            not_a_record,
            msg!(
                ja: "{keep_elsewhere}公開する場合は、ファイル名を {stem}.toml に変えてください。",
                en: "{keep_elsewhere}; to publish it, rename it to {stem}.toml",
                keep_elsewhere = keep_elsewhere,
            ),
        );
    }
    warning(not_a_record, keep_elsewhere)
}

fn error(message: Msg, help: Msg) -> Entry {
    Entry::Reported(Severity::Error, message, help)
}

fn warning(message: Msg, help: Msg) -> Entry {
    Entry::Reported(Severity::Warning, message, help)
}

/// The record name meant by a name that misses it only by how it was saved or typed:
/// `.txt` added by Notepad, capitals, trailing spaces or dots (which Windows drops), or
/// full-width characters. `None` for any other name, and for a record name itself.
fn meant_record_name(name: &str) -> Option<String> {
    let mut meant: String = crate::width::nfkc(name).into_owned();
    loop {
        let trimmed = meant.trim_end_matches(|c: char| c.is_whitespace() || c == '.');
        let without_txt = match trimmed.len().checked_sub(4) {
            Some(cut) if trimmed.is_char_boundary(cut) && trimmed[cut..].eq_ignore_ascii_case(".txt") => {
                &trimmed[..cut]
            }
            _ => trimmed,
        };
        if without_txt.len() == meant.len() {
            break;
        }
        meant = without_txt.to_owned();
    }
    let stem_len = meant.len().checked_sub(5)?;
    if !meant.is_char_boundary(stem_len) || !meant[stem_len..].eq_ignore_ascii_case(".toml") || stem_len == 0 {
        return None;
    }
    let meant = format!("{}.toml", &meant[..stem_len]);
    (meant != name).then_some(meant)
}

/// The project id that an entry of the projects folder reported as an error was meant
/// to hold: `1-1-2` for `content/projects/1-1-2.toml.txt`, a link `1-1-2.toml` or a
/// shortcut `1-1-2.toml.lnk`. `None` for any other file.
pub fn intended_id(file: &Path) -> Option<String> {
    if !file.starts_with(PROJECTS_DIR) {
        return None;
    }
    let name = file.file_name()?.to_string_lossy();
    let shortcut = name.strip_suffix(".lnk").filter(|t| t.ends_with(".toml"));
    let record = match shortcut {
        Some(target) => target.to_owned(),
        None => meant_record_name(&name).unwrap_or_else(|| name.into_owned()),
    };
    record.strip_suffix(".toml").map(str::to_owned)
}

/// Why a near-miss name is not a record name, in the clerk's terms.
fn why_not_a_record(name: &str) -> Msg {
    let end = name.trim_end_matches(|c: char| c.is_whitespace() || c == '.');
    if end.to_lowercase().ends_with(".txt") {
        msg!(
            ja: "名前が .txt で終わっています（メモ帳は「ファイルの種類」を「すべてのファイル」にしないと .txt を付けて保存します）。",
            en: "its name ends in .txt (Notepad adds .txt unless \"Save as type\" is set to \"All files\")",
        )
    } else if end.len() < name.len() {
        msg!(
            ja: "名前の .toml の後に空白か点があります。",
            en: "its name ends in a space or a dot after .toml",
        )
    } else if name.chars().any(crate::width::is_full_width) {
        msg!(
            ja: "名前に全角文字があります。記録ファイルの名前は半角で書きます。",
            en: "its name has full-width characters; record names are half-width",
        )
    } else {
        msg!(
            ja: "名前が小文字の .toml で終わっていません。",
            en: "its name does not end in .toml in lower case",
        )
    }
}

/// The record a backup or a copy saved as text was made of: `1-1-2` for
/// `1-1-2.toml.bak`, `1-1-2.toml~` or `1-1-2.txt`. Names of editors' hidden temporary
/// files (`.1-1-2.toml.swp`, `#1-1-2.toml#`) give none: they are not for renaming.
fn backup_of(name: &str) -> Option<&str> {
    if name.starts_with(['.', '#', '~']) {
        return None;
    }
    let stem = match name.find(".toml") {
        Some(i) => &name[..i],
        None => name.strip_suffix(".txt")?,
    };
    Slug::parse(stem).is_ok().then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn severity(name: &str) -> Option<Severity> {
        match classify(name, FileKind::File) {
            Entry::Reported(s, _, _) => Some(s),
            Entry::Record | Entry::SystemFile => None,
        }
    }

    #[test]
    fn names_meant_as_records_are_errors_naming_the_record_name() {
        let cases = [
            ("1-1-2.toml.txt", "1-1-2.toml"),
            ("1-1-2.toml.TXT", "1-1-2.toml"),
            ("1-1-2.TOML", "1-1-2.toml"),
            ("1-1-2.Toml", "1-1-2.toml"),
            ("1-1-2.toml ", "1-1-2.toml"),
            ("1-1-2.toml.", "1-1-2.toml"),
            ("1-1-2.toml. .txt", "1-1-2.toml"),
            ("1-1-2．ｔｏｍｌ", "1-1-2.toml"),
            ("１-１-２.toml　", "1-1-2.toml"),
        ];
        for (name, meant) in cases {
            assert_eq!(meant_record_name(name).as_deref(), Some(meant), "{name}");
            assert_eq!(severity(name), Some(Severity::Error), "{name}");
        }
    }

    #[test]
    fn other_files_are_warnings_and_records_are_read() {
        for name in [
            "README.txt",
            "notes.xlsx",
            "1-1-2.toml.bak",
            "1-1-2.toml~",
            ".1-1-2.toml.swp",
            "#1-1-2.toml#",
            "4913",
            ".toml",
            "1-1-2.txt",
            "toml",
        ] {
            assert_eq!(meant_record_name(name), None, "{name}");
            assert_eq!(severity(name), Some(Severity::Warning), "{name}");
        }
        for name in ["1-1-2.toml", "１-１-２.toml", ".hidden.toml"] {
            assert_eq!(classify(name, FileKind::File), Entry::Record, "{name}");
        }
        for name in ["Thumbs.db", "desktop.ini", ".DS_Store"] {
            assert_eq!(classify(name, FileKind::File), Entry::SystemFile, "{name}");
        }
        assert_eq!(backup_of("1-1-2.toml.bak"), Some("1-1-2"));
        assert_eq!(backup_of("1-1-2.txt"), Some("1-1-2"));
        assert_eq!(backup_of("README.txt"), None);
        assert_eq!(backup_of(".1-1-2.toml.swp"), None);
    }

    #[test]
    fn a_misnamed_record_or_a_link_still_names_its_project() {
        for (file, id) in [
            ("content/projects/1-1-2.toml.txt", Some("1-1-2")),
            ("content/projects/a/1-1-3.TOML", Some("1-1-3")),
            ("content/projects/1-1-4.toml.lnk", Some("1-1-4")),
            ("content/projects/1-1-5.toml", Some("1-1-5")),
            ("content/projects/README.txt", None),
            ("content/site.toml", None),
        ] {
            assert_eq!(intended_id(Path::new(file)).as_deref(), id, "{file}");
        }
    }

    #[test]
    fn links_named_as_records_or_to_folders_are_errors() {
        let link = |name: &str, to_folder: bool| match classify(name, FileKind::Link { to_folder }) {
            Entry::Reported(s, _, _) => s,
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(link("1-1-2.toml", false), Severity::Error);
        assert_eq!(link("1-1-2.TOML", false), Severity::Error);
        assert_eq!(link("more", true), Severity::Error);
        assert_eq!(link("notes.xlsx", false), Severity::Warning);
        // An editor's lock file (Emacs writes .#name as a link).
        assert_eq!(link(".#1-1-2.toml", false), Severity::Warning);
        assert_eq!(severity("1-1-2.toml.lnk"), Some(Severity::Error));
    }
}
