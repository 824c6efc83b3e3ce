//! `kyodo serve`: serves the site from memory, rebuilds on change, keeps the last good site
//! when a change does not build, and never writes the reload script into the site.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::{TestSite, copy_dir, fixture};

pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path) -> Server {
    start_in("en", root)
}

/// Starts `kyodo serve` on the site at `root`, speaking `lang`.
pub(crate) fn start_in(lang: &str, root: &Path) -> Server {
    let mut child = crate::support::kyodo_command()
        .args(["serve", "--lang", lang, "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    Server { child, port }
}

/// Sends `request` as it is and reads the whole answer: (status, body). The server
/// closes the connection after each answer.
pub(crate) fn exchange(port: u16, request: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream.write_all(request).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response);
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|x| x.1.to_owned()).unwrap_or_default();
    (status, body)
}

/// A plain GET as a browser at http://127.0.0.1:PORT/ sends it: (status, body).
pub(crate) fn get(port: u16, path: &str) -> (u16, String) {
    exchange(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

pub(crate) fn status(port: u16) -> serde_json::Value {
    serde_json::from_str(&get(port, "/__kyodo/status").1).unwrap()
}
/// Waits (at most 15 s) until the server has rebuilt past `version`.
pub(crate) fn wait_for_rebuild(port: u16, version: u64) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let s = status(port);
        if s["version"].as_u64().unwrap_or(0) > version || Instant::now() > deadline {
            return s;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_overlay_speaks_the_language_of_the_serve_process() {
    let site = TestSite::fixture();
    let server = start_in("ja", site.path());
    let v0 = status(server.port)["version"].as_u64().unwrap();
    let record = site.path().join("content/projects/1-1-1.toml");
    let text = fs::read_to_string(&record).unwrap();
    fs::write(&record, text.replace("department = \"shimin\"", "department = \"nope\"")).unwrap();
    let s = wait_for_rebuild(server.port, v0);
    let error = s["error"].as_str().unwrap_or("");
    assert!(error.starts_with("kyodo: 直前の変更では、サイトを作成できませんでした。"), "{s}");
    assert!(error.contains("直し方: ") && error.contains("課のID \"nope\" が見つかりません。"), "{s}");
    let (code, body) = exchange(server.port, b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    assert_eq!(code, 421);
    assert!(body.starts_with("ブラウザーで http://127.0.0.1:"), "{body}");
}

#[test]
fn serve_rebuilds_on_change_and_keeps_the_last_good_site() {
    let site = TestSite::fixture();
    let server = start(site.path());
    let (code, page) = get(server.port, "/ja/projects/1-1-1.html");
    assert_eq!(code, 200);
    assert!(page.contains("市民活動支援補助金の充実"));
    assert!(page.contains("<script src=\"/__kyodo/live.js\"></script>"), "pages served get the reload script");
    assert_eq!(get(server.port, "/__kyodo/live.js").0, 200);
    let v0 = status(server.port)["version"].as_u64().unwrap();

    // A change to a record is picked up.
    let record = site.path().join("content/projects/1-1-1.toml");
    let text = fs::read_to_string(&record).unwrap();
    fs::write(&record, text.replace("市民活動支援補助金の充実", "市民活動支援補助金の拡充")).unwrap();
    let s = wait_for_rebuild(server.port, v0);
    assert!(s["error"].is_null(), "{s}");
    assert!(get(server.port, "/ja/projects/1-1-1.html").1.contains("市民活動支援補助金の拡充"));

    // A change that does not build: the error is reported, the last good page stays.
    let v1 = s["version"].as_u64().unwrap();
    fs::write(&record, text.replace("department = \"shimin\"", "department = \"nope\"")).unwrap();
    let s = wait_for_rebuild(server.port, v1);
    assert!(s["error"].as_str().unwrap_or("").contains("unknown department \"nope\""), "{s}");
    assert!(get(server.port, "/ja/projects/1-1-1.html").1.contains("市民活動支援補助金の拡充"));

    // Fixed again: the error clears.
    let v2 = s["version"].as_u64().unwrap();
    fs::write(&record, &text).unwrap();
    let s = wait_for_rebuild(server.port, v2);
    assert!(s["error"].is_null(), "{s}");

    // Serving wrote nothing: no public/ folder, and a real build has no reload script.
    assert!(!site.path().join("public").exists());
    drop(server);
    let (output, _) = kyodo::build(site.path()).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    assert!(output.files.values().all(|b| !String::from_utf8_lossy(b).contains("__kyodo")));
}

/// Polls the status until `done` holds for it (at most 30 s); returns the last status.
fn wait_until(port: u16, done: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let s = status(port);
        if done(&s) || Instant::now() > deadline {
            return s;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_answers_only_requests_for_itself() {
    let site = TestSite::fixture();
    let server = start(site.path());
    let port = server.port;
    let with_host = |host: &str| {
        exchange(port, format!("GET /ja/index.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes())
    };
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")] {
        assert_eq!(with_host(&host).0, 200, "{host}");
    }
    // DNS rebinding: a page at evil.example whose name now points at 127.0.0.1.
    let (code, body) = with_host(&format!("evil.example:{port}"));
    assert_eq!(code, 421);
    assert!(body.contains(&format!("http://127.0.0.1:{port}/")), "{body}");
    assert!(!body.contains("<html"), "a short plain text, not the site: {body}");
    for host in ["evil.example".to_owned(), format!("127.0.0.1:{}", port.wrapping_add(1)), "127.0.0.1".to_owned()] {
        assert_eq!(with_host(&host).0, 421, "{host}");
    }
    assert_eq!(exchange(port, b"GET /ja/index.html HTTP/1.0\r\n\r\n").0, 421, "no Host header");
    assert_eq!(
        exchange(
            port,
            format!("GET /__kyodo/status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\n\r\n").as_bytes()
        )
        .0,
        421,
        "two Host headers"
    );
    assert_eq!(
        exchange(
            port,
            format!("POST /ja/index.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n\r\n").as_bytes()
        )
        .0,
        405
    );
    // Listening on 127.0.0.1 only: on Linux every 127.x.x.x address reaches this machine,
    // and a server listening on all addresses would answer on 127.0.0.2 too.
    #[cfg(target_os = "linux")]
    assert!(TcpStream::connect(("127.0.0.2", port)).is_err(), "the preview must listen on 127.0.0.1 only");
}

#[test]
fn serve_refuses_oversized_headers_and_keeps_answering() {
    let site = TestSite::fixture();
    let server = start(site.path());
    let port = server.port;
    // One header line far over the limit, and a client that would send it for ever:
    // answered 431 after the first 16 KiB, whatever follows.
    let long = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Long: {}\r\n\r\n", "a".repeat(200_000));
    assert_eq!(exchange(port, long.as_bytes()).0, 431);
    let mut endless = TcpStream::connect(("127.0.0.1", port)).unwrap();
    endless.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    endless.write_all(b"GET / HTTP/1.1\r\nX-Endless: ").unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0;
    // The server stops reading at its limit, so at some point writes fail or stall.
    endless.set_write_timeout(Some(Duration::from_secs(2))).unwrap();
    while sent < 64 * 1024 * 1024 && endless.write_all(&chunk).is_ok() {
        sent += chunk.len();
    }
    assert!(sent < 64 * 1024 * 1024, "the server went on reading an endless header line");
    let mut answer = Vec::new();
    let _ = endless.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 431 "), "{answer}");
    drop(endless);
    // Too many headers, each small.
    let many: String = (0..200).map(|i| format!("X-{i}: 1\r\n")).collect();
    assert_eq!(exchange(port, format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{many}\r\n").as_bytes()).0, 431);
    // The server still answers.
    assert_eq!(get(port, "/ja/index.html").0, 200);
}

#[test]
fn a_client_that_does_not_read_does_not_block_others() {
    let site = TestSite::fixture();
    // A long text makes data/projects.json a few megabytes: far more than the socket
    // buffers between the server and a client that reads nothing.
    let record = site.path().join("content/projects/1-1-1.toml");
    let long = "○説明会を開催します。参加者の声を聞き、次年度の内容に反映します。\n".repeat(50_000);
    let text = fs::read_to_string(&record).unwrap().replace("○説明会を開催します。\n", &long);
    fs::write(&record, text).unwrap();
    let server = start(site.path());
    let port = server.port;

    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    socket.connect(&std::net::SocketAddr::from(([127, 0, 0, 1], port)).into()).unwrap();
    let mut stalled: TcpStream = socket.into();
    write!(stalled, "GET /data/projects.json HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
    // Give the server time to start on that answer (it cannot finish it).
    std::thread::sleep(Duration::from_millis(500));

    let (code, page) = get(port, "/ja/index.html");
    assert_eq!(code, 200);
    assert!(page.contains("</html>"));
    let (code, json) = get(port, "/data/projects.json");
    assert_eq!(code, 200);
    assert!(json.len() > 4_000_000, "the file is large: {} bytes", json.len());
    drop(stalled);
}

#[test]
fn serve_recovers_when_content_is_moved_away_or_deleted_and_comes_back() {
    let site = TestSite::fixture();
    let server = start(site.path());
    let port = server.port;
    let content = site.path().join("content");
    let page_is_served = || {
        let (code, page) = get(port, "/ja/projects/1-1-1.html");
        code == 200 && page.contains("市民活動支援補助金の充実")
    };
    assert!(page_is_served());

    // Moved away: the error shows, the last good site stays served.
    let away = site.path().join("content.away");
    fs::rename(&content, &away).unwrap();
    let s = wait_until(port, |s| s["error"].is_string());
    assert!(s["error"].as_str().unwrap_or("").contains("content/site.toml"), "{s}");
    assert!(page_is_served());
    // Moved back: rebuilt, the error clears.
    fs::rename(&away, &content).unwrap();
    let s = wait_until(port, |s| s["error"].is_null());
    assert!(s["error"].is_null(), "{s}");

    // Deleted, then restored as a new copy (as a sync tool does).
    fs::remove_dir_all(&content).unwrap();
    let s = wait_until(port, |s| s["error"].is_string());
    assert!(s["error"].is_string(), "{s}");
    copy_dir(&fixture().join("content"), &content);
    let s = wait_until(port, |s| s["error"].is_null());
    assert!(s["error"].is_null(), "{s}");
    assert!(page_is_served());

    // The new folder is watched: an edit in it is picked up.
    let record = content.join("projects/1-1-1.toml");
    let text = fs::read_to_string(&record).unwrap();
    fs::write(&record, text.replace("市民活動支援補助金の充実", "市民活動支援補助金の拡充")).unwrap();
    wait_until(port, |_| get(port, "/ja/projects/1-1-1.html").1.contains("市民活動支援補助金の拡充"));
    assert!(get(port, "/ja/projects/1-1-1.html").1.contains("市民活動支援補助金の拡充"));
}
