"""The measurable rules of a good template (BANK-QUALITY), applied to stress-test reports.

Each rule has a name; `violations` turns one template's report into one line per broken rule.
Rules that are statistics over the seeds (key concentration and position, variety) are only
measured from `MIN_SEEDS` seeds on. Templates that break a rule while they wait for a redesign
are listed in a bank's `known-violations.yaml` (template, rule, issue, why): `mathexams check`
reports them as known instead of failing, and says when an entry no longer applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mpmath

from .bank import KNOWN_VIOLATIONS_FILE
from .errors import MathExamsError
from .stress import FieldStats, TemplateReport
from .yamlio import YamlError, parse_yaml, read_text

MIN_SEEDS = 100                 # statistical rules are measured from this many seeds on
MAX_KEY_SHARE = 0.25            # no key value in more than a quarter of the draws
POSITION_P = 0.001              # a key position distribution this unlikely under uniform is predictable
MAX_SIMULATION_MISS_SHARE = 0.01
MAX_REJECTION_RATE = 0.9
MIN_VARIANTS = 100              # two seeds give the same question with probability at most 1 in this

RULES = {
    "sound": "every question verified independently, deterministic, JSON round trip, own key judged right",
    "key-concentration": f"no key value in more than {MAX_KEY_SHARE:.0%} of draws (two-way keys: see key-position)",
    "key-position": f"the key's position among the choices is not predictable (chi-square p >= {POSITION_P})",
    "tolerance": "a decimal tolerance is at most half a unit in the last asked decimal place",
    "calculator": "a form without a calculator has no decimal key that needs one (a fraction over at most 1000)",
    "shape": "vector and matrix sizes do not vary within a form",
    "simulation": f"simulation checks miss on at most {MAX_SIMULATION_MISS_SHARE:.0%} of draws",
    "rejections": f"fewer than {MAX_REJECTION_RATE:.0%} of draws rejected",
    "variety": f"two seeds give the same question at most once in {MIN_VARIANTS} (effective variants >= {MIN_VARIANTS})",
}
STATISTICAL = {"key-concentration", "key-position", "variety"}


class BadKnownList(MathExamsError):
    """A known-violations file that cannot be read."""


@dataclass(frozen=True)
class Known:
    """An accepted violation, waiting for the issue that fixes it."""

    template_id: str
    rule: str
    issue: int
    why: str
    source: str


@dataclass(frozen=True)
class Violation:
    template_id: str
    rule: str
    detail: str
    known: Known | None = None

    def line(self) -> str:
        """One line for the terminal; a soundness failure's message already names template and seed."""
        if self.rule == "sound":
            return self.detail if self.template_id in self.detail else f"{self.template_id}: {self.detail}"
        return f"{self.template_id}: {self.rule}: {self.detail}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"template_id": self.template_id, "rule": self.rule, "detail": self.detail}
        if self.known:
            out["known"] = {"issue": self.known.issue, "why": self.known.why}
        return out


def chi_square_p(counts: list[int]) -> float:
    """p-value of counts against a uniform distribution over their cells (Pearson's chi-square)."""
    total, cells = sum(counts), len(counts)
    if total == 0 or cells < 2:
        return 1.0
    expected = total / cells
    statistic = sum((c - expected) ** 2 for c in counts) / expected
    return float(mpmath.gammainc((cells - 1) / 2, statistic / 2, mpmath.inf, regularized=True))


def _position_groups(stats: FieldStats) -> dict[int, list[int]]:
    """Draws per key position, grouped by the number of choices (true/false: two)."""
    groups: dict[int, dict[Any, int]] = {}
    for (choices, position), count in stats.positions.items():
        if position == -1:
            continue   # a select-all item whose key is "none of these"
        groups.setdefault(choices, {})[position] = count
    return {choices: [counts.get(c, 0) for c in range(choices)] for choices, counts in groups.items()}


def _cells(stats: FieldStats, choices: int) -> str:
    """How a field's key positions are named in a message: true/false, or the option letters."""
    if stats.keys.keys() <= {"true", "false"} and choices == 2:
        return "true/false"
    return "/".join(chr(65 + i) for i in range(choices))


def _field_violations(report: TemplateReport, where: str, stats: FieldStats, statistical: bool) -> list[Violation]:
    tid = report.template_id
    out = []
    draws = sum(stats.keys.values())
    if statistical and not stats.binary and draws:
        key, count = stats.keys.most_common(1)[0]
        if count / draws > MAX_KEY_SHARE:
            shown = key if len(key) <= 40 else key[:37] + "..."
            out.append(Violation(tid, "key-concentration",
                                 f"{where}: the key is {shown!r} in {count} of {draws} draws ({count / draws:.0%})"))
    if statistical:
        for options, counts in sorted(_position_groups(stats).items()):
            if sum(counts) < 5 * len(counts):
                continue
            p = chi_square_p(counts)
            if p < POSITION_P:
                out.append(Violation(tid, "key-position", f"{where}: key positions {_cells(stats, options)} "
                                                          f"{counts} over {sum(counts)} draws (chi-square p = {p:.1e})"))
    if stats.loose:
        out.append(Violation(tid, "tolerance", f"{where}: the tolerance exceeds half a unit in the last asked "
                                               f"place in {stats.loose} draws (up to {stats.loosest:.3g} times)"))
    if stats.not_by_hand:
        total = stats.by_hand + stats.not_by_hand
        out.append(Violation(tid, "calculator", f"{where}: {stats.not_by_hand} of {total} decimal keys in forms "
                                                f"without a calculator need one ({stats.example})"))
    for form, shapes in sorted(stats.shapes.items()):
        if len(shapes) > 1:
            sizes = ", ".join("x".join(map(str, s)) for s in sorted(shapes))
            out.append(Violation(tid, "shape", f"{where}: sizes {sizes} within {'form ' + form if form else 'one form'}"))
    return out


def violations(report: TemplateReport, *, min_seeds: int = MIN_SEEDS) -> list[Violation]:
    """Every measurable rule this template breaks, one Violation each."""
    tid = report.template_id
    out = [Violation(tid, "sound", failure) for failure in report.failures]
    statistical = report.seeds >= min_seeds
    for where, stats in report.fields.items():
        out += _field_violations(report, where, stats, statistical)
    if report.draws and report.simulation_misses / report.draws > MAX_SIMULATION_MISS_SHARE:
        out.append(Violation(tid, "simulation", f"{report.simulation_misses} of {report.draws} draws missed a "
                                                f"simulation check; a right key misses about 6e-5 per check"))
    if report.rejection_rate >= MAX_REJECTION_RATE:
        worst = report.reasons.most_common(1)[0][0] if report.reasons else "?"
        out.append(Violation(tid, "rejections", f"{report.rejection_rate:.0%} of draws rejected (most by: {worst})"))
    if statistical and report.effective_variants < MIN_VARIANTS:
        out.append(Violation(tid, "variety", f"{report.distinct} distinct questions in {report.seeds} seeds; two seeds "
                                             f"give the same question once in {report.effective_variants:.0f}"))
    return out


# ---------------------------------------------------------------- the known-violations list


def read_known(folders: Iterable[Path]) -> dict[tuple[str, str], Known]:
    """The accepted violations listed in the bank folders' known-violations.yaml files."""
    known: dict[tuple[str, str], Known] = {}
    for folder in folders:
        path = Path(folder) / KNOWN_VIOLATIONS_FILE
        if not path.is_file():
            continue
        try:
            data = parse_yaml(read_text(path))
        except YamlError as exc:
            raise BadKnownList(f"{path}: {exc}") from None
        if data is None:
            continue
        if not isinstance(data, list):
            raise BadKnownList(f"{path}: must be a list of entries with template, rule, issue and why")
        for i, entry in enumerate(data):
            where = f"{path}: [{i}]"
            if not isinstance(entry, dict) or set(entry) != {"template", "rule", "issue", "why"}:
                raise BadKnownList(f"{where}: needs exactly template, rule, issue and why")
            tid, rule, issue, why = entry["template"], entry["rule"], entry["issue"], entry["why"]
            if not isinstance(tid, str) or not tid:
                raise BadKnownList(f"{where}.template: must be a template id")
            if rule not in RULES or rule == "sound":
                raise BadKnownList(f"{where}.rule: {rule!r} is not one of {', '.join(r for r in RULES if r != 'sound')}")
            if isinstance(issue, bool) or not isinstance(issue, int) or issue < 1:
                raise BadKnownList(f"{where}.issue: must be the number of the issue that will fix it")
            if not isinstance(why, str) or not why.strip():
                raise BadKnownList(f"{where}.why: must say what is wrong")
            if (tid, rule) in known:
                raise BadKnownList(f"{where}: {tid} / {rule} is listed twice")
            known[tid, rule] = Known(tid, rule, issue, " ".join(why.split()), str(path))
    return known


@dataclass
class Verdict:
    """The whole check: what fails, what is known, and which known entries no longer apply."""

    failures: list[Violation]
    known: list[Violation]
    stale: list[Known]
    unmeasured: list[Known]      # statistical entries not measured at this number of seeds

    @property
    def ok(self) -> bool:
        return not self.failures


def judge(reports: list[TemplateReport], known: dict[tuple[str, str], Known], *,
          min_seeds: int = MIN_SEEDS) -> Verdict:
    """Split every report's violations into failures and known ones, and find stale entries."""
    failures, accepted = [], []
    seen: set[tuple[str, str]] = set()
    for report in reports:
        for v in violations(report, min_seeds=min_seeds):
            entry = known.get((v.template_id, v.rule))
            if entry is not None and v.rule != "sound":
                accepted.append(Violation(v.template_id, v.rule, v.detail, entry))
                seen.add((v.template_id, v.rule))
            else:
                failures.append(v)
    checked = {r.template_id: r for r in reports}
    stale, unmeasured = [], []
    for key, entry in sorted(known.items()):
        measured = checked.get(entry.template_id)
        if measured is None or key in seen:
            continue
        if entry.rule in STATISTICAL and measured.seeds < min_seeds:
            unmeasured.append(entry)
        elif not measured.failures:
            stale.append(entry)
    return Verdict(failures, accepted, stale, unmeasured)


def position_share(stats: FieldStats) -> float:
    """The largest share of draws any one key position holds (0 when there are no positions)."""
    best = 0.0
    for counts in _position_groups(stats).values():
        if sum(counts):
            best = max(best, max(counts) / sum(counts))
    return best


def top_key_share(stats: FieldStats) -> float:
    draws = sum(stats.keys.values())
    return stats.keys.most_common(1)[0][1] / draws if draws else 0.0
