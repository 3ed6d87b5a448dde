"""The admin UI in a real browser: headless Chromium from Debian, driven by Selenium.

Run by Tests/ServerTests/AdminUI/AdminUIBrowserTests.swift against two real gateways:
  GATEWAY_URL, GATEWAY_KEY   the gateway (its master key), with a priced model MODEL in front of a loopback upstream
  SHORT_URL                  a second gateway whose UI sessions last SHORT_TTL seconds
  SCREENSHOT_DIR             where each page's screenshot goes (docs/ui)

It logs in with the master key, creates a team and a key in it, sees the key once, calls the chat API with the key
over HTTP as an app would, finds the request and its spend in Logs and Overview, blocks the key and sees the next call
refused, logs in as an internal_user who sees only their own keys, checks that a forged form without the CSRF token is
refused, and waits out a session.
"""

import json
import os
import re
import sys
import time
import urllib.error
import urllib.request

from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from headless import browser

URL = os.environ["GATEWAY_URL"]
MASTER = os.environ["GATEWAY_KEY"]
SHORT_URL = os.environ["SHORT_URL"]
SHORT_TTL = float(os.environ.get("SHORT_TTL", "3"))
MODEL = os.environ.get("MODEL", "ui-gpt")
SHOTS = os.environ.get("SCREENSHOT_DIR", "")


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def api(method, path, key, body=None):
    """A call to the gateway's HTTP API, as an app or a script would make it."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(URL + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + key)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def chat(key):
    return api("POST", "/v1/chat/completions", key, {"model": MODEL, "messages": [{"role": "user", "content": "hello from the browser test"}]})


def shot(driver, name):
    """A screenshot of the whole page (the window grows to the page's height) into SCREENSHOT_DIR."""
    if not SHOTS:
        return
    height = driver.execute_script("return Math.min(document.body.scrollHeight + 40, 3000)")
    driver.set_window_size(1280, max(700, height))
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))
    driver.set_window_size(1280, 1000)


def navigating(driver, action):
    """Runs an action that loads a new page (a click, a form post) and waits until the old page is gone."""
    old = driver.find_element(By.TAG_NAME, "html")
    action()

    def gone(_):
        # Chromium answers a node of a page being replaced with a generic error ("Node with given id does not belong
        # to the document") rather than a stale-element one: either means the old page is gone.
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            return True

    try:
        WebDriverWait(driver, 30).until(gone)
    except TimeoutException:
        raise AssertionError("no new page after the action; still at %s (%s)" % (driver.current_url, driver.title))


def submit(driver, form_id, fields):
    form = driver.find_element(By.ID, form_id)
    for name, value in fields.items():
        field = form.find_element(By.NAME, name)
        if field.tag_name == "select":
            Select(field).select_by_value(value)
        else:
            field.clear()
            field.send_keys(value)
    navigating(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]").click)


def login(driver, base, key):
    driver.get(base + "/ui")
    check(driver.current_url.startswith(base + "/ui/login"), "an anonymous visit goes to the login page: " + driver.current_url)
    driver.find_element(By.ID, "key").send_keys(key)
    navigating(driver, driver.find_element(By.ID, "login").click)
    heading = driver.find_element(By.TAG_NAME, "h1").text
    check(heading == "Overview", "logged in with %s..., the overview, not %r: %s" % (key[:6], heading, driver.find_element(By.TAG_NAME, "main").text[:300]))


def logout(driver):
    navigating(driver, driver.find_element(By.ID, "logout").click)
    check("/ui/login" in driver.current_url, "logged out to the login page")


def wait_for(driver, url, predicate, message, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        driver.get(url)
        if predicate(driver.page_source):
            return
        time.sleep(0.3)
    raise AssertionError(message)


def main():
    driver = browser()
    try:
        # Log in with the master key.
        driver.get(URL + "/ui/login")
        shot(driver, "login")
        login(driver, URL, MASTER)

        # A team, then a key in it, shown once.
        driver.get(URL + "/ui/teams")
        submit(driver, "create-team", {"team_alias": "Platform", "team_id": "platform", "max_budget": "50"})
        check("team_id=platform" in driver.current_url and "Team created" in driver.page_source, "the team page after creating it")
        driver.get(URL + "/ui/keys")
        submit(driver, "create-key", {"key_alias": "browser-key", "team_id": "platform", "max_budget": "10", "models": MODEL})
        secret = driver.find_element(By.ID, "new-key").text.strip()
        check(secret.startswith("sk-"), "the new key is shown: " + secret)
        token = driver.find_element(By.ID, "new-token").text.strip()
        check(driver.find_element(By.ID, "copy").text == "Copy", "a copy button beside it")
        driver.get(URL + "/ui/keys")
        check("browser-key" in driver.page_source and secret not in driver.page_source, "the key list never shows the key again")

        # A chat call with the key, over HTTP, as an app makes it.
        status, answer = chat(secret)
        check(status == 200, "the key calls the model: %s %s" % (status, answer))

        # The request and its spend in Logs, its detail with the decision trace, and in the overview.
        wait_for(driver, URL + "/ui/logs?api_key=" + token, lambda page: "browser-key" in page or MODEL in page, "the call shows in Logs")
        row = driver.find_element(By.CSS_SELECTOR, "#logs tr:nth-child(2)")
        check(MODEL in row.text and "success" in row.text, "the logged request: " + row.text)
        check(re.search(r"\$0\.0[0-9]*[1-9]", row.text) is not None, "its cost: " + row.text)
        shot(driver, "logs")
        navigating(driver, row.find_element(By.TAG_NAME, "a").click)
        check(driver.find_element(By.ID, "trace").text.count("virtual-keys") >= 1, "the request's decision trace names the plugins")
        shot(driver, "log-detail")
        driver.get(URL + "/ui")
        periods = driver.find_element(By.ID, "periods").text
        check(re.search(r"Today\s+\$0\.0[1-9][0-9]*\s+1 requests", periods) is not None, "today's request and spend: " + periods)
        shot(driver, "overview")

        # The other pages, as the admin sees them.
        driver.get(URL + "/ui/keys")
        shot(driver, "keys")
        driver.get(URL + "/ui/teams/view?team_id=platform")
        shot(driver, "team")
        driver.get(URL + "/ui/teams")
        shot(driver, "teams")
        for page in ["users", "organizations", "customers", "policies", "audit"]:
            driver.get(URL + "/ui/" + page)
            check(driver.find_element(By.TAG_NAME, "h1").text != "Not done", page + " renders")
            shot(driver, page)
        check("browser-key" in driver.page_source or "created" in driver.page_source, "the audit log shows the writes")
        driver.get(URL + "/ui/models")
        submit(driver, "playground", {"model": MODEL, "prompt": "hello from the playground"})
        check(driver.find_element(By.ID, "answer").text != "", "the playground shows the answer")
        check("routing" in driver.find_element(By.ID, "trace").text, "and the decision trace")
        shot(driver, "models")

        # Block the key: the next call is refused.
        driver.get(URL + "/ui/keys")
        navigating(driver, driver.find_element(By.CSS_SELECTOR, "tr[data-token='%s'] button[value=block]" % token).click)
        check("Key blocked" in driver.page_source, "the block is confirmed")
        status, answer = chat(secret)
        check(status in (401, 403), "a blocked key is refused: %s %s" % (status, answer))

        # A forged form (no CSRF token) posted from the signed-in browser is refused, and makes nothing.
        navigating(driver, lambda: driver.execute_script(
            "var f = document.createElement('form'); f.method = 'post'; f.action = '/ui/keys/new';"
            "var i = document.createElement('input'); i.name = 'key_alias'; i.value = 'forged'; f.appendChild(i);"
            "document.body.appendChild(f); f.submit();"))
        check("CSRF" in driver.page_source, "the forged form is refused: " + driver.page_source[:400])
        status, listed = api("GET", "/key/list?key_alias=forged", MASTER)
        check(listed["total_count"] == 0, "the forged form made no key")

        # An internal user sees only their own things.
        status, _ = api("POST", "/user/new", MASTER, {"user_id": "ivy", "user_role": "internal_user"})
        check(status == 200, "user created")
        status, created = api("POST", "/key/generate", MASTER, {"user_id": "ivy", "key_alias": "ivy-key"})
        check(status == 200, "ivy's key")
        driver.get(URL + "/ui")
        logout(driver)
        login(driver, URL, created["key"])
        navigation = driver.find_element(By.TAG_NAME, "nav").text
        check("Audit" not in navigation and "Models" not in navigation and "Users" not in navigation, "the user's navigation: " + navigation)
        driver.get(URL + "/ui/keys")
        check("ivy-key" in driver.page_source and "browser-key" not in driver.page_source, "only ivy's keys")
        shot(driver, "user-keys")
        driver.get(URL + "/ui/audit")
        check("Not done" in driver.page_source, "the audit log is refused to a user, as over the API")
        logout(driver)

        # A session expires on the server.
        login(driver, SHORT_URL, MASTER)
        time.sleep(SHORT_TTL + 1)
        driver.get(SHORT_URL + "/ui/keys")
        check("/ui/login" in driver.current_url and "session expired" in driver.page_source, "the expired session goes to the login page")
    finally:
        driver.quit()
    print("browser check passed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print("FAILED:", error, file=sys.stderr)
        sys.exit(1)
