//! Editions: the report of a fiscal year as it was published, kept under the site root.
//!
//! `kyodo freeze R5` writes `content/editions/2023/`: the year's CSV files and their
//! `datapackage.json` exactly as published, and `edition.json`, kyodo's record of the
//! edition (its date, version, a SHA-256 of every file, and what it states, field by
//! field: [`statement`]). Every later build publishes the files unchanged under
//! `data/editions/2023/` and compares what the records state now for 2023 with what the
//! edition stated ([`compare`]): a difference is refused unless a `[[corrections]]` entry
//! of the record covers it.

pub mod compare;
pub mod statement;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::fiscal_year::FiscalYear;
use crate::model::Stated;
use crate::model::config::Date;
use crate::msg;
use crate::msg::Msg;

/// Where editions are kept, relative to the site root.
pub const EDITIONS_DIR: &str = "content/editions";
/// kyodo's record of an edition, in its folder.
pub const MANIFEST: &str = "edition.json";
/// The statement's key of the vocabulary, and the prefix of the keys of project records:
/// their paths from the site root.
pub const VOCABULARY_KEY: &str = "content/vocabulary.toml";
pub const PROJECTS_PREFIX: &str = "content/projects/";
/// The version of the manifest's format.
const FORMAT: u32 = 1;

/// `edition.json`: what kyodo needs to publish an edition unchanged and to compare later
/// records with it. Fields in alphabetical order, the order of the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// File name → SHA-256 of its bytes, in hex.
    pub files: BTreeMap<String, String>,
    pub fiscal_year: i64,
    pub format: u32,
    /// The freezing date, YYYY-MM-DD.
    pub frozen: String,
    /// Record file (`content/projects/1-1-1.toml`, `content/vocabulary.toml`) → field → value.
    pub statement: BTreeMap<String, BTreeMap<String, Stated>>,
    pub version: String,
}

impl Manifest {
    /// A manifest for files about to be frozen.
    pub fn new(
        year: FiscalYear,
        frozen: &Date,
        files: &[(String, Vec<u8>)],
        statement: BTreeMap<String, BTreeMap<String, Stated>>,
    ) -> Manifest {
        Manifest {
            files: files.iter().map(|(n, b)| (n.clone(), sha256(b))).collect(),
            fiscal_year: year.year(),
            format: FORMAT,
            frozen: frozen.as_str().to_owned(),
            statement,
            version: version(year, 0),
        }
    }
}

/// The version of a data package: the fiscal year it reports on, then the number of
/// corrections made to published editions (which never goes back, so a version names one
/// state of the published figures), then 0. An edition is `<year>.0.0` for ever.
pub fn version(year: FiscalYear, corrections: usize) -> String {
    format!("{}.{corrections}.0", year.year())
}

/// The SHA-256 of `bytes`, in lower-case hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// One frozen edition, read and verified.
#[derive(Debug, Clone)]
pub struct Edition {
    pub year: FiscalYear,
    pub frozen: Date,
    pub version: String,
    /// Its published files, name → bytes, each checked against its SHA-256.
    pub files: Vec<(String, Vec<u8>)>,
    pub statement: BTreeMap<String, BTreeMap<String, Stated>>,
}

/// The frozen editions of a site, oldest first.
#[derive(Debug, Clone, Default)]
pub struct Editions {
    pub list: Vec<Edition>,
    /// Years whose edition is damaged (reported as such): nothing else about them is
    /// reported, so that one damaged edition gives one message, not one per correction.
    pub damaged: Vec<FiscalYear>,
}

impl Editions {
    /// The edition of `year`, if it is frozen.
    pub fn get(&self, year: FiscalYear) -> Option<&Edition> {
        self.list.iter().find(|e| e.year == year)
    }

    /// Reads every edition under `root`'s `content/editions/`; a damaged or changed
    /// edition is an error naming its file.
    pub fn load(root: &Path, diags: &mut Diagnostics) -> Editions {
        let dir = root.join(EDITIONS_DIR);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Editions::default();
        };
        let mut names: Vec<String> =
            entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        let mut editions = Editions::default();
        for name in names {
            let rel = Path::new(EDITIONS_DIR).join(&name);
            let year = (name.len() == 4).then(|| name.parse::<i64>().ok()).flatten();
            match year.map(FiscalYear::from_gregorian) {
                Some(Ok(year)) if root.join(&rel).is_dir() => {
                    match read_edition(root, &rel, year, diags) {
                        Some(e) => editions.list.push(e),
                        None => editions.damaged.push(year),
                    }
                }
                _ if name.starts_with('.') => diags.push(Diagnostic {
                    severity: Severity::Warning,
                    file: rel,
                    location: None,
                    key: None,
                    message: msg!(
                        ja: "確定版ではありません。中断した `kyodo freeze` が残したフォルダーかファイル、または隠しファイルです。",
                        en: "not an edition: a folder or file left by an interrupted `kyodo freeze`, or hidden",
                    ),
                    help: Some(msg!(
                        ja: "削除するか、{EDITIONS_DIR}/ の外に移してください。そうすればこの警告は出なくなります。",
                        en: "delete it, or move it out of {EDITIONS_DIR}/, so that this warning goes away",
                    )),
                }),
                _ => diags.push(Diagnostic::file_error(
                    &rel,
                    msg!(
                        ja: "確定版ではありません。ここに置けるのは、`kyodo freeze` が書き出した、年度の名前（例: 2023）のフォルダーだけです。",
                        en: "not an edition: only folders named by a fiscal year (e.g. 2023), written by `kyodo freeze`, belong here",
                    ),
                    msg!(ja: "{EDITIONS_DIR}/ の外に移してください。", en: "move it out of {EDITIONS_DIR}/"),
                )),
            }
        }
        editions
    }
}

/// Reads and verifies the edition in `rel` (relative to `root`).
fn read_edition(root: &Path, rel: &Path, year: FiscalYear, diags: &mut Diagnostics) -> Option<Edition> {
    let reading = Reading::new(root, rel, year);
    let manifest = match reading.manifest() {
        Ok(m) => m,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let mut problems = reading.check_manifest(&manifest);
    let frozen = Date::parse(&manifest.frozen).map_err(|_| {
        let written = &manifest.frozen;
        reading.damaged(
            &reading.manifest_path,
            msg!(
                ja: "確定版の確定日 \"{written}\" が日付として読めません。",
                en: "the edition's freezing date \"{written}\" is not a date",
            ),
        )
    });
    let files = reading.verified_files(&manifest, &mut problems);
    reading.extra_files(&manifest, &mut problems);
    let frozen = match frozen {
        Ok(d) => d,
        Err(d) => {
            problems.push(d);
            return finish(diags, problems, None);
        }
    };
    let edition = Edition { year, frozen, version: manifest.version, files, statement: manifest.statement };
    finish(diags, problems, Some(edition))
}

/// An edition being read: where it is, and how to restore it when it is damaged.
struct Reading<'a> {
    root: &'a Path,
    rel: &'a Path,
    year: FiscalYear,
    manifest_path: PathBuf,
    restore: Msg,
}

impl<'a> Reading<'a> {
    fn new(root: &'a Path, rel: &'a Path, year: FiscalYear) -> Reading<'a> {
        let shown = rel.display();
        let restore = msg!(
            ja: "控えのコピーかバージョン管理の履歴から、{shown} を `kyodo freeze` が書き出したとおりに戻してください。確定版は手で編集しないでください。",
            en: "restore {shown} as `kyodo freeze` wrote it, from your copy or version control: an edition is never edited by hand",
        );
        Reading { root, rel, year, manifest_path: rel.join(MANIFEST), restore }
    }

    /// A damaged file of the edition, with how to restore it.
    fn damaged(&self, file: &Path, what: Msg) -> Diagnostic {
        Diagnostic::file_error(file, what, self.restore.clone())
    }

    /// `edition.json`, read and parsed.
    fn manifest(&self) -> Result<Manifest, Box<Diagnostic>> {
        let bytes = crate::files::read(&self.root.join(&self.manifest_path)).map_err(|e| {
            let error = e.error;
            let what = msg!(
                ja: "確定版の管理ファイルを読み込めません（{error}）。",
                en: "the edition's record cannot be read: {error}",
            );
            Box::new(self.damaged(&self.manifest_path, what))
        })?;
        serde_json::from_slice(&bytes).map_err(|e| {
            let what =
                msg!(ja: "確定版の管理ファイルが壊れています（{e}）。", en: "the edition's record is damaged: {e}");
            Box::new(self.damaged(&self.manifest_path, what))
        })
    }

    /// The manifest's format and fiscal year.
    fn check_manifest(&self, manifest: &Manifest) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if manifest.format != FORMAT {
            let format = manifest.format;
            problems.push(self.damaged(
                &self.manifest_path,
                msg!(
                    ja: "確定版の管理ファイルの形式 {format} は、このバージョンの kyodo では読めません。",
                    en: "the edition's record has format {format}, which this kyodo does not read",
                ),
            ));
        }
        if manifest.fiscal_year != self.year.year() {
            let (recorded, folder) = (manifest.fiscal_year, self.year.year());
            problems.push(self.damaged(
                &self.manifest_path,
                msg!(
                    ja: "確定版の管理ファイルは{recorded}年度のものですが、フォルダーの名前は {folder} です。",
                    en: "the edition's record is of fiscal year {recorded}, but its folder is named {folder}",
                ),
            ));
        }
        problems
    }

    /// The files the manifest lists, each checked against its SHA-256.
    fn verified_files(&self, manifest: &Manifest, problems: &mut Vec<Diagnostic>) -> Vec<(String, Vec<u8>)> {
        let year = self.year.named();
        let mut files = Vec::new();
        for (name, hash) in &manifest.files {
            let path: PathBuf = self.rel.join(name);
            if name.contains(['/', '\\']) || name.starts_with('.') || name == MANIFEST {
                problems.push(self.damaged(
                    &self.manifest_path,
                    msg!(
                        ja: "確定版の管理ファイルに、確定版にはないはずのファイル \"{name}\" が載っています。",
                        en: "the edition's record names the file \"{name}\", which no edition has",
                    ),
                ));
                continue;
            }
            match crate::files::read(&self.root.join(&path)) {
                Ok(b) if sha256(&b) == *hash => files.push((name.clone(), b)),
                Ok(_) => problems.push(self.damaged(
                    &path,
                    msg!(
                        ja: "{year}の報告を {frozen} に確定した後に、このファイルが変更されています。",
                        en: "the file was changed after the edition of {year} was frozen on {frozen}",
                        year = &year,
                        frozen = &manifest.frozen,
                    ),
                )),
                Err(e) => problems.push(self.damaged(
                    &path,
                    msg!(
                        ja: "{year}の確定版のファイルがないか、読み込めません（{error}）。",
                        en: "a file of the edition of {year} is missing or unreadable: {error}",
                        year = &year,
                        error = e.error,
                    ),
                )),
            }
        }
        files
    }

    /// Files in the edition's folder that the manifest does not list.
    fn extra_files(&self, manifest: &Manifest, problems: &mut Vec<Diagnostic>) {
        let Ok(entries) = std::fs::read_dir(self.root.join(self.rel)) else { return };
        let mut extra: Vec<String> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != MANIFEST && !manifest.files.contains_key(n))
            .collect();
        extra.sort();
        let shown = self.rel.display();
        for name in extra {
            problems.push(Diagnostic::file_error(
                &self.rel.join(&name),
                msg!(
                    ja: "{year}の確定版のファイルではありません。確定した後に加えられたものです。",
                    en: "not part of the edition of {year}: it was added after the edition was frozen",
                    year = self.year.named(),
                ),
                msg!(
                    ja: "{shown} の外に移してください。確定版には `kyodo freeze` が書き出したファイルだけを置きます。",
                    en: "move it out of {shown}: an edition holds only what `kyodo freeze` wrote",
                ),
            ));
        }
    }
}

fn finish(diags: &mut Diagnostics, problems: Vec<Diagnostic>, edition: Option<Edition>) -> Option<Edition> {
    let ok = problems.is_empty();
    diags.extend(Diagnostics(problems));
    edition.filter(|_| ok)
}
