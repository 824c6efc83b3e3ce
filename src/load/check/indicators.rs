//! The checks of one indicator: a name, an id of its own, one value each, actuals in
//! distinct years, a target after the baseline, an explicit `reported_in` that is a
//! reported year.

use std::collections::BTreeSet;

use toml::Spanned;

use super::refs::Known;
use crate::diagnostic::{Diagnostics, Severity, Source};
use crate::fiscal_year::FiscalYear;
use crate::model::{Indicator, ValueKind};
use crate::msg;

/// One indicator: a name, an id of its own in the project, one value each, actuals in distinct years, a target after
/// the baseline, and (a warning) an actual for the reported year.
pub(super) fn check_indicator<'p>(
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
