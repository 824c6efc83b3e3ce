//! The printed forms of the fields that hold more than one thing: the project's number
//! before its name (`① 市民活動…`), the lead departments and their note
//! (`市民活動推進課 (市民活動サポートセンター)`), related projects by their printed codes
//! (`1-(2)-①市民が市民活動を支える仕組みづくり`), and lists of departments separated by
//! spaces or 、. Export writes each form and reads it back before using it.

use crate::msg;
use crate::msg::Msg;
use crate::slug::Slug;

use super::super::names::{Names, split_list};
use super::super::values::read_text;

/// The number a circled digit stands for: ① to ⑳, ㉑ to ㊿.
pub fn circled(c: char) -> Option<u32> {
    match c {
        '\u{2460}'..='\u{2473}' => Some(c as u32 - 0x2460 + 1),
        '\u{3251}'..='\u{325F}' => Some(c as u32 - 0x3251 + 21),
        '\u{32B1}'..='\u{32BF}' => Some(c as u32 - 0x32B1 + 36),
        _ => None,
    }
}

/// The project's number before its name, and the name: `① 市民活動…` → (①, `市民活動…`). A
/// cell beginning with `'` has no number.
pub fn leading_number(cell: &str) -> Option<(char, &str)> {
    let t = cell.trim_start_matches([' ', '\u{3000}', '\t']);
    let c = t.chars().next()?;
    circled(c)?;
    Some((c, t[c.len_utf8()..].trim_start_matches([' ', '\u{3000}', '\t'])))
}

/// 主たる部署 as printed: the departments, and the note in brackets at the end.
pub fn lead_cell(cell: &str) -> (String, Option<String>) {
    let Some(t) = read_text(cell) else { return (String::new(), None) };
    let t = t.trim_end();
    let Some(last) = t.chars().last().filter(|c| matches!(c, ')' | '）')) else { return (t.to_owned(), None) };
    let mut depth = 0i32;
    for (i, c) in t.char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' => {
                depth -= 1;
                if depth == 0 {
                    let inner = &t[i + c.len_utf8()..t.len() - last.len_utf8()];
                    return (t[..i].trim_end().to_owned(), Some(inner.to_owned()));
                }
            }
            _ => {}
        }
    }
    (t.to_owned(), None)
}

/// The items of a list of departments: separated by 、 , ; or line breaks, or by spaces
/// where an item with spaces is no department's name.
pub fn department_items<'c>(names: &Names<'_>, cell: &'c str) -> Vec<&'c str> {
    let mut items = Vec::new();
    for item in split_list(cell) {
        if names.department(item).is_some() {
            items.push(item);
        } else {
            items.extend(item.split([' ', '\u{3000}', '\t']).filter(|p| !p.is_empty()));
        }
    }
    items
}

/// 主な関連事業: projects by their printed code (with or without the name after it), or
/// by their ID. `codes` maps codes to IDs, longest first.
pub fn related_cell(cell: &str, codes: &[(String, String)]) -> Result<Vec<String>, Msg> {
    let Some(t) = read_text(cell) else { return Ok(Vec::new()) };
    let mut ids = Vec::new();
    let mut starts = true;
    let mut rest = t.as_str();
    let mut first = true;
    while !rest.is_empty() {
        let found = if starts { codes.iter().find(|(code, _)| rest.starts_with(code.as_str())) } else { None };
        if let Some((code, id)) = found {
            ids.push(id.clone());
            rest = &rest[code.len()..];
            first = false;
            starts = false;
            continue;
        }
        if first {
            break;
        }
        let c = rest.chars().next().unwrap_or(' ');
        starts = c.is_whitespace() || matches!(c, '、' | ',' | '，' | ';' | '；');
        rest = &rest[c.len_utf8()..];
    }
    if !first {
        return Ok(ids);
    }
    // No code at the start: IDs.
    let mut ids = Vec::new();
    for item in split_list(&t) {
        match Slug::parse(item) {
            Ok(_) => ids.push(item.to_owned()),
            Err(_) => {
                let example = codes.first().map_or("1-(2)-①", |(c, _)| c.as_str());
                return Err(msg!(
                    ja: "関連する事業は、それぞれ報告書に印刷されているコード（例: {example}）かIDで書いてください。\"{item}\" に当たる事業がありません。",
                    en: "\"{item}\" names no project: write the printed code of each related project (e.g. {example}), or its ID",
                ));
            }
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_before_names() {
        assert_eq!(leading_number("① 市民活動"), Some(('①', "市民活動")));
        assert_eq!(leading_number("⑫市民活動"), Some(('⑫', "市民活動")));
        assert_eq!(leading_number("市民活動"), None);
        assert_eq!(leading_number("'① 市民活動"), None);
    }

    #[test]
    fn lead_departments_and_their_note() {
        assert_eq!(
            lead_cell("市民活動推進課 (市民活動サポートセンター)"),
            ("市民活動推進課".into(), Some("市民活動サポートセンター".into()))
        );
        assert_eq!(lead_cell("広報情報課"), ("広報情報課".into(), None));
        assert_eq!(lead_cell("A課（B（仮）室）"), ("A課".into(), Some("B（仮）室".into())));
    }

    #[test]
    fn related_projects_by_code_or_id() {
        let codes = vec![("1-(2)-①".to_owned(), "1-2-1".to_owned()), ("2-(2)-①".to_owned(), "2-2-1".to_owned())];
        assert_eq!(related_cell("1-(2)-①市民が市民活動を支える仕組みづくり", &codes).unwrap(), ["1-2-1"]);
        assert_eq!(related_cell("1-(2)-①市民が 2-(2)-①異分野、異世代", &codes).unwrap(), ["1-2-1", "2-2-1"]);
        assert_eq!(related_cell("1-2-1、2-2-1", &codes).unwrap(), ["1-2-1", "2-2-1"]);
        assert!(related_cell("1-(9)-⑨ない事業", &codes).is_err());
        assert_eq!(related_cell("", &codes).unwrap(), Vec::<String>::new());
    }
}
