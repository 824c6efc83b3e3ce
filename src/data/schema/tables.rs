//! The tables kyodo publishes, column by column.

use super::FieldType::*;
use super::{
    Column, ForeignKey, ID_PATTERN, Table, TableId, indicator_id, pair, project_leading, report_year_columns,
    year_columns,
};

pub(super) fn projects() -> Table {
    let mut c = project_leading();
    c.push(Column::new(
        "計画番号",
        Text,
        "Plan code",
        "計画書に印刷された事業の番号（例：1-(3)-③）",
        "The project's code as printed in the plan (e.g. 1-(3)-③)",
    ));
    c.push(code_id(
        "基本目標ID",
        "Basic goal id",
        "基本目標のID（goals.csv の ID）",
        "Id of the basic goal (ID in goals.csv)",
    ));
    c.push(
        Column::new(
            "基本目標",
            Text,
            "Basic goal",
            "計画書に印刷された基本目標の番号",
            "Code of the basic goal, as printed",
        )
        .required(),
    );
    c.extend(pair("基本目標名", "Basic goal title", "基本目標の名称", "Title of the basic goal"));
    c.push(code_id("施策ID", "Policy id", "施策のID（policies.csv の ID）", "Id of the policy (ID in policies.csv)"));
    c.push(
        Column::new(
            "施策",
            Text,
            "Policy",
            "計画書に印刷された施策の番号（例：1-(1)）",
            "Code of the policy, as printed (e.g. 1-(1))",
        )
        .required(),
    );
    c.extend(pair("施策名", "Policy title", "施策の名称", "Title of the policy"));
    let [title, title_en] = pair("事業名", "Project title", "事業名", "Project title");
    c.push(Column { required: true, ..title });
    c.push(title_en);
    c.push(
        Column::new(
            "担当課ID",
            Text,
            "Department id",
            "担当課のID（departments.csv の ID）",
            "Id of the reporting department (ID in departments.csv)",
        )
        .required()
        .pattern(ID_PATTERN),
    );
    c.extend(pair("担当課", "Department", "担当課（課等名）", "Reporting department"));
    c.extend(pair("部等名", "Division", "担当課の属する部等", "Division the department belongs to"));
    c.extend(project_description_columns());
    c.push(
        Column::new(
            "ページURL",
            Text,
            "Page URL (Japanese)",
            "日本語ページのURL（base_url 未設定時は、このファイルからの相対パス）",
            "URL of the Japanese page (relative to this file when no base_url is set)",
        )
        .required(),
    );
    c.push(
        Column::new("ページURL_英字", Text, "Page URL (English)", "英語ページのURL", "URL of the English page")
            .required(),
    );
    c.push(Column::new("JSON_URL", Text, "JSON URL", "この事業のJSONのURL", "URL of this project's JSON").required());
    Table {
        id: TableId::Projects,
        title_ja: "事業一覧",
        title_en: "Projects",
        description_ja: "1行に1事業。計画上の位置、担当課、事業の概要。",
        description_en: "One row per project: its place in the plan, its departments and what it is about.",
        columns: c,
        primary_key: vec!["ID"],
        foreign_keys: vec![
            ForeignKey { fields: vec!["基本目標ID"], resource: TableId::Goals, reference: vec!["ID"] },
            ForeignKey { fields: vec!["施策ID"], resource: TableId::Policies, reference: vec!["ID"] },
            ForeignKey { fields: vec!["担当課ID"], resource: TableId::Departments, reference: vec!["ID"] },
        ],
    }
}

/// A required column holding the id of a code list's row.
fn code_id(name: &str, title_en: &str, ja: &str, en: &str) -> Column {
    Column::new(name, Text, title_en, ja, en).required().pattern(ID_PATTERN)
}

/// The partner columns: their ids (in partners.csv) and the codes the report prints.
fn partner_columns(ja: &str, en: &str) -> [Column; 2] {
    [
        Column::new(
            "協働の相手ID",
            List,
            "Partner ids",
            &format!("{ja}のID（partners.csv の ID、; 区切り）"),
            &format!("Ids of the {en} (ID in partners.csv), separated by ;"),
        ),
        Column::new(
            "協働の相手",
            List,
            "Partners",
            &format!("{ja}の記号（報告書の表記、; 区切り）"),
            &format!("Codes of the {en} as the report prints them, separated by ;"),
        ),
    ]
}

pub(super) fn indicators() -> Table {
    let mut c = project_leading();
    c.push(indicator_id());
    let [name, name_en] = pair("指標名", "Indicator", "成果を示す指標の名称", "Name of the indicator");
    c.push(Column { required: true, ..name });
    c.push(name_en);
    c.extend(pair(
        "単位",
        "Unit",
        "数値の単位（値の列は数値のみ）",
        "Unit of the numeric value (the value column holds numbers only)",
    ));
    c.extend(direction_and_kind_columns());
    c.extend(year_columns());
    c.push(Column::new(
        "値",
        Number,
        "Value",
        "数値（カンマ・単位なし）。文章の値の場合は空欄",
        "The number, without commas or unit; blank when the value is a text",
    ));
    c.extend(pair(
        "値_テキスト",
        "Text value",
        "数値でない値（例：充実、未実施）。数値の場合は空欄",
        "A value that is not a number (e.g. 充実 enhanced); blank when the value is a number",
    ));
    c.push(Column::new("達成率", Number, "Achievement rate (%)", "達成率（％）＝（実績値−基準値）÷（目標値−基準値）×100。実績値の行で、基準値・目標値・実績値がすべて数値の場合のみ", "Achievement rate in percent = (actual − baseline) ÷ (target − baseline) × 100; only on actual rows where baseline, target and actual are numbers"));
    c.extend(status_columns());
    c.extend(pair(
        "値の説明",
        "Value label",
        "値の説明（例：第1次計画実績）",
        "What the value is (e.g. 1st plan result)",
    ));
    c.extend(pair("注記", "Note", "注記（例：時点）", "Note (e.g. the date of the value)"));
    c.extend(report_year_columns(
        "報告年度",
        "Stated in the report of",
        "この値を記載した報告の年度（規則は「このデータについて」のページ）。空欄はまだどの報告にも記載されていない値",
        "Fiscal year of the report that stated this value (the rule is on the about page); blank when no report states it yet",
    ));
    c.push(Column::new(
        "確定版",
        Text,
        "Edition",
        "その報告の確定版（datapackage.json）のURL。確定していない報告の場合は空欄",
        "URL of the frozen edition (datapackage.json) of that report; blank where the report is not frozen",
    ));
    Table {
        id: TableId::Indicators,
        title_ja: "成果を示す指標",
        title_en: "Indicators",
        description_ja: "縦持ち形式。1行に1つの値（事業×指標×区分×年度）。",
        description_en: "Long format: one row per value (project × indicator × kind × fiscal year).",
        columns: c,
        primary_key: vec!["ID", "指標ID", "区分", "年度"],
        foreign_keys: vec![
            ForeignKey { fields: vec!["ID"], resource: TableId::Projects, reference: vec!["ID"] },
            ForeignKey {
                fields: vec!["ID", "指標ID"],
                resource: TableId::IndicatorDefinitions,
                reference: vec!["ID", "指標ID"],
            },
        ],
    }
}

pub(super) fn reports() -> Table {
    let mut c = project_leading();
    c.extend(year_columns());
    c.extend(pair(
        "担当課",
        "Department",
        "その年度の担当課の名称",
        "The reporting department, by its name in that year",
    ));
    c.push(
        Column::new(
            "評価ID",
            Text,
            "Grade id",
            "事業の評価のID（grades.csv の ID）。評価のない計画では空欄",
            "Id of the evaluation grade (ID in grades.csv); blank where the plan has no grades",
        )
        .pattern(ID_PATTERN),
    );
    c.push(Column::new(
        "評価",
        Text,
        "Evaluation grade",
        "報告書に印刷された事業の評価（例：A）",
        "The evaluation grade as the report prints it (e.g. A)",
    ));
    c.extend(pair("評価の定義", "Grade definition", "評価の定義", "Definition of the grade"));
    c.extend(partner_columns("協働の相手", "partners"));
    c.extend(pair("協働の相手_名称", "Partner names", "協働の相手の名称（; 区切り）", "Partner names, separated by ;"));
    c.extend(pair(
        "取組実績",
        "Achievements",
        "取組実績・取組内容（書式を除いたテキスト）",
        "Achievements (plain text)",
    ));
    c.extend(pair(
        "効果又は理由",
        "Effect or reason",
        "効果又は理由（書式を除いたテキスト）",
        "Effect or reason (plain text)",
    ));
    c.extend(pair("改善策", "Improvements", "改善策（書式を除いたテキスト）", "Improvements (plain text)"));
    Table {
        id: TableId::Reports,
        title_ja: "年度別の進捗状況",
        title_en: "Yearly reports",
        description_ja: "1行に1事業の1年度の報告：評価、協働の相手、取組実績、効果。",
        description_en: "One row per project and fiscal year: grade, partners, achievements, effect.",
        columns: c,
        primary_key: vec!["ID", "年度"],
        foreign_keys: vec![
            ForeignKey { fields: vec!["ID"], resource: TableId::Projects, reference: vec!["ID"] },
            ForeignKey { fields: vec!["評価ID"], resource: TableId::Grades, reference: vec!["ID"] },
        ],
    }
}

pub(super) fn schedule() -> Table {
    let mut c = project_leading();
    c.push(
        Column::new("行番号", Integer, "Row", "年次計画の行の番号（1から）", "Row of the yearly plan, from 1")
            .required(),
    );
    c.extend(pair(
        "取組",
        "Activity",
        "年次計画の行の名称（1行だけの場合は空欄）",
        "Name of the yearly-plan row (blank when there is only one)",
    ));
    c.extend(year_columns());
    c.push(
        Column::new("状況ID", Text, "Status id", "年次計画の状況のID", "Id of the yearly-plan status")
            .required()
            .pattern(ID_PATTERN),
    );
    let [status, status_en] = pair(
        "状況",
        "Status",
        "年次計画の状況（例：実施、→、検討）",
        "Yearly-plan status (e.g. implement, continue, consider)",
    );
    c.push(Column { required: true, ..status });
    c.push(status_en);
    Table {
        id: TableId::Schedule,
        title_ja: "年次計画",
        title_en: "Yearly plan",
        description_ja: "1行に1事業の年次計画の1年度分。",
        description_en: "One row per project, yearly-plan row and fiscal year.",
        columns: c,
        primary_key: vec!["ID", "行番号", "年度"],
        foreign_keys: vec![
            ForeignKey { fields: vec!["ID"], resource: TableId::Projects, reference: vec!["ID"] },
            ForeignKey { fields: vec!["状況ID"], resource: TableId::Statuses, reference: vec!["ID"] },
        ],
    }
}

pub(super) fn corrections() -> Table {
    let mut c = project_leading();
    c.push(
        Column::new(
            "連番",
            Integer,
            "Number",
            "事業の記録の中での訂正の番号（1から）",
            "Number of the correction in the project's record, from 1",
        )
        .required(),
    );
    c.push(Column::new("訂正日", Date, "Date", "訂正した日", "Date of the correction").required());
    let [year, era] =
        report_year_columns("対象年度", "Edition", "訂正した確定版の年度", "Fiscal year of the corrected edition");
    c.push(Column { required: true, ..year });
    c.push(era);
    c.push(
        Column::new(
            "項目",
            Text,
            "Field",
            "訂正した項目（例：indicators.applications.actuals.R5。書き方は docs/records.md）",
            "The corrected field (e.g. indicators.applications.actuals.R5; see docs/records.md)",
        )
        .required(),
    );
    c.push(Column::new(
        "訂正前",
        Text,
        "Old value",
        "確定版に記載された値（空欄は記載なし）",
        "The value the edition published (blank: none)",
    ));
    c.push(Column::new(
        "訂正後",
        Text,
        "New value",
        "訂正後の値（空欄は削除）",
        "The corrected value (blank: removed)",
    ));
    c.extend(pair("理由", "Reason", "訂正の理由", "Why the published value was corrected"));
    c.push(Column::new(
        "確定版",
        Text,
        "Edition URL",
        "訂正した確定版（datapackage.json）のURL",
        "URL of the corrected edition (datapackage.json)",
    ));
    Table {
        id: TableId::Corrections,
        title_ja: "訂正",
        title_en: "Corrections",
        description_ja: "確定版の公表後に訂正した値。1行に1件の訂正。確定版そのものは公表したまま残ります。",
        description_en: "Values corrected after their edition was published, one correction per row. The editions themselves stay as published.",
        columns: c,
        primary_key: vec!["ID", "連番"],
        foreign_keys: vec![ForeignKey { fields: vec!["ID"], resource: TableId::Projects, reference: vec!["ID"] }],
    }
}

/// The columns of `projects.csv` that describe the project: departments, texts, links.
fn project_description_columns() -> Vec<Column> {
    let mut c = Vec::new();
    c.push(Column::new(
        "主たる部署ID",
        List,
        "Lead department ids",
        "主たる部署のID（; 区切り）",
        "Ids of the lead departments, separated by ;",
    ));
    c.extend(pair(
        "主たる部署_補足",
        "Lead department note",
        "主たる部署の補足（例：市民活動サポートセンター）",
        "Note on the lead department",
    ));
    c.push(Column::new(
        "関係部署ID",
        List,
        "Related department ids",
        "関係部署などのID（; 区切り）",
        "Ids of the related departments, separated by ;",
    ));
    c.extend(pair("現状・課題", "Current issues", "現状・課題（書式を除いたテキスト）", "Current issues (plain text)"));
    c.extend(pair(
        "目指すべき方向性",
        "Direction",
        "目指すべき方向性（書式を除いたテキスト）",
        "Direction (plain text)",
    ));
    c.extend(pair("推進内容", "Planned content", "推進内容（書式を除いたテキスト）", "Planned content (plain text)"));
    c.extend(pair("対象者", "Target audience", "対象者", "Target audience"));
    c.extend(pair("実施主体", "Implemented by", "実施主体", "Who implements the project"));
    c.push(Column::new(
        "関連事業ID",
        List,
        "Related project ids",
        "主な関連事業のID（; 区切り）",
        "Ids of the related projects, separated by ;",
    ));
    c.extend(partner_columns("各年度の報告に記載された協働の相手", "partners named in the yearly reports"));
    c
}

/// The status of an actual value (`verdict`), in Japanese and as its English key: never
/// "not reported" on a row that holds an actual.
fn status_columns() -> Vec<Column> {
    use crate::verdict::Status;
    let judged = Status::ALL.into_iter().filter(|s| *s != Status::NotReported);
    let ja: Vec<&'static str> = judged.clone().map(|s| s.label(crate::i18n::Lang::Ja)).collect();
    let en: Vec<&'static str> = judged.map(Status::key).collect();
    vec![
        Column::new(
            "判定",
            Text,
            "Status",
            "実績値の行で、その年度の指標の判定（規則は「このデータについて」のページ）。達成率とは別に、計画の年度に見込まれる進み具合と比べます",
            "On actual rows: the indicator's status in that year (the rule is on the about page), judged against the progress the plan expects by then, unlike the achievement rate",
        )
        .allowed(&ja),
        Column::new("判定_英字", Text, "Status (key)", "判定の英字表記", "The status as a key")
            .allowed(&en),
    ]
}

/// The columns of `indicators.csv` that say which way is better and which value a row is.
fn direction_and_kind_columns() -> Vec<Column> {
    vec![
        Column::new(
            "目指す方向",
            Text,
            "Desired direction",
            "指標が目指す方向：増加 または 減少",
            "Which way is better: 増加 (increase) or 減少 (decrease)",
        )
        .allowed(&["増加", "減少"]),
        Column::new(
            "目指す方向_英字",
            Text,
            "Desired direction (English)",
            "目指す方向の英字表記：increase または decrease",
            "increase or decrease",
        )
        .allowed(&["increase", "decrease"]),
        Column::new(
            "区分",
            Text,
            "Kind",
            "値の区分：基準値・目標値・実績値",
            "Kind of value: 基準値 (baseline), 目標値 (target), 実績値 (actual)",
        )
        .required()
        .allowed(&["基準値", "目標値", "実績値"]),
        Column::new(
            "区分_英字",
            Text,
            "Kind (English)",
            "区分の英字表記：baseline, target, actual",
            "baseline, target or actual",
        )
        .required()
        .allowed(&["baseline", "target", "actual"]),
    ]
}
