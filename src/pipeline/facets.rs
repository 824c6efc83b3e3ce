//! The facet files of long lists: where a list is split into pages, the filters and the
//! sorting of its first page work across all of them by loading, for each value of a
//! filter, the projects that have it (`assets/search/facets/<scope>/<name>.js`), and the
//! titles from the search index's document shards. A list of one page filters its own cards.
//!
//! Projects are given by their position in plan order, which is also their number in the
//! search index; a file holds the gaps between successive positions in base 36
//! (`"1,1,1,a"` is 0, 1, 2, 12), so a value held by every project of a 100,000-project
//! site takes about 200 KB, and most take a few kilobytes.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostics;
use crate::output::Sink;
use crate::render::{LangContext, views};
use crate::urls;

/// Writes the facet files of every list of the site that has more than one page.
pub fn facet_files(languages: &[LangContext], sink: &dyn Sink) -> Result<(), Diagnostics> {
    let Some(ctx) = languages.first() else { return Ok(()) };
    let mut lists: Vec<(String, &[views::ProjectCard])> = vec![("latest".to_owned(), &ctx.cards[..])];
    lists.extend(ctx.years.iter().map(|y| (y.year.year().to_string(), &y.cards[..])));
    for (scope, cards) in lists {
        if cards.len() <= views::PAGE_SIZE {
            continue;
        }
        for (name, positions) in sets(cards) {
            let script = format!("window.kyodoFacets.add({:?}, {:?}, {:?});\n", scope, name, encode(&positions));
            let path = urls::facet_file(&scope, &name);
            sink.put(&path, script.into_bytes()).map_err(|e| super::write_error(&path, e))?;
        }
    }
    Ok(())
}

/// The projects of each value of each filter, and `all`.
fn sets(cards: &[views::ProjectCard]) -> BTreeMap<String, Vec<usize>> {
    let mut sets: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for c in cards {
        let mut names = vec!["all".to_owned(), format!("status-{}", c.status), format!("policy-{}", c.policy)];
        names.push(format!("department-{}", c.department_id));
        names.extend(c.grade.iter().map(|g| format!("grade-{g}")));
        names.extend(c.partners.split(' ').filter(|p| !p.is_empty()).map(|p| format!("partner-{p}")));
        for name in names {
            sets.entry(name).or_default().push(c.position);
        }
    }
    sets
}

/// Ascending positions as the gaps between them in base 36, the first from −1.
fn encode(positions: &[usize]) -> String {
    let mut out = String::with_capacity(positions.len() * 2);
    let mut previous: Option<usize> = None;
    for &p in positions {
        let gap = previous.map_or(p + 1, |q| p - q);
        if previous.is_some() {
            out.push(',');
        }
        out.push_str(&base36(gap));
        previous = Some(p);
    }
    out
}

fn base36(mut n: usize) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut digits = Vec::new();
    loop {
        digits.push(DIGITS[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| d as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The browser adds each gap to the previous position, starting from −1.
    fn decode(s: &str) -> Vec<usize> {
        let mut at: i64 = -1;
        s.split(',')
            .filter(|g| !g.is_empty())
            .map(|g| {
                at += i64::from_str_radix(g, 36).unwrap();
                at as usize
            })
            .collect()
    }

    #[test]
    fn positions_are_written_as_gaps_in_base_36() {
        assert_eq!(encode(&[0, 1, 2, 12]), "1,1,1,a");
        for positions in [vec![], vec![0], vec![5, 6, 100, 99_999], (0..1000).step_by(7).collect()] {
            assert_eq!(decode(&encode(&positions)), positions);
        }
    }
}
