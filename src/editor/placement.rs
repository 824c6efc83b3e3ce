//! Where the check's problems go in the form: every control by name, in page order and in
//! the clerk's words, and each problem put at the control of its name.

use std::collections::BTreeMap;

use super::view::{Control, Problem};

/// A control of a view by name: its element's id, and where it is in the clerk's words
/// (`成果を示す指標 › 指標 1 › 目標値 › 数値`), for the summary of problems.
#[derive(Debug, Clone)]
pub struct Named {
    pub name: String,
    pub id: String,
    pub place: String,
}

/// Every control of a view, in page order.
pub fn names(controls: &[Control], trail: &str, out: &mut Vec<Named>) {
    let within = |label: &str| if trail.is_empty() { label.to_owned() } else { format!("{trail} › {label}") };
    for c in controls {
        let place = within(&c.label);
        match c.kind {
            "text" | "markdown" => out.extend(c.langs.iter().map(|l| Named {
                name: l.name.clone(),
                id: l.id.clone(),
                place: format!("{place} ({})", l.label),
            })),
            "group" | "years" => {
                names(&c.children, &place, out);
                names(&c.more, &place, out);
            }
            "rows" => {
                out.push(Named { name: c.name.clone(), id: c.id.clone(), place: place.clone() });
                for r in &c.rows {
                    names(&r.children, &format!("{place} › {}", r.legend), out);
                    names(&r.more, &format!("{place} › {}", r.legend), out);
                }
            }
            _ => out.push(Named { name: c.name.clone(), id: c.id.clone(), place }),
        }
    }
}

/// Puts each problem at the control of its name.
pub fn attach(controls: &mut [Control], problems: &BTreeMap<String, Vec<Problem>>) {
    for c in controls {
        if let Some(p) = problems.get(&c.name) {
            c.problems = p.clone();
        }
        for l in &mut c.langs {
            if let Some(p) = problems.get(&l.name) {
                l.problems = p.clone();
            }
        }
        attach(&mut c.children, problems);
        attach(&mut c.more, problems);
        c.more_open = c.more.iter().any(has_problems);
        for r in &mut c.rows {
            attach(&mut r.children, problems);
            attach(&mut r.more, problems);
            r.more_open = r.more.iter().any(has_problems);
        }
    }
}

/// Whether a control or one inside it shows a problem.
fn has_problems(c: &Control) -> bool {
    !c.problems.is_empty()
        || c.langs.iter().any(|l| !l.problems.is_empty())
        || c.children.iter().chain(&c.more).any(has_problems)
        || c.rows.iter().any(|r| r.children.iter().chain(&r.more).any(has_problems))
}
