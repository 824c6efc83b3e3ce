//! `content/site.toml`: the site configuration.

use serde::{Deserialize, Serialize};

use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::msg;
use crate::msg::Msg;
use crate::text::Text;

/// The site configuration, as written in `content/site.toml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: Text,
    #[serde(default)]
    pub description: Option<Text>,
    #[schemars(with = "Vec<FiscalYear>")]
    pub reported_years: Vec<toml::Spanned<FiscalYear>>,
    #[serde(default = "default_language")]
    pub default_language: Lang,
    #[serde(default = "all_languages")]
    pub languages: Vec<Lang>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub base_url: Option<toml::Spanned<String>>,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// When the data was first published (YYYY-MM-DD), for catalogues.
    #[serde(default)]
    pub issued: Option<Date>,
    /// When the data last changed (YYYY-MM-DD), shown on every page and in catalogues.
    #[serde(default)]
    pub updated: Option<Date>,
    /// An image in the site root (SVG, PNG, JPEG or WebP, at most 1 MB), e.g. the city's
    /// emblem: shown beside the site's name and copied into the output.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub logo: Option<toml::Spanned<String>>,
    /// Where the printed report this site publishes can be found (https://…).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub source_url: Option<toml::Spanned<String>>,
    pub municipality: Municipality,
    pub plan: Plan,
    pub licence: Licence,
    pub publisher: Publisher,
}

fn default_language() -> Lang {
    Lang::Ja
}

fn all_languages() -> Vec<Lang> {
    Lang::ALL.to_vec()
}

fn default_theme() -> String {
    "default".to_owned()
}

/// A calendar date written YYYY-MM-DD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Date(String);

impl Date {
    pub fn parse(s: &str) -> Result<Date, Msg> {
        let b = s.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && s.chars().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        let month: u32 = s.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
        let day: u32 = s.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(0);
        if shape && (1..=12).contains(&month) && (1..=31).contains(&day) {
            Ok(Date(s.to_owned()))
        } else {
            Err(msg!(
                ja: "\"{s}\" は日付として読めません。\n日付は YYYY-MM-DD の形で書いてください（例: \"2024-06-30\"）。",
                en: "\"{s}\" is not a date\nwrite the date as YYYY-MM-DD, e.g. \"2024-06-30\"",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Date::parse(s.trim()).map_err(|m| serde::de::Error::custom(m.pack()))
    }
}

/// The municipality publishing the report.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    /// 全国地方公共団体コード, six digits with check digit.
    #[schemars(with = "String")]
    pub code: toml::Spanned<String>,
    pub name: Text,
    #[serde(default)]
    pub prefecture: Option<Text>,
    /// The city's own website (https://…), linked from every page.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<toml::Spanned<String>>,
}

/// The plan the report tracks.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub name: Text,
    #[serde(default)]
    pub start: Option<FiscalYear>,
    #[serde(default)]
    #[schemars(with = "Option<FiscalYear>")]
    pub end: Option<toml::Spanned<FiscalYear>>,
}

/// The licence of the published content and data.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    pub id: LicenceId,
    pub attribution: Text,
}

/// The licences a site can publish under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum LicenceId {
    /// 公共データ利用規約（第1.0版）, compatible with CC BY 4.0.
    #[serde(rename = "PDL-1.0")]
    Pdl1,
    #[serde(rename = "CC-BY-4.0")]
    CcBy4,
}

impl LicenceId {
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (LicenceId::Pdl1, Lang::Ja) => "公共データ利用規約（第1.0版）",
            (LicenceId::Pdl1, Lang::En) => "Public Data License (Version 1.0)",
            (LicenceId::CcBy4, Lang::Ja) => "クリエイティブ・コモンズ 表示 4.0 国際",
            (LicenceId::CcBy4, Lang::En) => "Creative Commons Attribution 4.0 International",
        }
    }

    pub fn url(self) -> &'static str {
        match self {
            LicenceId::Pdl1 => "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
            LicenceId::CcBy4 => "https://creativecommons.org/licenses/by/4.0/",
        }
    }

    pub fn spdx(self) -> &'static str {
        match self {
            LicenceId::Pdl1 => "PDL-1.0",
            LicenceId::CcBy4 => "CC-BY-4.0",
        }
    }

    /// The licence's id in the Open Definition list, which a data package's licence
    /// `name` must be; PDL 1.0 has none (it is named by its `path`).
    pub fn open_definition_id(self) -> Option<&'static str> {
        match self {
            LicenceId::Pdl1 => None,
            LicenceId::CcBy4 => Some("CC-BY-4.0"),
        }
    }

    /// What the licence says of CC BY 4.0, where it is another licence.
    pub fn cc_by_compatibility(self, lang: Lang) -> Option<&'static str> {
        match (self, lang) {
            (LicenceId::Pdl1, Lang::Ja) => Some(
                "CC BY 4.0（クリエイティブ・コモンズ 表示 4.0 国際）と互換性があり、CC BY 4.0 の条件でも利用できます。",
            ),
            (LicenceId::Pdl1, Lang::En) => Some(
                "Compatible with CC BY 4.0 (Creative Commons Attribution 4.0 International): the data may also be used under CC BY 4.0.",
            ),
            (LicenceId::CcBy4, _) => None,
        }
    }
}

/// Who publishes the site, and how to reach them.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    pub name: Text,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub address: Option<Text>,
}

/// An example of a good `base_url`, for help texts.
fn base_url_example() -> Msg {
    msg!(
        ja: "（例: base_url = \"https://www.city.example.lg.jp/kyodo/\"）",
        en: "e.g. base_url = \"https://www.city.example.lg.jp/kyodo/\"",
    )
}

/// Checks `base_url`: the absolute `http` or `https` address where `public/` is published.
/// It is written as it is into canonical links, the sitemap, `robots.txt` and the data
/// catalogue, so it must be a plain address: no spaces, quotes or markup, no user name or
/// password, no query or fragment, only characters a web address may hold.
pub fn check_base_url(u: &str) -> Result<(), Msg> {
    let trimmed = u.trim();
    if trimmed != u && check_base_url(trimmed).is_ok() {
        return Err(msg!(
            ja: "\"{u}\" はアドレスの前後に空白があります。\nbase_url = \"{trimmed}\" と書いてください。",
            en: "\"{u}\" has spaces around the address\nwrite base_url = \"{trimmed}\"",
        ));
    }
    let example = base_url_example();
    if let Some(c) = u.chars().find(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`{}|^".contains(*c)) {
        let name = match c {
            c if c.is_whitespace() => msg!(ja: "空白", en: "a space"),
            c if c.is_control() => msg!(ja: "制御文字", en: "a control character"),
            c => msg!(ja: "「{c}」", en: "「{c}」"),
        };
        return Err(msg!(
            ja: "\"{u}\" には、ウェブのアドレスに使えない{name}があります。\npublic/ を公開するアドレスだけを書いてください{example}。",
            en: "\"{u}\" contains {name}, which cannot be part of a web address\nwrite only the address where public/ is published, {example}",
            name = name,
            example = &example,
        ));
    }
    let lower = u.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(msg!(
            ja: "\"{u}\" は https:// か http:// で始まるアドレスではありません。\npublic/ を公開するアドレスを書いてください{example}。まだ決まっていなければ、このキーを削除してください。",
            en: "\"{u}\" is not an absolute web address\nwrite the address where public/ is published, {example}, or remove the key",
            example = &example,
        ));
    }
    let invalid = |why: Msg| {
        msg!(
            ja: "\"{u}\" はウェブのアドレスとして正しくありません（{why}）。\npublic/ を公開するアドレスを書いてください{example}。",
            en: "\"{u}\" is not a valid web address ({why})\nwrite the address where public/ is published, {example}",
            why = why,
            example = &example,
        )
    };
    let url = url::Url::parse(u).map_err(|e| invalid(msg!(ja: "詳細: {e}", en: "{e}")))?;
    // The parser forgives `https:///host`; the address as written must name its host.
    let written_host = u.split_once("://").map_or("", |(_, rest)| rest.split('/').next().unwrap_or(""));
    if written_host.is_empty() || url.host_str().is_none_or(str::is_empty) {
        return Err(invalid(msg!(ja: "ホスト名がありません", en: "it has no host name")));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(msg!(
            ja: "\"{u}\" にはユーザー名かパスワードが含まれています。\nユーザー名とパスワードを除いた、公開用のアドレスを書いてください{example}。",
            en: "\"{u}\" contains a user name or password\nwrite the public address without them, {example}",
            example = &example,
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(msg!(
            ja: "\"{u}\" には ?… や #… が付いています。\n? や # を付けずに、public/ を公開するフォルダーのアドレスを書いてください{example}。",
            en: "\"{u}\" has a query (?…) or a fragment (#…)\nwrite the address of the folder where public/ is published, without ? or #, {example}",
            example = &example,
        ));
    }
    if !u.is_ascii() {
        return Err(msg!(
            ja: "\"{u}\" には、ウェブのアドレスにそのままでは書けない文字（日本語など）が含まれています。\nbase_url = \"{url}\" と書いてください。",
            en: "\"{u}\" has characters that a web address must hold encoded\nwrite base_url = \"{url}\"",
        ));
    }
    Ok(())
}

/// Checks a 全国地方公共団体コード: five digits and a check digit.
///
/// The check digit is 11 − (Σ digit × weight mod 11) with weights 6, 5, 4, 3, 2, taking
/// the last digit of the result (so 10 → 0 and 11 → 1).
pub fn check_municipality_code(code: &str) -> Result<(), Msg> {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 6 || code.chars().count() != 6 {
        return Err(msg!(
            ja: "\"{code}\" は全国地方公共団体コードではありません。\n検査数字を含む6桁のコードを書いてください（例: 富里市は \"122360\"）。",
            en: "\"{code}\" is not a 全国地方公共団体コード\nwrite the 6-digit code including its check digit, e.g. \"122360\" for 富里市",
        ));
    }
    let sum: u32 = digits[..5].iter().zip([6, 5, 4, 3, 2]).map(|(d, w)| d * w).sum();
    let check = (11 - sum % 11) % 10;
    if digits[5] != check {
        let first_five = &code[..5];
        return Err(msg!(
            ja: "\"{code}\" の検査数字（最後の桁）は {check} のはずです。\n総務省が公表しているとおりにコードを書いてください: \"{first_five}{check}\"",
            en: "the check digit of \"{code}\" should be {check}\nwrite the code as published by the Ministry of Internal Affairs and Communications: \"{first_five}{check}\"",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_an_absolute_web_address_and_nothing_else() {
        for ok in [
            "https://www.city.example.lg.jp/kyodo/",
            "http://kyodo.example.jp",
            "https://example.jp:8443/a/b/",
            "HTTPS://EXAMPLE.JP/",
            "https://example.jp/%E5%B8%82/",
        ] {
            assert_eq!(check_base_url(ok), Ok(()), "{ok}");
        }
        let refused = [
            ("www.example.jp", "not an absolute web address"),
            ("/kyodo/", "not an absolute web address"),
            ("javascript:alert(1)", "not an absolute web address"),
            ("ftp://example.jp/", "not an absolute web address"),
            ("https:example.jp", "not an absolute web address"),
            ("https://", "not a valid web address"),
            ("https:///kyodo/", "not a valid web address"),
            ("https://exa mple.jp/", "contains a space"),
            (" https://example.jp/ ", "write base_url = \"https://example.jp/\""),
            ("https://example.jp/\"><script>", "contains 「\"」"),
            ("https://example.jp/<b>", "contains 「<」"),
            ("https://example.jp/'", "contains 「'」"),
            ("https://example.jp/\u{1b}[2J", "contains a control character"),
            ("https://user:secret@example.jp/", "user name or password"),
            ("https://example.jp/?page=1", "query"),
            ("https://example.jp/#top", "fragment"),
            ("https://example.jp/市政/", "write base_url = \"https://example.jp/%E5%B8%82%E6%94%BF/\""),
        ];
        for (bad, says) in refused {
            let message = check_base_url(bad).expect_err(bad);
            assert!(message.get(Lang::En).contains(says), "{bad}: {message:?}");
        }
    }

    #[test]
    fn municipality_codes_have_valid_check_digits() {
        for ok in ["122360", "092134", "131016", "011002"] {
            assert_eq!(check_municipality_code(ok), Ok(()), "{ok}");
        }
        let wrong = check_municipality_code("122361").unwrap_err();
        assert!(
            wrong.get(Lang::En).contains("should be 0") && wrong.get(Lang::Ja).contains("は 0 のはず"),
            "{wrong:?}"
        );
        assert!(check_municipality_code("12236").is_err());
        assert!(check_municipality_code("12236a").is_err());
    }
}
