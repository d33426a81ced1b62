#!/usr/bin/env python3
"""What a team does to kam's templates and filled copies, with openpyxl, as Excel would do it.

openpyxl's own insert_rows/insert_cols move cells only; Excel also moves merged cells, row heights, defined names and
the references in formulas. The helpers below do that too, so a test sees what a file edited in Excel looks like
(charts are dropped by openpyxl; the tests re-save with LibreOffice afterwards).

Usage:
  template_edits.py team IN OUT      a filled copy: a KPI target changed, a risk row added, a row inserted above a
                                     table, a strategy edited; in a key-account table a customer's owner changed
                                     and a new key account added; prints the edits made as JSON
  template_edits.py restyle IN OUT   a template: rows and a column inserted above/left of everything, sheets renamed,
                                     other fonts
Exit status 3 with a message on stderr when openpyxl is missing.
"""
import json
import re
import sys

try:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, column_index_from_string
except ImportError:
    sys.stderr.write("openpyxl is not installed: pip install openpyxl\n")
    sys.exit(3)

REF = re.compile(r"(?<![A-Za-z0-9_'!])(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?![0-9A-Za-z_(])")


def shift_refs(text, sheet_ok, row_at=None, col_at=None, n=1):
    """Moves A1 references at or after row_at (or col_at) by n, as Excel does on insert."""
    def sub(m):
        c_abs, col, r_abs, row = m.group(1), m.group(2), m.group(3), int(m.group(4))
        ci = column_index_from_string(col)
        if row_at is not None and row >= row_at:
            row += n
        if col_at is not None and ci >= col_at:
            ci += n
        return f"{c_abs}{get_column_letter(ci)}{r_abs}{row}"
    return REF.sub(sub, text) if sheet_ok else text


def name_target(value):
    """'Sheet'!$A$1:$B$2 → (sheet, rest)."""
    if "!" not in value:
        return None, value
    sheet, rest = value.rsplit("!", 1)
    return sheet.strip("'").replace("''", "'"), rest


def insert_rows(wb, ws, idx, n=1):
    """Inserts n rows before 1-based row idx, moving what Excel moves."""
    merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    for m in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(m))
    heights = {r: d.height for r, d in ws.row_dimensions.items() if d.height is not None}
    ws.insert_rows(idx, n)
    for r in list(ws.row_dimensions.keys()):
        ws.row_dimensions[r].height = None
    for r, h in heights.items():
        ws.row_dimensions[r + n if r >= idx else r].height = h
    for (r1, c1, r2, c2) in merges:
        if r1 >= idx:
            r1, r2 = r1 + n, r2 + n
        elif r2 >= idx:
            r2 += n
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    fix_formulas_and_names(wb, ws, row_at=idx, n=n)


def insert_cols(wb, ws, idx, n=1):
    """Inserts n columns before 1-based column idx."""
    merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    for m in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(m))
    widths = {column_index_from_string(k): d.width for k, d in ws.column_dimensions.items() if d.width}
    ws.insert_cols(idx, n)
    for c, w in sorted(widths.items(), reverse=True):
        ws.column_dimensions[get_column_letter(c + n if c >= idx else c)].width = w
    for c in range(idx, idx + n):
        ws.column_dimensions[get_column_letter(c)].width = 4
    for (r1, c1, r2, c2) in merges:
        if c1 >= idx:
            c1, c2 = c1 + n, c2 + n
        elif c2 >= idx:
            c2 += n
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    fix_formulas_and_names(wb, ws, col_at=idx, n=n)


def fix_formulas_and_names(wb, ws, row_at=None, col_at=None, n=1):
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                c.value = shift_refs(c.value, True, row_at, col_at, n)
    for name, dn in list(wb.defined_names.items()):
        sheet, rest = name_target(dn.attr_text)
        if sheet == ws.title:
            dn.attr_text = dn.attr_text[: len(dn.attr_text) - len(rest)] + shift_refs(rest, True, row_at, col_at, n)


def rename_sheet(wb, ws, new):
    """Renames a sheet and the defined names pointing into it, as Excel does."""
    old = ws.title
    ws.title = new
    for name, dn in list(wb.defined_names.items()):
        sheet, rest = name_target(dn.attr_text)
        if sheet == old:
            dn.attr_text = "'" + new.replace("'", "''") + "'!" + rest


# ---- filled copies ---------------------------------------------------------------------------------------------

def bindings(wb):
    """The _kam record: entries by name → (kind, text, columns) plus where their defined name points now."""
    rec = wb["_kam"]
    out = []
    for row in rec.iter_rows(min_row=3, values_only=True):
        if not row or not row[0]:
            continue
        dn = wb.defined_names.get(row[0])
        sheet, rest = name_target(dn.attr_text) if dn else (row[2], row[3])
        rest = rest.replace("$", "")
        a, _, b = rest.partition(":")
        b = b or a
        out.append({"name": row[0], "kind": row[1], "text": row[4] or "", "columns": [c or "" for c in row[5:]],
                    "sheet": sheet, "first": cell_rc(a), "last": cell_rc(b)})
    return out


def cell_rc(a1):
    m = re.match(r"([A-Z]+)([0-9]+)", a1)
    return int(m.group(2)), column_index_from_string(m.group(1))


def block(binds, collection):
    for b in binds:
        if b["kind"] == "each" and b["text"].split()[0] == collection:
            return b
    return None


def column_of(b, field):
    for i, t in enumerate(b["columns"]):
        if "{{" + field in t or t.endswith(field + "}}"):
            return b["first"][1] + i
    return None


def team(src, dst):
    wb = openpyxl.load_workbook(src)
    edits = {}
    binds = bindings(wb)
    # 1. A KPI target: satisfaction's target → 95 (the first KPI table).
    k = block(binds, "plan.kpis")
    if k:
        ws = wb[k["sheet"]]
        metric_col, target_col = column_of(k, ".metric"), column_of(k, ".target")
        for r in range(k["first"][0], k["last"][0] + 1):
            if ws.cell(r, metric_col).value == "客户满意度":
                ws.cell(r, target_col).value = 95
                edits["kpiTarget"] = {"metric": "satisfaction", "target": 95}
    # 2. A strategy's description edited.
    s = block(binds, "plan.strategies")
    if s:
        ws = wb[s["sheet"]]
        ws.cell(s["first"][0], column_of(s, ".description")).value = "重要价值客户配备专属客户经理，每月拜访"
        edits["strategyDescription"] = {"index": 0, "description": "重要价值客户配备专属客户经理，每月拜访"}
    # 3. A risk row added right under the risk table (a row inserted, then typed in).
    rk = block(binds, "plan.risks")
    if rk:
        ws = wb[rk["sheet"]]
        r = rk["last"][0] + 1
        insert_rows(wb, ws, r)
        row = {".risk": "原材料涨价", ".likelihood": "中", ".impact": "中", ".countermeasure": "提前备货"}
        for field, v in row.items():
            ws.cell(r, column_of(rk, field)).value = v
        edits["riskAdded"] = {"risk": "原材料涨价", "likelihood": "中", "impact": "中", "countermeasure": "提前备货"}
    # 4. A row inserted above the KPI table's heading (every binding below moves down).
    if k:
        ws = wb[k["sheet"]]
        r = k["first"][0] - 1
        insert_rows(wb, ws, r)
        ws.cell(r, 1).value = "注：目标经部门会议调整"
        edits["rowInsertedAbove"] = {"sheet": k["sheet"], "row": r}
    # 5. The key-account table: a customer's owner changed, and a new key account typed in a row inserted under it.
    ka = next((b for b in binds if b["kind"] == "each" and b["text"].startswith("customers where keyAccount")), None)
    if ka:
        ws = wb[ka["sheet"]]
        id_col, owner_col = column_of(ka, ".id"), column_of(ka, ".owner")
        first = ws.cell(ka["first"][0], id_col).value
        ws.cell(ka["first"][0], owner_col).value = "赵敏"
        edits["customerOwner"] = {"id": first, "owner": "赵敏"}
        r = ka["last"][0] + 1
        insert_rows(wb, ws, r)
        new = {".id": "KA9001", ".name": "苏州新星科技有限公司", ".industry": "制造", ".region": "苏州", ".owner": "王强"}
        for field, v in new.items():
            ws.cell(r, column_of(ka, field)).value = v
        edits["customerAdded"] = {k[1:]: v for k, v in new.items()}
    wb.save(dst)
    print(json.dumps(edits, ensure_ascii=False))


# ---- templates -------------------------------------------------------------------------------------------------

def restyle(src, dst):
    wb = openpyxl.load_workbook(src)
    renamed = {}
    for i, ws in enumerate(list(wb.worksheets)):
        insert_rows(wb, ws, 1, 2)
        ws.cell(1, 1).value = "公司内部资料"
        insert_cols(wb, ws, 1)
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and c.font is not None:
                    f = c.font
                    c.font = Font(name="宋体", size=(f.size or 10) + 1, bold=f.bold, color=f.color)
        new = f"第{i + 1}页-{ws.title}"
        rename_sheet(wb, ws, new)
        renamed[ws.title] = new
    wb.save(dst)
    print(json.dumps({"sheets": list(renamed.values())}, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("team", "restyle"):
        sys.stderr.write(__doc__)
        sys.exit(2)
    {"team": team, "restyle": restyle}[sys.argv[1]](sys.argv[2], sys.argv[3])
