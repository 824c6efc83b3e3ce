//! The checks a parsed site must pass: references between records, unique ids, values
//! that make sense together. This file holds the checks of project records as a whole;
//! `config` those of `site.toml` and `vocabulary.toml`, `indicators` those of an
//! indicator's values, `refs` the references to ids and what they name.

mod config;
mod indicators;
mod refs;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use toml::Spanned;

use crate::diagnostic::{Diagnostics, Source};
use crate::fiscal_year::FiscalYear;
use crate::model::Project;
use crate::msg;
use crate::slug::Slug;

use super::*;
pub(super) use config::{check_config, check_vocabulary};
use indicators::check_indicator;
pub(super) use refs::Known;
use refs::{check_ref, what};

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
