#!/usr/bin/env bash
# The fault suite: kills the server and its PostgreSQL under load, feeds it hostile input, follows
# the event stream throughout, and prints a table (see "Fault suite" in README.md).
#
#   bash Tests/faults/run.sh            # the long run, on a release build (about 15 minutes)
#   bash Tests/faults/run.sh --short    # the CI run: fewer kills and cases, on the debug build
#
# Extra arguments go to suite.py (--keep keeps the work folder with the server and PostgreSQL logs).
# Everything listens on 127.0.0.1 or a unix socket; PostgreSQL runs as the postgres user under root.
set -euo pipefail
cd "$(dirname "$0")/../.."

configuration=release
for argument in "$@"; do
    [[ $argument == --short ]] && configuration=debug
done
if [[ $configuration == release ]]; then
    echo "run.sh: building the release opsline (takes minutes the first time)" >&2
fi
swift build -c "$configuration" --product opsline >&2
binary="$(swift build -c "$configuration" --show-bin-path)/opsline"
exec python3 Tests/faults/suite.py --binary "$binary" "$@"
