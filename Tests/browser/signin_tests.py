"""Signing in and out of the dashboard (docs/dashboard.md, "Signing in")."""

import browser

from rig import MANAGER, PASSWORD, DISPLAY_NAME

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
    rig.sign_in(MANAGER, PASSWORD)
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
