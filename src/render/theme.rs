//! Themes: templates, UI strings per language, and static files.
//!
//! A site uses `themes/<name>/` under its root when that folder exists; otherwise the
//! default theme compiled into kyodo, so a site needs no theme folder of its own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::syntax::SyntaxConfig;
use minijinja::{Environment, UndefinedBehavior};
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::escape;
use crate::files;
use crate::i18n::{Lang, UiStrings};
use crate::msg;

/// A loaded theme.
pub struct Theme {
    /// Where the theme came from, for messages: a folder, or "built-in".
    pub origin: String,
    /// Template name → source.
    pub templates: BTreeMap<String, String>,
    pub strings: BTreeMap<Lang, UiStrings>,
    /// Path under `assets/` → bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
}

/// Templates every theme must have.
const REQUIRED_TEMPLATES: [&str; 13] = [
    "base.html",
    "index.html",
    "project.html",
    "department.html",
    "departments.html",
    "redirect.html",
    "data.html",
    "projects.html",
    "facet.html",
    "about.html",
    "accessibility.html",
    "search.html",
    "404.html",
];

/// The default theme, compiled in.
const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("macros.html", include_str!("../../themes/default/templates/macros.html")),
    ("index.html", include_str!("../../themes/default/templates/index.html")),
    ("project.html", include_str!("../../themes/default/templates/project.html")),
    ("department.html", include_str!("../../themes/default/templates/department.html")),
    ("departments.html", include_str!("../../themes/default/templates/departments.html")),
    ("redirect.html", include_str!("../../themes/default/templates/redirect.html")),
    ("data.html", include_str!("../../themes/default/templates/data.html")),
    ("projects.html", include_str!("../../themes/default/templates/projects.html")),
    ("facet.html", include_str!("../../themes/default/templates/facet.html")),
    ("about.html", include_str!("../../themes/default/templates/about.html")),
    ("accessibility.html", include_str!("../../themes/default/templates/accessibility.html")),
    ("search.html", include_str!("../../themes/default/templates/search.html")),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
];
const BUILTIN_STRINGS: &[(Lang, &str)] = &[
    (Lang::Ja, include_str!("../../themes/default/i18n/ja.toml")),
    (Lang::En, include_str!("../../themes/default/i18n/en.toml")),
];
const BUILTIN_ASSETS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    ("kyodo.js", include_bytes!("../../themes/default/static/kyodo.js")),
    ("favicon.svg", include_bytes!("../../themes/default/static/favicon.svg")),
    ("og.png", include_bytes!("../../themes/default/static/og.png")),
];

impl Theme {
    /// Loads the theme `name` for the site at `root`.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostics> {
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            Theme::from_dir(root, &dir)
        } else if name == "default" {
            Theme::builtin()
        } else {
            let mut d = Diagnostics::default();
            d.push(Diagnostic::file_error(
                Path::new("content/site.toml"),
                msg!(
                    ja: "theme: テーマのフォルダー themes/{name} がありません。",
                    en: "theme: there is no theme folder themes/{name}",
                ),
                msg!(
                    ja: "そのフォルダーを作るか、theme = \"default\" と書いてください。",
                    en: "create the folder or write theme = \"default\"",
                ),
            ));
            Err(d)
        }
    }

    /// The default theme compiled into kyodo.
    pub fn builtin() -> Result<Theme, Diagnostics> {
        let mut diags = Diagnostics::default();
        let mut strings = BTreeMap::new();
        for (lang, text) in BUILTIN_STRINGS {
            let path = PathBuf::from(format!("themes/default/i18n/{lang}.toml"));
            if let Some(s) = UiStrings::parse(&path, text, &mut diags) {
                strings.insert(*lang, s);
            }
        }
        let theme = Theme {
            origin: "built-in default theme".to_owned(),
            templates: BUILTIN_TEMPLATES.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect(),
            strings,
            assets: BUILTIN_ASSETS.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect(),
        };
        theme.check(diags)
    }

    fn from_dir(root: &Path, dir: &Path) -> Result<Theme, Diagnostics> {
        let mut diags = Diagnostics::default();
        let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
        let mut templates = BTreeMap::new();
        let mut assets = BTreeMap::new();
        let mut strings = BTreeMap::new();
        for (sub, is_template) in [("templates", true), ("static", false)] {
            let base = dir.join(sub);
            for entry in WalkDir::new(&base).sort_by_file_name() {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        diags.push(Diagnostic::file_error(
                            &rel(&base),
                            msg!(ja: "テーマを読み込めません（{e}）。", en: "cannot read the theme: {e}"),
                            msg!(
                                ja: "テーマのフォルダーがあること、読み込めることを確かめてください。",
                                en: "check that the theme folder exists and can be read",
                            ),
                        ));
                        continue;
                    }
                };
                if !entry.file_type().is_file() {
                    continue;
                }
                let name =
                    entry.path().strip_prefix(&base).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
                match files::read(entry.path()) {
                    Ok(bytes) if is_template => match String::from_utf8(bytes) {
                        Ok(s) => {
                            templates.insert(name, s);
                        }
                        Err(_) => diags.push(Diagnostic::file_error(
                            &rel(entry.path()),
                            msg!(
                                ja: "テンプレートが UTF-8 の文字ではありません。",
                                en: "the template is not UTF-8 text",
                            ),
                            msg!(ja: "ファイルを UTF-8 で保存してください。", en: "save the file as UTF-8"),
                        )),
                    },
                    Ok(bytes) => {
                        assets.insert(name, bytes);
                    }
                    Err(e) => {
                        let error = e.error;
                        diags.push(Diagnostic::file_error(
                            &rel(entry.path()),
                            msg!(ja: "ファイルを読み込めません（{error}）。", en: "cannot read the file: {error}"),
                            msg!(
                                ja: "ファイルを読み込めることを確かめてください。",
                                en: "check that the file can be read",
                            ),
                        ))
                    }
                }
            }
        }
        for lang in Lang::ALL {
            let path = dir.join("i18n").join(format!("{lang}.toml"));
            match files::read_to_string(&path) {
                Ok(text) => {
                    if let Some(s) = UiStrings::parse(&rel(&path), &text, &mut diags) {
                        strings.insert(lang, s);
                    }
                }
                Err(e) => {
                    let (error, file) = (e.error, rel(&path));
                    let shown = file.display();
                    diags.push(Diagnostic::file_error(
                        &file,
                        msg!(ja: "画面の文言を読み込めません（{error}）。", en: "cannot read the UI strings: {error}"),
                        msg!(
                            ja: "もう一方の言語と同じキーで {shown} を作ってください。",
                            en: "create {shown} with the same keys as the other language",
                        ),
                    ))
                }
            }
        }
        let theme = Theme { origin: rel(dir).display().to_string(), templates, strings, assets };
        theme.check(diags)
    }

    /// Every template the pages need must be there.
    fn check(self, mut diags: Diagnostics) -> Result<Theme, Diagnostics> {
        for name in REQUIRED_TEMPLATES {
            if !self.templates.contains_key(name) {
                diags.push(Diagnostic::file_error(
                    Path::new(&format!("{}/templates/{name}", self.origin)),
                    msg!(ja: "テンプレートがありません。", en: "template missing"),
                    msg!(
                        ja: "themes/default/templates からコピーしてください。",
                        en: "copy it from themes/default/templates",
                    ),
                ));
            }
        }
        if diags.has_errors() { Err(diags) } else { Ok(self) }
    }

    /// The template environment: autoescape on (`.html` names), strict undefined so a
    /// typo in a template fails the build, debug so errors name template and line.
    pub fn environment(&self) -> Result<Environment<'_>, Diagnostics> {
        let mut env = Environment::new();
        let mut diags = Diagnostics::default();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_debug(true);
        // A block tag on a line of its own leaves no blank line or indentation behind, so
        // templates can be laid out one tag per line, indented.
        match SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build() {
            Ok(syntax) => env.set_syntax(syntax),
            Err(e) => diags.push(template_error(&self.origin, &e)),
        }
        env.set_formatter(escape_formatter);
        env.add_filter("text", text_filter);
        env.add_filter("block", block_filter);
        for (name, source) in &self.templates {
            if let Err(e) = env.add_template(name, source) {
                diags.push(template_error(&self.origin, &e));
            }
        }
        if diags.has_errors() { Err(diags) } else { Ok(env) }
    }
}

/// A template error as a diagnostic naming the template file and line.
pub fn template_error(origin: &str, e: &minijinja::Error) -> Diagnostic {
    let name = e.name().unwrap_or("template");
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    Diagnostic {
        severity: Severity::Error,
        file: PathBuf::from(format!("{origin}/templates/{name}")),
        location: e.line().map(|line| crate::diagnostic::Location {
            line,
            column: 1,
            width: 1,
            line_text: String::new(),
        }),
        key: None,
        message: msg!(
            ja: "テンプレートに誤りがあります（詳細: {message}）。",
            en: "template error: {message}",
        ),
        help: Some(msg!(
            ja: "テンプレートを直してください。誤りのある行は上の行番号のとおりです。",
            en: "fix the template; the line number above points at it",
        )),
    }
}

/// Escapes HTML like minijinja's default, but leaves `/` alone so relative URLs in the
/// output stay readable (`../ja/index.html`, not `..&#x2f;ja&#x2f;index.html`).
fn escape_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    if value.is_safe() || !matches!(state.auto_escape(), minijinja::AutoEscape::Html) {
        return minijinja::escape_formatter(out, state, value);
    }
    let s = match value.as_str() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None if value.is_none() || value.is_undefined() => return minijinja::escape_formatter(out, state, value),
        None => std::borrow::Cow::Owned(value.to_string()),
    };
    out.write_str(&escape::html(&s))
        .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
}

/// Reads a string attribute of a view value; missing or none is empty.
fn attr(value: &minijinja::Value, name: &str) -> String {
    value
        .get_attr(name)
        .ok()
        .filter(|v| !v.is_none() && !v.is_undefined())
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        .unwrap_or_default()
}

/// `{{ x|text }}`: a translatable text ([`LText`](super::views::LText)). Text in the page's
/// language is printed escaped; a fallback is wrapped in `<span lang>` with the note.
fn text_filter(value: minijinja::Value) -> minijinja::Value {
    let text = escape::html(&attr(&value, "value"));
    let lang = attr(&value, "lang");
    if lang.is_empty() {
        minijinja::Value::from_safe_string(text)
    } else {
        let note = escape::html(&attr(&value, "note"));
        let note = if note.is_empty() { note } else { format!(" <small class=\"untranslated\">({note})</small>") };
        minijinja::Value::from_safe_string(format!("<span lang=\"{}\">{text}</span>{note}", escape::html(&lang)))
    }
}

/// `{{ x|block }}`: a Markdown field ([`LHtml`](super::views::LHtml)), already safe HTML,
/// in a `div`; a fallback carries `lang` and a note before it.
fn block_filter(value: minijinja::Value) -> minijinja::Value {
    let html = attr(&value, "html");
    let lang = attr(&value, "lang");
    if lang.is_empty() {
        minijinja::Value::from_safe_string(format!("<div class=\"prose\">{html}</div>"))
    } else {
        let note = escape::html(&attr(&value, "note"));
        minijinja::Value::from_safe_string(format!(
            "<p class=\"untranslated\">{note}</p>\n<div class=\"prose\" lang=\"{}\">{html}</div>",
            escape::html(&lang)
        ))
    }
}
