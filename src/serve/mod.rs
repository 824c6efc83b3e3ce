//! The live preview behind `kyodo serve`: the site built in memory and served on
//! 127.0.0.1, rebuilt when a record or the theme changes, with the open page reloading
//! itself.
//!
//! The reload script is added to pages as they are served; it is never part of what
//! `kyodo build` writes. When a rebuild fails the last good site stays served and the
//! page shows the errors over it until they are fixed.
//!
//! ```text
//! run()          build, watch, serve: the whole command
//! respond()      the answer to a path, from the last good build
//! handle()       the editor's requests (crate::editor), or respond()
//! http::Server   127.0.0.1 only, Host check, bounded requests, a thread per connection
//! watch          watches that survive content/ or themes/ being replaced
//! ```

pub mod http;
pub mod watch;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use crate::editor::{self, Editor};
use crate::msg;
use crate::msg::{Lang, Msg};
use crate::preview::{Files, Preview};

/// Where the preview's own files live; no site output can use this prefix.
pub const PREFIX: &str = "/__kyodo/";

/// The script added to every served page: polls the status and reloads on change.
const LIVE_JS: &str = r#"(function () {
  "use strict";
  var version = null;
  var overlay = null;
  function show(error) {
    if (!error) {
      if (overlay) { overlay.remove(); overlay = null; }
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(255,255,255,.97);color:#1a1a1a;padding:1.5rem;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = error;
  }
  function poll() {
    fetch("/__kyodo/status", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
      if (version !== null && s.version !== version && !s.error) { location.reload(); return; }
      version = s.version;
      show(s.error);
    }).catch(function () {}).then(function () { setTimeout(poll, 700); });
  }
  poll();
})();
"#;

/// What the server shows: the last good build, and the error of the last build if it
/// failed.
#[derive(Debug, Default)]
pub struct State {
    pub files: Files,
    /// Increases with every rebuild, good or bad.
    pub version: u64,
    /// What the page shows over itself when the last build failed: a heading and the
    /// diagnostics, in the language of the interface.
    pub error: Option<String>,
}

/// The state shared between the server and the rebuilder.
pub type Shared = Arc<RwLock<State>>;

/// An HTTP response: status, content type, body, and any headers of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Response {
        Response { status, content_type, body, headers: Vec::new() }
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "jsonld" => "application/ld+json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// Answers a request for `url` (path and query) from the state. Pages get the reload
/// script and, with an editor, its links (to edit the project, to make a new one).
pub fn respond(state: &State, url: &str, editor: Option<&Editor>) -> Response {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == "/__kyodo/live.js" {
        return Response::new(200, "text/javascript; charset=utf-8", LIVE_JS.as_bytes().to_vec());
    }
    if path == "/__kyodo/status" {
        /// What the reload script polls: the build's number and its error, if any.
        #[derive(serde::Serialize)]
        struct Status<'a> {
            error: Option<&'a str>,
            version: u64,
        }
        let status = Status { error: state.error.as_deref(), version: state.version };
        let body = serde_json::to_string(&status).unwrap_or_default();
        return Response::new(200, "application/json", body.into_bytes());
    }
    let mut file = path.trim_start_matches('/').to_owned();
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    let found = state.files.get(&file).or_else(|| state.files.get(&format!("{file}/index.html")));
    let tools = |page: &str| editor.map(|e| e.links(page)).unwrap_or_default();
    match found {
        Some(bytes) => {
            let kind = content_type(&file);
            let body =
                if kind.starts_with("text/html") { with_preview_parts(bytes, &tools(&file)) } else { bytes.to_vec() };
            Response::new(200, kind, body)
        }
        None => {
            let body = state
                .files
                .get("404.html")
                .map(|b| with_preview_parts(b, &tools("404.html")))
                .unwrap_or_else(|| b"404 Not Found".to_vec());
            Response::new(404, "text/html; charset=utf-8", body)
        }
    }
}

/// Answers a request: the editor's, or a file of the site.
fn handle(state: &Shared, editor: &Editor, request: &http::Request) -> Response {
    let read = || state.read().unwrap_or_else(|poisoned| poisoned.into_inner());
    let target = request.target.as_str();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if Editor::serves(path) {
        let before = read().version;
        let req =
            editor::Request { method: &request.method, path, query, body: &request.body, from_here: request.from_here };
        let reply = editor.handle(&req);
        if reply.wrote {
            // The browser is sent to the page of the record just written: let the watcher
            // rebuild it first, so that the page shows the change.
            let deadline = std::time::Instant::now() + SAVED_REBUILD_WAIT;
            while read().version == before && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
        let mut response = Response::new(reply.status, reply.content_type, reply.body);
        response.headers = EDITOR_HEADERS.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        if let Some(location) = reply.location {
            response.headers.push(("Location", location));
        }
        return response;
    }
    if request.method == "POST" {
        let text = msg!(ja: "ここには POST の要求を送れません。", en: "POST is not allowed here");
        return Response::new(405, "text/plain; charset=utf-8", format!("{}\n", text.get(editor.lang())).into_bytes());
    }
    respond(&read(), target, Some(editor))
}

/// How long a save waits for the preview to rebuild before sending the browser on.
const SAVED_REBUILD_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The editor's pages load nothing from elsewhere, run no inline script, and are never
/// shown inside another site's frame.
const EDITOR_HEADERS: [(&str, &str); 3] = [
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    ("X-Frame-Options", "DENY"),
    // Not `no-referrer`: with it, browsers send `Origin: null` with the editor's own forms.
    ("Referrer-Policy", "same-origin"),
];

/// Builds the site at `root`, serves it on 127.0.0.1:`port` (0: a free port) and
/// rebuilds it on every change, until the process ends; speaks `lang` on the terminal and
/// over the page. Returns only when it cannot start, with what went wrong and what to do.
pub fn run(root: &Path, port: u16, lang: Lang) -> Result<(), (Msg, Option<Msg>)> {
    let state: Shared = Arc::new(RwLock::new(State::default()));
    let mut preview = Preview::new(root);
    rebuild(&mut preview, &[], &state, lang);
    let mut watcher = watch::SiteWatcher::new(root, lang).map_err(|m| (m, None))?;
    let editor = Editor::new(root, lang).map_err(|m| (m, None))?;
    let server = http::Server::bind(port, lang).map_err(|e| {
        let cannot =
            msg!(ja: "127.0.0.1:{port} で待ち受けできません（{e}）。", en: "cannot listen on 127.0.0.1:{port}: {e}");
        let help = msg!(ja: "--port で別のポート番号を指定してください。", en: "choose another port with --port");
        (cannot, Some(help))
    })?;
    let rebuild_state = state.clone();
    std::thread::spawn(move || {
        while let Some(changed) = watcher.next_change() {
            rebuild(&mut preview, &changed, &rebuild_state, lang);
        }
    });
    // Printed on stdout so that scripts and tests can read the address.
    let (shown, port) = (root.display(), server.port());
    let serving = msg!(
        ja: "{shown} を http://127.0.0.1:{port}/ で表示しています（終わるときは Ctrl+C を押してください）。",
        en: "serving {shown} at http://127.0.0.1:{port}/ (Ctrl+C to stop)",
    );
    let editing = msg!(
        ja: "各事業のページの「この事業を編集」から記録を編集できます。新しい事業: http://127.0.0.1:{port}/__kyodo/new",
        en: "edit a record from \"Edit this project\" on its page; new project: http://127.0.0.1:{port}/__kyodo/new",
    );
    // One write, its failure ignored: a script that read the first line may have closed
    // the pipe.
    let _ = writeln!(std::io::stdout(), "{}\n{}", serving.get(lang), editing.get(lang));
    server.run(Arc::new(move |request: &http::Request| handle(&state, &editor, request)));
    Ok(())
}

/// Rebuilds after a change and stores the result: the new files if it built, else the
/// error (the last good files stay).
fn rebuild(preview: &mut Preview, changed: &[PathBuf], state: &Shared, lang: Lang) {
    let result = preview.rebuild(changed);
    let mut s = state.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    s.version += 1;
    match result {
        Ok(rebuilt) => {
            if !rebuilt.warnings.0.is_empty() {
                eprintln!("{}", rebuilt.warnings.render(lang));
            }
            let how = if rebuilt.incremental {
                msg!(ja: "変更のあったページとデータ", en: "changed pages and data")
            } else {
                msg!(ja: "サイト全体", en: "the whole site")
            };
            let (files, millis) = (rebuilt.rendered, rebuilt.millis);
            let line = msg!(
                ja: "{files}個のファイルを作り直しました（{how}、{millis} ミリ秒）。",
                en: "rebuilt {files} files ({how}) in {millis} ms",
                how = how,
            );
            eprintln!("{}", line.get(lang));
            s.files = preview.files().clone();
            s.error = None;
        }
        Err(diags) => {
            let kept = msg!(
                ja: "プレビューには、最後に作成できた版を表示したままにしています。",
                en: "the preview keeps showing the last version that built",
            );
            eprintln!("{}\n{}", diags.render(lang), kept.get(lang));
            s.error = Some(overlay(&diags, lang));
        }
    }
}

/// What the page shows over itself while the last change does not build.
pub fn overlay(diags: &crate::diagnostic::Diagnostics, lang: Lang) -> String {
    let heading = msg!(
        ja: "kyodo: 直前の変更では、サイトを作成できませんでした。下の内容を直して保存すると、自動で表示し直します。いま表示しているのは、最後に作成できた版です。",
        en: "kyodo: the last change does not build; the page shows the last version that did.",
    );
    format!("{}\n\n{}", heading.get(lang), diags.render(lang))
}

/// Adds the reload script before `</body>` and `tools` (the editor's links) at the start
/// of `<main>`.
fn with_preview_parts(html: &[u8], tools: &str) -> Vec<u8> {
    let mut text = String::from_utf8_lossy(html).into_owned();
    let tag = "<script src=\"/__kyodo/live.js\"></script>\n";
    match text.rfind("</body>") {
        Some(i) => text.insert_str(i, tag),
        None => text.push_str(tag),
    }
    if !tools.is_empty()
        && let Some(main) = text.find("<main")
        && let Some(end) = text[main..].find('>')
    {
        text.insert_str(main + end + 1, &format!("\n{tools}"));
    }
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> State {
        let mut files = Files::new();
        files.insert("index.html".into(), Arc::from(&b"<html><body>root</body></html>"[..]));
        files.insert("ja/index.html".into(), Arc::from(&b"<html><body>ja</body></html>"[..]));
        files.insert("data/projects.csv".into(), Arc::from(&b"a,b\n"[..]));
        State { files, version: 3, error: None }
    }

    #[test]
    fn pages_get_the_reload_script_and_data_does_not() {
        let s = state();
        let page = respond(&s, "/ja/index.html?x=1", None);
        assert_eq!(page.status, 200);
        assert_eq!(
            String::from_utf8(page.body).unwrap(),
            "<html><body>ja<script src=\"/__kyodo/live.js\"></script>\n</body></html>"
        );
        assert_eq!(respond(&s, "/ja/", None).body, respond(&s, "/ja/index.html", None).body);
        assert_eq!(respond(&s, "/", None).status, 200);
        let csv = respond(&s, "/data/projects.csv", None);
        assert_eq!((csv.content_type, csv.body), ("text/csv; charset=utf-8", b"a,b\n".to_vec()));
        assert_eq!(respond(&s, "/nope.html", None).status, 404);
        assert_eq!(respond(&s, "/../etc/passwd", None).status, 404);
    }

    #[test]
    fn status_reports_version_and_error() {
        let mut s = state();
        assert_eq!(
            String::from_utf8(respond(&s, "/__kyodo/status", None).body).unwrap(),
            r#"{"error":null,"version":3}"#
        );
        s.error = Some("error: x".into());
        assert!(String::from_utf8(respond(&s, "/__kyodo/status", None).body).unwrap().contains("error: x"));
    }
}
