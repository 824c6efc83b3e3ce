//! Loading a site: read every file of `content/`, parse it, and check every reference.
//!
//! Loading never stops at the first problem: each file is parsed on its own and every
//! problem found is collected, so one run tells the clerk everything there is to fix.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity, Source, did_you_mean, escape_controls};
use crate::fiscal_year::FiscalYear;
use crate::model::config::{check_base_url, check_municipality_code};
use crate::model::{Project, SiteConfig, Vocabulary};
use crate::project_folder::record_paths;
use crate::slug::{Slug, natural_cmp};
use crate::text::{Lang, Text};

/// Where a site keeps its records, relative to the site root.
pub const CONTENT_DIR: &str = "content";
pub const SITE_FILE: &str = "content/site.toml";
pub const VOCABULARY_FILE: &str = "content/vocabulary.toml";
pub const PROJECTS_DIR: &str = "content/projects";

/// A project record with the file it came from.
#[derive(Debug, Clone)]
pub struct ProjectFile {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// The record: whole, or its outline (see [`Retention`]); [`Site::record`] gives the
    /// whole record either way.
    pub record: Project,
    /// A hash of the file's bytes as loaded.
    pub hash: u64,
}

/// How much of each record a loaded site keeps in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    /// Whole records.
    Whole,
    /// Records without their long texts ([`crate::model::project::LongTexts`]: the
    /// Markdown of the project and its reports), which are most of a record's size and are
    /// used only by the project's own pages and data. [`Site::record`] reads them again from
    /// the file, so memory stays small however many projects a site has.
    Outline,
}

impl Retention {
    /// Whole records for project files totalling up to [`WHOLE_RECORDS_UP_TO`] bytes,
    /// outlines above.
    pub fn for_size(bytes: u64) -> Retention {
        if bytes > WHOLE_RECORDS_UP_TO { Retention::Outline } else { Retention::Whole }
    }
}

/// Sites whose project files together are larger than this (about 27,000 projects of
/// typical size) keep only the outlines of their records in memory.
pub const WHOLE_RECORDS_UP_TO: u64 = 256 * 1024 * 1024;

/// Everything a site is made of, loaded and checked.
#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub vocabulary: Vocabulary,
    /// Projects in plan order: by policy as listed in the vocabulary, then by id.
    pub projects: Vec<ProjectFile>,
    /// Project id → position in `projects`.
    pub by_id: std::collections::HashMap<String, usize>,
    /// Whether `projects` hold whole records or outlines.
    pub retention: Retention,
}

/// The text of a file, read as UTF-8 with a byte-order mark removed.
struct LoadedText {
    path: PathBuf,
    text: String,
}

/// The raw files of a site, read but not yet parsed: what the loader works from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `content/site.toml`, if it could be read.
    pub site: Option<SourceFile>,
    /// `content/vocabulary.toml`; a site without one has an empty vocabulary.
    pub vocabulary: Option<SourceFile>,
    /// Every `content/projects/**/*.toml`, sorted by path.
    pub projects: Vec<SourceFile>,
}

/// Parsed project records by file, kept between rebuilds of the live preview so that only
/// changed files are parsed again.
#[derive(Debug, Default)]
pub struct ParseCache(std::sync::Mutex<std::collections::HashMap<PathBuf, (u64, Project)>>);

impl ParseCache {
    fn get(&self, path: &Path, hash: u64) -> Option<Project> {
        let map = self.0.lock().ok()?;
        map.get(path).filter(|(h, _)| *h == hash).map(|(_, p)| p.clone())
    }

    fn put(&self, path: &Path, hash: u64, project: &Project) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(path.to_path_buf(), (hash, project.clone()));
        }
    }
}

fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// One file's path (relative to the site root) and bytes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl Sources {
    /// Reads the files of the site at `root`; problems reading them are diagnostics.
    pub fn read(root: &Path, diags: &mut Diagnostics) -> Sources {
        let read_one = |rel: &Path, diags: &mut Diagnostics| read_one(root, rel, diags);
        let site = read_one(Path::new(SITE_FILE), diags);
        let vocabulary =
            if root.join(VOCABULARY_FILE).exists() { read_one(Path::new(VOCABULARY_FILE), diags) } else { None };
        let paths = record_paths(root, diags);
        let read: Vec<(Option<SourceFile>, Diagnostics)> = {
            use rayon::prelude::*;
            paths
                .par_iter()
                .map(|p| {
                    let mut d = Diagnostics::default();
                    (read_one(p, &mut d), d)
                })
                .collect()
        };
        let mut projects = Vec::with_capacity(read.len());
        for (file, d) in read {
            diags.extend(d);
            projects.extend(file);
        }
        Sources { site, vocabulary, projects }
    }
}

impl Site {
    /// Loads and checks the site at `root`. On success the diagnostics hold warnings only.
    /// Records are kept whole unless the project files together exceed
    /// [`WHOLE_RECORDS_UP_TO`] bytes; then only their outlines are kept (see [`Retention`]).
    pub fn load(root: &Path) -> Result<(Site, Diagnostics), Diagnostics> {
        Site::load_with(root, None)
    }

    /// Like [`Site::load`], keeping records as `retention` says (`None`: by size).
    /// Project files are read, parsed and checked in parallel, one at a time per thread,
    /// so memory holds the records, never all the files' text at once.
    pub fn load_with(root: &Path, retention: Option<Retention>) -> Result<(Site, Diagnostics), Diagnostics> {
        let (loaded, records) = Site::read_and_assemble(root, retention);
        require_records(loaded, records)
    }

    /// Like [`Site::load`], but a site without any project record yet is not an error:
    /// for the commands that add its first records (`kyodo new`).
    pub fn load_allowing_no_records(root: &Path) -> Result<(Site, Diagnostics), Diagnostics> {
        Site::read_and_assemble(root, None).0
    }

    /// Loads the site at `root`, and says how many project records it has.
    fn read_and_assemble(
        root: &Path,
        retention: Option<Retention>,
    ) -> (Result<(Site, Diagnostics), Diagnostics>, usize) {
        let mut diags = Diagnostics::default();
        let site = read_one(root, Path::new(SITE_FILE), &mut diags);
        let vocabulary = if root.join(VOCABULARY_FILE).exists() {
            read_one(root, Path::new(VOCABULARY_FILE), &mut diags)
        } else {
            None
        };
        let paths = record_paths(root, &mut diags);
        let retention = retention.unwrap_or_else(|| {
            Retention::for_size(paths.iter().filter_map(|p| fs::metadata(root.join(p)).ok()).map(|m| m.len()).sum())
        });
        let inputs = Inputs::OnDisk { root, paths: &paths };
        (assemble(root, site.as_ref(), vocabulary.as_ref(), inputs, diags, None, retention), paths.len())
    }

    /// Parses and checks files already read, adding to `diags` (which may hold problems
    /// found while reading).
    pub fn from_sources(
        root: &Path,
        sources: &Sources,
        diags: Diagnostics,
    ) -> Result<(Site, Diagnostics), Diagnostics> {
        Site::from_sources_cached(root, sources, diags, None)
    }

    /// Like [`Site::from_sources`], reusing the parsed records of files whose bytes have not
    /// changed since they were put in `cache` (the live preview keeps one).
    pub fn from_sources_cached(
        root: &Path,
        sources: &Sources,
        diags: Diagnostics,
        cache: Option<&ParseCache>,
    ) -> Result<(Site, Diagnostics), Diagnostics> {
        let inputs = Inputs::Held(&sources.projects);
        let loaded =
            assemble(root, sources.site.as_ref(), sources.vocabulary.as_ref(), inputs, diags, cache, Retention::Whole);
        require_records(loaded, sources.projects.len())
    }

    /// Like [`Site::from_sources`], but a site without any project record yet is not an
    /// error: for the commands that add its first records (`kyodo import`).
    pub fn from_sources_allowing_no_records(
        root: &Path,
        sources: &Sources,
        diags: Diagnostics,
    ) -> Result<(Site, Diagnostics), Diagnostics> {
        let inputs = Inputs::Held(&sources.projects);
        assemble(root, sources.site.as_ref(), sources.vocabulary.as_ref(), inputs, diags, None, Retention::Whole)
    }

    /// The whole record of project `i`: the one in memory, or with [`Retention::Outline`]
    /// the outline with its long texts read again from the file. A file that changed since
    /// it was loaded is an error: the build would mix two versions of it.
    pub fn record(&self, i: usize) -> Result<std::borrow::Cow<'_, Project>, Box<Diagnostic>> {
        let file = &self.projects[i];
        if self.retention == Retention::Whole {
            return Ok(std::borrow::Cow::Borrowed(&file.record));
        }
        let bytes = fs::read(self.root.join(&file.path)).map_err(|e| {
            Box::new(Diagnostic::file_error(
                &file.path,
                format!("cannot read the file: {e}"),
                "check that the file exists and that you may read it",
            ))
        })?;
        let changed = || {
            Box::new(Diagnostic::file_error(
                &file.path,
                "the file changed while the site was being built",
                "build again once the file is saved",
            ))
        };
        if content_hash(&bytes) != file.hash {
            return Err(changed());
        }
        let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)).map_err(|_| changed())?;
        let mut parsed: Project = toml::from_str(text).map_err(|_| changed())?;
        let mut whole = file.record.clone();
        whole.restore_long_texts(parsed.take_long_texts());
        Ok(std::borrow::Cow::Owned(whole))
    }
    /// The newest reported fiscal year.
    pub fn reported_year(&self) -> FiscalYear {
        self.config
            .reported_years
            .iter()
            .map(|y| *y.get_ref())
            .max()
            .unwrap_or_else(|| FiscalYear::from_gregorian(2023).expect("2023 is in range"))
    }

    pub fn project(&self, id: &str) -> Option<&Project> {
        self.by_id.get(id).map(|&i| &self.projects[i].record)
    }

    /// The position of each project in `projects`, by id.
    fn index(projects: &[ProjectFile]) -> std::collections::HashMap<String, usize> {
        projects.iter().enumerate().map(|(i, p)| (p.record.id.get_ref().to_string(), i)).collect()
    }
}

/// Refuses a site without project records: it would publish an empty report, and an
/// empty folder usually means the records are somewhere else.
fn require_records(
    loaded: Result<(Site, Diagnostics), Diagnostics>,
    records: usize,
) -> Result<(Site, Diagnostics), Diagnostics> {
    if records > 0 {
        return loaded;
    }
    // Warnings would only bury the error; they show again once there are records.
    let mut errors = loaded.err().unwrap_or_default();
    // A missing folder, or one that cannot be read, is reported already.
    if !errors.0.iter().any(|d| d.file == Path::new(PROJECTS_DIR)) {
        errors.push(Diagnostic::file_error(
            Path::new(PROJECTS_DIR),
            format!("no project records in {PROJECTS_DIR}/"),
            format!("put one file per project in {PROJECTS_DIR}/, named after its id, e.g. {PROJECTS_DIR}/1-1-1.toml: `kyodo new project 1-1-1` writes one to fill in, and `kyodo import FILE` makes them from a spreadsheet"),
        ));
    }
    errors.sort();
    Err(errors)
}

/// Decodes a file as UTF-8 text, dropping a byte-order mark (Notepad writes one). A file in
/// UTF-16 (Notepad's "Unicode") or Shift_JIS (what Japanese Windows calls "ANSI") is
/// refused with how to re-save it: guessing encodings could publish mojibake.
fn decode(file: &SourceFile, diags: &mut Diagnostics) -> Option<LoadedText> {
    let save_as_utf8 = "open the file in Notepad, choose File > Save As, set Encoding to \"UTF-8\" and save";
    if let Some(utf16) = utf16_kind(&file.bytes) {
        diags.push(Diagnostic::file_error(&file.path, format!("the file is in {utf16}, not UTF-8"), save_as_utf8));
        return None;
    }
    let bytes = file.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&file.bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(LoadedText { path: file.path.clone(), text: text.to_owned() }),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
            let (_, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
            let what = if had_errors {
                "the file is not UTF-8 text".to_owned()
            } else {
                "the file is in Shift_JIS (ANSI), not UTF-8".to_owned()
            };
            diags.push(Diagnostic::file_error(
                &file.path,
                format!("{what} (first non-UTF-8 byte on line {line})"),
                save_as_utf8,
            ));
            None
        }
    }
}

/// Names the UTF-16 a file is in, as Notepad calls it, if it is: by its byte-order mark,
/// or without one by the zero bytes that UTF-16 puts beside every ASCII character (a TOML
/// record is mostly ASCII: keys, `=`, quotes, numbers). Text never holds zero bytes.
fn utf16_kind(bytes: &[u8]) -> Option<&'static str> {
    const LE: &str = "UTF-16 LE (Notepad's \"Unicode\")";
    const BE: &str = "UTF-16 BE (Notepad's \"Unicode big endian\")";
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(LE);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(BE);
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let units = sample.len() / 2;
    // One zero byte in most code units, on one side only: ASCII text in UTF-16.
    let utf16 = |zeros: usize, other: usize| zeros >= 4 && zeros * 4 >= units && other * 10 <= zeros;
    if utf16(odd, even) {
        Some(LE)
    } else if utf16(even, odd) {
        Some(BE)
    } else {
        None
    }
}

/// Parses a TOML file into `T`, turning syntax and type errors into diagnostics that
/// carry the line, column and key.
fn parse<T: DeserializeOwned>(file: &LoadedText, diags: &mut Diagnostics) -> Option<T> {
    let source = Source { path: &file.path, text: &file.text };
    let deserializer = match toml::Deserializer::parse(&file.text) {
        Ok(d) => d,
        Err(e) => {
            let line = e.span().map(|sp| line_at(&file.text, sp.start)).unwrap_or_default();
            let control = line.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\r'));
            let help = match (control, full_width_outside_quotes(line)) {
                (Some(c), _) => format!(
                    "the line holds the control character {}, which a record may not hold: delete it (such characters come with text copied from other programs)",
                    escape_controls(&c.to_string(), false)
                ),
                (None, Some((wide, narrow))) => format!(
                    "「{wide}」 is a full-width character: write {narrow} instead (switch the input method to half-width); only text inside quotes may be full-width"
                ),
                (None, None) => syntax_help(e.message()).to_owned(),
            };
            let message = format!("TOML syntax error: {}\n{help}", e.message().trim());
            diags.push(source.at(Severity::Error, e.span(), None, &message));
            return None;
        }
    };
    match serde_path_to_error::deserialize::<_, T>(deserializer) {
        Ok(value) => Some(value),
        Err(e) => {
            // `Spanned` values add an internal segment to the path; a clerk never wrote it.
            let key = e.path().to_string().replace(".$__serde_spanned_private_value", "");
            let inner = e.into_inner();
            let message = explain_serde_message(inner.message());
            // A key missing from the top level has the whole file as its span: say "in this
            // file" rather than pointing at line 1.
            let span = inner.span().filter(|s| !(s.start == 0 && (key == "." || key.is_empty())));
            diags.push(source.at(Severity::Error, span, Some(&key), &message));
            None
        }
    }
}

/// The line of `text` containing byte `offset`.
fn line_at(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    &text[start..end]
}

/// The first full-width character outside a quoted string on a line, with its half-width
/// form: clerks typing with a Japanese input method write `＝`, `１２８` or `　`.
fn full_width_outside_quotes(line: &str) -> Option<(char, String)> {
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' | '\'' => quoted = !quoted,
            '#' if !quoted => return None,
            '\u{3000}' if !quoted => return Some((c, "a normal space".to_owned())),
            '\u{FF01}'..='\u{FF5E}' if !quoted => {
                let narrow = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
                return Some((c, format!("「{narrow}」")));
            }
            _ => {}
        }
    }
    None
}

fn syntax_help(message: &str) -> &'static str {
    if message.contains("duplicate key") {
        "each key may appear only once in a table; remove or rename one of them"
    } else if message.contains("string") || message.contains("quote") {
        "text values need double quotes around them, e.g. title = \"市民活動\"; long text goes between \"\"\" and \"\"\""
    } else {
        "check the line against docs/records.md: keys are written key = value, text in double quotes"
    }
}

/// Rewords serde's messages for a clerk and adds what to write instead.
fn explain_serde_message(message: &str) -> String {
    if message.contains('\n') {
        return message.to_owned();
    }
    // The TOML parser's words for a number beyond 128 bits or beyond the range of f64.
    if message == "integer number overflowed" || message == "floating-point number overflowed" {
        return "the number is too large to be read\nwrite at most 15 significant digits (whole numbers up to 9,007,199,254,740,992); give a large figure in a larger unit, e.g. 千円 or 億円 instead of 円".to_owned();
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let help = match did_you_mean(field, candidates.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? the keys allowed here are: {}", candidates.join(", ")),
            None => format!("the keys allowed here are: {}", candidates.join(", ")),
        };
        return format!("unknown key `{field}`\n{help}");
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return format!("missing required key `{field}`\nadd `{field} = …` here (see docs/records.md)");
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (variant, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return format!("\"{variant}\" is not allowed here\nwrite one of: {}", candidates.join(", "));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let plain = |t: &str| -> String {
            let t = t.trim();
            if t.starts_with("a sequence") {
                "a list in square brackets, e.g. [\"1-1-1\"]".to_owned()
            } else if t.starts_with("a string") || t.starts_with("string") {
                "a text in double quotes".to_owned()
            } else if t.starts_with("a map") || t.starts_with("struct") || t.starts_with("map") {
                "a table, e.g. { year = \"R5\", value = 128 }".to_owned()
            } else if t.starts_with("sequence") {
                "a list".to_owned()
            } else if let Some(s) = t.strip_prefix("string ") {
                format!("the text {s}")
            } else if let Some(n) = t.strip_prefix("integer ").or_else(|| t.strip_prefix("floating point ")) {
                // Integers beyond 64 bits are described "`…` as i128".
                format!("the number {}", n.trim_end_matches(" as i128").trim_end_matches(" as u128"))
            } else {
                t.to_owned()
            }
        };
        return format!(
            "expected {}, found {}\nsee docs/records.md for what this key takes",
            plain(expected),
            plain(found)
        );
    }
    message.to_owned()
}

fn check_config(file: &LoadedText, config: &SiteConfig, diags: &mut Diagnostics) {
    let src = Source { path: &file.path, text: &file.text };
    if config.reported_years.is_empty() {
        diags.push(src.at(
            Severity::Error,
            None,
            Some("reported_years"),
            "no reported year\nwrite the fiscal years this site reports on, e.g. reported_years = [\"R5\"]",
        ));
    }
    if let Err(m) = check_municipality_code(config.municipality.code.get_ref()) {
        diags.push(src.error(config.municipality.code.span(), "municipality.code", m));
    }
    if let Some((url, Err(m))) = config.base_url.as_ref().map(|url| (url, check_base_url(url.get_ref()))) {
        diags.push(src.error(url.span(), "base_url", m));
    }
    if !config.languages.contains(&config.default_language) {
        diags.push(src.at(
            Severity::Error,
            None,
            Some("default_language"),
            "the default language is not in `languages`\nadd it to languages or choose another default_language",
        ));
    }
    if let (Some(start), Some(end)) = (config.plan.start, &config.plan.end)
        && start > *end.get_ref() {
            diags.push(src.error(end.span(), "plan.end", format!("the plan ends ({}) before it starts ({start})\nwrite the first fiscal year in plan.start and the last in plan.end", end.get_ref())));
        }
    if config.theme.is_empty() || config.theme.contains(['/', '\\']) || config.theme.starts_with('.') {
        diags.push(src.at(
            Severity::Error,
            None,
            Some("theme"),
            &format!(
                "\"{}\" is not a theme name\nwrite the name of a folder under themes/, or \"default\"",
                config.theme
            ),
        ));
    }
}

fn check_vocabulary(file: &LoadedText, vocabulary: &Vocabulary, diags: &mut Diagnostics) {
    let src = Source { path: &file.path, text: &file.text };
    let mut check_unique = |list: &str, ids: Vec<&Spanned<Slug>>| {
        let mut seen = BTreeSet::new();
        for id in ids {
            if !seen.insert(id.get_ref().as_str()) {
                diags.push(src.error(
                    id.span(),
                    &format!("{list}.id"),
                    format!("the id \"{}\" is used twice in {list}\ngive each entry its own id", id.get_ref()),
                ));
            }
        }
    };
    check_unique("departments", vocabulary.departments.iter().map(|d| &d.id).collect());
    check_unique("goals", vocabulary.goals.iter().map(|g| &g.id).collect());
    check_unique("goals.policies", vocabulary.goals.iter().flat_map(|g| g.policies.iter().map(|p| &p.id)).collect());
    check_unique("grades", vocabulary.grades.iter().map(|g| &g.id).collect());
    check_unique("partners", vocabulary.partners.iter().map(|p| &p.id).collect());
    check_unique("statuses", vocabulary.statuses.iter().map(|s| &s.id).collect());
}

/// Checks one reference against the ids that exist, with a did-you-mean suggestion.
/// Help texts list the known ids only when there are this many or fewer.
const LIST_IDS_UP_TO: usize = 50;

fn check_ref(
    src: &Source,
    id: &Spanned<Slug>,
    key: &str,
    what: &str,
    known: &[&str],
    defined_in: &str,
    diags: &mut Diagnostics,
) {
    let wanted = id.get_ref().as_str();
    if known.contains(&wanted) {
        return;
    }
    let mut known = known.to_vec();
    known.sort_by(|a, b| natural_cmp(a, b));
    known.dedup();
    let help = if known.is_empty() {
        format!("no {what} is defined yet: add it to {defined_in} first")
    } else {
        match did_you_mean(wanted, known.iter().copied()) {
            Some(s) if known.len() > LIST_IDS_UP_TO => {
                format!("did you mean \"{s}\"? see the {what} ids in {defined_in}")
            }
            Some(s) => format!("did you mean \"{s}\"? the {what} ids in {defined_in} are: {}", known.join(", ")),
            None if known.len() > LIST_IDS_UP_TO => {
                format!("write one of the {what} ids in {defined_in} ({} of them)", known.len())
            }
            None => format!("write one of the {what} ids in {defined_in}: {}", known.join(", ")),
        }
    };
    diags.push(src.error(id.span(), key, format!("unknown {what} \"{wanted}\"\n{help}")));
}

/// A warning listing the texts of a file that have no English.
fn warn_untranslated(file: &LoadedText, texts: Vec<(String, &Text)>, diags: &mut Diagnostics) {
    let missing: Vec<String> = texts.into_iter().filter(|(_, t)| !t.has(Lang::En)).map(|(k, _)| k).collect();
    if missing.is_empty() {
        return;
    }
    let src = Source { path: &file.path, text: &file.text };
    let n = missing.len();
    let message = format!(
        "{n} text{} without English: {}\nadd the translation as {{ ja = \"…\", en = \"…\" }}; until then English pages show the Japanese, marked \"Not yet translated\"",
        if n == 1 { "" } else { "s" },
        missing.join(", ")
    );
    diags.push(src.at(Severity::Warning, None, None, &message));
}

fn site_texts(c: &SiteConfig) -> Vec<(String, &Text)> {
    let mut out = vec![
        ("title".to_owned(), &c.title),
        ("municipality.name".to_owned(), &c.municipality.name),
        ("plan.name".to_owned(), &c.plan.name),
        ("licence.attribution".to_owned(), &c.licence.attribution),
        ("publisher.name".to_owned(), &c.publisher.name),
    ];
    for (k, t) in [
        ("description", &c.description),
        ("municipality.prefecture", &c.municipality.prefecture),
        ("publisher.address", &c.publisher.address),
    ] {
        if let Some(t) = t {
            out.push((k.to_owned(), t));
        }
    }
    out
}

fn vocabulary_texts(v: &Vocabulary) -> Vec<(String, &Text)> {
    let mut out = Vec::new();
    for d in &v.departments {
        let id = d.id.get_ref();
        out.push((format!("departments.{id}.name"), &d.name));
        if let Some(t) = &d.division_of {
            out.push((format!("departments.{id}.division_of"), t));
        }
    }
    for g in &v.goals {
        if let Some(t) = &g.title {
            out.push((format!("goals.{}.title", g.id.get_ref()), t));
        }
        for p in &g.policies {
            if let Some(t) = &p.title {
                out.push((format!("policies.{}.title", p.id.get_ref()), t));
            }
        }
    }
    for g in &v.grades {
        if let Some(t) = &g.definition {
            out.push((format!("grades.{}.definition", g.id.get_ref()), t));
        }
    }
    for p in &v.partners {
        if let Some(t) = &p.name {
            out.push((format!("partners.{}.name", p.id.get_ref()), t));
        }
    }
    for st in &v.statuses {
        out.push((format!("statuses.{}.label", st.id.get_ref()), &st.label));
        if let Some(t) = &st.description {
            out.push((format!("statuses.{}.description", st.id.get_ref()), t));
        }
    }
    out
}

/// Reads one file of the site; a problem reading it is a diagnostic.
fn read_one(root: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    match fs::read(root.join(rel)) {
        Ok(bytes) => Some(SourceFile { path: rel.to_path_buf(), bytes }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            diags.push(Diagnostic::file_error(
                rel,
                "file not found",
                format!("create {} (see docs/records.md for its fields)", rel.display()),
            ));
            None
        }
        Err(e) => {
            diags.push(Diagnostic::file_error(
                rel,
                format!("cannot read the file: {e}"),
                "check that the file exists and that you may read it",
            ));
            None
        }
    }
}

/// Where the loader finds the project files: already read, or to read from disk.
enum Inputs<'a> {
    Held(&'a [SourceFile]),
    OnDisk { root: &'a Path, paths: &'a [PathBuf] },
}

impl Inputs<'_> {
    fn len(&self) -> usize {
        match self {
            Inputs::Held(files) => files.len(),
            Inputs::OnDisk { paths, .. } => paths.len(),
        }
    }

    fn path(&self, i: usize) -> &Path {
        match self {
            Inputs::Held(files) => &files[i].path,
            Inputs::OnDisk { paths, .. } => &paths[i],
        }
    }

    /// The bytes of file `i`, read now if they are on disk.
    fn get(&self, i: usize, diags: &mut Diagnostics) -> Option<std::borrow::Cow<'_, SourceFile>> {
        match self {
            Inputs::Held(files) => Some(std::borrow::Cow::Borrowed(&files[i])),
            Inputs::OnDisk { root, paths } => read_one(root, &paths[i], diags).map(std::borrow::Cow::Owned),
        }
    }

    /// The text of a file, for a diagnostic found after its text was dropped.
    fn text_of(&self, path: &Path) -> LoadedText {
        let mut ignored = Diagnostics::default();
        let file = match self {
            Inputs::Held(files) => files.iter().find(|f| f.path == path).cloned(),
            Inputs::OnDisk { root, .. } => read_one(root, path, &mut ignored),
        };
        file.and_then(|f| decode(&f, &mut ignored))
            .unwrap_or_else(|| LoadedText { path: path.to_path_buf(), text: String::new() })
    }
}

/// The ids a project record may refer to, from the vocabulary.
struct Known<'a> {
    departments: Vec<&'a str>,
    policies: Vec<&'a str>,
    grades: Vec<&'a str>,
    partners: Vec<&'a str>,
    statuses: Vec<&'a str>,
    reported: Option<FiscalYear>,
}

impl<'a> Known<'a> {
    fn new(vocabulary: &'a Vocabulary, reported: Option<FiscalYear>) -> Known<'a> {
        Known {
            departments: vocabulary.departments.iter().map(|d| d.id.get_ref().as_str()).collect(),
            policies: vocabulary
                .goals
                .iter()
                .flat_map(|g| g.policies.iter())
                .map(|p| p.id.get_ref().as_str())
                .collect(),
            grades: vocabulary.grades.iter().map(|g| g.id.get_ref().as_str()).collect(),
            partners: vocabulary.partners.iter().map(|p| p.id.get_ref().as_str()).collect(),
            statuses: vocabulary.statuses.iter().map(|s| s.id.get_ref().as_str()).collect(),
            reported,
        }
    }
}

/// What became of one project file.
enum Loaded {
    Project(Box<ProjectFile>),
    /// Unreadable or unparsable: its name still counts as a project id, so that one broken
    /// file is reported once, not again by every project that links to it.
    Broken(String),
}

/// Reads, parses and checks one project file on its own (everything but the checks that
/// need the other projects), then keeps the record whole or its outline.
fn load_project(
    inputs: &Inputs,
    i: usize,
    known: Option<&Known>,
    cache: Option<&ParseCache>,
    retention: Retention,
) -> (Loaded, Diagnostics) {
    let mut d = Diagnostics::default();
    let path = inputs.path(i);
    let broken = || Loaded::Broken(path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default());
    let Some(source) = inputs.get(i, &mut d) else {
        return (broken(), d);
    };
    let hash = content_hash(&source.bytes);
    let Some(file) = decode(&source, &mut d) else {
        return (broken(), d);
    };
    let record = match cache.and_then(|c| c.get(&source.path, hash)) {
        Some(project) => Some(project),
        None => parse::<Project>(&file, &mut d),
    };
    let Some(mut record) = record else {
        return (broken(), d);
    };
    if let Some(c) = cache {
        c.put(&source.path, hash, &record);
    }
    if let Some(known) = known {
        check_project(path, &mut record, &file, known, &mut d);
    }
    if retention == Retention::Outline {
        record.take_long_texts();
    }
    (Loaded::Project(Box::new(ProjectFile { path: source.path.clone(), record, hash })), d)
}

/// Parses and checks a site's files, reading the project files from `inputs`.
fn assemble(
    root: &Path,
    site: Option<&SourceFile>,
    vocabulary: Option<&SourceFile>,
    inputs: Inputs,
    mut diags: Diagnostics,
    cache: Option<&ParseCache>,
    retention: Retention,
) -> Result<(Site, Diagnostics), Diagnostics> {
    use rayon::prelude::*;
    let config =
        site.and_then(|f| decode(f, &mut diags)).and_then(|f| parse::<SiteConfig>(&f, &mut diags).map(|c| (f, c)));
    let vocabulary = match vocabulary {
        Some(file) => decode(file, &mut diags).and_then(|f| parse::<Vocabulary>(&f, &mut diags).map(|v| (Some(f), v))),
        None => Some((None, Vocabulary::default())),
    };
    let reported = config.as_ref().and_then(|(_, c)| c.reported_years.iter().map(|y| *y.get_ref()).max());
    // With a vocabulary that does not parse, references cannot be checked: the records are
    // only parsed, and checked once the vocabulary is fixed.
    let known = vocabulary.as_ref().map(|(_, v)| Known::new(v, reported));

    // Files are read, parsed and checked in parallel; results keep the files' order.
    let loaded: Vec<(Loaded, Diagnostics)> =
        (0..inputs.len()).into_par_iter().map(|i| load_project(&inputs, i, known.as_ref(), cache, retention)).collect();
    let mut projects = Vec::with_capacity(loaded.len());
    let mut broken = Vec::new();
    for (outcome, d) in loaded {
        diags.extend(d);
        match outcome {
            Loaded::Project(p) => projects.push(*p),
            Loaded::Broken(stem) => broken.push(stem),
        }
    }
    // A record reported as not read (`1-1-2.toml.txt`, a link) still names a project:
    // links to it are not reported a second time.
    broken.extend(
        diags.errors().filter(|d| d.location.is_none()).filter_map(|d| crate::project_folder::intended_id(&d.file)),
    );
    if known.is_some() {
        check_across_projects(&projects, &broken, &inputs, &mut diags);
    }
    drop(known);

    if let Some((file, config)) = &config {
        check_config(file, config, &mut diags);
    }
    if let Some((Some(file), vocabulary)) = &vocabulary {
        check_vocabulary(file, vocabulary, &mut diags);
    }
    if let Some((file, config)) = &config {
        warn_untranslated(file, site_texts(config), &mut diags);
    }
    if let Some((Some(file), vocabulary)) = &vocabulary {
        warn_untranslated(file, vocabulary_texts(vocabulary), &mut diags);
    }

    diags.sort();
    match (config, vocabulary) {
        (Some((_, config)), Some((_, vocabulary))) if !diags.has_errors() => {
            let positions: std::collections::HashMap<&str, usize> = vocabulary
                .goals
                .iter()
                .flat_map(|g| g.policies.iter())
                .enumerate()
                .map(|(i, p)| (p.id.get_ref().as_str(), i))
                .collect();
            projects.sort_by(|a, b| {
                let pa = positions.get(a.record.policy.get_ref().as_str()).copied().unwrap_or(usize::MAX);
                let pb = positions.get(b.record.policy.get_ref().as_str()).copied().unwrap_or(usize::MAX);
                pa.cmp(&pb).then_with(|| natural_cmp(a.record.id.get_ref().as_str(), b.record.id.get_ref().as_str()))
            });
            let by_id = Site::index(&projects);
            Ok((Site { root: root.to_path_buf(), config, vocabulary, projects, by_id, retention }, diags))
        }
        // With errors to fix, warnings would only bury them; they show again once the
        // errors are gone.
        _ => Err(Diagnostics(diags.0.into_iter().filter(|d| d.severity == Severity::Error).collect())),
    }
}

/// The checks that need every project: ids are unique, related projects exist. The text
/// of a file is read again only for a problem to show.
fn check_across_projects(projects: &[ProjectFile], broken: &[String], inputs: &Inputs, diags: &mut Diagnostics) {
    let mut first_seen: std::collections::HashMap<&str, &Path> = std::collections::HashMap::new();
    for project in projects {
        let id = project.record.id.get_ref().as_str();
        if let Some(other) = first_seen.get(id) {
            let file = inputs.text_of(&project.path);
            let src = Source { path: &file.path, text: &file.text };
            diags.push(src.error(
                project.record.id.span(),
                "id",
                format!(
                    "the project id \"{id}\" is also used by {}\ngive each project its own id",
                    other.display().to_string().replace('\\', "/")
                ),
            ));
        } else {
            first_seen.insert(id, &project.path);
        }
    }
    let ids: std::collections::HashSet<&str> =
        first_seen.keys().copied().chain(broken.iter().map(String::as_str)).collect();
    let mut sorted_ids: Option<Vec<&str>> = None;
    for project in projects {
        let p = &project.record;
        let missing: Vec<(usize, &Spanned<Slug>)> = p
            .related
            .iter()
            .enumerate()
            .filter(|(_, r)| r.get_ref() != p.id.get_ref() && !ids.contains(r.get_ref().as_str()))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let known = sorted_ids.get_or_insert_with(|| ids.iter().copied().collect());
        let file = inputs.text_of(&project.path);
        let src = Source { path: &file.path, text: &file.text };
        for (i, r) in missing {
            check_ref(&src, r, &format!("related[{i}]"), "project", known, PROJECTS_DIR, diags);
        }
    }
}

/// The checks of one project record that need only its own file and the vocabulary; fills
/// in what the loader derives (fiscal years of the yearly plan, numbers as written).
fn check_project(path: &Path, p: &mut Project, file: &LoadedText, known: &Known, diags: &mut Diagnostics) {
    let src = Source { path: &file.path, text: &file.text };
    let voc = VOCABULARY_FILE;
    let id = p.id.get_ref().as_str();
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if stem != id {
        diags.push(src.error(p.id.span(), "id", format!("the id \"{id}\" differs from the file name \"{stem}.toml\"\nrename the file to {id}.toml or write id = \"{stem}\"")));
    }
    if p.title.get_ref().ja.trim().is_empty() {
        diags.push(src.error(
            p.title.span(),
            "title",
            "the title is empty\nwrite the project name (事業名), e.g. title = \"市民活動支援補助金の充実\"",
        ));
    }
    check_ref(&src, &p.policy, "policy", "policy", &known.policies, voc, diags);
    check_ref(&src, &p.department, "department", "department", &known.departments, voc, diags);
    for (i, d) in p.lead_departments.iter().enumerate() {
        check_ref(&src, d, &format!("lead_departments[{i}]"), "department", &known.departments, voc, diags);
    }
    for (i, d) in p.related_departments.iter().enumerate() {
        check_ref(&src, d, &format!("related_departments[{i}]"), "department", &known.departments, voc, diags);
    }
    for (i, r) in p.related.iter().enumerate() {
        if r.get_ref() == p.id.get_ref() {
            diags.push(src.error(
                r.span(),
                &format!("related[{i}]"),
                "a project cannot be related to itself\nremove this id from related",
            ));
        }
    }
    for (i, row) in p.schedule.iter_mut().enumerate() {
        let mut by_year = BTreeMap::new();
        for (year, status) in row.years.get_ref() {
            let key = format!("schedule[{i}].years.{year}");
            match FiscalYear::parse(year) {
                Ok(fy) => {
                    if by_year.insert(fy, status.get_ref().clone()).is_some() {
                        diags.push(src.error(
                            status.span(),
                            &key,
                            format!("{} is given twice in this row\nkeep one entry per fiscal year", fy),
                        ));
                    }
                }
                Err(e) => diags.push(src.error(status.span(), &key, e.to_string())),
            }
            check_ref(&src, status, &key, "status", &known.statuses, voc, diags);
        }
        row.by_year = by_year;
    }
    // Numbers keep the decimals they were written with ("70.0" stays "70.0"), and are
    // published exactly as written or not at all.
    for (i, ind) in p.indicators.iter_mut().enumerate() {
        let values = ind
            .baseline
            .iter_mut()
            .map(|v| ("baseline".to_owned(), v))
            .chain(ind.target.iter_mut().map(|v| ("target".to_owned(), v)))
            .chain(ind.actuals.iter_mut().enumerate().map(|(j, v)| (format!("actuals[{j}]"), v)));
        for (name, v) in values {
            if let Some(n) = v.get_mut().value.as_mut() {
                let written = file.text.get(n.span()).unwrap_or("");
                match n.get_ref().with_written_form(written) {
                    Ok(number) => *n.get_mut() = number,
                    Err(message) => diags.push(src.error(n.span(), &format!("indicators[{i}].{name}.value"), message)),
                }
            }
        }
    }
    let mut indicator_ids = BTreeSet::new();
    for (i, ind) in p.indicators.iter().enumerate() {
        if ind.name.ja.trim().is_empty() {
            diags.push(src.error(ind.id.span(), &format!("indicators[{i}].name"), "the indicator has no name\nwrite its name (成果を示す指標), e.g. name = \"相談・問合せ件数\", or delete this [[indicators]] table"));
        }
        if !indicator_ids.insert(ind.id.get_ref().as_str()) {
            diags.push(src.error(
                ind.id.span(),
                &format!("indicators[{i}].id"),
                format!(
                    "the indicator id \"{}\" is used twice in this project\ngive each indicator its own id",
                    ind.id.get_ref()
                ),
            ));
        }
        let values = ind
            .baseline
            .iter()
            .map(|v| ("baseline".to_owned(), v))
            .chain(ind.target.iter().map(|v| ("target".to_owned(), v)))
            .chain(ind.actuals.iter().enumerate().map(|(j, v)| (format!("actuals[{j}]"), v)));
        let mut actual_years = BTreeSet::new();
        for (name, v) in values {
            let key = format!("indicators[{i}].{name}");
            let value = v.get_ref();
            match (&value.value, &value.text) {
                (Some(_), Some(_)) => diags.push(src.error(v.span(), &key, "both `value` and `text` are given\nwrite value = <number> for a number or text = \"…\" for a text, not both")),
                (None, None) => diags.push(src.error(v.span(), &key, "no value\nwrite value = <number> (e.g. value = 128) or text = \"…\" (e.g. text = \"充実\")")),
                _ => {}
            }
            if name.starts_with("actuals") && !actual_years.insert(value.year) {
                diags.push(src.error(
                    v.span(),
                    &key,
                    format!("there are two actual values for {}\nkeep one actual per fiscal year", value.year),
                ));
            }
        }
        if let (Some(b), Some(t)) = (&ind.baseline, &ind.target)
            && t.get_ref().year < b.get_ref().year {
                diags.push(src.error(t.span(), &format!("indicators[{i}].target"), format!(
                    "the target year ({}) is before the baseline year ({})\nthe baseline is the starting point and the target the year to reach; check both years",
                    t.get_ref().year, b.get_ref().year
                )));
            }
        if let Some(year) = known.reported
            && !actual_years.contains(&year) {
                diags.push(src.at(Severity::Warning, Some(ind.id.span()), Some(&format!("indicators[{i}]")), &format!(
                    "no actual value for {year}, the reported year\nadd {{ year = \"{}\", value = … }} to actuals when the figure is known",
                    year.era_short()
                )));
            }
    }
    warn_untranslated(file, p.texts(), diags);
    let mut report_years = BTreeSet::new();
    for (i, r) in p.reports.iter().enumerate() {
        if !report_years.insert(*r.year.get_ref()) {
            diags.push(src.error(
                r.year.span(),
                &format!("reports[{i}].year"),
                format!("there are two reports for {}\nmerge them into one [[reports]] table", r.year.get_ref()),
            ));
        }
        if let Some(g) = &r.grade {
            check_ref(&src, g, &format!("reports[{i}].grade"), "grade", &known.grades, voc, diags);
        }
        for (j, partner) in r.partners.iter().enumerate() {
            check_ref(&src, partner, &format!("reports[{i}].partners[{j}]"), "partner", &known.partners, voc, diags);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_is_recognised_with_or_without_a_byte_order_mark_and_only_then() {
        let record = "id = \"1-1-1\"\ntitle = \"市民活動支援補助金の充実\"\ndepartment = \"shimin\"\n";
        let encode = |le: bool| -> Vec<u8> {
            record.encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
        };
        let le = encode(true);
        let be = encode(false);
        assert!(utf16_kind(&[b"\xFF\xFE".as_slice(), &le].concat()).is_some_and(|k| k.starts_with("UTF-16 LE")));
        assert!(utf16_kind(&[b"\xFE\xFF".as_slice(), &be].concat()).is_some_and(|k| k.starts_with("UTF-16 BE")));
        assert!(utf16_kind(&le).is_some_and(|k| k.starts_with("UTF-16 LE")));
        assert!(utf16_kind(&be).is_some_and(|k| k.starts_with("UTF-16 BE")));
        assert_eq!(utf16_kind(record.as_bytes()), None);
        // A stray zero byte in a UTF-8 record is not UTF-16: the TOML parser reports it.
        assert_eq!(utf16_kind(format!("{record}note = \"a\0b\"\n").as_bytes()), None);
        assert_eq!(utf16_kind(b""), None);
    }
}
