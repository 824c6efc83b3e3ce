//! The checks of `site.toml` and `vocabulary.toml`: reported years and editions, the
//! municipality, languages and theme; unique ids, and departments' former names.

use std::collections::BTreeSet;

use toml::Spanned;

use crate::diagnostic::{Diagnostics, Severity, Source};
use crate::edition::Editions;
use crate::fiscal_year::FiscalYear;
use crate::load::LoadedText;
use crate::model::config::{check_base_url, check_municipality_code};
use crate::model::{SiteConfig, Vocabulary};
use crate::msg;
use crate::slug::Slug;

pub(in crate::load) fn check_config(
    file: &LoadedText,
    config: &SiteConfig,
    editions: &Editions,
    diags: &mut Diagnostics,
) {
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
    match config.base_url.as_ref() {
        Some(url) => {
            if let Err(m) = check_base_url(url.get_ref()) {
                diags.push(src.error(url.span(), "base_url", m));
            }
        }
        // Portals copy the addresses of the data files: relative ones work only as long
        // as a harvester knows where the catalogue was, which CKAN's DCAT harvester does
        // not keep (it turns them into file:// addresses).
        None => diags.push(src.at(
            Severity::Warning,
            None,
            Some("base_url"),
            msg!(
                ja: "base_url がありません。データポータル（data.go.jp、BODIK、CKAN など）が収集するカタログには、データの絶対URLが必要です。\nサイトを公開するアドレスを site.toml に base_url として書いてください（例: base_url = \"https://www.city.example.lg.jp/kyodo/\"）。",
                en: "no base_url: data portals (data.go.jp, BODIK, CKAN) need the absolute addresses of the data files in the catalogue\nwrite the address the site is published at as base_url in site.toml, e.g. base_url = \"https://www.city.example.lg.jp/kyodo/\"",
            ),
        )),
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

pub(in crate::load) fn check_vocabulary(
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
