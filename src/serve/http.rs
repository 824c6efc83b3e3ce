//! The preview's HTTP server: GET and HEAD, and POST for the editor, on 127.0.0.1, one
//! short-lived thread per connection, with every resource a client can make it spend
//! bounded.
//!
//! - The request head (request line and headers) is read into a buffer of
//!   [`MAX_HEAD_BYTES`] and may hold at most [`MAX_HEADERS`] headers; more is answered
//!   with 431. A client sending one endless header line costs that buffer, no more.
//! - The `Host` header must name this server (`127.0.0.1:PORT`, `localhost:PORT` or
//!   `[::1]:PORT`); anything else is answered with 421. A web page elsewhere cannot use
//!   DNS rebinding to read the preview under its own name.
//! - Each connection is answered on its own thread, at most [`MAX_CONNECTIONS`] at once
//!   (beyond that: 503), with deadlines for reading the head and for writing the
//!   response, so a client that never reads its response holds one thread for a while,
//!   never the others.
//! - A POST must say its length (`Content-Length`; else 411) of at most [`MAX_BODY_BYTES`]
//!   (else 413, and nothing of the body is read); the body is read within [`BODY_TIMEOUT`].
//! - Where a request carries `Origin` or `Sec-Fetch-Site`, [`sent_from_here`] says whether
//!   they name this server; the editor refuses a POST they do not.
//!
//! Why not tiny_http, which kyodo used before: it reads header lines without a limit (its
//! issue #56, open since 2015; the fix in pull request #232 was never merged), starts a
//! thread per connection without a cap and has no timeouts, and its last release is from
//! 2022. The parsing here is httparse (the parser inside hyper); hyper itself would bring
//! an async runtime for a server that answers one person's browser.

use crate::msg;
use crate::msg::Lang;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::Response;

/// The most bytes of request line and headers read for one request.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// The most headers one request may have.
pub const MAX_HEADERS: usize = 64;
/// The most connections answered at once.
pub const MAX_CONNECTIONS: usize = 32;
/// The largest request body taken (the editor's forms are far smaller).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// How long a client has to send a request body.
const BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a client has to send its request head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client has to take in a whole response.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// After answering, how long (and how much) unread input is taken in before closing, so
/// that closing does not reset the connection before the client has read the answer.
const LINGER: Duration = Duration::from_secs(2);
const LINGER_BYTES: usize = 256 * 1024;

/// A request read whole, for the handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD` or `POST`.
    pub method: String,
    /// The path and query.
    pub target: String,
    pub body: Vec<u8>,
    /// Whether the browser's `Origin` and `Sec-Fetch-Site`, where sent, name this server.
    pub from_here: bool,
}

/// Answers a request.
pub type Handler = dyn Fn(&Request) -> Response + Send + Sync;

/// A listening socket on 127.0.0.1.
pub struct Server {
    listener: TcpListener,
    port: u16,
    /// The language of the server's own short answers (a refused request).
    lang: Lang,
}

impl Server {
    /// Listens on 127.0.0.1:`port` (0: a free port). Never on another address.
    pub fn bind(port: u16, lang: Lang) -> io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let port = listener.local_addr()?.port();
        Ok(Server { listener, port, lang })
    }

    /// The port listened on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Accepts connections for ever, each answered on its own thread.
    pub fn run(self, handler: Arc<Handler>) {
        let active = Arc::new(AtomicUsize::new(0));
        for stream in self.listener.incoming() {
            let stream = match stream {
                Ok(s) => s,
                Err(_) => {
                    // Out of file descriptors and the like: let connections close.
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
            };
            if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                active.fetch_sub(1, Ordering::SeqCst);
                refuse_busy(stream, self.lang);
                continue;
            }
            let slot = Slot(active.clone());
            let handler = handler.clone();
            let (port, lang) = (self.port, self.lang);
            let spawned = std::thread::Builder::new().name("kyodo-serve".into()).spawn(move || {
                let _slot = slot;
                serve_connection(stream, port, lang, &*handler);
            });
            // If no thread can be started, the closure (stream and slot) is dropped: the
            // connection closes and the slot is freed.
            drop(spawned);
        }
    }
}

/// One of the [`MAX_CONNECTIONS`] places, given back when the connection ends.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Answers 503 without waiting: the accept loop must never block on a client.
fn refuse_busy(mut stream: TcpStream, lang: Lang) {
    let text = msg!(
        ja: "kyodo serve は、いま多くの要求に応えています。もう一度お試しください。\n",
        en: "kyodo serve is answering too many requests at once; try again.\n",
    );
    let reply = plain(503, text.get(lang));
    if stream.set_nonblocking(true).is_ok() {
        let _ = stream.write_all(&head_bytes(&reply, reply.body.len()));
        let _ = stream.write_all(&reply.body);
    }
}

/// The head of a request, and the bytes of its body that came with it.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub method: String,
    pub target: String,
    pub hosts: Vec<Vec<u8>>,
    pub origins: Vec<Vec<u8>>,
    pub fetch_sites: Vec<Vec<u8>>,
    /// The `Content-Length` headers as written.
    pub lengths: Vec<Vec<u8>>,
    /// Whether it has a `Transfer-Encoding` (kyodo takes only bodies of a stated length).
    pub encoded: bool,
    /// What was read after the head: the start of the body.
    pub rest: Vec<u8>,
}

/// What was read of a request.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Head {
    Request(Box<Parsed>),
    /// Over [`MAX_HEAD_BYTES`] or [`MAX_HEADERS`].
    TooLarge,
    /// Not an HTTP request.
    Malformed,
    /// Closed, timed out or failed before a whole head arrived: nothing to answer.
    Gone,
}

/// Reads one request head from `input`, never more than [`MAX_HEAD_BYTES`], within
/// [`HEAD_TIMEOUT`] when `input` is a socket whose timeout `set_timeout` sets.
pub(crate) fn read_head(input: &mut impl Read, mut set_timeout: impl FnMut(Duration) -> io::Result<()>) -> Head {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut buf = vec![0u8; MAX_HEAD_BYTES];
    let mut filled = 0;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || set_timeout(left).is_err() {
            return Head::Gone;
        }
        match input.read(&mut buf[filled..]) {
            Ok(0) => return Head::Gone,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Head::Gone,
        }
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut request = httparse::Request::new(&mut headers);
        match request.parse(&buf[..filled]) {
            Ok(httparse::Status::Complete(end)) => {
                let values = |name: &str| -> Vec<Vec<u8>> {
                    request
                        .headers
                        .iter()
                        .filter(|h| h.name.eq_ignore_ascii_case(name))
                        .map(|h| h.value.to_vec())
                        .collect()
                };
                return Head::Request(Box::new(Parsed {
                    method: request.method.unwrap_or("").to_owned(),
                    target: request.path.unwrap_or("").to_owned(),
                    hosts: values("host"),
                    origins: values("origin"),
                    fetch_sites: values("sec-fetch-site"),
                    lengths: values("content-length"),
                    encoded: !values("transfer-encoding").is_empty(),
                    rest: buf[end..filled].to_vec(),
                }));
            }
            Ok(httparse::Status::Partial) if filled == buf.len() => return Head::TooLarge,
            Ok(httparse::Status::Partial) => {}
            Err(httparse::Error::TooManyHeaders) => return Head::TooLarge,
            Err(_) => return Head::Malformed,
        }
    }
}

/// Whether a `Host` header names this server: 127.0.0.1, localhost or `[::1]` with this
/// port (the port may be left out only when it is 80, as browsers do).
pub fn host_allowed(host: &[u8], port: u16) -> bool {
    let Ok(host) = std::str::from_utf8(host) else { return false };
    let host = host.trim_matches([' ', '\t']);
    let (name, given_port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((inside, after)) => {
                (&host[..inside.len() + 2], if after.is_empty() { None } else { after.strip_prefix(':').or(Some("x")) })
            }
            None => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, p)) => (name, Some(p)),
            None => (host, None),
        },
    };
    let name_ok = ["127.0.0.1", "localhost", "[::1]"].iter().any(|n| name.eq_ignore_ascii_case(n));
    let port_ok = match given_port {
        Some(p) => p == port.to_string(),
        None => port == 80,
    };
    name_ok && port_ok
}

/// Whether a request's `Origin` and `Sec-Fetch-Site` headers, where the browser sent them,
/// say it comes from a page of this server: `Origin` naming it (`http://127.0.0.1:PORT` …)
/// and `Sec-Fetch-Site: same-origin`. Browsers send both with every POST a page makes; a
/// client that sends neither (an old browser, a script) is left to the editor's token.
pub fn sent_from_here(origins: &[Vec<u8>], fetch_sites: &[Vec<u8>], port: u16) -> bool {
    let origin_ok = match origins {
        [] => true,
        [one] => one.strip_prefix(b"http://").is_some_and(|host| host_allowed(host, port)),
        _ => false,
    };
    let site_ok = match fetch_sites {
        [] => true,
        [one] => one.eq_ignore_ascii_case(b"same-origin"),
        _ => false,
    };
    origin_ok && site_ok
}

/// The answer to a request whose head was read; `read_body` reads the rest of a body of
/// the given length, given what came with the head (`None`: the client went away).
pub(crate) fn answer(
    head: Head,
    port: u16,
    lang: Lang,
    handler: &Handler,
    read_body: impl FnOnce(Vec<u8>, usize) -> Option<Vec<u8>>,
) -> Option<(Response, bool)> {
    let parsed = match head {
        Head::Request(parsed) => parsed,
        Head::TooLarge => {
            let text = msg!(
                ja: "要求のヘッダーが大きすぎます。kyodo serve が読むのは {MAX_HEAD_BYTES} バイト、ヘッダー {MAX_HEADERS} 個までです。\n",
                en: "The request headers are too large: kyodo serve reads at most {MAX_HEAD_BYTES} bytes and {MAX_HEADERS} headers.\n",
            );
            return Some((plain(431, text.get(lang)), false));
        }
        Head::Malformed => {
            let text = msg!(
                ja: "kyodo serve が理解できる HTTP の要求ではありません。\n",
                en: "This is not an HTTP request kyodo serve understands.\n",
            );
            return Some((plain(400, text.get(lang)), false));
        }
        Head::Gone => return None,
    };
    let Parsed { method, target, hosts, origins, fetch_sites, lengths, encoded, rest } = *parsed;
    if !matches!(hosts.as_slice(), [host] if host_allowed(host, port)) {
        let text = msg!(
            ja: "ブラウザーで http://127.0.0.1:{port}/ か http://localhost:{port}/ を開いてください。ほかのウェブサイトからプレビューを読まれないよう、kyodo serve はこの二つのアドレスあての要求にだけ応えます（Host ヘッダーで確かめています）。\n",
            en: "kyodo serve answers only requests for http://127.0.0.1:{port}/ or http://localhost:{port}/ (checked in the Host header), so that no other web site can read the preview.\n",
        );
        return Some((plain(421, text.get(lang)), false));
    }
    let head_only = method == "HEAD";
    let body = match method.as_str() {
        "GET" | "HEAD" => Vec::new(),
        "POST" => {
            let length = match lengths.as_slice() {
                [one] if !encoded => std::str::from_utf8(one).ok().and_then(|l| l.trim().parse::<usize>().ok()),
                _ => None,
            };
            let Some(length) = length else {
                let text = msg!(
                    ja: "kyodo serve が受け取るのは、長さ（Content-Length）を示した要求の本文だけです。\n",
                    en: "kyodo serve takes only request bodies of a stated length (Content-Length).\n",
                );
                return Some((plain(411, text.get(lang)), false));
            };
            if length > MAX_BODY_BYTES {
                let text = msg!(
                    ja: "要求の本文が大きすぎます。kyodo serve が受け取るのは {MAX_BODY_BYTES} バイトまでです。\n",
                    en: "The request body is too large: kyodo serve takes at most {MAX_BODY_BYTES} bytes.\n",
                );
                return Some((plain(413, text.get(lang)), false));
            }
            read_body(rest, length)?
        }
        _ => {
            let text = msg!(
                ja: "kyodo serve が応えるのは GET、HEAD と POST の要求だけです。\n",
                en: "kyodo serve answers only GET, HEAD and POST requests.\n",
            );
            return Some((plain(405, text.get(lang)), false));
        }
    };
    let from_here = sent_from_here(&origins, &fetch_sites, port);
    Some((handler(&Request { method, target, body, from_here }), head_only))
}

/// Reads a body of `length` bytes, `rest` of which came with the head, within
/// [`BODY_TIMEOUT`]; never more than `length`.
fn read_body_from(stream: &TcpStream, mut rest: Vec<u8>, length: usize) -> Option<Vec<u8>> {
    rest.truncate(length);
    let deadline = Instant::now() + BODY_TIMEOUT;
    let mut filled = rest.len();
    let mut body = rest;
    body.resize(length, 0);
    let mut reader = stream;
    while filled < length {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || reader.set_read_timeout(Some(left)).is_err() {
            return None;
        }
        match reader.read(&mut body[filled..]) {
            Ok(0) => return None,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        }
    }
    Some(body)
}

/// A short plain-text answer.
fn plain(status: u16, text: &str) -> Response {
    Response::new(status, "text/plain; charset=utf-8", text.as_bytes().to_vec())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        303 => "See Other",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// The status line and headers of a response whose body has `length` bytes.
fn head_bytes(r: &Response, length: usize) -> Vec<u8> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {length}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        r.status,
        reason(r.status),
        r.content_type
    );
    match r.status {
        405 => head.push_str("Allow: GET, HEAD, POST\r\n"),
        503 => head.push_str("Retry-After: 1\r\n"),
        _ => {}
    }
    for (name, value) in &r.headers {
        // Values are kyodo's own (a path, a policy); a line break would end the head.
        if !value.contains(['\r', '\n']) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// Reads one request from a connection, answers it and closes the connection.
fn serve_connection(mut stream: TcpStream, port: u16, lang: Lang, handler: &Handler) {
    let _ = stream.set_nodelay(true);
    let head = read_head(&mut &stream, |d| stream.set_read_timeout(Some(d)));
    let read_body = |rest, length| read_body_from(&stream, rest, length);
    let Some((response, head_only)) = answer(head, port, lang, handler, read_body) else { return };
    let body: &[u8] = if head_only { &[] } else { &response.body };
    if write_within(&mut stream, &head_bytes(&response, response.body.len()), body).is_ok() {
        linger(&mut stream);
    }
}

/// Writes the head and body, giving up when the client has not taken them in within
/// [`WRITE_TIMEOUT`].
fn write_within(stream: &mut TcpStream, head: &[u8], body: &[u8]) -> io::Result<()> {
    let deadline = Instant::now() + WRITE_TIMEOUT;
    for chunk in std::iter::once(head).chain(body.chunks(64 * 1024)) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        stream.write_all(chunk)?;
    }
    stream.flush()
}

/// Ends the connection gently: no more output, then a bounded wait for the client to
/// close, taking in (and dropping) whatever it still sends.
fn linger(stream: &mut TcpStream) {
    if stream.shutdown(Shutdown::Write).is_err() {
        return;
    }
    let deadline = Instant::now() + LINGER;
    let mut scratch = [0u8; 4096];
    let mut taken = 0;
    while taken < LINGER_BYTES {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut scratch) {
            Ok(0) | Err(_) => return,
            Ok(n) => taken += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(bytes: &[u8]) -> Head {
        read_head(&mut &bytes[..], |_| Ok(()))
    }

    #[test]
    fn only_this_server_is_a_host() {
        for ok in ["127.0.0.1:8000", "localhost:8000", "LocalHost:8000", "[::1]:8000", " localhost:8000 "] {
            assert!(host_allowed(ok.as_bytes(), 8000), "{ok}");
        }
        for bad in [
            "evil.example:8000",
            "127.0.0.1:8001",
            "127.0.0.1",
            "localhost",
            "[::1]",
            "127.0.0.1:08000",
            "127.0.0.1:+8000",
            "localhost.:8000",
            "127.0.0.2:8000",
            "[::1]8000",
            "[::1",
            "",
            "localhost:8000:8000",
            "evil.example:8000@localhost:8000",
            "localhost:8000\u{0}",
        ] {
            assert!(!host_allowed(bad.as_bytes(), 8000), "{bad}");
        }
        assert!(!host_allowed(b"\xff:8000", 8000));
        // Browsers leave out the default port.
        assert!(host_allowed(b"localhost", 80) && host_allowed(b"[::1]", 80) && host_allowed(b"127.0.0.1:80", 80));
    }

    #[test]
    fn heads_are_read_within_bounds() {
        assert_eq!(
            head(b"GET /ja/index.html?x=1 HTTP/1.1\r\nHost: localhost:8000\r\nAccept: */*\r\n\r\n"),
            Head::Request(Box::new(Parsed {
                method: "GET".into(),
                target: "/ja/index.html?x=1".into(),
                hosts: vec![b"localhost:8000".to_vec()],
                ..Parsed::default()
            }))
        );
        let post = b"POST /__kyodo/new HTTP/1.1\r\nHost: localhost:8000\r\nOrigin: http://localhost:8000\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 5\r\n\r\nid=1-";
        assert_eq!(
            head(post),
            Head::Request(Box::new(Parsed {
                method: "POST".into(),
                target: "/__kyodo/new".into(),
                hosts: vec![b"localhost:8000".to_vec()],
                origins: vec![b"http://localhost:8000".to_vec()],
                fetch_sites: vec![b"same-origin".to_vec()],
                lengths: vec![b"5".to_vec()],
                encoded: false,
                rest: b"id=1-".to_vec(),
            }))
        );
        assert_eq!(head(b"GET / HTTP/1.1\r\nHost: a\r\n"), Head::Gone, "closed before the end of the head");
        assert_eq!(head(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"), Head::Malformed);
        let endless: Vec<u8> =
            b"GET / HTTP/1.1\r\nX-A: ".iter().copied().chain(std::iter::repeat_n(b'a', 10 * MAX_HEAD_BYTES)).collect();
        assert_eq!(head(&endless), Head::TooLarge);
        let many: String = std::iter::once("GET / HTTP/1.1\r\n".to_owned())
            .chain((0..=MAX_HEADERS).map(|i| format!("X-{i}: 1\r\n")))
            .chain(["\r\n".to_owned()])
            .collect();
        assert!(many.len() < MAX_HEAD_BYTES);
        assert_eq!(head(many.as_bytes()), Head::TooLarge);
    }

    #[test]
    fn answers_refuse_what_is_not_a_preview_request() {
        let handler: &Handler = &|r: &Request| {
            let text = format!("{} {} {} {}", r.method, r.target, String::from_utf8_lossy(&r.body), r.from_here);
            Response::new(200, "text/plain", text.into_bytes())
        };
        let req = |method: &str, hosts: &[&str], headers: &[(&str, &str)], rest: &str| {
            let values = |name: &str| -> Vec<Vec<u8>> {
                headers.iter().filter(|(n, _)| *n == name).map(|(_, v)| v.as_bytes().to_vec()).collect()
            };
            Head::Request(Box::new(Parsed {
                method: method.into(),
                target: "/a".into(),
                hosts: hosts.iter().map(|h| h.as_bytes().to_vec()).collect(),
                origins: values("origin"),
                fetch_sites: values("sec-fetch-site"),
                lengths: values("content-length"),
                encoded: !values("transfer-encoding").is_empty(),
                rest: rest.as_bytes().to_vec(),
            }))
        };
        let body_reader = |rest: Vec<u8>, length: usize| {
            let mut b = rest;
            b.resize(length, b'x');
            Some(b)
        };
        let answered = |h: Head| answer(h, 8000, Lang::En, handler, body_reader);
        let status = |h: Head| answered(h).map(|(r, head_only)| (r.status, head_only));
        let body =
            |h: Head| answered(h).map(|(r, _)| String::from_utf8_lossy(&r.body).into_owned()).unwrap_or_default();
        assert_eq!(status(req("GET", &["localhost:8000"], &[], "")), Some((200, false)));
        assert_eq!(status(req("HEAD", &["localhost:8000"], &[], "")), Some((200, true)));
        assert_eq!(status(req("PUT", &["localhost:8000"], &[], "")), Some((405, false)));
        assert_eq!(status(req("POST", &["localhost:8000"], &[], "")), Some((411, false)), "no length");
        let chunked = [("transfer-encoding", "chunked"), ("content-length", "3")];
        assert_eq!(status(req("POST", &["localhost:8000"], &chunked, "")), Some((411, false)));
        let huge = (MAX_BODY_BYTES + 1).to_string();
        assert_eq!(status(req("POST", &["localhost:8000"], &[("content-length", &huge)], "")), Some((413, false)));
        assert_eq!(body(req("POST", &["localhost:8000"], &[("content-length", "4")], "ab")), "POST /a abxx true");
        assert_eq!(body(req("POST", &["localhost:8000"], &[("content-length", "2")], "abcdef")), "POST /a ab true");
        let cross = [("content-length", "0"), ("origin", "http://evil.example")];
        assert_eq!(body(req("POST", &["localhost:8000"], &cross, "")), "POST /a  false");
        assert_eq!(status(req("POST", &["evil.example:8000"], &[("content-length", "0")], "")), Some((421, false)));
        assert_eq!(status(req("GET", &["evil.example:8000"], &[], "")), Some((421, false)));
        assert_eq!(status(req("GET", &[], &[], "")), Some((421, false)), "no Host");
        assert_eq!(status(req("GET", &["localhost:8000", "evil.example"], &[], "")), Some((421, false)), "two Hosts");
        assert_eq!(status(Head::TooLarge), Some((431, false)));
        assert_eq!(status(Head::Malformed), Some((400, false)));
        assert_eq!(status(Head::Gone), None);
        for lang in Lang::ALL {
            let refused = answer(req("GET", &["evil.example:8000"], &[], ""), 8000, lang, handler, body_reader)
                .map(|(r, _)| String::from_utf8_lossy(&r.body).into_owned())
                .unwrap_or_default();
            assert!(refused.contains("http://127.0.0.1:8000/"), "{refused}");
        }
    }

    #[test]
    fn only_requests_from_this_server_are_from_here() {
        let from = |origins: &[&str], sites: &[&str]| {
            let o: Vec<Vec<u8>> = origins.iter().map(|v| v.as_bytes().to_vec()).collect();
            let s: Vec<Vec<u8>> = sites.iter().map(|v| v.as_bytes().to_vec()).collect();
            sent_from_here(&o, &s, 8000)
        };
        assert!(from(&["http://127.0.0.1:8000"], &["same-origin"]));
        assert!(from(&["http://localhost:8000"], &[]));
        assert!(from(&[], &[]), "a client that says nothing is left to the token");
        for origin in
            ["http://evil.example", "http://127.0.0.1:8001", "null", "https://127.0.0.1:8000", "http://127.0.0.1"]
        {
            assert!(!from(&[origin], &[]), "{origin}");
        }
        for site in ["cross-site", "same-site", "none"] {
            assert!(!from(&[], &[site]), "{site}");
        }
        assert!(!from(&["http://127.0.0.1:8000", "http://evil.example"], &[]), "two origins");
    }

    #[test]
    fn responses_say_their_length_and_close() {
        let r = plain(405, "no\n");
        let text = String::from_utf8(head_bytes(&r, r.body.len())).unwrap_or_default();
        assert!(text.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"), "{text}");
        assert!(
            text.contains("\r\nContent-Length: 3\r\n")
                && text.contains("\r\nConnection: close\r\n")
                && text.contains("\r\nAllow: GET, HEAD, POST\r\n")
        );
        let mut moved = Response::new(303, "text/plain", Vec::new());
        moved.headers.push(("Location", "/ja/projects/1-1-1.html".into()));
        moved.headers.push(("X-Bad", "a\r\nSet-Cookie: x".into()));
        let text = String::from_utf8(head_bytes(&moved, 0)).unwrap_or_default();
        assert!(text.contains("\r\nLocation: /ja/projects/1-1-1.html\r\n") && !text.contains("Set-Cookie"), "{text}");
        assert!(text.ends_with("\r\n\r\n"));
    }
}
