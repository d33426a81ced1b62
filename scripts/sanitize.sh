#!/usr/bin/env bash
# AddressSanitizer and ThreadSanitizer runs of a subset of the tests (docs/security.md records the results).
#
#   scripts/sanitize.sh                   # ASan, then TSan
#   scripts/sanitize.sh thread            # one of them
#   SANITIZE_FILTER='KamZipTests' scripts/sanitize.sh address
#
# Each sanitizer builds the package and its tests in its own scratch folder (.build/asan, .build/tsan: a debug
# build, slow — about as long as a clean build, several times slower to run) and runs the subset with the kam
# binary of that build (KAM_BINARY), so the end-to-end tests (hostile files, concurrent syncs) run an instrumented
# kam too. Every report, the test process's or a kam child's, is also written to .build/sanitize-SAN/REPORT.PID
# (log_path), so a child's report is counted even where its test only looks at the exit code.
# LeakSanitizer is off (detect_leaks=0): the Swift runtime keeps metadata caches alive to the end on purpose; the
# question here is memory errors (ASan) and data races (TSan).
set -u
cd "$(dirname "$0")/.."
sanitizers=${*:-address thread}
filter=${SANITIZE_FILTER:-'KamZipTests|KamXMLTests|KamSheetsTests|KamStoreTests|ConcurrencyTests|HostileInputTests'}
status=0
for san in $sanitizers; do
    case $san in
        address) scratch=.build/asan;;
        thread) scratch=.build/tsan;;
        *) echo "unknown sanitizer $san (address or thread)"; exit 2;;
    esac
    reports=$PWD/.build/sanitize-$san log=.build/sanitize-$san.log
    rm -rf "$reports"; mkdir -p "$reports"
    echo "== $san: building in $scratch"
    if ! nice -n 10 swift build --build-tests --sanitize="$san" --scratch-path "$scratch" > "$log.build" 2>&1; then
        echo "$san: build failed, see $log.build"; tail -20 "$log.build"; status=1; continue
    fi
    echo "== $san: swift test --filter '$filter'"
    start=$(date +%s)
    KAM_BINARY=$PWD/$scratch/debug/kam \
    ASAN_OPTIONS="detect_leaks=0:log_path=$reports/asan:log_exe_name=1" \
    TSAN_OPTIONS="log_path=$reports/tsan:log_exe_name=1:second_deadlock_stack=1" \
        nice -n 10 swift test --skip-build --sanitize="$san" --scratch-path "$scratch" --filter "$filter" > "$log" 2>&1
    rc=$?
    found=$(ls "$reports" | wc -l)
    echo "$san: swift test exit $rc in $(( $(date +%s) - start )) s; $(grep -E '^(✔|✘) Test run' "$log" | tail -1)"
    echo "$san: $found sanitizer report file(s) in $reports"
    [ "$found" -gt 0 ] && grep -h -m1 -E "ERROR: AddressSanitizer|WARNING: ThreadSanitizer" "$reports"/* | sort | uniq -c
    [ $rc -eq 0 ] && [ "$found" -eq 0 ] || status=1
done
exit $status
