//! The record editor of `kyodo serve`: a form for a project record in the preview, made
//! from the record's JSON Schema, that checks as the clerk types with `kyodo check`'s own
//! rules and messages and saves only what changed, keeping the file's comments and layout.
//! It exists only in the preview (under `/__kyodo/`); a build never has it.
//!
//! ```text
//! GET  /__kyodo/edit/ID         the form of a record               (edit.rs)
//! POST /__kyodo/edit/ID         save, or add a row to a list       (edit.rs, apply.rs)
//! GET  /__kyodo/new             the form of a new project          (create.rs)
//! POST /__kyodo/new             write the new record (scaffold)    (create.rs)
//! POST /__kyodo/api/check/ID    the form's problems, as JSON       (edit.rs, check.rs)
//! POST /__kyodo/api/markdown    Markdown as the site renders it
//! GET  /__kyodo/editor.css, /__kyodo/editor.js
//! ```
//!
//! The form follows the schema ([`schema_form`]); its values are read from the record and
//! posted back by key path ([`values`]); the view ([`view`]) is rendered by minijinja
//! ([`page`]). Every POST needs this run's token and a request from the preview itself
//! ([`guard`]).

mod apply;
mod check;
mod choices;
mod create;
mod edit;
mod guard;
mod page;
mod placement;
pub mod schema_form;
mod values;
mod view;
mod widgets;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::load::ParseCache;
use crate::msg;
use crate::msg::{Lang, Msg};

pub use guard::Token;

const EDIT: &str = "/__kyodo/edit/";
const NEW: &str = "/__kyodo/new";
const CHECK: &str = "/__kyodo/api/check/";
const MARKDOWN: &str = "/__kyodo/api/markdown";
const CSS: &str = "/__kyodo/editor.css";
const JS: &str = "/__kyodo/editor.js";

/// A request for the editor, as the server read it.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub method: &'a str,
    /// The path, without the query.
    pub path: &'a str,
    pub query: &'a str,
    pub body: &'a [u8],
    /// Whether the browser's `Origin` and `Sec-Fetch-Site`, where it sent them, say the
    /// request comes from the preview itself.
    pub from_here: bool,
}

/// The editor's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Where a 303 sends the browser.
    pub location: Option<String>,
    /// A record was written: the preview's page should show it rebuilt before the
    /// browser is sent there.
    pub wrote: bool,
}

impl Reply {
    fn html(status: u16, body: String) -> Reply {
        Reply {
            status,
            content_type: "text/html; charset=utf-8",
            body: body.into_bytes(),
            location: None,
            wrote: false,
        }
    }

    fn json(status: u16, value: &impl Serialize) -> Reply {
        let body = serde_json::to_vec(value).unwrap_or_default();
        Reply { status, content_type: "application/json", body, location: None, wrote: false }
    }

    fn text(status: u16, message: &Msg, lang: Lang) -> Reply {
        let body = format!("{}\n", message.get(lang)).into_bytes();
        Reply { status, content_type: "text/plain; charset=utf-8", body, location: None, wrote: false }
    }

    fn see_other(location: String, wrote: bool) -> Reply {
        Reply {
            status: 303,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
            location: Some(location),
            wrote,
        }
    }
}

/// The editor of one site, for one run of the preview.
pub struct Editor {
    root: PathBuf,
    lang: Lang,
    token: Token,
    fields: Vec<schema_form::Field>,
    pages: page::Pages,
    /// Parsed records of the files that did not change, between checks.
    cache: ParseCache,
    /// Held from reading a record to writing it, so that two saves at once (two tabs)
    /// cannot both pass the check that the file is as the form saw it.
    writing: std::sync::Mutex<()>,
}

impl Editor {
    /// The editor of the site at `root`, speaking `lang`, with a new token.
    pub fn new(root: &Path, lang: Lang) -> Result<Editor, Msg> {
        Ok(Editor {
            root: root.to_path_buf(),
            lang,
            token: Token::new()?,
            fields: schema_form::project_fields(),
            pages: page::Pages::new(lang)?,
            cache: ParseCache::default(),
            writing: std::sync::Mutex::new(()),
        })
    }

    /// The language the editor speaks.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether `path` is one of the editor's.
    pub fn serves(path: &str) -> bool {
        path.starts_with(EDIT) || [NEW, MARKDOWN, CSS, JS].contains(&path) || path.starts_with(CHECK)
    }

    /// Answers a request for one of the editor's paths.
    pub fn handle(&self, req: &Request) -> Reply {
        let post = req.method == "POST";
        if post {
            let form = values::FormState::parse(req.body);
            if !guard::allowed(&self.token, form.get("_token"), req.from_here) {
                return Reply::text(403, &guard::refused(), self.lang);
            }
            return match req.path {
                NEW => create::submit(self, &form),
                MARKDOWN => Reply::json(200, &Markdown { html: crate::markdown::to_html(form.get("text")) }),
                p => match (p.strip_prefix(EDIT), p.strip_prefix(CHECK)) {
                    (Some(id), _) => edit::submit(self, id, &form),
                    (_, Some(id)) => edit::check_form(self, id, &form),
                    _ => self.not_found(),
                },
            };
        }
        if req.method != "GET" && req.method != "HEAD" {
            let text = msg!(ja: "この操作には使えない要求の方法です。", en: "this method is not allowed here");
            return Reply::text(405, &text, self.lang);
        }
        match req.path {
            CSS => Reply { content_type: "text/css; charset=utf-8", ..Reply::html(200, page::CSS.to_owned()) },
            JS => Reply { content_type: "text/javascript; charset=utf-8", ..Reply::html(200, page::JS.to_owned()) },
            NEW => create::form(self),
            p => match p.strip_prefix(EDIT) {
                Some(id) => edit::open(self, id, req.query.split('&').any(|q| q == "created=1")),
                None => self.not_found(),
            },
        }
    }

    fn not_found(&self) -> Reply {
        let text = msg!(ja: "この編集画面はありません。", en: "no such page of the editor");
        self.message(404, &text, None)
    }

    /// A page with one message (and the diagnostics that explain it, if any).
    fn message(&self, status: u16, text: &Msg, details: Option<String>) -> Reply {
        #[derive(Serialize)]
        struct Message<'a> {
            heading: &'a str,
            details: Option<String>,
        }
        let page = Message { heading: text.get(self.lang), details };
        match self.pages.render("message.html", &page) {
            Ok(html) => Reply::html(status, html),
            Err(e) => Reply::text(500, &e, self.lang),
        }
    }

    /// The links the preview adds to a page of the site at `page` (`ja/projects/1-1-1.html`):
    /// to edit that project, and to make a new one. HTML, in the clerk's language.
    pub fn links(&self, page: &str) -> String {
        let lang = self.lang.code();
        let new = msg!(ja: "新しい事業", en: "New project");
        let edit = msg!(ja: "この事業を編集", en: "Edit this project");
        let id = ["ja/projects/", "en/projects/"]
            .iter()
            .find_map(|p| page.strip_prefix(p))
            .and_then(|rest| rest.strip_suffix(".html"))
            .filter(|id| {
                !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            });
        let style = "display:flex;gap:1rem;flex-wrap:wrap;margin:0 0 1rem;padding:.5rem .75rem;border:2px solid #0031d8;border-radius:6px;background:#f0f4ff;font-size:1rem";
        let mut html = format!("<div class=\"kyodo-preview-tools\" lang=\"{lang}\" style=\"{style}\">");
        if let Some(id) = id {
            html.push_str(&format!(
                "<a href=\"{EDIT}{id}\" style=\"color:#0031d8;font-weight:bold\">{}</a>",
                edit.get(self.lang)
            ));
        }
        html.push_str(&format!("<a href=\"{NEW}\" style=\"color:#0031d8\">{}</a></div>\n", new.get(self.lang)));
        html
    }
}

/// The answer of the Markdown preview.
#[derive(Serialize)]
struct Markdown {
    html: String,
}

/// A short hash of a file's bytes, to tell whether it changed since the form was opened.
fn file_hash(bytes: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("{:016x}", h.finish())
}
