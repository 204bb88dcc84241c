"""Opsline's browser suite: the dashboard (/ui) in a real, headless Chromium against a real
`opsline serve` on 127.0.0.1 with a PostgreSQL cluster of its own.

    python3 Tests/browser/suite.py --binary .build/debug/opsline [--keep] [--screenshots DIR]

Run it through Tests/browser/run.sh. Prints one line per test and `N passed, N failed`; exit
status 0 when every test passed. The tests save pictures of the pages in .build/screenshots/, out
of the way of git; `--screenshots docs/screenshots` refreshes the ones the README shows.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback

import rig as rigging
import live_tests
import overview_tests
import queue_tests
import signin_tests
import task_tests

ROOT = rigging.ROOT

# Each page's tests live in a module of their own with a TESTS list; they run in this order, in
# one browser, against one server.
MODULES = [signin_tests, overview_tests, queue_tests, task_tests, live_tests]


class Screenshots:
    """Pictures of pages, saved in the folder of `--screenshots`."""

    def __init__(self, folder):
        self.folder = folder
        if folder:
            os.makedirs(folder, exist_ok=True)

    def take(self, driver, name):
        if not self.folder:
            return
        path = os.path.join(self.folder, name + ".png")
        driver.save_screenshot(path)
        print(f"browser:   screenshot {os.path.relpath(path, ROOT)}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the work folder (server and PostgreSQL logs)")
    parser.add_argument("--screenshots", default=os.path.join(ROOT, ".build", "screenshots"),
                        help="where the pictures of the pages go (.build/screenshots; docs/screenshots refreshes the README's)")
    arguments = parser.parse_args()

    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="opsline-browser-")
    os.chmod(work, 0o755)
    rig = None
    passed = failed = 0
    try:
        rig = rigging.Rig(os.path.abspath(arguments.binary), work)
        rig.setup_people()
        rig.open_browser()
        print(f"browser: ready after {time.monotonic() - started:.1f} s", file=sys.stderr)
        shots = Screenshots(arguments.screenshots)
        for test in [test for module in MODULES for test in module.TESTS]:
            began = time.monotonic()
            try:
                test(rig, shots)
                passed += 1
                print(f"browser: PASS {test.__name__} ({time.monotonic() - began:.1f} s)")
            except Exception:  # noqa: BLE001 - every failure is reported, and the rest still run
                failed += 1
                print(f"browser: FAIL {test.__name__} ({time.monotonic() - began:.1f} s)")
                traceback.print_exc()
    finally:
        if rig:
            rig.stop()
        if arguments.keep or failed:
            print(f"browser: work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"browser: {time.monotonic() - started:.1f} s in all")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
