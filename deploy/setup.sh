#!/usr/bin/env bash
# Installs what Opsline needs to build and to run its embedded PostgreSQL, when missing:
# libpq's headers (libpq-dev) and the PostgreSQL server programs (postgresql).
set -euo pipefail

need=()
pkg-config --exists libpq 2>/dev/null || need+=(libpq-dev)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    need+=(postgresql)
fi
if ((${#need[@]})); then
    if [ "$(id -u)" -ne 0 ]; then
        echo "opsline: please install: ${need[*]} (apt-get install -y ${need[*]})" >&2
        exit 1
    fi
    echo "opsline: installing ${need[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v swift >/dev/null 2>&1 || { echo "opsline: the Swift 6 toolchain is required (swift not on PATH)" >&2; exit 1; }
