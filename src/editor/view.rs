//! The editor's form as the template sees it: one [`Control`] per field of the schema, with
//! its label in the clerk's words ([`crate::field_names`]), its value from the form, the
//! vocabulary's entries as choices, the problems the check found there, and for Markdown
//! the preview rendered by the site's own Markdown path.

use std::collections::BTreeMap;

use serde::Serialize;
use toml_edit::TableLike;

pub(super) use super::placement::{Named, attach, names};
use super::schema_form::{Field, Kind};
use super::values::{FormState, join, remove_name, row, rows_name, tables_of};
use super::widgets::checkboxes;
pub(super) use super::widgets::select;
use crate::field_names;
use crate::fiscal_year::FiscalYear;
use crate::msg;
use crate::msg::Lang;

/// The entries a vocabulary field may choose from: id and name in the clerk's language.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// Vocabulary list (`departments`, `policies`, `grades`, `partners`, `statuses`,
    /// `projects`) → entries.
    pub lists: BTreeMap<String, Vec<(String, String)>>,
    /// The fiscal years of the plan, as a record writes them (`R4` …), for the yearly plan.
    pub plan_years: Vec<FiscalYear>,
    /// The fiscal years a year field chooses from: `editions` (frozen), `reported`.
    pub years: BTreeMap<String, Vec<FiscalYear>>,
}

/// What the view is made with.
pub struct Ctx<'a> {
    pub lang: Lang,
    pub choices: &'a Choices,
    /// Whether to render the preview of Markdown fields.
    pub previews: bool,
    /// The row just added (its first control gets the focus).
    pub focus: Option<String>,
}

/// A control, or a group of them, in the template.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Control {
    /// `text`, `markdown`, `input`, `textarea`, `select`, `checkboxes`, `group`, `rows`, `years`,
    /// `readonly`.
    pub kind: &'static str,
    pub name: String,
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub required: bool,
    /// Digits expected (a number field).
    pub numeric: bool,
    pub value: String,
    /// The two languages of a text.
    pub langs: Vec<LangBox>,
    pub options: Vec<Choice>,
    pub children: Vec<Control>,
    pub rows: Vec<Row>,
    pub rows_name: String,
    pub rows_count: usize,
    pub add_label: String,
    pub problems: Vec<Problem>,
    pub autofocus: bool,
    /// Optional fields left empty, folded away under [`Control::more_label`].
    pub more: Vec<Control>,
    pub more_label: String,
    /// Whether the folded fields are shown (one of them has a problem).
    pub more_open: bool,
}

/// One language of a text field.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LangBox {
    pub code: &'static str,
    pub label: &'static str,
    pub name: String,
    pub id: String,
    pub value: String,
    /// The Markdown as the site renders it (trusted: kyodo's own renderer escapes raw HTML).
    pub preview: Option<String>,
    pub problems: Vec<Problem>,
    pub autofocus: bool,
}

/// An entry of a choice.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
    pub id: String,
}

/// One row of a list of tables.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Row {
    pub legend: String,
    pub id: String,
    pub remove_name: String,
    pub remove_id: String,
    pub remove_label: String,
    pub removed: bool,
    pub children: Vec<Control>,
    pub more: Vec<Control>,
    pub more_label: String,
    pub more_open: bool,
}

/// A problem shown at a control.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Problem {
    pub error: bool,
    pub message: String,
    pub help: Option<String>,
}

/// The id of the element of a control: `f-` and its name with brackets and dots as `-`.
pub fn control_id(name: &str) -> String {
    let mut id = String::from("f-");
    for c in name.chars() {
        match c {
            '.' | '[' | ':' => id.push('-'),
            ']' => {}
            c if c.is_whitespace() => id.push('_'),
            c => id.push(c),
        }
    }
    id
}

/// The controls of `fields` at `prefix`, with the record's table there (`None` for a new
/// row) to show the keys the schema does not know.
pub fn controls(
    ctx: &Ctx,
    fields: &[Field],
    state: &FormState,
    prefix: &str,
    record: Option<&dyn TableLike>,
) -> Vec<Control> {
    let mut out: Vec<Control> = fields.iter().map(|f| control(ctx, f, state, prefix, record)).collect();
    unknown_keys(ctx, fields, prefix, record, &mut out);
    out
}

/// The controls of a table inside another (a value of an indicator): as [`controls`], with
/// the optional texts left empty folded away, and the words that name them.
fn folded(
    ctx: &Ctx,
    fields: &[Field],
    state: &FormState,
    prefix: &str,
    record: Option<&dyn TableLike>,
) -> (Vec<Control>, Vec<Control>, String) {
    let mut shown = Vec::new();
    let mut more = Vec::new();
    for f in fields {
        let c = control(ctx, f, state, prefix, record);
        let text = matches!(f.kind, Kind::Text { .. });
        if !text || f.required || state.any_under(&join(prefix, &f.key)) {
            shown.push(c);
        } else {
            more.push(c);
        }
    }
    unknown_keys(ctx, fields, prefix, record, &mut shown);
    let names =
        more.iter().map(|c| c.label.clone()).collect::<Vec<_>>().join(if ctx.lang == Lang::Ja { "、" } else { ", " });
    let label = msg!(ja: "ほかの項目（{names}）", en: "More fields ({names})").get(ctx.lang).to_owned();
    (shown, more, label)
}

/// The keys of the record's table that the schema does not know, shown as they are.
fn unknown_keys(ctx: &Ctx, fields: &[Field], prefix: &str, record: Option<&dyn TableLike>, out: &mut Vec<Control>) {
    for (key, item) in record.into_iter().flat_map(|t| t.iter()) {
        if !fields.iter().any(|f| f.key == key) {
            let note = msg!(
                ja: "kyodo が知らない項目です。ここでは変更できず、保存してもそのまま残ります。",
                en: "kyodo does not know this field: it cannot be changed here and is kept as it is",
            );
            out.push(readonly(
                ctx,
                &join(prefix, key),
                key.to_owned(),
                item.to_string(),
                Some(note.get(ctx.lang).to_owned()),
            ));
        }
    }
}

fn readonly(_: &Ctx, name: &str, label: String, value: String, hint: Option<String>) -> Control {
    Control {
        kind: "readonly",
        id: control_id(name),
        name: name.to_owned(),
        label,
        value: value.trim().to_owned(),
        hint,
        ..Control::default()
    }
}

fn control(ctx: &Ctx, f: &Field, state: &FormState, prefix: &str, record: Option<&dyn TableLike>) -> Control {
    let path = join(prefix, &f.key);
    let label = field_names::label(&f.parent, &f.key).map_or_else(|| f.key.clone(), |m| m.get(ctx.lang).to_owned());
    let hint = field_names::hint(&f.parent, &f.key)
        .map(|m| m.get(ctx.lang).to_owned())
        .or_else(|| field_names::label(&f.parent, &f.key).is_none().then(|| f.description.clone()).flatten());
    let base =
        Control { name: path.clone(), id: control_id(&path), label, hint, required: f.required, ..Control::default() };
    let item = record.and_then(|r| r.get(&f.key));
    if f.parent == "Project" && f.key == "id" {
        let note = msg!(ja: "事業IDはファイル名と同じです。ここでは変更できません。", en: "The id is the file's name; it cannot be changed here.");
        return Control {
            kind: "readonly",
            value: state.get(&path).to_owned(),
            hint: Some(note.get(ctx.lang).to_owned()),
            ..base
        };
    }
    match &f.kind {
        Kind::Text { markdown } => text(ctx, base, state, *markdown),
        Kind::TextList => text(ctx, base, state, false),
        Kind::Str | Kind::Year => Control { kind: "input", value: state.get(&path).to_owned(), ..base },
        Kind::Number => Control { kind: "input", numeric: true, value: state.get(&path).to_owned(), ..base },
        Kind::YearChoice { years } => super::choices::year_choice(ctx, base, years, state.get(&path)),
        Kind::Stated => Control { kind: "textarea", value: state.get(&path).to_owned(), ..base },
        Kind::Id { vocabulary } => match offered(ctx, vocabulary.as_deref()) {
            Ok(list) => select(base, list, state.get(&path), ctx.lang),
            Err(hint) => {
                Control { kind: "input", value: state.get(&path).to_owned(), hint: hint.or(base.hint.clone()), ..base }
            }
        },
        Kind::Choice(_) | Kind::Bool => {
            let values = match &f.kind {
                Kind::Choice(values) => values.clone(),
                _ => vec!["true".to_owned(), "false".to_owned()],
            };
            let list: Vec<(String, String)> = values
                .iter()
                .map(|v| {
                    (
                        v.clone(),
                        field_names::choice(&f.parent, &f.key, v)
                            .map_or_else(|| v.clone(), |m| m.get(ctx.lang).to_owned()),
                    )
                })
                .collect();
            select(base, &list, state.get(&path), ctx.lang)
        }
        Kind::Ids { vocabulary } => {
            let chosen = state.all(&path);
            match offered(ctx, vocabulary.as_deref()) {
                Ok(list) => checkboxes(base, list, &chosen, ctx.lang),
                Err(hint) => {
                    Control { kind: "input", value: chosen.join(", "), hint: hint.or(base.hint.clone()), ..base }
                }
            }
        }
        Kind::Table { fields, .. } => {
            let sub = item.and_then(toml_edit::Item::as_table_like);
            let (children, more, more_label) = folded(ctx, fields, state, &path, sub);
            Control { kind: "group", children, more, more_label, ..base }
        }
        Kind::Tables { definition, fields } => rows(ctx, base, definition, fields, state, item),
        Kind::YearMap { vocabulary } => years(ctx, base, vocabulary.as_deref(), state),
        Kind::Other => Control {
            kind: "readonly",
            value: item.map(|i| i.to_string().trim().to_owned()).unwrap_or_default(),
            ..base
        },
    }
}

fn text(ctx: &Ctx, base: Control, state: &FormState, markdown: bool) -> Control {
    let langs = Lang::ALL
        .iter()
        .map(|&lang| {
            let name = format!("{}.{}", base.name, lang.code());
            let value = state.get(&name).to_owned();
            let preview = (markdown && ctx.previews).then(|| crate::markdown::to_html(&value));
            LangBox {
                code: lang.code(),
                label: lang.native_name(),
                id: control_id(&name),
                name,
                value,
                preview,
                ..LangBox::default()
            }
        })
        .collect();
    Control { kind: if markdown { "markdown" } else { "text" }, langs, ..base }
}

/// The entries a vocabulary field chooses from; where there are none to offer, why (if
/// the vocabulary has the list but it is empty), for a text box instead.
fn offered<'a>(ctx: &'a Ctx, vocabulary: Option<&str>) -> Result<&'a [(String, String)], Option<String>> {
    match vocabulary.and_then(|v| ctx.choices.lists.get(v)) {
        Some(list) if !list.is_empty() => Ok(list),
        Some(_) => {
            let none = msg!(
                ja: "このサイトの vocabulary.toml には、選べる項目がありません。IDを書く場合は、先に vocabulary.toml に書き加えてください。",
                en: "This site's vocabulary.toml has none to choose from; add them there before writing ids here.",
            );
            Err(Some(none.get(ctx.lang).to_owned()))
        }
        None => Err(None),
    }
}

fn rows(
    ctx: &Ctx,
    base: Control,
    definition: &str,
    fields: &[Field],
    state: &FormState,
    item: Option<&toml_edit::Item>,
) -> Control {
    let existing = tables_of(item);
    let count = state.rows(&base.name).unwrap_or(existing.len());
    let item_name =
        field_names::item_label(definition).map_or_else(|| definition.to_owned(), |m| m.get(ctx.lang).to_owned());
    let rows = (0..count)
        .map(|i| {
            let path = row(&base.name, i);
            let record = existing.get(i).copied();
            // The rows of a list inside a table (an indicator's actual values) fold their
            // empty optional fields away, as the values of a table do.
            let (mut children, more, more_label) = if base.name.contains('.') {
                folded(ctx, fields, state, &path, record)
            } else {
                (controls(ctx, fields, state, &path, record), Vec::new(), String::new())
            };
            if ctx.focus.as_deref() == Some(path.as_str()) {
                focus_first(&mut children);
            }
            let n = i + 1;
            let legend = msg!(ja: "{item_name} {n}", en: "{item_name} {n}", item_name = &item_name);
            let remove = msg!(ja: "この{item_name}を削除する（保存したときに削除します）", en: "Remove this {item_name} (when saved)", item_name = &item_name);
            Row {
                legend: legend.get(ctx.lang).to_owned(),
                id: control_id(&path),
                remove_name: remove_name(&path),
                remove_id: control_id(&remove_name(&path)),
                remove_label: remove.get(ctx.lang).to_owned(),
                removed: state.removed(&path),
                children,
                more,
                more_label,
                more_open: false,
            }
        })
        .collect();
    let add = msg!(ja: "{item_name}を追加", en: "Add a {item_name}", item_name = &item_name);
    Control {
        kind: "rows",
        rows,
        rows_name: rows_name(&base.name),
        rows_count: count,
        add_label: add.get(ctx.lang).to_owned(),
        ..base
    }
}

fn focus_first(controls: &mut [Control]) {
    let Some(first) = controls.iter_mut().find(|c| c.kind != "readonly") else { return };
    match first.langs.first_mut() {
        Some(l) => l.autofocus = true,
        None if first.kind == "group" => focus_first(&mut first.children),
        None => first.autofocus = true,
    }
}

/// A choice per fiscal year: the years of the plan and any other year the row has.
fn years(ctx: &Ctx, base: Control, vocabulary: Option<&str>, state: &FormState) -> Control {
    let mut keys: Vec<(Option<FiscalYear>, String)> =
        state.keys_under(&base.name).into_iter().map(|k| (FiscalYear::parse(&k).ok(), k)).collect();
    for y in &ctx.choices.plan_years {
        if !keys.iter().any(|(fy, _)| *fy == Some(*y)) {
            keys.push((Some(*y), y.era_short()));
        }
    }
    keys.sort_by_key(|(fy, k)| (fy.is_none(), fy.map(|y| y.year()), k.clone()));
    let list = vocabulary.and_then(|v| ctx.choices.lists.get(v)).cloned().unwrap_or_default();
    let children = keys
        .into_iter()
        .map(|(fy, key)| {
            let name = join(&base.name, &key);
            let label = fy.map_or_else(|| key.clone(), |y| y.display(ctx.lang));
            let one = Control { name: name.clone(), id: control_id(&name), label, ..Control::default() };
            select(one, &list, state.get(&name), ctx.lang)
        })
        .collect();
    Control { kind: "years", children, ..base }
}
