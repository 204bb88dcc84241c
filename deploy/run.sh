#!/usr/bin/env bash
# Builds Opsline (release: the server a user starts is the fast one) and runs `opsline serve` with
# its embedded PostgreSQL. Extra arguments go to `opsline serve` (e.g. --listen 0.0.0.0:8080).
# OPSLINE_BUILD=debug builds the debug configuration instead (quicker to build, slower to run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
configuration="${OPSLINE_BUILD:-release}"
swift build -c "$configuration" --product opsline
bin="$(swift build -c "$configuration" --show-bin-path)/opsline"

data_dir="${OPSLINE_DATA_DIR:-$PWD/.opsline}"
# As root the cluster runs as the `postgres` user, which must be able to reach the data folder;
# a checkout under /root is not reachable, so the data goes to /var/lib/opsline instead.
if [ "$(id -u)" -eq 0 ] && [ -z "${OPSLINE_DATA_DIR:-}" ] && ! runuser -u postgres -- test -x "$PWD"; then
    data_dir=/var/lib/opsline
    echo "opsline: postgres cannot reach $PWD; keeping data in $data_dir" >&2
fi
export OPSLINE_DATA_DIR="$data_dir"
exec "$bin" serve "$@"
