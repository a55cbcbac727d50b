"""The matplotlib_calls macros: Matplotlib's PGF output rewritten into allow-listed commands (and nothing
else let through), and which-call items whose right program draws what the family promises."""

from __future__ import annotations

import pytest

from mathexams.latex_allowlist import latex_problem
from mathexams.macros import matplotlib_calls
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng
from mathexams.snippet_runner import run_program

PGF = r"""%% Creator: Matplotlib, PGF backend
\begingroup%
\makeatletter%
\begin{pgfpicture}%
\pgfpathrectangle{\pgfpointorigin}{\pgfqpoint{3.200000in}{2.400000in}}%
\pgfusepath{use as bounding box, clip}%
\begin{pgfscope}%
\definecolor{currentfill}{rgb}{0.400000,0.400000,0.400000}%
\pgfsetfillcolor{currentfill}%
\pgfsetdash{{3.700000pt}{1.600000pt}}{0.000000pt}%
\pgfsys@defobject{currentmarker}{\pgfqpoint{0.000000in}{-0.048611in}}{\pgfqpoint{0.000000in}{0.000000in}}{%
\pgfpathmoveto{\pgfqpoint{0.000000in}{0.000000in}}%
\pgfpathlineto{\pgfqpoint{0.000000in}{-0.048611in}}%
\pgfusepath{stroke,fill}%
}%
\begin{pgfscope}%
\pgfsys@transformshift{0.512727in}{0.264000in}%
\pgfsys@useobject{currentmarker}{}%
\end{pgfscope}%
\definecolor{textcolor}{rgb}{0.000000,0.000000,0.000000}%
\pgftext[x=0.512727in,y=0.166778in,,top]{\color{textcolor}{\fontsize{8}{9.6}\selectfont 1.0}}%
\end{pgfscope}%
\end{pgfpicture}%
\makeatother%
\endgroup%
"""


def test_pgf_output_is_rewritten_into_allowed_commands():
    out = matplotlib_calls.pgf_figure(PGF)
    assert out.startswith(r"\begin{pgfpicture}") and out.endswith(r"\end{pgfpicture}")
    assert r"\mxpgffill{0.4,0.4,0.4}" in out and r"\pgfsetdash{{3.7pt}{1.6pt}}{0pt}" in out
    # the marker object is drawn where it is used, after the shift
    assert r"\pgftransformshift{\pgfqpoint{0.5127in}{0.264in}}" + "\n" + r"\pgfpathmoveto" in out
    assert "pgfsys" not in out and "makeatletter" not in out and "definecolor" not in out
    assert r"\pgftext[x=0.5127in,y=0.1668in,top]{\mxpgftext{0,0,0}{\fontsize{8}{9.6}\selectfont 1.0}}" in out
    assert latex_problem(out) is None


@pytest.mark.parametrize("line", [
    r"\pgfimage{figure-img0.png}%", r"\includegraphics{x.png}%", r"\input{secret}%", r"\def\x{1}%",
    r"\pgftext[x=1in,y=1in]{\color{textcolor}{\fontsize{8}{9.6}\selectfont \input{x}}}%",
    r"\pgfsys@useobject{unknown}{}%", r"\catcode`\@=11%",
])
def test_anything_else_is_refused(line):
    with pytest.raises(SandboxError, match="PGF figure"):
        matplotlib_calls.pgf_figure(PGF.replace(r"\end{pgfpicture}%", line + "\n" + r"\end{pgfpicture}%"))


@pytest.mark.parametrize("family", sorted(matplotlib_calls.CALL_FAMILIES))
def test_call_items_draw_what_their_family_promises(family):
    for s in range(3):
        item = matplotlib_calls.matplotlib_call_item(Rng(s), family)
        assert item.names[0] == next(iter(matplotlib_calls.CALL_FAMILIES[family])) and len(set(item.names)) == 4
        right = run_program(matplotlib_calls.call_program(family, item.names[0], item.values), figure=True)
        axes = right.axes
        if family == "histogram":
            assert len(axes) == 1 and axes[0].patches == item.values["k"] and axes[0].lines == 0
        elif family == "log_scale":
            scales = {"x": axes[0].xscale, "y": axes[0].yscale}
            assert scales[item.values["a"]] == "log" and scales[item.values["b"]] == "linear"
        else:
            v = item.values
            assert (axes[0].rows, axes[0].cols) == (v["r"], v["c"])
            assert [a.lines for a in axes] == [int(a.position == v["i"] * v["c"] + v["j"]) for a in axes]
        assert latex_problem(item.figure) is None
        assert sum("raises" in o for o in item.outcomes[1:]) <= 1
    with pytest.raises(SandboxError, match="family must be one of"):
        matplotlib_calls.matplotlib_call_item(Rng(0), "pie")
