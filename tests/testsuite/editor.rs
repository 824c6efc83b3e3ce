//! The editor of `kyodo serve`, through the real binary on a free port: it saves only the
//! lines that changed, refuses a record that does not check (writing nothing) and a file
//! changed elsewhere, makes new records, and takes no request without this run's token,
//! from another site or of an unbounded size. None of it is in a build.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use crate::serve::{exchange, get, start_in, status, wait_for_rebuild};
use crate::support::form::{encode, fields, value, with};
use crate::support::{TestSite, kyodo, kyodo_command, repo};

/// An answer: status, head, body.
pub(crate) struct Answer {
    pub(crate) status: u16,
    head: String,
    pub(crate) body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// Sends a request as a browser on a page of the preview would.
fn send(port: u16, method: &str, path: &str, extra: &[(&str, &str)], body: &str) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (k, v) in extra {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    if method == "POST" {
        request.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Answer { status, head: head.to_owned(), body: body.to_owned() }
}

/// A POST from the preview's own page: with `Origin` and `Sec-Fetch-Site` as browsers send them.
pub(crate) fn post(port: u16, path: &str, form: &[(String, String)]) -> Answer {
    let origin = format!("http://127.0.0.1:{port}");
    send(port, "POST", path, &[("Origin", &origin), ("Sec-Fetch-Site", "same-origin")], &encode(form))
}

/// The form of the editor page at `path`.
pub(crate) fn form(port: u16, path: &str) -> Vec<(String, String)> {
    let (code, page) = get(port, path);
    assert_eq!(code, 200, "{page}");
    fields(&page)
}

pub(crate) fn plus(mut form: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    form.push((name.to_owned(), value.to_owned()));
    form
}

/// The lines of `new` that `old` does not have, and the other way round, each as a
/// multiset: the lines a diff shows.
fn diff_lines(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let mut removed: Vec<String> = old.lines().map(str::to_owned).collect();
    let mut added = Vec::new();
    for line in new.lines() {
        match removed.iter().position(|l| l == line) {
            Some(i) => {
                removed.remove(i);
            }
            None => added.push(line.to_owned()),
        }
    }
    (removed, added)
}

#[test]
fn saving_writes_only_the_changed_lines_of_a_shipped_record_and_the_page_shows_them() {
    let site = TestSite::content_of(&repo());
    let record = site.path().join("content/projects/1-3-4.toml");
    let before = fs::read_to_string(&record).unwrap();
    let server = start_in("ja", site.path());
    let port = server.port;
    // The project page links to the editor; the editor's form has every value of the record.
    let (_, page) = get(port, "/ja/projects/1-3-4.html");
    assert!(page.contains("<a href=\"/__kyodo/edit/1-3-4\""), "{page}");
    let opened = form(port, "/__kyodo/edit/1-3-4");
    assert_eq!(value(&opened, "indicators[0].actuals[0].value"), "34");
    // Add a report row (without script: the form comes back with one more row).
    let added = post(port, "/__kyodo/edit/1-3-4", &plus(opened, "_add", "reports"));
    assert_eq!(added.status, 200, "{}", added.body);
    assert_eq!(fs::read_to_string(&record).unwrap(), before, "adding a row writes nothing");
    let mut edited = fields(&added.body);
    let title = value(&edited, "title.ja").to_owned();
    edited = with(edited, "title.ja", &format!("{title}（改）"));
    edited = with(edited, "indicators[0].actuals[0].value", "35");
    let new_report = value(&edited, "__rows:reports").parse::<usize>().unwrap() - 1;
    edited = with(edited, &format!("reports[{new_report}].year"), "R6");
    edited = with(edited, &format!("reports[{new_report}].achievements.ja"), "○参加者 35名\n- 交流会を開きました\n");
    let v0 = status(port)["version"].as_u64().unwrap();
    let saved = post(port, "/__kyodo/edit/1-3-4", &plus(edited, "_action", "save"));
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(saved.header("Location"), Some("/ja/projects/1-3-4.html"));
    let after = fs::read_to_string(&record).unwrap();
    let (removed, added) = diff_lines(&before, &after);
    let old_title = before.lines().find(|l| l.starts_with("title = ")).unwrap();
    let old_value = before.lines().find(|l| l.contains("value = 34")).unwrap();
    assert_eq!(removed, [old_title, old_value]);
    assert_eq!(
        added,
        [
            old_title.replace(&format!("\"{title}\""), &format!("\"{title}（改）\"")),
            old_value.replace("value = 34", "value = 35"),
            "".to_owned(),
            "[[reports]]".to_owned(),
            "year = \"R6\"".to_owned(),
            "achievements = \"\"\"".to_owned(),
            "○参加者 35名".to_owned(),
            "- 交流会を開きました".to_owned(),
            "\"\"\"".to_owned(),
        ]
    );
    // The comments at the top are kept, in place.
    assert_eq!(after.lines().take(3).collect::<Vec<_>>(), before.lines().take(3).collect::<Vec<_>>());
    // The preview rebuilt before answering: the page it sends the browser to is new.
    assert!(status(port)["version"].as_u64().unwrap() > v0);
    assert!(get(port, "/ja/projects/1-3-4.html").1.contains(&format!("{title}（改）")));
    assert!(
        fs::read_dir(site.path().join("content/projects"))
            .unwrap()
            .all(|e| { !e.unwrap().file_name().to_string_lossy().starts_with('.') })
    );
}

/// What `kyodo check` says about `record` (its message and help), in `lang`.
pub(crate) fn check_says(site: &Path, lang: &str) -> String {
    let run = kyodo_command().args(["check", "--lang", lang, "--root"]).arg(site).output().unwrap();
    String::from_utf8_lossy(&run.stderr).into_owned()
}

#[test]
fn a_broken_value_is_refused_with_kyodo_checks_message_and_nothing_is_written() {
    let site = TestSite::fixture();
    let record = site.path().join("content/projects/1-1-1.toml");
    let before = fs::read(&record).unwrap();
    let server = start_in("ja", site.path());
    let opened = form(server.port, "/__kyodo/edit/1-1-1");
    let number = value(&opened, "indicators[0].actuals[0].value").to_owned();
    let broken = with(opened, "indicators[0].actuals[0].value", "5件");
    let refused = post(server.port, "/__kyodo/edit/1-1-1", &plus(broken.clone(), "_action", "save"));
    assert_eq!(refused.status, 422);
    assert_eq!(fs::read(&record).unwrap(), before, "nothing written");
    // The same words as `kyodo check` on the record written that way.
    let elsewhere = TestSite::fixture();
    let text = String::from_utf8(before.clone()).unwrap();
    let written = text.replacen(&format!("value = {number},"), "value = \"5件\",", 1);
    assert_ne!(written, text);
    fs::write(elsewhere.path().join("content/projects/1-1-1.toml"), written).unwrap();
    let check = check_says(elsewhere.path(), "ja");
    let fix = check.lines().find_map(|l| l.trim().strip_prefix("直し方: ")).unwrap_or_else(|| panic!("{check}"));
    let found = check.lines().find_map(|l| l.trim().strip_prefix("内容: ")).unwrap();
    let escape = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    assert!(refused.body.contains(&escape(fix)) && refused.body.contains(&escape(found)), "{check}\n{}", refused.body);
    assert!(refused.body.contains("aria-invalid=\"true\""));
    assert!(refused.body.contains("href=\"#f-indicators-0-actuals-0-value\""), "the summary links to the field");
    assert!(refused.body.contains("保存しませんでした。"));
    // The live check says the same, placed at the field.
    let answer = post(server.port, "/__kyodo/api/check/1-1-1", &broken);
    assert_eq!(answer.status, 200);
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    let problem = &json["problems"][0];
    assert_eq!(problem["control"], "f-indicators-0-actuals-0-value", "{json}");
    assert_eq!(problem["error"], true);
    assert!(problem["html"].as_str().unwrap().contains(&escape(found)), "{json}");
    assert_eq!(json["count"], "エラー1件があります。");
    assert_eq!(fs::read(&record).unwrap(), before);
}

#[test]
fn a_field_kyodo_does_not_know_is_shown_as_written_and_kept() {
    let site = TestSite::fixture();
    let record = site.path().join("content/projects/1-1-1.toml");
    let text =
        fs::read_to_string(&record).unwrap().replacen("department = ", "colour = \"red\" # a note\ndepartment = ", 1);
    fs::write(&record, &text).unwrap();
    let server = start_in("en", site.path());
    let (code, page) = get(server.port, "/__kyodo/edit/1-1-1");
    assert_eq!(code, 200);
    assert!(page.contains("<p class=\"label\">colour</p>"), "{page}");
    assert!(page.contains("kyodo does not know this field"));
    // kyodo check's message about it is shown, and linked to it.
    assert!(page.contains("href=\"#f-colour\""), "{page}");
    assert!(!fields(&page).iter().any(|(k, _)| k == "colour"), "not a control of the form");
    // Saving is refused while it is there; the file keeps it.
    let saved = post(server.port, "/__kyodo/edit/1-1-1", &plus(fields(&page), "_action", "save"));
    assert_eq!(saved.status, 422);
    assert_eq!(fs::read_to_string(&record).unwrap(), text);
}

#[test]
fn a_file_changed_since_the_form_was_opened_is_not_overwritten() {
    let site = TestSite::fixture();
    let record = site.path().join("content/projects/1-1-1.toml");
    let server = start_in("en", site.path());
    let opened = form(server.port, "/__kyodo/edit/1-1-1");
    let elsewhere = fs::read_to_string(&record).unwrap() + "\n# changed in Notepad\n";
    fs::write(&record, &elsewhere).unwrap();
    let edited = with(opened, "title.ja", "別の名前");
    let refused = post(server.port, "/__kyodo/edit/1-1-1", &plus(edited, "_action", "save"));
    assert_eq!(refused.status, 409);
    assert!(refused.body.contains("the file was changed elsewhere"), "{}", refused.body);
    assert!(refused.body.contains("href=\"/__kyodo/edit/1-1-1\""), "a link to reload");
    assert_eq!(fs::read_to_string(&record).unwrap(), elsewhere);
}

#[test]
fn every_post_needs_this_runs_token_and_a_request_from_the_preview() {
    let site = TestSite::fixture();
    let record = site.path().join("content/projects/1-1-1.toml");
    let before = fs::read(&record).unwrap();
    let server = start_in("en", site.path());
    let port = server.port;
    let opened = with(form(port, "/__kyodo/edit/1-1-1"), "title.ja", "乗っ取り");
    let token = value(&opened, "_token").to_owned();
    assert_eq!(token.len(), 64);
    let without: Vec<(String, String)> = opened.iter().filter(|(k, _)| k != "_token").cloned().collect();
    let wrong = with(opened.clone(), "_token", &"0".repeat(64));
    for (form, why) in [(&without, "no token"), (&wrong, "another token")] {
        let answer = post(port, "/__kyodo/edit/1-1-1", &plus(form.clone(), "_action", "save"));
        assert_eq!(answer.status, 403, "{why}");
        assert!(answer.body.contains("could not be confirmed as coming from this preview's editor"), "{why}");
    }
    let body = encode(&plus(opened.clone(), "_action", "save"));
    for headers in [
        [("Origin", "http://evil.example"), ("Sec-Fetch-Site", "cross-site")],
        [("Origin", "null"), ("Sec-Fetch-Site", "cross-site")],
        [("Origin", &format!("http://127.0.0.1:{port}") as &str), ("Sec-Fetch-Site", "cross-site")],
    ] {
        assert_eq!(send(port, "POST", "/__kyodo/edit/1-1-1", &headers, &body).status, 403, "{headers:?}");
    }
    for path in ["/__kyodo/new", "/__kyodo/api/check/1-1-1", "/__kyodo/api/markdown"] {
        assert_eq!(post(port, path, &without).status, 403, "{path}");
    }
    // Another Host (DNS rebinding) gets nothing, not even the form with its token.
    let (code, page) = exchange(port, b"GET /__kyodo/edit/1-1-1 HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    assert_eq!(code, 421);
    assert!(!page.contains(&token));
    let rebound = format!(
        "POST /__kyodo/edit/1-1-1 HTTP/1.1\r\nHost: evil.example:{port}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    assert_eq!(exchange(port, rebound.as_bytes()).0, 421);
    assert_eq!(fs::read(&record).unwrap(), before, "nothing written");
    // The editor's pages may not be framed by another site, and load nothing from elsewhere.
    let page = send(port, "GET", "/__kyodo/edit/1-1-1", &[], "");
    assert_eq!(page.header("X-Frame-Options"), Some("DENY"));
    assert!(page.header("Content-Security-Policy").is_some_and(|c| c.contains("frame-ancestors 'none'")));
    // With the token, from the page itself, the same request saves.
    assert_eq!(post(port, "/__kyodo/edit/1-1-1", &plus(opened, "_action", "save")).status, 303);
    assert!(fs::read_to_string(&record).unwrap().contains("乗っ取り"));
}

#[test]
fn request_bodies_are_bounded() {
    let site = TestSite::fixture();
    let server = start_in("en", site.path());
    let port = server.port;
    // Said to be too large: refused before any of it is read.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let head = format!(
        "POST /__kyodo/edit/1-1-1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {}\r\n\r\n",
        2 * 1024 * 1024
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 413 "), "{line}");
    // No length, or a chunked body: refused.
    let chunked =
        format!("POST /__kyodo/new HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    assert_eq!(exchange(port, chunked.as_bytes()).0, 411);
    // The server goes on answering.
    assert_eq!(get(port, "/__kyodo/new").0, 200);
}

#[test]
fn a_new_project_is_written_from_the_new_project_page_and_never_over_a_record() {
    let site = TestSite::fixture();
    let server = start_in("en", site.path());
    let port = server.port;
    let page = get(port, "/__kyodo/new").1;
    assert!(page.contains("<h1>New project</h1>"), "{page}");
    let blank = fields(&page);
    assert_eq!(value(&blank, "department"), "shimin", "the vocabulary's first department");
    let new = with(with(blank.clone(), "id", "1-2-2"), "title.ja", "新しい事業");
    let made = post(port, "/__kyodo/new", &new);
    assert_eq!(made.status, 303, "{}", made.body);
    assert_eq!(made.header("Location"), Some("/__kyodo/edit/1-2-2?created=1"));
    let text = site.read("content/projects/1-2-2.toml");
    assert!(text.contains("title = { ja = \"新しい事業\", en = \"\" }"), "{text}");
    assert!(kyodo(&["check"], site.path()).status.success(), "the new record checks as written");
    let editor = get(port, "/__kyodo/edit/1-2-2?created=1").1;
    assert!(editor.contains("content/projects/1-2-2.toml was created"), "{editor}");
    // The same id again, or an existing one: refused, nothing overwritten.
    for id in ["1-2-2", "1-1-1"] {
        let before = site.read(&format!("content/projects/{id}.toml"));
        let again = post(port, "/__kyodo/new", &with(blank.clone(), "id", id));
        assert_eq!(again.status, 422);
        assert!(again.body.contains("exists already"), "{}", again.body);
        assert_eq!(site.read(&format!("content/projects/{id}.toml")), before);
    }
    let bad = post(port, "/__kyodo/new", &with(blank, "id", "../evil"));
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("is not a valid id"), "{}", bad.body);
    assert!(!site.path().join("content/evil.toml").exists());
}

#[test]
fn the_markdown_preview_is_the_sites_own_rendering() {
    let site = TestSite::fixture();
    let server = start_in("en", site.path());
    let token = value(&form(server.port, "/__kyodo/new"), "_token").to_owned();
    let body = vec![("_token".to_owned(), token), ("text".to_owned(), "**太字** <script>alert(1)</script>".to_owned())];
    let answer = post(server.port, "/__kyodo/api/markdown", &body);
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(json["html"], kyodo::markdown::to_html("**太字** <script>alert(1)</script>"));
    assert!(json["html"].as_str().unwrap().contains("<strong>太字</strong>"));
    assert!(!json["html"].as_str().unwrap().contains("<script>"));
}

#[test]
fn a_record_that_is_not_toml_is_not_opened_and_the_page_says_what_to_fix() {
    let site = TestSite::fixture();
    let record = site.path().join("content/projects/1-1-1.toml");
    let text = fs::read_to_string(&record).unwrap().replacen("department = ", "department = = ", 1);
    fs::write(&record, &text).unwrap();
    let server = start_in("en", site.path());
    let (code, page) = get(server.port, "/__kyodo/edit/1-1-1");
    assert_eq!(code, 422);
    assert!(page.contains("cannot be read as TOML, so the editor cannot open it"), "{page}");
    assert!(page.contains("error: content/projects/1-1-1.toml:"), "kyodo check's diagnostic: {page}");
    assert_eq!(get(server.port, "/__kyodo/edit/9-9-9").0, 404);
    assert_eq!(fs::read_to_string(&record).unwrap(), text);
}

#[test]
fn a_build_has_no_editor() {
    let (output, _) =
        kyodo::build(&crate::support::fixture()).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    for (path, bytes) in &output.files {
        let text = String::from_utf8_lossy(bytes);
        for trace in ["__kyodo", "kyodo-preview-tools", "editor.js", "この事業を編集", "Edit this project"] {
            assert!(!text.contains(trace), "{path} has {trace}");
        }
    }
    // Nor has the committed public/ of the shipped site.
    for entry in walkdir::WalkDir::new(repo().join("public")).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            let text = String::from_utf8_lossy(&fs::read(entry.path()).unwrap()).into_owned();
            assert!(!text.contains("__kyodo"), "{}", entry.path().display());
        }
    }
}

/// `kyodo serve` started in the site root, with its default `--root .`.
fn start_here(root: &Path) -> (Child, u16) {
    let mut child = kyodo_command()
        .current_dir(root)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line.split("127.0.0.1:").nth(1).and_then(|s| s.split('/').next()).and_then(|p| p.parse().ok()).unwrap();
    (child, port)
}

#[test]
fn the_preview_of_the_current_folder_rebuilds_after_a_save() {
    let site = TestSite::fixture();
    let (mut child, port) = start_here(site.path());
    let opened = form(port, "/__kyodo/edit/1-1-1");
    let v0 = status(port)["version"].as_u64().unwrap();
    let saved =
        post(port, "/__kyodo/edit/1-1-1", &plus(with(opened, "title.ja", "現在のフォルダーから"), "_action", "save"));
    assert_eq!(saved.status, 303);
    let s = wait_for_rebuild(port, v0);
    assert!(s["error"].is_null(), "{s}");
    assert!(get(port, "/ja/projects/1-1-1.html").1.contains("現在のフォルダーから"));
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn met_is_a_choice_named_in_words_and_levels_a_box_per_language() {
    let site = TestSite::fixture();
    let record = site.path().join("content/projects/1-2-1.toml");
    let text = fs::read_to_string(&record).unwrap().replacen(
        "{ year = \"R4\", text = \"一部実施\" }",
        "{ year = \"R4\", text = \"一部実施\", met = false }",
        1,
    );
    fs::write(&record, &text).unwrap();
    let server = start_in("en", site.path());
    let (code, page) = get(server.port, "/__kyodo/edit/1-2-1");
    assert_eq!(code, 200);
    assert!(page.contains(">Met the target (true)</option>"), "{page}");
    assert!(page.contains(" selected>Did not meet the target (false)</option>"), "{page}");
    let names: Vec<String> = fields(&page).into_iter().map(|(k, _)| k).collect();
    for name in ["indicators[0].actuals[0].met", "indicators[0].levels.ja", "indicators[0].levels.en"] {
        assert!(names.iter().any(|k| k == name), "{name} in {names:?}");
    }
}
