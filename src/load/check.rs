//! The checks a parsed site must pass: references between records, unique ids, values
//! that make sense together.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use toml::Spanned;

use crate::diagnostic::{Diagnostics, Severity, Source, did_you_mean};
use crate::edition::Editions;
use crate::fiscal_year::FiscalYear;
use crate::model::config::{check_base_url, check_municipality_code};
use crate::model::{Indicator, Project, SiteConfig, ValueKind, Vocabulary};
use crate::msg;
use crate::msg::Msg;
use crate::slug::{Slug, natural_cmp};

use super::*;

pub(super) fn check_config(file: &LoadedText, config: &SiteConfig, editions: &Editions, diags: &mut Diagnostics) {
    let src = Source { path: &file.path, text: &file.text };
    for e in &editions.list {
        if !config.reported_years.iter().any(|y| *y.get_ref() == e.year) {
            diags.push(src.at(
                Severity::Error,
                None,
                Some("reported_years"),
                msg!(
                    ja: "{year}には確定版（{dir}/{number}）がありますが、報告する年度に入っていません。\nreported_years に \"{era}\" を戻してください。公表した確定版は、サイトの一部として残します。",
                    en: "{year} has a frozen edition ({dir}/{number}) but is not a reported year\nadd \"{era}\" back to reported_years: a published edition stays part of the site",
                    year = e.year.named(),
                    dir = crate::edition::EDITIONS_DIR,
                    number = e.year.year(),
                    era = e.year.era_short(),
                ),
            ));
        }
    }
    if config.reported_years.is_empty() {
        diags.push(src.at(
            Severity::Error,
            None,
            Some("reported_years"),
            msg!(
                ja: "報告する年度がありません。\nこのサイトで報告する年度を書いてください（例: reported_years = [\"R5\"]）。",
                en: "no reported year\nwrite the fiscal years this site reports on, e.g. reported_years = [\"R5\"]",
            ),
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
            msg!(
                ja: "既定の言語（default_language）が `languages` にありません。\nlanguages に加えるか、default_language を別の言語にしてください。",
                en: "the default language is not in `languages`\nadd it to languages or choose another default_language",
            ),
        ));
    }
    if let (Some(start), Some(end)) = (config.plan.start, &config.plan.end)
        && start > *end.get_ref()
    {
        let message = msg!(
            ja: "計画の終わりの年度が{end}になっていて、始まりの年度の{start}より前です。\nplan.start に最初の年度、plan.end に最後の年度を書いてください。",
            en: "the plan ends ({end}) before it starts ({start})\nwrite the first fiscal year in plan.start and the last in plan.end",
            end = end.get_ref().named(),
            start = start.named(),
        );
        diags.push(src.error(end.span(), "plan.end", message));
    }
    if config.theme.is_empty() || config.theme.contains(['/', '\\']) || config.theme.starts_with('.') {
        diags.push(src.at(
            Severity::Error,
            None,
            Some("theme"),
            msg!(
                ja: "\"{theme}\" はテーマの名前として使えません。\nthemes/ の中のフォルダーの名前か、\"default\" を書いてください。",
                en: "\"{theme}\" is not a theme name\nwrite the name of a folder under themes/, or \"default\"",
                theme = &config.theme,
            ),
        ));
    }
}

pub(super) fn check_vocabulary(
    file: &LoadedText,
    vocabulary: &Vocabulary,
    reported: &[FiscalYear],
    editions: &Editions,
    diags: &mut Diagnostics,
) {
    let src = Source { path: &file.path, text: &file.text };
    for (i, d) in vocabulary.departments.iter().enumerate() {
        check_former_names(&src, i, d, reported, diags);
    }
    crate::edition::compare::check_vocabulary(&src, vocabulary, editions, diags);
    let mut check_unique = |list: &str, ids: Vec<&Spanned<Slug>>| {
        let mut seen = BTreeSet::new();
        for id in ids {
            if !seen.insert(id.get_ref().as_str()) {
                let id_text = id.get_ref();
                diags.push(src.error(
                    id.span(),
                    &format!("{list}.id"),
                    msg!(
                        ja: "ID \"{id_text}\" が {list} の中で二度使われています。\n項目ごとに別のIDを付けてください。",
                        en: "the id \"{id_text}\" is used twice in {list}\ngive each entry its own id",
                    ),
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

/// A department's former names: oldest first, each used in some reported year, and the
/// current name used in the latest one.
fn check_former_names(
    src: &Source,
    i: usize,
    d: &crate::model::Department,
    reported: &[FiscalYear],
    diags: &mut Diagnostics,
) {
    let (Some(first), Some(last)) = (reported.iter().min(), reported.iter().max()) else { return };
    let mut previous: Option<FiscalYear> = None;
    for (j, f) in d.former_names.iter().enumerate() {
        let key = format!("departments[{i}].former_names[{j}].until");
        let until = *f.until.get_ref();
        let (era, first_era, last_era) = (until.era_short(), first.era_short(), last.era_short());
        let message = if previous.is_some_and(|p| until <= p) {
            Some(msg!(
                ja: "`until` の{until}が、一つ前の旧名称の `until` より後の年度になっていません。\n旧名称は古い順に並べ、`until` の年度が一つずつ後になるようにしてください。",
                en: "{until} is not after the `until` of the former name before it\nlist former names oldest first, each with a later `until`",
                until = until.named(),
            ))
        } else if until >= *last {
            Some(msg!(
                ja: "until = \"{era}\" では、今の名前を使う報告年度がなくなります（最新の報告年度は {last_era} です）。\n旧名称を最後に使った年度を、{last_era} より前の年度で書いてください。",
                en: "until = \"{era}\" leaves no reported year for the current name: the latest reported year is {last_era}\nwrite the last fiscal year the former name was used, before {last_era}",
            ))
        } else if until < *first {
            Some(msg!(
                ja: "until = \"{era}\" は最初の報告年度（{first_era}）より前なので、この名前はどこにも表示されません。\nこの名前を最後に使った報告年度を書くか、この旧名称を削除してください。",
                en: "until = \"{era}\" is before the first reported year ({first_era}), so the name is never shown\nwrite the last reported fiscal year the name was used, or remove this former name",
            ))
        } else {
            None
        };
        if let Some(m) = message {
            diags.push(src.error(f.until.span(), &key, m));
        }
        if f.name.ja.trim().is_empty() {
            diags.push(src.error(
                f.until.span(),
                &format!("departments[{i}].former_names[{j}].name"),
                msg!(
                    ja: "旧名称が空です。\n課の以前の名前を書いてください（例: name = \"市民活動推進課\"）。",
                    en: "the former name is empty\nwrite the name the department had, e.g. name = \"市民活動推進課\"",
                ),
            ));
        }
        previous = Some(until);
    }
}

/// Checks one reference against the ids that exist, with a did-you-mean suggestion.
/// Help texts list the known ids only when there are this many or fewer.
pub(super) const LIST_IDS_UP_TO: usize = 50;

pub(super) fn check_ref(
    src: &Source,
    id: &Spanned<Slug>,
    key: &str,
    what: fn() -> Msg,
    known: &[&str],
    defined_in: &str,
    diags: &mut Diagnostics,
) {
    let wanted = id.get_ref().as_str();
    if known.contains(&wanted) {
        return;
    }
    // Made only for a message: most references are fine.
    let what = &what();
    let mut known = known.to_vec();
    known.sort_by(|a, b| natural_cmp(a, b));
    known.dedup();
    let (count, list) = (known.len(), known.join(", "));
    let help = if known.is_empty() {
        msg!(
            ja: "まず {defined_in} に{what}を書き加えてください（まだ一つもありません）。",
            en: "no {what} is defined yet: add it to {defined_in} first",
            what = what,
        )
    } else {
        match did_you_mean(wanted, known.iter().copied()) {
            Some(s) if known.len() > LIST_IDS_UP_TO => msg!(
                ja: "\"{s}\" の書き間違いではありませんか。{what}のIDは {defined_in} で確かめてください。",
                en: "did you mean \"{s}\"? see the {what} ids in {defined_in}",
                what = what,
            ),
            Some(s) => msg!(
                ja: "\"{s}\" の書き間違いではありませんか。{defined_in} にある{what}のIDは次のとおりです: {list}",
                en: "did you mean \"{s}\"? the {what} ids in {defined_in} are: {list}",
                what = what,
            ),
            None if known.len() > LIST_IDS_UP_TO => msg!(
                ja: "{defined_in} にある{what}のID（{count}件）のどれかを書いてください。",
                en: "write one of the {what} ids in {defined_in} ({count} of them)",
                what = what,
            ),
            None => msg!(
                ja: "{defined_in} にある{what}のIDのどれかを書いてください: {list}",
                en: "write one of the {what} ids in {defined_in}: {list}",
                what = what,
            ),
        }
    };
    let message = msg!(
        ja: "{what}のID \"{wanted}\" が見つかりません。\n{help}",
        en: "unknown {what} \"{wanted}\"\n{help}",
        what = what,
        help = help,
    );
    diags.push(src.error(id.span(), key, message));
}

/// The ids a project record may refer to, from the vocabulary.
pub(super) struct Known<'a> {
    pub departments: Vec<&'a str>,
    pub policies: Vec<&'a str>,
    pub grades: Vec<&'a str>,
    pub partners: Vec<&'a str>,
    pub statuses: Vec<&'a str>,
    /// The newest reported year.
    pub reported: Option<FiscalYear>,
    pub reported_years: Vec<FiscalYear>,
    pub editions: &'a Editions,
}

impl<'a> Known<'a> {
    pub(super) fn new(vocabulary: &'a Vocabulary, reported_years: &[FiscalYear], editions: &'a Editions) -> Known<'a> {
        let mut years = reported_years.to_vec();
        years.sort();
        years.dedup();
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
            reported: years.last().copied(),
            reported_years: years,
            editions,
        }
    }
}

/// The checks that need every project: ids are unique, related projects exist. The text
/// of a file is read again only for a problem to show.
pub(super) fn check_across_projects(
    projects: &[ProjectFile],
    broken: &[String],
    inputs: &Inputs,
    diags: &mut Diagnostics,
) {
    let mut first_seen: std::collections::HashMap<&str, &Path> = std::collections::HashMap::new();
    for project in projects {
        let id = project.record.id.get_ref().as_str();
        if let Some(other) = first_seen.get(id) {
            let file = inputs.text_of(&project.path);
            let src = Source { path: &file.path, text: &file.text };
            let other = other.display().to_string().replace('\\', "/");
            diags.push(src.error(
                project.record.id.span(),
                "id",
                msg!(
                    ja: "事業のID \"{id}\" は {other} でも使われています。\n事業ごとに別のIDを付けてください。",
                    en: "the project id \"{id}\" is also used by {other}\ngive each project its own id",
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
            check_ref(&src, r, &format!("related[{i}]"), what::project, known, PROJECTS_DIR, diags);
        }
    }
}

/// The checks of one project record that need only its own file and the vocabulary; fills
/// in what the loader derives (fiscal years of the yearly plan, numbers as written).
pub(super) fn check_project(path: &Path, p: &mut Project, file: &LoadedText, known: &Known, diags: &mut Diagnostics) {
    let src = Source { path: &file.path, text: &file.text };
    check_identity(&src, path, p, known, diags);
    derive_schedule(&src, p, known, diags);
    keep_numbers_as_written(&src, p, diags);
    let mut indicator_ids = BTreeSet::new();
    for (i, ind) in p.indicators.iter().enumerate() {
        check_indicator(&src, i, ind, &mut indicator_ids, known, diags);
    }
    warn_untranslated(file, p.texts(), diags);
    check_reports(&src, p, known, diags);
    crate::edition::compare::check_project(&src, path, p, known.editions, diags);
}

/// The id matches the file name, there is a title, and every reference exists.
fn check_identity(src: &Source, path: &Path, p: &Project, known: &Known, diags: &mut Diagnostics) {
    let voc = VOCABULARY_FILE;
    let id = p.id.get_ref().as_str();
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if stem != id {
        let message = msg!(
            ja: "ID \"{id}\" がファイル名 \"{stem}.toml\" と違います。\nファイル名を {id}.toml に変えるか、id = \"{stem}\" と書いてください。",
            en: "the id \"{id}\" differs from the file name \"{stem}.toml\"\nrename the file to {id}.toml or write id = \"{stem}\"",
        );
        diags.push(src.error(p.id.span(), "id", message));
    }
    if p.title.get_ref().ja.trim().is_empty() {
        diags.push(src.error(
            p.title.span(),
            "title",
            msg!(
                ja: "事業名（title）が空です。\n事業名を書いてください（例: title = \"市民活動支援補助金の充実\"）。",
                en: "the title is empty\nwrite the project name (事業名), e.g. title = \"市民活動支援補助金の充実\"",
            ),
        ));
    }
    let department = what::department;
    check_ref(src, &p.policy, "policy", what::policy, &known.policies, voc, diags);
    check_ref(src, &p.department, "department", department, &known.departments, voc, diags);
    for (i, d) in p.lead_departments.iter().enumerate() {
        check_ref(src, d, &format!("lead_departments[{i}]"), department, &known.departments, voc, diags);
    }
    for (i, d) in p.related_departments.iter().enumerate() {
        check_ref(src, d, &format!("related_departments[{i}]"), department, &known.departments, voc, diags);
    }
    for (i, r) in p.related.iter().enumerate() {
        if r.get_ref() == p.id.get_ref() {
            diags.push(src.error(
                r.span(),
                &format!("related[{i}]"),
                msg!(
                    ja: "事業を自分自身の関連事業にはできません。\nrelated からこのIDを削除してください。",
                    en: "a project cannot be related to itself\nremove this id from related",
                ),
            ));
        }
    }
}

/// Reads the fiscal years of the yearly plan (`R4`, `令和4年度` …) into `by_year`.
fn derive_schedule(src: &Source, p: &mut Project, known: &Known, diags: &mut Diagnostics) {
    let voc = VOCABULARY_FILE;
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
                            msg!(
                                ja: "{fy}がこの行に二つあります。\n一つの年度につき一つだけ残してください。",
                                en: "{fy} is given twice in this row\nkeep one entry per fiscal year",
                                fy = fy.named(),
                            ),
                        ));
                    }
                }
                Err(e) => diags.push(src.error(status.span(), &key, e.0)),
            }
            check_ref(src, status, &key, what::status, &known.statuses, voc, diags);
        }
        row.by_year = by_year;
    }
}

/// Numbers keep the decimals they were written with ("70.0" stays "70.0"), and are
/// published exactly as written or not at all.
fn keep_numbers_as_written(src: &Source, p: &mut Project, diags: &mut Diagnostics) {
    for (i, ind) in p.indicators.iter_mut().enumerate() {
        for (name, v) in ind.values_as_written_mut() {
            if let Some(n) = v.get_mut().value.as_mut() {
                let written = src.text.get(n.span()).unwrap_or("");
                match n.get_ref().with_written_form(written) {
                    Ok(number) => *n.get_mut() = number,
                    Err(message) => diags.push(src.error(n.span(), &format!("indicators[{i}].{name}.value"), message)),
                }
            }
        }
    }
}

/// One indicator: a name, an id of its own in the project, one value each, actuals in distinct years, a target after
/// the baseline, and (a warning) an actual for the reported year.
fn check_indicator<'p>(
    src: &Source,
    i: usize,
    ind: &'p Indicator,
    ids: &mut BTreeSet<&'p str>,
    known: &Known,
    diags: &mut Diagnostics,
) {
    if ind.name.ja.trim().is_empty() {
        let message = msg!(
            ja: "指標の名前がありません。\n指標の名前（成果を示す指標）を書いてください（例: name = \"相談・問合せ件数\"）。使わない指標であれば、この [[indicators]] の表を削除してください。",
            en: "the indicator has no name\nwrite its name (成果を示す指標), e.g. name = \"相談・問合せ件数\", or delete this [[indicators]] table",
        );
        diags.push(src.error(ind.id.span(), &format!("indicators[{i}].name"), message));
    }
    if !ids.insert(ind.id.get_ref().as_str()) {
        let id = ind.id.get_ref();
        diags.push(src.error(
            ind.id.span(),
            &format!("indicators[{i}].id"),
            msg!(
                ja: "指標のID \"{id}\" がこの事業の中で二度使われています。\n指標ごとに別のIDを付けてください。",
                en: "the indicator id \"{id}\" is used twice in this project\ngive each indicator its own id",
            ),
        ));
    }
    let mut actual_years = BTreeSet::new();
    for (name, kind, v) in ind.values_as_written() {
        let key = format!("indicators[{i}].{name}");
        let value = v.get_ref();
        match (&value.value, &value.text) {
            (Some(_), Some(_)) => diags.push(src.error(
                v.span(),
                &key,
                msg!(
                    ja: "`value` と `text` の両方が書かれています。\n数値なら value = 数値、文字なら text = \"…\" と、どちらか一方だけを書いてください。",
                    en: "both `value` and `text` are given\nwrite value = <number> for a number or text = \"…\" for a text, not both",
                ),
            )),
            (None, None) => diags.push(src.error(
                v.span(),
                &key,
                msg!(
                    ja: "値がありません。\nvalue = 数値（例: value = 128）か、text = \"…\"（例: text = \"充実\"）を書いてください。",
                    en: "no value\nwrite value = <number> (e.g. value = 128) or text = \"…\" (e.g. text = \"充実\")",
                ),
            )),
            _ => {}
        }
        if let Some(r) = value.reported_in {
            check_reported_in(src, &key, v, kind, r, &known.reported_years, diags);
        }
        if kind == ValueKind::Actual && !actual_years.insert(value.year) {
            diags.push(src.error(
                v.span(),
                &key,
                msg!(
                    ja: "{year}の実績値が二つあります。\n実績値は一つの年度につき一つだけにしてください。",
                    en: "there are two actual values for {year}\nkeep one actual per fiscal year",
                    year = value.year.named(),
                ),
            ));
        }
    }
    if let (Some(b), Some(t)) = (&ind.baseline, &ind.target)
        && t.get_ref().year < b.get_ref().year
    {
        let message = msg!(
            ja: "目標値の年度が{target}になっていて、基準値の年度の{baseline}より前です。\n両方の年度を確かめてください（基準値は出発点の値、目標値は達成を目指す年度の値です）。",
            en: "the target year ({target}) is before the baseline year ({baseline})\nthe baseline is the starting point and the target the year to reach; check both years",
            target = t.get_ref().year.named(),
            baseline = b.get_ref().year.named(),
        );
        diags.push(src.error(t.span(), &format!("indicators[{i}].target"), message));
    }
    if let Some(year) = known.reported
        && !actual_years.contains(&year)
    {
        let era = year.era_short();
        let message = msg!(
            ja: "報告する年度である{year}の実績値がありません。\n数値がわかったら、actuals に {{ year = \"{era}\", value = … }} を書き加えてください。",
            en: "no actual value for {year}, the reported year\nadd {{ year = \"{era}\", value = … }} to actuals when the figure is known",
            year = year.named(),
        );
        diags.push(src.at(Severity::Warning, Some(ind.id.span()), Some(&format!("indicators[{i}]")), message));
    }
}

/// An explicit `reported_in`: a reported year, not before the year an actual measures.
fn check_reported_in(
    src: &Source,
    key: &str,
    v: &Spanned<crate::model::IndicatorValue>,
    kind: ValueKind,
    year: FiscalYear,
    reported: &[FiscalYear],
    diags: &mut Diagnostics,
) {
    let key = format!("{key}.reported_in");
    if !reported.contains(&year) {
        let years: Vec<String> = reported.iter().map(|y| y.era_short()).collect();
        let years = years.join(", ");
        diags.push(src.error(
            v.span(),
            &key,
            msg!(
                ja: "{year}は報告する年度ではありません。\nこの値を記載した報告の年度を、次のどれかで書いてください: {years}",
                en: "{year} is not a reported year\nwrite the fiscal year of the report that stated the value, one of: {years}",
                year = year.named(),
            ),
        ));
    } else if kind == ValueKind::Actual && year < v.get_ref().year {
        let measured = v.get_ref().year;
        diags.push(src.error(
            v.span(),
            &key,
            msg!(
                ja: "{year}の報告に、それより後の{measured}に測った値は記載できません。\nこの値を公表した報告の年度を、{era} 以降で書いてください。",
                en: "the report of {year} cannot state a value measured in the later year {measured}\nwrite the year of the report that published the value, {era} or later",
                era = measured.era_short(),
                year = year.named(),
                measured = measured.named(),
            ),
        ));
    }
}

/// One report per fiscal year; grades and partners exist.
fn check_reports(src: &Source, p: &Project, known: &Known, diags: &mut Diagnostics) {
    let voc = VOCABULARY_FILE;
    let mut report_years = BTreeSet::new();
    for (i, r) in p.reports.iter().enumerate() {
        if !report_years.insert(*r.year.get_ref()) {
            diags.push(src.error(
                r.year.span(),
                &format!("reports[{i}].year"),
                msg!(
                    ja: "{year}の報告が二つあります。\n一つの [[reports]] の表にまとめてください。",
                    en: "there are two reports for {year}\nmerge them into one [[reports]] table",
                    year = r.year.get_ref().named(),
                ),
            ));
        }
        if let Some(g) = &r.grade {
            check_ref(src, g, &format!("reports[{i}].grade"), what::grade, &known.grades, voc, diags);
        }
        for (j, partner) in r.partners.iter().enumerate() {
            let key = format!("reports[{i}].partners[{j}]");
            check_ref(src, partner, &key, what::partner, &known.partners, voc, diags);
        }
    }
}

/// What an id names, for [`check_ref`]'s messages.
mod what {
    use crate::msg;
    use crate::msg::Msg;

    pub fn project() -> Msg {
        msg!(ja: "事業", en: "project")
    }
    pub fn department() -> Msg {
        msg!(ja: "課", en: "department")
    }
    pub fn policy() -> Msg {
        msg!(ja: "施策", en: "policy")
    }
    pub fn status() -> Msg {
        msg!(ja: "年次計画の状況", en: "status")
    }
    pub fn grade() -> Msg {
        msg!(ja: "評価", en: "grade")
    }
    pub fn partner() -> Msg {
        msg!(ja: "協働の相手", en: "partner")
    }
}
