"""The renderer protocol: outputs registered by name return {relative path: bytes}; the build writes
them and typesets the .tex files afterwards; nothing an output writes can leave the exam's folder."""

from __future__ import annotations

import pytest

from mathexams.build import latex_digests, place_inside
from mathexams.errors import MathExamsError
from mathexams.render import DEFAULT_OUTPUTS, RENDERERS, RenderOptions, pdf_steps, register, render_outputs


def test_every_output_is_registered_with_a_summary_and_its_tex_files_have_a_pdf_step():
    for renderer in RENDERERS.values():
        assert renderer.summary and callable(renderer.render)
        assert all(path.endswith(".tex") for path in renderer.pdf)
    assert set(DEFAULT_OUTPUTS) <= set(RENDERERS)
    assert pdf_steps(DEFAULT_OUTPUTS) == {
        "latex/papers.tex": RENDERERS["paper"].pdf["latex/papers.tex"],
        "latex/keys.tex": RENDERERS["key"].pdf["latex/keys.tex"],
        "latex/master-key.tex": RENDERERS["master-key"].pdf["latex/master-key.tex"]}
    assert [s.per_version for s in pdf_steps(DEFAULT_OUTPUTS).values()] == ["paper", "key", ""]


def test_outputs_render_bytes_by_relative_path(exams_one_version):
    files = render_outputs(exams_one_version, DEFAULT_OUTPUTS, RenderOptions())
    assert sorted(files) == ["fairness.md", "latex/keys.tex", "latex/master-key.tex", "latex/papers.tex"]
    assert all(isinstance(data, bytes) and data.startswith(b"\\") for path, data in files.items() if path.endswith(".tex"))
    assert set(latex_digests(files)) == {"papers.tex", "keys.tex", "master-key.tex"}


def test_two_outputs_may_not_write_one_path(exams_one_version):
    @register("paper-copy", summary="a clash, for this test")
    def clash(exams, options):
        return {"latex/papers.tex": b"x"}

    try:
        with pytest.raises(MathExamsError, match="output paper-copy writes latex/papers.tex, which another"):
            render_outputs(exams_one_version, ["paper", "paper-copy"])
    finally:
        del RENDERERS["paper-copy"]


@pytest.mark.parametrize("path", ["../escape.txt", "/etc/passwd", "a/../../b", "", "manifest.json", "a//b", "./x"])
def test_an_output_path_never_leaves_the_folder_or_replaces_the_record(tmp_path, path):
    with pytest.raises(MathExamsError, match="not a file name inside the exam's folder"):
        place_inside(tmp_path, path)


def test_layouts_come_from_the_options(tmp_path, exams_one_version):
    from mathexams.resources import layout_folder

    for layout in layout_folder().glob("*.tex"):
        (tmp_path / layout.name).write_text(layout.read_text())
    (tmp_path / "master_key.tex").write_text(r"\VAR{exams|length} version(s)" + "\n")
    files = render_outputs(exams_one_version, ["master-key"], RenderOptions(layouts=tmp_path))
    assert files == {"latex/master-key.tex": b"1 version(s)\n"}
