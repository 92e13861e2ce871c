"""Audit rendered HTML pages in headless Chromium: axe-core, contrast, reflow, SVG text.

The pages are the reports and the self-assessment form (`coprod form`); `download_to` and
`form_keys` are what the form's tests need beyond the audit.

Used by tests/test_browser.py, and runnable by hand on any report:

    .venv/bin/python tests/browser/audit.py coprod-demo/*.html coprod-portfolio/portfolio.html
    .venv/bin/python tests/browser/audit.py --screenshots /tmp/shots report.html

It needs Debian's `chromium` and `chromium-driver`, Selenium (the test extra) and axe-core
from npm in `.ci/node` (`npm install --prefix .ci/node axe-core@4.14.1`); `.ci/run` installs all
three. `missing_tools()` says what is absent, so the test can skip saying why. Nothing here
reaches the network: Chromium runs with a fresh profile and background networking off.
"""

from __future__ import annotations

import argparse
import base64
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
AXE = REPO / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
CHECKS = HERE / "page_checks.js"
BROWSERS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVERS = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
# WCAG 2.0, 2.1 and 2.2, levels A and AA: what the issue asks for.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NARROW = 320  # CSS px: WCAG 1.4.10 reflow width


def _first(paths: tuple[str, ...]) -> str | None:
    return next((p for p in paths if Path(p).exists()), None)


def missing_tools() -> str | None:
    """Say what is missing to run the audit, or None when everything is there."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if _first(BROWSERS) is None or _first(DRIVERS) is None:
        return ("Debian's chromium and chromium-driver are not installed "
                "(apt-get install -y chromium chromium-driver; .ci/run does it as root)")
    if not AXE.is_file():
        return "axe-core is not installed (npm install --prefix .ci/node axe-core@4.14.1)"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """Start headless Chromium under chromedriver with a fresh profile; quit it afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="coprod-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = _first(BROWSERS) or ""
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                 "--force-color-profile=srgb", f"--user-data-dir={profile}",
                 "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(_first(DRIVERS) or ""))
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver: Any, path: Path, width: int) -> None:
    """Load a local HTML file with the viewport set to `width` CSS px."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    driver.get(path.resolve().as_uri())


def _run_checks(driver: Any, call: str) -> list[str]:
    script = CHECKS.read_text(encoding="utf-8")
    result: list[str] = driver.execute_script(script + f"\nreturn {call};")
    return result


def axe_violations(driver: Any) -> list[str]:
    """Run axe-core on the loaded page; return one line per WCAG A/AA violation."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' ('"
        " + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ') + ')')))"
        ".catch(e => done(['axe failed: ' + e]));", AXE_TAGS)
    return list(result)


def audit(driver: Any, path: Path) -> dict[str, list[str]]:
    """Audit one report: every kind of problem found, by check name (empty lists = pass)."""
    open_page(driver, path, 1280)
    found = {"axe (WCAG 2.2 AA)": axe_violations(driver),
             "text contrast at 1280 px": _run_checks(driver, "textContrastProblems()"),
             "SVG text at 1280 px": _run_checks(driver, "svgTextProblems()"),
             "tables at 1280 px": _run_checks(driver, "tableFitProblems()"),
             "chart bar contrast (3:1)": _run_checks(driver, "graphicContrastProblems()")}
    open_page(driver, path, NARROW)
    found[f"horizontal scroll at {NARROW} px"] = _run_checks(driver, "horizontalScrollProblems()")
    found[f"text contrast at {NARROW} px"] = _run_checks(driver, "textContrastProblems()")
    found[f"SVG text at {NARROW} px"] = _run_checks(driver, "svgTextProblems()")
    return found


def download_to(driver: Any, folder: Path) -> None:
    """Save the page's downloads (the form's "Save answers file") in `folder`, without asking."""
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {
        "behavior": "allow", "downloadPath": str(folder)})


def form_keys(driver: Any) -> list[str]:
    """The keys of the form's questions in view under the answers given, in page order (every
    section, not only the one on screen)."""
    keys: list[str] = driver.execute_script(
        "return [...document.querySelectorAll('fieldset.question')]"
        ".filter(f => !f.hidden).map(f => f.dataset.key)")
    return keys


def page_width(driver: Any, path: Path, width: int) -> int:
    """Return how wide the page lays out in a viewport `width` CSS px wide."""
    open_page(driver, path, width)
    return int(driver.execute_script("return document.documentElement.scrollWidth"))


def screenshot(driver: Any, path: Path, width: int, target: Path) -> None:
    """Save a full-page PNG of a report laid out `width` CSS px wide."""
    open_page(driver, path, width)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True})
    target.write_bytes(base64.b64decode(shot["data"]))


def main(argv: list[str] | None = None) -> int:
    """Audit the HTML files given; print every problem; exit 1 if any was found."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--screenshots", type=Path, metavar="DIR",
                        help="also save PNGs at 320, 768 and 1280 px here")
    args = parser.parse_args(argv)
    why = missing_tools()
    if why:
        print(f"cannot audit: {why}", file=sys.stderr)
        return 2
    failed = False
    with chromium() as driver:
        for path in args.files:
            widths = {w: page_width(driver, path, w) for w in (320, 375, 640, 768, 1280)}
            print(f"{path}: page width in px at "
                  + ", ".join(f"{w}: {laid}" for w, laid in widths.items()))
            for check, problems in audit(driver, path).items():
                for problem in problems:
                    failed = True
                    print(f"  {check}: {problem}")
            if args.screenshots:
                args.screenshots.mkdir(parents=True, exist_ok=True)
                for width in (320, 768, 1280):
                    screenshot(driver, path, width,
                               args.screenshots / f"{path.stem}-{width}.png")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
