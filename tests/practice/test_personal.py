"""`mathexams quiz --weeks 5-6 --learner NAME`: the app's review rule on paper, from the learner's history."""

from __future__ import annotations

import json

from mathexams.cli import main
from mathexams.judge import Verdict
from mathexams.practice import store
from mathexams.practice.database import make_engine, session_factory
from mathexams.practice.mastery import mastery_by
from mathexams.practice.planning import choose_review_templates, review_blueprint

from .helpers import planned


def _history(url, bank, learner, answers):
    """A learner who answered each template in `answers` with the given score."""
    engine = make_engine(url)
    try:
        with session_factory(engine)() as db:
            person = store.learner_named(db, learner)
            session = store.create_session(db, person, "practice", "history", {},
                                           [planned(bank, t, seed=5) for t in answers])
            for served, score in zip(session.questions, answers.values()):
                response = store.save_response(db, served, {}, {"": "x"})
                store.save_verdict(db, response, Verdict(score == 1, 4.0 * score, 4.0, "test"))
    finally:
        engine.dispose()


def test_the_paper_review_follows_the_apps_rule_for_the_learner(sqlite_url, bank, tmp_path, capsys):
    weak = "linalg.matmul.product"
    _history(sqlite_url, bank, "ann", {weak: 0, "calc.rules.chain": 1})
    code = main(["quiz", "--weeks", "5-6", "--learner", "ann", "--database", sqlite_url, "--no-pdf", "--seed", "9",
                 "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Chosen for ann:" in out
    record = json.loads((tmp_path / "review-05-06-seed9" / "manifest.json").read_text())
    assert record["title"].endswith("for ann")
    printed = {item["template_id"] for s in record["versions"][0]["sections"] for item in s["items"]}
    mastery = mastery_by([(bank.get(weak).objective, 0.0), (bank.get("calc.rules.chain").objective, 1.0)])
    expected = {c.template.id for c in choose_review_templates(bank, review_blueprint(bank, "5-6"), "5-6", mastery, 9)}
    assert printed == expected


def test_the_personal_review_regenerates_from_its_record(sqlite_url, bank, tmp_path, capsys):
    _history(sqlite_url, bank, "ann", {"calc.rules.chain": 0})
    assert main(["quiz", "--weeks", "5-6", "--learner", "ann", "--database", sqlite_url, "--no-pdf", "--seed", "4",
                 "--out", str(tmp_path / "a")]) == 0
    manifest = tmp_path / "a" / "review-05-06-seed4" / "manifest.json"
    assert main(["regen", str(manifest), "--no-pdf", "--out", str(tmp_path / "b")]) == 0
    assert "LaTeX identical to the record" in capsys.readouterr().out


def test_an_unknown_learner_is_one_line(sqlite_url, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["quiz", "--weeks", "5-6", "--learner", "nobody", "--database", sqlite_url, "--no-pdf",
                 "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--learner 'nobody': no such learner" in err and err.count("\n") == 1
    assert not out.exists() or not any(out.iterdir())
    assert main(["quiz", "--weeks", "5-6", "--database", sqlite_url, "--no-pdf", "--out", str(tmp_path)]) == 2
    assert "--database goes with --learner" in capsys.readouterr().err
