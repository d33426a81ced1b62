#!/usr/bin/env bash
# AddressSanitizer and ThreadSanitizer runs of a subset of the tests (docs/security.md records the results).
#
#   scripts/sanitize.sh                   # ASan, then TSan
#   scripts/sanitize.sh thread            # one of them
#   SANITIZE_FILTER='KamZipTests' scripts/sanitize.sh address
#
# Each sanitizer builds the package and its tests in its own scratch folder (.build/asan, .build/tsan: a debug
# build, slow — about as long as a clean build, several times slower to run) and runs the subset with the kam
# binary of that build (KAM_BINARY, through .build/kam-SAN), so the end-to-end tests (hostile files, concurrent syncs) run an instrumented
# kam too. Every report, the test process's or a kam child's, is also written to .build/sanitize-SAN/REPORT.PID
# (log_path), so a child's report is counted even where its test only looks at the exit code.
# LeakSanitizer is on for every kam process (the Swift runtime's caches stay reachable and are not reported, so a
# report is a real leak) and off for the test process itself, where XCTest's runner and Foundation's Process and
# Data(contentsOf:) in KamTestSupport report a few allocations that are not kam's: KAM_BINARY is a small wrapper
# that turns leak detection on for the kam it starts.
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
    wrapper=$PWD/.build/kam-$san
    printf '#!/bin/sh\nASAN_OPTIONS="detect_leaks=1:log_path=%s/asan:log_exe_name=1" exec %s "$@"\n' \
        "$reports" "$PWD/$scratch/debug/kam" > "$wrapper"
    chmod +x "$wrapper"
    KAM_BINARY=$wrapper \
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
