//! `kyodo freeze FY`: records that the report of a fiscal year has been published, by
//! keeping that year's data, as built now, under `content/editions/<year>/`.
//!
//! The edition is written into a hidden folder beside its place and renamed into place
//! only when every file is written, so an interrupted freeze leaves no half edition; an
//! existing edition is never replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::edition::{EDITIONS_DIR, MANIFEST};
use crate::fiscal_year::FiscalYear;
use crate::load::{SITE_FILE, Site};
use crate::model::config::Date;
use crate::msg;

/// Freezes the report of `year` of the site at `root` on `date`; returns the edition's
/// folder. Refuses a site that does not check, a year that is not reported and a year that
/// is frozen already.
pub fn freeze(root: &Path, year: FiscalYear, date: &Date) -> Result<PathBuf, Diagnostics> {
    crate::check(root)?;
    let (site, _) = Site::load(root)?;
    let one = |d: Diagnostic| Diagnostics(vec![d]);
    let rel = Path::new(EDITIONS_DIR).join(year.year().to_string());
    if let Some(refused) = refusal(root, &site, year, &rel) {
        return Err(one(refused));
    }
    let made = crate::data::edition::make(&site, year, date).map_err(|d| one(*d))?;
    write(root, &rel, year, &made).map_err(|d| one(*d))?;
    Ok(rel)
}

/// Why the report of `year` cannot be frozen into `rel`, if it cannot: it is not
/// reported, it is frozen already, or something else is in the edition's place.
fn refusal(root: &Path, site: &Site, year: FiscalYear, rel: &Path) -> Option<Diagnostic> {
    let reported = site.reported_years();
    if !reported.contains(&year) {
        let years: Vec<String> = reported.iter().map(|y| y.era_short()).collect();
        let (years, era) = (years.join(", "), year.era_short());
        return Some(Diagnostic::file_error(
            Path::new(SITE_FILE),
            msg!(
                ja: "{year}は報告する年度ではないため、確定する報告がありません。",
                en: "{year} is not a reported year, so it has no report to freeze",
                year = year.named(),
            ),
            msg!(
                ja: "報告する年度（{years}）のどれかを確定するか、先に reported_years に \"{era}\" を書き加えてください。",
                en: "freeze one of the reported years ({years}), or add \"{era}\" to reported_years first",
            ),
        ));
    }
    if let Some(e) = site.editions.get(year) {
        return Some(Diagnostic::file_error(
            rel,
            msg!(
                ja: "{year}の報告は、{frozen} にすでに確定しています。",
                en: "the report of {year} is frozen already (on {frozen})",
                year = year.named(),
                frozen = e.frozen.as_str(),
            ),
            msg!(
                ja: "公表した値を改めるには、記録ファイルを直し、[[corrections]] の表（訂正）を書き加えてください（docs/records.md）。確定版は置き換えられません。",
                en: "an edition is never replaced: to change a published value, edit the record and add a [[corrections]] entry (docs/records.md)",
            ),
        ));
    }
    root.join(rel).exists().then(|| {
        Diagnostic::file_error(
            rel,
            msg!(
                ja: "同じ名前のフォルダーかファイルがすでにあります。kyodo はこれを置き換えません。",
                en: "exists already, and kyodo does not replace it",
            ),
            msg!(
                ja: "確定版でなければ {shown} を別の場所に移してから、もう一度確定してください。",
                en: "move {shown} away if it is not an edition, then freeze again",
                shown = rel.display(),
            ),
        )
    })
}

/// Writes the edition into a hidden folder beside `rel`, then renames it into place.
fn write(root: &Path, rel: &Path, year: FiscalYear, made: &crate::data::edition::Made) -> Result<(), Box<Diagnostic>> {
    let write_error = |e: std::io::Error| {
        Box::new(Diagnostic::file_error(
            rel,
            msg!(ja: "確定版を書き込めません（{e}）。", en: "cannot write the edition: {e}"),
            msg!(
                ja: "content/ に書き込めること、ディスクに空きがあることを確かめてください。何も確定していません。",
                en: "check that content/ is writable and the disk is not full; nothing was frozen",
            ),
        ))
    };
    let dir = root.join(EDITIONS_DIR);
    std::fs::create_dir_all(&dir).map_err(write_error)?;
    let staging =
        tempfile::Builder::new().prefix(&format!(".{}.freeze-", year.year())).tempdir_in(&dir).map_err(write_error)?;
    let mut manifest = serde_json::to_vec_pretty(&made.manifest).map_err(|e| write_error(std::io::Error::other(e)))?;
    manifest.push(b'\n');
    for (name, bytes) in made.files.iter().map(|(n, b)| (n.as_str(), b)).chain([(MANIFEST, &manifest)]) {
        let mut file = std::fs::File::create(staging.path().join(name)).map_err(write_error)?;
        file.write_all(bytes).and_then(|()| file.sync_all()).map_err(write_error)?;
    }
    let target = root.join(rel);
    // Checked again just before the rename, which would replace an empty folder.
    if target.exists() {
        return Err(Box::new(Diagnostic::file_error(
            rel,
            msg!(
                ja: "確定版を書き込んでいる間に、このフォルダーが作られました。",
                en: "appeared while the edition was being written",
            ),
            msg!(ja: "これを別の場所に移してから、もう一度確定してください。", en: "freeze again once it is moved away"),
        )));
    }
    std::fs::rename(staging.path(), &target).map_err(write_error)
}

/// Today's date on this computer's clock and time zone, for an edition frozen without
/// `--date`.
pub fn today() -> Date {
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
    Date::parse(&today).unwrap_or_else(|_| Date::parse("1970-01-01").expect("a date"))
}
