//! The editor's choice controls: a select or checkboxes over the entries of a vocabulary
//! list, naming entries that are not in it.

use super::view::{Choice, Control};
use crate::msg;
use crate::msg::Lang;

/// An entry of a choice: its name, then its id.
fn entry_label(id: &str, name: &str, lang: Lang) -> String {
    if name.trim().is_empty() {
        return id.to_owned();
    }
    msg!(ja: "{name}（{id}）", en: "{name} ({id})").get(lang).to_owned()
}

/// "(none)" and "(not in the vocabulary)", for choices.
fn none_label(lang: Lang) -> String {
    msg!(ja: "（なし）", en: "(none)").get(lang).to_owned()
}

fn unknown_label(value: &str, lang: Lang) -> String {
    msg!(ja: "{value}（語彙にありません）", en: "{value} (not in the vocabulary)").get(lang).to_owned()
}

pub(super) fn select(base: Control, list: &[(String, String)], current: &str, lang: Lang) -> Control {
    let mut options = Vec::new();
    if !base.required || current.is_empty() {
        options.push(Choice {
            value: String::new(),
            label: none_label(lang),
            selected: current.is_empty(),
            id: String::new(),
        });
    }
    options.extend(list.iter().map(|(id, name)| Choice {
        value: id.clone(),
        label: entry_label(id, name, lang),
        selected: id == current,
        id: String::new(),
    }));
    if !current.is_empty() && !list.iter().any(|(id, _)| id == current) {
        options.push(Choice {
            value: current.to_owned(),
            label: unknown_label(current, lang),
            selected: true,
            id: String::new(),
        });
    }
    Control { kind: "select", value: current.to_owned(), options, ..base }
}

pub(super) fn checkboxes(base: Control, list: &[(String, String)], chosen: &[&str], lang: Lang) -> Control {
    let mut options: Vec<Choice> = list
        .iter()
        .map(|(id, name)| Choice {
            value: id.clone(),
            label: entry_label(id, name, lang),
            selected: chosen.contains(&id.as_str()),
            id: String::new(),
        })
        .collect();
    for c in chosen.iter().filter(|c| !list.iter().any(|(id, _)| id == *c)) {
        options.push(Choice {
            value: (*c).to_owned(),
            label: unknown_label(c, lang),
            selected: true,
            id: String::new(),
        });
    }
    for (i, o) in options.iter_mut().enumerate() {
        o.id = format!("{}-{i}", base.id);
    }
    Control { kind: "checkboxes", options, ..base }
}
