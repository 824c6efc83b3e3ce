//! The clerk's names of the fields of a project record, in Japanese and English: the words
//! of the printed report and of docs/records.md (事業名, 担当課, 指標, 基準値, 目標値, 実績値 …).
//!
//! A field is named by the type it belongs to (the name of its definition in the record's
//! JSON Schema: `Project`, `Indicator`, `IndicatorValue`, `Report`, `ScheduleRow`,
//! `Correction`) and its
//! key, because the same key means different things in different places (`direction` of a
//! project is 目指すべき方向性, of an indicator 指標の方向). A field without a name here is
//! shown by its key: the preview's editor still offers it.

use crate::msg;
use crate::msg::Msg;

/// The name of the field `key` of the record type `parent`.
pub fn label(parent: &str, key: &str) -> Option<Msg> {
    let m = match (parent, key) {
        ("Project", "id") => msg!(ja: "事業ID", en: "Project id"),
        ("Project", "code") => msg!(ja: "計画の番号", en: "Plan code"),
        ("Project", "policy") => msg!(ja: "施策", en: "Policy"),
        ("Project", "title") => msg!(ja: "事業名", en: "Title"),
        ("Project", "department") => msg!(ja: "担当課（課等名）", en: "Department"),
        ("Project", "lead_departments") => msg!(ja: "主たる部署", en: "Lead departments"),
        ("Project", "lead_note") => msg!(ja: "主たる部署の注記", en: "Note on the lead department"),
        ("Project", "related_departments") => msg!(ja: "関係部署など", en: "Related departments"),
        ("Project", "issues") => msg!(ja: "現状・課題", en: "Current issues"),
        ("Project", "direction") => msg!(ja: "目指すべき方向性", en: "Direction"),
        ("Project", "plan_content") => msg!(ja: "推進内容", en: "Planned content"),
        ("Project", "audience") => msg!(ja: "対象者", en: "Audience"),
        ("Project", "implementer") => msg!(ja: "実施主体", en: "Implementer"),
        ("Project", "related") => msg!(ja: "主な関連事業", en: "Related projects"),
        ("Project", "schedule") => msg!(ja: "年次計画", en: "Yearly plan"),
        ("Project", "indicators") => msg!(ja: "成果を示す指標", en: "Indicators"),
        ("Project", "reports") => msg!(ja: "進捗状況（年度ごとの報告）", en: "Yearly reports"),
        ("Project", "corrections") => msg!(ja: "訂正", en: "Corrections"),
        ("ScheduleRow", "label") => msg!(ja: "年次計画の名称", en: "Name of the row"),
        ("ScheduleRow", "years") => msg!(ja: "年度ごとの状況", en: "Status by fiscal year"),
        ("Indicator", "id") => msg!(ja: "指標ID", en: "Indicator id"),
        ("Indicator", "name") => msg!(ja: "指標名", en: "Name"),
        ("Indicator", "unit") => msg!(ja: "単位", en: "Unit"),
        ("Indicator", "direction") => msg!(ja: "指標の方向", en: "Which way is better"),
        ("Indicator", "levels") => msg!(ja: "指標の段階", en: "Levels"),
        ("Indicator", "baseline") => msg!(ja: "基準値", en: "Baseline"),
        ("Indicator", "target") => msg!(ja: "目標値", en: "Target"),
        ("Indicator", "actuals") => msg!(ja: "実績値", en: "Actual values"),
        ("IndicatorValue", "year") => msg!(ja: "年度", en: "Fiscal year"),
        ("IndicatorValue", "value") => msg!(ja: "数値", en: "Number"),
        ("IndicatorValue", "text") => msg!(ja: "文字の値", en: "Text value"),
        ("IndicatorValue", "label") => msg!(ja: "値のラベル", en: "Label"),
        ("IndicatorValue", "note") => msg!(ja: "注記", en: "Note"),
        ("IndicatorValue", "met") => msg!(ja: "目標の達成", en: "Target met"),
        ("IndicatorValue", "reported_in") => msg!(ja: "記載した報告", en: "Stated in the report of"),
        ("Report", "year") => msg!(ja: "年度", en: "Fiscal year"),
        ("Report", "grade") => msg!(ja: "事業の評価", en: "Grade"),
        ("Report", "partners") => msg!(ja: "協働の相手", en: "Partners"),
        ("Report", "achievements") => msg!(ja: "取組実績", en: "Achievements"),
        ("Report", "effect") => msg!(ja: "効果又は理由", en: "Effect or reason"),
        ("Report", "improvement") => msg!(ja: "改善策", en: "Improvement"),
        ("Correction", "date") => msg!(ja: "訂正日", en: "Date of the correction"),
        ("Correction", "edition") => msg!(ja: "対象の確定版", en: "Edition corrected"),
        ("Correction", "field") => msg!(ja: "項目", en: "Field"),
        ("Correction", "old") => msg!(ja: "訂正前", en: "Published value"),
        ("Correction", "new") => msg!(ja: "訂正後", en: "Corrected value"),
        ("Correction", "reason") => msg!(ja: "理由", en: "Reason"),
        _ => return None,
    };
    Some(m)
}

/// The name of one item of a list of tables (`Indicator` → 指標), for the heading of each.
pub fn item_label(definition: &str) -> Option<Msg> {
    let m = match definition {
        "Indicator" => msg!(ja: "指標", en: "Indicator"),
        "Report" => msg!(ja: "報告", en: "Report"),
        "ScheduleRow" => msg!(ja: "年次計画の行", en: "Row of the yearly plan"),
        "IndicatorValue" => msg!(ja: "実績値", en: "Actual value"),
        "Correction" => msg!(ja: "訂正", en: "Correction"),
        _ => return None,
    };
    Some(m)
}

/// A short hint under a field, where what to write is not plain from its name.
pub fn hint(parent: &str, key: &str) -> Option<Msg> {
    let m = match (parent, key) {
        ("IndicatorValue", "value") => msg!(
            ja: "数字だけを書きます（単位やコンマは付けません）。数値でない値は「文字の値」に書きます。",
            en: "Digits only, without unit or commas; a value that is not a number goes in Text value.",
        ),
        ("IndicatorValue", "year") | ("Report", "year") => {
            msg!(ja: "例: R5、令和5年度、2023", en: "e.g. R5, 令和5年度, 2023")
        }
        ("IndicatorValue", "reported_in") => msg!(
            ja: "ふつうは空けておきます（どの年度の報告に載ったかは決まった規則で分かります）。別の年度の報告に載った値のときだけ選びます。",
            en: "Leave it empty as a rule; choose a year only when another year's report stated the value.",
        ),
        ("Indicator", "levels") => msg!(
            ja: "値が文字の指標で、段階を低い方から < で区切って書きます（例: 未実施 < 実施 < 充実）。英語も同じ順に書きます。",
            en: "For an indicator whose values are texts: its levels from the lowest, separated by < (e.g. 未実施 < 実施 < 充実); the English in the same order.",
        ),
        ("IndicatorValue", "met") => msg!(
            ja: "数値でも段階でも判定できない実績値のときだけ、報告書の記載どおりに選びます。",
            en: "Only for an actual value that neither numbers nor levels can judge: as the report states.",
        ),
        ("Correction", "date") => msg!(ja: "例: 2024-09-01", en: "e.g. 2024-09-01"),
        ("Correction", "field") => msg!(
            ja: "kyodo check が示す項目名をそのまま書きます（例: indicators.applications.actuals.R5、reports.R5.grade）。",
            en: "As kyodo check names it, e.g. indicators.applications.actuals.R5 or reports.R5.grade.",
        ),
        ("Correction", "old") | ("Correction", "new") => msg!(
            ja: "数値はそのまま（例: 5）、文字はそのまま、一覧は [\"1\", \"2\"] のように書きます。値がなかった（なくなった）ときは空けておきます。",
            en: "A number as it is (e.g. 5), a text as it is, a list as [\"1\", \"2\"]; leave it empty where there was (or is) no value.",
        ),
        ("Indicator", "id") => msg!(
            ja: "半角の小文字、数字と - で、事業の中で重ならないもの。",
            en: "Lower-case letters, digits and -, unique within the project.",
        ),
        _ => return None,
    };
    Some(m)
}

/// The name of a value of a field with a fixed list of values (`increase` → 増加を目指す).
pub fn choice(parent: &str, key: &str, value: &str) -> Option<Msg> {
    let m = match (parent, key, value) {
        ("Indicator", "direction", "increase") => msg!(ja: "増加を目指す", en: "Increase is better"),
        ("Indicator", "direction", "decrease") => msg!(ja: "減少を目指す", en: "Decrease is better"),
        ("IndicatorValue", "met", "true") => msg!(ja: "目標を達成した", en: "Met the target"),
        ("IndicatorValue", "met", "false") => msg!(ja: "目標を達成していない", en: "Did not meet the target"),
        _ => return None,
    };
    Some(m)
}
