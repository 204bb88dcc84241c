#!/usr/bin/env bash
# The browser suite: Debian's Chromium, headless, driven by Selenium through chromedriver, against
# a real `opsline serve` on 127.0.0.1 over a PostgreSQL cluster of its own (see "Dashboard" in
# docs/dashboard.md).
#
#   bash Tests/browser/run.sh            # builds the debug opsline first
#   bash Tests/browser/run.sh --keep     # keeps the work folder (server and PostgreSQL logs)
#   bash Tests/browser/run.sh --screenshots docs/screenshots   # refreshes the pictures in docs/
#                                        (every run writes them to .build/screenshots/)
#
# Needs chromium, chromium-driver and python3-selenium (deploy/setup.sh installs them as root).
set -euo pipefail
cd "$(dirname "$0")/../.."

swift build --product opsline >&2
binary="$(swift build --show-bin-path)/opsline"
# Debian's python3-selenium is seen by Debian's python3; another python3 first on PATH (pyenv, a
# virtualenv) may have selenium from pip instead.
python=python3
for candidate in /usr/bin/python3 python3; do
    if "$candidate" -c 'import selenium' >/dev/null 2>&1; then
        python="$candidate"
        break
    fi
done
exec "$python" Tests/browser/suite.py --binary "$binary" "$@"
