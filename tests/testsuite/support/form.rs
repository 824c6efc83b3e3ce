//! The values a browser would post from a form of the editor: its text boxes, hidden
//! fields, chosen options, ticked boxes and textareas, read from the page's HTML (which
//! kyodo writes with `escape::html`, so five entities are all there is to undo).

/// The named values of the controls of `html`, in page order, as a browser sends them
/// (without the submit buttons).
pub fn fields(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut select: Option<(String, Option<String>, Option<String>)> = None;
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('>') else { break };
        let (tag, attrs) = parse_tag(&rest[..close]);
        rest = &rest[close + 1..];
        let attr = |name: &str| attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        match tag.as_str() {
            "input" => {
                let Some(name) = attr("name") else { continue };
                match attr("type").as_deref().unwrap_or("text") {
                    "checkbox" | "radio" if attr("checked").is_none() => {}
                    "submit" | "button" => {}
                    "checkbox" | "radio" => out.push((name, attr("value").unwrap_or_else(|| "on".into()))),
                    _ => out.push((name, attr("value").unwrap_or_default())),
                }
            }
            "textarea" => {
                let end = rest.find("</textarea>").expect("a closed textarea");
                let text = &rest[..end];
                // A line break right after the start tag is not part of the value.
                let text = text.strip_prefix('\n').unwrap_or(text);
                out.push((attr("name").expect("a named textarea"), unescape(text)));
                rest = &rest[end..];
            }
            "select" => select = Some((attr("name").expect("a named select"), None, None)),
            "option" => {
                if let Some((_, first, chosen)) = select.as_mut() {
                    let value = attr("value").unwrap_or_default();
                    first.get_or_insert(value.clone());
                    if attr("selected").is_some() {
                        *chosen = Some(value);
                    }
                }
            }
            "/select" => {
                if let Some((name, first, chosen)) = select.take() {
                    out.push((name, chosen.or(first).unwrap_or_default()));
                }
            }
            _ => {}
        }
    }
    out
}

/// The tag name and attributes of the inside of a tag (`input type="text" name="a"`).
fn parse_tag(inside: &str) -> (String, Vec<(String, String)>) {
    let inside = inside.trim_end_matches('/');
    let (name, mut rest) = inside.split_once(char::is_whitespace).unwrap_or((inside, ""));
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let key_end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let key = rest[..key_end].to_owned();
        rest = &rest[key_end..];
        if let Some(after) = rest.strip_prefix("=\"") {
            let end = after.find('"').expect("a closed attribute value");
            attrs.push((key, unescape(&after[..end])));
            rest = &after[end + 1..];
        } else {
            attrs.push((key, String::new()));
        }
    }
    (name.to_ascii_lowercase(), attrs)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'").replace("&amp;", "&")
}

/// The fields with `name` set to `value` (it must be there).
pub fn with(mut fields: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    let field = fields.iter_mut().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no field {name}"));
    field.1 = value.to_owned();
    fields
}

/// The value of `name`.
pub fn value<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("no field {name}"))
}

/// The fields as a form body.
pub fn encode(fields: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&percent(k));
        out.push('=');
        out.push_str(&percent(v));
    }
    out
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            b => format!("%{b:02X}"),
        })
        .collect()
}
