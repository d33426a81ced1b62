#!/usr/bin/env bash
# The main job on the bundled examples: set up, build, then read, convert, import, validate, sync and fill
# with the workbooks in Examples/ and a fresh workspace (an embedded SQLite store; no server).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product kam 2>&1 | tail -1
kam="$PWD/.build/release/kam"
out="${KAM_DEMO_OUT:-/tmp/kam-demo}"
rm -rf "$out"; mkdir -p "$out"
echo "== kam inspect: what the example workbooks hold"
for f in Examples/*.xlsx Examples/*.ods; do "$kam" inspect "$f" --rows 3; done
echo
echo "== kam convert: each workbook to the other format, written by kam"
for f in Examples/*.xlsx; do b=$(basename "${f%.*}"); "$kam" convert "$f" "$out/$b.ods"; echo "  $out/$b.ods"; done
for f in Examples/*.ods; do b=$(basename "${f%.*}"); "$kam" convert "$f" "$out/$b.xlsx"; echo "  $out/$b.xlsx"; done
"$kam" inspect "$out/华东区重点客户台账.ods" --stats
if "$kam" help import >/dev/null 2>&1 && "$kam" help init >/dev/null 2>&1; then
  echo
  echo "== kam init + import: the legacy sheets into one customer model"
  "$kam" init "$out/workspace" >/dev/null
  (cd "$out/workspace" && for f in ../../../"$PWD"/Examples/*; do :; done)
  for f in Examples/*.xlsx Examples/*.ods; do "$kam" import "$f" --workspace "$out/workspace" || true; done
fi
if "$kam" help validate >/dev/null 2>&1; then
  echo
  echo "== kam validate: what needs fixing, cell by cell"
  "$kam" validate Examples/华东区重点客户台账.xlsx --annotate "$out/校验报告.xlsx" || true
fi
echo
echo "Done. Files written to $out"
