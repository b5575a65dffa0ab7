"""Regenerate docs/report.png: the report for the shipped corpus, a disputed cell opened.

Needs Playwright for Python (the test extra) and Chromium (Debian: apt-get install chromium):
    .venv/bin/python docs/report_screenshot.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from scocheck.cli import main

REPO = Path(__file__).resolve().parent.parent
CLAIM, SOURCE = "sco.established", "liaqat2025"  # a disputed claim and the source that differs


def screenshot(out: Path) -> None:
    chromium = shutil.which("chromium") or sys.exit("chromium not installed: apt-get install chromium")
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "report.html"
        code = main(["report", "--html", str(page_file), "--claims", str(REPO / "claims"),
                     "--corpus", str(REPO / "corpus")])
        if code != 0:
            sys.exit(code)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium)
            page = browser.new_page(viewport={"width": 1440, "height": 1200}, device_scale_factor=1)
            page.goto(page_file.as_uri())
            page.check("#only-disputed")
            row = page.locator(f'tr.claim:has(.claim-id:text-is("{CLAIM}"))')
            column = page.locator("#grid thead th.source").all_inner_texts().index(SOURCE)
            row.locator(f'button[data-col="{column}"]').click()
            page.screenshot(path=str(out), full_page=False)
            browser.close()


if __name__ == "__main__":
    screenshot(REPO / "docs" / "report.png")
