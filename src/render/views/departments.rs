//! Department pages: the projects each department reports, leads or is involved in.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::load::Site;
use crate::model::Department;

use super::*;

/// A department page: the projects it reports, leads, or is involved in.
#[derive(Debug, Serialize)]
pub struct DepartmentView {
    pub id: String,
    pub name: LText,
    pub division: Option<LText>,
    pub href: String,
    pub project_count: usize,
    pub reporting: Vec<ProjectSummary>,
    pub leading: Vec<ProjectSummary>,
    pub related: Vec<ProjectSummary>,
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

pub fn department_view(site: &Site, d: &Department, groups: &DepartmentGroups, l: &Localizer) -> DepartmentView {
    let empty: [Vec<usize>; 3] = Default::default();
    let [reporting, leading, related] = groups.get(d.id.get_ref().as_str()).unwrap_or(&empty);
    let summaries = |list: &Vec<usize>| -> Vec<ProjectSummary> {
        list.iter().map(|&i| project_summary(site, &site.projects[i].record, l)).collect()
    };
    let r = department_ref(d, l);
    DepartmentView {
        id: r.id,
        name: r.name,
        division: r.division,
        href: r.href,
        project_count: reporting.len() + leading.len() + related.len(),
        reporting: summaries(reporting),
        leading: summaries(leading),
        related: summaries(related),
    }
}
