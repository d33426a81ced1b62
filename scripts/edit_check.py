#!/usr/bin/env python3
"""Sets one cell (B3 of the first worksheet) in every corpus file with `kam edit`, then checks with python-calamine,
openpyxl (XLSX) and LibreOffice that exactly that cell changed.

    python3 scripts/edit_check.py [--kam PATH] [--corpus DIR] [--out DIR] [--libreoffice] [FILTER]

Last line: `edit: N passed, M failed`.
"""
import argparse, csv, glob, io, json, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from convert_check import calamine_cells, too_big_for_csv  # noqa: E402

VALUE = 'kam 编辑'


def openpyxl_cells(path):
    import openpyxl
    wb = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for ws in wb.worksheets:
        # The stored cells only: iterating rows of a sheet used out to XFD1048576 would visit billions.
        out[ws.title] = {(r - 1, c - 1): cell.value for (r, c), cell in ws._cells.items()
                         if cell.value is not None and cell.value != ''}
    return out


def isolated(reader, path):
    """The cells a reader sees, read in a child process (python-calamine can abort the whole process on some
    inputs); None when the reader cannot read the file."""
    code = ('import json,sys; sys.path.insert(0, %r); import edit_check as e; '
            'c = e.%s(%r); print(json.dumps({n: [[k[0], k[1], repr(v)] for k, v in d.items()] for n, d in c.items()}, ensure_ascii=False))'
            % (HERE, 'calamine_cells' if reader == 'calamine' else 'openpyxl_cells', path))
    p = subprocess.run([sys.executable, '-c', code], capture_output=True, timeout=300)
    if p.returncode != 0:
        return None
    data = json.loads(p.stdout)
    return {n: {(r, c): v for r, c, v in cells} for n, cells in data.items()}


def merged_b3(path, sheet):
    """Whether B3 of `sheet` is inside a merged range but not its first cell (openpyxl gives such cells no value)."""
    try:
        import openpyxl
        ws = openpyxl.load_workbook(path)[sheet]
        return any(str(r) != 'B3' and 'B3' in r for r in ws.merged_cells.ranges)
    except Exception:  # noqa: BLE001
        return False


def diff(before, after, sheet):
    """Cells that differ, other than B3 of `sheet`, which must hold VALUE."""
    problems = []
    if list(before) != list(after):
        problems.append(f'sheets {list(before)} became {list(after)}')
        return problems
    for name in before:
        b, a = dict(before[name]), dict(after[name])
        if name == sheet:
            if a.get((2, 1)) not in (VALUE, repr(VALUE)):
                problems.append(f'{name}!B3 is {a.get((2, 1))!r}, not the value set')
            b.pop((2, 1), None)
            a.pop((2, 1), None)
        if b != a:
            keys = sorted(set(b) | set(a), key=lambda k: (k[0], k[1]))
            bad = [k for k in keys if b.get(k) != a.get(k)][:3]
            problems.append(f'{name}: cells changed: ' + ', '.join(f'{k}: {b.get(k)!r} -> {a.get(k)!r}' for k in bad))
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kam', default=os.path.join(HERE, '..', '.build', 'debug', 'kam'))
    ap.add_argument('--corpus', default=os.environ.get('KAM_CORPUS', os.path.join(HERE, '..', '..', 'shared', 'corpus')))
    ap.add_argument('--out', default=tempfile.mkdtemp(prefix='kam-edit-'))
    ap.add_argument('--libreoffice', action='store_true')
    ap.add_argument('filter', nargs='?', default='')
    a = ap.parse_args()
    ok = bad = 0
    pairs = []
    for sub in ('xlsx', 'ods'):
        for name in sorted(os.listdir(os.path.join(a.corpus, sub))):
            if a.filter not in name:
                continue
            exp = json.load(open(os.path.join(a.corpus, 'expected', name + '.json'), encoding='utf-8'))
            if 'expect_error' in exp:
                continue
            sheets = [s for s in exp['sheets'] if not s.get('kind')]
            if not sheets:
                continue
            sheet = sheets[0]['name']
            src = os.path.join(a.corpus, sub, name)
            out = os.path.join(a.out, name)
            p = subprocess.run([a.kam, 'edit', src, '-o', out, '--set', f'{sheet}!B3={VALUE}'], capture_output=True, timeout=120)
            if p.returncode != 0:
                bad += 1
                print(f'FAIL {name}: edit exit {p.returncode}: {p.stderr.decode(errors="replace").strip()[:200]}')
                continue
            problems = []
            for reader in ('calamine', 'openpyxl'):
                if reader == 'openpyxl' and sub != 'xlsx':
                    continue
                before = isolated(reader, src)
                if before is None:
                    continue  # the reader cannot read the source either: nothing to compare
                after = isolated(reader, out)
                if after is None:
                    far = any(len(''.join(ch for ch in k if ch.isalpha())) > 2 for sh in exp['sheets'] for k in sh.get('cells', {}))
                    if far:
                        # A used range out to column XFD: python-calamine allocates all of it once the range no
                        # longer starts at that one cell, and gives up; not a property of the file.
                        print(f'note: {reader} cannot hold the range of {name} once B3 is used')
                        continue
                    problems.append(f'{reader} cannot read the edited copy')
                    continue
                if reader == 'openpyxl' and merged_b3(src, sheet):
                    after.setdefault(sheet, {})[(2, 1)] = repr(VALUE)
                problems += [f'{reader}: {x}' for x in diff(before, after, sheet)]
            if problems:
                bad += 1
                print(f'FAIL {name}: ' + '; '.join(problems[:3]))
            else:
                ok += 1
                if not too_big_for_csv(a.corpus, name):
                    pairs.append((src, out, sheet == exp['sheets'][0]['name']))
    if a.libreoffice:
        soffice = shutil.which('soffice')
        profile = 'file://' + tempfile.mkdtemp(prefix='kam-lo-')
        spec = 'csv:Text - txt - csv (StarCalc):44,34,76'
        # One folder per side and format: a.xlsx and a.ods would both become a.csv.
        jobs = [(f'lo-{side}-{ext}', [p[i] for p in pairs if p[0].endswith('.' + ext)])
                for i, side in ((0, 'src'), (1, 'out')) for ext in ('xlsx', 'ods')]
        for folder, files in jobs:
            os.makedirs(os.path.join(a.out, folder), exist_ok=True)
            for i in range(0, len(files), 40):
                try:
                    subprocess.run([soffice, '-env:UserInstallation=' + profile, '--headless', '--convert-to', spec,
                                    '--outdir', os.path.join(a.out, folder)] + files[i:i + 40], capture_output=True,
                                   timeout=600)
                except subprocess.TimeoutExpired:
                    print(f'note: LibreOffice timed out on {folder} batch {i // 40}', flush=True)
        agree = opened = 0
        for src, out, first in pairs:
            base = os.path.splitext(os.path.basename(src))[0]
            ext = os.path.splitext(src)[1][1:]
            s_csv = os.path.join(a.out, f'lo-src-{ext}', base + '.csv')
            o_csv = os.path.join(a.out, f'lo-out-{ext}', base + '.csv')
            if not os.path.exists(o_csv):
                if os.path.exists(s_csv):
                    bad += 1
                    print(f'FAIL {base}: LibreOffice opens the source but not the edited copy')
                continue
            opened += 1
            if not os.path.exists(s_csv):
                continue
            s_rows = list(csv.reader(io.StringIO(open(s_csv, encoding='utf-8', errors='replace').read())))
            o_rows = list(csv.reader(io.StringIO(open(o_csv, encoding='utf-8', errors='replace').read())))
            if first:
                for rows in (s_rows, o_rows):
                    while len(rows) < 3:
                        rows.append([])
                    while len(rows[2]) < 2:
                        rows[2].append('')
                if o_rows[2][1] != VALUE:
                    bad += 1
                    print(f'FAIL {base}: LibreOffice shows B3 as {o_rows[2][1]!r}')
                    continue
                s_rows[2][1] = o_rows[2][1] = ''
            def norm(rows):
                # LibreOffice pads every row to the used width, which B3 may widen: trailing empties are not cells.
                out = []
                for r in rows:
                    r = list(r)
                    while r and r[-1] == '':
                        r.pop()
                    out.append(r)
                while out and not out[-1]:
                    out.pop()
                return out
            if norm(s_rows) == norm(o_rows):
                agree += 1
            else:
                print(f'note: LibreOffice shows other cells of {base} differently after the edit')
        print(f'libreoffice: opened {opened} edited copies; {agree} show the source with only B3 changed')
    print(f'edit: {ok} passed, {bad} failed')


if __name__ == '__main__':
    sys.stdout.reconfigure(line_buffering=True)  # a test reading the log sees every line, even if killed
    main()
