//! The rows of each table, built from the loaded site (the code lists and the indicator
//! dictionary in `codes`).

mod codes;

use std::collections::BTreeMap;

use super::Cell;
use super::schema::{LIST_DELIMITER, Table, TableId};
use super::years::{Scope, edition_url, reported_in};
use crate::fiscal_year::FiscalYear;
use crate::i18n::Lang;
use crate::indicator::{Direction, Value};
use crate::load::Site;
use crate::markdown::to_plain_text;
use crate::model::{Project, ValueKind};
use crate::text::Text;
use crate::urls::{self, Page};

/// A row being filled by column name; columns not set are blank.
struct Row<'t> {
    table: &'t Table,
    cells: BTreeMap<&'static str, Cell>,
}

impl<'t> Row<'t> {
    fn new(table: &'t Table, site: &Site, id: &str) -> Row<'t> {
        let mut row = Row { table, cells: BTreeMap::new() };
        row.set("全国地方公共団体コード", Cell::text(site.config.municipality.code.get_ref().clone()));
        row.set("ID", Cell::text(id));
        row.set("地方公共団体名", Cell::text(site.config.municipality.name.ja.clone()));
        row
    }

    fn set(&mut self, column: &'static str, cell: Cell) {
        debug_assert!(
            self.table.columns.iter().any(|c| c.name == column),
            "{}: no column {column}",
            self.table.id.name()
        );
        self.cells.insert(column, cell);
    }

    /// Sets a text column `name` and its English companion `name_英字`.
    fn set_text(&mut self, name: &'static str, name_en: &'static str, text: Option<&Text>) {
        self.set(name, Cell::opt_text(text.map(|t| t.ja.clone())));
        self.set(name_en, Cell::opt_text(text.and_then(english)));
    }

    /// Like [`Row::set_text`] for Markdown fields: flattened to plain text on one line.
    fn set_markdown(&mut self, name: &'static str, name_en: &'static str, text: Option<&Text>) {
        self.set(name, Cell::opt_text(text.map(|t| to_plain_text(&t.ja))));
        self.set(name_en, Cell::opt_text(text.and_then(english).map(|s| to_plain_text(&s))));
    }

    fn finish(mut self) -> Vec<Cell> {
        self.table.columns.iter().map(|c| self.cells.remove(c.name.as_str()).unwrap_or(Cell::Empty)).collect()
    }
}

/// The English of a text, only where it has one (no fallback in data: blank means "not
/// translated"). A text without Japanese script reads the same in English.
fn english(t: &Text) -> Option<String> {
    let l = t.get(Lang::En);
    (l.lang == Lang::En).then(|| l.value.to_owned())
}

/// The file a table's rows are written to in `scope`, from the output root: the links in
/// its cells are relative to it.
pub fn file_of(table: &Table, scope: Scope) -> String {
    match scope {
        Scope::All => urls::data_file(&table.file_name()),
        Scope::Edition(y) => urls::edition_file(y.year(), &table.file_name()),
    }
}

fn year_cells(row: &mut Row, year: FiscalYear) {
    row.set("年度", Cell::Integer(year.year()));
    row.set("和暦", Cell::text(year.era_ja()));
}

/// A project's rows of `table` in `scope` (none for tables that do not list projects, and
/// for a project not in the scope).
pub fn project_rows(site: &Site, table: &Table, p: &Project, scope: Scope) -> Vec<Vec<Cell>> {
    if !scope.has_project(p) {
        return Vec::new();
    }
    match table.id {
        TableId::Projects => vec![project_row(site, table, p, scope)],
        TableId::Indicators => indicator_rows(site, table, p, scope),
        TableId::Reports => report_rows(site, table, p, scope),
        TableId::Schedule => schedule_rows(site, table, p),
        TableId::Corrections => correction_rows(site, table, p),
        TableId::IndicatorDefinitions => codes::indicator_definition_rows(site, table, p, scope),
        TableId::Departments
        | TableId::Goals
        | TableId::Policies
        | TableId::Grades
        | TableId::Partners
        | TableId::Statuses => Vec::new(),
    }
}

/// The rows of `table` that come from the site rather than from projects.
pub fn site_rows(site: &Site, table: &Table, scope: Scope) -> Vec<Vec<Cell>> {
    match table.id {
        TableId::Departments => department_rows(site, table, scope),
        TableId::Goals | TableId::Policies | TableId::Grades | TableId::Partners | TableId::Statuses => {
            codes::vocabulary_rows(site, table)
        }
        TableId::Projects
        | TableId::Indicators
        | TableId::IndicatorDefinitions
        | TableId::Reports
        | TableId::Schedule
        | TableId::Corrections => Vec::new(),
    }
}

/// A department's name: in an edition, the name it had in that year.
fn department_name(d: &crate::model::Department, scope: Scope) -> &Text {
    match scope {
        Scope::All => &d.name,
        Scope::Edition(y) => d.name_in(y),
    }
}

fn project_row(site: &Site, table: &Table, p: &Project, scope: Scope) -> Vec<Cell> {
    let voc = &site.vocabulary;
    let id = p.id.get_ref().as_str();
    let mut row = Row::new(table, site, id);
    row.set("計画番号", Cell::opt_text(p.code.clone()));
    if let Some((goal, policy)) = voc.policy(p.policy.get_ref().as_str()) {
        row.set("基本目標ID", Cell::text(goal.id.get_ref().to_string()));
        row.set("施策ID", Cell::text(policy.id.get_ref().to_string()));
        row.set("基本目標", Cell::text(goal.code.ja.clone()));
        row.set_text("基本目標名", "基本目標名_英字", goal.title.as_ref());
        row.set("施策", Cell::text(policy.code.ja.clone()));
        row.set_text("施策名", "施策名_英字", policy.title.as_ref());
    }
    row.set_text("事業名", "事業名_英字", Some(p.title.get_ref()));
    let dept = voc.department(p.department.get_ref().as_str());
    row.set("担当課ID", Cell::text(p.department.get_ref().to_string()));
    row.set_text("担当課", "担当課_英字", dept.map(|d| department_name(d, scope)));
    row.set_text("部等名", "部等名_英字", dept.and_then(|d| d.division_of.as_ref()));
    row.set("主たる部署ID", Cell::list(p.lead_departments.iter().map(|d| d.get_ref().to_string()).collect()));
    row.set_text("主たる部署_補足", "主たる部署_補足_英字", p.lead_note.as_ref());
    row.set("関係部署ID", Cell::list(p.related_departments.iter().map(|d| d.get_ref().to_string()).collect()));
    row.set_markdown("現状・課題", "現状・課題_英字", p.issues.as_ref());
    row.set_markdown("目指すべき方向性", "目指すべき方向性_英字", p.direction.as_ref());
    row.set_markdown("推進内容", "推進内容_英字", p.plan_content.as_ref());
    row.set_text("対象者", "対象者_英字", p.audience.as_ref());
    row.set_text("実施主体", "実施主体_英字", p.implementer.as_ref());
    row.set("関連事業ID", Cell::list(p.related.iter().map(|r| r.get_ref().to_string()).collect()));
    let mut partners: Vec<&crate::model::Partner> = Vec::new();
    for r in p.reports.iter().filter(|r| scope.has_report(*r.year.get_ref())) {
        for pa in r.partners.iter().filter_map(|pa| voc.partner(pa.get_ref().as_str())) {
            if !partners.iter().any(|x| x.id == pa.id) {
                partners.push(pa);
            }
        }
    }
    row.set("協働の相手ID", Cell::list(partners.iter().map(|pa| pa.id.get_ref().to_string()).collect()));
    row.set("協働の相手", Cell::list(partners.iter().map(|pa| pa.label.clone()).collect()));
    let file = file_of(table, scope);
    row.set("ページURL", Cell::text(site.urls.in_file(&file, &Page::Project(id).path(Lang::Ja))));
    row.set("ページURL_英字", Cell::text(site.urls.in_file(&file, &Page::Project(id).path(Lang::En))));
    row.set("JSON_URL", Cell::text(site.urls.in_file(&file, &urls::project_json(id))));
    row.finish()
}

fn indicator_rows(site: &Site, table: &Table, p: &Project, scope: Scope) -> Vec<Vec<Cell>> {
    let id = p.id.get_ref().as_str();
    let mut rows = Vec::new();
    for ind in &p.indicators {
        for (kind, v) in ind.values_in_order().into_iter().filter(|(k, v)| scope.has_value(*k, v.year)) {
            let mut row = Row::new(table, site, id);
            row.set("指標ID", Cell::text(ind.id.get_ref().to_string()));
            row.set_text("指標名", "指標名_英字", Some(&ind.name));
            row.set_text("単位", "単位_英字", ind.unit.as_ref());
            row.set("目指す方向", Cell::opt_text(ind.direction.map(Direction::ja)));
            row.set("目指す方向_英字", Cell::opt_text(ind.direction.map(Direction::as_str)));
            row.set("区分", Cell::text(kind.ja()));
            row.set("区分_英字", Cell::text(kind.as_str()));
            year_cells(&mut row, v.year);
            match v.value() {
                Value::Number(n) => row.set("値", Cell::Number(n.data())),
                Value::Text(t) => row.set_text("値_テキスト", "値_テキスト_英字", Some(&t)),
            }
            if let Some(rate) = ind.rate(kind, v) {
                row.set("達成率", Cell::Number(format!("{rate:.1}")));
            }
            if kind == ValueKind::Actual {
                let status = crate::verdict::judge_actual(ind, v).status;
                row.set("判定", Cell::text(status.label(Lang::Ja)));
                row.set("判定_英字", Cell::text(status.key()));
            }
            row.set_text("値の説明", "値の説明_英字", v.label.as_ref());
            row.set_text("注記", "注記_英字", v.note.as_ref());
            if let Some(y) = reported_in(site, p, ind, kind, v, scope) {
                row.set("報告年度", Cell::Integer(y.year()));
                row.set("報告年度_和暦", Cell::text(y.era_ja()));
                let file = file_of(table, scope);
                let edition = match scope {
                    Scope::Edition(e) if e == y => {
                        Some(site.urls.in_file(&file, &urls::edition_file(y.year(), "datapackage.json")))
                    }
                    _ => edition_url(site, y, &file),
                };
                row.set("確定版", Cell::opt_text(edition));
            }
            rows.push(row.finish());
        }
    }
    rows
}

fn report_rows(site: &Site, table: &Table, p: &Project, scope: Scope) -> Vec<Vec<Cell>> {
    let voc = &site.vocabulary;
    let id = p.id.get_ref().as_str();
    let dept = voc.department(p.department.get_ref().as_str());
    let mut reports: Vec<_> = p.reports.iter().filter(|r| scope.has_report(*r.year.get_ref())).collect();
    reports.sort_by_key(|r| *r.year.get_ref());
    reports
        .into_iter()
        .map(|r| {
            let mut row = Row::new(table, site, id);
            year_cells(&mut row, *r.year.get_ref());
            row.set_text("担当課", "担当課_英字", dept.map(|d| d.name_in(*r.year.get_ref())));
            if let Some(grade) = r.grade.as_ref().and_then(|g| voc.grade(g.get_ref().as_str())) {
                row.set("評価ID", Cell::text(grade.id.get_ref().to_string()));
                row.set("評価", Cell::text(grade.label.clone()));
                row.set_text("評価の定義", "評価の定義_英字", grade.definition.as_ref());
            }
            let partners: Vec<_> = r.partners.iter().filter_map(|pa| voc.partner(pa.get_ref().as_str())).collect();
            row.set("協働の相手ID", Cell::list(partners.iter().map(|pa| pa.id.get_ref().to_string()).collect()));
            row.set("協働の相手", Cell::list(partners.iter().map(|pa| pa.label.clone()).collect()));
            let names: Vec<&Text> = partners.iter().filter_map(|pa| pa.name.as_ref()).collect();
            row.set("協働の相手_名称", Cell::list(names.iter().map(|n| n.ja.clone()).collect()));
            row.set("協働の相手_名称_英字", Cell::list(names.iter().filter_map(|n| english(n)).collect()));
            row.set_markdown("取組実績", "取組実績_英字", r.achievements.as_ref());
            row.set_markdown("効果又は理由", "効果又は理由_英字", r.effect.as_ref());
            row.set_markdown("改善策", "改善策_英字", r.improvement.as_ref());
            row.finish()
        })
        .collect()
}

fn schedule_rows(site: &Site, table: &Table, p: &Project) -> Vec<Vec<Cell>> {
    let id = p.id.get_ref().as_str();
    let mut rows = Vec::new();
    for (i, s) in p.schedule.iter().enumerate() {
        for (year, status_id) in &s.by_year {
            let mut row = Row::new(table, site, id);
            row.set("行番号", Cell::Integer(i as i64 + 1));
            row.set_text("取組", "取組_英字", s.label.as_ref());
            year_cells(&mut row, *year);
            row.set("状況ID", Cell::text(status_id.to_string()));
            row.set_text("状況", "状況_英字", site.vocabulary.status(status_id.as_str()).map(|st| &st.label));
            rows.push(row.finish());
        }
    }
    rows
}

/// The corrections of a project, in the order of its record.
fn correction_rows(site: &Site, table: &Table, p: &Project) -> Vec<Vec<Cell>> {
    let id = p.id.get_ref().as_str();
    let value = |v: &Option<toml::Spanned<crate::model::Stated>>| match v.as_ref().map(|v| v.get_ref()) {
        Some(crate::model::Stated::List(items)) => Cell::text(items.join(LIST_DELIMITER)),
        Some(v) => Cell::text(v.plain()),
        None => Cell::Empty,
    };
    p.corrections
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut row = Row::new(table, site, id);
            let year = *c.edition.get_ref();
            row.set("連番", Cell::Integer(i as i64 + 1));
            row.set("訂正日", Cell::text(c.date.as_str()));
            row.set("対象年度", Cell::Integer(year.year()));
            row.set("対象年度_和暦", Cell::text(year.era_ja()));
            let field =
                crate::edition::statement::normalize(c.field.get_ref()).unwrap_or_else(|_| c.field.get_ref().clone());
            row.set("項目", Cell::text(field));
            row.set("訂正前", value(&c.old));
            row.set("訂正後", value(&c.new));
            row.set_text("理由", "理由_英字", Some(&c.reason));
            row.set("確定版", Cell::opt_text(edition_url(site, year, &file_of(table, Scope::All))));
            row.finish()
        })
        .collect()
}

fn department_rows(site: &Site, table: &Table, scope: Scope) -> Vec<Vec<Cell>> {
    site.vocabulary
        .departments
        .iter()
        .map(|d| {
            let mut row = Row::new(table, site, d.id.get_ref().as_str());
            row.set_text("担当課名", "担当課名_英字", Some(department_name(d, scope)));
            row.set_text("部等名", "部等名_英字", d.division_of.as_ref());
            row.finish()
        })
        .collect()
}
