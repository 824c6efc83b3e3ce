//! Full-text search that works on any static host, in a subfolder, and from disk.
//!
//! The index is a character-bigram inverted index: Japanese text has no spaces between
//! words, so every run of kana and kanji is cut into overlapping pairs of characters
//! (補助金 → 補助, 助金), and a query matches a document only when the document holds every
//! pair of the query. A compound word therefore matches only documents that contain it (or
//! all its pairs), never documents that merely share one of its characters. Latin-script
//! text is cut into words, matched by prefix at query time.
//!
//! The browser side (`assets/search.js` of the theme) normalises queries exactly as
//! [`normalize`] does (NFKC, lower case) and cuts them with the same rules. The index
//! is a JavaScript file (`assets/search-<lang>.js`) that assigns a global, so it loads
//! with a `<script>` element, which works from disk where `fetch` would not.

use std::collections::BTreeMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// Normalises text for indexing and querying: NFKC (full-width → half-width, compatibility
/// forms folded) and lower case.
pub fn normalize(s: &str) -> String {
    s.nfkc().collect::<String>().to_lowercase()
}

/// Whether a character is written without spaces between words (kana, kanji).
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3005..=0x3007 | 0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Cuts normalised text into search tokens: bigrams of CJK runs (a lone CJK character is a
/// token of its own) and words of letters and digits.
pub fn tokens(normalized: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cjk: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush_cjk = |cjk: &mut Vec<char>, out: &mut Vec<String>| {
        match cjk.len() {
            0 => {}
            1 => out.push(cjk[0].to_string()),
            _ => out.extend(cjk.windows(2).map(|w| w.iter().collect::<String>())),
        }
        cjk.clear();
    };
    let flush_word = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() {
            out.push(std::mem::take(word));
        }
    };
    for c in normalized.chars() {
        if is_cjk(c) {
            flush_word(&mut word, &mut out);
            cjk.push(c);
        } else if c.is_alphanumeric() {
            flush_cjk(&mut cjk, &mut out);
            word.push(c);
        } else {
            flush_cjk(&mut cjk, &mut out);
            flush_word(&mut word, &mut out);
        }
    }
    flush_cjk(&mut cjk, &mut out);
    flush_word(&mut word, &mut out);
    out
}

/// One searchable document: a project page in one language.
pub struct Document {
    /// Link relative to the language folder, e.g. `projects/1-1-1.html`.
    pub href: String,
    pub title: String,
    /// Code and department, shown under the title in results.
    pub meta: String,
    /// A short extract shown in results.
    pub summary: String,
    /// Everything searchable; the title counts double.
    pub body: String,
}

/// The index as written to the browser.
#[derive(Serialize)]
pub struct Index {
    /// `[href, title, meta, summary]` per document.
    pub docs: Vec<[String; 4]>,
    /// Token → `[document, weight]` pairs, documents in ascending order.
    pub postings: BTreeMap<String, Vec<[u32; 2]>>,
}

/// Builds the index of a set of documents.
pub fn build(docs: &[Document]) -> Index {
    let mut postings: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        let title = normalize(&d.title);
        for (text, weight) in [(title.as_str(), 3u32), (&normalize(&d.body), 1u32)] {
            for t in tokens(text) {
                *postings.entry(t).or_default().entry(i).or_default() += weight;
            }
        }
    }
    Index {
        docs: docs.iter().map(|d| [d.href.clone(), d.title.clone(), d.meta.clone(), d.summary.clone()]).collect(),
        postings: postings.into_iter().map(|(t, m)| (t, m.into_iter().map(|(d, w)| [d, w]).collect())).collect(),
    }
}

/// The index as a script that registers it: `window.kyodoSearchIndex = {…};`.
pub fn to_script(index: &Index) -> Vec<u8> {
    let json = serde_json::to_string(index).unwrap_or_else(|_| "{\"docs\":[],\"postings\":{}}".to_owned());
    // Inside a script file `</script>` is harmless, but keep the file valid as JSON-in-JS
    // whatever the text: escape the line separators JavaScript once rejected.
    let json = json.replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029");
    format!("window.kyodoSearchIndex = {json};\n").into_bytes()
}

/// Runs a query against an index the way the browser does: every query token must match
/// (CJK bigrams exactly, words by prefix); results by total weight, then document order.
/// Used by tests and benchmarks to check the index without a browser.
pub fn search(index: &Index, query: &str) -> Vec<usize> {
    let q = tokens(&normalize(query));
    if q.is_empty() {
        return Vec::new();
    }
    let mut scores: Option<BTreeMap<u32, u32>> = None;
    for t in &q {
        let mut hits: BTreeMap<u32, u32> = BTreeMap::new();
        let exact = t.chars().any(is_cjk);
        for (token, list) in index.postings.range(t.clone()..) {
            if !(token == t || (!exact && token.starts_with(t.as_str()))) {
                break;
            }
            for [d, w] in list {
                *hits.entry(*d).or_default() += w;
            }
        }
        scores = Some(match scores {
            None => hits,
            Some(prev) => prev.into_iter().filter_map(|(d, s)| hits.get(&d).map(|w| (d, s + w))).collect(),
        });
    }
    let mut ranked: Vec<(u32, u32)> = scores.unwrap_or_default().into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().map(|(d, _)| d as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, body: &str) -> Document {
        Document { href: String::new(), title: title.into(), meta: String::new(), summary: String::new(), body: body.into() }
    }

    #[test]
    fn japanese_is_cut_into_bigrams_and_latin_into_words() {
        assert_eq!(tokens(&normalize("補助金の申請")), ["補助", "助金", "金の", "の申", "申請"]);
        assert_eq!(tokens(&normalize("Facebook 登録件数 731件")), ["facebook", "登録", "録件", "件数", "731", "件"]);
        assert_eq!(tokens(&normalize("ＮＰＯ法人")), ["npo", "法人"]);
    }

    #[test]
    fn compound_words_match_only_documents_that_contain_them() {
        let docs = [
            doc("新幹線の駅", "新幹線で通勤する市民"),
            doc("新しい幹線道路", "新しい幹線道路の整備"),
            doc("市民活動支援補助金の充実", "補助金申請件数"),
            doc("補助的な活動", "金曜日に実施"),
        ];
        let index = build(&docs);
        assert_eq!(search(&index, "新幹線"), [0], "幹線 alone must not match 新幹線");
        assert_eq!(search(&index, "補助金"), [2]);
        assert_eq!(search(&index, "補助"), [2, 3]);
        assert_eq!(search(&index, "ｈｏｇｅ"), Vec::<usize>::new());
    }

    #[test]
    fn english_words_match_by_prefix_and_titles_rank_first() {
        let docs = [doc("Volunteer passbook", "subsidies for groups"), doc("Expanding the civic activity subsidy", "subsidy applications")];
        let index = build(&docs);
        assert_eq!(search(&index, "subsid"), [1, 0]);
        assert_eq!(search(&index, "SUBSIDY"), [1]);
        assert_eq!(search(&index, "civic subsidy"), [1]);
    }
}
