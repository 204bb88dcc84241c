"""The workflows index, a workflow's queue and its page (docs/dashboard.md, "Workflows",
"Queues", "Workflow pages")."""

import urllib.parse

import browser
from selenium.webdriver.support.ui import Select

WORKFLOW = "complaint-escalation"


def _rows(driver):
    return [row.get_attribute("data-task") for row in driver.find_elements("css selector", "tr[data-task]")]


def _api_ids(rig, query):
    return [line["id"] for line in rig.api("GET", f"/v1/tasks?workflow={WORKFLOW}&{query}")]


def test_the_queue_sorts_by_a_header_filters_by_the_form_and_links_each_task(rig, shots):
    driver = rig.driver
    created = {}
    for severity, title in (("p3", "Queue drill: slow reply 慢"), ("p1", "Queue drill: <script>alert(1)</script>"),
                            ("p2", 'Queue drill: "quoted" refund')):
        line = rig.api("POST", "/v1/tasks", {"workflow": WORKFLOW, "title": title,
                                             "fields": {"customer": "Queue drill", "severity": severity}})[0]
        created[severity] = line["id"]
    rig.sign_in()
    driver.get(rig.base + "/ui/workflows")
    link = browser.element(driver, f"tr[data-workflow={WORKFLOW}] [data-testid=queue-link]")
    link.click()
    browser.wait(driver, lambda d: f"/ui/queues/{WORKFLOW}" in d.current_url)
    assert _rows(driver) == _api_ids(rig, "open=true"), (_rows(driver), _api_ids(rig, "open=true"))
    # A title holding a script shows as text.
    titles = [cell.text for cell in driver.find_elements("css selector", "[data-testid=task-title]")]
    assert "Queue drill: <script>alert(1)</script>" in titles, titles
    # Sorting: the column header is a link.
    driver.find_element("css selector", "a[data-sort=priority]").click()
    browser.wait(driver, lambda d: "sort=priority" in d.current_url)
    assert _rows(driver) == _api_ids(rig, "open=true&sort=priority"), _rows(driver)
    header = driver.find_element("css selector", "a[data-sort=priority]").find_element("xpath", "..")
    assert header.get_attribute("aria-sort") == "ascending"
    # Filtering: the GET form puts the filters in the address.
    search = browser.element(driver, "#f-q")
    search.clear()
    search.send_keys("refund")
    driver.find_element("css selector", "[data-testid=queue-filters] button[type=submit]").click()
    browser.wait(driver, lambda d: "q=refund" in d.current_url)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)
    assert query.get("sort") == ["priority"] and query.get("open") == ["true"], query
    assert _rows(driver) == [created["p2"]], _rows(driver)
    assert "breached" not in driver.find_element("css selector", "[data-testid=sla]").text
    assert not browser.policy_violations(driver)
    driver.get(rig.base + f"/ui/queues/{WORKFLOW}?open=true&q=Queue+drill&sort=priority")
    browser.element(driver, "[data-testid=queue-table]")
    shots.take(driver, "queue")
    # Sort by a field's value, highest severity (p3, declared last) first: the select puts it in
    # the address with the other filters.
    Select(browser.element(driver, "#f-sort")).select_by_value("-field.severity")
    driver.find_element("css selector", "[data-testid=queue-filters] button[type=submit]").click()
    browser.wait(driver, lambda d: "sort=-field.severity" in urllib.parse.unquote(d.current_url))
    assert _rows(driver) == [created["p3"], created["p2"], created["p1"]], _rows(driver)
    assert _rows(driver) == _api_ids(rig, "open=true&q=Queue+drill&sort=-field.severity")
    # Each row links to its task's page.
    driver.find_element("css selector", f"tr[data-task='{created['p1']}'] a[data-testid=task-link]").click()
    browser.wait(driver, lambda d: d.current_url == rig.base + f"/ui/tasks/{created['p1']}")


def test_the_workflow_page_draws_the_diagram_inline_within_its_box(rig, shots):
    driver = rig.driver
    rig.sign_in()
    driver.get_log("browser")  # start with an empty console
    driver.get(rig.base + "/ui/workflows")
    browser.element(driver, "[data-testid=workflow-index]")
    assert "营销活动策划 Campaign planning" in driver.find_element("css selector", "[data-testid=workflow-index]").text
    driver.find_element("css selector", f"tr[data-workflow={WORKFLOW}] [data-testid=workflow-link]").click()
    browser.wait(driver, lambda d: d.current_url == rig.base + f"/ui/workflows/{WORKFLOW}")
    svg = browser.element(driver, "[data-testid=diagram] svg")
    assert svg.size["width"] > 200 and svg.size["height"] > 50, svg.size
    # Drawn, not blank: its states are there as text.
    labels = driver.execute_script(
        "return Array.from(arguments[0].querySelectorAll('text')).map(t => t.textContent)", svg)
    assert "received" in labels and "closed" in labels, labels[:20]
    # A wide diagram scrolls inside its box; the page itself does not overflow.
    box = driver.find_element("css selector", "[data-testid=diagram]")
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert box.size["width"] <= driver.execute_script("return window.innerWidth")
    if svg.size["width"] > box.size["width"]:
        assert driver.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", box)
    fields = driver.find_element("css selector", "[data-testid=fields]").text
    assert "customer" in fields and "required" in fields, fields
    violations = browser.policy_violations(driver)
    assert not violations, violations
    shots.take(driver, "workflow")


def test_the_risk_register_heat_map_opens_a_cells_tasks(rig, shots):
    driver = rig.driver
    for likelihood, impact in ((4, 5), (4, 5), (2, 3)):
        # Held by support, the signed-in manager's team: the report counts the tasks one sees.
        rig.api("POST", "/v1/tasks", {"workflow": "risk-review", "title": "Heat map drill 热力图", "team": "support",
                                      "fields": {"risk": "r", "category": "supply",
                                                 "likelihood": likelihood, "impact": impact}})
    rig.sign_in()
    driver.get(rig.base + "/ui/reports/breakdown")
    Select(browser.element(driver, "#b-workflow")).select_by_value("risk-review")
    browser.element(driver, "#b-by").send_keys("likelihood, impact")
    browser.element(driver, "#b-measure").send_keys("score")
    driver.find_element("css selector", "[data-testid=breakdown-form] button[type=submit]").click()
    heatmap = browser.element(driver, "[data-testid=heatmap]")
    cell = heatmap.find_element("css selector", "td.heat-5 a")
    assert cell.text == "2", cell.text
    colour = driver.execute_script("return getComputedStyle(arguments[0].parentElement).backgroundColor", cell)
    assert colour not in ("", "rgba(0, 0, 0, 0)"), colour
    assert not browser.policy_violations(driver)
    shots.take(driver, "breakdown")
    cell.click()
    browser.wait(driver, lambda d: "/ui/queues/risk-review" in d.current_url)
    assert len(_rows(driver)) == 2, _rows(driver)


TESTS = [
    test_the_queue_sorts_by_a_header_filters_by_the_form_and_links_each_task,
    test_the_workflow_page_draws_the_diagram_inline_within_its_box,
    test_the_risk_register_heat_map_opens_a_cells_tasks,
]
