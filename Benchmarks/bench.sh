#!/usr/bin/env bash
# kam beside its peers on the shared bench inputs, in one run, alternating tools (hyperfine runs the commands of one
# group in turn), with GNU time for peak RSS. Prints a Markdown table (median wall, cells/s, peak RSS, kam's ratio).
#
# usage: Benchmarks/bench.sh [GROUP ...]     groups: xlsx-read ods-read xlsx-write ods-write edit edit-one import validate sync
#                                             (default: all)
# env:   SIZES="10k 100k 300k"  RUNS=5  WARMUP=1  DIR=/tmp/kam-bench (inputs)  RES=$DIR/kam-results  SHARED=../shared
# Needs: hyperfine, GNU time, python-calamine, fastexcel, openpyxl, xlsxwriter, libxlsxwriter-dev, LibreOffice (for the ODS inputs).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
DIR="${DIR:-/tmp/kam-bench}"
SIZES="${SIZES:-10k 100k 300k}"
RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-1}"
RES="${RES:-$DIR/kam-results}"   # results (and the binary under test) of this run
mkdir -p "$DIR" "$RES" "$DIR/out"
PY="$(python3 -c 'import sys; print(sys.executable)')"
PEERS="$SHARED/bench/peers.py"

# Tools.
for t in hyperfine /usr/bin/time; do command -v "$t" >/dev/null || { echo "bench: missing $t (apt-get install -y hyperfine time)" >&2; exit 2; }; done
"$PY" -c 'import python_calamine, fastexcel, openpyxl, xlsxwriter' 2>/dev/null || { echo "bench: pip install python-calamine fastexcel openpyxl xlsxwriter" >&2; exit 2; }

# The C floor and libxlsxwriter programs, built outside the read-only shared folder.
mkdir -p "$DIR/c"
cp "$SHARED/bench/c/"*.c "$SHARED/bench/c/Makefile" "$DIR/c/"
make -s -C "$DIR/c" >/dev/null
FLOOR="$DIR/c/floor"; CWRITE="$DIR/c/write_xlsx"

# Inputs (deterministic; the ODS is converted by LibreOffice, ~45 s at 100k).
for s in $SIZES; do
  case $s in 10k) n=10000;; 100k) n=100000;; 300k) n=300000;; *) echo "bench: unknown size $s" >&2; exit 2;; esac
  if [ ! -s "$DIR/customers-$s.xlsx" ] || [ ! -s "$DIR/customers-$s.ods" ] || [ ! -s "$DIR/customers-$s.tsv" ]; then
    echo "bench: generating $s inputs" >&2
    "$PY" "$SHARED/bench/gen_customers.py" --rows $n --xlsx "$DIR/customers-$s.xlsx" --ods "$DIR/customers-$s.ods" --tsv "$DIR/customers-$s.tsv" >/dev/null
  fi
done

(cd "$ROOT" && swift build -c release --product kam 2>&1 | tail -1) >&2
# A copy, so that another build in the work tree cannot pull the binary away in the middle of a run.
cp "$ROOT/.build/release/kam" "$RES/kam-under-test"
KAM="$RES/kam-under-test"

# group NAME CELLS -- LABEL CMD... -- LABEL CMD...
# Runs the commands alternately with hyperfine; each wrapped in GNU time for its RSS.
group() {
  local name="$1" cells="$2"; shift 2
  local labels=() cmds=()
  while [ $# -gt 0 ]; do
    [ "$1" = "--" ] && shift
    local label="$1"; shift
    local argv=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do argv+=("$1"); shift; done
    : > "$RES/$name.$label.rss"
    labels+=("$label")
    cmds+=("$(printf '%q ' /usr/bin/time -f '%M' -a -o "$RES/$name.$label.rss" "${argv[@]}")")
  done
  echo "== $name (loadavg $(cut -d' ' -f1 /proc/loadavg))" >&2
  local prep=()
  [ -n "${PREPARE:-}" ] && prep=(--prepare "$PREPARE")
  hyperfine -N -i --style none --warmup "$WARMUP" --runs "$RUNS" "${prep[@]}" --export-json "$RES/$name.json" \
    $(for i in "${!cmds[@]}"; do printf -- "-n %s " "${labels[$i]}"; done) "${cmds[@]}" >/dev/null
  printf '%s\t%s\t%s\n' "$name" "$cells" "$(IFS=,; echo "${labels[*]}")" >> "$RES/groups.tsv"
}

cd "$DIR"
want() { [ ${#WANTED[@]} -eq 0 ] && return 0; for g in "${WANTED[@]}"; do [ "$g" = "$1" ] && return 0; done; return 1; }
WANTED=("$@")
: > "$RES/groups.tsv"
for s in $SIZES; do
  X="$DIR/customers-$s.xlsx"; O="$DIR/customers-$s.ods"; T="$DIR/customers-$s.tsv"
  rows=$(( $(wc -l < "$T") )); cells=$(( rows * 12 ))
  if want xlsx-read; then
    group "xlsx-read@$s" $cells -- kam "$KAM" inspect "$X" --stats -- python-calamine "$PY" "$PEERS" calamine "$X" \
      -- fastexcel "$PY" "$PEERS" fastexcel "$X" \
      -- floor-sax "$FLOOR" sax "$X" $( [ "$s" = 10k ] && echo -- openpyxl-ro "$PY" "$PEERS" openpyxl-ro "$X" )
  fi
  if want ods-read; then
    group "ods-read@$s" $cells -- kam "$KAM" inspect "$O" --stats -- python-calamine "$PY" "$PEERS" calamine "$O" \
      -- floor-sax "$FLOOR" sax "$O"
  fi
  if want xlsx-write; then
    group "xlsx-write@$s" $cells -- kam "$KAM" convert "$T" "$DIR/out/kam-$s.xlsx" \
      -- libxlsxwriter "$CWRITE" "$T" "$DIR/out/lxw-$s.xlsx" \
      $( [ "$s" = 10k ] && echo -- xlsxwriter-cm "$PY" "$PEERS" xlsxwriter-cm "$T" "$DIR/out/xw-$s.xlsx" -- openpyxl-wo "$PY" "$PEERS" openpyxl-wo "$T" "$DIR/out/opx-$s.xlsx" )
  fi
  if want ods-write; then
    # Target: ODS write ≤ 1.5 × kam's own XLSX write, so both are timed in one group.
    group "ods-write@$s" $cells -- kam-ods "$KAM" convert "$T" "$DIR/out/kam-$s.ods" \
      -- kam-xlsx "$KAM" convert "$T" "$DIR/out/kam-$s.xlsx"
  fi
  sheet=$("$KAM" inspect "$X" --json | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["sheets"][0]["name"])')
  if want edit; then
    group "xlsx-edit@$s" $cells -- kam-edit "$KAM" edit "$X" -o "$DIR/out/edited-$s.xlsx" --set "$sheet!B2=kam" --insert-rows "$sheet!$((rows / 2)):5" \
      -- kam-read "$KAM" inspect "$X" --stats
    group "ods-edit@$s" $cells -- kam-edit "$KAM" edit "$O" -o "$DIR/out/edited-$s.ods" --set "$sheet!B2=kam" --insert-rows "$sheet!$((rows / 2)):5" \
      -- kam-read "$KAM" inspect "$O" --stats
  fi
  if want edit-one; then
    # The in-place edit target: one cell set in the whole workbook, beside a full read of it.
    group "xlsx-edit-one@$s" $cells -- kam-edit "$KAM" edit "$X" -o "$DIR/out/edited-one-$s.xlsx" --set "$sheet!B2=kam" \
      -- kam-read "$KAM" inspect "$X" --stats
    group "ods-edit-one@$s" $cells -- kam-edit "$KAM" edit "$O" -o "$DIR/out/edited-one-$s.ods" --set "$sheet!B2=kam" \
      -- kam-read "$KAM" inspect "$O" --stats
  fi
  if want import; then
    WS="$DIR/ws-$s"
    # hyperfine -N runs --prepare without a shell too: a script keeps `&&` from becoming arguments of rm.
    printf 'rm -rf "%s" && "%s" init "%s" >/dev/null\n' "$WS" "$KAM" "$WS" > "$DIR/prepare-import-$s.sh"
    PREPARE="sh $DIR/prepare-import-$s.sh" group "import@$s" $cells -- kam-import "$KAM" import "$X" --workspace "$WS" \
      -- kam-read "$KAM" inspect "$X" --stats
  fi
  if want validate; then
    # frictionless refuses absolute paths ("not safe"): it runs on the TSV in $DIR with an equivalent schema.
    cp "$ROOT/Benchmarks/frictionless-schema.json" "$DIR/"
    FL=$(command -v frictionless || true)
    group "validate@$s" $cells -- kam-validate "$KAM" validate "$X" --format json -- kam-read "$KAM" inspect "$X" --stats \
      $( [ -n "$FL" ] && echo -- frictionless "$FL" validate "customers-$s.tsv" --schema frictionless-schema.json )
  fi
  if want sync; then
    # Setup once per size: a store imported from the key-account table, its workbook exported (and bound), a
    # snapshot of both, and a copy of the workbook with 1% of the customer rows edited by openpyxl.
    SW="$DIR/ws-sync-$s"; SF="$DIR/sync-$s.xlsx"
    if [ ! -s "$DIR/sync-$s.changed.xlsx" ] || [ ! -d "$SW.snap" ]; then
      rm -rf "$SW" "$SW.snap" && "$KAM" init "$SW" >/dev/null && "$KAM" import "$X" --workspace "$SW" 2>/dev/null
      "$KAM" export "$SF" --filter all --workspace "$SW" >/dev/null && cp -a "$SW" "$SW.snap" && cp "$SF" "$DIR/sync-$s.exported.xlsx"
      "$PY" - "$DIR/sync-$s.exported.xlsx" "$DIR/sync-$s.changed.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.worksheets[0]
top = next(r for r in range(1, 11) if "客户编号" in [c.value for c in ws[r]])
heads = [c.value for c in ws[top]]
col = heads.index("负责人") + 1 if "负责人" in heads else 3
for r in range(top + 1, ws.max_row + 1, 100): ws.cell(row=r, column=col).value = f"改{r}"
wb.save(sys.argv[2])
PYEOF
    fi
    printf 'rm -rf "%s" && cp -a "%s.snap" "%s" && cp "%s" "%s"\n' "$SW" "$SW" "$SW" "$DIR/sync-$s.changed.xlsx" "$SF" > "$DIR/prepare-sync-$s.sh"
    PREPARE="sh $DIR/prepare-sync-$s.sh" group "sync@$s" $cells -- kam-sync "$KAM" sync "$SF" --workspace "$SW" \
      -- kam-read "$KAM" inspect "$DIR/sync-$s.changed.xlsx" --stats
  fi
done
"$PY" "$ROOT/Benchmarks/summarize.py" "$RES"
