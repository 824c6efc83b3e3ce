//! `content/vocabulary.toml`: lists defined once and referred to by id from records.

use serde::Deserialize;

use crate::slug::Slug;
use crate::text::Text;

/// The shared vocabulary of a site.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    #[serde(default)]
    pub departments: Vec<Department>,
    #[serde(default)]
    pub goals: Vec<Goal>,
    #[serde(default)]
    pub grades: Vec<Grade>,
    #[serde(default)]
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub statuses: Vec<Status>,
}

/// A department (部等名 / 課等名).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    #[schemars(with = "Slug")]
    pub id: toml::Spanned<Slug>,
    pub name: Text,
    #[serde(default)]
    pub division_of: Option<Text>,
    #[serde(default)]
    pub url: Option<String>,
    /// Names the department had before it was renamed, oldest first: each is used for the
    /// fiscal years up to and including its `until`, `name` after the last of them.
    #[serde(default)]
    pub former_names: Vec<crate::model::FormerName>,
}

impl Department {
    /// The name the department had in fiscal year `year`.
    pub fn name_in(&self, year: crate::fiscal_year::FiscalYear) -> &Text {
        self.former_names.iter().find(|f| year <= *f.until.get_ref()).map_or(&self.name, |f| &f.name)
    }
}

/// A basic goal (基本目標) of the plan.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    #[schemars(with = "Slug")]
    pub id: toml::Spanned<Slug>,
    pub code: String,
    #[serde(default)]
    pub title: Option<Text>,
    #[serde(default)]
    pub policies: Vec<Policy>,
}

/// A policy (施策) under a basic goal; projects belong to one.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    #[schemars(with = "Slug")]
    pub id: toml::Spanned<Slug>,
    pub code: String,
    #[serde(default)]
    pub title: Option<Text>,
}

/// An evaluation grade (事業の評価).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    #[schemars(with = "Slug")]
    pub id: toml::Spanned<Slug>,
    pub label: String,
    #[serde(default)]
    pub definition: Option<Text>,
}

/// A partner category (協働の相手).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    #[schemars(with = "Slug")]
    pub id: toml::Spanned<Slug>,
    pub label: String,
    #[serde(default)]
    pub name: Option<Text>,
}

/// A yearly-plan status (年次計画: 実施, →, 検討 …).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Status {
    #[schemars(with = "Slug")]
    pub id: toml::Spanned<Slug>,
    pub label: Text,
    #[serde(default)]
    pub description: Option<Text>,
}

impl Vocabulary {
    pub fn department(&self, id: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.id.get_ref().as_str() == id)
    }

    pub fn grade(&self, id: &str) -> Option<&Grade> {
        self.grades.iter().find(|g| g.id.get_ref().as_str() == id)
    }

    pub fn partner(&self, id: &str) -> Option<&Partner> {
        self.partners.iter().find(|p| p.id.get_ref().as_str() == id)
    }

    pub fn status(&self, id: &str) -> Option<&Status> {
        self.statuses.iter().find(|s| s.id.get_ref().as_str() == id)
    }

    /// The policy with this id and the goal it belongs to.
    pub fn policy(&self, id: &str) -> Option<(&Goal, &Policy)> {
        self.goals.iter().find_map(|g| g.policies.iter().find(|p| p.id.get_ref().as_str() == id).map(|p| (g, p)))
    }

    /// Position of a policy in plan order, for sorting projects.
    pub fn policy_position(&self, id: &str) -> usize {
        self.goals
            .iter()
            .flat_map(|g| g.policies.iter())
            .position(|p| p.id.get_ref().as_str() == id)
            .unwrap_or(usize::MAX)
    }
}
