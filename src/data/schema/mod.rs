//! The one description of every open-data table.
//!
//! The CSV writer, `datapackage.json` and the column documentation on the data page are all
//! generated from these definitions, so they cannot disagree.

mod codes;
mod tables;

/// The type of a column, as Frictionless Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Text,
    Integer,
    Number,
    /// A Gregorian year (the fiscal year's starting year).
    Year,
    /// Several values in one cell, separated by `;` (Table Schema v2 `list`).
    List,
    /// A calendar date, YYYY-MM-DD.
    Date,
}

impl FieldType {
    pub fn frictionless(self) -> &'static str {
        match self {
            FieldType::Text => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Year => "year",
            FieldType::List => "list",
            FieldType::Date => "date",
        }
    }
}

/// The separator of list cells.
pub const LIST_DELIMITER: &str = ";";

/// One column of a table.
#[derive(Debug, Clone)]
pub struct Column {
    /// The header in the CSV file: Japanese, as in the 自治体標準オープンデータセット; the
    /// English companion of a text column carries the suffix `_英字`.
    pub name: String,
    pub kind: FieldType,
    /// English title, for portals and the English data page.
    pub title_en: String,
    pub description_ja: String,
    pub description_en: String,
    pub required: bool,
    /// The values allowed, if the column is an enumeration.
    pub allowed: Vec<&'static str>,
    /// A regular expression every value matches.
    pub pattern: Option<&'static str>,
}

impl Column {
    fn new(name: &str, kind: FieldType, title_en: &str, description_ja: &str, description_en: &str) -> Column {
        Column {
            name: name.to_owned(),
            kind,
            title_en: title_en.to_owned(),
            description_ja: description_ja.to_owned(),
            description_en: description_en.to_owned(),
            required: false,
            allowed: Vec::new(),
            pattern: None,
        }
    }

    fn required(mut self) -> Column {
        self.required = true;
        self
    }

    fn pattern(mut self, p: &'static str) -> Column {
        self.pattern = Some(p);
        self
    }

    fn allowed(mut self, values: &[&'static str]) -> Column {
        self.allowed = values.to_vec();
        self
    }
}

/// A foreign key: columns of this table that refer to the key of another table.
#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub fields: Vec<&'static str>,
    pub resource: TableId,
    pub reference: Vec<&'static str>,
}

/// The tables kyodo publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableId {
    Projects,
    Indicators,
    Reports,
    Schedule,
    Departments,
    Corrections,
    IndicatorDefinitions,
    Goals,
    Policies,
    Grades,
    Partners,
    Statuses,
}

impl TableId {
    /// The resource name and file stem: `projects` → `data/projects.csv`.
    pub fn name(self) -> &'static str {
        match self {
            TableId::Projects => "projects",
            TableId::Indicators => "indicators",
            TableId::Reports => "reports",
            TableId::Schedule => "schedule",
            TableId::Departments => "departments",
            TableId::Corrections => "corrections",
            TableId::IndicatorDefinitions => "indicator_definitions",
            TableId::Goals => "goals",
            TableId::Policies => "policies",
            TableId::Grades => "grades",
            TableId::Partners => "partners",
            TableId::Statuses => "statuses",
        }
    }
}

/// A table is written as its resource name, in the data package.
impl serde::Serialize for TableId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// One table: one CSV file.
#[derive(Debug, Clone)]
pub struct Table {
    /// Which table: its resource name and file stem.
    pub id: TableId,
    pub title_ja: &'static str,
    pub title_en: &'static str,
    pub description_ja: &'static str,
    pub description_en: &'static str,
    pub columns: Vec<Column>,
    pub primary_key: Vec<&'static str>,
    pub foreign_keys: Vec<ForeignKey>,
}

impl Table {
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.id.name())
    }
}

/// A slug id, as the loader enforces it.
use FieldType::*;

const ID_PATTERN: &str = "[a-z0-9][a-z0-9-]{0,63}";

/// The leading columns of every table, as in the 自治体標準オープンデータセット.
fn leading(id_ja: &str, id_en: &str) -> Vec<Column> {
    vec![
        Column::new(
            "全国地方公共団体コード",
            Text,
            "Local government code",
            "全国地方公共団体コード（6桁、検査数字を含む）",
            "Japanese local government code (6 digits including the check digit)",
        )
        .required()
        .pattern("[0-9]{6}"),
        Column::new("ID", Text, "ID", id_ja, id_en).required().pattern(ID_PATTERN),
        Column::new(
            "地方公共団体名",
            Text,
            "Local government name",
            "地方公共団体名",
            "Name of the local government, in Japanese",
        )
        .required(),
    ]
}

fn project_leading() -> Vec<Column> {
    leading(
        "事業ID（事業のページとJSONのURLにも使われます）",
        "Project id (also part of the URLs of the project's page and JSON)",
    )
}

/// The indicator's id, the key of an indicator within its project (indicators.csv and the
/// indicator dictionary).
fn indicator_id() -> Column {
    Column::new("指標ID", Text, "Indicator id", "指標のID（事業内で一意）", "Indicator id, unique within the project")
        .required()
        .pattern(ID_PATTERN)
}

/// A text column and its English companion `<name>_英字`.
fn pair(name: &str, title_en: &str, description_ja: &str, description_en: &str) -> [Column; 2] {
    [
        Column::new(name, Text, title_en, description_ja, description_en),
        Column::new(
            &format!("{name}_英字"),
            Text,
            &format!("{title_en} (English)"),
            &format!("{description_ja}の英訳（未翻訳の場合は空欄）"),
            &format!("{description_en}, in English (blank where not translated)"),
        ),
    ]
}

fn year_columns() -> [Column; 2] {
    [
        Column::new(
            "年度",
            Year,
            "Fiscal year",
            "年度（西暦。4月1日から翌年3月31日まで）",
            "Fiscal year, Gregorian (1 April to 31 March of the next year)",
        )
        .required(),
        Column::new(
            "和暦",
            Text,
            "Fiscal year (Japanese era)",
            "年度の和暦表記（例：令和5年度）",
            "The fiscal year in the Japanese era (e.g. 令和5年度)",
        )
        .required(),
    ]
}

/// Every table kyodo publishes, in the order of the data page: the tables of the
/// projects, then the code lists their code columns refer to.
pub fn tables() -> Vec<Table> {
    use codes::*;
    use tables::*;
    vec![
        projects(),
        indicators(),
        indicator_definitions(),
        reports(),
        schedule(),
        corrections(),
        departments(),
        goals(),
        policies(),
        grades(),
        partners(),
        statuses(),
    ]
}

/// The tables of a frozen edition: the report of one year as published (corrections come
/// later, so an edition has none).
pub fn edition_tables() -> Vec<Table> {
    tables().into_iter().filter(|t| t.id != TableId::Corrections).collect()
}

/// The fiscal year of a report and its 和暦 form, under a name of its own.
fn report_year_columns(name: &str, title_en: &str, ja: &str, en: &str) -> [Column; 2] {
    [
        Column::new(name, Year, title_en, ja, en),
        Column::new(
            &format!("{name}_和暦"),
            Text,
            &format!("{title_en} (Japanese era)"),
            &format!("{name}の和暦表記（例：令和5年度）"),
            &format!("{title_en}, in the Japanese era (e.g. 令和5年度)"),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_names_a_column_and_names_are_unique() {
        let all = tables();
        for t in &all {
            let mut names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
            let count = names.len();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), count, "{}: duplicate column", t.id.name());
            for key in t.primary_key.iter().chain(t.foreign_keys.iter().flat_map(|f| f.fields.iter())) {
                assert!(t.columns.iter().any(|c| c.name == *key), "{}: key {key} is not a column", t.id.name());
            }
            for fk in &t.foreign_keys {
                let other = all.iter().find(|o| o.id == fk.resource).expect("referenced table exists");
                assert_eq!(other.primary_key, fk.reference, "{:?} → {:?}", t.id, fk.resource);
            }
            assert_eq!(&t.columns[0].name, "全国地方公共団体コード");
            assert_eq!(&t.columns[1].name, "ID");
            assert_eq!(&t.columns[2].name, "地方公共団体名");
        }
    }
}
