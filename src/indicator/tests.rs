//! Unit tests of [`crate::indicator`].

use super::*;

#[test]
fn achievement_rate_follows_the_published_formula() {
    let cases = [
        // (baseline, target, actual, expected)
        (114.0, 150.0, 128.0, Some(38.888_888_888_888_886)),
        (3.0, 5.0, 4.0, Some(50.0)),
        (3.0, 5.0, 5.0, Some(100.0)),
        (3.0, 5.0, 7.0, Some(200.0)),
        (3.0, 5.0, 2.0, Some(-50.0)),
        (4.0, 2.0, 2.0, Some(100.0)), // decreasing indicator reaching its target
        (4.0, 2.0, 3.0, Some(50.0)),
        (4.0, 2.0, 5.0, Some(-50.0)),
        (5.0, 5.0, 5.0, None), // no span: no rate
        (0.0, 0.0, 3.0, None),
    ];
    for (b, t, a, expected) in cases {
        let got = achievement_rate(b, t, a);
        match (got, expected) {
            (Some(g), Some(e)) => assert!((g - e).abs() < 1e-9, "{b} {t} {a}: {g} != {e}"),
            _ => assert_eq!(got, expected, "{b} {t} {a}"),
        }
    }
}

#[test]
fn numbers_get_commas_on_pages_only() {
    let cases = [
        (0.0, "0", "0"),
        (128.0, "128", "128"),
        (1000.0, "1,000", "1000"),
        (15000.0, "15,000", "15000"),
        (400000.0, "400,000", "400000"),
        (1234567.5, "1,234,567.5", "1234567.5"),
        (66.1, "66.1", "66.1"),
        (-1500.0, "-1,500", "-1500"),
    ];
    for (n, page, data) in cases {
        assert_eq!(format_number(n), page);
        assert_eq!(plain_number(n), data);
    }
}

#[test]
fn numbers_keep_the_decimals_they_were_written_with() {
    let cases = [
        ("70.0", 70.0, "70.0", "70.0"),
        ("66.1", 66.1, "66.1", "66.1"),
        ("1500", 1500.0, "1,500", "1500"),
        ("1_500.50", 1500.5, "1,500.50", "1500.50"),
    ];
    for (written, value, page, data) in cases {
        let n = Number::new(value).with_written_form(written).unwrap();
        assert_eq!((n.page().as_str(), n.data().as_str()), (page, data), "{written}");
    }
}

#[test]
fn numbers_are_published_exactly_as_written_or_refused() {
    let read = |written: &str| written.replace('_', "").parse::<f64>().map(Number::new).unwrap();
    let exact = [
        "0",
        "-0",
        "-0.0",
        "128",
        "1_500",
        "70.0",
        "66.1",
        "0.000001",
        "1.5e3",
        "1e300",
        "123456789012345",
        "0.123456789012",
        "9007199254740992",
        "-9007199254740992",
        "1e16",
    ];
    for written in exact {
        assert!(read(written).with_written_form(written).is_ok(), "{written}");
    }
    let rounded = [
        ("9007199254740993", "9,007,199,254,740,992"),
        ("-9007199254740993", "-9,007,199,254,740,992"),
        ("99999999999999999999", "100,000,000,000,000,000,000"),
        ("66.66666666666666667", "66.666666666667"),
        ("0.1234567890123", "0.123456789012"),
        ("1e-999", "0"),
    ];
    for (written, published) in rounded {
        let message = read(written).with_written_form(written).unwrap_err();
        let english = message.get(Lang::En);
        assert!(english.contains(&format!("it would be published as {published}")), "{written}: {english}");
        assert!(message.get(Lang::Ja).contains(&format!("公開すると {published} になってしまいます")), "{message:?}");
    }
    assert_eq!(Number::new(255.0).with_written_form("0xFF").map(|n| n.data()), Ok("255".to_owned()));
    assert_eq!(canonical_decimal("1_500.00"), Some((false, "15".to_owned(), 2)));
    assert_eq!(canonical_decimal("-0.0015e1"), Some((true, "15".to_owned(), -3)));
    assert_eq!(canonical_decimal("0.000"), Some((false, String::new(), 0)));
    assert_eq!(canonical_decimal("12件"), None);
}

#[test]
fn numbers_typed_as_text_that_cannot_be_kept_exactly_stay_text() {
    assert_eq!(parse_number_text("９００７１９９２５４７４０９９３"), None);
    assert_eq!(parse_number_text("9,007,199,254,740,992").map(|n| n.data()), Some("9007199254740992".to_owned()));
    let m = number_from_text("99999999999999999999").unwrap_err();
    assert!(m.get(Lang::En).contains("cannot be kept exactly"), "{m:?}");
}

#[test]
fn a_number_with_an_exponent_in_quotes_is_not_a_number_and_a_unit() {
    let m = number_in_quotes_message("1e5");
    assert!(m.get(Lang::En).contains("value = 100000") && m.get(Lang::Ja).contains("value = 100000"), "{m:?}");
    let m = number_in_quotes_message("1e999").get(Lang::En).to_owned();
    assert!(m.contains("too large or too small") && !m.contains("unit field"), "{m}");
}

#[test]
fn rates_round_to_one_decimal() {
    assert_eq!(format_rate(38.888, Lang::Ja), "38.9%");
    assert_eq!(format_rate(100.0, Lang::En), "100.0%");
    assert_eq!(format_rate(-50.0, Lang::En), "-50.0%");
}

#[test]
fn numbers_typed_as_text_are_read_only_when_they_are_only_a_number() {
    let read = |s: &str| parse_number_text(s).map(|n| (n.value, n.decimals));
    assert_eq!(read("１２８"), Some((128.0, 0)));
    assert_eq!(read(" 128 "), Some((128.0, 0)));
    assert_eq!(read("\u{3000}１２８\u{3000}"), Some((128.0, 0)));
    assert_eq!(read("1,500"), Some((1500.0, 0)));
    assert_eq!(read("１，５００．０"), Some((1500.0, 1)));
    assert_eq!(read("66.1"), Some((66.1, 1)));
    assert_eq!(read("-3"), Some((-3.0, 0)));
    for not_a_number in ["150件", "約100", "1,50", "12.5.3", "", "-", "1e5", "NaN", "inf", ",100", "100,"] {
        assert_eq!(read(not_a_number), None, "{not_a_number}");
    }
}

#[test]
fn a_number_in_quotes_says_where_the_unit_goes() {
    let m = number_in_quotes_message("150件");
    assert!(m.get(Lang::En).contains("write value = 150 and put \"件\" in the indicator's unit field"), "{m:?}");
    assert!(m.get(Lang::Ja).contains("value = 150 と書き、「件」は指標の unit（単位）欄に"), "{m:?}");
    let m = number_in_quotes_message("1,000");
    assert!(m.get(Lang::En).contains("without quotes or commas"), "{m:?}");
    let m = number_in_quotes_message("充実");
    assert!(m.get(Lang::En).contains("text = \"充実\"") && m.get(Lang::Ja).contains("text = \"充実\""), "{m:?}");
}
