#!/usr/bin/env bash
# Builds Opsline and runs the whole test suite. Tests start their own PostgreSQL cluster
# (initdb + pg_ctl into /tmp, unix socket only); none needs to be running.
#
# With no arguments, the fault suite's short run follows the Swift tests (README, "Fault suite");
# arguments (such as --filter) go to `swift test` only, and skip the fault suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
swift build --build-tests
swift test --skip-build --disable-xctest "$@"
if [[ $# -eq 0 ]]; then
    # Recoveries may take up to 15 s here: CI machines are shared and this is the debug build.
    bash Tests/faults/run.sh --short --recovery-limit 15
fi
