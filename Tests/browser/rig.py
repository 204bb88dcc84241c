"""The rig of the browser suite: PostgreSQL, `opsline serve`, the people tests sign in as, one
browser, and helpers the page tests share."""

import os
import subprocess
import sys

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
        self.work = work
        self.workflows = os.path.join(ROOT, "workflows")
        self.postgres = processes.Postgres(work)
        self.postgres.init()
        self.postgres.start()
        self.server = processes.Server(binary, work, self.postgres.conninfo, self.workflows, ADMIN)
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

    def sign_in(self, user=MANAGER, password=PASSWORD):
        """A fresh session for `user` in the browser, on the overview."""
        driver = self.driver
        # Leave the page first: a live page left open would go on reading with the cookies gone.
        driver.get("about:blank")
        driver.get(self.base + "/ui/login")
        driver.delete_all_cookies()
        driver.get(self.base + "/ui/login")
        browser.element(driver, "#user").send_keys(user)
        browser.element(driver, "#password").send_keys(password)
        driver.find_element("css selector", "form button[type=submit]").click()
        try:
            browser.element(driver, "[data-testid=signed-in-name]")
        except Exception as error:  # noqa: BLE001 - said with what the browser shows instead
            body = driver.execute_script("return document.body ? document.body.innerText : ''")
            raise AssertionError(f"signing in as {user} did not work: at {driver.current_url}: {body[:500]!r}") from error

