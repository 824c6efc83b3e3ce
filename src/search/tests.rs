//! Unit tests of [`crate::search`].

use super::*;

fn doc(title: &str, body: &str) -> Document {
    Document {
        href: String::new(),
        title: title.into(),
        meta: String::new(),
        summary: String::new(),
        body: body.into(),
        extra: Vec::new(),
    }
}

#[test]
fn japanese_is_cut_into_bigrams_and_latin_into_words() {
    assert_eq!(tokens(&normalize("補助金の申請")), ["補助", "助金", "金の", "の申", "申請"]);
    assert_eq!(tokens(&normalize("Facebook 登録件数 731件")), ["facebook", "登録", "録件", "件数", "731", "件"]);
    assert_eq!(tokens(&normalize("ＮＰＯ法人")), ["npo", "法人"]);
}

#[test]
fn the_fast_tokenizer_agrees_with_tokens() {
    for text in ["補助金の申請", "facebook 登録件数 731件", "npo法人", "市", "a市b", "", "令和5年度・・・2団体"]
    {
        let mut fast = Vec::new();
        each_token(text, |t| fast.push(t.text()));
        assert_eq!(fast, tokens(text), "{text}");
    }
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
fn hashes_and_shard_keys_match_the_browser() {
    // The same values come out of the JavaScript in assets/kyodo.js.
    assert_eq!(fnv1a(""), 0x811c_9dc5);
    assert_eq!(fnv1a("a"), 0xe40c_292c);
    assert_eq!(shard_key("subsidy"), "su");
    assert_eq!(shard_key("補助"), "補助");
    assert_eq!(shard_key("s"), "s");
}

#[test]
fn tokens_in_most_documents_of_a_large_site_are_left_out() {
    let docs: Vec<Document> =
        (0..1200).map(|i| doc(&format!("{i}"), if i % 3 == 0 { "市民 特別" } else { "市民" })).collect();
    let index = build(&docs);
    assert_eq!(index.stop, ["市民"]);
    assert_eq!(search(&index, "特別").len(), 400);
    assert_eq!(search(&index, "市民 特別").len(), 400, "a stop token does not narrow the search");
    let files = files(&index);
    assert!(files.iter().any(|(p, _)| p == "meta.js") && files.iter().any(|(p, _)| p == "d2.js"));
}

#[test]
fn compact_postings_decode_to_what_was_added() {
    let mut p = Postings::default();
    let added = [[0, 1], [1, 3], [200, 1], [70_000, 130], [u32::MAX - 1, 2]];
    for [d, w] in added {
        p.push(d, w);
    }
    assert_eq!(p.decode(), added);
    assert_eq!(p.bytes.len(), 2 + 2 + 3 + 5 + 6, "small gaps and weights take a byte each");
}

#[test]
fn english_words_match_by_prefix_and_titles_rank_first() {
    let docs = [
        doc("Volunteer passbook", "subsidies for groups"),
        doc("Expanding the civic activity subsidy", "subsidy applications"),
    ];
    let index = build(&docs);
    assert_eq!(search(&index, "subsid"), [1, 0]);
    assert_eq!(search(&index, "SUBSIDY"), [1]);
    assert_eq!(search(&index, "civic subsidy"), [1]);
}
