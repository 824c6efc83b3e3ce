//! `kyodo new project ID`: a new record with every field, commented, using the site's
//! vocabulary, so the clerk fills in blanks rather than remembering keys. The comments are
//! in the language of the interface: the clerk reads them in Notepad.
//!
//! The record builds as written: its required fields have values that pass the checks
//! (the title given, or the id with a marker; the first department and policy of the
//! vocabulary unless others are chosen), the parts that would not check while empty (the
//! yearly plan, an indicator) are commented templates, and [`Scaffold::unfilled`] lists
//! what is still to fill in. The preview's editor makes its new records here too.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::field_names::label;
use crate::fiscal_year::FiscalYear;
use crate::load::Site;
use crate::msg;
use crate::msg::{Lang, Msg};
use crate::record_writer::string;

/// What a new record says from the start.
#[derive(Debug, Clone, Default)]
pub struct NewProject<'a> {
    pub id: &'a str,
    /// 事業名 in Japanese; empty: the id with a marker, listed as still to fill in.
    pub title: &'a str,
    /// The title in English; may be empty.
    pub title_en: &'a str,
    /// A department id of the vocabulary; `None`: the first.
    pub department: Option<&'a str>,
    /// A policy id of the vocabulary; `None`: the first.
    pub policy: Option<&'a str>,
}

/// A new record: its text, and the fields still to fill in.
#[derive(Debug, Clone)]
pub struct Scaffold {
    pub text: String,
    /// The names of the fields that are empty or hold a stand-in, in the clerk's words.
    pub unfilled: Vec<Msg>,
}

impl Scaffold {
    /// "still to fill in: …", naming every unfilled field.
    pub fn warning(&self, path: &Path) -> Msg {
        let shown = path.display();
        let fields = self.unfilled.iter().cloned().reduce(|a, b| msg!(ja: "{a}、{b}", en: "{a}, {b}", a = a, b = b));
        let fields = fields.unwrap_or_else(|| msg!(ja: "（なし）", en: "(none)"));
        msg!(
            ja: "{shown} は、このままでもサイトを作成できますが、まだ記入されていない項目があります: {fields}。",
            en: "{shown} builds as it is, but these fields are still to fill in: {fields}",
            fields = fields,
        )
    }
}

/// The Japanese title of a record made without one: the id, marked so that it is seen on
/// the page until the clerk writes the title.
pub fn stand_in_title(id: &str) -> String {
    format!("{id}（事業名を記入してください）")
}

/// The text of a new project record, its comments in `lang`; an error when a department
/// or policy chosen is not in the vocabulary, or the vocabulary has none.
pub fn project(site: &Site, new: &NewProject, lang: Lang) -> Result<Scaffold, Msg> {
    let department = choose_department(site, new.department)?;
    let policy = choose_policy(site, new.policy)?;
    let mut text = head(site, new, &department, &policy, lang);
    text.push_str(&progress(site, lang));
    let mut unfilled = Vec::new();
    let mut name = |parent: &str, key: &str| {
        let named = label(parent, key).map(|l| msg!(ja: "{l}（{key}）", en: "{l} ({key})", l = l));
        unfilled.extend(named);
    };
    if new.title.trim().is_empty() {
        name("Project", "title");
    }
    for key in ["code", "issues", "direction", "plan_content", "audience", "implementer", "schedule", "indicators"] {
        name("Project", key);
    }
    name("Report", "achievements");
    Ok(Scaffold { text, unfilled })
}

/// The department of a new record: the one chosen, else the vocabulary's first.
fn choose_department(site: &Site, chosen: Option<&str>) -> Result<String, Msg> {
    let ids: Vec<&str> = site.vocabulary.departments.iter().map(|d| d.id.get_ref().as_str()).collect();
    choose(&ids, chosen, || {
        msg!(
            ja: "vocabulary.toml に課（[[departments]]）が一つもありません。\n事業の担当課を選べるように、vocabulary.toml に [[departments]] を書き加えてください。",
            en: "vocabulary.toml defines no departments\nadd a [[departments]] table to vocabulary.toml: every project names its department",
        )
    })
}

/// The policy of a new record: the one chosen, else the vocabulary's first.
fn choose_policy(site: &Site, chosen: Option<&str>) -> Result<String, Msg> {
    let ids: Vec<&str> =
        site.vocabulary.goals.iter().flat_map(|g| g.policies.iter()).map(|p| p.id.get_ref().as_str()).collect();
    choose(&ids, chosen, || {
        msg!(
            ja: "vocabulary.toml に施策（[[goals.policies]]）が一つもありません。\n事業が属する施策を選べるように、vocabulary.toml に [[goals]] と [[goals.policies]] を書き加えてください。",
            en: "vocabulary.toml defines no policies\nadd [[goals]] with [[goals.policies]] to vocabulary.toml: every project belongs to a policy",
        )
    })
}

fn choose(ids: &[&str], chosen: Option<&str>, none: impl Fn() -> Msg) -> Result<String, Msg> {
    match chosen.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) if ids.contains(&c) => Ok(c.to_owned()),
        Some(c) => {
            let known = ids.join(", ");
            Err(msg!(
                ja: "\"{c}\" は vocabulary.toml にありません。\n次のどれかを書いてください: {known}",
                en: "\"{c}\" is not in vocabulary.toml\nwrite one of: {known}",
            ))
        }
        None => ids.first().map(|f| (*f).to_owned()).ok_or_else(none),
    }
}

/// The first part of a new record: what the project is, and where it belongs.
fn head(site: &Site, new: &NewProject, department: &str, policy: &str, lang: Lang) -> String {
    let voc = &site.vocabulary;
    let policies: Vec<String> = voc
        .goals
        .iter()
        .flat_map(|g| {
            g.policies.iter().map(move |p| {
                format!(
                    "#   {} = {} {}",
                    p.id.get_ref(),
                    p.code.ja,
                    p.title.as_ref().map(|t| t.ja.as_str()).unwrap_or(&g.code.ja)
                )
            })
        })
        .collect();
    let departments: Vec<String> =
        voc.departments.iter().map(|d| format!("#   {} = {}", d.id.get_ref(), d.name.ja)).collect();
    let title = match new.title.trim() {
        "" => stand_in_title(new.id),
        given => given.to_owned(),
    };
    let mut t = String::new();
    let mut line = |s: &str| {
        t.push_str(s);
        t.push('\n');
    };
    let note = |m: msg::Msg| m.get(lang).to_owned();
    line(&note(msg!(
        ja: "# 事業の記録ファイル。各項目の説明は docs/records.md にあります。# で始まる行は注記です。",
        en: "# Project record. Every field is described in docs/records.md; lines starting with # are notes.",
    )));
    line("#:schema ../../schemas/project.schema.json");
    line(&format!("id = {}", string(new.id)));
    line(&note(msg!(
        ja: "# 報告書に印刷されている計画の番号（例: \"1-(3)-③\"）。",
        en: "# The plan code as printed in the report, e.g. \"1-(3)-③\".",
    )));
    line("code = \"\"");
    line(&note(msg!(
        ja: "# 事業が属する施策。次のどれか:",
        en: "# The policy (施策) the project belongs to. One of:",
    )));
    for p in &policies {
        line(p);
    }
    line(&format!("policy = {}", string(policy)));
    line(&note(msg!(
        ja: "# 事業名。日本語だけか、両方の言語で: {{ ja = \"…\", en = \"…\" }}",
        en: "# 事業名. Japanese alone, or both languages: {{ ja = \"…\", en = \"…\" }}",
    )));
    line(&format!("title = {{ ja = {}, en = {} }}", string(&title), string(new.title_en.trim())));
    line(&note(msg!(ja: "# 課等名: 報告する課。次のどれか:", en: "# 課等名: the department that reports. One of:")));
    for d in &departments {
        line(d);
    }
    line(&format!("department = {}", string(department)));
    line(&note(msg!(
        ja: "# 主たる部署（上の課だけでない場合）と関係部署など。上のIDで書きます。",
        en: "# 主たる部署 (if not only the department above) and 関係部署など, by the ids above.",
    )));
    line("# lead_departments = []");
    line("# lead_note = { ja = \"\", en = \"\" }");
    line("related_departments = []");
    line("");
    line(&note(msg!(
        ja: "# 長い文章は \"\"\" と \"\"\" の間に Markdown で書きます。",
        en: "# Long texts are Markdown between \"\"\" and \"\"\".",
    )));
    for (key, what) in [("issues", "現状・課題"), ("direction", "目指すべき方向性"), ("plan_content", "推進内容")]
    {
        line(&format!("# {what}"));
        line(&format!("{key} = {{ ja = \"\"\"\n\"\"\", en = \"\"\"\n\"\"\" }}"));
    }
    line("audience = { ja = \"\", en = \"\" }      # 対象者");
    line("implementer = { ja = \"\", en = \"\" }   # 実施主体");
    line(&note(msg!(
        ja: "# 主な関連事業: ほかの事業のID（例: [\"1-2-1\"]）",
        en: "# 主な関連事業: ids of other projects, e.g. [\"1-2-1\"]",
    )));
    line("related = []");
    line("");
    t
}

/// The second part of a new record: yearly plan and an indicator as commented templates
/// (they would not check while empty), and the reported year's report.
fn progress(site: &Site, lang: Lang) -> String {
    let voc = &site.vocabulary;
    let year = site.reported_year();
    let plan = |fy: Option<FiscalYear>| fy.map(|y| y.era_short());
    let statuses: Vec<String> = voc.statuses.iter().map(|s| format!("{} ({})", s.id.get_ref(), s.label.ja)).collect();
    let grades: Vec<String> = voc.grades.iter().map(|g| g.id.get_ref().to_string()).collect();
    let partners: Vec<String> = voc.partners.iter().map(|p| format!("{} ({})", p.id.get_ref(), p.label)).collect();
    let start = plan(site.config.plan.start).unwrap_or_else(|| year.era_short());
    let end = plan(site.config.plan.end.as_ref().map(|e| *e.get_ref())).unwrap_or_else(|| year.era_short());

    let mut t = String::new();
    let mut line = |s: &str| {
        t.push_str(s);
        t.push('\n');
    };
    let note = |m: msg::Msg| m.get(lang).to_owned();
    let uncomment = note(msg!(
        ja: "# 使うときは、次の行の先頭の # を消して記入してください。",
        en: "# To use it, remove the # at the start of the lines below and fill them in.",
    ));
    if let Some(first) = voc.statuses.first() {
        let statuses = statuses.join(", ");
        line(&note(msg!(
            ja: "# 年次計画: 年度（{start}～{end}）と状況のID: {statuses}",
            en: "# 年次計画: fiscal years ({start}–{end}) and status ids: {statuses}",
        )));
        line(&uncomment);
        line("# [[schedule]]");
        line(&format!("# years = {{ {start} = {} }}", string(first.id.get_ref().as_str())));
    } else {
        line(&note(msg!(
            ja: "# 年次計画: このサイトの vocabulary.toml には状況が定められていません。年次計画を使うには、そこに書き加えてください。",
            en: "# 年次計画: this site's vocabulary.toml defines no statuses; add them there to use a yearly plan.",
        )));
    }
    line("");
    line(&note(msg!(
        ja: "# 成果を示す指標: 数値は単位やコンマを付けずに書きます。数値でない値は text = \"…\" と書きます。",
        en: "# 成果を示す指標: numbers without unit or commas; a value that is not a number is text = \"…\".",
    )));
    line(&uncomment);
    line("# [[indicators]]");
    line("# id = \"indicator\"");
    line("# name = { ja = \"\", en = \"\" }");
    line("# unit = { ja = \"\", en = \"\" }");
    line(&note(msg!(
        ja: "# direction = \"increase\"   # 減少を目指す指標なら \"decrease\"",
        en: "# direction = \"increase\"   # or \"decrease\"",
    )));
    line(&format!("# baseline = {{ year = \"{start}\", value = 0 }}"));
    line(&format!("# target = {{ year = \"{end}\", value = 0 }}"));
    line(&format!("# actuals = [{{ year = \"{}\", value = 0 }}]", year.era_short()));
    line(&note(msg!(
        ja: "# 値が文字の指標は、段階を低い順に書くと数値と同じように判定されます: levels = [\"未実施\", \"実施\", \"充実\"]",
        en: "# an indicator whose values are texts is judged by its levels, lowest first: levels = [\"未実施\", \"実施\", \"充実\"]",
    )));
    line("");
    line(&note(msg!(ja: "# 報告する年度の進捗状況。", en: "# 進捗状況 of the reported year.")));
    line("[[reports]]");
    line(&format!("year = \"{}\"", year.era_short()));
    if !grades.is_empty() {
        let grades = grades.join(", ");
        line(&note(
            msg!(ja: "# grade = \"\"        # 次のどれか: {grades}", en: "# grade = \"\"        # one of: {grades}"),
        ));
    }
    if !partners.is_empty() {
        let partners = partners.join(", ");
        line(&note(
            msg!(ja: "# partners = []     # 協働の相手のID: {partners}", en: "# partners = []     # ids: {partners}"),
        ));
    }
    line("achievements = { ja = \"\"\"\n\"\"\", en = \"\"\"\n\"\"\" }");
    line("# effect = { ja = \"\"\"\n# \"\"\", en = \"\"\"\n# \"\"\" }");
    t
}

/// Why a new record was not written.
#[derive(Debug)]
pub enum CreateError {
    /// A record of that id is there already (the file named).
    Exists(PathBuf),
    /// The file system refused.
    Io(PathBuf, io::Error),
}

impl CreateError {
    /// What went wrong and what to do, in both languages.
    pub fn message(&self) -> Msg {
        match self {
            CreateError::Exists(path) => {
                let shown = path.display();
                msg!(
                    ja: "{shown} はすでにあります。\n別のIDにするか、そのファイルを編集してください。",
                    en: "{shown} exists already\nchoose another id or edit that file",
                )
            }
            CreateError::Io(path, e) => {
                let shown = path.display();
                msg!(ja: "{shown} に書き込めません（{e}）。", en: "cannot write {shown}: {e}")
            }
        }
    }
}

/// The file of a new record of `id`: `content/projects/ID.toml` under `root`, refused when
/// a record of that id exists anywhere in the projects folder (a record may sit in a
/// subfolder, and two files of one id would not build).
pub fn new_record_path(root: &Path, id: &str) -> Result<PathBuf, CreateError> {
    let mut ignored = crate::diagnostic::Diagnostics::default();
    let existing = crate::load::folder::record_paths(root, &mut ignored);
    if let Some(same) = existing.into_iter().find(|p| p.file_stem().is_some_and(|s| s == id)) {
        return Err(CreateError::Exists(same));
    }
    Ok(Path::new(crate::load::PROJECTS_DIR).join(format!("{id}.toml")))
}

/// Writes a new record at `root`/`path` (relative to the root) whole or not at all: to a
/// temporary file in the same folder, flushed, then moved into place only if no file of
/// that name exists (never overwriting one written meanwhile). The folder is made if
/// there is none.
pub fn create(root: &Path, path: &Path, text: &str) -> Result<(), CreateError> {
    let full = root.join(path);
    let io_error = |e: io::Error| CreateError::Io(path.to_path_buf(), e);
    let dir = full.parent().unwrap_or(root);
    std::fs::create_dir_all(dir).map_err(io_error)?;
    let mut temp = tempfile::Builder::new().prefix(".kyodo-new-").suffix(".tmp").tempfile_in(dir).map_err(io_error)?;
    temp.write_all(text.as_bytes()).map_err(io_error)?;
    temp.as_file().sync_all().map_err(io_error)?;
    crate::import::commit::keep_permissions(&full, temp.as_file()).map_err(io_error)?;
    temp.persist_noclobber(&full).map_err(|e| match e.error.kind() {
        io::ErrorKind::AlreadyExists => CreateError::Exists(path.to_path_buf()),
        _ => io_error(e.error),
    })?;
    Ok(())
}
