#!/usr/bin/env python3
"""Reads a workbook with python-calamine (and openpyxl for XLSX) and prints what each saw as JSON.

Used by KamSheetsTests' writer tests to check that files kam writes open in other readers.
Output: {"calamine": {"sheets": [{"name", "visible", "rows"}]},
         "openpyxl": {"sheets": [{"name", "state", "merges", "rows", "formats", "freeze"}], "date1904"}}
Values become JSON: numbers, bools, strings; dates/times as ISO text prefixed by their type
("date:2024-03-05", "datetime:…", "time:…", "duration:<seconds>").
Exit status 3 with a message on stderr when a module is missing.
"""
import datetime
import json
import sys


def plain(v):
    if isinstance(v, bool) or v is None or isinstance(v, (int, float, str)):
        return v
    if isinstance(v, datetime.datetime):
        return "datetime:" + v.isoformat()
    if isinstance(v, datetime.date):
        return "date:" + v.isoformat()
    if isinstance(v, datetime.time):
        return "time:" + v.isoformat()
    if isinstance(v, datetime.timedelta):
        return "duration:%g" % v.total_seconds()
    return "other:" + str(v)


def with_calamine(path):
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        sys.stderr.write("python-calamine is not installed: pip install python-calamine\n")
        sys.exit(3)
    wb = CalamineWorkbook.from_path(path)
    sheets = []
    meta = {m.name: str(m.visible) for m in wb.sheets_metadata}
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets.append({"name": name, "visible": meta.get(name, ""),
                       "rows": [[plain(v) if v != "" else None for v in row] for row in rows]})
    return {"sheets": sheets}


def with_openpyxl(path):
    try:
        import openpyxl
    except ImportError:
        sys.stderr.write("openpyxl is not installed: pip install openpyxl\n")
        sys.exit(3)
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        rows, formats = [], {}
        for row in ws.iter_rows():
            out = []
            for c in row:
                out.append(plain(c.value))
                if c.value is not None and c.number_format != "General":
                    formats[c.coordinate] = c.number_format
            rows.append(out)
        sheets.append({"name": ws.title, "state": ws.sheet_state,
                       "merges": sorted(str(r) for r in ws.merged_cells.ranges),
                       "rows": rows, "formats": formats, "freeze": ws.freeze_panes,
                       "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.customWidth},
                       "hiddenColumns": sorted(k for k, v in ws.column_dimensions.items() if v.hidden),
                       "hiddenRows": sorted(k for k, v in ws.row_dimensions.items() if v.hidden)})
    return {"sheets": sheets, "date1904": wb.epoch.year == 1904,
            "definedNames": sorted(wb.defined_names.keys())}


def main():
    path = sys.argv[1]
    out = {"calamine": with_calamine(path)}
    if path.lower().endswith((".xlsx", ".xlsm")):
        out["openpyxl"] = with_openpyxl(path)
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    main()
