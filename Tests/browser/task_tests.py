"""The task page, /ui/tasks/{id} (docs/dashboard.md, "The task page"): a member moves their task
through a transition that needs a field, cannot open another team's task, and a title holding a
script shows as text."""

import os

from selenium.common.exceptions import NoAlertPresentException, NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import browser

MEMBER = "tao"
MEMBER_PASSWORD = "tao's dashboard password"
TEAM = "browser-ops"
SCRIPT_TITLE = '<script>alert(1)</script> "quoted"'

_tasks = {}


def _member(rig):
    """Member `tao` of team browser-ops (not one of the manager's teams), with a password, and
    tasks: one of browser-ops, one titled with a script, and one of support (the manager's)."""
    if _tasks:
        return _tasks
    rig.api("POST", "/v1/teams", {"name": TEAM, "title": "浏览器 ops"})
    rig.api("POST", "/v1/users", {"name": MEMBER, "display_name": "Tao 陶", "teams": {TEAM: "member"}})
    done = rig.cli(["user", "passwd", MEMBER], stdin=MEMBER_PASSWORD + "\n")
    if done.returncode != 0:
        raise AssertionError(f"opsline user passwd: {done.returncode} {done.stderr}")

    def create(title, team, customer):
        line = {"workflow": "complaint-escalation", "title": title, "team": team, "fields": {"customer": customer}}
        return rig.api("POST", "/v1/tasks", line)[0]["id"]

    _tasks["ours"] = create("快递丢失 parcel lost", TEAM, "陈先生")
    _tasks["script"] = create(SCRIPT_TITLE, TEAM, '"><script>alert(2)</script>')
    _tasks["theirs"] = create("Support only", "support", "ACME")
    return _tasks


def _open(rig, task):
    rig.driver.get(rig.base + "/ui/tasks/" + task)
    browser.element(rig.driver, "[data-testid=task-state]")


def _state(driver):
    """The task's state as the page shows it; None while a form's post is loading the next page
    (the old page's element goes stale under the wait)."""
    try:
        return driver.find_element(By.CSS_SELECTOR, "[data-testid=task-state]").text
    except (NoSuchElementException, StaleElementReferenceException):
        return None


def _history(driver):
    return [row.text for row in driver.find_elements(By.CSS_SELECTOR, "#task-history [data-testid=history-row]")]


def test_a_member_moves_their_task_through_a_transition_that_needs_a_field(rig, shots):
    tasks = _member(rig)
    driver = rig.driver
    rig.sign_in(MEMBER, MEMBER_PASSWORD)
    _open(rig, tasks["ours"])
    assert browser.element(driver, "[data-testid=task-title]").text == "快递丢失 parcel lost"
    assert browser.element(driver, "[data-testid=field-customer]").text == "陈先生"
    browser.element(driver, "[data-testid=fire-investigate]").click()
    browser.wait(driver, lambda d: _state(d) == "Investigating")
    assert driver.current_url == rig.base + "/ui/tasks/" + tasks["ours"], driver.current_url

    # Resolve without the resolution it requires: the guard's message, beside the field.
    browser.element(driver, "[data-testid=fire-resolve]").click()
    error = browser.element(driver, "[data-testid=field-error-resolution]", timeout=15)
    assert "needs field(s) resolution" in error.text, error.text
    field = driver.find_element(By.ID, "transition-resolve-resolution")
    assert field.get_attribute("aria-invalid") == "true"
    assert error.get_attribute("id") in (field.get_attribute("aria-describedby") or "")
    assert "resolve" in browser.element(driver, "[data-testid=failure-summary]").text
    assert driver.find_element(By.CSS_SELECTOR, "[data-testid=task-state]").text == "Investigating"

    field.send_keys("Parcel found at the depot; 已重新派送")
    driver.find_element(By.CSS_SELECTOR, "[data-testid=fire-resolve]").click()
    browser.wait(driver, lambda d: _state(d) == "Resolved")
    assert not driver.find_elements(By.CSS_SELECTOR, "[data-testid=failure-summary]")
    history = _history(driver)
    assert any("resolve: investigating → resolved" in row and MEMBER in row for row in history), history
    assert "Parcel found at the depot; 已重新派送" in browser.element(driver, "[data-testid=field-resolution]").text
    browser.wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-js") == "ready")
    violations = browser.policy_violations(driver)
    assert not violations, violations
    shots.take(driver, "task")


def test_a_member_cannot_open_another_teams_task(rig, shots):
    tasks = _member(rig)
    driver = rig.driver
    rig.sign_in(MEMBER, MEMBER_PASSWORD)
    driver.get(rig.base + "/ui/tasks/" + tasks["theirs"])
    heading = browser.element(driver, "[data-testid=error-heading]")
    assert heading.text == "You cannot open this task", heading.text
    assert "belongs to a team you are not in" in driver.page_source
    assert "Support only" not in driver.page_source


def test_a_title_holding_a_script_shows_as_text(rig, shots):
    tasks = _member(rig)
    driver = rig.driver
    rig.sign_in(MEMBER, MEMBER_PASSWORD)
    browser.policy_violations(driver)  # what earlier pages logged
    _open(rig, tasks["script"])
    browser.wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-js") == "ready")
    assert browser.element(driver, "[data-testid=task-title]").text == SCRIPT_TITLE
    assert browser.element(driver, "[data-testid=field-customer]").text == '"><script>alert(2)</script>'
    try:
        alert = driver.switch_to.alert
        raise AssertionError(f"an alert ran: {alert.text}")
    except NoAlertPresentException:
        pass
    scripts = [s.get_attribute("src") for s in driver.find_elements(By.TAG_NAME, "script")]
    assert len(scripts) == 1 and "/ui/assets/" in scripts[0], scripts
    violations = browser.policy_violations(driver)
    assert not violations, violations


def test_a_form_without_the_csrf_token_is_refused_and_changes_nothing(rig, shots):
    tasks = _member(rig)
    driver = rig.driver
    rig.sign_in(MEMBER, MEMBER_PASSWORD)
    _open(rig, tasks["script"])
    before = rig.api("GET", f"/v1/tasks/{tasks['script']}")[0]
    # What a page of another site would send: the form, without this session's token.
    button = browser.element(driver, "[data-testid=fire-acknowledge]")
    driver.execute_script("arguments[0].form.querySelector('input[name=csrf]').remove()", button)
    button.click()
    heading = browser.element(driver, "[data-testid=error-heading]")
    assert heading.text == "Refused", heading.text
    assert "not sent from a page of this session" in driver.page_source
    after = rig.api("GET", f"/v1/tasks/{tasks['script']}")[0]
    assert (after["state"], after["version"]) == (before["state"], before["version"]), (before, after)


def test_a_file_attached_from_the_page_is_the_evidence_the_item_needs(rig, shots):
    """The upload form sends the file itself (the page's script, with the CSRF header): the
    readiness item then lists it and completes, which it could not do without it."""
    driver = rig.driver
    line = {"workflow": "readiness-item", "title": "QA sign-off (browser)", "team": "support",
            "fields": {"area": "warm_up"}}
    item = rig.api("POST", "/v1/tasks", line)[0]["id"]
    rig.sign_in()
    _open(rig, item)
    browser.wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-js") == "ready")
    proof = os.path.join(rig.work, "warm-up-plan.txt")
    with open(proof, "w", encoding="utf-8") as file:
        file.write("预热计划: KOL ×12, teaser 12-01\n")
    driver.find_element(By.ID, "upload-file").send_keys(proof)
    Select(driver.find_element(By.ID, "upload-field")).select_by_value("evidence")
    driver.find_element(By.CSS_SELECTOR, "[data-testid=upload-form] button[type=submit]").click()
    link = browser.element(driver, "[data-testid=attachment-link]", timeout=15)
    assert link.text == "warm-up-plan.txt", link.text
    browser.element(driver, "[data-testid=fire-complete]").click()
    browser.wait(driver, lambda d: _state(d) == "Done")
    violations = browser.policy_violations(driver)
    assert not violations, violations
    shots.take(driver, "task-upload")


TESTS = [
    test_a_member_moves_their_task_through_a_transition_that_needs_a_field,
    test_a_file_attached_from_the_page_is_the_evidence_the_item_needs,
    test_a_member_cannot_open_another_teams_task,
    test_a_form_without_the_csrf_token_is_refused_and_changes_nothing,
    test_a_title_holding_a_script_shows_as_text,
]
