//! The code lists: the tables that the code columns of the project tables refer to
//! (departments, goals and policies of the plan, grades, partners, yearly-plan statuses),
//! and the dictionary of the indicators. A code column holds the ASCII id of a row here;
//! the label the report prints (`③`, `A`, `1-(1)`) is in a column beside it, and here.

use super::FieldType::*;
use super::{Column, ForeignKey, ID_PATTERN, Table, TableId, indicator_id, leading, pair, project_leading};

/// A code list of the vocabulary: the leading columns with its id, then `columns`.
fn list(id: TableId, what: [&'static str; 4], id_doc: [&str; 2], columns: Vec<Column>) -> Table {
    let mut c = leading(id_doc[0], id_doc[1]);
    c.extend(columns);
    Table {
        id,
        title_ja: what[0],
        title_en: what[1],
        description_ja: what[2],
        description_en: what[3],
        columns: c,
        primary_key: vec!["ID"],
        foreign_keys: vec![],
    }
}

/// A required column and its English companion.
fn required_pair(name: &str, title_en: &str, ja: &str, en: &str) -> [Column; 2] {
    let [a, b] = pair(name, title_en, ja, en);
    [Column { required: true, ..a }, b]
}

pub(super) fn departments() -> Table {
    let mut c = Vec::new();
    c.extend(required_pair("担当課名", "Department", "担当課・部署の名称", "Name of the department"));
    c.extend(pair("部等名", "Division", "属する部等", "Division it belongs to"));
    let what =
        ["担当課", "Departments", "事業に関わる課・部署の一覧。", "The departments and units named in the projects."];
    list(TableId::Departments, what, ["担当課のID", "Department id"], c)
}

pub(super) fn goals() -> Table {
    let mut c = vec![
        Column::new("番号", Text, "Code", "計画書に印刷された基本目標の番号", "The goal's code as printed in the plan")
            .required(),
    ];
    c.extend(pair("名称", "Title", "基本目標の名称", "Title of the basic goal"));
    let what = ["基本目標", "Basic goals", "計画の基本目標の一覧。", "The basic goals of the plan."];
    list(TableId::Goals, what, ["基本目標のID", "Basic goal id"], c)
}

pub(super) fn policies() -> Table {
    let mut c = vec![
        Column::new(
            "基本目標ID",
            Text,
            "Basic goal id",
            "属する基本目標のID（goals.csv の ID）",
            "Id of its basic goal (ID in goals.csv)",
        )
        .required()
        .pattern(ID_PATTERN),
        Column::new(
            "番号",
            Text,
            "Code",
            "計画書に印刷された施策の番号（例：1-(1)）",
            "The policy's code as printed in the plan (e.g. 1-(1))",
        )
        .required(),
    ];
    c.extend(pair("名称", "Title", "施策の名称", "Title of the policy"));
    let what = ["施策", "Policies", "計画の施策の一覧。", "The policies of the plan, each under a basic goal."];
    let mut t = list(TableId::Policies, what, ["施策のID", "Policy id"], c);
    t.foreign_keys =
        vec![ForeignKey { fields: vec!["基本目標ID"], resource: TableId::Goals, reference: vec!["ID"] }];
    t
}

pub(super) fn grades() -> Table {
    let mut c = vec![
        Column::new(
            "表記",
            Text,
            "Label",
            "報告書に印刷された評価の表記（例：A）",
            "The grade as the report prints it (e.g. A)",
        )
        .required(),
    ];
    c.extend(pair("定義", "Definition", "評価の定義", "Definition of the grade"));
    let what = [
        "事業の評価",
        "Grades",
        "事業の評価の一覧。評価のない計画では見出しだけです。",
        "The evaluation grades; only the header where the plan has no grades.",
    ];
    list(TableId::Grades, what, ["評価のID", "Grade id"], c)
}

pub(super) fn partners() -> Table {
    let mut c = vec![
        Column::new("記号", Text, "Label", "報告書に印刷された記号（例：③）", "The code the report prints (e.g. ③)")
            .required(),
    ];
    c.extend(pair("名称", "Name", "協働の相手の名称", "Name of the partner category"));
    let what = [
        "協働の相手",
        "Partners",
        "協働の相手の区分の一覧。報告書が記号（①など）で示すものです。",
        "The partner categories, which the report marks with codes such as ①.",
    ];
    list(TableId::Partners, what, ["協働の相手のID", "Partner id"], c)
}

pub(super) fn statuses() -> Table {
    let mut c = Vec::new();
    c.extend(required_pair(
        "表記",
        "Label",
        "年次計画に印刷された表記（例：実施、→）",
        "The status as the yearly plan prints it (e.g. 実施, →)",
    ));
    c.extend(pair("説明", "Description", "状況の説明", "What the status means"));
    let what = ["年次計画の状況", "Yearly-plan statuses", "年次計画の状況の一覧。", "The statuses of the yearly plan."];
    list(TableId::Statuses, what, ["状況のID", "Status id"], c)
}

/// The indicator dictionary: one row per indicator, with its stable address.
pub(super) fn indicator_definitions() -> Table {
    let mut c = project_leading();
    c.push(indicator_id());
    c.extend(required_pair("指標名", "Indicator", "成果を示す指標の名称", "Name of the indicator"));
    c.extend(pair(
        "定義",
        "Definition",
        "報告書が示す指標の定義（名称、単位、目指す方向、基準値と目標値）",
        "The indicator as the report defines it: name, unit, desired direction, baseline and target",
    ));
    c.extend(pair("単位", "Unit", "数値の単位", "Unit of the numeric values"));
    c.push(
        Column::new("目指す方向", Text, "Desired direction", "増加 または 減少", "増加 (increase) or 減少 (decrease)")
            .allowed(&["増加", "減少"]),
    );
    c.push(
        Column::new(
            "目指す方向_英字",
            Text,
            "Desired direction (English)",
            "increase または decrease",
            "increase or decrease",
        )
        .allowed(&["increase", "decrease"]),
    );
    c.extend(pair(
        "段階",
        "Levels",
        "値が文字の指標の段階。低い方から「 < 」で区切って並べます（例：未実施 < 実施 < 充実）。判定はこの順で行います",
        "For an indicator whose values are texts: its levels from the lowest, separated by \" < \"; its status is judged in this order",
    ));
    c.extend(pair(
        "達成率の算式",
        "Achievement formula",
        "達成率の求め方（基準値・目標値・実績値がすべて数値の場合のみ）",
        "How the achievement rate is computed (only where baseline, target and actual are numbers)",
    ));
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
    c.extend(pair("出典", "Source", "値の出典", "Where the values come from"));
    c.push(
        Column::new(
            "指標URI",
            Text,
            "Indicator URI",
            "この指標のURI（日本語ページの指標の位置）",
            "URI of this indicator (its place on the Japanese page)",
        )
        .required(),
    );
    c.push(
        Column::new(
            "指標URI_英字",
            Text,
            "Indicator URI (English)",
            "英語ページの指標の位置",
            "Its place on the English page",
        )
        .required(),
    );
    c.push(
        Column::new(
            "JSON_URL",
            Text,
            "JSON URL",
            "この指標を含む事業のJSONのURL（indicators の id が指標ID）",
            "URL of the project's JSON holding the indicator (its id is the indicator id)",
        )
        .required(),
    );
    Table {
        id: TableId::IndicatorDefinitions,
        title_ja: "指標の定義",
        title_en: "Indicator dictionary",
        description_ja: "1行に1指標：定義、単位、目指す方向、段階、達成率の算式、担当課、出典と、指標ごとのURI。indicators.csv の値は（ID, 指標ID）でここを参照します。",
        description_en: "One row per indicator: definition, unit, desired direction, levels, achievement formula, department, source and the indicator's URI. The values in indicators.csv refer to it by (ID, 指標ID).",
        columns: c,
        primary_key: vec!["ID", "指標ID"],
        foreign_keys: vec![
            ForeignKey { fields: vec!["ID"], resource: TableId::Projects, reference: vec!["ID"] },
            ForeignKey { fields: vec!["担当課ID"], resource: TableId::Departments, reference: vec!["ID"] },
        ],
    }
}
