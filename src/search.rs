//! Full-text search that works on any static host, in a subfolder, and from disk.
//!
//! The index is a character-bigram inverted index: Japanese text has no spaces between
//! words, so every run of kana and kanji is cut into overlapping pairs of characters
//! (補助金 → 補助, 助金), and a query matches a document only when the document holds every
//! pair of the query. A compound word therefore matches only documents that contain it (or
//! all its pairs), never documents that merely share one of its characters. Latin-script
//! text is cut into words, matched by prefix at query time.
//!
//! The browser side (`assets/kyodo.js` of the theme) normalises queries exactly as
//! [`normalize`] does (NFKC, lower case) and cuts them with the same rules.
//!
//! The index is split into shards so that a search loads only what it needs, however large
//! the site: `assets/search/<lang>/meta.js` says how many shards there are; token shards
//! `t<k>.js` hold the postings of the tokens whose key hashes (FNV-1a) to `k` (a CJK bigram
//! is its own key; a word's key is its first two characters, so a prefix lands in one
//! shard); document shards `d<k>.js` hold titles and summaries of documents
//! `k × DOCS_PER_SHARD …`. Each file is a script that hands its data to
//! `window.kyodoSearch`, so it loads with a `<script>` element, which works from disk where
//! `fetch` would not. Tokens found in more than half the documents of a large site say
//! nothing about relevance; they are left out and listed in `meta.js`, and queries skip them.

use std::collections::BTreeMap;

use serde::Serialize;

/// Normalises text for indexing and querying: NFKC (full-width → half-width, compatibility
/// forms folded) and lower case.
pub fn normalize(s: &str) -> String {
    crate::width::nfkc(s).to_lowercase()
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
    /// Further fields results show, after the summary, as the caller wants them (a
    /// project's verdict); not searched.
    pub extra: Vec<String>,
}

/// A built index.
pub struct Index {
    /// `[href, title, meta, summary, extra…]` per document.
    pub docs: Vec<Vec<String>>,
    /// Token → `[document, weight]` pairs, documents in ascending order.
    pub postings: BTreeMap<String, Vec<[u32; 2]>>,
    /// Tokens too common to index.
    pub stop: Vec<String>,
}

/// Documents per document shard.
pub const DOCS_PER_SHARD: usize = 500;
/// A token shard aims at about this many bytes.
const SHARD_BYTES: usize = 96 * 1024;
/// Sites with fewer documents keep every token.
const STOP_MIN_DOCS: usize = 1000;

/// A token without allocation: a CJK pair (or lone character) packed in a number, or a
/// word. Most tokens of Japanese text are pairs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Token {
    Chars(u64),
    Word(String),
}

impl Token {
    fn text(&self) -> String {
        match self {
            Token::Chars(packed) => {
                let first = char::from_u32((packed >> 32) as u32).unwrap_or('\u{fffd}');
                match char::from_u32((*packed & 0xffff_ffff) as u32) {
                    Some(second) if (*packed & 0xffff_ffff) != 0 => format!("{first}{second}"),
                    _ => first.to_string(),
                }
            }
            Token::Word(w) => w.clone(),
        }
    }
}

/// Calls `f` for each token of normalised text, by the rules of [`tokens`].
fn each_token(normalized: &str, mut f: impl FnMut(Token)) {
    let mut previous: Option<char> = None;
    let mut run = 0usize;
    let mut word = String::new();
    let end_cjk = |previous: &mut Option<char>, run: &mut usize, f: &mut dyn FnMut(Token)| {
        if *run == 1
            && let Some(c) = *previous
        {
            f(Token::Chars(u64::from(c as u32) << 32));
        }
        *run = 0;
        *previous = None;
    };
    for c in normalized.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                f(Token::Word(std::mem::take(&mut word)));
            }
            if let Some(p) = previous {
                f(Token::Chars((u64::from(p as u32) << 32) | u64::from(c as u32)));
            }
            previous = Some(c);
            run += 1;
        } else {
            end_cjk(&mut previous, &mut run, &mut f);
            if c.is_alphanumeric() {
                word.push(c);
            } else if !word.is_empty() {
                f(Token::Word(std::mem::take(&mut word)));
            }
        }
    }
    end_cjk(&mut previous, &mut run, &mut f);
    if !word.is_empty() {
        f(Token::Word(word));
    }
}

/// The weighted tokens of one document: token → weight (title tokens count 3, body 1).
fn document_tokens(d: &Document) -> Vec<(Token, u32)> {
    let mut counts: rustc_hash::FxHashMap<Token, u32> = rustc_hash::FxHashMap::default();
    for (text, weight) in [(normalize(&d.title), 3u32), (normalize(&d.body), 1u32)] {
        each_token(&text, |t| *counts.entry(t).or_default() += weight);
    }
    counts.into_iter().collect()
}

/// A document ready to be added to an index: what results show, and its weighted tokens.
pub struct Prepared {
    fields: Vec<String>,
    tokens: Vec<(Token, u32)>,
}

/// Tokenises a document; documents are independent, so this runs in parallel.
pub fn prepare(d: &Document) -> Prepared {
    Prepared {
        fields: [&d.href, &d.title, &d.meta, &d.summary].into_iter().chain(&d.extra).cloned().collect(),
        tokens: document_tokens(d),
    }
}

/// Builds an index document by document, in document order, so that each postings list
/// comes out sorted; only the postings are held, never the documents' text. While the
/// index grows, each list is kept compact: per document the gap from the previous one and
/// the weight, as LEB128 variable-length numbers (mostly two bytes, where a pair of `u32`
/// takes eight).
#[derive(Default)]
pub struct Builder {
    docs: Vec<Vec<String>>,
    by_token: rustc_hash::FxHashMap<Token, Postings>,
}

/// A postings list being built.
#[derive(Default)]
struct Postings {
    bytes: Vec<u8>,
    last: u32,
    count: u32,
}

fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut n = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        n |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    n
}

impl Postings {
    fn push(&mut self, doc: u32, weight: u32) {
        push_varint(&mut self.bytes, doc - self.last);
        push_varint(&mut self.bytes, weight);
        self.last = doc;
        self.count += 1;
    }

    fn decode(&self) -> Vec<[u32; 2]> {
        let mut out = Vec::with_capacity(self.count as usize);
        let (mut at, mut doc) = (0, 0u32);
        while at < self.bytes.len() {
            doc += read_varint(&self.bytes, &mut at);
            let weight = read_varint(&self.bytes, &mut at);
            out.push([doc, weight]);
        }
        out
    }
}

impl Builder {
    pub fn add(&mut self, doc: Prepared) {
        let i = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        for (t, w) in doc.tokens {
            self.by_token.entry(t).or_default().push(i, w);
        }
        self.docs.push(doc.fields);
    }

    /// The finished index; tokens found in more than half the documents of a large site
    /// are left out (see the module documentation).
    pub fn finish(self) -> Index {
        let n = self.docs.len();
        let mut stop = Vec::new();
        let mut postings = BTreeMap::new();
        for (t, list) in self.by_token {
            let text = t.text();
            if n >= STOP_MIN_DOCS && list.count as usize * 2 > n {
                stop.push(text);
            } else {
                postings.insert(text, list.decode());
            }
        }
        stop.sort();
        Index { docs: self.docs, postings, stop }
    }
}

/// Builds the index of a set of documents.
pub fn build(docs: &[Document]) -> Index {
    use rayon::prelude::*;
    let prepared: Vec<Prepared> = docs.par_iter().map(prepare).collect();
    let mut builder = Builder::default();
    for p in prepared {
        builder.add(p);
    }
    builder.finish()
}

/// The key that decides a token's shard: a CJK bigram itself; a word's first two characters.
pub fn shard_key(token: &str) -> &str {
    if token.chars().any(is_cjk) {
        token
    } else {
        let end = token.char_indices().nth(2).map_or(token.len(), |(i, _)| i);
        &token[..end]
    }
}

/// FNV-1a (32 bit) over UTF-8 bytes: the same in Rust and JavaScript.
pub fn fnv1a(s: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// What `meta.js` tells the browser: how the index is sharded, and the tokens left out.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Meta<'a> {
    doc_shards: usize,
    docs: usize,
    docs_per_shard: usize,
    shards: usize,
    stop: &'a [String],
}

fn script(kind: &str, shard: usize, value: &impl Serialize) -> Vec<u8> {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned());
    let json = crate::escape::json_for_script_file(&json);
    format!("window.kyodoSearch.add(\"{kind}\",{shard},{json});\n").into_bytes()
}

/// The files of the index, relative to `assets/search/<lang>/`.
pub fn files(index: &Index) -> Vec<(String, Vec<u8>)> {
    let out = std::sync::Mutex::new(Vec::new());
    let _ = write_files(index, &|name, bytes| -> Result<(), ()> {
        out.lock().map_err(|_| ())?.push((name, bytes));
        Ok(())
    });
    let mut files = out.into_inner().unwrap_or_default();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Hands each file of the index (name relative to `assets/search/<lang>/`, bytes) to
/// `put` as soon as it is serialised, shards in parallel: the whole index is never held
/// as text.
pub fn write_files<E: Send>(index: &Index, put: &(dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync)) -> Result<(), E> {
    use rayon::prelude::*;
    let bytes: usize = index.postings.iter().map(|(t, l)| t.len() + 4 + l.len() * 10).sum();
    let shards = (bytes / SHARD_BYTES + 1).next_power_of_two().min(4096);
    let mut token_shards: Vec<BTreeMap<&str, &Vec<[u32; 2]>>> = vec![BTreeMap::new(); shards];
    for (t, list) in &index.postings {
        token_shards[fnv1a(shard_key(t)) as usize % shards].insert(t, list);
    }
    let doc_shards = index.docs.len().div_ceil(DOCS_PER_SHARD).max(1);
    let meta = Meta { doc_shards, docs: index.docs.len(), docs_per_shard: DOCS_PER_SHARD, shards, stop: &index.stop };
    let meta = serde_json::to_string(&meta).unwrap_or_else(|_| "null".to_owned());
    let meta = crate::escape::json_for_script_file(&meta).into_owned();
    put("meta.js".to_owned(), format!("window.kyodoSearch.meta({meta});\n").into_bytes())?;
    token_shards.par_iter().enumerate().try_for_each(|(k, shard)| put(format!("t{k}.js"), script("t", k, shard)))?;
    (0..doc_shards).into_par_iter().try_for_each(|k| {
        let end = ((k + 1) * DOCS_PER_SHARD).min(index.docs.len());
        let start = (k * DOCS_PER_SHARD).min(end);
        put(format!("d{k}.js"), script("d", k, &&index.docs[start..end]))
    })
}

/// Runs a query against an index the way the browser does: every query token must match
/// (CJK bigrams exactly, words by prefix); results by total weight, then document order.
/// Used by tests and benchmarks to check the index without a browser.
pub fn search(index: &Index, query: &str) -> Vec<usize> {
    let q: Vec<String> = tokens(&normalize(query))
        .into_iter()
        .filter(|t| !index.stop.contains(t) && (t.chars().any(is_cjk) || t.chars().count() >= 2))
        .collect();
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
mod tests;
