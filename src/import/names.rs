//! Vocabulary entries as a sheet names them: departments, grades, partners and statuses by
//! their Japanese names, as the printed report shows them, and policies by code and title.
//! Export writes a name only where it names one entry; otherwise it writes the id, which
//! import reads too.

use std::collections::HashMap;

use crate::model::Vocabulary;

/// What separates the items of a list cell (主たる部署, 関係部署, 主な関連事業).
const LIST_SEPARATORS: [char; 6] = ['、', ',', '，', ';', '；', '\n'];
/// What may also separate partner labels: the printed reports write ③⑦ or ③・⑦.
const PARTNER_SEPARATORS: [char; 9] = ['、', ',', '，', ';', '；', '\n', '・', ' ', '\u{3000}'];

/// Name ↔ id lookups of one vocabulary.
pub struct Names<'a> {
    voc: &'a Vocabulary,
    departments: Lookup,
    grades: Lookup,
    partners: Lookup,
    statuses: Lookup,
}

/// Ids by name and names by id, for one kind of entry.
#[derive(Default)]
struct Lookup {
    by_name: HashMap<String, String>,
    /// The name to write for an id: `None` when the name does not name it alone.
    name_of: HashMap<String, Option<String>>,
}

impl Lookup {
    fn new<'v>(entries: impl Iterator<Item = (&'v str, &'v str)>, separators: &[char]) -> Lookup {
        let entries: Vec<(&str, &str)> = entries.collect();
        let mut count: HashMap<&str, usize> = HashMap::new();
        for (id, name) in &entries {
            *count.entry(name).or_default() += 1;
            *count.entry(id).or_default() += usize::from(id != name);
        }
        let mut l = Lookup::default();
        for (id, name) in &entries {
            l.by_name.entry((*name).to_owned()).or_insert_with(|| (*id).to_owned());
            let unique = count.get(name) == Some(&1)
                && !name.is_empty()
                && !name.contains(separators)
                && super::values::read_text(name).as_deref() == Some(*name);
            l.name_of.insert((*id).to_owned(), unique.then(|| (*name).to_owned()));
        }
        l
    }

    /// The id a cell names: by name first, then by id.
    fn id(&self, cell: &str) -> Option<String> {
        self.by_name.get(cell).cloned().or_else(|| self.name_of.contains_key(cell).then(|| cell.to_owned()))
    }

    fn cell(&self, id: &str) -> String {
        self.name_of.get(id).and_then(|n| n.clone()).unwrap_or_else(|| id.to_owned())
    }
}

impl<'a> Names<'a> {
    /// The lookups of `voc`.
    pub fn new(voc: &'a Vocabulary) -> Names<'a> {
        Names {
            voc,
            departments: Lookup::new(
                voc.departments.iter().map(|d| (d.id.get_ref().as_str(), d.name.ja.as_str())),
                &LIST_SEPARATORS,
            ),
            grades: Lookup::new(voc.grades.iter().map(|g| (g.id.get_ref().as_str(), g.label.as_str())), &[]),
            partners: Lookup::new(
                voc.partners.iter().map(|p| (p.id.get_ref().as_str(), p.label.as_str())),
                &PARTNER_SEPARATORS,
            ),
            statuses: Lookup::new(voc.statuses.iter().map(|s| (s.id.get_ref().as_str(), s.label.ja.as_str())), &[]),
        }
    }

    /// The department a cell names.
    pub fn department(&self, cell: &str) -> Option<String> {
        self.departments.id(cell)
    }

    /// The cell that names a department.
    pub fn department_cell(&self, id: &str) -> String {
        self.departments.cell(id)
    }

    /// The departments' names, for messages.
    pub fn department_names(&self) -> String {
        self.voc.departments.iter().map(|d| d.name.ja.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// The grade a 事業の評価 cell names.
    pub fn grade(&self, cell: &str) -> Option<String> {
        self.grades.id(cell)
    }

    /// The cell that names a grade.
    pub fn grade_cell(&self, id: &str) -> String {
        self.grades.cell(id)
    }

    /// The yearly-plan status a cell names.
    pub fn status(&self, cell: &str) -> Option<String> {
        self.statuses.id(cell)
    }

    /// The cell that names a yearly-plan status.
    pub fn status_cell(&self, id: &str) -> String {
        self.statuses.cell(id)
    }

    /// Partner ids of a cell such as ③⑦, ③・⑦ or 市民、事業者; the error lists what names no
    /// partner.
    pub fn partners(&self, cell: &str) -> Result<Vec<String>, Vec<String>> {
        let mut ids = Vec::new();
        let mut unknown = Vec::new();
        for part in cell.split(PARTNER_SEPARATORS).filter(|p| !p.is_empty() && !matches!(*p, "-" | "－")) {
            if let Some(id) = self.partners.id(part) {
                ids.push(id);
                continue;
            }
            for c in part.chars() {
                match self.partners.id(c.encode_utf8(&mut [0; 4])) {
                    Some(id) => ids.push(id),
                    None => unknown.push(c.to_string()),
                }
            }
        }
        if unknown.is_empty() { Ok(ids) } else { Err(unknown) }
    }

    /// Partners as the printed report writes them: ③⑦ when every label is one character,
    /// else separated by 、.
    pub fn partners_cell(&self, ids: &[&str]) -> String {
        let cells: Vec<String> = ids.iter().map(|id| self.partners.cell(id)).collect();
        if cells.iter().all(|c| c.chars().count() == 1) { cells.concat() } else { cells.join("、") }
    }

    /// The policy a 項目 cell names: by code, id, title, or code and title as printed.
    pub fn policy(&self, cell: &str) -> Option<String> {
        let cell = cell.replace([' ', '\u{3000}'], "");
        self.voc.goals.iter().flat_map(|g| g.policies.iter()).find_map(|p| {
            let title = p.title.as_ref().map(|t| t.ja.replace([' ', '\u{3000}'], "")).unwrap_or_default();
            let found = cell == p.code.ja
                || cell == p.id.get_ref().as_str()
                || (!title.is_empty() && (cell == title || cell == format!("{}{title}", p.code.ja)));
            found.then(|| p.id.get_ref().to_string())
        })
    }

    /// The 項目 cell of a policy: its code and title, as printed.
    pub fn policy_cell(&self, id: &str) -> String {
        match self.voc.policy(id) {
            Some((_, p)) => {
                let cell = format!("{}{}", p.code.ja, p.title.as_ref().map(|t| t.ja.as_str()).unwrap_or(""));
                if self.policy(&cell).as_deref() == Some(id) { cell } else { id.to_owned() }
            }
            None => id.to_owned(),
        }
    }

    /// Every policy as a 項目 cell, for messages.
    pub fn policy_names(&self) -> String {
        self.voc
            .goals
            .iter()
            .flat_map(|g| g.policies.iter())
            .map(|p| self.policy_cell(p.id.get_ref().as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The items of a list cell.
pub fn split_list(cell: &str) -> Vec<&str> {
    cell.split(LIST_SEPARATORS).map(|p| p.trim_matches([' ', '\u{3000}', '\t'])).filter(|p| !p.is_empty()).collect()
}

/// A list cell: items separated by 、.
pub fn list_cell(items: &[String]) -> String {
    items.join("、")
}
