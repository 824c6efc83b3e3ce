//! Comparing what the records state now with what each frozen edition published.
//!
//! For every field of every frozen edition, the value the edition published and the value
//! the records state now must be equal, or be linked by the record's corrections for that
//! edition and field: the first correction's `old` is the published value, each `new` the
//! next one's `old`, the last `new` what the records state. A difference without
//! corrections, corrections that do not link the two, and corrections of a field that did
//! not change (stale) are errors. English is not compared: the Japanese is the record.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::statement::{self, Fields};
use super::{Edition, Editions};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, Source};
use crate::fiscal_year::FiscalYear;
use crate::model::{Correction, Project, Stated, Vocabulary};
use crate::msg;
use crate::msg::Msg;

/// The key of a record in an edition's statement: its path with `/`.
pub fn file_key(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A value for a message: short values as a clerk writes them, long texts by length.
fn shown(v: Option<&Stated>) -> Msg {
    match v {
        None => msg!(ja: "なし", en: "nothing"),
        Some(v) => {
            let toml = toml_of(v);
            if toml.contains('\n') || toml.chars().count() > 40 {
                let n = v.plain().chars().count();
                msg!(ja: "{n}文字の文章", en: "a text of {n} characters")
            } else {
                msg!(ja: "{toml}", en: "{toml}")
            }
        }
    }
}

/// A value as a clerk writes it in a record: `1200`, `"充実"`, `["1", "2"]`.
pub fn toml_of(v: &Stated) -> String {
    match v {
        Stated::Number(n) => n.clone(),
        Stated::Text(s) => crate::record_writer::string(s),
        Stated::List(items) => crate::record_writer::list(items),
    }
}

/// The `[[corrections]]` entry that records a change of `field` in the edition of `year`.
pub fn correction_entry(year: FiscalYear, field: &str, old: Option<&Stated>, new: Option<&Stated>) -> String {
    let mut entry =
        format!("[[corrections]]\ndate = \"YYYY-MM-DD\"\nedition = \"{}\"\nfield = \"{field}\"\n", year.era_short());
    if let Some(old) = old {
        entry.push_str(&format!("old = {}\n", toml_of(old)));
    }
    if let Some(new) = new {
        entry.push_str(&format!("new = {}\n", toml_of(new)));
    }
    entry.push_str("reason = \"…\"");
    entry
}

/// The corrections of a record, checked, by edition and field (in file order).
type Chains<'p> = BTreeMap<(FiscalYear, String), Vec<(usize, &'p Correction)>>;

/// Checks the corrections of `p` themselves: a frozen edition, a field of the grammar, a
/// reason. Returns the valid ones by edition and field.
fn chains<'p>(src: &Source, p: &'p Project, editions: &Editions, diags: &mut Diagnostics) -> Chains<'p> {
    let mut chains = Chains::new();
    for (k, c) in p.corrections.iter().enumerate() {
        let key = format!("corrections[{k}]");
        let year = *c.edition.get_ref();
        if editions.damaged.contains(&year) {
            continue;
        }
        let mut ok = true;
        if editions.get(year).is_none() {
            let frozen: Vec<String> = editions.list.iter().map(|e| e.year.era_short()).collect();
            let help = if frozen.is_empty() {
                msg!(
                    ja: "記録ファイルの値をそのまま直し、この訂正は削除してください。訂正は、公表した確定版の内容を改めるためのものです。このサイトにはまだ確定版がありません。",
                    en: "a correction changes what a published edition said; this site has no frozen edition yet, so edit the record and remove this correction",
                )
            } else {
                let frozen = frozen.join(", ");
                msg!(
                    ja: "確定版のある年度を書いてください: {frozen}",
                    en: "write the fiscal year of a frozen edition: {frozen}",
                )
            };
            diags.push(src.error(
                c.edition.span(),
                &format!("{key}.edition"),
                msg!(
                    ja: "{year}の確定版はありません。\n{help}",
                    en: "there is no frozen edition of {year}\n{help}",
                    year = year.named(),
                    help = help,
                ),
            ));
            ok = false;
        }
        let field = statement::normalize(c.field.get_ref());
        if let Err(m) = &field {
            diags.push(src.error(c.field.span(), &format!("{key}.field"), m.clone()));
        }
        if c.reason.ja.trim().is_empty() {
            diags.push(src.error(
                c.field.span(),
                &format!("{key}.reason"),
                msg!(
                    ja: "訂正の理由がありません。\n公表した値が誤っていた理由を書いてください（例: reason = \"集計誤りのため\"）。",
                    en: "the correction has no reason\nwrite why the published value was wrong, e.g. reason = \"集計誤りのため\"",
                ),
            ));
        }
        if let (true, Ok(field)) = (ok, field) {
            chains.entry((year, field)).or_default().push((k, c));
        }
    }
    chains
}

/// Compares project `p` (file `path`) with every frozen edition, and checks its
/// corrections.
pub fn check_project(src: &Source, path: &Path, p: &Project, editions: &Editions, diags: &mut Diagnostics) {
    let mut chains = chains(src, p, editions, diags);
    let key = file_key(path);
    for edition in &editions.list {
        let stored = edition.statement.get(&key);
        let current = statement::project_fields(p, edition.year);
        if let (Some(_), None) = (stored, &current) {
            let (year, frozen, era) = (edition.year.named(), edition.frozen.as_str(), edition.year.era_short());
            diags.push(src.error(
                p.id.span(),
                &format!("reports.{era}"),
                msg!(
                    ja: "{year}の報告がなくなっていますが、この報告は {frozen} に確定版として公表しています。\n{era} の [[reports]] の表を元に戻してください。確定版で公表した内容は、記録ファイルにも残しておく必要があります。",
                    en: "the report for {year} is gone, but the edition of {year} (frozen on {frozen}) published it\nput the [[reports]] table for {era} back: what an edition published stays in the records",
                    year = year,
                ),
            ));
            chains.retain(|(y, _), _| *y != edition.year);
            continue;
        }
        let empty = BTreeMap::new();
        compare(src, edition, stored.unwrap_or(&empty), &current.unwrap_or_default(), &mut chains, diags);
    }
    for ((year, field), list) in chains {
        // Corrections of an edition this record is not in.
        if let Some((k, c)) = list.first() {
            diags.push(src.error(
                c.field.span(),
                &format!("corrections[{k}].field"),
                msg!(
                    ja: "{year}の確定版にはこの事業の項目 {field} がなく、記録ファイルにもありません。\nこの訂正を削除するか、項目の名前を確かめてください。",
                    en: "the edition of {year} has no field {field} for this project, and the records do not state it\nremove this correction, or check the field's name",
                    year = year.named(),
                ),
            ));
        }
    }
}

/// Compares one record's fields with one edition's, taking the corrections it uses out
/// of `chains`.
fn compare(
    src: &Source,
    edition: &Edition,
    stored: &BTreeMap<String, Stated>,
    current: &Fields,
    chains: &mut Chains,
    diags: &mut Diagnostics,
) {
    let year = edition.year;
    let mut fields: BTreeSet<&str> = stored.keys().map(String::as_str).collect();
    fields.extend(current.keys().map(String::as_str));
    let corrected: Vec<String> = chains.keys().filter(|(y, _)| *y == year).map(|(_, f)| f.clone()).collect();
    fields.extend(corrected.iter().map(String::as_str));
    for field in fields {
        let old = stored.get(field);
        let (new, span) = match current.get(field) {
            Some((v, span)) => (Some(v), Some(span.clone())),
            None => (None, None),
        };
        let list = chains.remove(&(year, field.to_owned())).unwrap_or_default();
        if list.is_empty() {
            let added_elsewhere = old.is_none() && !statement::is_of_year(field, year);
            if old != new && !added_elsewhere {
                let message = msg!(
                    ja: "{year}の確定版（{frozen} に確定）で公表した内容から変わっています: {old} → {new}\n確定版が誤っていたのなら、次の訂正を、日付と理由を書き添えてこのファイルに書き加えてください。誤りでなければ、公表した値に戻してください。どちらの場合も、公表した確定版の数値は変わりません。\n{entry}",
                    en: "changes what the edition of {year} published (frozen on {frozen}): {old} → {new}\nthe published figures stay as they were: if the edition was wrong, add this correction to the file with its date and reason, otherwise write the published value again\n{entry}",
                    entry = correction_entry(year, field, old, new),
                    year = year.named(),
                    frozen = edition.frozen.as_str(),
                    old = shown(old),
                    new = shown(new),
                );
                diags.push(src.at(Severity::Error, span, Some(field), message));
            }
            continue;
        }
        check_chain(src, year, old, new, &list, diags);
    }
}

/// Checks that corrections link the published value to the current one.
fn check_chain(
    src: &Source,
    year: FiscalYear,
    published: Option<&Stated>,
    now: Option<&Stated>,
    list: &[(usize, &Correction)],
    diags: &mut Diagnostics,
) {
    let mut expected = published;
    for (i, (k, c)) in list.iter().enumerate() {
        let old = c.old.as_ref().map(|o| o.get_ref());
        if old != expected {
            let span = c.old.as_ref().map_or(c.field.span(), |o| o.span());
            let fix = match expected {
                Some(v) => msg!(ja: "old = {v} と書いてください。", en: "write old = {v}", v = toml_of(v)),
                None => msg!(
                    ja: "`old` を削除してください。この項目には値がありませんでした。",
                    en: "remove `old`: the field had no value",
                ),
            };
            let (old, expected) = (shown(old), shown(expected));
            let message = if i == 0 {
                msg!(
                    ja: "訂正の old は {old} ですが、{year}の確定版で公表した値は {expected} です。\n{fix}",
                    en: "the correction's old value is {old}, but the edition of {year} published {expected}\n{fix}",
                    old = old,
                    expected = expected,
                    year = year.named(),
                    fix = fix,
                )
            } else {
                msg!(
                    ja: "訂正の old は {old} ですが、一つ前の訂正による値は {expected} です。\n{fix}",
                    en: "the correction's old value is {old}, but the correction before it made it {expected}\n{fix}",
                    old = old,
                    expected = expected,
                    fix = fix,
                )
            };
            diags.push(src.error(span, &format!("corrections[{k}].old"), message));
            return;
        }
        expected = c.new.as_ref().map(|n| n.get_ref());
    }
    if expected != now {
        let (k, c) = list[list.len() - 1];
        let span = c.new.as_ref().map_or(c.field.span(), |n| n.span());
        let message = if published == now {
            msg!(
                ja: "この訂正に当たる変更がありません。記録ファイルの内容は、{year}の確定版で公表したもの（{now}）のままです。\n訂正を削除するか、訂正後の値を記録ファイルに書いてください。",
                en: "this correction matches no change: the records state what the edition of {year} published ({now})\nremove the correction, or write the corrected value in the record",
                year = year.named(),
                now = shown(now),
            )
        } else {
            let fix = match now {
                Some(v) => msg!(ja: "new = {v} と書いてください。", en: "write new = {v}", v = toml_of(v)),
                None => msg!(
                    ja: "`new` を削除してください。記録ファイルにはもうこの項目がありません。",
                    en: "remove `new`: the records no longer state the field",
                ),
            };
            msg!(
                ja: "訂正の new は {expected} ですが、記録ファイルの値は {now} です。\n{fix}",
                en: "the correction's new value is {expected}, but the records state {now}\n{fix}",
                expected = shown(expected),
                now = shown(now),
                fix = fix,
            )
        };
        diags.push(src.error(span, &format!("corrections[{k}].new"), message));
    }
}

/// Compares the vocabulary with what each frozen edition named: department names in that
/// year, grade and partner labels. These have no corrections: a renamed department keeps
/// its published name in `former_names`.
pub fn check_vocabulary(src: &Source, v: &Vocabulary, editions: &Editions, diags: &mut Diagnostics) {
    for edition in &editions.list {
        let Some(stored) = edition.statement.get(super::VOCABULARY_KEY) else { continue };
        let current = statement::vocabulary_fields(v, edition.year);
        let year = edition.year;
        for (field, old) in stored {
            let now = current.get(field);
            if now.map(|(v, _)| v) == Some(old) {
                continue;
            }
            let parts: Vec<&str> = field.split('.').collect();
            let (list, id) = (parts.first().copied().unwrap_or(""), parts.get(1).copied().unwrap_or(""));
            let (published, era, year) = (toml_of(old), year.era_short(), year.named());
            let message = match (list, now) {
                (_, None) => msg!(
                    ja: "{year}の確定版には {list} の \"{id}\" が載っていますが、語彙（vocabulary.toml）にはもうありません。\nこの項目を vocabulary.toml に戻してください。確定版で公表した内容は、記録にも残しておく必要があります。",
                    en: "the edition of {year} names {list} \"{id}\", which is no longer in the vocabulary\nkeep its entry: what an edition published stays in the records",
                    year = year,
                ),
                ("departments", Some(_)) => msg!(
                    ja: "{year}の確定版では、この課の名前は {published} でした。\n{year}の後に名前が変わったのなら、公表した名前をそれまでの年度の名前として残してください: former_names = [{{ until = \"{era}\", name = {published} }}]。名前が変わっていなければ、name = {published} に戻してください。",
                    en: "the edition of {year} named this department {published}\nif it was renamed after {year}, keep the published name for the years up to it: former_names = [{{ until = \"{era}\", name = {published} }}]; otherwise write name = {published} again",
                    year = year,
                ),
                (_, Some(_)) => msg!(
                    ja: "{year}の確定版では、この表示名は {published} でした。\nlabel = {published} に戻してください。確定版で公表した表示名は変えられません。",
                    en: "the edition of {year} published this label as {published}\nwrite label = {published} again: an edition keeps the labels it published",
                    year = year,
                ),
            };
            diags.push(src.at(Severity::Error, now.map(|(_, s)| s.clone()), Some(field), message));
        }
    }
}

/// Records that an edition published but that are no longer in the site.
pub fn check_missing_records(
    present: &BTreeSet<String>,
    broken: &BTreeSet<String>,
    editions: &Editions,
    diags: &mut Diagnostics,
) {
    let mut reported = BTreeSet::new();
    for edition in &editions.list {
        for file in edition.statement.keys().filter(|f| f.starts_with(super::PROJECTS_PREFIX)) {
            if present.contains(file) || broken.contains(file) || !reported.insert(file.clone()) {
                continue;
            }
            diags.push(Diagnostic::file_error(
                Path::new(file),
                msg!(
                    ja: "記録ファイルがありませんが、この事業は{year}の確定版（{frozen} に確定）で公表しています。",
                    en: "the record is missing, but the edition of {year} (frozen on {frozen}) published this project",
                    year = edition.year.named(),
                    frozen = edition.frozen.as_str(),
                ),
                msg!(
                    ja: "{file} を元に戻してください。公表した報告に載せた事業は、削除できません。",
                    en: "restore {file}: a project of a published report is never deleted",
                ),
            ));
        }
    }
}
