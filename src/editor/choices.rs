//! The entries a vocabulary field of the editor chooses from: the site's departments,
//! policies, grades, partners and statuses (from vocabulary.toml, in the clerk's language),
//! its projects (for related projects), the fiscal years of its plan (for the yearly
//! plan), its reported years (for `reported_in`) and frozen editions (for a correction's
//! `edition`). Read afresh for every page, so a vocabulary edited meanwhile is offered at once.

use super::Editor;
use super::view::{Choices, Control, Ctx, select};
use crate::fiscal_year::FiscalYear;
use crate::msg;

/// The choices of the vocabulary fields, from the site's vocabulary and its records.
pub fn choices(ed: &Editor) -> Choices {
    use crate::load::{Site, Sources};
    let lang = ed.lang;
    let mut choices = Choices::default();
    let mut read = crate::diagnostic::Diagnostics::default();
    let sources = Sources::read_config(&ed.root, &mut read);
    if let Ok((site, _)) = Site::from_sources_allowing_no_records(&ed.root, &sources, read) {
        let v = &site.vocabulary;
        let name = |t: &crate::text::Text| t.get(lang).value.to_owned();
        let mut add = |list: &str, entries: Vec<(String, String)>| {
            choices.lists.insert(list.to_owned(), entries);
        };
        add("departments", v.departments.iter().map(|d| (d.id.get_ref().to_string(), name(&d.name))).collect());
        add(
            "policies",
            v.goals
                .iter()
                .flat_map(|g| g.policies.iter())
                .map(|p| {
                    let title = p.title.as_ref().map(name).unwrap_or_default();
                    (p.id.get_ref().to_string(), format!("{} {title}", p.code.ja).trim().to_owned())
                })
                .collect(),
        );
        add(
            "grades",
            v.grades
                .iter()
                .map(|g| {
                    let definition = g.definition.as_ref().map(|d| format!(" {}", name(d))).unwrap_or_default();
                    (g.id.get_ref().to_string(), format!("{}{definition}", g.label))
                })
                .collect(),
        );
        add(
            "partners",
            v.partners
                .iter()
                .map(|p| {
                    let named = p.name.as_ref().map(|n| format!(" {}", name(n))).unwrap_or_default();
                    (p.id.get_ref().to_string(), format!("{}{named}", p.label))
                })
                .collect(),
        );
        add("statuses", v.statuses.iter().map(|s| (s.id.get_ref().to_string(), name(&s.label))).collect());
        let start = site.config.plan.start.map(|y| y.year());
        let end = site.config.plan.end.as_ref().map(|e| e.get_ref().year());
        if let (Some(start), Some(end)) = (start, end) {
            let years =
                (start..=end.min(start + 30)).filter_map(|y| crate::fiscal_year::FiscalYear::from_gregorian(y).ok());
            choices.plan_years = years.collect();
        }
        choices.years.insert("reported".to_owned(), site.reported_years());
        choices.years.insert("editions".to_owned(), site.editions.list.iter().map(|e| e.year).collect());
    }
    if let Some(projects) = project_choices(ed) {
        choices.lists.insert("projects".to_owned(), projects);
    }
    choices
}

/// Related projects are chosen from a list where the site has no more than this many;
/// beyond, their ids are typed.
const MAX_PROJECT_CHOICES: usize = 300;

/// The site's projects by id and title, read loosely (a record that does not parse still
/// offers its id).
fn project_choices(ed: &Editor) -> Option<Vec<(String, String)>> {
    let mut ignored = crate::diagnostic::Diagnostics::default();
    let paths = crate::load::folder::record_paths(&ed.root, &mut ignored);
    if paths.len() > MAX_PROJECT_CHOICES {
        return None;
    }
    let mut out: Vec<(String, String)> = paths
        .iter()
        .filter_map(|p| {
            let id = p.file_stem()?.to_string_lossy().into_owned();
            let text = std::fs::read_to_string(ed.root.join(p)).unwrap_or_default();
            let table: Option<toml::Table> = text.trim_start_matches('\u{feff}').parse().ok();
            let title = table.as_ref().and_then(|t| t.get("title")).and_then(|t| {
                t.as_str()
                    .or_else(|| t.get(ed.lang.code()).and_then(toml::Value::as_str))
                    .or_else(|| t.get("ja")?.as_str())
            });
            Some((id, title.unwrap_or_default().to_owned()))
        })
        .collect();
    out.sort_by(|a, b| crate::slug::natural_cmp(&a.0, &b.0));
    Some(out)
}

/// A fiscal year chosen among the site's `years` (`editions`, `reported`), each named in
/// the clerk's language. The record's value is kept as written (`2023`, `令和5年度`) where it
/// names one of them, and offered as it is where it names none.
pub fn year_choice(ctx: &Ctx, base: Control, years: &str, current: &str) -> Control {
    let offered = ctx.choices.years.get(years).map(Vec::as_slice).unwrap_or_default();
    let written = FiscalYear::parse(current.trim()).ok();
    let list: Vec<(String, String)> = offered
        .iter()
        .map(|y| {
            let value = if written == Some(*y) { current.to_owned() } else { y.era_short() };
            (value, y.display(ctx.lang))
        })
        .collect();
    let mut control = select(base, &list, current, ctx.lang);
    if let Some(other) = control
        .options
        .iter_mut()
        .find(|o| o.selected && !o.value.is_empty() && !list.iter().any(|(v, _)| *v == o.value))
    {
        let value = current;
        other.label = msg!(ja: "{value}（選べる年度にありません）", en: "{value} (not one of the years offered)")
            .get(ctx.lang)
            .to_owned();
    }
    if offered.is_empty() && years == "editions" {
        let none = msg!(
            ja: "このサイトには確定版がありません。訂正は、`kyodo freeze` で確定した年度の報告についてだけ書きます。",
            en: "This site has no frozen edition: corrections are only for the report of a year frozen with `kyodo freeze`.",
        );
        control.hint = Some(none.get(ctx.lang).to_owned());
    }
    control
}
