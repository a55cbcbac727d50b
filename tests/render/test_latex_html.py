"""Bank LaTeX to HTML through the real pandoc, and TikZ to SVG through the real pdflatex and
pdftocairo (the module the web outputs and the practice app share)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from mathexams.render.latex_html import ConversionFailed, latex_to_html
from mathexams.render.tikz_svg import FigureFailed, figures_to_svg

TIKZ = r"\begin{tikzpicture}\draw (0,0) -- (1,1); \node at (0.5,0) {$x^2$};\end{tikzpicture}"


def test_math_stays_tex_for_mathjax_and_text_becomes_html():
    [out] = latex_to_html([r"Let $f(x) = \frac{1}{x}$, \textbf{not} \[ \int_0^1 x\,dx \] "
                           r"\begin{itemize}\item one\end{itemize}"])
    assert r'<span class="math inline">\(f(x) = \frac{1}{x}\)</span>' in out.html
    assert r"\[\int_0^1 x\,dx\]" in out.html
    assert "<strong>not</strong>" in out.html and "<li>" in out.html


def test_mathml_for_lms_without_mathjax():
    [out] = latex_to_html([r"$\frac{a}{b}$"], math="mathml")
    root = ET.fromstring(out.html.replace("<p>", "<p xmlns:m='x'>", 1))
    assert root.find(".//{http://www.w3.org/1998/Math/MathML}mfrac") is not None


def test_a_batch_keeps_texts_apart_and_in_order():
    texts = [f"text number {i} with $x_{i}$" for i in range(25)]
    out = latex_to_html(texts)
    assert [f"text number {i}" in o.html for i, o in enumerate(out)] == [True] * 25
    assert all(f"text number {i + 1} " not in o.html for i, o in enumerate(out[:-1]))


def test_html_special_characters_are_escaped():
    [out] = latex_to_html([r"if $a < b$ then a <script>alert(1)</script> \& more"])
    assert "<script>" not in out.html and "&lt;script&gt;" in out.html


def test_unknown_command_fails_naming_the_question():
    with pytest.raises(ConversionFailed, match=r"^calc\.t seed 4: pandoc cannot convert .*\\nosuchcommand"):
        latex_to_html(["fine", r"a \nosuchcommand{x} b"], where=["ok seed 1", "calc.t seed 4"])


def test_pandoc_reads_no_file():
    """\\input is refused earlier by the allow-list; were it to slip through, pandoc's sandbox reads nothing."""
    with pytest.raises(ConversionFailed, match="seed 9"):
        latex_to_html([r"\input{/etc/passwd}"], where=["x seed 9"])


@pytest.mark.latex
def test_figures_become_svg_inline_or_as_files():
    [inline] = latex_to_html([f"Look: {TIKZ} done"], where=["fig seed 1"])
    assert "<svg" in inline.html and "<?xml" not in inline.html and len(inline.figures) == 1
    figure = inline.figures[0]
    ET.fromstring(figure.svg)   # well-formed SVG
    [linked] = latex_to_html([TIKZ], figure_src=lambda f: f"@@PLUGINFILE@@/{f.name}")
    assert f'src="@@PLUGINFILE@@/{figure.name}"' in linked.html and "<svg" not in linked.html


@pytest.mark.latex
def test_figure_ids_do_not_collide_between_figures():
    other = TIKZ.replace("(1,1)", "(2,1)")
    svgs = figures_to_svg([TIKZ, other, TIKZ], ["a", "b", "a"])
    assert len(svgs) == 2
    ids = [set(ET.fromstring(f.svg).iter()) for f in svgs.values()]
    first, second = ({e.get("id") for e in tree if e.get("id")} for tree in ids)
    assert first and second and not first & second


@pytest.mark.latex
def test_broken_figure_names_its_question():
    broken = r"\begin{tikzpicture}\draw (0,0) -- (1,1)\end{tikzpicture}"   # missing ';'
    with pytest.raises(FigureFailed, match=r"^stats\.bad seed 3: its TikZ figure does not compile"):
        figures_to_svg([TIKZ.replace("(1,1)", "(3,3)"), broken], ["good seed 1", "stats.bad seed 3"])


def test_code_blocks_keep_their_lines_and_indentation():
    block = r"Run \mxcode{for k in range(2):\\\mbox{}\ \ \ \ print({}[k])\\{}[1, 2]} then {\ttfamily a\ \ b}."
    [out] = latex_to_html([block], where=["code seed 1"])
    lines = re.findall(r"<code>(.*?)</code>", out.html)
    assert lines == ["for\u00a0k\u00a0in\u00a0range(2):", "\u00a0\u00a0\u00a0\u00a0print([k])", "[1,\u00a02]",
                     "a\u00a0\u00a0b"]
    assert out.html.count("<br />") == 2
