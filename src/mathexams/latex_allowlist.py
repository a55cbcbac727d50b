"""The LaTeX a bank file may produce: an allow-list of control sequences and environments.

TeX is a programming language with file access (`\\input`, `\\openin`, `\\write`, `\\pdfobj file`,
`\\pdfximage`), so text from bank files (prompts, solutions, options, and whatever placeholders
and macros turn them into) may use only the control sequences listed here: mathematics,
formatting, tables, TikZ drawing and the project's own `\\mx...` commands. Everything else is
refused, in particular `^^` escapes, catcode changes, definitions (`\\def`, `\\let`,
`\\csname`, `\\newcommand`), loops, and every file and PDF primitive. `latex_problem` runs on a
template's raw text when the template is loaded (the error names file and field) and again on
the rendered text of every sampled question (the error adds template id and seed), because
placeholders and macros produce text only at sample time. The preamble's `\\mxlockdown`
(templates/preamble.tex) disables the file primitives as a second line of defence.

How to extend the list: add the command's name (without backslash) to the group it belongs to
below, or an environment to ENVIRONMENTS, after checking that it cannot read or write files,
define or redefine commands, change category codes, loop, or pass raw PDF; then add the use to
a template and run the suite (`tests/test_latex_allowlist.py` checks that every shipped
template's output passes). Never add anything from FORBIDDEN.
"""

from __future__ import annotations

import re

GREEK = """alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi
    varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi
    Sigma Upsilon Phi Psi Omega"""
MATH_SYMBOLS = """cdot cdots ldots dots vdots ddots times div pm mp ast star circ bullet oplus otimes
    le leq ge geq ne neq approx sim simeq cong equiv propto ll gg subset subseteq supset supseteq in
    notin ni cap cup bigcap bigcup setminus emptyset varnothing forall exists nexists neg land lor
    to gets mapsto rightarrow leftarrow leftrightarrow Rightarrow Leftarrow Leftrightarrow
    longrightarrow longleftarrow Longrightarrow Longleftarrow iff implies uparrow downarrow
    infty partial nabla prime ell hbar Re Im angle perp parallel mid nmid top bot wedge vee
    sum prod int iint iiint oint lim limsup liminf sup inf max min arg det dim ker deg gcd Pr exp log ln
    lg sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh coth bigcirc square Box triangle
    lfloor rfloor lceil rceil langle rangle vert Vert lvert rvert lVert rVert backslash colon"""
MATH_STRUCTURE = """frac dfrac tfrac cfrac sqrt binom dbinom tbinom left right middle big Big bigg Bigg
    bigl bigr Bigl Bigr biggl biggr overline underline hat widehat bar vec tilde widetilde dot ddot
    check breve acute grave overbrace underbrace overset underset stackrel substack mathbf mathrm
    mathbb mathcal mathit mathsf mathtt mathfrak boldsymbol operatorname text mbox displaystyle
    textstyle scriptstyle limits nolimits quad qquad mathbin mathrel mathop phantom hphantom
    vphantom not"""
TEXT_FORMATTING = """textbf textit textrm textsf texttt textsc emph underline textup textnormal
    bfseries itshape ttfamily rmfamily sffamily upshape normalfont
    tiny scriptsize footnotesize small normalsize large Large
    par noindent indent smallskip medskip bigskip newline linebreak nolinebreak pagebreak nopagebreak
    hfill hspace vspace enspace centering raggedright raggedleft item
    hline cline multicolumn tabularnewline
    textbackslash textasciicircum textasciitilde textless textgreater textbar textperiodcentered
    textendash textemdash textquoteleft textquoteright textquotedblleft textquotedblright
    textdegree S P dag ddag copyright"""
TIKZ = """draw fill filldraw shade shadedraw node path coordinate clip"""
# What Matplotlib's PGF backend draws with, once macros/matplotlib_calls.py has rewritten its output:
# paths, their caps, joins, widths, dashes and opacity, scopes, shifts, scaling and text at a point.
# None reads a file, defines a macro or loops.
PGF = """pgfpathmoveto pgfpathlineto pgfpathcurveto pgfpathquadraticcurveto pgfpathclose pgfpathrectangle
    pgfqpoint pgfpointorigin pgfusepath pgfsetbuttcap pgfsetrectcap pgfsetroundcap pgfsetmiterjoin
    pgfsetroundjoin pgfsetbeveljoin pgfsetlinewidth pgfsetdash pgfsetstrokeopacity pgfsetfillopacity
    pgftransformshift pgftransformscale pgftext fontsize selectfont"""
# \mxcode{...}: program text and printed output, escaped by the macros; \mxpgffill, \mxpgfstroke,
# \mxpgftext{r,g,b}: the colour of the next PGF fills, strokes or text (templates/preamble.tex)
PROJECT = """mxbox mxcircle mxsquare mxcode mxpgffill mxpgfstroke mxpgftext"""
PLACEHOLDERS = """VAR BLOCK"""   # Jinja delimiters, present in raw templates only

COMMANDS = frozenset(" ".join((GREEK, MATH_SYMBOLS, MATH_STRUCTURE, TEXT_FORMATTING, TIKZ, PGF, PROJECT, "begin end"))
                     .split())
# control symbols: a backslash and one non-letter
SYMBOLS = frozenset(["\\", "{", "}", "$", "&", "#", "%", "_", "|", ",", ";", ":", "!", ">", "<", "-", "/", "'", '"', "`", "^", "~", "=", ".", "(", ")", "[", "]"]) | {" ", "\n"}
ENVIRONMENTS = frozenset(["pmatrix", "bmatrix", "vmatrix", "Vmatrix", "matrix", "smallmatrix", "cases", "aligned", "gathered", "array", "tabular", "center", "flushleft", "flushright", "enumerate", "itemize", "tikzpicture", "scope", "align*", "gather*", "equation*", "pgfpicture", "pgfscope"])

# What the refusal message calls out by name (all of it is absent from the lists above anyway).
FORBIDDEN = frozenset(["input", "include", "InputIfFileExists", "IfFileExists", "openin", "openout", "read", "readline", "write", "immediate", "closein", "closeout", "special", "pdfobj", "pdfrefobj", "pdfximage", "pdfrefximage", "pdffiledump", "pdfmdfivesum", "pdffilesize", "pdffilemoddate", "pdfannot", "pdfcatalog", "pdfnames", "pdfinfo", "pdftrailer", "pdfliteral", "pdfstartlink", "pdfxform", "catcode", "def", "edef", "gdef", "xdef", "let", "futurelet", "csname", "endcsname", "expandafter", "newcommand", "renewcommand", "providecommand", "DeclareRobustCommand", "newenvironment", "renewenvironment", "scantokens", "everypar", "everymath", "loop", "repeat", "foreach", "message", "typeout", "errmessage", "usepackage", "usetikzlibrary", "makeatletter", "includegraphics", "verb", "directlua", "string", "lowercase", "uppercase"])

_CONTROL = re.compile(r"\\([A-Za-z]+|.?)", re.S)
_ENVIRONMENT = re.compile(r"\\(begin|end)\s*(\{([^{}\\]*)\})?")
_TIKZ_FILE = re.compile(r"\bplot\b(?:\s*\[[^\]]*\])?\s*(?:file|function)\b")
MARKER = "mathexams-question"   # the comment mathexams writes before each question's LaTeX


def _name(control: str) -> str:
    return "\\" + (control if control.strip() else repr(control)[1:-1])


def latex_problem(text: str, *, placeholders: bool = False) -> str | None:
    """Why `text` may not go into a document, or None when it may. `placeholders` allows the
    `\\VAR{}`/`\\BLOCK{}` delimiters of a raw template."""
    if "^^" in text:
        return "'^^' character escapes are not allowed in bank LaTeX"
    if MARKER in text:
        return f"the text '{MARKER}' is reserved for the comments mathexams writes"
    found = set(_CONTROL.findall(text))
    refused = found - COMMANDS - SYMBOLS
    if placeholders:
        refused -= {"VAR", "BLOCK"}
    if refused:
        worst = sorted(refused, key=lambda c: (c not in FORBIDDEN, c))[0]
        kind = "is a file, PDF or definition primitive and" if worst in FORBIDDEN else "is not on the LaTeX allow-list:"
        return f"{_name(worst)} {kind} not allowed in bank LaTeX (see latex_allowlist.py)"
    if "begin" in found or "end" in found:
        for match in _ENVIRONMENT.finditer(text):
            if match.group(2) is None:
                return f"\\{match.group(1)} must be followed by an environment name in braces"
            if match.group(3).strip() not in ENVIRONMENTS:
                return f"environment {match.group(3).strip()!r} is not on the LaTeX allow-list (see latex_allowlist.py)"
    if _TIKZ_FILE.search(text):
        return "TikZ 'plot file' and 'plot function' read files or run programs: not allowed in bank LaTeX"
    return None
