#!/bin/sh
# Scores kam's legacy import and validation (README of the legacy samples): for each workbook, a fresh workspace,
# `kam import`, `kam export --json`, `kam validate --format json`, then check_legacy.py.
#   scripts/score_legacy.sh [SAMPLES_DIR] [RESULTS_DIR]     (KAM=path/to/kam to use another binary)
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
samples=$(cd "${1:-$here/../shared/samples/legacy}" && pwd)
results=${2:-$here/.build/legacy-results}
kam=${KAM:-$here/.build/debug/kam}
mkdir -p "$results"
for f in "$samples"/*.xlsx "$samples"/*.ods; do
  [ -e "$f" ] || continue
  n=$(basename "${f%.*}"); w=$(mktemp -d)
  (cd "$w" && "$kam" init . >/dev/null && "$kam" import "$f" >/dev/null && "$kam" export --json) > "$results/$n.export.json"
  "$kam" validate "$f" --format json > "$results/$n.report.json"
  rm -rf "$w"
done
python3 "$samples/check_legacy.py" "$results" --truth "$samples" -v
