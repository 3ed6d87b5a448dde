"""Single sign-on to the admin UI in a real browser: headless Chromium, driven by Selenium, against the gateway and
the loopback OpenID Connect provider of Tests/oidc/oidc_provider.py.

Run by Tests/ServerTests/JWT/AdminUISSOTests.swift:
  GATEWAY_URL   the gateway (admin-ui with GENERIC_CLIENT_ID set, jwt-auth trusting the provider)
  IDP_URL       the provider

An admin (a role the provider's token carries, mapped to proxy_admin) and an internal user (created on first login)
each sign in through the provider's own login page (authorization code + PKCE, state and nonce) and land in the UI
with their role; a callback whose state this browser did not start is refused.
"""

import json
import os
import urllib.request

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from headless import browser

URL = os.environ["GATEWAY_URL"]
IDP = os.environ["IDP_URL"]


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def add_user(username, claims):
    request = urllib.request.Request(IDP + "/admin/users", data=json.dumps({"username": username, "claims": claims}).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        check(response.status == 200, "user registered at the IdP")


def wait(driver, condition, what):
    try:
        WebDriverWait(driver, 15).until(condition)
    except TimeoutException:
        raise AssertionError("no %s; at %s: %s" % (what, driver.current_url, driver.find_element(By.TAG_NAME, "body").text[:500]))


def sign_in(driver, username):
    """From the login page's SSO link through the IdP's login page back into the UI; returns (who, role)."""
    driver.get(URL + "/ui/login")
    wait(driver, lambda d: d.find_elements(By.ID, "sso-login"), "the single sign-on link on the login page")
    driver.find_element(By.ID, "sso-login").click()
    wait(driver, lambda d: d.current_url.startswith(IDP + "/authorize"), "the IdP's login page")
    check("code_challenge_method=S256" in driver.current_url, "PKCE S256 asked for: " + driver.current_url)
    check("nonce=" in driver.current_url and "state=" in driver.current_url, "state and nonce sent")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "sign-in").click()
    wait(driver, lambda d: d.current_url.rstrip("/").endswith("/ui") and d.find_elements(By.ID, "who"), "the UI after sign-in")
    heading = driver.find_element(By.TAG_NAME, "h1").text
    check(heading == "Overview", "landed on the overview, not %r: %s" % (heading, driver.find_element(By.TAG_NAME, "main").text[:300]))
    return driver.find_element(By.ID, "who").text, driver.find_element(By.CSS_SELECTOR, ".who .role").text


def main():
    add_user("sso-admin", {"sub": "sso-admin", "email": "admin@example.com", "roles": ["llm-admin"]})
    add_user("sso-user", {"sub": "sso-user", "email": "user@example.com", "roles": ["llm-user"]})
    driver = browser()
    try:
        who, role = sign_in(driver, "sso-admin")
        check(who == "sso-admin", "the admin's name: %r" % who)
        check(role == "proxy_admin", "the token's llm-admin role maps to proxy_admin: %r" % role)
        admin_role = role
        # The admin sees the admin-only pages in the navigation.
        nav = driver.find_element(By.TAG_NAME, "nav").text
        check("Users" in nav or "Audit" in nav, "admin navigation: %r" % nav)
        driver.find_element(By.ID, "logout").click()
        WebDriverWait(driver, 15).until(lambda d: "/ui/login" in d.current_url)

        who, role = sign_in(driver, "sso-user")
        check(who == "sso-user", "the user's name: %r" % who)
        check(role == "internal_user", "a user the token maps to no role is the users table's internal_user: %r" % role)

        # A callback for a login this browser did not start: refused, no session.
        driver.delete_all_cookies()
        driver.get(URL + "/ui/sso/callback?code=forged&state=forged")
        check("not started from this browser" in driver.page_source, "a forged callback is refused: " + driver.page_source[:300])
        driver.get(URL + "/ui")
        WebDriverWait(driver, 15).until(lambda d: "/ui/login" in d.current_url)
        print("sso ok: admin role %r, user role %r" % (admin_role, role))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
