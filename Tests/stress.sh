#!/usr/bin/env bash
# Runs the whole test suite several times in a row (default 3) while stress-ng keeps every core
# busy, and prints each run's result and wall time: the suite must pass on a machine that is
# doing something else. Installs stress-ng when missing (Debian package).
#   bash Tests/stress.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
bash deploy/setup.sh
if ! command -v stress-ng >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || { echo "stress: please install stress-ng" >&2; exit 1; }
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress-ng >/dev/null
fi
swift build --build-tests

logs="$(mktemp -d /tmp/opsline-stress-XXXXXX)"
stress-ng --cpu "$(nproc)" --timeout 0 --quiet &
load=$!
trap 'kill "$load" 2>/dev/null || true' EXIT

failed=0
for run in $(seq "$runs"); do
    started=$(date +%s)
    if swift test --skip-build --disable-xctest >"$logs/run-$run.log" 2>&1; then result=passed; else result=FAILED; failed=1; fi
    echo "run $run of $runs under stress-ng --cpu $(nproc): $result in $(($(date +%s) - started)) s ($(grep -E '^. Test run with' "$logs/run-$run.log" | tail -1))"
done
echo "logs: $logs"
exit "$failed"
