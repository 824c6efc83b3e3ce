//! Links and labels that many pages share: a department, a project in a list, a grade,
//! a partner, a yearly-plan status.

use serde::Serialize;

use crate::load::Site;
use crate::model::{Department, Project};
use crate::urls::Page;

use super::*;

/// A link to a department.
#[derive(Debug, Serialize)]
pub struct DepartmentRef {
    pub id: String,
    pub name: LText,
    pub division: Option<LText>,
    pub href: String,
}

pub fn department_ref(d: &Department, l: &Localizer) -> DepartmentRef {
    let id = d.id.get_ref().as_str();
    DepartmentRef {
        id: id.to_owned(),
        name: l.text(&d.name),
        division: l.opt_text(&d.division_of),
        href: Page::Department(id).path(l.lang),
    }
}

/// A link to the department with `id`, which the loader has checked exists.
pub fn department_by_id(site: &Site, id: &str, l: &Localizer) -> DepartmentRef {
    match site.vocabulary.department(id) {
        Some(d) => department_ref(d, l),
        // The loader has checked every department id; this arm is never taken.
        None => DepartmentRef {
            id: id.to_owned(),
            name: l.plain(id),
            division: None,
            href: Page::Department(id).path(l.lang),
        },
    }
}

/// A project in a list.
#[derive(Debug, Serialize)]
pub struct ProjectSummary {
    pub id: String,
    pub code: Option<String>,
    pub title: LText,
    pub href: String,
    pub department: LText,
}

pub fn project_summary(site: &Site, p: &Project, l: &Localizer) -> ProjectSummary {
    project_summary_in(site, p, l, None)
}

/// A project in a list, with its department's name in fiscal year `year` (its current
/// name without one).
pub fn project_summary_in(
    site: &Site,
    p: &Project,
    l: &Localizer,
    year: Option<crate::fiscal_year::FiscalYear>,
) -> ProjectSummary {
    let id = p.id.get_ref().as_str();
    let department = site.vocabulary.department(p.department.get_ref().as_str());
    ProjectSummary {
        id: id.to_owned(),
        code: p.code.clone(),
        title: l.text(p.title.get_ref()),
        href: Page::Project(id).path(l.lang),
        department: match (department, year) {
            (Some(d), Some(y)) => l.text(d.name_in(y)),
            _ => department_by_id(site, p.department.get_ref().as_str(), l).name,
        },
    }
}

#[derive(Debug, Serialize)]
pub struct StatusView {
    pub label: LText,
    pub description: Option<LText>,
}

#[derive(Debug, Serialize)]
pub struct GradeView {
    pub id: String,
    pub label: String,
    pub definition: Option<LText>,
}

#[derive(Debug, Serialize)]
pub struct PartnerView {
    pub label: String,
    pub name: Option<LText>,
}
