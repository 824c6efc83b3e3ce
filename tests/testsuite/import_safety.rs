//! Spreadsheets cannot take the machine down, and an import writes all records or none:
//! real malicious files (a cell at XFD1048576, a megabyte zip holding a gigabyte cell, a
//! zip that lies about its size), date and error cells, a full disk and a killed import.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

use flate2::{Compress, Compression, FlushCompress};

use crate::support::records::{read_csv, record_files, write_csv};
use crate::support::{TestSite, copy_dir, generate, kyodo, kyodo_ok, nasushiobara, repo};

/// Runs `kyodo import FILE` into an empty Nasushiobara site with at most 1 GB of address
/// space: a file that needs more makes the import fail unclean (an abort), not just fail.
fn import_bounded(file: &Path) -> (bool, String) {
    import_bounded_in(file, "en")
}

/// [`import_bounded`], with messages in `lang`.
fn import_bounded_in(file: &Path, lang: &str) -> (bool, String) {
    let site = TestSite::empty_like(&nasushiobara());
    let out: Output = Command::new("sh")
        .env("KYODO_LANG", lang)
        .arg("-c")
        .arg("ulimit -v 1000000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_kyodo"))
        .args(["import", file.to_str().unwrap(), "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).replace(file.parent().unwrap().to_str().unwrap(), "<dir>");
    assert!(out.status.code().is_some(), "killed by a signal (out of memory?): {stderr}");
    assert_eq!(fs::read_dir(site.path().join("content/projects")).unwrap().count(), 0, "nothing written");
    (out.status.success(), stderr)
}

fn refused(file: &Path, expected: &str) {
    let (ok, stderr) = import_bounded(file);
    assert!(!ok && stderr.contains(expected), "expected a clean error with \"{expected}\", got:\n{stderr}");
}

/// [`refused`], with the message in Japanese.
fn refused_in_japanese(file: &Path, expected: &str) {
    let (ok, stderr) = import_bounded_in(file, "ja");
    assert!(!ok && stderr.contains(expected), "expected a clean error with \"{expected}\", got:\n{stderr}");
}

/// One entry of a zip archive written by hand: its bytes as stored, and the sizes it
/// declares.
struct Entry {
    name: String,
    data: Vec<u8>,
    deflated: bool,
    crc: u32,
    declared: u32,
}

fn zip_bytes(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let method: u16 = if e.deflated { 8 } else { 0 };
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(method.to_le_bytes());
            h.extend([0u8; 4]);
            h.extend(e.crc.to_le_bytes());
            h.extend((e.data.len() as u32).to_le_bytes());
            h.extend(e.declared.to_le_bytes());
            h.extend((e.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                // Comment length, disk, internal and external attributes, then the offset.
                h.extend([0u8; 6]);
                h.extend(0u32.to_le_bytes());
                h.extend(offset.to_le_bytes());
            }
            h.extend(e.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&e.data);
        central.extend(header(0x0201_4b50, true));
    }
    let (cd_offset, cd_len) = (out.len() as u32, central.len() as u32);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend(cd_len.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// The entries of a real .xlsx (one cell), stored uncompressed.
fn workbook_entries() -> Vec<Entry> {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "事業名").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            Entry {
                name: f.name().unwrap().into_owned(),
                declared: data.len() as u32,
                crc: f.crc32(),
                data,
                deflated: false,
            }
        })
        .collect()
}

fn deflate(c: &mut Compress, input: &[u8], flush: FlushCompress) -> Vec<u8> {
    let start = c.total_in();
    let mut out = Vec::with_capacity(64 * 1024);
    loop {
        out.reserve(64 * 1024);
        c.compress_vec(&input[(c.total_in() - start) as usize..], &mut out, flush).unwrap();
        if (c.total_in() - start) as usize == input.len() && out.len() < out.capacity() {
            return out;
        }
    }
}

/// A deflate stream of `head`, then about `mib` MiB of `piece` repeated (whole pieces),
/// then `tail`, made small by repeating the compressed form of one chunk (the stream is
/// flushed to a byte boundary after each), and its unpacked size.
fn deflated_repeat(head: &[u8], piece: &[u8], mib: usize, tail: &[u8]) -> (Vec<u8>, u64) {
    let chunk: Vec<u8> = piece.iter().copied().cycle().take(piece.len() * ((1 << 20) / piece.len())).collect();
    let mut c = Compress::new(Compression::best(), false);
    let mut out = deflate(&mut c, head, FlushCompress::Sync);
    out.extend(deflate(&mut c, &chunk, FlushCompress::Sync));
    let steady = deflate(&mut c, &chunk, FlushCompress::Sync);
    assert_eq!(deflate(&mut c, &chunk, FlushCompress::Sync), steady, "one compressed chunk repeats");
    for _ in 3..mib {
        out.extend(&steady);
    }
    out.extend(&steady);
    out.extend(&steady);
    out.extend(deflate(&mut c, tail, FlushCompress::Finish));
    (out, (head.len() + mib * chunk.len() + tail.len()) as u64)
}

/// A workbook whose shared-string table unpacks to `mib` MiB of `piece`, declaring
/// `declared` bytes (the true size unless the archive lies).
fn bomb(dir: &Path, piece: &[u8], mib: usize, lie: bool) -> std::path::PathBuf {
    let head = b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>";
    let (data, size) = deflated_repeat(head, piece, mib, b"</t></si></sst>");
    let mut entries = workbook_entries();
    let strings = entries.iter_mut().find(|e| e.name == "xl/sharedStrings.xml").unwrap();
    *strings = Entry {
        name: strings.name.clone(),
        data,
        deflated: true,
        crc: 0,
        declared: if lie { 1000 } else { size as u32 },
    };
    let path = dir.join(format!("bomb-{mib}-{lie}.xlsx"));
    fs::write(&path, zip_bytes(&entries)).unwrap();
    path
}

#[test]
fn a_cell_far_out_is_refused_without_allocating_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "事業名").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let path = dir.path().join("far.xlsx");
    book.save(&path).unwrap();
    assert!(fs::metadata(&path).unwrap().len() < 10_000, "a small file");
    refused(&path, "cell XFD1048576 is beyond row 1,000,000, the last row kyodo reads");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "事業名").unwrap();
    sheet.write_string(5, 16_383, "x").unwrap();
    book.save(&path).unwrap();
    refused(&path, "cell XFD6 is beyond column ALL (1,000), the last column kyodo reads");
}

#[test]
fn a_gigabyte_cell_in_a_small_zip_is_refused_before_it_is_unpacked() {
    let dir = tempfile::tempdir().unwrap();
    let path = bomb(dir.path(), b"a", 1024, false);
    assert!(fs::metadata(&path).unwrap().len() < 2_000_000, "a small file: {}", fs::metadata(&path).unwrap().len());
    refused(
        &path,
        "its part xl/sharedStrings.xml unpacks to more than 128 MB, the most kyodo reads of the shared strings of a workbook (save a table this large as .csv)",
    );
}

#[test]
fn a_zip_that_hides_the_size_of_its_parts_is_stopped_while_unpacking() {
    let dir = tempfile::tempdir().unwrap();
    let path = bomb(dir.path(), b"a", 1024, true);
    refused(&path, "cannot unpack xl/sharedStrings.xml: File is larger than its declared uncompressed size");
}

#[test]
fn a_huge_cell_within_the_size_of_a_part_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = bomb(dir.path(), b"a", 64, false);
    refused(
        &path,
        "xl/sharedStrings.xml: holds a piece of text or markup longer than 1 MB; a cell holds at most 32,767 characters",
    );
    // Many cells rather than one: within the limits they are read; beyond, refused (the
    // limits made small for the test).
    let path = bomb(dir.path(), b"a</t></si><si><t>", 16, false);
    let limits = kyodo::import::Limits { strings_bytes: 8 << 20, ..kyodo::import::LIMITS };
    let err = kyodo::import::read_table_with(&path, &limits).unwrap_err().get(kyodo::msg::Lang::En).to_owned();
    assert!(err.ends_with("its part xl/sharedStrings.xml unpacks to more than 8 MB, the most kyodo reads of the shared strings of a workbook (save a table this large as .csv)"), "{err}");
}

#[test]
fn cells_longer_than_excel_allows_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let long = "あ".repeat(40_000);
    let mut entries = workbook_entries();
    let strings = entries.iter_mut().find(|e| e.name == "xl/sharedStrings.xml").unwrap();
    let xml = String::from_utf8(strings.data.clone()).unwrap().replace("事業名", &long);
    *strings = Entry {
        name: strings.name.clone(),
        crc: crc(xml.as_bytes()),
        declared: xml.len() as u32,
        data: xml.into_bytes(),
        deflated: false,
    };
    let path = dir.path().join("long.xlsx");
    fs::write(&path, zip_bytes(&entries)).unwrap();
    refused(&path, "cell A1 holds 40,000 characters; a cell holds at most 32,767 (Excel's own limit)");
    let csv = dir.path().join("long.csv");
    fs::write(&csv, format!("事業名,担当課\n{long},x\n")).unwrap();
    refused(&csv, "cell A2 holds 40,000 characters");
    fs::write(&csv, format!("事業名{}x\n", ",".repeat(1000))).unwrap();
    refused(&csv, "cell ALM1 is beyond column ALL (1,000)");
}

/// CRC-32 of a small part (the zip reader checks it).
fn crc(bytes: &[u8]) -> u32 {
    let mut h = flate2::Crc::new();
    h.update(bytes);
    h.sum()
}

#[test]
fn formats_that_cannot_be_read_safely_are_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    for (ext, expected) in [
        (
            "xlsb",
            "kyodo cannot read .xlsb files with bounded memory; open the file in Excel and save it as .xlsx (Excel Workbook)",
        ),
        ("xls", "is not an .xls file"),
        ("ods", "is not an .ods file"),
    ] {
        let path = dir.path().join(format!("old.{ext}"));
        fs::write(&path, b"anything").unwrap();
        refused(&path, expected);
    }
    let path = dir.path().join("not-a-zip.xlsx");
    fs::write(&path, b"PK but not really").unwrap();
    refused(&path, "is not an .xlsx file");
}

#[test]
fn date_and_error_cells_are_reported_with_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = fs::read_to_string(repo().join("tests/fixtures/import/nasushiobara-r4.tsv")).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in tsv.lines().take(4).enumerate() {
        for (c, cell) in line.split('\t').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 4, 1).unwrap();
    sheet
        .write_datetime_with_format(2, 7, &date, &rust_xlsxwriter::Format::new().set_num_format("yyyy/mm/dd"))
        .unwrap();
    sheet.write_string(3, 9, "ERROR-CELL").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    // Excel writes an error value as a cell of type "e".
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = String::new();
        f.read_to_string(&mut data).unwrap();
        if f.name().unwrap() == "xl/worksheets/sheet1.xml" {
            let start = data.find("<c r=\"J4\"").unwrap();
            let end = start + data[start..].find("</c>").unwrap() + 4;
            data.replace_range(start..end, "<c r=\"J4\" t=\"e\"><v>#DIV/0!</v></c>");
        }
        entries.push(Entry {
            name: f.name().unwrap().into_owned(),
            crc: crc(data.as_bytes()),
            declared: data.len() as u32,
            data: data.into_bytes(),
            deflated: false,
        });
    }
    let path = dir.path().join("cells.xlsx");
    fs::write(&path, zip_bytes(&entries)).unwrap();
    let (ok, stderr) = import_bounded(&path);
    assert!(!ok);
    insta::assert_snapshot!("import_date_and_error_cells", stderr);
    let (ok, stderr) = import_bounded_in(&path, "ja");
    assert!(!ok);
    insta::assert_snapshot!("import_date_and_error_cells_ja", stderr);
}

#[test]
fn a_killed_import_leaves_every_record_whole() {
    let site = tempfile::tempdir().unwrap();
    generate(site.path(), 200, None);
    let sheet_dir = tempfile::tempdir().unwrap();
    let csv = sheet_dir.path().join("all.csv");
    kyodo_ok(&["export", csv.to_str().unwrap()], site.path());
    let mut rows = read_csv(&csv);
    let title = rows[0].iter().position(|h| h == "事業名").unwrap();
    for row in rows.iter_mut().skip(1).filter(|r| !r[title].is_empty()) {
        row[title].push_str("（改訂）");
    }
    write_csv(&csv, &rows);
    let old = record_files(site.path());
    let done = TestSite::content_of(site.path());
    let started = std::time::Instant::now();
    kyodo_ok(&["import", csv.to_str().unwrap(), "--force"], done.path());
    let whole_import = started.elapsed();
    let new = record_files(done.path());
    // Killed at points spread over the time a whole import takes on this machine, from
    // before it reads the sheet to while it renames the last records into place.
    for share in [0.05, 0.2, 0.4, 0.6, 0.8, 0.95] {
        let delay = whole_import.mul_f64(share);
        let target = TestSite::content_of(site.path());
        let mut child = crate::support::kyodo_command()
            .args(["import", csv.to_str().unwrap(), "--force", "--root"])
            .arg(target.path())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = record_files(target.path());
        for (path, bytes) in now.iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "toml")) {
            assert!(
                old.get(path) == Some(bytes) || new.get(path) == Some(bytes),
                "after {delay:?}: {} is neither the old nor the new record",
                path.display()
            );
        }
        assert_eq!(
            now.keys().filter(|p| p.extension().is_some_and(|e| e == "toml")).count(),
            old.len(),
            "after {delay:?}: every record is there"
        );
        kyodo::Site::load(target.path())
            .unwrap_or_else(|d| panic!("after {delay:?} the site does not load: {}", d.render(kyodo::msg::Lang::En)));
    }
}

/// Whether the test runs as root (to mount a small disk).
fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A mounted tmpfs, unmounted when dropped.
struct SmallDisk(std::path::PathBuf);

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_leaves_every_record_as_it_was() {
    if !is_root() {
        eprintln!("skipped: mounting a small disk needs root");
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let site = nasushiobara();
    let csv = work.path().join("all.csv");
    kyodo_ok(&["export", csv.to_str().unwrap()], &site);
    let mut rows = read_csv(&csv);
    let title = rows[0].iter().position(|h| h == "事業名").unwrap();
    for row in rows.iter_mut().skip(1) {
        row[title].push_str("（改訂）");
    }
    write_csv(&csv, &rows);
    let mnt = work.path().join("disk");
    fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount").args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"]).arg(&mnt).status().unwrap();
    assert!(mounted.success(), "mount a tmpfs");
    let _disk = SmallDisk(mnt.clone());
    let root = mnt.join("site");
    copy_dir(&site.join("content"), &root.join("content"));
    let before = record_files(&root);
    // Fill what is left of the disk.
    let mut filler = fs::File::create(mnt.join("filler")).unwrap();
    while std::io::Write::write_all(&mut filler, &[0u8; 4096]).is_ok() {}
    drop(filler);
    let run = kyodo(&["import", csv.to_str().unwrap(), "--force"], &root);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success(), "the import succeeded on a full disk?");
    assert!(stderr.contains("No space left on device") && stderr.contains("no record was changed"), "{stderr}");
    assert!(record_files(&root) == before, "every record as it was, no temporary file left");
}

/// Keeps a hostile file for measuring the memory an import of it takes (with
/// `/usr/bin/time -v`): copied into $KYODO_KEEP_HOSTILE when that is set.
fn keep(path: &Path) {
    if let Some(dir) = std::env::var_os("KYODO_KEEP_HOSTILE") {
        fs::copy(path, Path::new(&dir).join(path.file_name().unwrap())).unwrap();
    }
}

/// An .ods file whose content.xml is `rows` (the rows of one sheet), stored or deflated.
fn ods(path: &Path, rows: &str) {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet><table:table table:name=\"Sheet1\"><table:table-row><table:table-cell office:value-type=\"string\"><text:p>事業名</text:p></table:table-cell></table:table-row>{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let entries =
        [("mimetype", b"application/vnd.oasis.opendocument.spreadsheet".to_vec()), ("content.xml", xml.into_bytes())];
    let entries: Vec<Entry> = entries
        .into_iter()
        .map(|(name, data)| Entry {
            name: name.into(),
            crc: crc(&data),
            declared: data.len() as u32,
            data,
            deflated: false,
        })
        .collect();
    fs::write(path, zip_bytes(&entries)).unwrap();
    keep(path);
}

#[test]
fn ods_cells_far_out_and_huge_repeats_are_refused_without_allocating_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("far.ods");
    // A million empty rows and 16,384 empty columns cost nothing; the cell after them is
    // refused for where it is.
    let empty = "<table:table-row table:number-rows-repeated=\"1048574\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>";
    let far = "<table:table-row><table:table-cell table:number-columns-repeated=\"16383\"/><table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>";
    ods(&path, &format!("{empty}{far}"));
    assert!(fs::metadata(&path).unwrap().len() < 2_000, "a small file");
    refused(&path, "cell XFD1048576 is beyond row 1,000,000, the last row kyodo reads");
    let path = dir.path().join("wide.ods");
    ods(
        &path,
        "<table:table-row><table:table-cell table:number-columns-repeated=\"4000000000\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>",
    );
    refused(&path, "cell ALM2 is beyond column ALL (1,000), the last column kyodo reads");
    let path = dir.path().join("repeats.ods");
    ods(
        &path,
        "<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell table:number-columns-repeated=\"999\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>",
    );
    refused(
        &path,
        "the sheet repeats filled cells more than 100000 times (table:number-columns-repeated or table:number-rows-repeated); kyodo reads at most that many copies",
    );
    refused_in_japanese(&path, "記入されたセルの繰り返しが 100000 回を超えています");
    let path = dir.path().join("spaces.ods");
    ods(
        &path,
        "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>x<text:s text:c=\"4000000000\"/></text:p></table:table-cell></table:table-row>",
    );
    refused(&path, "content.xml asks for 4000000000 spaces in one cell");
}

#[test]
fn an_ods_zip_bomb_is_refused_before_it_is_unpacked() {
    let dir = tempfile::tempdir().unwrap();
    for (lie, expected) in [
        (false, "its part content.xml unpacks to more than 512 MB, the most kyodo reads from one worksheet"),
        (true, "cannot unpack content.xml: File is larger than its declared uncompressed size"),
    ] {
        let (data, size) = deflated_repeat(
            b"<?xml version=\"1.0\"?><office:document-content><!-- ",
            b"a",
            600,
            b" --></office:document-content>",
        );
        let mime = b"application/vnd.oasis.opendocument.spreadsheet".to_vec();
        let entries = [
            Entry {
                name: "mimetype".into(),
                crc: crc(&mime),
                declared: mime.len() as u32,
                data: mime,
                deflated: false,
            },
            Entry {
                name: "content.xml".into(),
                data,
                deflated: true,
                crc: 0,
                declared: if lie { 1000 } else { size as u32 },
            },
        ];
        let path = dir.path().join(format!("bomb-{lie}.ods"));
        fs::write(&path, zip_bytes(&entries)).unwrap();
        assert!(fs::metadata(&path).unwrap().len() < 2_000_000, "a small file");
        keep(&path);
        refused(&path, expected);
    }
}

/// A BIFF record.
fn biff(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut r = kind.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

/// An .xls workbook of one sheet whose cell records are `cells` (after a 事業名 in A1),
/// with a DIMENSIONS record that claims the whole grid.
fn xls(path: &Path, cells: &[Vec<u8>]) {
    let bof = |dt: u16| biff(0x0809, &[&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes(), &[0u8; 12]].concat());
    let mut label = vec![0u8, 0, 0, 0, 0, 0];
    label.extend(3u16.to_le_bytes());
    label.push(1);
    label.extend("事業名".encode_utf16().flat_map(u16::to_le_bytes));
    let mut sheet = bof(0x0010);
    sheet.extend(biff(
        0x0200,
        &[&0u32.to_le_bytes()[..], &u32::MAX.to_le_bytes(), &0u16.to_le_bytes(), &u16::MAX.to_le_bytes(), &[0, 0]]
            .concat(),
    ));
    sheet.extend(biff(0x0204, &label));
    for c in cells {
        sheet.extend(c);
    }
    sheet.extend(biff(0x000A, &[]));
    let name: Vec<u8> = [&[6u8, 0][..], b"Sheet1"].concat();
    let boundsheet_len = 4 + 6 + name.len();
    let globals_len = bof(0x0005).len() + boundsheet_len + 4;
    let mut stream = bof(0x0005);
    stream.extend(biff(0x0085, &[&(globals_len as u32).to_le_bytes()[..], &[0, 0], &name].concat()));
    stream.extend(biff(0x000A, &[]));
    stream.extend(sheet);
    let mut comp = cfb::create(path).unwrap();
    std::io::Write::write_all(&mut comp.create_stream("/Workbook").unwrap(), &stream).unwrap();
    comp.flush().unwrap();
    drop(comp);
    keep(path);
}

/// A NUMBER record at a 0-based row and column.
fn number(row: u16, col: u16) -> Vec<u8> {
    biff(0x0203, &[&row.to_le_bytes()[..], &col.to_le_bytes(), &0u16.to_le_bytes(), &1.5f64.to_le_bytes()].concat())
}

#[test]
fn xls_cells_far_out_are_read_one_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    // The far corner of an .xls sheet (IV65536) and a DIMENSIONS record claiming every row
    // and column: read as two cells, not as a grid of them.
    let path = dir.path().join("corner.xls");
    xls(&path, &[number(65_535, 255)]);
    let (ok, stderr) = import_bounded(&path);
    assert!(
        !ok && stderr.contains("row 65536: \"1.5\""),
        "the far cell is read, and the import ends cleanly: {stderr}"
    );
    let path = dir.path().join("far.xls");
    xls(&path, &[number(5, 16_383)]);
    refused(&path, "cell XFD6 is beyond column ALL (1,000), the last column kyodo reads");
    // A compound file whose header claims more sectors than it has.
    let mut bytes = fs::read(&path).unwrap();
    bytes[0x2C..0x30].copy_from_slice(&u32::MAX.to_le_bytes());
    bytes[0x4C..0x50].copy_from_slice(&0x00FF_FFF0u32.to_le_bytes());
    let path = dir.path().join("header.xls");
    fs::write(&path, bytes).unwrap();
    keep(&path);
    refused(&path, "is not an .xls file");
    refused_in_japanese(&path, "ブックを .xlsx として保存し直してください。.xls ファイルとして読めません");
}
