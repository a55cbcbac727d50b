"""Question text (the LaTeX a template writes) as safe HTML for the browser.

Math stays LaTeX between its delimiters, HTML-escaped, for KaTeX to typeset in the page; the text
around it is escaped and its few text-mode commands become HTML (paragraphs, line breaks, bold,
italics, monospace, centring, tables, lists). A TikZ picture becomes an inline SVG through
`figures.figure_svg`. Nothing of the input reaches the page unescaped except that SVG, which
comes from our own TeX run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

MATH = re.compile(r"\$\$.+?\$\$|\$(?:\\.|[^$\\])+\$|\\\[.+?\\\]|\\\(.+?\\\)", re.DOTALL)
TIKZ = re.compile(r"\\begin\{tikzpicture\}.*?\\end\{tikzpicture\}", re.DOTALL)
TABULAR = re.compile(r"\\begin\{tabular\}\{[^{}]*\}(.*?)\\end\{tabular\}", re.DOTALL)
LIST = re.compile(r"\\begin\{(itemize|enumerate)\}(.*?)\\end\{\1\}", re.DOTALL)
STYLES = {"textbf": "strong", "emph": "em", "textit": "em", "texttt": "code", "textrm": "span", "text": "span",
          "mbox": "span", "underline": "u"}
STYLE = re.compile(r"\\(" + "|".join(STYLES) + r")\{([^{}]*)\}")
SIMPLE = [("``", "\u201c"), ("''", "\u201d"), ("---", "\u2014"), ("--", "\u2013"), ("~", "\u00a0"),
          ("\\%", "%"), ("\\&", "&"), ("\\_", "_"), ("\\#", "#"), ("\\{", "{"), ("\\}", "}"),
          ("\\ldots", "\u2026"), ("\\dots", "\u2026"), ("\\quad", "\u2003"), ("\\qquad", "\u2003\u2003"),
          ("\\noindent", ""), ("\\par", "\n\n"), ("\\smallskip", ""), ("\\medskip", ""), ("\\bigskip", ""),
          ("\\centering", ""), ("\\hfill", " ")]
DROPPED = re.compile(r"\\(vspace|hspace)\*?\{[^{}]*\}")

DOLLAR, CENTER_OPEN, CENTER_CLOSE = "\x02", "\x03", "\x04"   # markers; escape() leaves them alone
BLOCK = re.compile("<table|<ul|<ol|<figure|" + CENTER_OPEN + "|" + CENTER_CLOSE)

Figure = Callable[[str], str]


def _no_figure(source: str) -> str:
    return '<p class="figure-missing">(figure)</p>'


def to_html(latex: str, figure: Figure = _no_figure) -> str:
    """HTML for a block of question text (paragraphs)."""
    html = _blocks(latex, figure)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", html) if p.strip()]
    html = "".join(p if BLOCK.search(p) else f"<p>{p}</p>" for p in paragraphs)
    return html.replace(CENTER_OPEN, '<div class="center">').replace(CENTER_CLOSE, "</div>")


def inline_html(latex: str) -> str:
    """HTML for a short piece of text (an option, a part's prompt): no paragraphs, no figures."""
    html = _blocks(latex, _no_figure).strip().replace("\n\n", "<br>")
    return html.replace(CENTER_OPEN, "").replace(CENTER_CLOSE, "")


def _blocks(latex: str, figure: Figure) -> str:
    out: list[str] = []
    position = 0
    for match in TIKZ.finditer(latex):
        out.append(_structures(latex[position:match.start()]))
        out.append(f"\n\n<figure>{figure(match.group(0))}</figure>\n\n")
        position = match.end()
    out.append(_structures(latex[position:]))
    return "".join(out)


def _structures(latex: str) -> str:
    latex = latex.replace("\\begin{center}", f"\n\n{CENTER_OPEN}").replace("\\end{center}", f"{CENTER_CLOSE}\n\n")
    pieces: list[str] = []
    position = 0
    for match in re.finditer(f"{TABULAR.pattern}|{LIST.pattern}", latex, re.DOTALL):
        pieces.append(_text_and_math(latex[position:match.start()]))
        if match.group(0).startswith("\\begin{tabular}"):
            pieces.append(_table(match.group(1)))
        else:
            tag = "ul" if match.group(2) == "itemize" else "ol"
            items = [i.strip() for i in re.split(r"\\item\b", match.group(3)) if i.strip()]
            pieces.append(f"\n\n<{tag}>" + "".join(f"<li>{_text_and_math(i)}</li>" for i in items) + f"</{tag}>\n\n")
        position = match.end()
    pieces.append(_text_and_math(latex[position:]))
    return "".join(pieces)


def _table(body: str) -> str:
    rows = [r for r in re.split(r"\\\\", body.replace("\\hline", "")) if r.strip()]
    cells = "".join("<tr>" + "".join(f"<td>{_text_and_math(c.strip())}</td>" for c in _cells(row)) + "</tr>"
                    for row in rows)
    return f"\n\n<table class=\"data\">{cells}</table>\n\n"


def _cells(row: str) -> list[str]:
    """A table row split at & outside math."""
    cells, current, in_math = [], [], False
    for ch in row:
        if ch == "$":
            in_math = not in_math
        if ch == "&" and not in_math and (not current or current[-1] != "\\"):
            cells.append("".join(current))
            current = []
            continue
        current.append(ch)
    cells.append("".join(current))
    return cells


def _text_and_math(latex: str) -> str:
    latex = latex.replace("\\$", DOLLAR)     # a literal dollar is never a math delimiter
    out: list[str] = []
    position = 0
    for match in MATH.finditer(latex):
        out.append(_text(latex[position:match.start()]))
        out.append(f'<span class="math">{escape(match.group(0).replace(DOLLAR, chr(92) + "$"))}</span>')
        position = match.end()
    out.append(_text(latex[position:]))
    return "".join(out)


def _text(latex: str) -> str:
    text = DROPPED.sub("", latex)
    for source, target in SIMPLE:
        text = text.replace(source, target)
    text = escape(text, quote=False)
    while True:
        styled = STYLE.sub(lambda m: f"<{STYLES[m.group(1)]}>{m.group(2)}</{STYLES[m.group(1)]}>", text)
        if styled == text:
            break
        text = styled
    text = re.sub(r"\\\\(\[[^\]]*\])?", "<br>", text)
    return text.replace(DOLLAR, '<span class="tex-literal">$</span>')
