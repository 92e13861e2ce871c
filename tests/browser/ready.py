"""Whether the browser tests can run on this machine, and the one Chromium a test module shares.

`browser_missing()` is None when they can, or what is missing, for a test's skip reason
(Selenium not installed, or a tool `audit.missing_tools` names). The `browser` fixture itself
is in tests/conftest.py, so every browser test module gets the same one.
"""

from __future__ import annotations


def browser_missing() -> str | None:
    """None when Chromium, its driver, Selenium and axe-core are all here; else what is not."""
    try:
        from browser.audit import missing_tools
    except ImportError as exc:  # selenium not installed
        return str(exc)
    return missing_tools()
