//! `kyodo serve`: serves the site from memory, rebuilds on change, keeps the last good site
//! when a change does not build, and never writes the reload script into the site.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;

mod common;
use common::fixture_copy;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kyodo"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line.split("127.0.0.1:").nth(1).and_then(|s| s.split('/').next()).and_then(|p| p.parse().ok()).unwrap_or_else(|| panic!("no address in {line:?}"));
    Server { child, port }
}

/// A plain HTTP/1.0 GET: (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|x| x.1.to_owned()).unwrap_or_default();
    (status, body)
}

fn status(port: u16) -> serde_json::Value {
    serde_json::from_str(&get(port, "/__kyodo/status").1).unwrap()
}

/// Waits (at most 15 s) until the server has rebuilt past `version`.
fn wait_for_rebuild(port: u16, version: u64) -> serde_json::Value {
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
fn serve_rebuilds_on_change_and_keeps_the_last_good_site() {
    let site = fixture_copy();
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
    let (output, _) = kyodo::build(site.path()).unwrap_or_else(|d| panic!("{d}"));
    assert!(output.files.values().all(|b| !String::from_utf8_lossy(b).contains("__kyodo")));
}
