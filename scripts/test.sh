#!/usr/bin/env bash
# Builds kam and runs every test (unit, corpus conformance, end-to-end on the built binary).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/test-tools.sh
swift build
swift test "$@"
