//! The command line in Japanese and in English, through the real binary: the help, a
//! failing check, a build's summary, and how the language is chosen (`--lang`,
//! `KYODO_LANG`, the locale). Error messages of every class are pinned in both languages
//! by `errors`, `output_folder` and `import_export`.

use std::path::Path;
use std::process::{Command, Output};

use kyodo::msg::Lang;

use crate::support::{TestSite, fixture, kyodo_command};

/// Runs `kyodo` with `args` in a clean environment: no language variable but `env`.
fn run_with(env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kyodo"));
    for var in ["KYODO_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(var);
    }
    command.envs(env.iter().copied()).args(args).output().expect("kyodo runs")
}

fn stdout(run: &Output) -> String {
    String::from_utf8_lossy(&run.stdout).into_owned()
}

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// Runs `kyodo` in `lang` (by `--lang`) with `args` on the site at `root`.
fn kyodo_in(lang: &str, args: &[&str], root: &Path) -> Output {
    kyodo_command().args(["--lang", lang]).args(args).arg("--root").arg(root).output().expect("kyodo runs")
}

#[test]
fn the_help_is_in_the_chosen_language() {
    for lang in ["ja", "en"] {
        let main = run_with(&[], &["--lang", lang, "--help"]);
        assert!(main.status.success(), "{}", stderr(&main));
        insta::assert_snapshot!(format!("help_{lang}"), stdout(&main));
        let build = run_with(&[], &["--lang", lang, "build", "--help"]);
        insta::assert_snapshot!(format!("help_build_{lang}"), stdout(&build));
    }
}

/// Every command's help, in Japanese, holds none of clap's English words: headings,
/// default values and the help of `--help`, `--version` and `help` are in Japanese too.
#[test]
fn every_help_in_japanese_is_all_japanese() {
    let commands: &[&[&str]] = &[
        &["--help"],
        &["build", "--help"],
        &["check", "--help"],
        &["serve", "--help"],
        &["schema", "--help"],
        &["new", "--help"],
        &["new", "project", "--help"],
        &["import", "--help"],
        &["export", "--help"],
        &["freeze", "--help"],
        &["help"],
        &["help", "new"],
    ];
    for command in commands {
        let run = run_with(&[], &[&["--lang", "ja"], *command].concat());
        let help = stdout(&run);
        assert!(run.status.success() && help.contains("使い方:"), "{command:?}: {help}");
        for english in ["Usage", "Options", "Arguments", "Commands", "Print", "[default", "[possible", "Possible"] {
            assert!(!help.contains(english), "{command:?} has {english:?}:\n{help}");
        }
        // Each line that describes an option or a command says it in Japanese. (Where an
        // option's values are explained, clap puts each option and its help on lines of
        // their own: a line of only the option, `      --force`, says nothing.)
        let only_an_option = |l: &str| l.split_whitespace().all(|w| w.starts_with('-') || w.starts_with('<'));
        for line in help.lines().filter(|l| l.starts_with("  ") && !only_an_option(l)) {
            assert!(line.chars().any(|c| c > '\u{3000}'), "{command:?}: {line:?} is not in Japanese");
        }
    }
}

#[test]
fn the_flag_then_kyodo_lang_then_the_locale_choose_the_language() {
    let japanese = stdout(&run_with(&[], &["--lang", "ja", "--help"]));
    let english = stdout(&run_with(&[], &["--lang", "en", "--help"]));
    assert_ne!(japanese, english);
    // (environment, arguments, the help expected)
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str], &'a str);
    let cases: &[Case] = &[
        (&[], &["--help"], &english),
        (&[("LANG", "C.UTF-8")], &["--help"], &english),
        (&[("LANG", "ja_JP.UTF-8")], &["--help"], &japanese),
        (&[("LC_ALL", "ja_JP.UTF-8"), ("LANG", "en_US.UTF-8")], &["--help"], &japanese),
        (&[("KYODO_LANG", "ja")], &["--help"], &japanese),
        (&[("KYODO_LANG", "en"), ("LANG", "ja_JP.UTF-8")], &["--help"], &english),
        (&[("KYODO_LANG", "ja")], &["--lang", "en", "--help"], &english),
        (&[("LANG", "ja_JP.UTF-8")], &["build", "--help", "--lang=en"], &stdout(&run_with(&[], &["build", "--help"]))),
    ];
    for (env, args, expected) in cases {
        assert_eq!(&stdout(&run_with(env, args)), expected, "{env:?} {args:?}");
    }
}

#[test]
fn a_language_that_is_not_ja_or_en_is_refused_or_named() {
    let run = run_with(&[], &["--lang", "fr", "--help"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("invalid value 'fr' for '--lang <LANG>'"), "{}", stderr(&run));
    let run = run_with(&[("LANG", "ja_JP.UTF-8")], &["--lang", "fr", "check"]);
    assert!(
        stderr(&run)
            .starts_with("エラー: --lang <言語> には次のどれかを指定してください: ja, en。「fr」は指定できません。"),
        "{}",
        stderr(&run)
    );
    let run = run_with(&[("KYODO_LANG", "fr")], &["--help"]);
    assert!(run.status.success());
    assert_eq!(
        stderr(&run),
        "warning: KYODO_LANG=\"fr\" is neither ja nor en, and was ignored\n",
        "the rest in the language of the locale"
    );
}

#[test]
fn usage_errors_are_in_japanese_with_the_fix() {
    let run = run_with(&[("KYODO_LANG", "ja")], &["buld"]);
    assert_eq!(run.status.code(), Some(2));
    insta::assert_snapshot!("usage_error_ja", stderr(&run));
    let run = run_with(&[("KYODO_LANG", "ja")], &["build", "--stirct"]);
    assert!(
        stderr(&run).starts_with(
            "エラー: 「--stirct」というオプションはありません。「--strict」の書き間違いではありませんか。"
        ),
        "{}",
        stderr(&run)
    );
}

#[test]
fn a_failing_check_in_both_languages() {
    let site = TestSite::fixture();
    site.edit(
        "content/projects/1-1-1.toml",
        "target = { year = \"R8\", value = 1500 }",
        "target = { year = \"R8\", value = \"1500件\" }",
    );
    for lang in ["ja", "en"] {
        let run = kyodo_in(lang, &["check"], site.path());
        assert!(!run.status.success());
        insta::assert_snapshot!(format!("check_fails_{lang}"), stderr(&run));
    }
}

#[test]
fn a_build_says_what_it_wrote_in_both_languages() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let public = public.to_str().unwrap();
    let files = kyodo::build(&fixture()).map(|(o, _)| o.files.len()).unwrap_or_default();
    let en = kyodo_in("en", &["build", "--out", public], &fixture());
    assert!(stderr(&en).ends_with(&format!("built {files} files into {public}\n")), "{}", stderr(&en));
    let ja = kyodo_in("ja", &["build", "--out", public], &fixture());
    assert!(stderr(&ja).ends_with(&format!("{public} に {files} 個のファイルを作成しました。\n")), "{}", stderr(&ja));
    // The warnings before it are in Japanese too.
    assert!(stderr(&ja).starts_with("警告: content/projects/1-2-1.toml\n  直し方: "), "{}", stderr(&ja));
    let strict = kyodo_in("ja", &["build", "--strict", "--out", public], &fixture());
    assert!(
        stderr(&strict).ends_with(&format!(
            "--strict を付けているため、警告もエラーとして扱いました。何も書き出していません。{public} は元のままです。\n"
        )),
        "{}",
        stderr(&strict)
    );
}

#[test]
fn progress_summary_and_timings_exist_in_both_languages() {
    let template = kyodo::pipeline::progress_template();
    for lang in Lang::ALL {
        let t = template.get(lang);
        assert!(t.contains("{bar:40}") && t.contains("{pos}/{len}"), "{t}");
        assert!(indicatif::ProgressStyle::with_template(t).is_ok(), "{t}");
    }
    assert!(template.get(Lang::Ja).contains("ページ") && template.get(Lang::En).contains("pages"));
    let stages = [
        kyodo::Stage::Load,
        kyodo::Stage::Prepare,
        kyodo::Stage::Projects,
        kyodo::Stage::Data,
        kyodo::Stage::Search,
        kyodo::Stage::Pages,
        kyodo::Stage::Files,
        kyodo::Stage::Commit,
    ];
    for stage in stages {
        let label = stage.label();
        assert_eq!(label.get(Lang::En), stage.name());
        assert!(label.get(Lang::Ja).chars().all(|c| c > '\u{3000}'), "{label:?}");
    }
    let site = TestSite::fixture();
    let timings = stderr(&kyodo_in("ja", &["build", "--timings"], site.path()));
    assert!(timings.contains("読み込み: ") && timings.contains(" ミリ秒"), "{timings}");
    let none = kyodo::Diagnostics::default().summary();
    assert_eq!((none.get(Lang::Ja), none.get(Lang::En)), ("問題は見つかりませんでした。", "no problems found"));
}

#[test]
fn the_preview_overlay_and_terminal_follow_the_language() {
    let site = TestSite::fixture();
    site.edit("content/projects/1-1-1.toml", "department = \"shimin\"", "department = \"nope\"");
    let diags = site.diagnostics();
    let overlay = kyodo::serve::overlay(&diags, Lang::Ja);
    assert!(overlay.starts_with("kyodo: 直前の変更では、サイトを作成できませんでした。"), "{overlay}");
    assert!(overlay.contains("課のID \"nope\" が見つかりません。"), "{overlay}");
    let overlay = kyodo::serve::overlay(&diags, Lang::En);
    assert!(overlay.starts_with("kyodo: the last change does not build"), "{overlay}");
}

/// A string literal at the start of `text` (after spaces), and what follows it.
fn literal(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start().strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some((&text[..i], &text[i + 1..])),
            _ => {}
        }
    }
    None
}

/// The `msg!(ja: "…", en: "…"` invocations of `src/` outside unit tests: (file and line,
/// Japanese, English), as written (escapes not undone).
fn messages_in_source() -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|e| e != "rs") || entry.file_name() == "tests.rs" {
            continue;
        }
        // Unit tests make messages of their own, in any words.
        let whole = std::fs::read_to_string(entry.path()).expect("readable source");
        let text = whole.split("#[cfg(test)]").next().unwrap_or("");
        for (at, _) in text.match_indices("msg!(") {
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            if text[line_start..at].trim_start().starts_with("//") {
                continue;
            }
            let rest = &text[at + "msg!(".len()..];
            let Some(rest) = rest.trim_start().strip_prefix("ja:") else { continue };
            let where_ = format!("{}:{}", entry.path().display(), text[..at].matches('\n').count() + 1);
            let (ja, rest) = literal(rest).unwrap_or_else(|| panic!("{where_}: ja: takes a literal"));
            let rest = rest.trim_start().strip_prefix(',').and_then(|r| r.trim_start().strip_prefix("en:"));
            let (en, _) = rest.and_then(literal).unwrap_or_else(|| panic!("{where_}: en: follows ja:"));
            found.push((where_, ja.to_owned(), en.to_owned()));
        }
    }
    found
}

/// Messages are split at their first line break into what was found and what to do, in
/// each language: both languages must have the same parts. (Messages laid out for the
/// terminal already, with the Japanese 直し方 on a line of its own, are not split.)
#[test]
fn every_message_has_the_same_parts_in_both_languages() {
    let messages = messages_in_source();
    assert!(messages.len() > 300, "{} messages found: the scanner is broken", messages.len());
    for (at, ja, en) in &messages {
        // A message either says something in Japanese or only puts pieces together
        // (`"{key}"`, `"{name}: {e}"`, `"{ja}"`): no word of its own outside `{…}`.
        let has_japanese = ja.chars().any(|c| c > '\u{3000}');
        let unescaped = ja.replace("\\n", " ");
        let own_words = unescaped
            .split('{')
            .map(|part| part.split_once('}').map_or(part, |(_, after)| after))
            .any(|text| text.chars().any(|c| c.is_ascii_alphabetic()));
        assert!(has_japanese || !own_words, "{at}: the Japanese is not Japanese: {ja:?}");
        if !ja.contains("直し方: ") {
            assert_eq!(ja.matches("\\n").count(), en.matches("\\n").count(), "{at}: {ja:?} / {en:?}");
        }
    }
}
