//! `kyodo build`: load, check, render, and write the site atomically.

use std::path::PathBuf;
use std::process::ExitCode;

use kyodo::msg;
use kyodo::msg::{Lang, Msg};

use super::say::{self, lang, tr};

/// Options of `kyodo build`.
#[derive(clap::Args)]
pub struct Args {
    #[arg(
        long,
        value_name = tr(msg!(ja: "フォルダー", en: "DIR")),
        default_value = ".",
        help = tr(msg!(
            ja: "サイトのルート: content/（と、あれば themes/）があるフォルダー",
            en: "The site root: the folder that holds content/ (and optionally themes/)",
        ))
    )]
    root: PathBuf,
    #[arg(
        long,
        value_name = tr(msg!(ja: "フォルダー", en: "DIR")),
        help = tr(msg!(
            ja: "サイトの書き出し先。省略時はサイトのルートの中の public/ です。書き出し先のフォルダーを置き換えるのは、作成がすべて成功したときだけで、しかもそのフォルダーが新しいか、空か、kyodo が書き出したもの（.kyodo-build ファイルがある）ときだけです",
            en: "Where to write the site. Defaults to public/ inside the site root. The folder is replaced only when the whole build succeeded, and only if it is new, empty or was written by kyodo (it holds a .kyodo-build file)",
        ))
    )]
    out: Option<PathBuf>,
    #[arg(
        long,
        help = tr(msg!(
            ja: "kyodo が書き出したものでなくても、書き出し先のフォルダーを置き換えます（中身はすべて削除されます）。サイトのルート、content/、themes/ は、--force を付けても置き換えません",
            en: "Replace the output folder even if kyodo did not write it, deleting everything in it. The site root, content/ and themes/ are never replaced, even with --force",
        ))
    )]
    force: bool,
    #[arg(
        long,
        help = tr(msg!(
            ja: "警告（英訳がない、報告する年度の実績値がない指標など）もエラーとして扱い、一つでもあれば何も作成しません",
            en: "Treat warnings (missing English, indicators without an actual value for the reported year) as errors: build nothing if there are any",
        ))
    )]
    strict: bool,
    #[arg(
        long,
        help = tr(msg!(
            ja: "作成の各段階（読み込み、準備、事業、データ、検索、ページ、ファイル、確定）にかかった時間と、その後のメモリの使用量（OS が示す場合）を表示します",
            en: "Print how long each stage of the build took (load, prepare, projects, data, search, pages, files, commit), and the memory in use after it where the system reports it",
        ))
    )]
    timings: bool,
}

/// A progress bar on a terminal (nothing otherwise), and stage times with `--timings`.
struct Bar {
    bar: indicatif::ProgressBar,
    timings: Option<std::sync::Mutex<std::time::Instant>>,
}

impl kyodo::Progress for Bar {
    fn start(&self, pages: usize) {
        self.bar.set_length(pages as u64);
    }
    fn tick(&self) {
        self.bar.inc(1);
    }
    fn stage(&self, stage: kyodo::Stage) {
        if let Some(Ok(mut since)) = self.timings.as_ref().map(|t| t.lock()) {
            let line = timing_line(stage, since.elapsed().as_millis(), memory_in_use());
            self.bar.suspend(|| eprintln!("{}", line.get(lang())));
            *since = std::time::Instant::now();
        }
    }
}

/// One line of `--timings`: the stage, its time and the memory in use after it.
fn timing_line(stage: kyodo::Stage, ms: u128, memory: Option<(u64, u64)>) -> Msg {
    // Japanese names are two columns a character wide: padded to the width of the longest.
    let name_ja = stage.label().get(Lang::Ja).to_owned();
    let pad_ja = " ".repeat(8usize.saturating_sub(2 * name_ja.chars().count()));
    let name_en = stage.name();
    let memory = match memory {
        Some((now, peak)) => msg!(
            ja: "  メモリ {now:>5} MiB、最大 {peak:>5} MiB",
            en: "  memory {now:>5} MiB, peak {peak:>5} MiB",
        ),
        None => msg!(ja: "", en: ""),
    };
    msg!(
        ja: "{pad_ja}{name_ja}: {ms:>6} ミリ秒{memory}",
        en: "{name_en:>8}: {ms:>6} ms{memory}",
        memory = memory,
    )
}

/// Resident memory now and at its peak, in MiB, where the system reports it (Linux).
fn memory_in_use() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kib: u64 = line[name.len()..].trim().trim_end_matches("kB").trim().parse().ok()?;
        Some(kib / 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

pub fn run(args: Args) -> ExitCode {
    use kyodo::Failure;
    use std::io::IsTerminal;
    let out = args.out.unwrap_or_else(|| args.root.join("public"));
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template(kyodo::pipeline::progress_template().get(lang())) {
            b.set_style(style);
        }
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let progress =
        Bar { bar: bar.clone(), timings: args.timings.then(|| std::sync::Mutex::new(std::time::Instant::now())) };
    let shown = out.display();
    let unchanged = msg!(
        ja: "何も書き出していません。{shown} は元のままです。",
        en: "nothing was written; {shown} is unchanged",
    );
    let dest = match kyodo::output::destination::Destination::check(&args.root, &out, args.force) {
        Ok(dest) => dest,
        Err(refusal) => {
            say::say(
                &msg!(ja: "{r}\n{unchanged}", en: "{r}\n{unchanged}", r = refusal.message(), unchanged = &unchanged),
            );
            return ExitCode::FAILURE;
        }
    };
    match kyodo::build_to_folder(&args.root, &dest, args.strict, &progress) {
        Ok(built) => {
            bar.finish_and_clear();
            if !built.warnings.0.is_empty() {
                say::diagnostics(&built.warnings);
            }
            let files = built.files;
            say::say(
                &msg!(ja: "{shown} に {files} 個のファイルを作成しました。", en: "built {files} files into {shown}"),
            );
            ExitCode::SUCCESS
        }
        Err(failure) => {
            bar.finish_and_clear();
            let l = lang();
            match failure {
                Failure::Invalid(d) | Failure::Render(d) => eprintln!("{}\n{}", d.render(l), unchanged.get(l)),
                Failure::Strict(d) => {
                    let strict = msg!(
                        ja: "--strict を付けているため、警告もエラーとして扱いました。{unchanged}",
                        en: "--strict: warnings count as errors; {unchanged}",
                        unchanged = &unchanged,
                    );
                    eprintln!("{}\n{}", d.render(l), strict.get(l));
                }
                Failure::Write(e) => {
                    let help = msg!(
                        ja: "フォルダーに書き込めること、ディスクがいっぱいでないことを確かめてください。{unchanged}",
                        en: "check that the folder is writable and the disk is not full; {unchanged}",
                        unchanged = &unchanged,
                    );
                    say::error(&e.message(), Some(&help));
                }
                Failure::Refused(r) => eprintln!("{}\n{}", r.message().get(l), unchanged.get(l)),
            }
            ExitCode::FAILURE
        }
    }
}
