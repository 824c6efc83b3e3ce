//! `kyodo build`: load, check, render, and write the site atomically.

use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `kyodo build`.
#[derive(clap::Args)]
pub struct Args {
    /// The site root: the folder that holds content/ (and optionally themes/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where to write the site. Defaults to public/ inside the site root. The folder is
    /// replaced only when the whole build succeeded, and only if it is new, empty or was
    /// written by kyodo (it holds a .kyodo-build file).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Replace the output folder even if kyodo did not write it, deleting everything in
    /// it. The site root, content/ and themes/ are never replaced, even with --force.
    #[arg(long)]
    force: bool,
    /// Treat warnings (missing English, indicators without an actual value for the
    /// reported year) as errors: build nothing if there are any.
    #[arg(long)]
    strict: bool,
    /// Print how long each stage of the build took (load, prepare, projects, data, search,
    /// pages, files, commit), and the memory in use after it where the system reports it.
    #[arg(long)]
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
            let memory = memory_in_use()
                .map(|(now, peak)| format!("  memory {now:>5} MiB, peak {peak:>5} MiB"))
                .unwrap_or_default();
            self.bar.suspend(|| eprintln!("{:>8}: {:>6} ms{memory}", stage.name(), since.elapsed().as_millis()));
            *since = std::time::Instant::now();
        }
    }
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
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed}") {
            b.set_style(style);
        }
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let progress =
        Bar { bar: bar.clone(), timings: args.timings.then(|| std::sync::Mutex::new(std::time::Instant::now())) };
    let unchanged = format!("nothing was written; {} is unchanged", out.display());
    let dest = match kyodo::output::destination::Destination::check(&args.root, &out, args.force) {
        Ok(dest) => dest,
        Err(refusal) => {
            eprintln!("{refusal}\n{unchanged}");
            return ExitCode::FAILURE;
        }
    };
    match kyodo::build_to_folder(&args.root, &dest, args.strict, &progress) {
        Ok(built) => {
            bar.finish_and_clear();
            if !built.warnings.0.is_empty() {
                eprintln!("{}", built.warnings);
            }
            eprintln!("built {} files into {}", built.files, out.display());
            ExitCode::SUCCESS
        }
        Err(failure) => {
            bar.finish_and_clear();
            match failure {
                Failure::Invalid(d) | Failure::Render(d) => eprintln!("{d}\n{unchanged}"),
                Failure::Strict(d) => eprintln!("{d}\n--strict: warnings count as errors; {unchanged}"),
                Failure::Write(e) => eprintln!(
                    "error: {e}\n  = help: check that the folder is writable and the disk is not full; {unchanged}"
                ),
                Failure::Refused(r) => eprintln!("{r}\n{unchanged}"),
            }
            ExitCode::FAILURE
        }
    }
}
