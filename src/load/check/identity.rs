//! The checks of what tells residents who publishes the site and how to reach them: the
//! city's site and the source report (web addresses), the logo (a picture in the site
//! root), and each department's contact (web address, e-mail, telephone).

use std::path::Path;

use crate::diagnostic::{Diagnostics, Source};
use crate::model::{SiteConfig, Vocabulary};
use crate::msg;
use crate::msg::Msg;

/// The largest logo kyodo copies into every build.
pub const LOGO_MAX_BYTES: u64 = 1024 * 1024;
/// The picture formats a logo may have, by extension.
pub const LOGO_EXTENSIONS: [&str; 5] = ["svg", "png", "jpg", "jpeg", "webp"];

/// A link residents follow: an absolute `https://` or `http://` address, nothing else.
pub fn check_web_link(u: &str) -> Result<(), Msg> {
    let lower = u.trim().to_ascii_lowercase();
    let scheme = lower.starts_with("https://") || lower.starts_with("http://");
    let bad = u.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`{}|^".contains(c));
    let host = u.split_once("://").map_or("", |(_, rest)| rest.split('/').next().unwrap_or(""));
    if scheme && !bad && !host.is_empty() {
        return Ok(());
    }
    Err(msg!(
        ja: "\"{u}\" はウェブのアドレスとして使えません。\nhttps:// で始まるアドレスを、空白や引用符を含めずに書いてください（例: \"https://www.city.example.lg.jp/\"）。",
        en: "\"{u}\" is not a web address kyodo can link to\nwrite an address that starts with https://, without spaces or quotes, e.g. \"https://www.city.example.lg.jp/\"",
    ))
}

/// The web addresses and the logo of `site.toml`.
pub(in crate::load) fn check_identity(src: &Source, root: &Path, config: &SiteConfig, diags: &mut Diagnostics) {
    let links = [("municipality.url", &config.municipality.url), ("source_url", &config.source_url)];
    for (key, link) in links {
        if let Some(link) = link
            && let Err(m) = check_web_link(link.get_ref())
        {
            diags.push(src.error(link.span(), key, m));
        }
    }
    if let Some(logo) = &config.logo
        && let Err(m) = check_logo(root, logo.get_ref())
    {
        diags.push(src.error(logo.span(), "logo", m));
    }
}

/// A logo: a relative path inside the site root, to a picture file of at most 1 MB.
fn check_logo(root: &Path, name: &str) -> Result<(), Msg> {
    let path = Path::new(name);
    let inside = path.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside || name.is_empty() {
        return Err(msg!(
            ja: "\"{name}\" はサイトのフォルダーの中のファイルを指していません。\nロゴの画像をサイトのフォルダー（content/ のあるフォルダー）に置き、そのファイル名を書いてください（例: logo = \"logo.svg\"）。",
            en: "\"{name}\" does not name a file inside the site folder\nput the logo in the site folder (the one holding content/) and write its file name, e.g. logo = \"logo.svg\"",
        ));
    }
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if !LOGO_EXTENSIONS.contains(&extension.as_str()) {
        let allowed = LOGO_EXTENSIONS.join(", ");
        return Err(msg!(
            ja: "\"{name}\" はロゴに使える画像の形式ではありません。\n{allowed} のどれかの形式の画像を使ってください。",
            en: "\"{name}\" is not a picture format a logo can have\nuse a picture in one of these formats: {allowed}",
        ));
    }
    let metadata = std::fs::symlink_metadata(root.join(path));
    match metadata {
        Ok(m) if m.is_file() && m.len() <= LOGO_MAX_BYTES => Ok(()),
        Ok(m) if m.is_file() => {
            let size = m.len();
            Err(msg!(
                ja: "ロゴの画像 \"{name}\" が大きすぎます（{size} バイト）。\n1 MB（1,048,576 バイト）以下の画像にしてください。SVG なら小さくできます。",
                en: "the logo \"{name}\" is too large ({size} bytes)\nuse a picture of at most 1 MB (1,048,576 bytes); an SVG is usually small",
            ))
        }
        _ => Err(msg!(
            ja: "ロゴの画像 \"{name}\" がサイトのフォルダーにありません。\nその名前のファイルをサイトのフォルダー（content/ のあるフォルダー）に置くか、logo の行を削除してください。",
            en: "the logo \"{name}\" is not in the site folder\nput a file of that name in the site folder (the one holding content/), or remove the logo line",
        )),
    }
}

/// Each department's contact: a web address, an e-mail address, a telephone number.
pub(in crate::load) fn check_contacts(src: &Source, vocabulary: &Vocabulary, diags: &mut Diagnostics) {
    for (i, d) in vocabulary.departments.iter().enumerate() {
        let at = |field: &str| format!("departments[{i}].{field}");
        if let Some(url) = &d.url
            && let Err(m) = check_web_link(url.get_ref())
        {
            diags.push(src.error(url.span(), &at("url"), m));
        }
        if let Some(email) = &d.email
            && let Err(m) = check_email(email.get_ref())
        {
            diags.push(src.error(email.span(), &at("email"), m));
        }
        if let Some(phone) = &d.phone
            && let Err(m) = check_phone(phone.get_ref())
        {
            diags.push(src.error(phone.span(), &at("phone"), m));
        }
    }
}

fn check_email(e: &str) -> Result<(), Msg> {
    let ok = e.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        && !e.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'<>()[]\\,;:".contains(c));
    if ok {
        return Ok(());
    }
    Err(msg!(
        ja: "\"{e}\" はメールアドレスとして読めません。\n課のメールアドレスを、空白を含めずに書いてください（例: \"shimin@city.example.lg.jp\"）。",
        en: "\"{e}\" is not an e-mail address\nwrite the department's address without spaces, e.g. \"shimin@city.example.lg.jp\"",
    ))
}

fn check_phone(p: &str) -> Result<(), Msg> {
    let digits = p.chars().filter(char::is_ascii_digit).count();
    let ok = digits >= 3 && p.chars().all(|c| c.is_ascii_digit() || "-+() ".contains(c));
    if ok {
        return Ok(());
    }
    Err(msg!(
        ja: "\"{p}\" は電話番号として読めません。\n半角の数字とハイフンで書いてください（例: \"0476-93-1111\"）。内線などの説明は書かないでください。",
        en: "\"{p}\" is not a telephone number\nwrite it in digits and hyphens, e.g. \"0476-93-1111\", without notes such as extensions",
    ))
}
