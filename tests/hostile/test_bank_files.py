"""Hostile bank files: each must be refused with a one-line error naming file and field, and run nothing.

The suite's referee (conftest.py) fails a test whose input ran code, a command, a socket or
opened a file outside the test's folders.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SENTINEL as SENTINEL_PATH
from conftest import assert_one_line_error, run_cli, unwatched

SENTINEL = str(SENTINEL_PATH)
TOUCH = f"__import__('os').system('touch {SENTINEL}')"
CODE = f"{TOUCH} or 2"          # Python that, if evaluated, runs a command and yields a number

# (name, field the error must name, template pieces)
PARAM_ATTACKS = {
    "import_system": TOUCH,
    "subclasses_walk": "().__class__.__bases__[0].__subclasses__()",
    "open_read": "open('/etc/passwd').read()",
    "open_call": "open('/etc/passwd')",
    "eval_call": "eval('1 + 1')",
    "exec_call": "exec('import os')",
    "getattr_escape": "getattr(x, '__class__')",
    "globals_call": "globals()",
    "lambda": "(lambda: 1)()",
    "list_comprehension": "[c for c in range(3)]",
    "generator_trick": "sum(c for c in range(10))",
    "walrus": "(y := 3)",
    "f_string": "f'{x}'",
    "power_tower": "2**2**2**40",
    "big_power": "10**10**10",
    "list_repeat": "[0] * 10**7",
    "string_repeat": "'a' * 10**9",
    "huge_literal": "9" * 5000,
    "factorial_bomb": "factorial(10**7)",
    "binomial_bomb": "binomial(10**9, 5*10**8)",
    "symbolic_power": "expand((x + 1)**100000)",
    "matrix_bomb": "zeros(10000, 10000)",
    "matrix_power": "eye(3)**(10**6)",
    "string_into_sympy": f"diff(\"{TOUCH}\", x)",
    "string_rational": "Rational('1/3')",
    "attribute": "x.__class__",
    "underscore_name": "_secret",
    "builtins_name": "__builtins__",
    "dict_literal": "{'a': 1}",
    "set_literal": "{1, 2}",
    "starred_args": "randint(*[1, 2])",
    "double_star_kwargs": "randint(**{'lo': 1})",
    "unknown_function": "type(x)",
    "sympify": "sympify('x')",
    "range_bomb": "range(10**9)",
    "deep_nesting": "(" * 300 + "1" + ")" * 300,
    # macros that accept text (labels, names) must not read their numbers from text as Python
    "combo_latex_text": f"combo_latex([{CODE!r}], ['u'])",
    "pmf_table_text": f"pmf_table([1, 2], [1/2, {CODE!r}], 0)",
    "histogram_width_text": f"histogram_tikz([1, 2, 3], 0, 1, 4, 'x', {CODE!r})",
    "boxplot_width_text": f"boxplot_tikz([[1, 2, 3, 4, 5]], ['a'], 0, 10, 5, {CODE!r})",
    "ecdf_width_text": f"ecdf_tikz([1, 2, 3], 0, 5, 1, 'x', {CODE!r})",
    # sizes: format widths, sums with too many terms
    "format_width": "'%99999999d' % 1",
    "format_star_width": "'%*d' % (99999999, 1)",
    "format_precision": "'%.99999999f' % 1",
    "expand_terms": "expand((x + 1)**64 * (x**65 + 1)**64)",
    "text_concatenation": "'ab' + 'c' * 1",
}

PROMPT_ATTACKS = {
    "jinja_mro": r"\VAR{x.__class__.__mro__}",
    "jinja_subclasses": r"\VAR{''.__class__.__subclasses__()}",
    "jinja_cycler_globals": r"\VAR{cycler.__init__.__globals__.os.popen('id').read()}",
    "jinja_lipsum_globals": r"\VAR{lipsum.__globals__}",
    "jinja_self_context": r"\VAR{self._TemplateReference__context}",
    "jinja_range_bomb": r"\BLOCK{for i in range(10**9)}a\BLOCK{endfor}",
    "jinja_string_repeat": r"\VAR{'a' * 10**9}",
    "jinja_import": r"\BLOCK{import 'os' as os}\VAR{os}",
    "jinja_include_file": r"\BLOCK{include '/etc/passwd'}",
    "jinja_getitem_dunder": r"\VAR{x['__class__']}",
    "jinja_attr_filter": r"\VAR{x|attr('__class__')}",
    "jinja_format_filter": r"\VAR{'%s'|format(x)}",
    # filters that print numbers must not read text as Python
    "filter_dec_code": r"\VAR{'CODE'|dec}",
    "filter_pct_code": r"\VAR{'CODE'|pct}",
    "filter_signed_code": r"\VAR{'CODE'|signed}",
    "filter_block_dec_code": r"\BLOCK{filter dec}CODE\BLOCK{endfilter}",
    # sizes: doubling text, loops that print without end, format widths
    "jinja_set_doubling": r"\BLOCK{set s = 'ab'}" + r"\BLOCK{set s = s ~ s}" * 60 + r"\VAR{s}",
    "jinja_nested_loops": r"\BLOCK{set L = [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]}"
                          r"\BLOCK{for i in L}\BLOCK{for j in L}\BLOCK{for k in L}\BLOCK{for m in L}"
                          r"xxxxxxxxxx\BLOCK{endfor}\BLOCK{endfor}\BLOCK{endfor}\BLOCK{endfor}",
    "jinja_format_width": r"\VAR{'%99999999d' % 1}",
    "jinja_list_growth": r"\BLOCK{set s = [1]}" + r"\BLOCK{set s = s + s}" * 30 + r"\VAR{s}",
}

RAW_ATTACKS = {
    "yaml_python_tag": "id: !!python/object/apply:os.system ['touch " + SENTINEL + "']\n",
    "yaml_billion_laughs": "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nid: calc.test.x\n",
    "yaml_huge_file": "id: calc.test.x\ndescription: '" + "a" * 300_000 + "'\n",
    "yaml_not_mapping": "- just\n- a list\n",
}


def _run(path: Path, template_id: str, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    code, _, err = run_cli(capsys, "sample", template_id, "--bank", path.parent.parent, "--no-shipped-bank")
    return code, err


def _assert_refused(code: int, err: str, path: Path, field: str | None) -> None:
    assert_one_line_error(code, err, str(path), *([field] if field else []))


@pytest.mark.parametrize("name", sorted(PARAM_ATTACKS))
def test_hostile_parameter_is_refused(name, write_template, capsys):
    path = write_template(params=f"a: randint(1, 5)\nevil: {json.dumps(PARAM_ATTACKS[name])}", id=f"calc.hostile.{name}")
    code, err = _run(path, f"calc.hostile.{name}", capsys)
    _assert_refused(code, err, path, "params.evil")


@pytest.mark.parametrize("name", sorted(PROMPT_ATTACKS))
def test_hostile_prompt_is_refused(name, write_template, capsys):
    prompt = PROMPT_ATTACKS[name].replace("CODE", CODE.replace("'", '"'))
    path = write_template(prompt=json.dumps(prompt), id=f"calc.hostile.{name}")
    code, err = _run(path, f"calc.hostile.{name}", capsys)
    _assert_refused(code, err, path, "prompt")


@pytest.mark.parametrize("name", sorted(RAW_ATTACKS))
def test_hostile_yaml_is_refused(name, write_template, capsys):
    path = write_template(raw=RAW_ATTACKS[name])
    code, err = _run(path, "calc.test.x", capsys)
    _assert_refused(code, err, path, None)


def test_hostile_verify_expression_is_refused(write_template, capsys):
    path = write_template(verify=f"- {TOUCH!r}", id="calc.hostile.verify")
    code, err = _run(path, "calc.hostile.verify", capsys)
    _assert_refused(code, err, path, "verify[0]")


def test_hostile_answer_expression_is_refused(write_template, capsys):
    path = write_template(answer=f"kind: number\nvalue: {'open(' + repr(SENTINEL) + ', ' + repr('w') + ')'!r}",
                          id="calc.hostile.answer")
    code, err = _run(path, "calc.hostile.answer", capsys)
    _assert_refused(code, err, path, "answer.value")


def test_nested_lists_that_double_are_refused(write_template, capsys):
    params = "a0: '[1, 2]'\n" + "\n".join(f"a{i}: '[a{i - 1}, a{i - 1}]'" for i in range(1, 40))
    path = write_template(params=params, prompt="'\\VAR{a39}'", answer="kind: number\nvalue: 1",
                          verify="- close(answer, 1)", id="calc.hostile.nested")
    code, err = _run(path, "calc.hostile.nested", capsys)
    _assert_refused(code, err, path, "nested lists with more than")


def test_suite_has_at_least_thirty_attacks():
    assert len(PARAM_ATTACKS) + len(PROMPT_ATTACKS) + len(RAW_ATTACKS) + 2 >= 30


def _list_in_subprocess(bank: Path) -> subprocess.CompletedProcess:
    """`mathexams list` in its own process, with a timeout: a hang must fail the test, not stall it."""
    with unwatched():
        return subprocess.run([sys.executable, "-m", "mathexams", "list", "--bank", str(bank), "--no-shipped-bank"],
                              capture_output=True, text=True, timeout=60)


def test_a_fifo_named_yaml_does_not_hang_list(write_template, capsys):
    path = write_template()
    fifo = path.parent / "pipe.yaml"
    os.mkfifo(fifo)
    result = _list_in_subprocess(path.parent.parent)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"mathexams: error: {fifo}: yaml: not a regular file"]


@pytest.mark.parametrize("target", ["/etc/passwd", "/etc/shadow", "/proc/self/status"])
def test_a_symlink_out_of_the_bank_is_not_read(target, write_template, capsys):
    path = write_template()
    (path.parent / "system.yaml").symlink_to(target)
    result = _list_in_subprocess(path.parent.parent)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "symbolic link to a file outside the bank folder" in lines[0]
    with unwatched():
        secret_lines = [line for line in Path(target).read_text(errors="replace").splitlines() if len(line) > 6]
    assert not any(line in result.stderr for line in secret_lines[:50])


def test_a_symlinked_folder_out_of_the_bank_is_not_walked(write_template, tmp_path, capsys):
    path = write_template(id="calc.test.only")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "evil.yaml").write_text("id: [unclosed\n")   # would be an error if it were read
    (path.parent / "linked").symlink_to(outside)
    result = _list_in_subprocess(path.parent.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "calc.test.only" and "1 template(s)" in result.stderr


def test_a_symlink_inside_the_bank_is_fine(write_template, capsys):
    path = write_template(id="calc.test.linked")
    (path.parent.parent / "mirror").mkdir()
    (path.parent.parent / "mirror" / "copy.txt").symlink_to(path)   # not *.yaml: not a template
    code, out, err = run_cli(capsys, "list", "--bank", path.parent.parent, "--no-shipped-bank")
    assert code == 0 and "calc.test.linked" in out


def test_a_non_utf8_template_is_one_line(write_template, capsys):
    path = write_template()
    path.write_bytes(b"id: calc.test.x\ntitle: \xff\xfe\n")
    code, err = _run(path, "calc.test.x", capsys)
    _assert_refused(code, err, path, "not UTF-8")


@pytest.mark.parametrize("value", ["True", "False", "FiniteSet(1, 2)", "eye(2)"])
def test_a_decimal_key_that_is_not_a_number_is_one_line(value, write_template, capsys):
    # the hostile mutation test found `key: False` reaching SymPy's N() as an AttributeError
    path = write_template(answer=f"kind: decimal\nvalue: {value}\nplaces: 2", verify="- close(answer, 1)",
                          id="calc.hostile.decimal_key")
    code, err = _run(path, "calc.hostile.decimal_key", capsys)
    _assert_refused(code, err, path, "answer")
