"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# `make screenshots` (SCREENSHOTS=1) refreshes the committed ones; otherwise they are still
# taken, into a scratch folder, so that taking them is tested without dirtying the checkout.
SCREENSHOTS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("SCREENSHOTS")
    else Path(tempfile.gettempdir()) / "verbindt-screenshots"
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are
# ordinary blocking calls, which Django would otherwise refuse inside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (.ci/run does) to run the browser tests")
        pytest.skip("Debian's chromium is not installed: `sudo apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_settings(live_server, settings):
    # The live server speaks plain http, so cookies cannot be marked secure here; and it serves
    # /static/ from the app folders itself, so names are not hashed as in a collected build.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return settings


@pytest.fixture
def new_page(browser, live_settings):
    """``new_page(**context_options)``: a page that records CSP violations and failed requests."""
    contexts = []

    def make(**options):
        context = browser.new_context(locale="nl-NL", **options)
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text and page.problems.append(message.text)
            ),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400 and page.problems.append(f"{response.status} {response.url}")
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page(viewport={"width": 1280, "height": 860})


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        # caret="initial": hiding the caret injects a style, which our CSP rightly refuses.
        page.screenshot(path=str(path), full_page=True, caret="initial")
        return path

    return take
