#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/kam-fuzz, with -sanitize=fuzzer) and runs each for FUZZ_TIME seconds.
#
#   scripts/fuzz.sh                      # every target, 30 s each (the CI smoke run)
#   FUZZ_TIME=600 scripts/fuzz.sh xlsx   # a long run of one target
#   FUZZ_SANITIZE=fuzzer,address scripts/fuzz.sh   # with AddressSanitizer (built in .build/fuzz-address)
#
# Targets: xlsx (raw bytes as a .xlsx file), xlsx-sheet (bytes as the sheet part of a valid package), ods (raw
# bytes as a .ods file), ods-content (bytes as content.xml), xml (XMLScanner), mapping (header recognition and every
# value normaliser), editor (random edits on a small workbook, then read back).
# Seeds: Tests/Fixtures/hostile, Tests/Fixtures/fuzz and Examples; corpora grow in .build/fuzz-corpus/TARGET (shared
# by the plain and the sanitizer builds, so an ASan run replays what the long runs found).
# A crash is written to .build/fuzz-crashes/TARGET/; keep it as a regression input under Tests/Fixtures/fuzz/TARGET/
# (FuzzRegressionTests replays that folder through the ordinary build's kam-fuzz).
# FUZZ_TIMEOUT (30 s): one input's wall-time limit. The instrumented build is several times slower than a release
# build and the machine may be shared (the runs are niced), so this is far above the 2 s that
# scripts/hostile_report.sh checks on release builds; a real hang still trips it.
set -eu
cd "$(dirname "$0")/.."
FUZZ_TIME=${FUZZ_TIME:-30}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-30}
SAN=${FUZZ_SANITIZE:-fuzzer}
targets=${*:-xlsx xlsx-sheet ods ods-content xml mapping editor}
scratch=.build/fuzz
[ "$SAN" = fuzzer ] || scratch=.build/fuzz-$(echo "${SAN#fuzzer,}" | tr , -)
nice -n 10 swift build -c release --scratch-path "$scratch" --product kam-fuzz \
    -Xswiftc -sanitize=$SAN -Xswiftc -parse-as-library -Xswiftc -DFUZZING
bin=$scratch/release/kam-fuzz
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
    log=.build/fuzz-$t${scratch#.build/fuzz}.log
    echo "== $t: $FUZZ_TIME s ($SAN)"
    if ! KAM_FUZZ_TARGET=$t nice -n 10 "$bin" "$corpus" "${seeds[@]}" -max_total_time="$FUZZ_TIME" -max_len=65536 \
        -rss_limit_mb=2048 -timeout="$FUZZ_TIMEOUT" -artifact_prefix="$crashes/" -print_final_stats=1 2> "$log"; then
        echo "$t: CRASH, see $log and $crashes"; status=1
    fi
    # The figures docs/security.md records: inputs run, peak memory, the last coverage line, the corpus size.
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" | tr -s ' \n' ' '
    grep -E "^#[0-9]+" "$log" | tail -1 | grep -oE "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*" | tr '\n' ' '
    echo "corpus files: $(ls "$corpus" | wc -l)"
done
exit $status
