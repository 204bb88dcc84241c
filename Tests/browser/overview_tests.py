"""The overview (docs/dashboard.md, "Overview"): the signed-in manager sees exactly the open
breaches `GET /v1/sla/breaches` gives them, in its order, and the compliance chart."""

import browser
import wire

from rig import ADMIN, MANAGER

DRILL = "browser-breach-drill"
# A workflow whose response clock breaches a second after a task is created (24x7: every second
# counts) and whose resolution clock is then at risk (due within a day), in the manager's team.
DRILL_SOURCE = f"""workflow: {DRILL}
title: Breach drill 演练
key: BBD
team: support
calendar: 24x7
states:
  open: {{initial: true}}
  done: {{final: true}}
transitions:
  finish: {{from: open, to: done}}
slas:
  response:
    start: created
    stop: {{enter: [done]}}
    target: 1s
  resolution:
    start: created
    stop: {{enter: [done]}}
    target: 4h
"""
# A working day of each shipped calendar (workflows/calendars.yaml): its longest day's hours.
WORKING_DAY = {"24x7": 24 * 3600, "support-hours": 9 * 3600, "business-hours": 8 * 3600}
HOSTILE = "<script>alert(\"overview\")</script> & 'quoted' 标题"


def publish_drill(rig):
    answer = wire.request(rig.server.url, "PUT", f"/v1/workflows/{DRILL}", body=DRILL_SOURCE.encode(),
                          headers=wire.authorized(ADMIN, content_type="application/yaml"))
    if answer.status >= 300:
        raise AssertionError(f"publishing {DRILL}: {answer.status} {answer.body[:300]!r}")


def manager_token(rig):
    return rig.api("POST", "/v1/tokens", {"name": "overview-tests", "user": MANAGER})[0]["secret"]


def breaches_for(rig, token, query="", view="breaches"):
    answer = wire.request(rig.server.url, "GET", f"/v1/sla/{view}{query}", headers=wire.authorized(token, None))
    assert answer.status == 200, answer.body[:300]
    return answer.lines


def shown_breaches(driver):
    rows = driver.find_elements("css selector", "[data-testid=breach]")
    return [(row.get_attribute("data-task"), row.get_attribute("data-policy"), row.get_attribute("data-cycle"))
            for row in rows]


def keys(lines):
    return [(line["task"], line["policy"], str(line["cycle"])) for line in lines]


def test_the_overview_lists_exactly_the_breaches_of_the_api(rig, shots):
    driver = rig.driver
    publish_drill(rig)
    token = manager_token(rig)
    created = [rig.api("POST", "/v1/tasks", {"workflow": DRILL, "title": title})[0]["id"]
               for title in (HOSTILE, "Parcel lost 包裹丢失")]
    # The scheduler records each breach a second after its task was created: poll the API.
    browser.wait(driver, lambda _: set(created) <= {line["task"] for line in breaches_for(rig, token)}, timeout=20)

    rig.sign_in()
    driver.get(rig.base + "/ui/")
    browser.element(driver, "#overview-breaches")

    # The page and the API at the same moment: a breach falling due in between (another test's,
    # or a live update) makes them differ for an instant, so compare until they agree.
    def agree(_):
        expected = keys(breaches_for(rig, token, "?open=true"))
        return expected if shown_breaches(driver) == expected else False

    expected = browser.wait(driver, agree, timeout=10)
    everything = breaches_for(rig, token)
    assert expected == keys([line for line in everything if line["state"] != "stopped"]), everything
    assert all(task in [key[0] for key in expected] for task in created), (created, expected)
    times = [line["breached_at"] for line in breaches_for(rig, token, "?open=true")]
    assert times == sorted(times, reverse=True), "newest breach first"

    # Work at risk within the next working day: the clocks of `GET /v1/sla/at-risk` with at most a
    # working day of their calendar left, soonest first.
    def at_risk_agrees(_):
        expected = [(line["task"], line["policy"]) for line in breaches_for(rig, token, "?within=16d", "at-risk")
                    if line["remaining_s"] is not None and line["remaining_s"] <= WORKING_DAY[line["calendar"]]]
        rows = driver.find_elements("css selector", "[data-testid=at-risk-clock]")
        return [(row.get_attribute("data-task"), row.get_attribute("data-policy")) for row in rows] == expected

    browser.wait(driver, at_risk_agrees, timeout=10)
    assert created[0] in [row.get_attribute("data-task")
                          for row in driver.find_elements("css selector", "[data-testid=at-risk-clock]")]

    # The hostile title is text, and its row links to the task page.
    row = driver.find_element("css selector", f"[data-testid=breach][data-task='{created[0]}']")
    assert row.find_element("css selector", ".title").text == HOSTILE.strip(), row.text
    link = row.find_element("css selector", "a")
    assert link.get_attribute("href") == f"{rig.base}/ui/tasks/{created[0]}", link.get_attribute("href")
    assert "breached" in row.text

    # The compliance chart: an image with a title and figures in words.
    chart = browser.element(driver, "svg[data-testid=compliance-chart]")
    assert chart.get_attribute("role") == "img"
    title = chart.find_element("css selector", "title").get_attribute("textContent")
    assert title.startswith("SLA compliance per team and policy"), title
    description = chart.find_element("css selector", "desc").get_attribute("textContent")
    assert "support · response" in description, description
    labels = [text.get_attribute("textContent") for text in chart.find_elements("css selector", "text")]
    assert any(label.startswith("7 d ") for label in labels), labels
    violations = browser.policy_violations(driver)
    assert not violations, violations
    shots.take(driver, "overview")
    driver.execute_script("arguments[0].scrollIntoView()", driver.find_element("css selector", "#overview-compliance"))
    shots.take(driver, "overview-compliance")


def test_the_workload_page_filters_by_team(rig, shots):
    driver = rig.driver
    rig.sign_in()
    driver.get(rig.base + "/ui/workload")
    teams = [table.get_attribute("data-team") for table in driver.find_elements("css selector", "[data-testid=workload]")]
    assert teams == ["browser-desk", "support"], teams
    people = [row.get_attribute("data-user") for row in driver.find_elements("css selector", "[data-testid=person]")]
    assert MANAGER in people, people
    browser.element(driver, "#team")
    driver.find_element("css selector", "#team option[value='support']").click()
    driver.find_element("css selector", "form.filter button[type=submit]").click()
    browser.wait(driver, lambda d: d.current_url.endswith("/ui/workload?team=support"))
    teams = [table.get_attribute("data-team") for table in driver.find_elements("css selector", "[data-testid=workload]")]
    assert teams == ["support"], teams
    shots.take(driver, "workload")


TESTS = [
    test_the_overview_lists_exactly_the_breaches_of_the_api,
    test_the_workload_page_filters_by_team,
]
