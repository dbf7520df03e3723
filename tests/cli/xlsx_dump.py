#!/usr/bin/env python3
"""xlsx_dump.py FILE.xlsx — an Excel workbook read back as text, to check
what a report export really holds rather than trusting the writer.

Reads the zip with the standard library only (zipfile, xml.etree): the
sheet names from xl/workbook.xml, the strings from xl/sharedStrings.xml,
each sheet from xl/worksheets/sheetN.xml. Prints, per sheet:

    sheet NAME
    frozen ROWS COLS          (the frozen pane: rows and columns kept in view)
    width COL WIDTH           (one per <col> element: column letter, width)
    A1<TAB>text or number     (one line per cell with a value, in order)
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def col_letter(n):
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def shared_strings(z):
    try:
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
    except KeyError:
        return []
    out = []
    for si in root.findall("m:si", NS):
        out.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    return out


def sheet_files(z):
    """(name, path) of every sheet, in workbook order."""
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    for s in wb.find("m:sheets", NS):
        path = target[s.get(REL)]
        path = path.lstrip("/")
        if not path.startswith("xl/"):
            path = "xl/" + path
        yield s.get("name"), path


def dump_sheet(z, path, strings):
    root = ET.fromstring(z.read(path))
    pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
    if pane is not None and pane.get("state") == "frozen":
        print("frozen %s %s" % (pane.get("ySplit", "0"), pane.get("xSplit", "0")))
    cols = root.find("m:cols", NS)
    if cols is not None:
        for c in cols.findall("m:col", NS):
            for n in range(int(c.get("min")), int(c.get("max")) + 1):
                print("width %s %s" % (col_letter(n), c.get("width")))
    for c in root.iter("{%s}c" % NS["m"]):
        ref = c.get("r")
        t = c.get("t")
        v = c.find("m:v", NS)
        if t == "s" and v is not None:
            text = strings[int(v.text)]
        elif t == "inlineStr":
            text = "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"]))
        elif v is not None:
            text = v.text
        else:
            continue
        print("%s\t%s" % (ref, text.replace("\n", "\\n")))


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 1
    with zipfile.ZipFile(sys.argv[1]) as z:
        strings = shared_strings(z)
        for name, path in sheet_files(z):
            print("sheet %s" % name)
            dump_sheet(z, path, strings)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # A reader that stopped early (awk's exit): not an error here.
        sys.stdout = None
        sys.exit(0)
