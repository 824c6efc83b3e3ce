//! Editing a record: the form of a record ([`open`]), a posted form ([`submit`]: add a row,
//! or save) and the live check of a form ([`check_form`]).
//!
//! Saving refuses, writing nothing, when the file changed on disk since the form was
//! opened (the form carries a hash of the file) and when the record as the form would
//! write it has errors; otherwise only the changed values are written, atomically (a
//! temporary file in the same folder, then renamed: `import::commit`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
use toml_edit::DocumentMut;

use super::apply::{RowMap, apply};
use super::check::{Checked, check, edition_key, form_key, place, record_path};
use super::choices::choices;
use super::values::{FormState, fill, row, rows_name};
use super::view::{Control, Ctx, Named, Problem, attach, controls, names};
use super::{Editor, Reply, file_hash};
use crate::diagnostic::Severity;
use crate::msg;
use crate::msg::Msg;

/// A record as read for the editor.
struct Loaded {
    /// Relative to the site root.
    path: PathBuf,
    text: String,
    doc: DocumentMut,
    hash: String,
}

/// Reads the record of `id`; a page saying why, if it cannot be edited.
fn read(ed: &Editor, id: &str) -> Result<Loaded, Reply> {
    let Some(path) = record_path(&ed.root, id) else {
        let text = msg!(
            ja: "事業「{id}」の記録ファイルが content/projects/ にありません。",
            en: "no record of the project \"{id}\" in content/projects/",
        );
        return Err(ed.message(404, &text, None));
    };
    let shown = path.display().to_string();
    let bytes = crate::files::read(&ed.root.join(&path)).map_err(|e| {
        let error = &e.error;
        ed.message(500, &msg!(ja: "{shown} を読み込めません（{error}）。", en: "cannot read {shown}: {error}"), None)
    })?;
    let hash = file_hash(&bytes);
    let unreadable = |text: &str| {
        let checked = check(&ed.root, &path, text, &ed.cache);
        let details: Vec<String> = checked.own.iter().map(|d| d.render(ed.lang)).collect();
        let message = msg!(
            ja: "{shown} は TOML として読めないため、編集画面では開けません。メモ帳などで、次の所を直してください。",
            en: "{shown} cannot be read as TOML, so the editor cannot open it: fix what is shown below in a text editor",
        );
        ed.message(422, &message, Some(details.join("\n")))
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(unreadable(""));
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let doc: DocumentMut = body.parse().map_err(|_| unreadable(&text))?;
    Ok(Loaded { path, text, doc, hash })
}

/// The form of the record of `id`, with its problems.
pub fn open(ed: &Editor, id: &str, created: bool) -> Reply {
    let loaded = match read(ed, id) {
        Ok(l) => l,
        Err(reply) => return reply,
    };
    let mut state = FormState::default();
    fill(&ed.fields, loaded.doc.as_table(), "", &mut state);
    let checked = check(&ed.root, &loaded.path, &loaded.text, &ed.cache);
    let notice = created.then(|| {
        let shown = loaded.path.display();
        Notice::info(msg!(
            ja: "{shown} を作りました。このままでもサイトを作成できます。空いている項目を記入して保存してください。",
            en: "{shown} was created; it builds as it is. Fill in the empty fields and save.",
        ))
    });
    let view = View { id, loaded: &loaded, state: &state, hash: &loaded.hash, focus: None };
    render(ed, &view, &checked, &RowMap::new(), notice, 200)
}

/// A posted form: a row added, or the record saved.
pub fn submit(ed: &Editor, id: &str, form: &FormState) -> Reply {
    let _writing = ed.writing.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let loaded = match read(ed, id) {
        Ok(l) => l,
        Err(reply) => return reply,
    };
    let hash = form.get("_hash");
    let add = form.get("_add");
    if !add.is_empty() {
        let mut state = form.clone();
        let count = state.rows(add).unwrap_or(0);
        state.set(&rows_name(add), (count + 1).to_string());
        let (checked, rows) = check_state(ed, &loaded, &state);
        let view = View { id, loaded: &loaded, state: &state, hash, focus: Some(row(add, count)) };
        return render(ed, &view, &checked, &rows, None, 200);
    }
    let view = View { id, loaded: &loaded, state: form, hash, focus: None };
    if hash != loaded.hash {
        let notice = Notice::error(msg!(
            ja: "保存しませんでした。この編集画面を開いた後に、ファイルがほかの所で変更されています。編集画面を開き直してください（この画面で入力した内容は消えます）。",
            en: "Not saved: the file was changed elsewhere after this form was opened. Reload the editor (what you typed here will be lost).",
        ));
        let checked = Checked::default();
        return render(ed, &view, &checked, &RowMap::new(), Some(notice.with_link(&reload_link(ed, id))), 409);
    }
    let applied = match apply(&loaded.text, &ed.fields, form) {
        Ok(a) => a,
        Err(m) => return ed.message(500, &m, None),
    };
    let checked = check(&ed.root, &loaded.path, &applied.text, &ed.cache);
    if checked.has_errors() {
        let errors = checked.own.iter().filter(|d| d.severity == Severity::Error).count();
        let notice = Notice::error(msg!(
            ja: "保存しませんでした。記録に{errors}件のエラーがあります。下の確認結果を見て直してください。ファイルは変更していません。",
            en: "Not saved: the record has {errors} errors; see the check below. The file was not changed.",
        ));
        return render(ed, &view, &checked, &applied.rows, Some(notice), 422);
    }
    let page = page_url(ed, id);
    if !applied.changed {
        return Reply::see_other(page, false);
    }
    let file = crate::import::commit::NewFile { path: ed.root.join(&loaded.path), bytes: applied.text.into_bytes() };
    match crate::import::commit::commit(&[file]) {
        Ok(()) => Reply::see_other(page, true),
        Err(m) => render(ed, &view, &checked, &applied.rows, Some(Notice::error(m)), 500),
    }
}

/// The problems of a posted form, as JSON for the page's script.
pub fn check_form(ed: &Editor, id: &str, form: &FormState) -> Reply {
    #[derive(Serialize)]
    struct Placed {
        control: Option<String>,
        error: bool,
        html: String,
    }
    #[derive(Serialize)]
    struct Answer {
        count: String,
        elsewhere: Option<String>,
        problems: Vec<Placed>,
        summary: String,
        stale: Option<String>,
    }
    let loaded = match read(ed, id) {
        Ok(l) => l,
        Err(reply) => return Reply { content_type: "text/html; charset=utf-8", ..reply },
    };
    let (checked, rows) = check_state(ed, &loaded, form);
    let view = View { id, loaded: &loaded, state: form, hash: form.get("_hash"), focus: None };
    let ctx = Ctx { lang: ed.lang, choices: &choices(ed), previews: false, focus: None };
    let built = controls(&ctx, &ed.fields, form, "", Some(view.loaded.doc.as_table()));
    let (_, summary) = problems(ed, &built, form, &checked, &rows);
    let mut placed = Vec::new();
    for item in &summary.items {
        let html =
            ed.pages.render("problems.html", Fragment { problems: std::slice::from_ref(&item.problem), items: &[] });
        placed.push(Placed { control: item.id.clone(), error: item.problem.error, html: html.unwrap_or_default() });
    }
    let list = ed.pages.render("summary.html", Fragment { problems: &[], items: &summary.items }).unwrap_or_default();
    let stale = (view.hash != loaded.hash).then(|| {
        msg!(
            ja: "この編集画面を開いた後に、ファイルがほかの所で変更されています。保存する前に、編集画面を開き直してください。",
            en: "The file was changed elsewhere after this form was opened: reload the editor before saving.",
        )
        .get(ed.lang)
        .to_owned()
    });
    let answer = Answer { count: summary.text, elsewhere: summary.elsewhere, problems: placed, summary: list, stale };
    Reply::json(200, &answer)
}

/// What the fragments of the live check are made from.
#[derive(Serialize)]
struct Fragment<'a> {
    problems: &'a [Problem],
    items: &'a [SummaryItem],
}

/// The problems of the record as the form would write it.
fn check_state(ed: &Editor, loaded: &Loaded, state: &FormState) -> (Checked, RowMap) {
    match apply(&loaded.text, &ed.fields, state) {
        Ok(applied) => (check(&ed.root, &loaded.path, &applied.text, &ed.cache), applied.rows),
        Err(_) => (check(&ed.root, &loaded.path, &loaded.text, &ed.cache), RowMap::new()),
    }
}

/// What a form page shows.
struct View<'a> {
    id: &'a str,
    loaded: &'a Loaded,
    state: &'a FormState,
    /// The hash of the file as the form was opened.
    hash: &'a str,
    /// The row just added.
    focus: Option<String>,
}

/// A message at the top of the form.
#[derive(Debug, Clone)]
pub struct Notice {
    kind: &'static str,
    text: Msg,
    link: Option<(String, String)>,
}

impl Notice {
    pub fn error(text: Msg) -> Notice {
        Notice { kind: "error", text, link: None }
    }

    pub fn info(text: Msg) -> Notice {
        Notice { kind: "info", text, link: None }
    }

    fn with_link(self, link: &(String, String)) -> Notice {
        Notice { link: Some(link.clone()), ..self }
    }

    /// The notice in the clerk's language, for a page.
    pub fn view(self, lang: crate::msg::Lang) -> NoticeView {
        let link = self.link.map(|(href, text)| LinkView { href, text });
        NoticeView { kind: self.kind, text: self.text.get(lang).to_owned(), link }
    }
}

/// A notice as a page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeView {
    kind: &'static str,
    text: String,
    link: Option<LinkView>,
}

/// A link in a notice.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    href: String,
    text: String,
}

/// The problems summed up above the form.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub text: String,
    pub elsewhere: Option<String>,
    pub items: Vec<SummaryItem>,
}

/// One problem in the summary: a link to its control where it has one.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryItem {
    pub id: Option<String>,
    pub place: String,
    pub problem: Problem,
}

/// The problems of a check, placed at the controls of the view, and their summary.
fn problems(
    ed: &Editor,
    built: &[Control],
    state: &FormState,
    checked: &Checked,
    rows: &RowMap,
) -> (BTreeMap<String, Vec<Problem>>, Summary) {
    let lang = ed.lang;
    let mut named: Vec<Named> = Vec::new();
    names(built, "", &mut named);
    let all: Vec<String> = named.iter().map(|n| n.name.clone()).collect();
    let mut at: BTreeMap<String, Vec<Problem>> = BTreeMap::new();
    let mut items = Vec::new();
    for d in &checked.own {
        let problem = Problem {
            error: d.severity == Severity::Error,
            message: d.message.get(lang).to_owned(),
            help: d.help.as_ref().map(|h| h.get(lang).to_owned()),
        };
        // A key of the written record, or a field as an edition names it (a changed frozen
        // value, found by its ids in the form).
        let key = d.key.as_deref().map(|k| edition_key(k, state).unwrap_or_else(|| form_key(k, rows)));
        let control = key.as_deref().and_then(|k| place(k, &all)).and_then(|n| named.iter().find(|x| &x.name == n));
        let place = match (control, &d.location, &d.key) {
            (Some(c), _, _) => c.place.clone(),
            (None, Some(l), _) => {
                let (line, column) = (l.line, l.column);
                msg!(ja: "{line}行{column}列", en: "line {line}, column {column}").get(lang).to_owned()
            }
            (None, None, Some(k)) => k.clone(),
            (None, None, None) => d.file.display().to_string(),
        };
        if let Some(c) = control {
            at.entry(c.name.clone()).or_default().push(problem.clone());
        }
        items.push(SummaryItem { id: control.map(|c| c.id.clone()), place, problem });
    }
    let errors = items.iter().filter(|i| i.problem.error).count();
    let warnings = items.len() - errors;
    let text = match (errors, warnings) {
        (0, 0) => msg!(ja: "問題はありません。", en: "No problems found."),
        (0, _) => msg!(
            ja: "警告{warnings}件があります。エラーはないので、保存できます。",
            en: "{warnings} warnings; no errors, so the record can be saved.",
        ),
        (_, 0) => msg!(ja: "エラー{errors}件があります。", en: "{errors} errors."),
        _ => msg!(ja: "エラー{errors}件、警告{warnings}件があります。", en: "{errors} errors and {warnings} warnings."),
    };
    let n = checked.elsewhere;
    let elsewhere = (n > 0).then(|| {
        msg!(
            ja: "ほかのファイルに{n}件のエラーがあります。この記録は保存できますが、それを直すまでプレビューは作り直されません。",
            en: "Other files have {n} errors: this record can be saved, but the preview is not rebuilt until they are fixed.",
        )
        .get(lang)
        .to_owned()
    });
    (at, Summary { text: text.get(lang).to_owned(), elsewhere, items })
}

/// Renders the form page.
fn render(ed: &Editor, view: &View, checked: &Checked, rows: &RowMap, notice: Option<Notice>, status: u16) -> Reply {
    #[derive(Serialize)]
    struct Page<'a> {
        heading: String,
        file: String,
        token: &'a str,
        hash: &'a str,
        action: String,
        check_url: String,
        page_url: String,
        controls: Vec<Control>,
        summary: Summary,
        notice: Option<NoticeView>,
    }
    let lang = ed.lang;
    let choices = choices(ed);
    let ctx = Ctx { lang, choices: &choices, previews: true, focus: view.focus.clone() };
    let mut built = controls(&ctx, &ed.fields, view.state, "", Some(view.loaded.doc.as_table()));
    let (at, summary) = problems(ed, &built, view.state, checked, rows);
    attach(&mut built, &at);
    let title = Some(view.state.get("title.ja")).filter(|t| !t.is_empty()).unwrap_or(view.id);
    let page = Page {
        heading: msg!(ja: "「{title}」の編集", en: "Editing \"{title}\"").get(lang).to_owned(),
        file: view.loaded.path.display().to_string().replace('\\', "/"),
        token: ed.token.as_str(),
        hash: view.hash,
        action: format!("{}{}", super::EDIT, view.id),
        check_url: format!("{}{}", super::CHECK, view.id),
        page_url: page_url(ed, view.id),
        controls: built,
        summary,
        notice: notice.map(|n| n.view(lang)),
    };
    match ed.pages.render("edit.html", &page) {
        Ok(html) => Reply::html(status, html),
        Err(e) => Reply::text(500, &e, lang),
    }
}

/// The project's page in the preview, in the clerk's language.
fn page_url(ed: &Editor, id: &str) -> String {
    format!("/{}", crate::urls::Page::Project(id).path(ed.lang))
}

/// A link that opens the editor of `id` afresh.
fn reload_link(ed: &Editor, id: &str) -> (String, String) {
    let text = msg!(ja: "編集画面を開き直す", en: "Reload the editor");
    (format!("{}{id}", super::EDIT), text.get(ed.lang).to_owned())
}
