"""The self-contained HTML pages in a real headless Chromium (Debian's chromium, driven by
Playwright's Python client; no browser is downloaded): they load from disk with no console error
and no request other than the file itself, every formula is rendered by the bundled KaTeX (no
raw TeX left in the text, no KaTeX error), figures are inline SVG; and a screenshot is kept."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from mathexams.assemble import build_versions
from mathexams.blueprint import load_blueprint
from mathexams.render import RenderOptions, render_outputs

pytestmark = pytest.mark.latex   # figures are typeset by pdflatex
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
RAW_TEX = re.compile(r"\\(frac|sqrt|int|sum|begin|left|right|mathbf|cdot|le|ge|pi|infty)\b|\\\(|\\\[")


@pytest.fixture(scope="module")
def pages(bank, tmp_path_factory):
    """Weeks 5-6 (figures, vectors, matrices, parts) in two versions, written to disk."""
    blueprint = load_blueprint(bank.curriculum.review_blueprint("5-6"), bank.curriculum)
    exams = build_versions(blueprint, bank, 7, 2, code_key=bytes(32))
    folder = tmp_path_factory.mktemp("html")
    for path, data in render_outputs(exams, ["html"], RenderOptions()).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    return exams, folder / "html"


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM) and os.environ.get("CI"):
        pytest.fail("chromium is not installed: `make web` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _load(browser, path: Path):
    page = browser.new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("document.querySelectorAll('.katex').length > 0")
    return page, errors, requests


def test_pages_per_version_and_keys(pages):
    exams, folder = pages
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"paper-{e.version}.html" for e in exams]
                                                               + ["keys.html"])
    for exam in exams:
        paper = (folder / f"paper-{exam.version}.html").read_text()
        body = paper.split("<body>", 1)[1]
        for item in exam.items:   # nothing a student holds names the seed or the template
            assert f"seed {item.question.seed}" not in body and item.question.template_id not in body
        assert "<script src" not in paper and "<link" not in paper and "http://" not in paper.replace(
            "http://www.w3.org/", "")


def test_a_page_renders_every_formula_offline(pages, browser):
    exams, folder = pages
    for name in ("paper-A.html", "keys.html"):
        page, errors, requests = _load(browser, folder / name)
        try:
            assert errors == [], f"{name}: console errors {errors[:3]}"
            assert all(u.startswith(("file://", "data:")) for u in requests), [u for u in requests
                                                                              if not u.startswith("file")][:3]
            text = page.inner_text("body")
            leftover = RAW_TEX.search(text)
            assert not leftover, f"{name}: raw TeX left: {text[max(0, leftover.start() - 40):leftover.end() + 40]!r}"
            assert page.locator(".katex-error").count() == 0, page.locator(".katex-error").first.get_attribute("title")
            assert page.locator(".katex").count() > 20
            if name == "paper-A.html":
                drawn = sum(i.question.prompt_latex.count("\\begin{tikzpicture}") for i in exams[0].items)
                assert page.locator(".figure svg").count() == drawn   # (figures themselves: test_latex_html)
                page.set_viewport_size({"width": 1000, "height": 1400})
                shots = Path(os.environ.get("MATHEXAMS_SCREENSHOTS", folder))
                shots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shots / "html-paper-A.png"), full_page=True)
        finally:
            page.close()
