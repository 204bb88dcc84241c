#!/usr/bin/env bash
# Builds Opsline and runs the whole test suite. Tests start their own PostgreSQL cluster
# (initdb + pg_ctl into /tmp, unix socket only); none needs to be running.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
swift build --build-tests
swift test --skip-build --disable-xctest "$@"
