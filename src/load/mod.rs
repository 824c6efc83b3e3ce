//! Loading a site: read every file of `content/`, parse it, and check every reference.
//!
//! Loading never stops at the first problem: each file is parsed on its own and every
//! problem found is collected, so one run tells the clerk everything there is to fix.

use std::fs;
use std::path::{Path, PathBuf};

mod check;
pub use check::identity::{LOGO_EXTENSIONS, LOGO_MAX_BYTES};
mod decode;
pub mod folder;
mod parse;
mod read;
mod untranslated;

use check::*;
use decode::*;
use folder::record_paths;
use parse::*;
use read::*;
pub use read::{ParseCache, SourceFile, Sources};
use untranslated::*;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity, Source};
use crate::fiscal_year::FiscalYear;
use crate::model::{Project, SiteConfig, Vocabulary};
use crate::msg;
use crate::msg::Msg;
use crate::slug::natural_cmp;

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
    /// The site's absolute addresses, where it has a `base_url`.
    pub urls: crate::urls::Urls,
    /// The frozen editions under `content/editions/`, oldest first.
    pub editions: crate::edition::Editions,
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
        let files = Files { site: site.as_ref(), vocabulary: vocabulary.as_ref(), inputs, records_read: true };
        (assemble(root, files, diags, None, retention), paths.len())
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
        let loaded = assemble(root, Files::of(sources), diags, cache, Retention::Whole);
        require_records(loaded, sources.projects.len())
    }

    /// Like [`Site::from_sources`], but a site without any project record yet is not an
    /// error: for the commands that add its first records (`kyodo import`).
    pub fn from_sources_allowing_no_records(
        root: &Path,
        sources: &Sources,
        diags: Diagnostics,
    ) -> Result<(Site, Diagnostics), Diagnostics> {
        assemble(root, Files::of(sources), diags, None, Retention::Whole)
    }

    /// The whole record of project `i`: the one in memory, or with [`Retention::Outline`]
    /// the outline with its long texts read again from the file. A file that changed since
    /// it was loaded is an error: the build would mix two versions of it.
    pub fn record(&self, i: usize) -> Result<std::borrow::Cow<'_, Project>, Box<Diagnostic>> {
        let file = &self.projects[i];
        if self.retention == Retention::Whole {
            return Ok(std::borrow::Cow::Borrowed(&file.record));
        }
        let bytes = crate::files::read(&self.root.join(&file.path))
            .map_err(|e| Box::new(Diagnostic::file_error(&file.path, cannot_read(&e.error), check_readable())))?;
        let changed = || {
            Box::new(Diagnostic::file_error(
                &file.path,
                msg!(
                    ja: "サイトを作っている間に、このファイルが変更されました。",
                    en: "the file changed while the site was being built",
                ),
                msg!(
                    ja: "ファイルを保存し終えてから、もう一度作成してください。",
                    en: "build again once the file is saved",
                ),
            ))
        };
        if content_hash(&bytes) != file.hash {
            return Err(changed());
        }
        let text = std::str::from_utf8(crate::files::without_bom(&bytes)).map_err(|_| changed())?;
        let mut parsed: Project = toml::from_str(text).map_err(|_| changed())?;
        let mut whole = file.record.clone();
        whole.restore_long_texts(parsed.take_long_texts());
        Ok(std::borrow::Cow::Owned(whole))
    }
    /// The reported fiscal years, oldest first, each once.
    pub fn reported_years(&self) -> Vec<FiscalYear> {
        let mut years: Vec<FiscalYear> = self.config.reported_years.iter().map(|y| *y.get_ref()).collect();
        years.sort();
        years.dedup();
        years
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
            msg!(
                ja: "{PROJECTS_DIR}/ に事業の記録ファイルが一つもありません。",
                en: "no project records in {PROJECTS_DIR}/",
            ),
            msg!(
                ja: "{PROJECTS_DIR}/ に事業ごとに一つずつ、事業のIDを名前にしたファイル（例: {PROJECTS_DIR}/1-1-1.toml）を置いてください。`kyodo new project 1-1-1` で記入用のファイルを作れます。表計算ソフトの表からは `kyodo import ファイル名` で作れます。",
                en: "put one file per project in {PROJECTS_DIR}/, named after its id, e.g. {PROJECTS_DIR}/1-1-1.toml: `kyodo new project 1-1-1` writes one to fill in, and `kyodo import FILE` makes them from a spreadsheet",
            ),
        ));
    }
    errors.sort();
    Err(errors)
}

/// What became of one project file.
// Not boxed: a box per record, freed on another thread than it was made on, left the
// allocator holding several MiB more on a large site.
#[allow(clippy::large_enum_variant)]
enum Loaded {
    Project(ProjectFile),
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
    (Loaded::Project(ProjectFile { path: source.path.clone(), record, hash }), d)
}

/// Parses and checks a site's files, reading the project files from `inputs`.
/// The files a site is assembled from.
struct Files<'a> {
    site: Option<&'a SourceFile>,
    vocabulary: Option<&'a SourceFile>,
    inputs: Inputs<'a>,
    /// Whether `inputs` are the site's records (not left unread: [`Sources::read_config`]).
    records_read: bool,
}

impl<'a> Files<'a> {
    fn of(sources: &'a Sources) -> Files<'a> {
        Files {
            site: sources.site.as_ref(),
            vocabulary: sources.vocabulary.as_ref(),
            inputs: Inputs::Held(&sources.projects),
            records_read: sources.records_read,
        }
    }
}

fn assemble(
    root: &Path,
    files: Files,
    mut diags: Diagnostics,
    cache: Option<&ParseCache>,
    retention: Retention,
) -> Result<(Site, Diagnostics), Diagnostics> {
    use rayon::prelude::*;
    let Files { site, vocabulary, inputs, records_read } = files;
    let config =
        site.and_then(|f| decode(f, &mut diags)).and_then(|f| parse::<SiteConfig>(&f, &mut diags).map(|c| (f, c)));
    let vocabulary = match vocabulary {
        Some(file) => decode(file, &mut diags).and_then(|f| parse::<Vocabulary>(&f, &mut diags).map(|v| (Some(f), v))),
        None => Some((None, Vocabulary::default())),
    };
    let reported: Vec<FiscalYear> =
        config.as_ref().map(|(_, c)| c.reported_years.iter().map(|y| *y.get_ref()).collect()).unwrap_or_default();
    let editions = crate::edition::Editions::load(root, &mut diags);
    // With a vocabulary that does not parse, references cannot be checked: the records are
    // only parsed, and checked once the vocabulary is fixed.
    let known = vocabulary.as_ref().map(|(_, v)| Known::new(v, &reported, &editions));

    // Files are read, parsed and checked in parallel; results keep the files' order.
    let loaded: Vec<(Loaded, Diagnostics)> =
        (0..inputs.len()).into_par_iter().map(|i| load_project(&inputs, i, known.as_ref(), cache, retention)).collect();
    let mut projects = Vec::with_capacity(loaded.len());
    let mut broken = Vec::new();
    for (outcome, d) in loaded {
        diags.extend(d);
        match outcome {
            Loaded::Project(p) => projects.push(p),
            Loaded::Broken(stem) => broken.push(stem),
        }
    }
    // A record reported as not read (`1-1-2.toml.txt`, a link) still names a project:
    // links to it are not reported a second time.
    broken.extend(diags.errors().filter(|d| d.location.is_none()).filter_map(|d| folder::intended_id(&d.file)));
    if known.is_some() {
        check_across_projects(&projects, &broken, &inputs, &mut diags);
        // Records left unread (`kyodo new` reads only site.toml and vocabulary.toml) are not
        // missing.
        if records_read {
            let present = projects.iter().map(|p| crate::edition::compare::file_key(&p.path)).collect();
            let broken = broken.iter().map(|id| format!("{PROJECTS_DIR}/{id}.toml")).collect();
            crate::edition::compare::check_missing_records(&present, &broken, &editions, &mut diags);
        }
    }
    drop(known);

    if let Some((file, config)) = &config {
        check_config(file, config, &editions, &mut diags);
        check_site_identity(&Source { path: &file.path, text: &file.text }, root, config, &mut diags);
    }
    if let Some((Some(file), vocabulary)) = &vocabulary {
        check_vocabulary(file, vocabulary, &reported, &editions, &mut diags);
        check_contacts(&Source { path: &file.path, text: &file.text }, vocabulary, &mut diags);
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
            let urls = crate::urls::Urls::new(config.base_url.as_ref().map(|b| b.get_ref().as_str()));
            Ok((
                Site { root: root.to_path_buf(), config, vocabulary, projects, by_id, retention, urls, editions },
                diags,
            ))
        }
        // With errors to fix, warnings would only bury them; they show again once the
        // errors are gone.
        _ => Err(Diagnostics(diags.0.into_iter().filter(|d| d.severity == Severity::Error).collect())),
    }
}

/// "cannot read the file", with the system's reason.
fn cannot_read(error: &std::io::Error) -> Msg {
    msg!(
        ja: "ファイルを読み込めません（{error}）。",
        en: "cannot read the file: {error}",
    )
}

/// What to do about a file that cannot be read.
fn check_readable() -> Msg {
    msg!(
        ja: "ファイルがあること、読み込む権限があることを確かめてください。",
        en: "check that the file exists and that you may read it",
    )
}
