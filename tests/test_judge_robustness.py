"""The answer checker never crashes and never hangs, whatever is typed.

(a) property tests: any text (and any list or mapping of texts for multi-part answers) gets a
    Verdict within 2 s, for every answer kind;
(b) hostile inputs (exponent towers, deep nesting, huge numbers, Python injection, NUL bytes,
    odd Unicode) are refused quickly (< 0.5 s) as "not understood";
(c) `parse` itself raises only ParseError on garbage.

Property tests are derandomized so the suite is reproducible; `database=None` keeps
Hypothesis from writing an example database. Known defects are strict xfails marked BUG.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import time

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathexams.answers import make_answer
from mathexams.judge import Verdict, check_answer
from mathexams.parse import Parsed, ParseError, parse
from mathexams.timelimit import TimeLimitExceeded, time_limit

x = sympy.Symbol("x", real=True)
y = sympy.Symbol("y", real=True)

ANSWERS = {
    "expression": make_answer("expression", x**2 * sympy.sin(x) + y),
    "antiderivative": make_answer("expression", x**3 / 3, equivalence="constant"),
    "expression-exact": make_answer("expression", (x + 1) ** 2, exact_form=True),
    "number": make_answer("number", sympy.sqrt(2) / 3, exact_form=True),
    "infinity": make_answer("number", sympy.oo),
    "decimal": make_answer("decimal", sympy.pi, abs_tol=0.01),
    "vector": make_answer("vector", [1, -2, sympy.Rational(1, 2)]),
    "vector-scale": make_answer("vector", [1, 2, 3], equivalence="scale"),
    "matrix": make_answer("matrix", [[1, 2], [3, 4]]),
    "set": make_answer("set", [-1, sympy.Rational(1, 2), 3]),
    "interval": make_answer("interval", sympy.Union(sympy.Interval(-sympy.oo, 1, True, True),
                                                    sympy.Interval(2, sympy.oo))),
    "choice": make_answer("choice", options=["a", "b", "c", "d"], correct=[1]),
    "multichoice": make_answer("multichoice", options=["a", "b", "c", "d"], correct=[0, 2]),
    "truefalse": make_answer("truefalse", True),
    "multi": make_answer("multi", parts=(
        make_answer("number", 2, label="a", points=1),
        make_answer("expression", 2 * x, label="b", points=2),
        make_answer("interval", sympy.Interval(0, 1), label="c", points=1),
    ), points=4),
}

PROPERTY_SECONDS = 2.0
HOSTILE_SECONDS = 0.5

MATH_CHARS = "0123456789" + "abcdefghijklmnopqrstuvwxyz" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "+-*/^().,[]{}!%" + " "
# letters in runs, so that the tokenizer sees function names (sin, exp, log, sqrt, floor ...) often
WORDS = ["x", "y", "e", "pi", "oo", "sin", "cos", "exp", "ln", "log", "sqrt", "abs", "floor", "U", "C",
         "asinh", "arcsin", "cosec", "lg", "log_", "root(", "cbrt", "|", "_", "_{", "'", "=", "sum(", "C(", "nCr(",
         "round(", "max(", "sigmoid", "theta", "θ", "xi", "w_1", "sin^", "!", "foo("]
math_text = st.text(alphabet=MATH_CHARS, max_size=2000)
math_soup = st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet=MATH_CHARS, min_size=1, max_size=3)),
                     max_size=60).map("".join)
any_text = st.text(max_size=2000)

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _warm_up() -> None:
    """Parse every key once (keys are cached) so the timings below measure the response alone."""
    for answer in ANSWERS.values():
        check_answer(answer, ["1", "x", "[0, 1]"] if answer.kind == "multi" else "1")


_warm_up()


def _judge_timed(answer, response) -> tuple[Verdict, float]:
    # CPU time of this thread (where the checker works), so a busy machine does not fail the bound
    start = time.thread_time()
    verdict = check_answer(answer, response)
    return verdict, time.thread_time() - start


def _assert_sane(verdict: Verdict, answer) -> None:
    assert isinstance(verdict, Verdict)
    assert isinstance(verdict.correct, bool)
    assert isinstance(verdict.reason, str) and verdict.reason
    assert verdict.max_points == float(answer.points or 1)
    assert 0.0 <= verdict.points <= verdict.max_points
    if answer.kind == "multi":
        assert len(verdict.parts) == len(answer.parts)


# ---------------------------------------------------------------- (a) properties


def _check_every_kind(text) -> None:
    for name, answer in ANSWERS.items():
        verdict, elapsed = _judge_timed(answer, text)
        _assert_sane(verdict, answer)
        assert elapsed < PROPERTY_SECONDS, (name, text[:80] if isinstance(text, str) else text, elapsed)


@PROPERTY_SETTINGS
@given(any_text)
def test_any_text_gets_a_verdict_quickly(text):
    _check_every_kind(text)


@PROPERTY_SETTINGS
@given(math_text)
def test_math_like_text_gets_a_verdict_quickly(text):
    _check_every_kind(text)


@PROPERTY_SETTINGS
@given(math_soup)
def test_math_words_get_a_verdict_quickly(text):
    _check_every_kind(text)


@settings(PROPERTY_SETTINGS, max_examples=100)
@given(st.one_of(
    st.lists(st.one_of(math_text, any_text), max_size=5),
    st.dictionaries(st.sampled_from(["a", "b", "c", "d", "A", ""]), st.one_of(math_text, any_text), max_size=4),
    st.none(), st.integers(), st.floats(), st.booleans(),
))
def test_multi_part_and_non_text_responses_get_a_verdict(response):
    for name, answer in ANSWERS.items():
        verdict, elapsed = _judge_timed(answer, response)
        _assert_sane(verdict, answer)
        assert elapsed < PROPERTY_SECONDS, (name, response, elapsed)


# ---------------------------------------------------------------- (b) hostile inputs

HOSTILE = {
    "tower-double-star": "9**9**9**9",
    "tower-caret": "9^9^9^9",
    "power-of-power": "10^(10^10)",
    "2-tower-of-6": "2^2^2^2^2^2",
    "500-nested-parens": "(" * 500 + "1" + ")" * 500,
    "450-nested-parens": "(" * 450 + "x" + ")" * 450,
    "150-nested-parens": "(" * 150 + "x" + ")" * 150,
    "45-nested-brackets": "[" * 45 + "1" + "]" * 45,
    "nested-functions": "sin(" * 60 + "x" + ")" * 60,
    "5000-digit-number": "7" * 5000,
    "999-digit-number": "7" * 999,
    "401-digit-number": "1" * 401,
    "python-import": "__import__('os').system('ls')",
    "python-dunder": "().__class__",
    "python-exec": "exec('1')",
    "python-lambda": "lambda: 1",
    "python-eval-string": "eval(\"1+1\")",
    "symbolic-power-100000": "x^100000",
    "factorial-1000": "1000!",
    "factorial-of-factorial": "(200!)!",
    "symbolic-power-of-power": "(x+1)^(10^9)",
    "exp-of-huge": "e^(10^10)",
    "pi-to-huge": "pi^(10^5)",
    "decimal-exponent-out-of-range": "1e999",
    "negative-huge-power": "10^-100000",
    "3000-chars-of-x-plus": "x+" * 1500,
    "3000-random-chars": "".join(random.Random(3000).choice(MATH_CHARS) for _ in range(3000)),
    "400-plus-tokens": "x+" * 300,
    "nul-byte": "\x00",
    "nul-bytes": "\x00" * 10,
    "nul-inside": "1\x00+1",
    "math-italic-x": "𝑥²",
    "fullwidth-x": "ｘ+1",
    "right-to-left-override": "\u202ex",
    "zero-width-space": "x\u200b",
    "lone-surrogate": "\ud800",
    "emoji": "🙂",
    "combining-accent": "x\u0301",
    "backslash-latex": "\\frac{1}{2}",
    "dollar-latex": "$x^2$",
    "plus-minus": "±1",
}
# the floor of a number too large to hold as an integer: refused by the parser before SymPy works on it
HUGE_FLOOR = {
    "floor-of-exp-tower": "floor(exp(9^9))",
    "floor-of-exp-tower-no-parens": "floor exp 9^9",
}
HUGE_FLOOR_KINDS = ("expression", "number", "choice")


def _hostile_params():
    for kind in ANSWERS:
        for name, text in HOSTILE.items():
            yield pytest.param(kind, text, id=f"{kind}-{name}")
    for kind in HUGE_FLOOR_KINDS:
        for name, text in HUGE_FLOOR.items():
            yield pytest.param(kind, text, id=f"{kind}-{name}")


@pytest.mark.parametrize("kind, text", list(_hostile_params()))
def test_hostile_input_refused_quickly(kind, text):
    answer = ANSWERS[kind]
    verdict, elapsed = _judge_timed(answer, text)
    _assert_sane(verdict, answer)
    assert verdict.correct is False
    assert verdict.points == 0.0
    # multi-part answers: the whole text lands in part (a); the other parts are blank
    reason = verdict.parts[0].reason if answer.kind == "multi" else verdict.reason
    assert reason.startswith("not understood"), reason
    assert elapsed < HOSTILE_SECONDS, elapsed


@pytest.mark.parametrize("text, message", [
    ("9**9**9**9", "number too large at 5"),
    ("10^(10^10)", "number too large at 3"),
    ("(" * 500 + "1" + ")" * 500, "input longer than 1000 characters"),
    ("(" * 450 + "1" + ")" * 450, "more than 400 symbols"),
    ("(" * 150 + "1" + ")" * 150, "nested deeper than 40 at 21"),
    ("7" * 5000, "input longer than 1000 characters"),
    ("7" * 401, "number too long at 1"),
    ("__import__('os').system('ls')", "unexpected \"'\" at 12"),
    ("().__class__", "unexpected '.' at 3"),
    ("exec('1')", "unknown function 'exec' at 1"),
    ("x^100000", "exponent above 100 at 2"),
    ("1000!", "factorial at 5 needs a whole number up to 200"),
    ("(x+1)^(10^9)", "exponent above 100 at 6"),
    ("x+" * 300, "more than 400 symbols"),
    ("\x00", "unexpected '\\x00' at 1"),
    ("1e999", "number out of range at 1"),
])
def test_hostile_reasons_name_the_limit(text, message):
    verdict = check_answer(ANSWERS["expression"], text)
    assert verdict.reason == f"not understood: {message}"


@pytest.mark.parametrize("key", ["expression", "antiderivative"])
@pytest.mark.parametrize("text", [
    "exp(exp(exp(x)))", "x^x^x^x", "sin(10^100 x)", "tan(10^20 x)", "sin(x) + sin(10^300 x)/10^300",
    "ln(ln(ln(ln(x))))", "asin(asin(asin(x)))", "e^(10^4 x)", "((x+y)^10)^10", "x^(1/99)",
    "sum(sin(k x)/k, k, 1, 200)", "product(x - k, k, 1, 100)", "x^3/3 + C^C^C x",
])
def test_extreme_but_valid_responses_get_a_real_verdict(key, text):
    """Values far beyond double precision (towers, huge arguments) are judged, not timed out."""
    answer = ANSWERS[key]
    verdict = check_answer(answer, text)
    _assert_sane(verdict, answer)
    assert not verdict.correct and not verdict.reason.startswith("not understood"), verdict


def test_choice_response_has_a_length_limit():
    answer = make_answer("choice", options=["a", "b", "c", "d"], correct=[0])
    verdict = check_answer(answer, "a" * 3000)
    assert verdict.correct is False and verdict.reason.startswith("not understood")


def test_check_answer_is_bounded_in_a_worker_thread():
    script = textwrap.dedent("""
        import threading, time
        from mathexams.answers import make_answer
        from mathexams.judge import check_answer
        answer = make_answer("number", 3)
        check_answer(answer, "1")
        done = []
        def work():
            start = time.perf_counter()
            check_answer(answer, "floor(exp(9^9))")
            done.append(time.perf_counter() - start)
        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        thread.join(2.5)
        print("done" if done else "hung", flush=True)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "done", out.stdout + out.stderr


# ---------------------------------------------------------------- (c) parse raises only ParseError


def _parse_only_parse_error(text: str) -> None:
    try:
        with time_limit(PROPERTY_SECONDS):
            result = parse(text, variables={"x", "y"})
    except ParseError as exc:
        assert str(exc), "a ParseError needs a message"
        return
    except TimeLimitExceeded:
        pytest.fail(f"parse ran longer than {PROPERTY_SECONDS} s on {text[:80]!r}")
    assert isinstance(result, Parsed)


@PROPERTY_SETTINGS
@given(any_text)
def test_parse_any_text_raises_only_parse_error(text):
    _parse_only_parse_error(text)


@settings(PROPERTY_SETTINGS, max_examples=1000)
@given(math_text)
def test_parse_math_like_text_raises_only_parse_error(text):
    _parse_only_parse_error(text)


@settings(PROPERTY_SETTINGS, max_examples=1000)
@given(math_soup)
def test_parse_math_words_raise_only_parse_error(text):
    _parse_only_parse_error(text)


@pytest.mark.parametrize("text", [
    "", " ", "x)", "(x", "x +", "+", "*x", "x**", "x^^2", "sin", "sin()", "log_2", "log(1,2,3)", "sin((1,2))",
    "[1,2]^2", "[1,2]+1", "(-1)!", "2.5!", "201!", "U", "U U", "(0,1) U", "1_000", "x_", "x_{", ".e5", "1e+",
    "]-3, 3[", "<1, 2>", "|x", "x|", "2x = 1", "x =", "a & b", "foo(x)", "sin^-1 x", "log2 x", "f'(x)", "'x'", '"x"', "#", "@", "~x", "`x`", "x\\y", "{", "}", "[[]]",
    "()", "((", "))", ",", ";", ",,", "1,,2", "1;;", "%", "!", "^", "2^", "^2", "(" * 41 + "1" + ")" * 41,
    "\t\n", "\x00", "\x7f", "\u2028", "\ufeffx", "\U0001F600",
])
def test_parse_garbage_raises_parse_error(text):
    with pytest.raises(ParseError):
        parse(text, variables={"x"})


@pytest.mark.parametrize("text", [
    pytest.param("sin -[1]", id="unary-minus-on-bracket-TypeError"),
    pytest.param("ln-{0.1}", id="unary-minus-on-set-TypeError"),
    pytest.param("log_(1,2)(3)", id="bracketed-log-base-SympifyError"),
    pytest.param("log_[x](2)", id="bracketed-log-base-SympifyError-2"),
    pytest.param("floor(exp(exp(10)))", id="floor-of-huge-ValueError-int-digits"),
    pytest.param("abs floor 1e300 pi", id="abs-floor-PrecisionExhausted"),
    pytest.param("2^floor(10^300 pi)", id="power-floor-PrecisionExhausted"),
])
def test_parse_known_crashes_raise_parse_error(text):
    try:
        parse(text, variables={"x"})
    except ParseError:
        return
    except Exception as exc:
        pytest.fail(f"{type(exc).__name__}: {exc}")
    pytest.fail("expected a ParseError, got a value")


def test_parse_seeded_token_soup():
    tokens = ["x", "2", "10", "pi", "e", "sin", "ln", "log_", "sqrt", "floor", "abs", "exp", "-", "+", "^", "(", ")",
              "[", "]", "{", "}", ",", " ", "1e300", "9^9", "|", "_", "'", "=", "asinh", "root(", "sum(", "k", "C(",
              "!", "θ", "₁", "²", "sin^", "round(", "sigmoid"]
    rng = random.Random(0)
    offenders = []
    for _ in range(3000):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 12)))
        try:
            with time_limit(1.0):
                parse(text, variables={"x"})
        except ParseError:
            pass
        except TimeLimitExceeded:
            offenders.append((text, "took longer than 1 s"))
        except Exception as exc:  # noqa: BLE001 - collecting every kind of crash is the point
            offenders.append((text, type(exc).__name__))
    assert offenders == [], offenders[:10]
