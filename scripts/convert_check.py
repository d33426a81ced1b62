#!/usr/bin/env python3
"""Converts every corpus file to XLSX and to ODS with `kam convert`, then reads each result back with kam, with
python-calamine and (XLSX) openpyxl, and compares the values with the corpus's expected values.

    python3 scripts/convert_check.py [--kam PATH] [--corpus DIR] [--out DIR] [-v] [FILTER]

What a target format cannot hold is allowed and counted, never silently: very hidden sheets become hidden in ODS,
error cells become text in ODS, chartsheets become empty worksheets. Last line: `convert: N passed, M failed`.
"""
import argparse, datetime as dt, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from corpus_check import compare, same  # noqa: E402


def calamine_cells(path):
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(path)
    out = {}
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        cells = {}
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or v == '':
                    continue
                cells[(r, c)] = v
        out[name] = cells
    return out


def addr(r, c):
    s, c = '', c + 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return f'{s}{r + 1}'


def typed(v):
    if isinstance(v, bool):
        return {'type': 'bool', 'value': v}
    if isinstance(v, (int, float)):
        return {'type': 'number', 'value': v}
    if isinstance(v, dt.datetime):
        return {'type': 'datetime', 'value': v.isoformat()}
    if isinstance(v, dt.date):
        return {'type': 'date', 'value': v.isoformat()}
    if isinstance(v, dt.time):
        return {'type': 'time', 'value': v.isoformat()}
    if isinstance(v, dt.timedelta):
        s = v.total_seconds()
        h, rest = divmod(abs(s), 3600)
        m, sec = divmod(rest, 60)
        return {'type': 'duration', 'value': f"{'-' if s < 0 else ''}PT{int(h)}H{int(m)}M{sec:g}S"}
    return {'type': 'string', 'value': str(v)}


def adjust_expected(exp, fmt):
    """What the target format can hold of the expected document."""
    allowed = 0
    for s in exp['sheets']:
        if s.get('kind'):
            s.pop('kind')
            s['cells'] = {}
            allowed += 1
        if fmt == 'ods':
            if s.get('visible') == 'veryHidden':
                s['visible'] = 'hidden'
                allowed += 1
            for k, c in list(s['cells'].items()):
                if c['type'] == 'error':
                    c['type'] = 'string'
                    allowed += 1
    return allowed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kam', default=os.path.join(HERE, '..', '.build', 'debug', 'kam'))
    ap.add_argument('--corpus', default=os.environ.get('KAM_CORPUS', os.path.join(HERE, '..', '..', 'shared', 'corpus')))
    ap.add_argument('--out', default=tempfile.mkdtemp(prefix='kam-convert-'))
    ap.add_argument('-v', action='store_true')
    ap.add_argument('filter', nargs='?', default='')
    a = ap.parse_args()
    ok = bad = allowed_total = 0
    for sub in ('xlsx', 'ods'):
        for name in sorted(os.listdir(os.path.join(a.corpus, sub))):
            if a.filter not in name:
                continue
            expected = json.load(open(os.path.join(a.corpus, 'expected', name + '.json'), encoding='utf-8'))
            if 'expect_error' in expected:
                continue
            src = os.path.join(a.corpus, sub, name)
            for fmt in ('xlsx', 'ods'):
                out = os.path.join(a.out, f'{name}.{fmt}')
                p = subprocess.run([a.kam, 'convert', src, out], capture_output=True, timeout=120)
                if p.returncode != 0:
                    bad += 1
                    print(f'FAIL {name} -> {fmt}: convert exit {p.returncode}: {p.stderr.decode(errors="replace").strip()[:300]}')
                    continue
                exp = json.loads(json.dumps(expected))
                allowed_total += adjust_expected(exp, fmt)
                problems = []
                q = subprocess.run([a.kam, 'inspect', out, '--json'], capture_output=True, timeout=120)
                if q.returncode != 0:
                    problems.append(f'kam cannot read it back: {q.stderr.decode(errors="replace").strip()[:200]}')
                else:
                    problems += ['kam: ' + x for x in compare(exp, json.loads(q.stdout))]
                try:
                    cal = calamine_cells(out)
                    for s in exp['sheets']:
                        got = cal.get(s['name'], {})
                        for key, c in s['cells'].items():
                            # python-calamine returns error cells as '' and durations over 24 h as text (see
                            # corpus README); compare the rest.
                            if c['type'] in ('error', 'duration') or (fmt == 'ods' and c['type'] == 'string' and key not in {addr(*k) for k in got}):
                                continue
                            hit = [v for k, v in got.items() if addr(*k) == key]
                            if not hit or not (same(c, typed(hit[0])) or (c['type'] == 'number' and same(c, {'type': 'number', 'value': hit[0]} if isinstance(hit[0], (int, float)) and not isinstance(hit[0], bool) else {'type': 'x'}))):
                                if c['type'] in ('date', 'datetime', 'time') and hit and isinstance(hit[0], (dt.date, dt.time)):
                                    if same(c, typed(hit[0])):
                                        continue
                                problems.append(f"calamine {s['name']}!{key}: want {c} got {hit[:1]}")
                                break
                except Exception as e:  # noqa: BLE001
                    problems.append(f'calamine cannot read it: {e}')
                if fmt == 'xlsx':
                    try:
                        import openpyxl
                        wb = openpyxl.load_workbook(out, data_only=True)
                        names = [s['name'] for s in exp['sheets']]
                        if wb.sheetnames != names:
                            problems.append(f'openpyxl sheet names {wb.sheetnames} != {names}')
                    except Exception as e:  # noqa: BLE001
                        problems.append(f'openpyxl cannot read it: {e}')
                if problems:
                    bad += 1
                    print(f'FAIL {name} -> {fmt}: ' + ('\n    ' + '\n    '.join(problems[:8]) if a.v else problems[0]))
                else:
                    ok += 1
    print(f'allowed differences (what the target format cannot hold): {allowed_total}')
    print(f'convert: {ok} passed, {bad} failed')


if __name__ == '__main__':
    main()
