"""Self-contained HTML pages (`html/`): one page per version (`paper-A.html`, no key, no seed) and
one with every version's keys and worked solutions (`keys.html`).

Each page carries everything it shows: KaTeX (vendored in `render/katex/` with its licence; its
fonts inlined as `data:` URLs) renders the `\\( \\)` / `\\[ \\]` math that pandoc leaves in the
text, figures are inline SVG, and the stylesheet prints one version per sheet run. A page makes
no network request: open it from disk, print it, or put it on any web server.
"""

from __future__ import annotations

import base64
import functools
import html
import re
from collections.abc import Sequence
from pathlib import Path

from ..kinds import kind_of
from ..model import OPTION_LETTERS, Answer, Exam
from . import RenderOptions, register
from .latex_html import HtmlText, latex_to_html
from .lms import html_texts, item_label

KATEX = Path(__file__).resolve().parent / "katex"
STYLE = """
body { font-family: "Latin Modern Roman", "Computer Modern", Georgia, serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.45; color: #111; }
header { border-bottom: 1px solid #888; margin-bottom: 1rem; }
.meta { color: #444; font-size: 0.95rem; }
.question { margin: 1.4rem 0; page-break-inside: avoid; }
.question h2 { font-size: 1.05rem; margin: 0 0 0.3rem; }
.points { font-weight: normal; font-style: italic; color: #444; }
ol.options { list-style: none; padding-left: 1rem; }
ol.options li { margin: 0.2rem 0; }
.part { margin: 0.6rem 0 0.6rem 1rem; }
.figure { text-align: center; margin: 0.6rem 0; }
.figure svg { max-width: 100%; height: auto; }
.key { background: #f3f6f3; border-left: 3px solid #5a5; padding: 0.4rem 0.8rem; margin: 0.4rem 0; }
.solution { border-left: 3px solid #99c; padding: 0.2rem 0.8rem; }
table { border-collapse: collapse; margin: 0.4rem auto; }
td, th { border: 1px solid #999; padding: 0.2rem 0.5rem; }
section.version { page-break-after: always; }
@media print { body { margin: 0; max-width: none; } .key, .solution { background: none; } }
"""
RENDER_MATH = """renderMathInElement(document.body, {delimiters: [
  {left: "\\\\[", right: "\\\\]", display: true}, {left: "\\\\(", right: "\\\\)", display: false}],
  throwOnError: false});"""


@functools.lru_cache(maxsize=1)
def _katex_head() -> str:
    """KaTeX's stylesheet (fonts as data: URLs, WOFF2 only) and scripts, inline."""
    css = (KATEX / "katex.min.css").read_text(encoding="utf-8")

    def woff2_only(match: re.Match) -> str:
        found = re.search(r"url\(fonts/([^)]+\.woff2)\)", match.group(0))
        if found is None:
            return match.group(0)
        name = found.group(1)
        data = base64.b64encode((KATEX / "fonts" / name).read_bytes()).decode("ascii")
        return f'src:url(data:font/woff2;base64,{data}) format("woff2")'

    css = re.sub(r"src:url\(fonts/[^;}]*", woff2_only, css)
    scripts = "".join((KATEX / name).read_text(encoding="utf-8") + "\n" for name in ("katex.min.js",
                                                                                     "auto-render.min.js"))
    return f"<style>{css}</style>\n<script>{scripts}</script>"


def _page(title: str, body: str) -> bytes:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n{_katex_head()}\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"{body}\n<script>{RENDER_MATH}</script>\n</body>\n</html>\n").encode()


def _points(value: float) -> str:
    return f"{value:g} point{'' if value == 1 else 's'}"


def _options(answer: Answer, texts: dict[str, HtmlText]) -> str:
    if not answer.options:
        return ""
    items = "".join(f"<li>({OPTION_LETTERS[i]}) {texts[o].inline}</li>" for i, o in enumerate(answer.options))
    return f"<ol class=\"options\">{items}</ol>"


def _part_html(part: Answer, texts: dict[str, HtmlText]) -> str:
    """A part's label, prompt and points on one line when its prompt is one paragraph."""
    label = f"<strong>({part.label})</strong>"
    points = f"<span class=\"points\">({_points(part.points)})</span>"
    prompt = texts[part.prompt_latex]
    inline = prompt.inline
    shown = (f"<p>{label} {inline} {points}</p>" if inline != prompt.html
             else f"<p>{label} {points}</p>{prompt.html}")
    return f"<div class=\"part\">{shown}{_options(part, texts)}</div>"


def _question_html(number: int, points: float, prompt: str, answer: Answer, texts: dict[str, HtmlText]) -> str:
    parts = "".join(_part_html(p, texts) for p in answer.parts)
    return (f"<div class=\"question\"><h2>Question {number} <span class=\"points\">({_points(points)})</span></h2>"
            f"{prompt}{_options(answer, texts)}{parts}</div>")


def _header(exam: Exam, what: str) -> str:
    return (f"<header><h1>{html.escape(exam.title)}</h1><p class=\"meta\">{html.escape(exam.course)} · "
            f"{what} · {html.escape(exam.code)} · {exam.minutes} minutes · {_points(exam.total_points)}</p></header>")


def paper_page(exam: Exam, texts: dict[str, HtmlText]) -> bytes:
    body = [_header(exam, f"Version {exam.version}")]
    if exam.instructions:
        body.append(f"<p>{html.escape(exam.instructions)}</p>")
    for section in exam.sections:
        body.append(f"<h2>{html.escape(section.title)}</h2>")
        if section.instructions:
            body.append(f"<p>{html.escape(section.instructions)}</p>")
        for item in section.items:
            q = item.question
            body.append(_question_html(item.number, item.points, texts[q.prompt_latex].html, q.answer, texts))
    return _page(f"{exam.title}, version {exam.version}", "\n".join(body))


def keys_page(exams: Sequence[Exam], texts: dict[str, HtmlText], keys: dict[str, HtmlText]) -> bytes:
    body = []
    for exam in exams:
        body.append(f"<section class=\"version\">{_header(exam, f'Key, version {exam.version}')}")
        for item in exam.items:
            q = item.question
            body.append(_question_html(item.number, item.points, texts[q.prompt_latex].html, q.answer, texts))
            body.append(f"<div class=\"key\"><strong>Answer:</strong> {keys[_key_latex(q.answer)].inline} "
                        f"<span class=\"meta\">[{html.escape(q.template_id)}, seed {q.seed}]</span></div>")
            body.append(f"<div class=\"solution\">{texts[q.solution_latex].html}</div>")
        body.append("</section>")
    return _page(f"{exams[0].title}: keys", "\n".join(body))


def _key_latex(answer: Answer) -> str:
    return kind_of(answer).key_latex(answer)


@register("html", summary="self-contained web pages: one per version and one with the keys (html/)")
def html_output(exams: Sequence[Exam], options: RenderOptions) -> dict[str, bytes]:
    texts = html_texts(exams, math="tex")
    labelled: dict[str, str] = {}
    for exam in exams:
        for item in exam.items:
            labelled.setdefault(_key_latex(item.question.answer), item_label(item))
    keys = dict(zip(labelled, latex_to_html(list(labelled), where=list(labelled.values()))))
    files = {f"html/paper-{exam.version}.html": paper_page(exam, texts) for exam in exams}
    files["html/keys.html"] = keys_page(exams, texts, keys)
    return files

