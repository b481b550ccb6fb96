#!/usr/bin/env python3
"""Checks that LibreOffice Calc reads the numbers of excel-fr CSV files as numbers.

For each CSV file given, the file as Affluence wrote it (`;`, decimal comma, UTF-8 BOM) is
compared cell by cell with the flat ODF spreadsheet (.fods) LibreOffice made of it:
every cell the writer spelled as a number must be a numeric cell (office:value-type
"float") holding the same value. A number Calc took for text is what a planner sees as a
left-aligned cell that no formula sums: the failure this check exists for.

Usage: check-calc.py CSV FODS [CSV FODS ...]; prints one line per file and exits 1 on any
mismatch, naming the file, the cell and what Calc made of it.
"""
import csv
import re
import sys
import xml.etree.ElementTree as ET

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
# How CSVNumberFormat spells a number in the excel-fr dialect: digits, an optional decimal
# comma, Swift's exponent (e-05, e+16).
NUMBER = re.compile(r"-?[0-9]+(,[0-9]+)?([eE][-+]?[0-9]+)?")


def q(prefix, name):
    return "{%s}%s" % (NS[prefix], name)


def sheet_cells(path, row_count):
    """The first sheet's first `row_count` rows as cells (value-type, value, text), with
    Calc's repeats expanded (it writes identical neighbouring rows and cells once)."""
    root = ET.parse(path).getroot()
    table = root.find(".//table:table", NS)
    if table is None:
        raise SystemExit(f"{path}: no table in LibreOffice's output")
    rows = []
    for row in table.iter(q("table", "table-row")):
        cells = []
        for cell in row:
            if cell.tag not in (q("table", "table-cell"), q("table", "covered-table-cell")):
                continue
            repeat = int(cell.get(q("table", "number-columns-repeated"), "1"))
            kind = cell.get(q("office", "value-type"))
            value = cell.get(q("office", "value"))
            text = "".join(p.text or "" for p in cell.iter(q("text", "p")))
            cells.extend([(kind, value, text)] * min(repeat, 1000))
        repeat = int(row.get(q("table", "number-rows-repeated"), "1"))
        rows.extend([cells] * min(repeat, row_count - len(rows)))
        if len(rows) >= row_count:
            break
    return rows


def check(csv_path, fods_path):
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        written = list(csv.reader(f, delimiter=";"))
    read = sheet_cells(fods_path, len(written))
    numbers, problems = 0, []
    for r, row in enumerate(written):
        for c, cell in enumerate(row):
            if r == 0 or not NUMBER.fullmatch(cell):
                continue
            numbers += 1
            expected = float(cell.replace(",", "."))
            got = read[r][c] if r < len(read) and c < len(read[r]) else (None, None, "")
            kind, value, text = got
            where = f"{csv_path}: row {r + 1}, column {c + 1} ({written[0][c]}) '{cell}'"
            if kind not in ("float", "percentage", "currency"):
                problems.append(f"{where}: Calc made it a {kind or 'empty'} cell ('{text}'), expected a number")
            elif abs(float(value) - expected) > 1e-9 * max(1.0, abs(expected)):
                problems.append(f"{where}: Calc read {value}, expected {expected}")
    return len(written), numbers, problems


def main(args):
    if len(args) % 2 or not args:
        raise SystemExit("usage: check-calc.py CSV FODS [CSV FODS ...]")
    total_numbers, failures = 0, []
    for csv_path, fods_path in zip(args[::2], args[1::2]):
        rows, numbers, problems = check(csv_path, fods_path)
        total_numbers += numbers
        failures += problems
        status = "ok" if not problems else f"{len(problems)} PROBLEM(S)"
        print(f"check-calc: {csv_path}: {rows} rows, {numbers} number cells: {status}")
        if numbers == 0:
            failures.append(f"{csv_path}: no number cell at all (expected a table of figures)")
    print(f"check-calc: {len(args) // 2} files, {total_numbers} number cells checked, {len(failures)} problems")
    for p in failures[:50]:
        print("check-calc: FAIL " + p, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
