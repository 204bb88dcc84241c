"""Opsline's browser suite: the dashboard (/ui) in a real, headless Chromium against a real
`opsline serve` on 127.0.0.1 with a PostgreSQL cluster of its own.

    python3 Tests/browser/suite.py --binary .build/debug/opsline [--keep] [--screenshots DIR]

Run it through Tests/browser/run.sh. Prints one line per test and `N passed, N failed`; exit
status 0 when every test passed. Screenshots of the pages go to docs/screenshots/.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Tests", "faults"))

import processes  # noqa: E402  (Tests/faults: PostgreSQL and `opsline serve` as processes)
import wire  # noqa: E402

import browser  # noqa: E402

ADMIN = "browser-suite-admin-token"
MANAGER = "mia"
PASSWORD = "mia's dashboard password"
DISPLAY_NAME = "Mia Chen 陈米娅"


class Rig:
    """PostgreSQL, the server, the people the tests sign in as, and one browser."""

    def __init__(self, binary, work):
        self.binary = binary
        self.postgres = processes.Postgres(work)
        self.postgres.init()
        self.postgres.start()
        self.server = processes.Server(binary, work, self.postgres.conninfo, os.path.join(ROOT, "workflows"), ADMIN)
        self.server.start()
        self.server.wait_ready()
        self.base = f"http://{self.server.url}"
        self.driver = None

    def api(self, method, path, line=None):
        body = wire.ndjson([line]) if line is not None else None
        answer = wire.request(self.server.url, method, path, body=body, headers=wire.authorized(ADMIN))
        if answer.status >= 300:
            raise AssertionError(f"{method} {path}: {answer.status} {answer.body[:300]!r}")
        return answer.lines

    def cli(self, arguments, stdin=""):
        """`opsline ARGUMENTS…` as the admin, with `stdin` on its standard input."""
        environment = dict(os.environ, OPSLINE_URL=self.base, OPSLINE_TOKEN=ADMIN)
        return subprocess.run([self.binary] + arguments, input=stdin, capture_output=True, text=True,
                              env=environment, timeout=60)

    def setup_people(self):
        self.api("POST", "/v1/teams", {"name": "browser-desk", "title": "浏览器 desk"})
        self.api("POST", "/v1/users", {"name": MANAGER, "display_name": DISPLAY_NAME,
                                       "teams": {"support": "manager", "browser-desk": "member"}})
        done = self.cli(["user", "passwd", MANAGER], stdin=PASSWORD + "\n")
        if done.returncode != 0:
            raise AssertionError(f"opsline user passwd: {done.returncode} {done.stderr}")

    def open_browser(self):
        self.driver = browser.start()

    def stop(self):
        if self.driver:
            self.driver.quit()
        self.server.stop()
        self.postgres.stop()


# MARK: - Tests


def test_a_wrong_password_shows_the_error(rig, shots):
    driver = rig.driver
    driver.delete_all_cookies()
    driver.get(rig.base + "/ui/")
    browser.wait(driver, lambda d: "/ui/login" in d.current_url)
    browser.element(driver, "#user").send_keys(MANAGER)
    browser.element(driver, "#password").send_keys("not the password")
    shots.take(driver, "signin")
    driver.find_element("css selector", "form button[type=submit]").click()
    error = browser.element(driver, "[data-testid=signin-error]")
    assert error.text == "⚠ Wrong user name or password." or error.text.endswith("Wrong user name or password."), error.text
    assert "/ui/login" in driver.current_url, driver.current_url
    assert not driver.get_cookie("opsline_session"), "no session after a wrong password"


def test_a_manager_signs_in_sees_the_shell_and_signs_out(rig, shots):
    driver = rig.driver
    driver.delete_all_cookies()
    driver.get(rig.base + "/ui/login")
    browser.element(driver, "#user").send_keys(MANAGER)
    browser.element(driver, "#password").send_keys(PASSWORD)
    driver.find_element("css selector", "form button[type=submit]").click()
    name = browser.element(driver, "[data-testid=signed-in-name]")
    assert name.text == MANAGER, name.text
    assert driver.current_url == rig.base + "/ui/", driver.current_url
    heading = browser.element(driver, "#identity-heading")
    assert heading.text == DISPLAY_NAME, heading.text
    teams = [cell.text for cell in driver.find_elements("css selector", "[data-testid=team]")]
    assert teams == ["browser-desk", "support"], teams
    # The script ran (the policy lets this server's own script run) and nothing was blocked.
    browser.wait(driver, lambda d: d.find_element("tag name", "html").get_attribute("data-js") == "ready")
    violations = browser.policy_violations(driver)
    assert not violations, violations
    cookie = driver.get_cookie("opsline_session")
    assert cookie and cookie["httpOnly"] and cookie.get("sameSite") == "Strict" and cookie["path"] == "/ui", cookie
    assert driver.execute_script("return document.cookie") == "", "no script can read the session cookie"
    shots.take(driver, "overview-shell")
    driver.find_element("css selector", "form.signout button").click()
    browser.wait(driver, lambda d: d.current_url.startswith(rig.base + "/ui/login"))
    driver.get(rig.base + "/ui/")
    browser.wait(driver, lambda d: "/ui/login" in d.current_url)


def test_a_page_asked_for_before_signing_in_opens_after(rig, shots):
    driver = rig.driver
    driver.delete_all_cookies()
    driver.get(rig.base + "/ui/?from=bookmark")
    browser.wait(driver, lambda d: "/ui/login?next=" in d.current_url)
    browser.element(driver, "#user").send_keys(MANAGER)
    browser.element(driver, "#password").send_keys(PASSWORD)
    driver.find_element("css selector", "form button[type=submit]").click()
    browser.element(driver, "[data-testid=signed-in-name]")
    assert driver.current_url == rig.base + "/ui/?from=bookmark", driver.current_url


TESTS = [
    test_a_wrong_password_shows_the_error,
    test_a_manager_signs_in_sees_the_shell_and_signs_out,
    test_a_page_asked_for_before_signing_in_opens_after,
]


class Screenshots:
    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)

    def take(self, driver, name):
        path = os.path.join(self.folder, name + ".png")
        driver.save_screenshot(path)
        print(f"browser:   screenshot {os.path.relpath(path, ROOT)}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the work folder (server and PostgreSQL logs)")
    parser.add_argument("--screenshots", default=os.path.join(ROOT, "docs", "screenshots"))
    arguments = parser.parse_args()

    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="opsline-browser-")
    os.chmod(work, 0o755)
    rig = None
    passed = failed = 0
    try:
        rig = Rig(os.path.abspath(arguments.binary), work)
        rig.setup_people()
        rig.open_browser()
        print(f"browser: ready after {time.monotonic() - started:.1f} s", file=sys.stderr)
        shots = Screenshots(arguments.screenshots)
        for test in TESTS:
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
