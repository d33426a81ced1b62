#!/usr/bin/env bash
# Runs `kam inspect` on every hostile fixture (and `kam import` on the model-layer ones) under /usr/bin/time and
# prints a Markdown table: exit code, pass/fail against Tests/Fixtures/hostile/expected.tsv, wall time, peak RSS.
#
#   scripts/hostile_report.sh            # uses .build/release/kam (build it first: swift build -c release)
#   KAM=.build/debug/kam scripts/hostile_report.sh
#
# A case passes when it exits as expected (2 unless expected.tsv says otherwise) with one line on stderr naming the
# file (and the word expected.tsv gives), leaves its input byte-identical, and stays under 2 s and 200 MB.
set -u
cd "$(dirname "$0")/.."
KAM=${KAM:-.build/release/kam}
[ -x "$KAM" ] || { echo "no $KAM: build it first" >&2; exit 2; }
TIME=/usr/bin/time
[ -x $TIME ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }
MAX_S=${MAX_S:-2}
MAX_KB=${MAX_KB:-204800}
dir=Tests/Fixtures/hostile
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

hash_of() { if [ -d "$1" ]; then (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum; else sha256sum < "$1"; fi; }

tried=0; passed=0; worst_s=0; worst_kb=0

# Applies the time and memory bounds to the case just run ($name, $rc, $secs, $kb, $ok, $tmp/err), counts it and
# prints its row; the reason is stderr's first line with the prefix $1 taken out of paths.
record() {
    awk "BEGIN{exit !($secs <= $MAX_S && $kb <= $MAX_KB)}" || ok=no
    tried=$((tried + 1)); [ $ok = yes ] && passed=$((passed + 1))
    worst_s=$(awk "BEGIN{print ($secs > $worst_s) ? $secs : $worst_s}")
    worst_kb=$(( kb > worst_kb ? kb : worst_kb ))
    reason=$(head -1 "$tmp/err" | sed "s|$1||g; s/|/\\\\|/g" | cut -c1-110)
    printf '| %s | %s | %s | %s | %.0f | %s |\n' "$name" "$rc" "$ok" "$secs" "$(awk "BEGIN{print $kb/1024}")" "$reason"
}
echo "| case | exit | ok | s | MB | reason |"
echo "|---|---|---|---|---|---|"
for path in "$dir"/*; do
    name=$(basename "$path")
    case "$name" in *.md|*.tsv) continue;; esac
    line=$(grep -P "^\Q$name\E\t" "$dir/expected.tsv" || true)
    want=2; word=""
    if [ -n "$line" ]; then want=$(echo "$line" | cut -f2); word=$(echo "$line" | cut -f3); fi
    before=$(hash_of "$path")
    $TIME -f "%e %M" -o "$tmp/time" "$KAM" inspect "$path" --json --lang en > /dev/null 2> "$tmp/err"
    rc=$?
    after=$(hash_of "$path")
    read -r secs kb < <(tail -1 "$tmp/time")
    ok=yes
    [ "$rc" = "$want" ] || ok=no
    if [ "$want" = 2 ]; then
        [ "$(wc -l < "$tmp/err")" = 1 ] || ok=no
        grep -qF "$name" "$tmp/err" || ok=no
        [ -z "$word" ] || grep -qF -- "$word" "$tmp/err" || ok=no
    else
        [ -s "$tmp/err" ] && ok=no
    fi
    [ "$before" = "$after" ] || ok=no
    record "$dir/"
done

# Model layer: kam import into a fresh workspace; never a crash, the store sound afterwards.
for path in Tests/Fixtures/hostile-import/*.xlsx; do
    name=import:$(basename "$path")
    ws="$tmp/ws"; rm -rf "$ws"; mkdir -p "$ws"
    (cd "$ws" && "$OLDPWD/$KAM" init . > /dev/null 2>&1)
    before=$(hash_of "$path")
    (cd "$ws" && $TIME -f "%e %M" -o "$tmp/time" "$OLDPWD/$KAM" import "$OLDPWD/$path" --lang en > /dev/null 2> "$tmp/err")
    rc=$?
    read -r secs kb < <(tail -1 "$tmp/time")
    ok=yes
    case $rc in 0|1) ;; 2) [ "$(wc -l < "$tmp/err")" = 1 ] || ok=no;; *) ok=no;; esac
    [ "$before" = "$(hash_of "$path")" ] || ok=no
    [ "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$ws/.kam/store.sqlite")" = ok ] || ok=no
    (cd "$ws" && "$OLDPWD/$KAM" export --json > /dev/null 2>&1) || ok=no
    record "$OLDPWD/"
done
echo
echo "cases tried: $tried, passed: $passed; slowest: $worst_s s; most memory: $(awk "BEGIN{printf \"%.0f\", $worst_kb/1024}") MB (limits ${MAX_S} s, $((MAX_KB / 1024)) MB)"
[ "$passed" = "$tried" ]
