"""axe-core (WCAG 2.1 A/AA rules) run inside the page by axe-playwright-python, offline."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def axe_violations(page):
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return {
        violation["id"]: [node["target"] for node in violation["nodes"]]
        for violation in results.response["violations"]
    }


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    assert violations == {}, f"axe found violations on {page.url}: {violations}"
