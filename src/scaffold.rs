//! `kyodo new project ID`: a new record with every field, commented, using the site's
//! vocabulary, so the clerk fills in blanks rather than remembering keys. The comments are
//! in the language of the interface: the clerk reads them in Notepad.

use crate::fiscal_year::FiscalYear;
use crate::load::Site;
use crate::msg;
use crate::msg::Lang;
use crate::record_writer::string;

/// The text of a new project record, its comments in `lang`. `title` may be empty: the
/// record then fails the check with "the title is empty" until it is filled in.
pub fn project(site: &Site, id: &str, title: &str, lang: Lang) -> String {
    let mut record = head(site, id, title, lang);
    record.push_str(&progress(site, lang));
    record
}

/// The first part of a new record: what the project is, and where it belongs.
fn head(site: &Site, id: &str, title: &str, lang: Lang) -> String {
    let voc = &site.vocabulary;
    let first_policy =
        voc.goals.iter().flat_map(|g| g.policies.iter()).next().map(|p| p.id.get_ref().to_string()).unwrap_or_default();
    let first_department = voc.departments.first().map(|d| d.id.get_ref().to_string()).unwrap_or_default();
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
    line(&format!("id = {}", string(id)));
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
    line(&format!("policy = {}", string(&first_policy)));
    line(&note(msg!(
        ja: "# 事業名。日本語だけか、両方の言語で: {{ ja = \"…\", en = \"…\" }}",
        en: "# 事業名. Japanese alone, or both languages: {{ ja = \"…\", en = \"…\" }}",
    )));
    line(&format!("title = {{ ja = {}, en = \"\" }}", string(title)));
    line(&note(msg!(ja: "# 課等名: 報告する課。次のどれか:", en: "# 課等名: the department that reports. One of:")));
    for d in &departments {
        line(d);
    }
    line(&format!("department = {}", string(&first_department)));
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

/// The second part of a new record: yearly plan, an indicator and the reported year's
/// report.
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
    if statuses.is_empty() {
        line(&note(msg!(
            ja: "# 年次計画: このサイトの vocabulary.toml には状況が定められていません。年次計画を使うには、そこに書き加えてください。",
            en: "# 年次計画: this site's vocabulary.toml defines no statuses; add them there to use a yearly plan.",
        )));
    } else {
        let statuses = statuses.join(", ");
        line(&note(msg!(
            ja: "# 年次計画: 年度（{start}～{end}）と状況のID: {statuses}",
            en: "# 年次計画: fiscal years ({start}–{end}) and status ids: {statuses}",
        )));
    }
    line("[[schedule]]");
    line("years = {}");
    line("");
    line(&note(msg!(
        ja: "# 成果を示す指標: 数値は単位やコンマを付けずに書きます。数値でない値は text = \"…\" と書きます。",
        en: "# 成果を示す指標: numbers without unit or commas; a value that is not a number is text = \"…\".",
    )));
    line("[[indicators]]");
    line("id = \"indicator\"");
    line("name = { ja = \"\", en = \"\" }");
    line("unit = { ja = \"\", en = \"\" }");
    line(&note(msg!(
        ja: "direction = \"increase\"   # 減少を目指す指標なら \"decrease\"",
        en: "direction = \"increase\"   # or \"decrease\"",
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
