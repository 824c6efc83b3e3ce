//! The 「新しい事業」 page: a short form (id, title, department, policy) that writes a new
//! record with the scaffold of `kyodo new project` ([`crate::scaffold`]): a record that
//! builds as written, never over an existing file. The clerk then goes on in the editor.

use std::collections::BTreeMap;

use serde::Serialize;

use super::choices::choices;
use super::values::FormState;
use super::view::{Choices, Control, LangBox, Problem, attach, control_id, select};
use super::{EDIT, Editor, NEW, Reply, edit};
use crate::load::{Site, Sources};
use crate::msg;
use crate::msg::{Lang, Msg};
use crate::scaffold::{self, NewProject};

/// The empty form.
pub fn form(ed: &Editor) -> Reply {
    let choices = choices(ed);
    let mut state = FormState::default();
    for (name, list) in [("department", "departments"), ("policy", "policies")] {
        let first = choices.lists.get(list).and_then(|l| l.first()).map(|(id, _)| id.clone());
        state.set(name, first.unwrap_or_default());
    }
    render(ed, &choices, &state, &BTreeMap::new(), 200)
}

/// A posted form: the new record written, or the form again with what is wrong.
pub fn submit(ed: &Editor, form: &FormState) -> Reply {
    let _writing = ed.writing.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let id = form.get("id").trim();
    let choices = choices(ed);
    let mut at: BTreeMap<String, Vec<Problem>> = BTreeMap::new();
    let problem = |m: Msg| {
        let (message, help) = m.split_help();
        Problem { error: true, message: message.get(ed.lang).to_owned(), help: help.map(|h| h.get(ed.lang).to_owned()) }
    };
    if let Err(m) = crate::slug::Slug::parse(id) {
        at.entry("id".to_owned()).or_default().push(problem(m));
        return render(ed, &choices, form, &at, 422);
    }
    let mut read = crate::diagnostic::Diagnostics::default();
    let sources = Sources::read_config(&ed.root, &mut read);
    let site = match Site::from_sources_allowing_no_records(&ed.root, &sources, read) {
        Ok((site, _)) => site,
        Err(d) => {
            let text = msg!(
                ja: "site.toml か vocabulary.toml に問題があるため、新しい記録ファイルを作れません。先に次の所を直してください。",
                en: "site.toml or vocabulary.toml has problems, so no new record can be made: fix these first",
            );
            return ed.message(422, &text, Some(d.render(ed.lang)));
        }
    };
    let new = NewProject {
        id,
        title: form.get("title.ja"),
        title_en: form.get("title.en"),
        department: Some(form.get("department")),
        policy: Some(form.get("policy")),
    };
    let written = scaffold::project(&site, &new, ed.lang).map_err(|m| ("department", m)).and_then(|made| {
        let path = scaffold::new_record_path(&ed.root, id).map_err(|e| ("id", e.message()))?;
        scaffold::create(&ed.root, &path, &made.text).map_err(|e| ("id", e.message()))
    });
    match written {
        Ok(()) => Reply::see_other(format!("{EDIT}{id}?created=1"), true),
        Err((field, m)) => {
            at.entry(field.to_owned()).or_default().push(problem(m));
            render(ed, &choices, form, &at, 422)
        }
    }
}

/// The form's controls, from the same pieces as the editor's.
fn controls(lang: Lang, choices: &Choices, state: &FormState) -> Vec<Control> {
    let label = |parent: &str, key: &str| crate::field_names::label(parent, key).map(|m| m.get(lang).to_owned());
    let id_hint = msg!(
        ja: "半角の小文字、数字と - で書きます（例: 1-1-3）。ファイル名 content/projects/ID.toml になります。",
        en: "Lower-case letters, digits and -, e.g. 1-1-3; the file is content/projects/ID.toml.",
    );
    let title_hint = msg!(
        ja: "空けておくと、事業IDに「（事業名を記入してください）」を付けた仮の名前になります。",
        en: "Left empty, the title is the id with a note to fill it in.",
    );
    let base = |name: &str, label: Option<String>| Control {
        name: name.to_owned(),
        id: control_id(name),
        label: label.unwrap_or_else(|| name.to_owned()),
        required: true,
        ..Control::default()
    };
    let id = Control {
        kind: "input",
        value: state.get("id").to_owned(),
        hint: Some(id_hint.get(lang).to_owned()),
        ..base("id", label("Project", "id"))
    };
    let langs = Lang::ALL
        .iter()
        .map(|&l| {
            let name = format!("title.{}", l.code());
            LangBox {
                code: l.code(),
                label: l.native_name(),
                id: control_id(&name),
                value: state.get(&name).to_owned(),
                name,
                ..LangBox::default()
            }
        })
        .collect();
    let title = Control {
        kind: "text",
        langs,
        hint: Some(title_hint.get(lang).to_owned()),
        required: false,
        ..base("title", label("Project", "title"))
    };
    let list = |name: &str| choices.lists.get(name).cloned().unwrap_or_default();
    let department =
        select(base("department", label("Project", "department")), &list("departments"), state.get("department"), lang);
    let policy = select(base("policy", label("Project", "policy")), &list("policies"), state.get("policy"), lang);
    vec![id, title, department, policy]
}

fn render(
    ed: &Editor,
    choices: &Choices,
    state: &FormState,
    at: &BTreeMap<String, Vec<Problem>>,
    status: u16,
) -> Reply {
    #[derive(Serialize)]
    struct Page<'a> {
        heading: String,
        intro: String,
        token: &'a str,
        action: &'a str,
        controls: Vec<Control>,
        items: Vec<edit::SummaryItem>,
        count: String,
    }
    let mut built = controls(ed.lang, choices, state);
    attach(&mut built, at);
    let items: Vec<edit::SummaryItem> = built
        .iter()
        .flat_map(|c| at.get(&c.name).into_iter().flatten().map(|p| (c.id.clone(), c.label.clone(), p.clone())))
        .map(|(id, place, problem)| edit::SummaryItem { id: Some(id), place, problem })
        .collect();
    let n = items.len();
    let count = if n == 0 {
        msg!(ja: "問題はありません。", en: "No problems found.")
    } else {
        msg!(ja: "エラー{n}件があります。", en: "{n} errors.")
    };
    let intro = msg!(
        ja: "新しい事業の記録ファイルを作ります。作ったファイルはそのままでもサイトを作成できます。残りの項目は、次の編集画面で記入できます。",
        en: "This makes the record of a new project. The record builds as it is; fill in the rest in the editor that opens next.",
    );
    let page = Page {
        heading: msg!(ja: "新しい事業", en: "New project").get(ed.lang).to_owned(),
        intro: intro.get(ed.lang).to_owned(),
        token: ed.token.as_str(),
        action: NEW,
        controls: built,
        items,
        count: count.get(ed.lang).to_owned(),
    };
    match ed.pages.render("new.html", &page) {
        Ok(html) => Reply::html(status, html),
        Err(e) => Reply::text(500, &e, ed.lang),
    }
}
