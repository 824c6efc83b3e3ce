//! The clerk's guide in Japanese (`docs/ja/*.md`) checked against the program, so that it
//! cannot drift from what kyodo does:
//!
//! - every `kyodo …` command line it quotes (lines of ```` ```bat ```` blocks, and inline
//!   code starting with `kyodo `) names a real subcommand, real options and the right number
//!   of arguments, as `kyodo <command> --help` lists them;
//! - every line of its ```` ```text ```` blocks, which hold what the program prints, is
//!   printed by the program: it occurs in a Japanese snapshot (`snapshots/*_ja*.snap`) or in
//!   the output of the commands the guide walks through, run here on the three-year fixture.
//!   Runs of digits count as one digit, since line numbers, counts and ports differ;
//! - every ```` ```toml ```` example parses;
//! - every relative link and image resolves to a file of the repository.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::support::{copy_dir, kyodo_command, repo};

/// What the checks read from one page of the guide.
#[derive(Default)]
struct Page {
    name: String,
    /// Fenced code blocks: the info string and the text.
    blocks: Vec<(String, String)>,
    inline_code: Vec<String>,
    /// Destinations of links and images.
    links: Vec<String>,
}

fn guide() -> Vec<Page> {
    let dir = repo().join("docs/ja");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("docs/ja exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "the guide has its pages: {files:?}");
    files.iter().map(|f| read_page(f)).collect()
}

fn read_page(file: &Path) -> Page {
    let text = std::fs::read_to_string(file).expect("the guide is UTF-8");
    let mut page = Page { name: file.file_name().unwrap().to_string_lossy().into_owned(), ..Page::default() };
    let mut block: Option<(String, String)> = None;
    for event in Parser::new(&text) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                block = Some((info.to_string(), String::new()))
            }
            Event::Text(t) if block.is_some() => block.as_mut().unwrap().1.push_str(&t),
            Event::End(TagEnd::CodeBlock) => page.blocks.extend(block.take()),
            Event::Code(code) => page.inline_code.push(code.to_string()),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                page.links.push(dest_url.to_string())
            }
            _ => {}
        }
    }
    page
}

/// The command lines a page quotes, each with whether it is a whole line to type (a line of
/// a ```` ```bat ```` block) or a command named in the text, whose arguments may be left out.
fn command_lines(page: &Page) -> Vec<(String, bool)> {
    let is_kyodo = |line: &str| {
        let first = line.split_whitespace().next().unwrap_or("");
        ["kyodo", "kyodo.exe", r".\kyodo.exe"].contains(&first) && line.split_whitespace().count() > 1
    };
    let in_blocks = page.blocks.iter().filter(|(info, _)| info == "bat").flat_map(|(_, text)| text.lines());
    let in_blocks = in_blocks.map(|l| (l, true));
    let in_text = page.inline_code.iter().map(|l| (l.as_str(), false));
    in_blocks
        .chain(in_text)
        .map(|(l, whole)| (l.trim(), whole))
        .filter(|(l, _)| is_kyodo(l))
        .map(|(l, whole)| (l.to_owned(), whole))
        .collect()
}

/// What `kyodo <path> --help` says a command takes.
#[derive(Debug)]
struct Usage {
    /// Long and short options, and whether each takes a value.
    options: BTreeMap<String, bool>,
    subcommands: Vec<String>,
    arguments: usize,
}

fn usage(path: &[String]) -> Usage {
    let out = kyodo_command().args(["--lang", "ja"]).args(path).arg("--help").output().expect("kyodo runs");
    assert!(out.status.success(), "kyodo {path:?} --help fails: {}", String::from_utf8_lossy(&out.stderr));
    let help = String::from_utf8(out.stdout).expect("help is UTF-8");
    let mut usage = Usage { options: BTreeMap::new(), subcommands: Vec::new(), arguments: 0 };
    let mut in_commands = false;
    for line in help.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("使い方:") {
            usage.arguments = rest.matches('<').count() - usize::from(rest.contains("<コマンド>"));
        } else if trimmed == "コマンド:" {
            in_commands = true;
        } else if trimmed.is_empty() {
            in_commands = false;
        } else if in_commands {
            usage.subcommands.extend(trimmed.split_whitespace().next().map(String::from));
        } else if trimmed.starts_with('-') {
            let words: Vec<&str> = trimmed.split_whitespace().collect();
            for (i, word) in words.iter().enumerate().take_while(|(_, w)| w.starts_with('-') || w.starts_with('<')) {
                if word.starts_with('-') && word.len() > 1 {
                    let takes_value = words.get(i + 1).is_some_and(|w| w.starts_with('<'));
                    usage.options.insert(word.trim_end_matches(',').to_owned(), takes_value);
                }
            }
        }
    }
    usage
}

/// Splits a command line into words, keeping "quoted words" whole.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let (mut word, mut quoted) = (String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => words.extend((!word.is_empty()).then(|| std::mem::take(&mut word))),
            c => word.push(c),
        }
    }
    words.extend((!word.is_empty()).then_some(word));
    words
}

/// Whether `line` is a command kyodo accepts (with all its arguments, if `whole`); the
/// reason if not.
fn check_command(line: &str, whole: bool) -> Result<(), String> {
    let all = words(line);
    let asks_help = all.iter().any(|w| w == "--help" || w == "-h");
    let (mut path, mut rest) = (Vec::<String>::new(), &all[1..]);
    'command: loop {
        let usage = usage(&path);
        let mut arguments = 0;
        let mut i = 0;
        while i < rest.len() {
            let word = &rest[i];
            if word.starts_with('-') {
                let name = word.split('=').next().unwrap_or(word);
                match usage.options.get(name) {
                    None => return Err(format!("`kyodo {}` has no option {name}", path.join(" "))),
                    Some(true) if !word.contains('=') => {
                        i += 1;
                        if i >= rest.len() {
                            return Err(format!("{name} needs a value"));
                        }
                    }
                    Some(_) => {}
                }
            } else if !usage.subcommands.is_empty() {
                if !usage.subcommands.contains(word) {
                    return Err(format!("`kyodo {}` has no command {word}", path.join(" ")));
                }
                path.push(word.clone());
                rest = &rest[i + 1..];
                continue 'command;
            } else {
                arguments += 1;
            }
            i += 1;
        }
        if asks_help {
            return Ok(());
        }
        if !usage.subcommands.is_empty() {
            return Err("no command given".into());
        }
        if arguments > usage.arguments || (whole && arguments != usage.arguments) {
            return Err(format!("{arguments} argument(s), `kyodo {}` takes {}", path.join(" "), usage.arguments));
        }
        return Ok(());
    }
}

#[test]
fn every_command_line_of_the_guide_is_one_kyodo_accepts() {
    let mut seen = Vec::new();
    let mut wrong = Vec::new();
    for page in guide() {
        for (line, whole) in command_lines(&page) {
            if let Err(why) = check_command(&line, whole) {
                wrong.push(format!("{}: {line}: {why}", page.name));
            }
            seen.push(line);
        }
    }
    assert!(wrong.is_empty(), "command lines kyodo does not accept:\n{}", wrong.join("\n"));
    for command in ["build", "check", "serve", "new project", "import", "export", "freeze", "schema"] {
        assert!(seen.iter().any(|l| l.starts_with(&format!("kyodo {command}"))), "the guide shows `kyodo {command}`");
    }
}

/// Runs of ASCII digits become one `0`.
fn digits_as_one(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_digits = false;
    for c in text.chars() {
        if !(c.is_ascii_digit() && in_digits) {
            out.push(if c.is_ascii_digit() { '0' } else { c });
        }
        in_digits = c.is_ascii_digit();
    }
    out
}

/// Everything the program says in Japanese that the tests pin, and what the commands the
/// guide walks through print on the three-year fixture.
fn what_kyodo_says() -> String {
    let mut said = String::new();
    for entry in std::fs::read_dir(repo().join("tests/testsuite/snapshots")).expect("snapshots") {
        let path = entry.expect("readable").path();
        if path.file_name().is_some_and(|n| n.to_string_lossy().contains("_ja")) {
            said.push_str(&std::fs::read_to_string(&path).expect("snapshot is UTF-8"));
        }
    }
    let site = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("tests/fixtures/years"), site.path());
    let runs: &[&[&str]] = &[
        &["check"],
        &["export", "報告.xlsx"],
        &["import", "報告.xlsx"],
        &["import", "報告.xlsx", "--force"],
        &["freeze", "R6", "--date", "2025-07-01"],
        &["build"],
    ];
    for args in runs {
        let out =
            kyodo_command().args(["--lang", "ja"]).args(*args).current_dir(site.path()).output().expect("kyodo runs");
        said.push_str(&String::from_utf8_lossy(&out.stdout));
        said.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    said.push_str(&serve_output(site.path()));
    // A site with an error: what import and the preview say then.
    let broken = site.path().join("content/projects/1-1-1.toml");
    let record = std::fs::read_to_string(&broken).expect("the record");
    std::fs::write(&broken, record.replacen("department = ", "department = \"nowhere\"\nx = ", 1)).expect("written");
    let import = kyodo_command().args(["--lang", "ja", "import", "報告.xlsx"]).current_dir(site.path()).output();
    said.push_str(&String::from_utf8_lossy(&import.expect("kyodo runs").stderr));
    said.push_str(&serve_on_a_taken_port(site.path()));
    said
}

/// What `kyodo serve` prints when its port is taken, after building the site.
fn serve_on_a_taken_port(site: &Path) -> String {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("its address").port().to_string();
    let busy =
        kyodo_command().args(["--lang", "ja", "serve", "--port", &port]).current_dir(site).output().expect("runs");
    String::from_utf8_lossy(&busy.stderr).into_owned()
}

/// What `kyodo serve` prints on starting.
fn serve_output(site: &Path) -> String {
    let mut said = String::new();
    let mut serve = kyodo_command()
        .args(["--lang", "ja", "serve", "--port", "0"])
        .current_dir(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("kyodo serve starts");
    let stdout = serve.stdout.take().expect("piped");
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        said.push_str(&line);
        said.push('\n');
        if line.contains("http://127.0.0.1:") {
            break;
        }
    }
    let _ = serve.kill();
    let _ = serve.wait();
    said
}

#[test]
fn every_message_the_guide_quotes_is_one_kyodo_prints() {
    let said = digits_as_one(&what_kyodo_says());
    let mut checked = 0;
    let mut unknown = Vec::new();
    for page in guide() {
        for (_, text) in page.blocks.iter().filter(|(info, _)| info == "text") {
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                checked += 1;
                if !said.contains(&digits_as_one(line)) {
                    unknown.push(format!("{}: {line}", page.name));
                }
            }
        }
    }
    assert!(checked >= 50, "the guide quotes the program's messages ({checked} lines)");
    assert!(unknown.is_empty(), "lines the program does not print:\n{}", unknown.join("\n"));
}

#[test]
fn every_toml_example_of_the_guide_parses() {
    for page in guide() {
        for (_, text) in page.blocks.iter().filter(|(info, _)| info == "toml") {
            if let Err(e) = text.parse::<toml::Table>() {
                panic!("{}: a TOML example does not parse: {e}\n{text}", page.name);
            }
        }
    }
}

/// Strict: the editor's screenshots (`docs/ja/images/editor-1280.png`, `editor-360.png`,
/// `editor-error.png`) must be in the repository too.
#[test]
fn every_link_and_image_of_the_guide_resolves() {
    let dir = repo().join("docs/ja");
    let mut missing = Vec::new();
    for page in guide() {
        for link in &page.links {
            let external = ["http://", "https://", "mailto:", "#"].iter().any(|p| link.starts_with(p));
            let file = link.split('#').next().unwrap_or(link);
            if !external && !dir.join(file).is_file() {
                missing.push(format!("{}: {link}", page.name));
            }
        }
    }
    assert!(missing.is_empty(), "links to files that do not exist:\n{}", missing.join("\n"));
}
