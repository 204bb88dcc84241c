"""Headless Chromium through chromedriver (Debian's chromium and chromium-driver), for the
browser suite."""

import os
import shutil

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


def find(program, *candidates):
    for candidate in (shutil.which(program),) + candidates:
        if candidate and os.path.exists(candidate):
            return candidate
    raise SystemExit(f"browser: {program} not found (apt-get install -y chromium chromium-driver)")


def start(width=1200, height=860):
    """A new headless Chromium; as root it needs --no-sandbox (its sandbox refuses root)."""
    options = webdriver.ChromeOptions()
    options.binary_location = find("chromium", "/usr/bin/chromium")
    for argument in ("--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-extensions", "--disable-background-networking", "--lang=en-US",
                     f"--window-size={width},{height}", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    if os.getuid() == 0:
        options.add_argument("--no-sandbox")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=find("chromedriver", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


def wait(driver, condition, timeout=10):
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(condition)


def element(driver, selector, timeout=10):
    """The visible element matching CSS `selector`, waiting for it."""
    return wait(driver, expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, selector)), timeout)


def texts(driver, selector):
    """The text of every element matching CSS `selector`, read in one step inside the page: a live
    update replacing the elements meanwhile cannot leave the test holding stale ones."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent.trim())", selector)


def policy_violations(driver):
    """Messages of the browser's console that tell of something the Content-Security-Policy
    blocked (an inline script or style, another origin)."""
    try:
        entries = driver.get_log("browser")
    except Exception:  # noqa: BLE001 - a driver without logs
        return []
    return [entry["message"] for entry in entries if "Content Security Policy" in entry.get("message", "")]
