"""Checks the open data of built sites with tools kyodo did not write.

Usage: python opendata.py SHAPES SITE...   (SITE: a built output folder)

For each site:
- catalog.jsonld against the DCAT-AP 3.0.1 SHACL shapes (pyshacl), offline;
- every datapackage.json (data/ and each edition) with `frictionless validate`, and against
  the official Data Package v2 profile (the JSON Schema shipped in PyPI dplib-py);
- every CSV read as text (Python's csv: no type guessing) and every .xlsx read with
  openpyxl: ids, codes and the municipality code keep their exact text.
Prints one line per check and a closing "N passed, N failed" line; exits 1 on a failure.
"""

import csv
import glob
import io
import json
import os
import re
import subprocess
import sys

import jsonschema
import openpyxl
import pyshacl
import rdflib

RESULTS = {"passed": 0, "failed": 0}


def report(ok, what):
    RESULTS["passed" if ok else "failed"] += 1
    print(f"  {'ok  ' if ok else 'FAIL'} {what}")


def shacl(shapes, catalog):
    data = rdflib.Graph()
    # Relative IRIs resolve against the catalogue's own address, as a harvester's would.
    data.parse(catalog, format="json-ld", publicID="file://" + os.path.abspath(catalog))
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    violations = text.count("Severity: sh:Violation")
    report(conforms and violations == 0, f"{catalog}: DCAT-AP 3.0.1 shapes, {violations} violations")
    if not conforms:
        print(text[:3000])


def v2_profile():
    import dplib

    path = os.path.join(os.path.dirname(dplib.__file__), "profiles", "2.0", "datapackage.json")
    return json.load(open(path, encoding="utf-8"))


# Table Schema v2 defines the `list` field type, but the published 2.0 profile lacks it
# (frictionlessdata/datapackage#1089, fixed in 2.1): a list field is checked here against
# the rule of the specification instead.
LIST_ITEM_TYPES = {"string", "integer", "boolean", "number", "datetime", "date", "time"}


def is_valid_list_field(field):
    return (
        isinstance(field, dict)
        and field.get("type") == "list"
        and isinstance(field.get("name"), str)
        and isinstance(field.get("delimiter", ","), str)
        and field.get("itemType", "string") in LIST_ITEM_TYPES
    )


def profile_check(profile, package_path):
    package = json.load(open(package_path, encoding="utf-8"))
    errors, lists = [], 0
    for e in jsonschema.Draft7Validator(profile).iter_errors(package):
        path = list(e.absolute_path)
        if len(path) >= 5 and path[-2] == "fields" and is_valid_list_field(e.instance):
            lists += 1
            continue
        errors.append(f"{'/'.join(map(str, path))}: {e.message[:200]}")
    report(not errors, f"{package_path}: Data Package v2 profile ({lists} list fields checked by the v2 rule)")
    for e in errors[:10]:
        print("      ", e)


def frictionless(package_path):
    out = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "frictionless"), "validate", "--json", package_path],
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout)
    errors = result["stats"]["errors"]
    report(result["valid"] and errors == 0, f"{package_path}: frictionless validate, {errors} errors")
    for task in result["tasks"]:
        for e in task["errors"][:5]:
            print("      ", task["name"], e.get("message"))
    for e in result.get("errors", [])[:5]:
        print("      ", e.get("message"))


ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# Columns that hold ids (one, or several separated by ;) and must keep their exact text.
ID_COLUMNS = {"ID", "担当課ID", "基本目標ID", "施策ID", "評価ID", "状況ID", "指標ID"}
LIST_ID_COLUMNS = {"主たる部署ID", "関係部署ID", "関連事業ID", "協働の相手ID"}


def check_ids(where, header, rows, code):
    bad = []
    for n, row in enumerate(rows, start=2):
        cells = dict(zip(header, row))
        if cells.get("全国地方公共団体コード") != code:
            bad.append(f"row {n}: 全国地方公共団体コード {cells.get('全国地方公共団体コード')!r}")
        for name in ID_COLUMNS & cells.keys():
            if cells[name] not in ("", None) and not (isinstance(cells[name], str) and ID.match(cells[name])):
                bad.append(f"row {n}: {name} {cells[name]!r}")
        for name in LIST_ID_COLUMNS & cells.keys():
            value = cells[name] or ""
            if not isinstance(value, str) or any(not ID.match(v) for v in value.split(";") if value):
                bad.append(f"row {n}: {name} {value!r}")
    return bad


def check_csv(path, code):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    rows = list(csv.reader(io.StringIO(text)))
    bad = check_ids(path, rows[0], rows[1:], code) if rows else ["empty file"]
    if text.startswith("\ufeff"):
        bad.append("byte-order mark")
    report(not bad, f"{path}: {len(rows) - 1} rows read as text, ids and codes exact")
    for b in bad[:5]:
        print("      ", b)
    return {tuple(r) for r in rows[1:]}, rows[0] if rows else []


def check_xlsx(path, code, site):
    book = openpyxl.load_workbook(path, read_only=True)
    bad = []
    for sheet in book.worksheets[1:]:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        header, body = rows[0], rows[1:]
        bad += [f"{sheet.title}: {b}" for b in check_ids(path, header, body, code)]
        name = sheet.title.split(" ")[0]
        plain, plain_header = check_csv_rows(os.path.join(site, "data", f"{name}.csv"))
        if header != plain_header or len(body) != len(plain):
            bad.append(f"{sheet.title}: not the rows of {name}.csv")
    report(not bad, f"{path}: {len(book.worksheets) - 1} sheets, ids and codes are text cells")
    for b in bad[:5]:
        print("      ", b)


def check_csv_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[1:], rows[0]


def main():
    shapes_path, sites = sys.argv[1], sys.argv[2:]
    shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    profile = v2_profile()
    for site in sites:
        print(f"== {site}")
        data = os.path.join(site, "data")
        shacl(shapes, os.path.join(data, "catalog.jsonld"))
        packages = [os.path.join(data, "datapackage.json")]
        packages += sorted(glob.glob(os.path.join(data, "editions", "*", "datapackage.json")))
        for package in packages:
            frictionless(package)
            profile_check(profile, package)
        code = json.load(open(os.path.join(data, "projects.json"), encoding="utf-8"))["municipality"]["code"]
        for path in sorted(glob.glob(os.path.join(data, "*.csv"))):
            check_csv(path, code)
        for path in sorted(glob.glob(os.path.join(data, "*.xlsx"))):
            check_xlsx(path, code, site)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    sys.exit(1 if RESULTS["failed"] else 0)


if __name__ == "__main__":
    main()
