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



def too_big_for_csv(corpus, name):
    """Whether LibreOffice's CSV of a corpus file would be billions of empty fields (a sheet used out to XFD or
    past row 100,000), or the file is one kam must refuse: not a test of kam, and LibreOffice takes minutes."""
    exp = json.load(open(os.path.join(corpus, 'expected', name + '.json'), encoding='utf-8'))
    for sh in exp.get('sheets', []):
        for key in sh.get('cells', {}):
            letters = ''.join(ch for ch in key if ch.isalpha())
            if len(letters) > 2 or int(''.join(ch for ch in key if ch.isdigit())) > 100000:
                return True
    return 'expect_error' in exp

def calamine_cells(path):
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(path)
    out = {}
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        rows = sheet.to_python()
        r0, c0 = sheet.start or (0, 0)
        cells = {}
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or v == '':
                    continue
                cells[(r + r0, c + c0)] = v
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
        for k, c in list(s['cells'].items()):
            if fmt == 'xlsx' and c['type'] == 'datetime' and c['value'].endswith('T00:00:00'):
                # XLSX holds a serial: readers call a date-time at midnight a date.
                c['type'], c['value'] = 'date', c['value'][:10]
                allowed += 1
            if fmt == 'xlsx' and c['type'] in ('time', 'datetime') and '.' in c['value']:
                # XLSX serials are read to the millisecond (as Excel shows them).
                head, frac = c['value'].split('.')
                c['value'] = head + '.' + str(round(int(frac.ljust(6, '0')) / 1000)).zfill(3).ljust(6, '0')[:6]
                allowed += 1
            if fmt == 'ods' and c['type'] == 'duration' and not c['value'].startswith('-'):
                m = __import__('re').fullmatch(r'PT(\d+)H(\d+)M([\d.]+)S', c['value'])
                if m and int(m[1]) < 24:
                    # ODS has one time-value type: under 24 hours it reads back as a time of day.
                    c['type'], c['value'] = 'time', f'{int(m[1]):02d}:{int(m[2]):02d}:{float(m[3]):09.6f}'
                    allowed += 1
            if fmt == 'xlsx' and c['type'] == 'error' and not c['value'].startswith('#'):
                # Only Excel's error values exist in XLSX; LibreOffice's Err:NNN is kept as text.
                c['type'] = 'string'
                allowed += 1
            if fmt == 'ods' and c['type'] in ('string', 'error'):
                # XML 1.0 cannot hold control characters, and ODS has no escape for them.
                cleaned = ''.join(ch for ch in c['value'] if ch in '\t\n' or ord(ch) >= 0x20)
                if cleaned != c['value']:
                    allowed += 1
                    if cleaned:
                        c['value'] = cleaned
                    else:
                        del s['cells'][k]
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
    ap.add_argument('--libreoffice', action='store_true', help='also open every written file with LibreOffice')
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
                    # A third-party reader should see in kam's file what it sees in the source.
                    try:
                        source_view = calamine_cells(src)
                    except BaseException:  # noqa: BLE001
                        source_view = None
                    cal = calamine_cells(out)
                    for s in exp['sheets']:
                        got = {addr(*k): v for k, v in cal.get(s['name'], {}).items()}
                        before = {addr(*k): v for k, v in (source_view or {}).get(s['name'], {}).items()}
                        for key, c in s['cells'].items():
                            if key in before and key in got and typed(before[key]) == typed(got[key]):
                                continue
                            # python-calamine returns error cells as '' and durations over 24 h as text (see
                            # corpus README); compare the rest.
                            if c['type'] in ('error', 'duration') or source_view is None:
                                continue
                            if fmt == 'ods' and c['type'] == 'string' and '\t' in c['value']:
                                continue  # python-calamine's ODS reader drops <text:tab/>
                            if c['type'] == 'number' and c['value'] < 0 and isinstance(got.get(key), (dt.date, dt.time, dt.timedelta)):
                                continue  # python-calamine shows a negative serial in a date format as a time
                            hit = [got[key]] if key in got else []
                            if not hit or not (same(c, typed(hit[0])) or (c['type'] == 'number' and same(c, {'type': 'number', 'value': hit[0]} if isinstance(hit[0], (int, float)) and not isinstance(hit[0], bool) else {'type': 'x'}))):
                                if c['type'] in ('date', 'datetime', 'time') and hit and isinstance(hit[0], (dt.date, dt.time)):
                                    if same(c, typed(hit[0])):
                                        continue
                                problems.append(f"calamine {s['name']}!{key}: want {c} got {hit[:1]}")
                                break
                except BaseException as e:  # noqa: BLE001 — python-calamine panics surface as BaseException
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
    if a.libreoffice:
        # LibreOffice opens every file kam wrote, and shows in its first sheet what it shows in the source's.
        import glob, shutil
        soffice = shutil.which('soffice')
        if not soffice:
            print('FAIL libreoffice: soffice is not installed (apt-get install -y libreoffice-calc-nogui)')
            bad += 1
        else:
            profile = 'file://' + tempfile.mkdtemp(prefix='kam-lo-')
            spec = 'csv:Text - txt - csv (StarCalc):44,34,76'

            def to_csv(files, folder):
                os.makedirs(folder, exist_ok=True)
                for i in range(0, len(files), 40):
                    subprocess.run([soffice, '-env:UserInstallation=' + profile, '--headless', '--convert-to', spec,
                                    '--outdir', folder] + files[i:i + 40], capture_output=True, timeout=900)

            huge = lambda name: too_big_for_csv(a.corpus, name)  # noqa: E731

            sources = sorted(glob.glob(os.path.join(a.corpus, 'xlsx', '*')) + glob.glob(os.path.join(a.corpus, 'ods', '*')))
            sources = [f for f in sources if a.filter in os.path.basename(f) and not huge(os.path.basename(f))]
            skipped = {os.path.basename(f) for sub in ('xlsx', 'ods') for f in glob.glob(os.path.join(a.corpus, sub, '*')) if huge(os.path.basename(f))}
            for ext in ('xlsx', 'ods'):  # one folder each: a.xlsx and a.ods would both become a.csv
                to_csv([f for f in sources if f.endswith('.' + ext)], os.path.join(a.out, 'lo-src-' + ext))
            same_count = differ = unopened = 0
            for fmt in ('xlsx', 'ods'):
                written = sorted(w for w in glob.glob(os.path.join(a.out, f'*.{fmt}'))
                                 if os.path.basename(w)[: -len(fmt) - 1] not in skipped)
                to_csv(written, os.path.join(a.out, 'lo-' + fmt))
                for w in written:
                    base = os.path.basename(w)[: -len(fmt) - 1]           # the source file's name
                    got = os.path.join(a.out, 'lo-' + fmt, base + '.csv')
                    stem, src_ext = os.path.splitext(base)
                    want = os.path.join(a.out, 'lo-src-' + src_ext[1:], stem + '.csv')
                    if not os.path.exists(got):
                        unopened += 1
                        print(f'FAIL libreoffice could not open {base} -> {fmt}')
                        continue
                    if os.path.exists(want) and open(got, encoding='utf-8', errors='replace').read().replace('\r\n', '\n') == open(want, encoding='utf-8', errors='replace').read().replace('\r\n', '\n'):
                        same_count += 1
                    else:
                        differ += 1
                        if a.v:
                            print(f'note: LibreOffice shows {base} -> {fmt} differently from the source (display formats)')
            print(f'libreoffice: skipped {len(skipped)} sources used out to XFD or past row 100,000: {sorted(skipped)}')
            print(f'libreoffice: opened {same_count + differ} files kam wrote, {unopened} not; '
                  f'{same_count} show exactly what the source shows, {differ} differ in display')
            bad += unopened
    print(f'allowed differences (what the target format cannot hold): {allowed_total}')
    print(f'convert: {ok} passed, {bad} failed')


if __name__ == '__main__':
    main()
