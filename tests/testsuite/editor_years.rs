//! The editor on a site with a frozen edition (`tests/fixtures/years`): a save that changes
//! what the edition published is refused with `kyodo check`'s own message, writing
//! nothing, and saved once the form has the matching correction; `reported_in` and a
//! correction's edition are choices of the site's years.

use std::fs;

use crate::editor::{check_says, form, plus, post};
use crate::serve::start_in;
use crate::support::form::{fields, value, with};
use crate::support::{TestSite, repo};

const RECORD: &str = "content/projects/1-2-1.toml";

#[test]
fn a_changed_frozen_value_is_refused_until_the_form_has_its_correction() {
    let fixture = repo().join("tests/fixtures/years");
    let site = TestSite::copy_of(&fixture);
    let record = site.path().join(RECORD);
    let before = fs::read_to_string(&record).unwrap();
    let server = start_in("ja", site.path());
    let port = server.port;
    let opened = form(port, "/__kyodo/edit/1-2-1");
    assert_eq!(value(&opened, "indicators[0].actuals[1].value"), "31");
    let changed = with(opened, "indicators[0].actuals[1].value", "32");
    let refused = post(port, "/__kyodo/edit/1-2-1", &plus(changed.clone(), "_action", "save"));
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(fs::read_to_string(&record).unwrap(), before, "nothing written");
    // The same words as `kyodo check` on the record changed that way, at the field.
    let elsewhere = TestSite::copy_of(&fixture);
    let written = before.replacen("{ year = \"R5\", value = 31 }", "{ year = \"R5\", value = 32 }", 1);
    assert_ne!(written, before);
    fs::write(elsewhere.path().join(RECORD), written).unwrap();
    let check = check_says(elsewhere.path(), "ja");
    let fix = check.lines().find_map(|l| l.trim().strip_prefix("直し方: ")).unwrap_or_else(|| panic!("{check}"));
    let found = check.lines().find_map(|l| l.trim().strip_prefix("内容: ")).unwrap();
    assert!(found.contains("31 → 32"), "{check}");
    let escape = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    assert!(refused.body.contains(&escape(fix)) && refused.body.contains(&escape(found)), "{check}\n{}", refused.body);
    assert!(refused.body.contains("href=\"#f-indicators-0-actuals-1-value\""), "the summary links to the field");
    assert!(refused.body.contains("保存しませんでした。"));

    // The form offers a correction: its edition is a choice of the frozen editions, the
    // values' reported_in of the reported years.
    let added = post(port, "/__kyodo/edit/1-2-1", &plus(changed, "_add", "corrections"));
    assert_eq!(added.status, 200, "{}", added.body);
    assert!(added.body.contains("<legend>訂正 1</legend>"), "{}", added.body);
    for label in ["訂正日", "対象の確定版", "項目", "訂正前", "訂正後", "理由", "記載した報告"]
    {
        assert!(added.body.contains(label), "{label}");
    }
    let edition = added.body.split("name=\"corrections[0].edition\"").nth(1).unwrap();
    let edition = &edition[..edition.find("</select>").unwrap()];
    assert!(edition.contains("<option value=\"R5\">令和5年度"), "{edition}");
    assert!(!edition.contains("value=\"R4\""), "only frozen years: {edition}");
    let reported = added.body.split("name=\"indicators[0].actuals[1].reported_in\"").nth(1).unwrap();
    let reported = &reported[..reported.find("</select>").unwrap()];
    for year in ["R4", "R5", "R6"] {
        assert!(reported.contains(&format!("<option value=\"{year}\">")), "{reported}");
    }
    assert_eq!(fs::read_to_string(&record).unwrap(), before, "adding a row writes nothing");
    let mut corrected = fields(&added.body);
    for (name, v) in [
        ("corrections[0].date", "2024-10-01"),
        ("corrections[0].edition", "R5"),
        ("corrections[0].field", "indicators.articles.actuals.R5"),
        ("corrections[0].old", "31"),
        ("corrections[0].new", "32"),
        ("corrections[0].reason.ja", "掲載件数の数え誤り"),
    ] {
        corrected = with(corrected, name, v);
    }
    let saved = post(port, "/__kyodo/edit/1-2-1", &plus(corrected, "_action", "save"));
    assert_eq!(saved.status, 303, "{}", saved.body);
    let after = fs::read_to_string(&record).unwrap();
    let expected = before.replacen("{ year = \"R5\", value = 31 }", "{ year = \"R5\", value = 32 }", 1)
        + "\n[[corrections]]\ndate = \"2024-10-01\"\nedition = \"R5\"\nfield = \"indicators.articles.actuals.R5\"\nold = 31\nnew = 32\nreason = \"掲載件数の数え誤り\"\n";
    assert_eq!(after, expected);
    let check = check_says(site.path(), "ja");
    assert!(!check.contains("エラー"), "the saved record checks: {check}");
}
