"""Browser journeys: real headless Chromium (Debian's) driven by Playwright, against a live server.

Each journey also runs the axe-core accessibility check (the script from the npm registry, installed
by `npm ci` in `node_modules/`, injected from the local file) and fails on serious or critical issues.
Without Chromium or axe-core the journeys are skipped, except where REQUIRE_BROWSER=1 (CI), where a
missing tool is an error.
"""

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: What Chromium says when the document it evaluated in was replaced by a navigation.
NAVIGATED = re.compile(r"Execution context was destroyed|reading 'documentElement'|axe is not defined")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Playwright's sync API runs an event loop in the test thread; the ORM calls of the fixtures are
# still synchronous, which Django must be told is intended.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    missing = [
        name for name, path in (("Chromium", CHROMIUM), ("axe-core (npm ci)", str(AXE))) if not Path(path).exists()
    ]
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if missing:
                if os.environ.get("REQUIRE_BROWSER") == "1":
                    raise pytest.UsageError(f"Browser tests need: {', '.join(missing)}")
                item.add_marker(pytest.mark.skip(reason=f"missing: {', '.join(missing)}"))


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def axe_check():
    """Run axe-core on the page; fail on serious or critical violations (WCAG 2.1 A and AA rules)."""

    def run(page, context):
        # A click that navigates returns before the new document exists: axe is run on a loaded page,
        # and once more if a navigation still replaced the document under it.
        for _ in range(2):
            page.wait_for_load_state("load")
            try:
                return evaluate(page, context)
            except PlaywrightError as error:
                if not NAVIGATED.search(str(error)):
                    raise
        page.wait_for_load_state("load")
        return evaluate(page, context)

    def evaluate(page, context):
        # Evaluated through the DevTools protocol, not as a <script> tag, which the CSP would block.
        page.evaluate(AXE.read_text())
        return page.evaluate(
            # Colours are measured as they are once fade-ins (Wagtail's messages, dropdowns) end: half-way
            # through a transition a message is paler than it will be. Finite animations are finished.
            """async (context) => {
                for (const animation of document.getAnimations()) {
                    if (animation.effect && animation.effect.getComputedTiming().endTime !== Infinity) {
                        animation.finish();
                    }
                }
                return await axe.run(context || document, {
                    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                });
            }""",
            context,
        )

    def check(page, context=None):
        result = run(page, context)
        serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        summary = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [{"target": n["target"], "why": n["failureSummary"]} for n in v["nodes"][:5]],
            }
            for v in serious
        ]
        assert not serious, f"{page.url}: " + json.dumps(summary, ensure_ascii=False, indent=1)
        return result

    return check


#: Reports every Content Security Policy violation of the page and of its frames (live preview).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolation?.({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile ? `${event.sourceFile}:${event.lineNumber}` : "",
        sample: event.sample,
        page: document.location.href,
    });
});
"""


@pytest.fixture
def csp_violations(page):
    """The CSP violations the browser reports while the test drives ``page``; none may remain at the end.

    Listens to ``securitypolicyviolation`` events in every frame and to the console's CSP errors.
    A journey can assert on the list at any step (``assert not csp_violations``); whatever is in it
    at the end fails the test.
    """
    found = []
    context = page.context  # every page of the test: new tabs too
    context.expose_function("__cspViolation", lambda violation: found.append(violation))
    context.add_init_script(CSP_LISTENER)

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            found.append({"console": message.text, "page": message.page.url if message.page else ""})

    context.on("console", on_console)
    yield found
    assert not found, "CSP violations:\n" + json.dumps(found, ensure_ascii=False, indent=1)


@pytest.fixture(autouse=True)
def no_csp_violation(csp_violations):
    """Every journey runs under the site's Content Security Policy and fails on any violation."""
    return csp_violations


@pytest.fixture
def snap():
    """Save a full-page screenshot of a key step when JOURNEY_SCREENSHOTS names a folder (else nothing).

    ``JOURNEY_SCREENSHOTS=var/screenshots pytest tests/browser`` writes ``<folder>/<name>.png``.
    """
    folder = os.environ.get("JOURNEY_SCREENSHOTS")

    def shoot(page, name):
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return shoot


def fill_login_form(page, username, password="motdepasse"):
    """Fill and send the admin login form shown in ``page``, by its French labels."""
    page.get_by_role("textbox", name=re.compile(r"^Nom d.utilisateur")).fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name=re.compile(r"^S.identifier$")).click()


@pytest.fixture
def admin_login(live_server):
    """Log ``username`` into the Wagtail admin in ``page`` through the real login form."""

    def login(page, username, password="motdepasse"):
        page.goto(f"{live_server.url}/admin/login/")
        fill_login_form(page, username, password)
        page.wait_for_url(f"{live_server.url}/admin/")

    return login


@pytest.fixture
def demo(wagtail_base):
    """The demo built from the seeds, loaded as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
