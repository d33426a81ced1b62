#!/usr/bin/env python3
"""Compare `kam inspect --json` with ../shared/corpus/expected for every corpus file (corpus/README.md rules).

    python3 scripts/corpus_check.py [--kam PATH] [--corpus DIR] [-v] [NAME_FILTER]

Prints one line per failing file and a last line `corpus: N passed, M failed`.
"""
import argparse, datetime as dt, json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_temporal(t, v):
    if t == 'date':
        return dt.date.fromisoformat(v)
    if t == 'datetime':
        return dt.datetime.fromisoformat(v)
    if t == 'time':
        return dt.time.fromisoformat(v)
    if t == 'duration':
        m = re.fullmatch(r'(-?)PT(\d+)H(\d+)M([\d.]+)S', v)
        if not m:
            return ('bad', v)
        s = int(m[2]) * 3600 + int(m[3]) * 60 + float(m[4])
        return round(-s if m[1] else s, 6)
    return v


def same(a, b):
    if a.get('type') != b.get('type'):
        return False
    t, x, y = a['type'], a['value'], b['value']
    if t == 'number':
        if isinstance(x, bool) or isinstance(y, bool):
            return False
        return x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y))
    if t in ('date', 'datetime', 'time', 'duration'):
        try:
            return parse_temporal(t, x) == parse_temporal(t, y)
        except Exception:
            return False
    if t in ('string', 'error'):
        return isinstance(x, str) and isinstance(y, str) and x.replace('\r\n', '\n') == y.replace('\r\n', '\n')
    return x == y


def compare(exp, got):
    problems = []
    es, gs = exp['sheets'], got.get('sheets', [])
    if [s['name'] for s in es] != [s.get('name') for s in gs]:
        problems.append(f"sheet names {[s['name'] for s in es]} != {[s.get('name') for s in gs]}")
        return problems
    for e, g in zip(es, gs):
        if e.get('visible') != g.get('visible'):
            problems.append(f"{e['name']}: visible {e.get('visible')} != {g.get('visible')}")
        if e.get('kind') != g.get('kind'):
            problems.append(f"{e['name']}: kind {e.get('kind')} != {g.get('kind')}")
        ec, gc = e.get('cells', {}), g.get('cells', {})
        missing = [k for k in ec if k not in gc]
        extra = [k for k in gc if k not in ec]
        wrong = [k for k in ec if k in gc and not same(ec[k], gc[k])]
        for k in missing[:3]:
            problems.append(f"{e['name']}!{k}: missing, want {ec[k]}")
        for k in extra[:3]:
            problems.append(f"{e['name']}!{k}: extra {gc[k]}")
        for k in wrong[:5]:
            problems.append(f"{e['name']}!{k}: want {ec[k]} got {gc[k]}")
        if len(missing) + len(extra) + len(wrong) > 8:
            problems.append(f"{e['name']}: {len(missing)} missing, {len(extra)} extra, {len(wrong)} wrong")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kam', default=os.path.join(HERE, '..', '.build', 'debug', 'kam'))
    ap.add_argument('--corpus', default=os.environ.get('KAM_CORPUS', os.path.join(HERE, '..', '..', 'shared', 'corpus')))
    ap.add_argument('-v', action='store_true')
    ap.add_argument('filter', nargs='?', default='')
    a = ap.parse_args()
    ok = bad = 0
    for sub in ('xlsx', 'ods'):
        d = os.path.join(a.corpus, sub)
        for name in sorted(os.listdir(d)):
            if a.filter not in name:
                continue
            exp = json.load(open(os.path.join(a.corpus, 'expected', name + '.json'), encoding='utf-8'))
            try:
                p = subprocess.run([a.kam, 'inspect', os.path.join(d, name), '--json'], capture_output=True, timeout=60)
            except subprocess.TimeoutExpired:
                print(f'FAIL {name}: timeout'); bad += 1; continue
            if 'expect_error' in exp:
                if p.returncode == 2 and p.stderr:
                    ok += 1
                else:
                    bad += 1; print(f'FAIL {name}: expected an error (exit 2), got exit {p.returncode}')
                continue
            if p.returncode != 0:
                bad += 1; print(f'FAIL {name}: exit {p.returncode}: {p.stderr.decode(errors="replace").strip()[:300]}')
                continue
            try:
                got = json.loads(p.stdout)
            except ValueError as e:
                bad += 1; print(f'FAIL {name}: bad JSON {e}'); continue
            problems = compare(exp, got)
            if problems:
                bad += 1
                print(f'FAIL {name}: ' + ('\n    ' + '\n    '.join(problems) if a.v else problems[0]))
            else:
                ok += 1
    print(f'corpus: {ok} passed, {bad} failed')


if __name__ == '__main__':
    main()
