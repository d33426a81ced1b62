#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/kam-fuzz, with -sanitize=fuzzer) and runs each for FUZZ_TIME seconds.
#
#   scripts/fuzz.sh                      # every target, 30 s each (the CI smoke run)
#   FUZZ_TIME=600 scripts/fuzz.sh xlsx   # a long run of one target
#   FUZZ_SANITIZE=fuzzer,address scripts/fuzz.sh
#
# Targets: xlsx (raw bytes as a .xlsx file), xlsx-sheet (bytes as the sheet part of a valid package), ods (raw
# bytes as a .ods file), ods-content (bytes as content.xml), xml (XMLScanner), mapping (header recognition and every
# value normaliser), editor (random edits on a small workbook, then read back).
# Seeds: Tests/Fixtures/hostile, Tests/Fixtures/fuzz and Examples; corpora grow in .build/fuzz-corpus/TARGET.
# A crash is written to .build/fuzz-crashes/TARGET/; keep it as a regression input under Tests/Fixtures/fuzz/TARGET/
# (FuzzRegressionTests replays that folder through the ordinary build's kam-fuzz).
set -eu
cd "$(dirname "$0")/.."
FUZZ_TIME=${FUZZ_TIME:-30}
SAN=${FUZZ_SANITIZE:-fuzzer}
targets=${*:-xlsx xlsx-sheet ods ods-content xml mapping editor}
nice -n 10 swift build -c release --scratch-path .build/fuzz --product kam-fuzz \
    -Xswiftc -sanitize=$SAN -Xswiftc -parse-as-library -Xswiftc -DFUZZING
bin=.build/fuzz/release/kam-fuzz
status=0
for t in $targets; do
    corpus=.build/fuzz-corpus/$t crashes=.build/fuzz-crashes/$t
    mkdir -p "$corpus" "$crashes"
    seeds=()
    case $t in
        xlsx) seeds=(Tests/Fixtures/hostile Examples);;
        ods) seeds=(Tests/Fixtures/hostile);;
        xml|xlsx-sheet|ods-content) seeds=(Tests/Fixtures/fuzz/seeds);;
    esac
    [ -d "Tests/Fixtures/fuzz/$t" ] && seeds+=("Tests/Fixtures/fuzz/$t")
    echo "== $t: $FUZZ_TIME s"
    if ! KAM_FUZZ_TARGET=$t nice -n 10 "$bin" "$corpus" "${seeds[@]}" -max_total_time="$FUZZ_TIME" -max_len=65536 \
        -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$crashes/" -print_final_stats=1 2> ".build/fuzz-$t.log"; then
        echo "$t: CRASH, see .build/fuzz-$t.log and $crashes"; status=1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" ".build/fuzz-$t.log" | tr '\n' ' '; echo
done
exit $status
