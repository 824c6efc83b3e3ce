//! The rows of the code lists (from `vocabulary.toml`) and of the indicator dictionary.

use super::{Row, english};
use crate::data::Cell;
use crate::data::schema::{Table, TableId};
use crate::data::years::Scope;
use crate::i18n::Lang;
use crate::indicator::{Direction, Value};
use crate::load::Site;
use crate::model::{Indicator, IndicatorValue, Project};
use crate::text::Text;
use crate::urls::{self, Page};

/// The rows of a code list of the vocabulary, in the vocabulary's order.
pub(super) fn vocabulary_rows(site: &Site, table: &Table) -> Vec<Vec<Cell>> {
    let voc = &site.vocabulary;
    let mut rows = Vec::new();
    let mut row = |id: &str, fill: &dyn Fn(&mut Row)| {
        let mut r = Row::new(table, site, id);
        fill(&mut r);
        rows.push(r.finish());
    };
    match table.id {
        TableId::Goals => voc.goals.iter().for_each(|g| {
            row(g.id.get_ref().as_str(), &|r| {
                r.set("番号", Cell::text(g.code.ja.clone()));
                r.set_text("名称", "名称_英字", g.title.as_ref());
            })
        }),
        TableId::Policies => {
            voc.goals.iter().flat_map(|g| g.policies.iter().map(move |p| (g, p))).for_each(|(g, p)| {
                row(p.id.get_ref().as_str(), &|r| {
                    r.set("基本目標ID", Cell::text(g.id.get_ref().to_string()));
                    r.set("番号", Cell::text(p.code.ja.clone()));
                    r.set_text("名称", "名称_英字", p.title.as_ref());
                })
            })
        }
        TableId::Grades => voc.grades.iter().for_each(|g| {
            row(g.id.get_ref().as_str(), &|r| {
                r.set("表記", Cell::text(g.label.clone()));
                r.set_text("定義", "定義_英字", g.definition.as_ref());
            })
        }),
        TableId::Partners => voc.partners.iter().for_each(|p| {
            row(p.id.get_ref().as_str(), &|r| {
                r.set("記号", Cell::text(p.label.clone()));
                r.set_text("名称", "名称_英字", p.name.as_ref());
            })
        }),
        TableId::Statuses => voc.statuses.iter().for_each(|s| {
            row(s.id.get_ref().as_str(), &|r| {
                r.set_text("表記", "表記_英字", Some(&s.label));
                r.set_text("説明", "説明_英字", s.description.as_ref());
            })
        }),
        _ => {}
    }
    rows
}

/// A value as the definition states it: `3（令和2年度）`, `3 (FY2020)`.
fn stated(v: &IndicatorValue, lang: Lang) -> String {
    let value = match v.value() {
        Value::Number(n) => n.data(),
        Value::Text(t) => t.get(lang).value.to_owned(),
    };
    match lang {
        Lang::Ja => format!("{value}（{}）", v.year.era_ja()),
        Lang::En => format!("{value} (FY{})", v.year.year()),
    }
}

/// The indicator's definition, as the report gives it: its name, unit, direction,
/// baseline and target, in one language (English only where the name is translated).
fn definition(ind: &Indicator, lang: Lang) -> Option<String> {
    let name = ind.name.get(lang);
    if name.lang != lang {
        return None;
    }
    let mut parts = vec![name.value.to_owned()];
    let unit = ind.unit.as_ref().map(|u| u.get(lang)).filter(|u| u.lang == lang).map(|u| u.value);
    let (baseline, target) = (ind.baseline.as_ref().map(|v| v.get_ref()), ind.target.as_ref().map(|v| v.get_ref()));
    match lang {
        Lang::Ja => {
            parts[0].push('。');
            unit.iter().for_each(|u| parts.push(format!("単位：{u}。")));
            ind.direction.iter().for_each(|d| parts.push(format!("{}が望ましい。", d.ja())));
            baseline.iter().for_each(|v| parts.push(format!("基準値 {}。", stated(v, lang))));
            target.iter().for_each(|v| parts.push(format!("目標値 {}。", stated(v, lang))));
            Some(parts.concat())
        }
        Lang::En => {
            parts[0].push('.');
            unit.iter().for_each(|u| parts.push(format!("Unit: {u}.")));
            ind.direction.iter().for_each(|d| parts.push(format!("Desired direction: {}.", d.as_str())));
            baseline.iter().for_each(|v| parts.push(format!("Baseline {}.", stated(v, lang))));
            target.iter().for_each(|v| parts.push(format!("Target {}.", stated(v, lang))));
            Some(parts.join(" "))
        }
    }
}

/// The achievement formula, where the indicator has numbers to compute it from.
fn formula(ind: &Indicator) -> Option<Text> {
    let numbers = ind.values_in_order().iter().any(|(_, v)| matches!(v.value(), Value::Number(_)));
    numbers.then(|| Text {
        ja: "達成率（％）＝（実績値−基準値）÷（目標値−基準値）×100".to_owned(),
        en: Some("achievement rate (%) = (actual − baseline) ÷ (target − baseline) × 100".to_owned()),
    })
}

/// The indicator dictionary's rows of a project: one per indicator.
pub(super) fn indicator_definition_rows(site: &Site, table: &Table, p: &Project, scope: Scope) -> Vec<Vec<Cell>> {
    let id = p.id.get_ref().as_str();
    let file = super::file_of(table, scope);
    let attribution = &site.config.licence.attribution;
    p.indicators
        .iter()
        .map(|ind| {
            let ind_id = ind.id.get_ref().as_str();
            let mut row = Row::new(table, site, id);
            row.set("指標ID", Cell::text(ind_id));
            row.set_text("指標名", "指標名_英字", Some(&ind.name));
            row.set("定義", Cell::opt_text(definition(ind, Lang::Ja)));
            row.set("定義_英字", Cell::opt_text(definition(ind, Lang::En)));
            row.set_text("単位", "単位_英字", ind.unit.as_ref());
            row.set("目指す方向", Cell::opt_text(ind.direction.map(Direction::ja)));
            row.set("目指す方向_英字", Cell::opt_text(ind.direction.map(Direction::as_str)));
            if !ind.levels.is_empty() {
                let (ja, en) = crate::text::join_levels(ind.levels.iter().map(toml::Spanned::get_ref));
                row.set("段階", Cell::text(ja));
                row.set("段階_英字", Cell::opt_text(Some(en).filter(|e| !e.is_empty())));
            }
            row.set_text("達成率の算式", "達成率の算式_英字", formula(ind).as_ref());
            row.set("担当課ID", Cell::text(p.department.get_ref().to_string()));
            row.set("出典", Cell::text(attribution.ja.clone()));
            row.set("出典_英字", Cell::opt_text(english(attribution)));
            let anchor = |lang| format!("{}#{}", Page::Project(id).path(lang), indicator_anchor(ind_id));
            row.set("指標URI", Cell::text(site.urls.in_file(&file, &anchor(Lang::Ja))));
            row.set("指標URI_英字", Cell::text(site.urls.in_file(&file, &anchor(Lang::En))));
            row.set("JSON_URL", Cell::text(site.urls.in_file(&file, &urls::project_json(id))));
            row.finish()
        })
        .collect()
}

/// The fragment of an indicator on its project's page (the `id` of its heading).
pub fn indicator_anchor(indicator_id: &str) -> String {
    format!("indicator-{indicator_id}")
}
