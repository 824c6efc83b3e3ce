//! The published search index answers real queries in both languages, read the way the
//! browser reads it (`assets/kyodo.js`): `meta.js` first, then only the token shards the
//! query's tokens hash to, then the document shards of the hits.

use std::collections::BTreeMap;

use kyodo::search::{self, Index};
use serde_json::Value;

use crate::support::{built, fixture, repo, text};

/// The search files of one language of a build.
struct Published<'a> {
    output: &'a kyodo::Output,
    lang: &'a str,
    meta: Value,
}

/// The arguments of the one call a search script makes:
/// `window.kyodoSearch.add("t",0,{…});` or `window.kyodoSearch.meta({…});`.
fn call_arguments(path: &str, function: &str, script: &str) -> Vec<Value> {
    let args = script
        .strip_prefix(function)
        .and_then(|rest| rest.strip_prefix('('))
        .and_then(|rest| rest.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("{path}: not a call of {function}: {script}"));
    serde_json::from_str(&format!("[{args}]")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

impl<'a> Published<'a> {
    fn new(output: &'a kyodo::Output, lang: &'a str) -> Published<'a> {
        let path = format!("assets/search/{lang}/meta.js");
        let meta = call_arguments(&path, "window.kyodoSearch.meta", text(output, &path)).remove(0);
        Published { output, lang, meta }
    }

    /// The data of the shard file `<kind><k>.js`, which must say it is that shard.
    fn shard(&self, kind: &str, k: u64) -> Value {
        let path = format!("assets/search/{}/{kind}{k}.js", self.lang);
        let mut args = call_arguments(&path, "window.kyodoSearch.add", text(self.output, &path));
        assert_eq!((&args[0], &args[1]), (&Value::from(kind), &Value::from(k)), "{path}");
        args.remove(2)
    }

    /// The hits of a query as the browser shows them: `[href, title, meta, summary]`.
    fn query(&self, query: &str) -> Vec<Vec<String>> {
        let shards = self.meta["shards"].as_u64().expect("shards");
        let stop: Vec<String> = serde_json::from_value(self.meta["stop"].clone()).expect("stop");
        // Only the postings of the shards the browser loads for this query.
        let mut postings: BTreeMap<String, Vec<[u32; 2]>> = BTreeMap::new();
        for token in search::tokens(&search::normalize(query)) {
            let k = u64::from(search::fnv1a(search::shard_key(&token))) % shards;
            postings.extend(serde_json::from_value::<BTreeMap<String, Vec<[u32; 2]>>>(self.shard("t", k)).unwrap());
        }
        let index = Index { docs: Vec::new(), postings, stop };
        let per = self.meta["docsPerShard"].as_u64().expect("docsPerShard") as usize;
        search::search(&index, query)
            .into_iter()
            .map(|n| {
                let docs = self.shard("d", (n / per) as u64);
                serde_json::from_value(docs[n % per].clone()).expect("[href, title, meta, summary, verdict…]")
            })
            .collect()
    }

    /// The pages a query finds, as `1-1-2` for `projects/1-1-2.html`.
    fn ids(&self, query: &str) -> Vec<String> {
        self.query(query)
            .into_iter()
            .map(|doc| doc[0].trim_start_matches("projects/").trim_end_matches(".html").to_owned())
            .collect()
    }
}

/// The index of the shipped site built in memory, as `kyodo::pipeline` builds it, and the
/// href of each document.
fn in_memory(lang: kyodo::i18n::Lang) -> (Index, Vec<String>) {
    let (site, _) = kyodo::Site::load(&repo()).unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    let theme = kyodo::Theme::builtin().unwrap_or_else(|d| panic!("{}", d.render(kyodo::msg::Lang::En)));
    let l = kyodo::render::views::Localizer { lang, strings: &theme.strings[&lang] };
    let index = search::build(&kyodo::pipeline::documents(&site, &l));
    let hrefs = index.docs.iter().map(|d| d[0].clone()).collect();
    (index, hrefs)
}

/// Each query finds in the published files what it finds in the index built in memory.
fn same_as_in_memory(published: &Published, lang: kyodo::i18n::Lang, queries: &[&str]) {
    let (index, hrefs) = in_memory(lang);
    for query in queries {
        let found: Vec<String> = published.query(query).into_iter().map(|doc| doc[0].clone()).collect();
        let expected: Vec<String> = search::search(&index, query).into_iter().map(|n| hrefs[n].clone()).collect();
        assert_eq!(found, expected, "{query}");
    }
}

#[test]
fn the_fixture_sites_index_finds_titles_and_shows_them_as_written() {
    let output = built(&fixture());
    let ja = Published::new(output, "ja");
    assert_eq!(ja.meta["docs"], 2);
    let hits = ja.query("補助金");
    assert_eq!(hits.len(), 1, "{hits:?}");
    let [href, title, meta, summary, verdict @ ..] = &hits[0][..] else { panic!("{hits:?}") };
    assert_eq!((href.as_str(), title.as_str()), ("projects/1-1-1.html", "市民活動支援補助金の充実"));
    assert!(meta.starts_with("1-(1)-① · ") && !summary.is_empty(), "{hits:?}");
    // Results show the project's verdict: the city's grade of its latest report.
    assert_eq!(verdict, ["grade-a", "grade", "市の評価", "A"], "{hits:?}");
    // A title with markup in it is found, and handed over as text.
    let hits = ja.query("情報発信");
    assert_eq!(hits.iter().map(|h| h[1].as_str()).collect::<Vec<_>>(), ["情報発信<script>alert(1)</script>"]);
    assert!(ja.query("新幹線").is_empty());

    let en = Published::new(output, "en");
    let hits = en.query("subsidy");
    assert_eq!(hits.iter().map(|h| h[1].as_str()).collect::<Vec<_>>(), ["Expanding the civic activity subsidy"]);
    assert_eq!(hits[0][2], "1-(1)-① · Civic Activity Division");
    assert_eq!(en.ids("civ"), ["1-1-1"], "words match by prefix");
    // An untranslated record is found by its Japanese on English pages.
    assert_eq!(en.ids("情報発信"), ["1-2-1"]);
}

#[test]
fn japanese_queries_find_the_projects_that_contain_them() {
    let output = built(&repo());
    let ja = Published::new(output, "ja");
    let subsidy = ja.ids("補助金");
    assert!(subsidy.contains(&"1-1-2".to_owned()), "{subsidy:?}");
    assert!(subsidy.contains(&"1-4-1".to_owned()), "{subsidy:?}");
    // Titles rank first: both subsidy projects have 補助金 in their title.
    assert!(subsidy[..2].contains(&"1-1-2".to_owned()) && subsidy[..2].contains(&"1-4-1".to_owned()), "{subsidy:?}");
    assert_eq!(ja.ids("多文化共生").first().map(String::as_str), Some("1-3-5"));
    assert_eq!(ja.ids("ボランティア手帳").first().map(String::as_str), Some("1-3-3"));
    // Full-width input is folded like the index.
    assert_eq!(ja.ids("ＳＤＧｓ"), ja.ids("sdgs"));
    assert!(ja.ids("新幹線").is_empty());
    same_as_in_memory(
        &ja,
        kyodo::i18n::Lang::Ja,
        &["補助金", "多文化共生", "ボランティア手帳", "ＳＤＧｓ", "市民 活動"],
    );
}

#[test]
fn english_queries_find_translated_projects() {
    let output = built(&repo());
    let en = Published::new(output, "en");
    let subsidy = en.ids("subsidy");
    assert!(subsidy.contains(&"1-1-2".to_owned()), "{subsidy:?}");
    assert!(en.ids("multicultural").contains(&"1-3-5".to_owned()));
    assert!(en.ids("zzqqxx").is_empty());
    same_as_in_memory(&en, kyodo::i18n::Lang::En, &["subsidy", "multicultural", "civic activity", "volunt"]);
}
