//! The editor's pages: minijinja templates compiled into kyodo (`src/editor/templates/`), in
//! the language of `kyodo serve`, with autoescaping and strict undefined variables as the
//! site's own templates. The words of the pages are [`Words`], made once from `msg!` pairs.

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

use crate::msg;
use crate::msg::{Lang, Msg};

/// The templates, by name.
const TEMPLATES: [(&str, &str); 5] = [
    ("layout.html", include_str!("templates/layout.html")),
    ("fields.html", include_str!("templates/fields.html")),
    ("edit.html", include_str!("templates/edit.html")),
    ("new.html", include_str!("templates/new.html")),
    ("message.html", include_str!("templates/message.html")),
];

/// The fragments the live check puts into the page: the problems of a control, and the
/// summary's list.
const FRAGMENTS: [(&str, &str); 2] = [
    ("problems.html", "{% import \"fields.html\" as f %}{{ f.problems(problems) }}"),
    ("summary.html", "{% import \"fields.html\" as f %}{{ f.summary_items(items) }}"),
];

/// The stylesheet and script of the editor's pages.
pub const CSS: &str = include_str!("templates/editor.css");
pub const JS: &str = include_str!("templates/editor.js");

/// The fixed words of the editor's pages, in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    pub lang: &'static str,
    pub editor: String,
    pub nav: String,
    pub back_to_site: String,
    pub new_project: String,
    pub save: String,
    pub create: String,
    pub view_page: String,
    pub check: String,
    pub required: String,
    pub preview: String,
    pub file: String,
    pub error: String,
    pub warning: String,
    pub fix: String,
    pub found: String,
    /// Whether what to do is shown before what was found (Japanese).
    pub fix_first: bool,
    pub no_script: String,
    pub checking: String,
}

impl Words {
    pub fn new(lang: Lang) -> Words {
        let w = |m: Msg| m.get(lang).to_owned();
        Words {
            lang: lang.code(),
            editor: w(msg!(ja: "kyodo 記録の編集", en: "kyodo record editor")),
            nav: w(msg!(ja: "編集画面のメニュー", en: "Editor menu")),
            back_to_site: w(msg!(ja: "プレビューのトップへ", en: "Preview home")),
            new_project: w(msg!(ja: "新しい事業", en: "New project")),
            save: w(msg!(ja: "保存", en: "Save")),
            create: w(msg!(ja: "記録ファイルを作る", en: "Create the record")),
            view_page: w(msg!(ja: "事業のページを見る", en: "View the project page")),
            check: w(msg!(ja: "確認結果", en: "Check")),
            required: w(msg!(ja: "必須", en: "required")),
            preview: w(msg!(ja: "プレビュー（公開されるときの表示）", en: "Preview (as published)")),
            file: w(msg!(ja: "ファイル", en: "File")),
            error: w(msg!(ja: "エラー", en: "Error")),
            warning: w(msg!(ja: "警告", en: "Warning")),
            fix: w(msg!(ja: "直し方", en: "What to do")),
            found: w(msg!(ja: "内容", en: "Found")),
            fix_first: lang == Lang::Ja,
            no_script: w(msg!(
                ja: "入力しながらの確認とプレビューには JavaScript が必要です。なくても、保存するときに確認します。",
                en: "Checking as you type and the preview need JavaScript; without it, the record is checked when you save.",
            )),
            checking: w(msg!(ja: "確認しています…", en: "Checking…")),
        }
    }
}

/// The compiled templates.
pub struct Pages {
    env: Environment<'static>,
}

impl Pages {
    /// Compiles the templates with the words of `lang`.
    pub fn new(lang: Lang) -> Result<Pages, Msg> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_debug(true);
        let syntax = SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build().map_err(template_error)?;
        env.set_syntax(syntax);
        env.set_formatter(escape_formatter);
        env.add_global("t", minijinja::Value::from(Serde(Words::new(lang))));
        for (name, source) in TEMPLATES.into_iter().chain(FRAGMENTS) {
            env.add_template(name, source).map_err(template_error)?;
        }
        Ok(Pages { env })
    }

    /// Renders the template `name` with `context`.
    pub fn render(&self, name: &str, context: impl Serialize) -> Result<String, Msg> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(minijinja::Value::from(Serde(&context))))
            .map_err(template_error)
    }
}

/// Values are escaped by kyodo's one HTML escaper, as in the site's templates.
fn escape_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(s) if !value.is_safe() && matches!(state.auto_escape(), minijinja::AutoEscape::Html) => out
            .write_str(&crate::escape::html(s))
            .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())),
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// A template that does not compile or render: a bug in kyodo, said so.
fn template_error(e: minijinja::Error) -> Msg {
    msg!(
        ja: "編集画面を表示できません（kyodo の不具合です: {e}）。",
        en: "cannot show the editor (a bug in kyodo): {e}",
    )
}
