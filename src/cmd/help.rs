//! The command line's help and usage errors in the interface language.
//!
//! The help of every command and option is written in both languages where it is declared
//! (`#[arg(help = tr(msg!(ja: …, en: …)))]`): clap evaluates those attributes when the
//! command is built, after `main` chose the language. What clap writes itself is put in
//! Japanese here: the headings (`使い方`, `コマンド`, `引数`, `オプション`), the default
//! values, the `help` command, and the usage errors. English keeps clap's own words.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use kyodo::msg;
use kyodo::msg::{Lang, Msg};

use super::say::{lang, tr};

/// The help layout with Japanese headings; clap's default otherwise.
const JA_TEMPLATE: &str = "{before-help}{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";

/// The `help` commands clap adds, and their argument, in the interface language; in
/// Japanese also the headings and default values. `command` must be built
/// ([`clap::Command::build`]), so that what clap adds is there to change.
pub fn localize(command: clap::Command) -> clap::Command {
    let command = help_commands(command);
    match lang() {
        Lang::En => command,
        Lang::Ja => in_japanese(command),
    }
}

/// The `help` command of a command and of each of its subcommands.
fn help_commands(command: clap::Command) -> clap::Command {
    command.mut_subcommands(|sub| {
        if sub.get_name() != "help" {
            return help_commands(sub);
        }
        sub.about(tr(msg!(
            ja: "このヘルプか、指定したコマンドのヘルプを表示します",
            en: "Print this message or the help of the given subcommand(s)",
        )))
        .mut_args(|a| a.help(tr(msg!(ja: "ヘルプを表示するコマンド", en: "Print help for the subcommand(s)"))))
    })
}

/// Japanese headings, default values and possible values for a command and all its
/// subcommands.
fn in_japanese(command: clap::Command) -> clap::Command {
    command
        .help_template(JA_TEMPLATE)
        .subcommand_help_heading("コマンド")
        .subcommand_value_name("コマンド")
        .mut_args(arg_in_japanese)
        .mut_subcommands(in_japanese)
}

/// An option's heading, default value and possible values in Japanese: clap would write
/// `[default: …]`, `[possible values: …]` and `Possible values:`.
fn arg_in_japanese(arg: clap::Arg) -> clap::Arg {
    let heading = if arg.is_positional() { "引数" } else { "オプション" };
    // A flag's default (false) is not shown, as clap does not show it.
    let shown = arg.get_action().takes_values() && !arg.is_hide_default_value_set();
    let defaults: Vec<String> = match shown {
        true => arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect(),
        false => Vec::new(),
    };
    let values: Vec<clap::builder::PossibleValue> = match arg.is_hide_possible_values_set() {
        true => Vec::new(),
        false => arg.get_possible_values().into_iter().filter(|v| !v.is_hide_set()).collect(),
    };
    let mut arg = arg.help_heading(heading);
    if defaults.len() != 1 && values.is_empty() {
        return arg;
    }
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    if let [default] = defaults.as_slice() {
        let default = if default.is_empty() { "空" } else { default.as_str() };
        help.push_str(&format!("（省略時: {default}）"));
        arg = arg.hide_default_value(true);
    }
    if values.is_empty() {
        return arg.help(help);
    }
    // The values, each with its own help when every value has one (as clap lists them
    // in the long help), on lines of their own. No long help: clap would then lay out
    // every option of the command on two lines.
    let explained: Vec<String> =
        values.iter().filter_map(|v| v.get_help().map(|h| format!("- {}: {h}", v.get_name()))).collect();
    let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
    let help = match explained.len() == values.len() {
        true => format!("{help}\n指定できる値:\n{}", explained.join("\n")),
        false => format!("{help}（指定できる値: {}）", names.join("、")),
    };
    arg.hide_possible_values(true).help(help)
}

/// Handles what clap returns instead of the parsed arguments: the help or version asked
/// for (printed as it is), or a usage error, in Japanese when the interface is.
pub fn clap_error(e: clap::Error) -> ExitCode {
    let usage_error = !matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if lang() == Lang::En || !usage_error {
        let _ = e.print();
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    }
    let what = usage_error_in_japanese(&e);
    eprintln!("エラー: {}", what.get(Lang::Ja));
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        eprintln!("\n{}", usage.replacen("Usage:", "使い方:", 1));
    }
    eprintln!("\n使い方の説明は、--help を付けて実行すると表示されます。");
    ExitCode::from(2)
}

/// A usage error in a clerk's words. The message is made in both languages, as every
/// message is, though only its Japanese is shown (English keeps clap's).
fn usage_error_in_japanese(e: &clap::Error) -> Msg {
    let text = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    let suggested = |m: Msg, kind: ContextKind| match text(kind) {
        s if s.is_empty() => m,
        s => msg!(ja: "{m}「{s}」の書き間違いではありませんか。", en: "{m} did you mean '{s}'?", m = m),
    };
    match e.kind() {
        ErrorKind::UnknownArgument => suggested(
            msg!(ja: "「{arg}」というオプションはありません。", en: "unexpected argument '{arg}' found"),
            ContextKind::SuggestedArg,
        ),
        ErrorKind::InvalidSubcommand => {
            let sub = text(ContextKind::InvalidSubcommand);
            suggested(
                msg!(ja: "「{sub}」というコマンドはありません。", en: "unrecognized subcommand '{sub}'"),
                ContextKind::SuggestedSubcommand,
            )
        }
        ErrorKind::InvalidValue => {
            let (value, valid) = (text(ContextKind::InvalidValue), text(ContextKind::ValidValue));
            if valid.is_empty() {
                msg!(ja: "{arg} に「{value}」は指定できません。", en: "invalid value '{value}' for '{arg}'")
            } else {
                msg!(
                    ja: "{arg} には次のどれかを指定してください: {valid}。「{value}」は指定できません。",
                    en: "invalid value '{value}' for '{arg}' [possible values: {valid}]",
                )
            }
        }
        ErrorKind::ValueValidation => {
            let value = text(ContextKind::InvalidValue);
            let detail = std::error::Error::source(e).map(|s| s.to_string()).unwrap_or_default();
            msg!(
                ja: "{arg} に「{value}」は指定できません（詳細: {detail}）。",
                en: "invalid value '{value}' for '{arg}': {detail}",
            )
        }
        ErrorKind::MissingRequiredArgument => {
            msg!(ja: "{arg} を指定してください。", en: "the following required arguments were not provided: {arg}")
        }
        ErrorKind::MissingSubcommand => msg!(ja: "コマンドを指定してください。", en: "a subcommand is required"),
        _ => {
            let detail = e.render().to_string();
            let first = detail.lines().next().unwrap_or("").trim_start_matches("error: ").to_owned();
            msg!(ja: "コマンドの書き方に誤りがあります（詳細: {first}）。", en: "{first}")
        }
    }
}
