//! Department pages: the projects each department reports, leads or is involved in.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::load::Site;
use crate::model::Department;

use super::*;

/// A department page: its contact, and the projects it reports, leads, or is involved
/// in (one page of them: the list is split as every list is).
#[derive(Debug, Serialize)]
pub struct DepartmentView {
    pub department: DepartmentRef,
    pub project_count: usize,
    /// This page's part of each list, in the order reporting, leading, related.
    pub sections: Vec<DepartmentSection>,
    pub pager: Option<Pager>,
}

#[derive(Debug, Serialize)]
pub struct DepartmentSection {
    /// `reporting`, `leading` or `related`: the key of its heading among the UI strings.
    pub role: &'static str,
    pub projects: Vec<ProjectSummary>,
}

/// How many projects a department's pages list.
pub fn department_list_len(groups: &DepartmentGroups, id: &str) -> usize {
    groups.get(id).map_or(0, |lists| lists.iter().map(Vec::len).sum())
}

/// Which projects each department reports, leads or is involved in: department id →
/// (reporting, leading, related) project indexes, computed once for all department pages.
pub type DepartmentGroups = BTreeMap<String, [Vec<usize>; 3]>;

pub fn department_groups(site: &Site) -> DepartmentGroups {
    let mut groups: DepartmentGroups = BTreeMap::new();
    for (i, f) in site.projects.iter().enumerate() {
        let p = &f.record;
        let dept = p.department.get_ref().to_string();
        groups.entry(dept.clone()).or_default()[0].push(i);
        for lead in &p.lead_departments {
            if *lead.get_ref().as_str() != *dept {
                groups.entry(lead.get_ref().to_string()).or_default()[1].push(i);
            }
        }
        for rel in &p.related_departments {
            groups.entry(rel.get_ref().to_string()).or_default()[2].push(i);
        }
    }
    for lists in groups.values_mut() {
        for list in lists.iter_mut() {
            list.dedup();
        }
    }
    groups
}

/// Page `page` of a department's projects, with their verdicts from `cards`.
pub fn department_view(
    d: &Department,
    groups: &DepartmentGroups,
    cards: &[ProjectCard],
    page: usize,
    l: &Localizer,
) -> DepartmentView {
    let empty: [Vec<usize>; 3] = Default::default();
    let lists = groups.get(d.id.get_ref().as_str()).unwrap_or(&empty);
    let count: usize = lists.iter().map(Vec::len).sum();
    let shown = page_range(page, count);
    let mut sections = Vec::new();
    let mut start = 0;
    for (role, list) in ["reporting", "leading", "related"].into_iter().zip(lists) {
        let (from, to) = (shown.start.max(start), shown.end.min(start + list.len()));
        if from < to {
            let projects = list[from - start..to - start].iter().map(|&i| cards[i].summary.clone()).collect();
            sections.push(DepartmentSection { role, projects });
        }
        start += list.len();
    }
    let r = department_ref(d, l);
    DepartmentView {
        pager: pager(&crate::urls::Page::Department(&r.id).in_lang(), l.lang, page, count),
        department: r,
        project_count: count,
        sections,
    }
}
