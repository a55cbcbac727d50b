"""The snippet worker: a separate Python process that runs short NumPy, pandas and Matplotlib programs.

Started by `snippet_runner.py` as `python -I snippet_worker.py` with a clean environment in an
empty temporary folder; imports nothing from mathexams. The programs it runs are built by the
course's macros (trusted Python in the package) from drawn numbers; a bank file never supplies
program text. Defence in depth all the same, in this order:

1. import NumPy, pandas and Matplotlib (PGF backend, greyscale style) and fix their print options;
2. warm up: run one program of every family the bank uses, so that every module the libraries
   load lazily is loaded and every font is read now, while files may still be opened;
3. limit resources: address space, open files (no new descriptors), file size 0 (nothing can be
   written), CPU seconds (re-armed before each program at the time used so far plus a budget);
4. install an audit hook that refuses file opens, sockets, subprocesses, `os.system` and the other
   `os`/`shutil` calls, `ctypes`, compiling or executing code other than the one program being
   run, and imports of modules outside `ALLOWED_IMPORTS` that are not already loaded;
5. serve requests, one JSON line each on stdin, one JSON line of result on stdout, until stdin
   closes. Each program runs in a fresh namespace with its printed output captured; warnings are
   recorded (a program that warns depends on a behaviour the libraries are changing).

The worker asks Linux to kill it when its parent dies, and leaves when stdin reaches its end.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import json
import os
import resource
import signal
import sys
import warnings

import matplotlib

matplotlib.use("pgf")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.backends import backend_agg, backend_pgf  # noqa: E402

MAX_OUTPUT_CHARS = 20_000          # printed text of one program
MAX_PROGRAM_CHARS = 4_000
CPU_SECONDS_PER_PROGRAM = 5
MEMORY_BYTES = 2 * 2**30
ALLOWED_IMPORTS = ("numpy", "pandas", "matplotlib", "math", "fractions")
_REFUSED_PREFIXES = ("os.", "shutil.", "subprocess.", "socket.", "ctypes.", "pty.", "fcntl.", "mmap.",
                     "glob.", "tempfile.", "urllib.", "http.", "ftplib.", "smtplib.", "webbrowser.",
                     "sqlite3.", "winreg.", "resource.", "signal.", "sys.addaudithook", "sys.settrace",
                     "sys.setprofile", "code.", "marshal.", "pickle.", "shelve.")
_state = {"ours": False}


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


# ---------------------------------------------------------------- the libraries, fixed


def _agg_text_metrics(self, s, prop, ismath):
    """Text extents from Matplotlib's own fonts instead of a LaTeX subprocess (the PGF backend's
    default): TeX aligns the text itself (`\\pgftext` anchors), the extents only place labels."""
    w, h, d = _AGG.get_text_width_height_descent(s, prop, ismath)
    f = self.dpi / 72
    return w * f, h * f, d * f


_TEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "&": r"\&", "%": r"\%",
                 "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _plain_text(s: str, prop) -> str:
    """Text of a figure for TeX: the size, and the characters escaped; $...$ math kept as it is
    (Matplotlib's tick labels), without the catcode changes the PGF backend would add."""
    size = prop.get_size_in_points()
    if s.startswith("$") and s.endswith("$") and s.count("$") == 2:
        body = s.replace(r"\mathdefault", "")
    else:
        body = "".join(_TEX_SPECIALS.get(ch, ch) for ch in s)
    return "{\\fontsize{%g}{%g}\\selectfont %s}" % (size, round(size * 1.2, 2), body)


_AGG = backend_agg.RendererAgg(100, 100, 72)
backend_pgf.RendererPgf.get_text_width_height_descent = _agg_text_metrics  # type: ignore[method-assign]
backend_pgf._escape_and_apply_props = _plain_text
plt.style.use("grayscale")
# legible in black and white: grey fills with black edges, and lines told apart by their dash pattern
matplotlib.rcParams.update({"axes.prop_cycle": matplotlib.cycler(color=["0.4", "0.0", "0.25", "0.6"],  # type: ignore[attr-defined]
                                                                 linestyle=["-", "--", ":", "-."]),
                            "patch.force_edgecolor": True, "patch.edgecolor": "black", "lines.linewidth": 1.2,
                            "figure.constrained_layout.use": True})   # subplot grids without overlapping ticks
matplotlib.rcParams.update({"figure.figsize": (3.2, 2.4), "font.size": 8, "axes.formatter.use_mathtext": False,
                            "figure.max_open_warning": 0, "svg.hashsalt": "mathexams"})
np.set_printoptions(legacy=False)
for option, value in (("display.width", 80), ("display.max_columns", 20), ("display.max_rows", 60)):
    pd.set_option(option, value)


# ---------------------------------------------------------------- running one program


def _axes_facts(ax) -> dict:
    spec = ax.get_subplotspec()
    rows, cols = spec.get_geometry()[:2] if spec is not None else (1, 1)
    position = spec.num1 if spec is not None else 0
    legend = ax.get_legend()
    return {
        "rows": int(rows), "cols": int(cols), "position": int(position),
        "xscale": ax.get_xscale(), "yscale": ax.get_yscale(),
        "lines": len(ax.lines), "patches": len(ax.patches), "collections": len(ax.collections),
        "title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
        "legend": [t.get_text() for t in legend.get_texts()] if legend is not None else None,
        "shares_x": bool(len(ax.get_shared_x_axes().get_siblings(ax)) > 1),
        "shares_y": bool(len(ax.get_shared_y_axes().get_siblings(ax)) > 1),
        "linestyles": [line.get_linestyle() for line in ax.lines],
        "markers": [str(line.get_marker()) for line in ax.lines],
    }


def _figure(pgf: bool) -> dict | None:
    numbers = plt.get_fignums()
    if not numbers:
        return None
    fig = plt.figure(numbers[-1])
    facts = {"figures": len(numbers), "axes": [_axes_facts(ax) for ax in fig.axes]}
    if pgf:
        buffer = io.StringIO()
        fig.savefig(buffer, format="pgf")
        facts["pgf"] = buffer.getvalue()
    return facts


def run(program: str, want_figure: bool, want_pgf: bool) -> dict:
    """Run one program in a fresh namespace: what it printed, the exception that stopped it (type and
    first line of the message), the warnings it raised, and the facts of its last figure."""
    out = io.StringIO()
    error = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            _state["ours"] = True
            code = compile(program, "<snippet>", "exec")
            _state["ours"] = False
            with contextlib.redirect_stdout(out):
                _state["ours"] = True
                exec(code, {"__name__": "__snippet__"})
        except Exception as exc:  # the program's own error is a result (e.g. a ValueError it must raise)
            message = str(exc).strip().splitlines()
            error = [type(exc).__name__, message[0] if message else ""]
        finally:
            _state["ours"] = False
        figure = None
        try:
            figure = _figure(want_pgf) if want_figure else None
        except Exception as exc:
            error = error or [type(exc).__name__, str(exc).strip().splitlines()[0] if str(exc).strip() else ""]
        finally:
            plt.close("all")
    text = out.getvalue()
    if len(text) > MAX_OUTPUT_CHARS:
        text = text[:MAX_OUTPUT_CHARS]
        error = error or ["OutputTooLong", f"more than {MAX_OUTPUT_CHARS} characters printed"]
    return {"stdout": text, "error": error, "warnings": sorted({f"{w.category.__name__}: {w.message}" for w in caught}),
            "figure": figure}


# ---------------------------------------------------------------- warm-up, limits, hook

_WARM_UP = (
    "import numpy as np\na = np.arange(12).reshape(3, 4)\nprint(a, a.T @ a, a / 3, a // 2, a.mean(axis=0))\n"
    "print(np.linalg.solve(np.eye(2), np.ones(2)), np.linalg.eigh(np.eye(2)), np.linalg.svd(np.eye(2)))\n"
    "print(np.linalg.lstsq(np.eye(2), np.ones(2)), np.linalg.norm(a), np.linalg.inv(np.eye(2)), np.linalg.eig(np.eye(2)))\n"
    "print(np.where(a > 3, a, 0), np.cumsum(a), np.sort(a[::-1]), a.astype(float), np.std(a), np.median(a))\n"
    "print(repr(a), np.array([1.5, np.nan]), np.percentile(a, 25), np.round(a / 7, 2))",
    "import pandas as pd\nimport numpy as np\ndf = pd.DataFrame({'g': ['a', 'b', 'a'], 'x': [1, 2, np.nan], 'y': [1.5, 2.0, 3.0]},"
    " index=[10, 20, 30])\nprint(df, df.loc[10:20], df.iloc[0:2], df[df['y'] > 1.6], df.dtypes)\n"
    "print(df.groupby('g')['y'].mean(), df.groupby('g')['x'].count(), df.groupby('g')['y'].agg(['min', 'max']))\n"
    "print(df['y'].std(), df['y'].describe(), df['x'].mean(), df.describe(), df.sort_values('y'), df.shape)\n"
    "print(df['x'].isna().sum(), df.fillna(0), df.dropna(), df['g'].value_counts(), df.loc[10, 'y'], df.iloc[1, 2])\n"
    "print(df.groupby('g').size(), df['y'].quantile(0.25), df.mean(numeric_only=True), df.head(2), df['y'].values)",
    "import matplotlib.pyplot as plt\nimport numpy as np\nfig, axs = plt.subplots(2, 2, sharex=True)\n"
    "axs[0, 0].hist([1, 2, 2, 3], bins=3)\naxs[0, 1].bar(['a', 'b'], [1, 2])\naxs[1, 0].scatter([1, 2], [3, 4])\n"
    "axs[1, 1].plot([1, 2], [1, 4], 'o--', label='x')\naxs[1, 1].legend()\naxs[1, 1].set_yscale('log')\n"
    "axs[0, 0].set_title('t')\naxs[0, 0].set_xlabel('x')\naxs[0, 0].boxplot([[1, 2, 3]])\n"
    "axs[1, 0].contour(np.arange(4.0).reshape(2, 2))\naxs[1, 0].set_xscale('log')\naxs[0, 1].errorbar([1], [1], yerr=[1])\n"
    "axs[0, 1].fill_between([0, 1], [0, 1])\naxs[0, 1].axhline(1)\naxs[0, 1].set_xlim(0, 2)\naxs[0, 1].grid(True)",
)


def _warm_up() -> None:
    for program in _WARM_UP:
        result = run(program, want_figure=True, want_pgf=True)
        if result["error"]:
            raise SystemExit(f"snippet worker: the warm-up program failed: {result['error']}")


def _limit_resources() -> None:
    def lower(which: int, soft: int) -> None:
        _, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(which, (soft, hard))

    lower(resource.RLIMIT_AS, MEMORY_BYTES)
    lower(resource.RLIMIT_FSIZE, 0)
    highest = max(int(fd) for fd in os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 16
    lower(resource.RLIMIT_NOFILE, highest + 1)
    _arm_cpu()


def _arm_cpu() -> None:
    """CPU seconds: what the process has used so far plus one program's budget (SIGXCPU kills it)."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = int(used.ru_utime + used.ru_stime) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = spent + CPU_SECONDS_PER_PROGRAM
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def _audit(event: str, args: tuple) -> None:
    if event in ("compile", "exec"):
        if not _state["ours"]:
            raise PermissionError(f"snippet worker: {event} refused")
        _state["ours"] = False   # exactly one compile and one exec per program
    elif event == "open":
        raise PermissionError("snippet worker: opening files is refused")
    elif event == "import":
        name = str(args[0])
        if name.split(".")[0] not in ALLOWED_IMPORTS:
            raise ImportError(f"snippet worker: importing {name} is refused")
    elif event in ("os.system", "subprocess.Popen") or event.startswith(_REFUSED_PREFIXES):
        if event == "resource.setrlimit" and _state.get("arming"):
            return
        raise PermissionError(f"snippet worker: {event} refused")


def main() -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _warm_up()
    stdin, stdout = sys.stdin.buffer, sys.stdout
    _limit_resources()
    sys.addaudithook(_audit)
    stdout.write(json.dumps({"ready": True, "numpy": np.__version__, "pandas": pd.__version__,
                             "matplotlib": matplotlib.__version__}) + "\n")
    stdout.flush()
    for line in stdin:
        try:
            request = json.loads(line)
            program = request["program"]
            if not isinstance(program, str) or len(program) > MAX_PROGRAM_CHARS:
                raise ValueError("a program is text of at most %d characters" % MAX_PROGRAM_CHARS)
            _state["arming"] = True
            _arm_cpu()
            _state["arming"] = False
            result = run(program, bool(request.get("figure")), bool(request.get("pgf")))
        except (ValueError, KeyError, TypeError) as exc:
            result = {"stdout": "", "error": ["BadRequest", str(exc)], "warnings": [], "figure": None}
        try:
            answer = json.dumps(result)
        except (TypeError, ValueError) as exc:
            answer = json.dumps({"stdout": "", "error": ["BadResult", str(exc)], "warnings": [], "figure": None})
        stdout.write(answer + "\n")
        stdout.flush()


if __name__ == "__main__":
    main()
