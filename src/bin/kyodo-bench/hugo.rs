//! The same synthetic site as a Hugo site, for the benchmark against Hugo: the same
//! projects, as Markdown pages with front matter, and templates that show what kyodo's
//! pages show.

use std::fmt::Write as _;
use std::path::Path;

use super::{DEFAULT_SEED, Project, projects, write};

const HUGO_BASEOF: &str = r##"<!DOCTYPE html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }} | {{ .Site.Title }}</title><meta name="description" content="{{ .Summary | plainify | truncate 120 }}">{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ end }}<link rel="stylesheet" href="/style.css"><meta property="og:type" content="website"><meta property="og:title" content="{{ .Title }}"><meta property="og:site_name" content="{{ .Site.Title }}"></head><body><a class="skip-link" href="#main">skip</a><header class="site-header"><p class="site-title"><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></p><nav aria-label="Language" class="language-switcher"><ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav><nav aria-label="Site" class="site-nav"><ul><li><a href="{{ .Site.Home.RelPermalink }}">Home</a></li><li><a href="{{ "projects/" | relLangURL }}">Projects</a></li><li><a href="{{ "departments/" | relLangURL }}">Departments</a></li><li><a href="{{ "policies/" | relLangURL }}">Policies</a></li></ul></nav></header><main id="main">{{ block "main" . }}{{ end }}</main><footer class="site-footer"><p>Published by Benchmark City</p><p>{{ .Site.Params.attribution }}</p></footer></body></html>"##;

const HUGO_SINGLE: &str = r##"{{ define "main" }}<h1><span>{{ .Params.code }}</span> {{ .Title }}</h1><dl><dt>Department</dt><dd>{{ range .GetTerms "departments" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd><dt>Audience</dt><dd>{{ .Params.audience }}</dd><dt>Implementer</dt><dd>{{ .Params.implementer }}</dd></dl><h2>Issues</h2>{{ .Params.issues | markdownify }}<h2>Direction</h2>{{ .Params.direction | markdownify }}<h2>Plan</h2>{{ .Params.plan | markdownify }}<h2>Related</h2><ul>{{ range .Params.related }}{{ with $.Site.GetPage (printf "/projects/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul><h2>Schedule</h2><table><caption>Schedule</caption><tr>{{ range .Params.schedule }}<th scope="col">{{ .year }}</th>{{ end }}</tr><tr>{{ range .Params.schedule }}<td>{{ .status }}</td>{{ end }}</tr></table><h2>Indicators</h2>{{ range .Params.indicators }}<h3>{{ .name }}</h3><table><caption>{{ .name }}</caption><thead><tr><th scope="col">Kind</th><th scope="col">Year</th><th scope="col">Value</th><th scope="col">Rate</th></tr></thead><tbody>{{ $b := .baseline }}{{ $t := .target }}<tr><th scope="row">Baseline</th><td>{{ .baseline_year }}</td><td>{{ .baseline }}</td><td></td></tr>{{ range .actuals }}<tr><th scope="row">Actual</th><td>{{ .year }}</td><td>{{ .value }}</td><td>{{ if and (eq (printf "%T" .value) "int64") (ne $t $b) }}{{ div (mul (sub .value $b) 1000) (sub $t $b) }}{{ end }}</td></tr>{{ end }}<tr><th scope="row">Target</th><td>{{ .target_year }}</td><td>{{ .target }}</td><td></td></tr></tbody></table>{{ end }}{{ range .Params.reports }}<section><h2>{{ .year }}</h2><dl><dt>Grade</dt><dd>{{ .grade }}</dd><dt>Partners</dt><dd>{{ delimit .partners ", " }}</dd></dl><h3>Achievements</h3>{{ .achievements | markdownify }}<h3>Effect</h3>{{ .effect | markdownify }}</section>{{ end }}{{ end }}"##;

const HUGO_LIST: &str = r##"{{ define "main" }}<h1>{{ .Title }}</h1><table><caption>{{ .Title }}</caption><thead><tr><th scope="col">Code</th><th scope="col">Title</th></tr></thead><tbody>{{ range .Pages }}<tr><td>{{ .Params.code }}</td><th scope="row"><a href="{{ .RelPermalink }}">{{ .Title }}</a></th></tr>{{ end }}</tbody></table>{{ end }}"##;

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

pub fn hugo(n: usize, out: &Path) -> Result<(), String> {
    write(
        &out.join("hugo.toml"),
        "baseURL = \"/\"\ntitle = \"Benchmark City\"\ndefaultContentLanguage = \"ja\"\ndefaultContentLanguageInSubdir = true\ndisableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\"]\n[params]\nattribution = \"Source: Benchmark City\"\n[taxonomies]\ndepartment = \"departments\"\npolicy = \"policies\"\n[languages.ja]\nlanguageName = \"日本語\"\nweight = 1\ncontentDir = \"content/ja\"\n[languages.en]\nlanguageName = \"English\"\nweight = 2\ncontentDir = \"content/en\"\n",
    )?;
    write(&out.join("layouts/_default/baseof.html"), HUGO_BASEOF)?;
    write(&out.join("layouts/_default/single.html"), HUGO_SINGLE)?;
    write(&out.join("layouts/_default/list.html"), HUGO_LIST)?;
    write(&out.join("layouts/index.html"), HUGO_LIST)?;
    write(&out.join("static/style.css"), "body{font-family:sans-serif}")?;
    for p in projects(n, DEFAULT_SEED) {
        for (lang, pick) in [("ja", 0usize), ("en", 1usize)] {
            let fm = hugo_page(&p, pick);
            write(&out.join("content").join(lang).join("projects").join(format!("{}.md", p.id)), &fm)?;
        }
    }
    for lang in ["ja", "en"] {
        write(&out.join("content").join(lang).join("projects/_index.md"), "---\ntitle: Projects\n---\n")?;
    }
    Ok(())
}

/// The front matter of one project's Hugo page in one language (`pick` 0: ja, 1: en).
fn hugo_page(p: &Project, pick: usize) -> String {
    let t = |x: &(String, String)| if pick == 0 { x.0.clone() } else { x.1.clone() };
    let mut fm = String::from("---\n");
    let _ = writeln!(
        fm,
        "title: {}\ncode: {}\ntranslationKey: {}\ndepartments: [{}]\npolicies: [{}]",
        yaml_string(&t(&p.title)),
        yaml_string(&p.id),
        p.id,
        yaml_string(&format!("d{}", p.department)),
        yaml_string(&p.policy)
    );
    let _ = writeln!(
        fm,
        "audience: {}\nimplementer: {}",
        yaml_string(if pick == 0 { "市民・市民活動団体" } else { "Residents, civic groups" }),
        yaml_string(if pick == 0 { "市" } else { "The city" })
    );
    let _ = writeln!(
        fm,
        "issues: {}\ndirection: {}\nplan: {}",
        yaml_string(&t(&p.issues)),
        yaml_string(&t(&p.direction)),
        yaml_string(&t(&p.plan))
    );
    let _ = writeln!(fm, "related: [{}]", p.related.iter().map(|r| yaml_string(r)).collect::<Vec<_>>().join(", "));
    let _ = writeln!(
        fm,
        "schedule: [{}]",
        ["R4", "R5", "R6", "R7", "R8"]
            .iter()
            .map(|y| format!("{{year: {y}, status: \"→\"}}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(fm, "indicators:");
    for ind in &p.indicators {
        let _ = writeln!(fm, "  - name: {}\n    baseline_year: R2\n    target_year: R8", yaml_string(&t(&ind.name)));
        if ind.numeric {
            let _ = writeln!(
                fm,
                "    baseline: {}\n    target: {}\n    actuals: [{}]",
                ind.baseline,
                ind.target,
                ind.actuals.iter().map(|(y, a)| format!("{{year: {y}, value: {a}}}")).collect::<Vec<_>>().join(", ")
            );
        } else {
            let _ = writeln!(
                fm,
                "    baseline: \"未実施\"\n    target: \"充実\"\n    actuals: [{{year: 2023, value: \"実施\"}}]"
            );
        }
    }
    let _ = writeln!(fm, "reports:");
    for r in &p.reports {
        let _ = writeln!(
            fm,
            "  - year: {}\n    grade: {}\n    partners: [{}]\n    achievements: {}\n    effect: {}",
            r.year,
            r.grade,
            r.partners.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", "),
            yaml_string(&t(&r.achievements)),
            yaml_string(&t(&r.effect))
        );
    }
    fm.push_str("---\n");
    fm
}
