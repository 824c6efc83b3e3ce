//! The home page: the verdicts summed up by goal and policy, the dashboard of verdicts and
//! indicator statuses, and (on a site small enough) every project under its policy.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::load::Site;
use crate::urls::Page;
use crate::verdict::Status;

use super::*;

/// Sites with at most this many projects list them on the home page; larger ones link to
/// the policy pages instead, so the home page stays small.
pub const HOME_LIST_LIMIT: usize = 100;

/// A goal with its policies, for the home page.
#[derive(Debug, Serialize)]
pub struct GoalView {
    pub name: SectionName,
    pub project_count: usize,
    pub tally: Vec<CountRow>,
    pub policies: Vec<PolicyView>,
}

#[derive(Debug, Serialize)]
pub struct PolicyView {
    pub name: SectionName,
    pub href: String,
    pub project_count: usize,
    /// How many of its projects have each verdict.
    pub tally: Vec<CountRow>,
    /// Its projects, where the site is small enough to list them here.
    pub projects: Vec<ProjectSummary>,
}

/// A verdict and how many projects (or indicators) have it.
#[derive(Debug, Clone, Serialize)]
pub struct CountRow {
    pub badge: VerdictView,
    pub count: usize,
    /// The count as a share of the largest count, 0–100, for the width of its bar.
    pub bar: usize,
    /// The page of the projects with it (grades).
    pub href: Option<String>,
}

/// Counts verdict badges, in rank order, with bars scaled to the largest count.
fn tally<'a>(badges: impl Iterator<Item = &'a VerdictView>, l: &Localizer) -> Vec<CountRow> {
    let mut counts: BTreeMap<(usize, String), (usize, &VerdictView)> = BTreeMap::new();
    for b in badges {
        counts.entry((b.rank, b.key.clone())).or_insert((0, b)).0 += 1;
    }
    let max = counts.values().map(|(n, _)| *n).max().unwrap_or(0).max(1);
    counts
        .into_values()
        .map(|(count, badge)| CountRow {
            href: badge.key.strip_prefix("grade-").map(|id| Page::Grade(id).path(l.lang)),
            badge: badge.clone(),
            count,
            bar: (count * 100).div_ceil(max),
        })
        .collect()
}

/// The plan's goals and policies with the verdicts of their projects, from the cards of a
/// list (all projects, or a year's); each policy lists its projects on a small site.
pub fn plan_tree(site: &Site, cards: &[ProjectCard], l: &Localizer) -> Vec<GoalView> {
    let list = cards.len() <= HOME_LIST_LIMIT;
    site.vocabulary
        .goals
        .iter()
        .map(|g| {
            let policies: Vec<PolicyView> = g
                .policies
                .iter()
                .map(|p| {
                    let name = policy_name(p, l);
                    let mine: Vec<&ProjectCard> = cards.iter().filter(|c| c.policy == name.id).collect();
                    PolicyView {
                        href: Page::Policy(&name.id).path(l.lang),
                        project_count: mine.len(),
                        tally: tally(mine.iter().map(|c| &c.summary.verdict), l),
                        projects: if list { mine.iter().map(|c| c.summary.clone()).collect() } else { Vec::new() },
                        name,
                    }
                })
                .collect();
            let ids: Vec<&str> = g.policies.iter().map(|p| p.id.get_ref().as_str()).collect();
            let mine = cards.iter().filter(|c| ids.contains(&c.policy.as_str()));
            GoalView {
                name: goal_name(g, l),
                project_count: mine.clone().count(),
                tally: tally(mine.map(|c| &c.summary.verdict), l),
                policies,
            }
        })
        .collect()
}

/// The home dashboard: the projects by verdict and the indicators by status.
#[derive(Debug, Serialize)]
pub struct Dashboard {
    /// Whether the verdicts are the city's grades (else statuses judged from indicators).
    pub graded: bool,
    pub verdicts: Vec<CountRow>,
    pub indicators: Vec<CountRow>,
    pub indicator_count: usize,
}

/// The dashboard of a list of cards (all projects, or a year's).
pub fn dashboard(site: &Site, cards: &[ProjectCard], l: &Localizer) -> Dashboard {
    let statuses: Vec<VerdictView> = cards.iter().flat_map(|c| c.indicators.iter().map(|i| i.status.clone())).collect();
    let mut indicators = tally(statuses.iter(), l);
    for s in Status::ALL {
        with_zero(&mut indicators, status_view(s, None, l), None);
    }
    let mut verdicts = tally(cards.iter().map(|c| &c.summary.verdict), l);
    for g in &site.vocabulary.grades {
        let badge = verdict_view(site, &crate::verdict::Verdict::Grade(g), l);
        with_zero(&mut verdicts, badge, Some(Page::Grade(g.id.get_ref().as_str()).path(l.lang)));
    }
    if site.vocabulary.grades.is_empty() {
        for s in Status::ALL {
            let status = crate::verdict::ProjectStatus { status: s, reason: None };
            with_zero(&mut verdicts, verdict_view(site, &crate::verdict::Verdict::Indicators(status), l), None);
        }
    }
    Dashboard { graded: !site.vocabulary.grades.is_empty(), verdicts, indicators, indicator_count: statuses.len() }
}

/// Lists a verdict with 0 where nothing has it, in its place by rank.
fn with_zero(rows: &mut Vec<CountRow>, badge: VerdictView, href: Option<String>) {
    if !rows.iter().any(|r| r.badge.key == badge.key) {
        let at = rows.iter().position(|r| r.badge.rank > badge.rank).unwrap_or(rows.len());
        rows.insert(at, CountRow { badge, count: 0, bar: 0, href });
    }
}
