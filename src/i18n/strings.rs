//! The UI strings of a theme: one typed field per key.
//!
//! A theme's `i18n/<lang>.toml` must have exactly these keys: a missing key would print
//! blank text on every page that uses it, and an unknown key is most likely a misspelt
//! one. Templates see the strings as `t.<key>`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity, Source};
use crate::msg;

/// Declares [`UiStrings`] with one `String` field per key, and the list of keys.
macro_rules! ui_strings {
    ($($field:ident $(= $key:literal)?,)*) => {
        /// The words of the interface in one language, from a theme's `i18n/<lang>.toml`.
        #[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct UiStrings {
            $(
                $(#[serde(rename = $key)])?
                pub $field: String,
            )*
        }

        impl UiStrings {
            /// Every key, as written in the TOML file.
            pub const KEYS: &[&str] = &[$(ui_strings!(@key $field $($key)?),)*];
        }
    };
    (@key $field:ident) => { stringify!($field) };
    (@key $field:ident $key:literal) => { $key };
}

ui_strings! {
    skip_to_content,
    site_navigation,
    home,
    breadcrumb,
    departments,
    language,
    untranslated,
    reported_year,
    plan,
    municipality,
    publisher,
    licence,
    projects,
    project_count,
    projects_by_plan,
    goal,
    policy,
    code,
    department,
    division,
    lead_departments,
    related_departments,
    overview,
    issues,
    direction,
    plan_content,
    audience,
    implementer,
    related_projects,
    schedule,
    schedule_caption,
    schedule_row,
    indicators,
    indicator,
    value_kind,
    fiscal_year,
    value,
    unit,
    achievement_rate,
    achievement_rate_note,
    kind_baseline,
    kind_target,
    kind_actual,
    direction_increase,
    direction_decrease,
    no_rate,
    note,
    reports,
    report_for,
    grade,
    partners,
    achievements,
    effect,
    improvement,
    no_projects,
    projects_reporting,
    projects_leading,
    projects_related,
    department_page,
    all_departments,
    project_list_caption,
    title,
    list_separator,
    footer_licence,
    choose_language,
    open_data,
    data_intro,
    data_files,
    json_files_heading,
    metadata_heading,
    format,
    size,
    row_count,
    record_count,
    columns,
    column_name,
    column_title,
    column_type,
    column_required,
    column_description,
    allowed_values,
    yes,
    preview,
    download,
    excel_variant,
    encoding_note,
    format_note,
    formula_note,
    datapackage,
    catalog,
    last_updated,
    not_stated,
    type_string,
    type_number,
    type_integer,
    type_year,
    type_list,
    project_data,
    project_json,
    project_data_note,
    attribution_heading,
    all_projects,
    about_data,
    accessibility,
    search,
    not_found,
    not_found_text,
    trend,
    band_achieved,
    band_on_track = "band_on-track",
    band_behind,
    band_regressed,
    band_not_measurable = "band_not-measurable",
    band,
    band_rule,
    band_rule_achieved,
    band_rule_on_track = "band_rule_on-track",
    band_rule_behind,
    band_rule_regressed,
    band_rule_not_measurable = "band_rule_not-measurable",
    bands_heading,
    bands_intro,
    about_rate_detail,
    about_bands_link,
    dashboard_heading,
    dashboard_grades,
    dashboard_bands,
    indicator_count,
    latest_status,
    grade_definitions,
    definition,
    definition_not_published,
    no_grades,
    code_label,
    meaning,
    status,
    statuses_caption,
    filters,
    filter_all,
    filter_count,
    browse_by,
    search_label,
    search_none,
    search_found,
    search_prompt,
    search_needs_js,
    a11y_policy,
    a11y_target_heading,
    a11y_target,
    a11y_scope_heading,
    a11y_scope,
    a11y_testing_heading,
    a11y_testing,
    a11y_test_axe,
    a11y_test_vnu,
    a11y_test_manual,
    a11y_features_heading,
    a11y_feature_lang,
    a11y_feature_tables,
    a11y_feature_colour,
    a11y_feature_keyboard,
    a11y_feature_zoom,
    a11y_contact_heading,
    a11y_contact,
    type_date,
    year_switcher,
    latest_year,
    year_report_title,
    year_projects_title,
    as_of_note,
    year_projects_link,
    latest_report_link,
    grades_by_year,
    earlier_reports,
    department_then,
    stated_in,
    not_reported_yet,
    corrections,
    corrections_intro,
    correction_date,
    correction_edition,
    correction_field,
    correction_old,
    correction_new,
    correction_reason,
    no_value,
    edition_name,
    editions_heading,
    editions_intro,
    no_editions,
    edition_frozen,
    version,
    feed,
    feed_new_report,
    feed_new_edition,
    feed_correction,
    about_reported_in_heading,
    about_reported_in,
}

impl UiStrings {
    /// Reads the UI strings of `text`, the contents of the file at `path`; every missing
    /// or unknown key is a diagnostic naming the file and the key.
    pub fn parse(path: &Path, text: &str, diags: &mut Diagnostics) -> Option<UiStrings> {
        let text = crate::files::without_bom_str(text);
        let src = Source { path, text };
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                // The parser's own words, first line only, kept as a detail.
                let detail = e.message().lines().next().unwrap_or("").trim();
                diags.push(src.at(Severity::Error, e.span(), None, one_line_per_string(detail)));
                return None;
            }
        };
        let before = diags.0.len();
        let shown = path.display();
        for key in UiStrings::KEYS.iter().filter(|k| !table.contains_key(**k)) {
            diags.push(Diagnostic::file_error(
                path,
                msg!(ja: "画面の文言 `{key}` がありません。", en: "the UI string `{key}` is missing"),
                msg!(ja: "{shown} に {key} = \"…\" を書き加えてください。", en: "add {key} = \"…\" to {shown}"),
            ));
        }
        for key in table.keys().filter(|k| !UiStrings::KEYS.contains(&k.as_str())) {
            let help = match crate::diagnostic::did_you_mean(key, UiStrings::KEYS.iter().copied()) {
                Some(s) => msg!(
                    ja: "`{s}` の書き間違いではありませんか。キーを直すか、この行を削除してください。",
                    en: "did you mean `{s}`? remove the line or correct the key",
                ),
                None => msg!(
                    ja: "この行を削除してください。kyodo はこの文言を使いません。",
                    en: "remove the line: kyodo uses no such string",
                ),
            };
            let message = msg!(ja: "`{key}` という画面の文言はありません。", en: "unknown UI string `{key}`");
            diags.push(Diagnostic::file_error(path, message, help));
        }
        if diags.0.len() > before {
            return None;
        }
        match table.try_into::<UiStrings>() {
            Ok(strings) => Some(strings),
            Err(e) => {
                diags.push(src.at(Severity::Error, None, None, one_line_per_string(e.message().trim())));
                None
            }
        }
    }
}

/// A UI strings file that does not read as `key = "text"` lines; `detail` is the TOML
/// parser's own words.
fn one_line_per_string(detail: &str) -> msg::Msg {
    msg!(
        ja: "画面の文言のファイルとして読めません（詳細: {detail}）。\n文言は一行に一つ、キー = \"文言\" の形で書いてください。",
        en: "{detail}\nwrite one line per string: key = \"text\"",
    )
}
