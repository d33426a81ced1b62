#!/usr/bin/env python3
"""Turns Benchmarks/bench.sh results into a Markdown table: median wall, min–max, cells/s, peak RSS, the first command's ratio to each other."""
import json, os, statistics, sys

res = sys.argv[1]
print('| task | tool | median s | min–max s | cells/s | peak RSS MB | first ÷ this |')
print('|---|---|---|---|---|---|---|')
for line in open(os.path.join(res, 'groups.tsv'), encoding='utf-8'):
    name, cells, labels = line.rstrip('\n').split('\t')
    cells = int(cells)
    data = json.load(open(os.path.join(res, name + '.json')))['results']
    med = {}
    for r in data:
        med[r['command']] = r['median']
    # The group's first command (kam's) against each other one, including kam's own reference commands
    # (kam-edit vs kam-read, kam-ods vs kam-xlsx).
    kam = data[0]['median'] if data else None
    for i, r in enumerate(data):
        label = r['command']
        rss = [int(x) for x in open(os.path.join(res, f'{name}.{label}.rss')).read().split() if x.strip().isdigit()]
        rss_mb = statistics.median(rss) / 1024 if rss else float('nan')
        ratio = f'{kam / r["median"]:.2f}' if kam and i > 0 else ''
        print(f'| {name} | {label} | {r["median"]:.3f} | {r["min"]:.3f}–{r["max"]:.3f} | {cells / r["median"]:,.0f} | {rss_mb:.1f} | {ratio} |')
