//! The layering of ARCHITECTURE.md, checked: each top-level module of `src/` may use only
//! the modules its row allows, so the modules form no cycle and `search` and `output`
//! stay leaves. A `use crate::…` or `crate::…` path in code (not in comments, not in
//! unit tests) is a use.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Module: the modules it may use. Lower layers first; a module may use only modules
/// above it. `lib` is the crate root (`lib.rs`: the pipeline's `run`). The same table is
/// in ARCHITECTURE.md.
const RULES: &str = "
    # Foundations: no knowledge of records or pages.
    msg:
    diagnostic:    msg
    escape:
    files:
    width:
    slug:          msg
    markdown:
    output:        msg
    search:        escape width
    i18n:          diagnostic files msg
    urls:          i18n
    # The domain: what a record is.
    text:          i18n msg
    fiscal_year:   i18n msg width
    indicator:     i18n msg text width
    model:         fiscal_year i18n indicator msg slug text
    record_writer: indicator text
    record_edit:   msg
    field_names:   msg
    schema:        fiscal_year i18n indicator model slug text
    # The verdict: the grade or the status judged from indicators, defined once.
    verdict:       fiscal_year i18n indicator model
    # Editions: what a frozen year published, and the comparison with the records.
    edition:       diagnostic files fiscal_year indicator model msg record_writer text
    # Reading content/.
    load:          diagnostic edition files fiscal_year i18n model msg slug text urls verdict width
    # What a build makes from a loaded site.
    data:          diagnostic edition escape files fiscal_year i18n indicator load markdown model msg output slug text urls verdict
    render:        data diagnostic edition escape files fiscal_year i18n indicator load markdown model msg text urls verdict
    pipeline:      data diagnostic load markdown model msg output render schema search urls verdict
    # Commands built on the pipeline.
    preview:       diagnostic files lib load output pipeline
    import:        data files fiscal_year i18n indicator load model msg record_edit record_writer slug text width
    scaffold:      diagnostic field_names fiscal_year import load msg record_writer
    freeze:        data diagnostic edition fiscal_year lib load model msg
    editor:        diagnostic escape field_names files fiscal_year import load markdown model msg record_edit record_writer scaffold schema slug text urls
    serve:         diagnostic editor msg preview
";

/// The rows of [`RULES`], in order.
fn rules() -> Vec<(&'static str, Vec<&'static str>)> {
    RULES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (module, deps) = l.split_once(':').expect("module: deps");
            (module, deps.split_whitespace().collect())
        })
        .collect()
}

/// The source of a file as far as dependencies go: without comments and unit tests.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The names a piece of code uses from the crate: `crate::x` and `use crate::{x, y::z}`.
fn crate_names(code: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for part in inner.split(',') {
                let name: String = part.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                names.insert(name);
            }
        } else {
            names.insert(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    names.remove("");
    names
}

/// Top-level module → the modules (or `lib`) its files use.
fn dependencies(src: &Path, modules: &BTreeSet<String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(src).expect("inside src");
        let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
        let module = first.trim_end_matches(".rs").to_owned();
        if !entry.file_type().is_file() || !modules.contains(&module) {
            continue;
        }
        let code = code_of(&fs::read_to_string(entry.path()).expect("readable source"));
        let used = deps.entry(module.clone()).or_default();
        for name in crate_names(&code) {
            if name != module {
                used.insert(if modules.contains(&name) { name } else { "lib".to_owned() });
            }
        }
    }
    deps
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = fs::read_to_string(root.join("src/lib.rs")).expect("lib.rs");
    let modules: BTreeSet<String> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod ").or_else(|| l.strip_prefix("mod ")))
        .map(|l| l.trim_end_matches(';').to_owned())
        .collect();
    let table = rules();
    let rules: BTreeMap<&str, &[&str]> = table.iter().map(|(m, d)| (*m, d.as_slice())).collect();
    let declared: BTreeSet<String> = rules.keys().map(|k| k.to_string()).collect();
    assert_eq!(modules, declared, "every module of lib.rs has a row in RULES (and in ARCHITECTURE.md)");

    // Each row may name only rows above it: the table is a layering, so there is no cycle.
    for (i, (module, allowed)) in table.iter().enumerate() {
        for dep in allowed.iter().filter(|d| **d != "lib") {
            let at = table.iter().position(|(m, _)| m == dep);
            assert!(at.is_some_and(|at| at < i), "{module} may use {dep}, which must be listed above it");
        }
    }

    let mut wrong = Vec::new();
    for (module, used) in dependencies(&root.join("src"), &modules) {
        let allowed = rules[module.as_str()];
        for dep in used.iter().filter(|d| !allowed.contains(&d.as_str())) {
            wrong.push(format!("{module} uses {dep}"));
        }
    }
    assert!(wrong.is_empty(), "uses the layering does not allow (see ARCHITECTURE.md):\n{}", wrong.join("\n"));
}

#[test]
fn the_scanner_sees_every_form_of_a_use() {
    let code = code_of(
        "use crate::a::B;\nuse crate::{c, d::E};\nlet x = crate::f::g(); // crate::h\n#[cfg(test)]\nuse crate::i;",
    );
    assert_eq!(crate_names(&code), ["a", "c", "d", "f"].iter().map(|s| s.to_string()).collect());
}
