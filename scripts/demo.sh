#!/usr/bin/env bash
# The main job on the bundled examples: set up, build, then read, convert, import, validate (with the annotated
# report), export, sync and fill, with the workbooks in Examples/ and a fresh workspace (an embedded SQLite store;
# no server). Everything is written under $KAM_DEMO_OUT (default /tmp/kam-demo); Examples/ is never modified.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== building kam (release)"
swift build -c release --product kam 2>&1 | tail -1
kam="$PWD/.build/release/kam"
out="${KAM_DEMO_OUT:-/tmp/kam-demo}"
rm -rf "$out"; mkdir -p "$out"
has() { "$kam" help "$1" >/dev/null 2>&1; }

echo; echo "== kam inspect: what the example workbooks hold"
for f in Examples/*.xlsx Examples/*.ods; do "$kam" inspect "$f" --rows 3; done

echo; echo "== kam convert: each workbook to the other format, written by kam"
for f in Examples/*.xlsx; do b=$(basename "${f%.*}"); "$kam" convert "$f" "$out/$b.ods"; echo "  $out/$b.ods"; done
for f in Examples/*.ods; do b=$(basename "${f%.*}"); "$kam" convert "$f" "$out/$b.xlsx"; echo "  $out/$b.xlsx"; done

echo; echo "== kam init + import: the legacy sheets into one customer model"
"$kam" init "$out/workspace"
ws=(--workspace "$out/workspace")
"$kam" import Examples/*.xlsx Examples/*.ods "${ws[@]}"

echo; echo "== kam validate: what needs fixing, cell by cell (exit 1 when there are errors)"
"$kam" validate Examples/华东区重点客户台账.xlsx --annotate "$out/校验报告.xlsx" "${ws[@]}" || true
echo "  annotated report: $out/校验报告.xlsx"

echo; echo "== kam export --json: the canonical model"
"$kam" export --json "${ws[@]}" > "$out/workspace.json"
echo "  $out/workspace.json ($(grep -c '"id"' "$out/workspace.json") records with ids)"

if has sync; then
  echo; echo "== kam export + sync: the team's key-account workbook, kept in step both ways"
  "$kam" export "$out/重点客户管理表.xlsx" "${ws[@]}"
  "$kam" edit "$out/重点客户管理表.xlsx" --set '重点客户!F2=张伟' >/dev/null
  "$kam" sync "$out/重点客户管理表.xlsx" --dry-run "${ws[@]}" || true
  "$kam" sync "$out/重点客户管理表.xlsx" "${ws[@]}" || true
fi
if has fill; then
  echo; echo "== kam fill: the plan and report templates, filled from the model"
  for t in Templates/*.xlsx; do
    b=$(basename "${t%.*}")
    "$kam" fill "$t" -o "$out/$b-filled.xlsx" "${ws[@]}" && echo "  $out/$b-filled.xlsx" || true
  done
fi
if has metrics; then
  echo; echo "== kam metrics"
  "$kam" metrics "${ws[@]}" || true
fi
echo; echo "Done. Files written to $out"
