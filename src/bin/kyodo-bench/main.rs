//! `kyodo-bench`: synthetic sites for benchmarks, and the same content as a Hugo site.
//!
//! ```text
//! kyodo-bench generate --projects 10000 --out /tmp/site     a kyodo site root (--seed N
//!                                                           for other content)
//! kyodo-bench hugo --projects 10000 --out /tmp/hugo         the same pages as a Hugo site
//! kyodo-bench touch --root /tmp/site                        change one record (for rebuilds)
//! ```
//!
//! Texts are sentences from the shipped Tomisato records (bench/corpus.json), combined by a
//! fixed pseudo-random sequence, so every run generates the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod hugo;
use hugo::hugo;

#[derive(Parser)]
#[command(name = "kyodo-bench", about = "Synthetic sites for kyodo's benchmarks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a kyodo site root with N projects.
    Generate {
        #[arg(long)]
        projects: usize,
        #[arg(long)]
        out: PathBuf,
        /// Another sequence of sentences and values (the benchmarks use the default).
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
    },
    /// Write a Hugo site with the same pages, page sizes and template work.
    Hugo {
        #[arg(long)]
        projects: usize,
        #[arg(long)]
        out: PathBuf,
    },
    /// Time the live preview: a full build in memory, then the rebuild after one record
    /// changes (the first project's title), as `kyodo serve` does it.
    Rebuild {
        #[arg(long)]
        root: PathBuf,
    },
}

fn rebuild(root: &Path) -> Result<(), String> {
    let mut preview = kyodo::preview::Preview::new(root);
    let full = preview.rebuild(&[]).map_err(|d| d.render(kyodo::msg::Lang::En))?;
    let first = fs::read_dir(root.join("content/projects"))
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .min()
        .ok_or("no projects")?;
    let text = fs::read_to_string(&first).map_err(|e| e.to_string())?;
    let edited = text.replacen("title = { ja = \"", "title = { ja = \"改訂 ", 1);
    fs::write(&first, &edited).map_err(|e| e.to_string())?;
    let result = preview.rebuild(std::slice::from_ref(&first));
    fs::write(&first, &text).map_err(|e| e.to_string())?;
    let one = result.map_err(|d| d.render(kyodo::msg::Lang::En))?;
    println!("full build in memory: {} files in {} ms", full.rendered, full.millis);
    println!(
        "after one record changed: {} files in {} ms (incremental: {})",
        one.rendered, one.millis, one.incremental
    );
    Ok(())
}

/// Sentence pairs (Japanese, English) from the shipped records.
const CORPUS: &str = include_str!("../../../bench/corpus.json");

/// xorshift64*: small, fast, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A synthetic project, used by both generators.
struct Project {
    id: String,
    policy: String,
    department: usize,
    title: (String, String),
    issues: (String, String),
    direction: (String, String),
    plan: (String, String),
    related: Vec<String>,
    indicators: Vec<Indicator>,
    reports: Vec<Report>,
}

struct Indicator {
    name: (String, String),
    numeric: bool,
    baseline: u64,
    target: u64,
    actuals: Vec<(u32, u64)>,
    /// A text indicator's actual: whether it met the target, as the report states (`met`),
    /// or not stated.
    met: Option<bool>,
}

struct Report {
    year: u32,
    grade: char,
    partners: Vec<usize>,
    achievements: (String, String),
    effect: (String, String),
}

const GOALS: usize = 5;
const POLICIES_PER_GOAL: usize = 6;
const DEPARTMENTS: usize = 30;

fn paragraphs(rng: &mut Rng, corpus: &[(String, String)], n: usize, marker: &str) -> (String, String) {
    let mut ja = Vec::new();
    let mut en = Vec::new();
    for _ in 0..n {
        let (j, e) = &corpus[rng.below(corpus.len())];
        ja.push(format!("{marker}{}", j.trim_start_matches(['○', '■'])));
        en.push(format!("{marker} {}", e.trim_start_matches(['○', '■', ' '])));
    }
    (ja.join("\n\n"), en.join("\n\n"))
}

/// The seed of the benchmarks' content.
const DEFAULT_SEED: u64 = 0x6b79_6f64_6f21;

fn projects(n: usize, seed: u64) -> Vec<Project> {
    let corpus: Vec<(String, String)> = serde_json::from_str(CORPUS).expect("bench/corpus.json is valid");
    // xorshift needs a seed other than 0.
    let mut rng = Rng(if seed == 0 { DEFAULT_SEED } else { seed });
    let ids: Vec<String> = (0..n).map(|i| format!("p{:06}", i + 1)).collect();
    (0..n)
        .map(|i| {
            let policy = format!("{}-{}", i % GOALS + 1, (i / GOALS) % POLICIES_PER_GOAL + 1);
            let (tj, te) = &corpus[rng.below(corpus.len())];
            let title = (
                format!("{}（{}）", tj.chars().take(24).collect::<String>().trim_start_matches(['○', '■']), i + 1),
                format!(
                    "{} ({})",
                    te.split(&[',', '.'][..]).next().unwrap_or(te).trim_start_matches(['○', '■', ' ']),
                    i + 1
                ),
            );
            let related = (0..rng.below(4)).map(|_| ids[rng.below(n)].clone()).filter(|r| *r != ids[i]).collect();
            let indicators = (0..1 + rng.below(3))
                .map(|k| {
                    let (nj, ne) = &corpus[rng.below(corpus.len())];
                    let baseline = rng.below(200) as u64;
                    Indicator {
                        name: (
                            format!("指標{}：{}", k + 1, nj.chars().take(16).collect::<String>()),
                            format!("Indicator {}: {}", k + 1, ne.chars().take(30).collect::<String>()),
                        ),
                        numeric: rng.below(5) != 0,
                        // Drawn from the baseline rather than the generator, so that a seed
                        // makes the same projects as before `met` was added.
                        met: [None, Some(true), Some(false)][baseline as usize % 3],
                        baseline,
                        target: baseline + 10 + rng.below(200) as u64,
                        actuals: (2021..=2023).map(|y| (y, baseline + rng.below(250) as u64)).collect(),
                    }
                })
                .collect();
            let reports = (2021..=2023)
                .map(|year| Report {
                    year,
                    grade: ['A', 'B', 'C', 'D', 'E'][rng.below(5)],
                    partners: (0..rng.below(4)).map(|_| 1 + rng.below(7)).collect(),
                    achievements: paragraphs(&mut rng, &corpus, 3, "■"),
                    effect: paragraphs(&mut rng, &corpus, 1, ""),
                })
                .collect();
            Project {
                id: ids[i].clone(),
                policy,
                department: rng.below(DEPARTMENTS),
                title,
                issues: paragraphs(&mut rng, &corpus, 1, ""),
                direction: paragraphs(&mut rng, &corpus, 1, ""),
                plan: paragraphs(&mut rng, &corpus, 3, "○"),
                related,
                indicators,
                reports,
            }
        })
        .collect()
}

fn q(s: &str) -> String {
    kyodo::record_writer::string(s)
}

fn text(t: &(String, String)) -> String {
    format!("{{ ja = {}, en = {} }}", q(&t.0), q(&t.1))
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

fn generate(n: usize, out: &Path, seed: u64) -> Result<(), String> {
    write(
        &out.join("content/site.toml"),
        "title = { ja = \"ベンチマーク市 協働のまちづくり推進計画 進捗状況\", en = \"Benchmark City: collaborative town-building plan progress\" }\nbase_url = \"https://www.city.example.lg.jp/kyodo/\"\nreported_years = [\"R5\"]\nupdated = \"2024-06-30\"\n\n[municipality]\ncode = \"122360\"\nname = { ja = \"ベンチマーク市\", en = \"Benchmark City\" }\n\n[plan]\nname = { ja = \"協働のまちづくり推進計画\", en = \"Collaborative town-building plan\" }\nstart = \"R4\"\nend = \"R8\"\n\n[licence]\nid = \"CC-BY-4.0\"\nattribution = { ja = \"出典：ベンチマーク市\", en = \"Source: Benchmark City\" }\n\n[publisher]\nname = { ja = \"ベンチマーク市 市民活動推進課\", en = \"Benchmark City, Civic Activity Division\" }\n",
    )?;
    write(&out.join("content/vocabulary.toml"), &vocabulary())?;
    for p in projects(n, seed) {
        write(&out.join("content/projects").join(format!("{}.toml", p.id)), &project_record(&p))?;
    }
    Ok(())
}

/// `vocabulary.toml`: departments, goals and policies, grades A–E, partners ①–⑦, statuses.
fn vocabulary() -> String {
    let mut v = String::new();
    for d in 0..DEPARTMENTS {
        let _ = write!(
            v,
            "[[departments]]\nid = \"d{d}\"\nname = {{ ja = \"第{}課\", en = \"Division {}\" }}\n\n",
            d + 1,
            d + 1
        );
    }
    for g in 1..=GOALS {
        let _ = write!(
            v,
            "[[goals]]\nid = \"{g}\"\ncode = \"{g}\"\ntitle = {{ ja = \"基本目標{g}\", en = \"Basic goal {g}\" }}\n\n"
        );
        for p in 1..=POLICIES_PER_GOAL {
            let _ = write!(
                v,
                "[[goals.policies]]\nid = \"{g}-{p}\"\ncode = \"{g}-({p})\"\ntitle = {{ ja = \"施策{g}-{p}\", en = \"Policy {g}-{p}\" }}\n\n"
            );
        }
    }
    for (i, g) in ['A', 'B', 'C', 'D', 'E'].iter().enumerate() {
        let _ = write!(
            v,
            "[[grades]]\nid = \"{}\"\nlabel = \"{g}\"\ndefinition = {{ ja = \"評価{g}\", en = \"Grade {g}\" }}\n\n",
            g.to_ascii_lowercase()
        );
        let _ = i;
    }
    for p in 1..=7 {
        let label = char::from_u32(0x2460 + p - 1).unwrap_or('?');
        let _ = write!(
            v,
            "[[partners]]\nid = \"{p}\"\nlabel = \"{label}\"\nname = {{ ja = \"相手{p}\", en = \"Partner {p}\" }}\n\n"
        );
    }
    for (id, ja, en) in
        [("implement", "実施", "Implement"), ("continue", "→", "→"), ("review", "見直し・実施", "Review and implement")]
    {
        let _ = write!(v, "[[statuses]]\nid = \"{id}\"\nlabel = {{ ja = \"{ja}\", en = \"{en}\" }}\n\n");
    }
    v
}

/// The record of one generated project.
fn project_record(p: &Project) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "id = \"{}\"\ncode = \"{}\"\npolicy = \"{}\"\ntitle = {}\ndepartment = \"d{}\"",
        p.id,
        p.id,
        p.policy,
        text(&p.title),
        p.department
    );
    let _ = writeln!(
        t,
        "issues = {}\ndirection = {}\nplan_content = {}",
        text(&p.issues),
        text(&p.direction),
        text(&p.plan)
    );
    let _ = writeln!(
        t,
        "audience = {{ ja = \"市民・市民活動団体\", en = \"Residents, civic groups\" }}\nimplementer = {{ ja = \"市\", en = \"The city\" }}"
    );
    let _ = writeln!(t, "related = [{}]", p.related.iter().map(|r| format!("\"{r}\"")).collect::<Vec<_>>().join(", "));
    let _ = writeln!(
        t,
        "\n[[schedule]]\nyears = {{ R4 = \"implement\", R5 = \"continue\", R6 = \"continue\", R7 = \"review\", R8 = \"implement\" }}"
    );
    for (k, ind) in p.indicators.iter().enumerate() {
        let _ = writeln!(t, "\n[[indicators]]\nid = \"i{}\"\nname = {}", k + 1, text(&ind.name));
        if ind.numeric {
            let _ = writeln!(
                t,
                "unit = {{ ja = \"件\", en = \"cases\" }}\ndirection = \"increase\"\nbaseline = {{ year = \"R2\", value = {} }}\ntarget = {{ year = \"R8\", value = {} }}",
                ind.baseline, ind.target
            );
            let _ = writeln!(
                t,
                "actuals = [{}]",
                ind.actuals
                    .iter()
                    .map(|(y, a)| format!("{{ year = {y}, value = {a} }}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        } else {
            let met = ind.met.map(|m| format!(", met = {m}")).unwrap_or_default();
            let _ = writeln!(
                t,
                "baseline = {{ year = \"R2\", text = {{ ja = \"未実施\", en = \"Not implemented\" }} }}\ntarget = {{ year = \"R8\", text = {{ ja = \"充実\", en = \"Enhanced\" }} }}\nactuals = [{{ year = \"R5\", text = {{ ja = \"実施\", en = \"Implemented\" }}{met} }}]"
            );
        }
    }
    for r in &p.reports {
        let _ = writeln!(
            t,
            "\n[[reports]]\nyear = {}\ngrade = \"{}\"\npartners = [{}]",
            r.year,
            r.grade.to_ascii_lowercase(),
            r.partners.iter().map(|x| format!("\"{x}\"")).collect::<Vec<_>>().join(", ")
        );
        let _ = writeln!(t, "achievements = {}\neffect = {}", text(&r.achievements), text(&r.effect));
    }
    t
}

/// The Hugo templates: the same structure and fields as kyodo's project page (indicator
/// tables, yearly reports, related projects, department link), the home page, list pages
/// and taxonomy pages for departments and policies.
fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Generate { projects, out, seed } => generate(projects, &out, seed),
        Command::Hugo { projects, out } => hugo(projects, &out),
        Command::Rebuild { root } => rebuild(&root),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
