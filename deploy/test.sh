#!/usr/bin/env bash
# Builds Opsline and runs the whole test suite. Tests start their own PostgreSQL cluster
# (initdb + pg_ctl into /tmp, unix socket only); none needs to be running.
#
# With no arguments, the deployment checks (deploy/README.md), the browser suite (docs/dashboard.md,
# "Browser tests") and the fault suite's short run (README, "Fault suite") follow the Swift tests,
# then in CI the failover test (below); arguments (such as --filter) go to `swift test` only, and
# skip the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
swift build --build-tests
# Every server the run starts logs into one folder (Tests/TestSupport/TestLogging.swift), which is
# checked at the end for secrets: none may ever reach a log line.
# A folder given in OPSLINE_TEST_LOG_DIR is used as it is; the default one starts empty.
if [[ -z ${OPSLINE_TEST_LOG_DIR:-} ]]; then
    export OPSLINE_TEST_LOG_DIR="$PWD/.build/test-logs/run"
    rm -rf "$OPSLINE_TEST_LOG_DIR"
fi
mkdir -p "$OPSLINE_TEST_LOG_DIR"
# Swift Testing starts every test at once by default; on a busy two-core machine they then
# overlap for long and hold hundreds of PostgreSQL connections together. 32 at a time keep both
# cores busy (most tests wait on PostgreSQL or a socket) with a bounded number of connections.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-32}"
swift test --skip-build --disable-xctest "$@"
if [[ $# -eq 0 ]]; then
    # The deployment files (deploy/README.md): systemd-analyze, hadolint, the manifests' shapes.
    python3 Tests/deploy/check.py --opsline "$(swift build --show-bin-path)/opsline"
    bash Tests/browser/run.sh
    # Recoveries may take up to 15 s here: CI machines are shared and this is the debug build.
    bash Tests/faults/run.sh --short --recovery-limit 15
    # The failover test (docs/failover.md): a Patroni cluster of three PostgreSQL nodes, a
    # switchover and three kinds of crash under load (about 2 minutes). Slower, and it
    # installs patroni and etcd, so it runs in CI (CI=true) or when asked (OPSLINE_FAILOVER=1);
    # OPSLINE_SKIP_FAILOVER=1 skips it. Bounded to 5 minutes; it removes what it started.
    if [[ ${OPSLINE_SKIP_FAILOVER:-0} != 1 && (${CI:-} == true || ${OPSLINE_FAILOVER:-0} == 1) ]]; then
        OPSLINE_FAILOVER_TIMEOUT="${OPSLINE_FAILOVER_TIMEOUT:-300}" bash Tests/failover/run.sh --debug
    fi
fi
bash Tests/logs/check-secrets.sh "$OPSLINE_TEST_LOG_DIR"
