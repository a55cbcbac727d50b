"""Conditional probability and Bayes' rule, checked by counting explicit populations and by simulation."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..api import CheckFailed, Record, check, to_float, to_fraction
from .events import MC_DRAWS, estimates_agree, lcd_outcomes


class TwoWay(Record):
    """Conditional probabilities read off a two-way table of counts."""

    row_given_col: Fraction
    col_given_row: Fraction
    independent: bool


class Sources(Record):
    """Total probability of a defect and the posterior of one source, from a counted population."""

    p_defect: Fraction
    p_source_given_defect: Fraction


@check()
def two_way_records(table: Any, row: Any, col: Any) -> TwoWay:
    """TwoWay (row_given_col, col_given_row, independent) from a count table expanded into one record per person."""
    counts = np.array([[int(to_float(c)) for c in r] for r in table], dtype=np.int64)
    if counts.min() < 0 or counts.sum() > 10**6:
        raise CheckFailed("counts must be non-negative and at most 10**6 in total")
    rows, cols = np.indices(counts.shape)
    rec_row = np.repeat(rows.ravel(), counts.ravel())
    rec_col = np.repeat(cols.ravel(), counts.ravel())
    in_row, in_col = rec_row == int(row), rec_col == int(col)
    both = int(np.sum(in_row & in_col))
    n, n_row, n_col = rec_row.size, int(in_row.sum()), int(in_col.sum())
    return TwoWay(Fraction(both, n_col), Fraction(both, n_row), both * n == n_row * n_col)


@check()
def natural_frequencies(prevalence: Any, sensitivity: Any, specificity: Any, population: Any = 100_000) -> list[Any]:
    """[number testing positive, P(D | +), P(D | -)] by counting a population in whole people."""
    pop = int(population)
    sick = to_fraction(prevalence) * pop
    if sick.denominator != 1:
        raise CheckFailed("the population does not split into whole people")
    tp, fn = to_fraction(sensitivity) * sick, (1 - to_fraction(sensitivity)) * sick
    tn, fp = to_fraction(specificity) * (pop - sick), (1 - to_fraction(specificity)) * (pop - sick)
    if any(x.denominator != 1 for x in (tp, fn, tn, fp)):
        raise CheckFailed("the population does not split into whole people")
    people = np.concatenate([np.full(int(tp), 3), np.full(int(fn), 2), np.full(int(fp), 1), np.full(int(tn), 0)])
    sick_mask, pos_mask = people >= 2, (people % 2) == 1
    n_pos = int(pos_mask.sum())
    return [n_pos, Fraction(int((sick_mask & pos_mask).sum()), n_pos),
            Fraction(int((sick_mask & ~pos_mask).sum()), pop - n_pos)]


@check(needs_rng=True, simulation=True)
def screening_simulation_agrees(rng: np.random.Generator, prevalence: Any, sensitivity: Any,
                                specificity: Any, p_sick_given_pos: Any) -> bool:
    """Simulate 200 000 people (how many are sick, then how many of each group test positive); P(D | +) agrees.

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """

    def simulate() -> list[tuple[float, float, int, str]]:
        sick = int(rng.binomial(MC_DRAWS, to_float(prevalence)))
        true_pos = int(rng.binomial(sick, to_float(sensitivity)))
        false_pos = int(rng.binomial(MC_DRAWS - sick, 1 - to_float(specificity)))
        n_pos = true_pos + false_pos
        est = true_pos / n_pos if n_pos else float("nan")
        return [(est, to_float(p_sick_given_pos), n_pos, "screening simulation P(D | +)")]

    return estimates_agree(simulate)


@check()
def population_bayes(shares: Sequence[Any], rates: Sequence[Any], k: Any) -> Sources:
    """Sources (p_defect, p_source_given_defect) for source k (0-based), counting a population that clears all denominators."""
    shares, rates = [to_fraction(s) for s in shares], [to_fraction(r) for r in rates]
    if sum(shares) != 1:
        raise CheckFailed(f"shares add up to {sum(shares)}, not 1")
    size = 1
    for s, r in zip(shares, rates):
        size = math.lcm(size, (s * r).denominator, s.denominator)
    if size > 10**6:
        raise CheckFailed("population too large to count")
    source = np.concatenate([np.full(int(s * size), i) for i, s in enumerate(shares)])
    defective = np.zeros(size, dtype=bool)
    start = 0
    for s, r in zip(shares, rates):
        units = int(s * size)
        defective[start:start + int(r * units)] = True
        start += units
    n_def = int(defective.sum())
    return Sources(Fraction(n_def, size), Fraction(int(np.sum(defective & (source == int(k)))), n_def))


@check(needs_rng=True, simulation=True)
def sources_simulation_agrees(rng: np.random.Generator, shares: Sequence[Any], rates: Sequence[Any], k: Any,
                              p_defect: Any, p_k_given_defect: Any) -> bool:
    """Simulate 200 000 units (multinomial split over sources, binomial defects per source); P(defect) and P(source k | defect) agree.

    False alarm: about 1.3e-4 per question (two estimates, 4 standard errors each).
    """
    sh = np.array([to_float(s) for s in shares])
    rt = np.array([to_float(r) for r in rates])

    def simulate() -> list[tuple[float, float, int, str]]:
        per_source = rng.multinomial(MC_DRAWS, sh / sh.sum())
        defects = rng.binomial(per_source, rt)
        n_def = int(defects.sum())
        est = defects[int(k)] / n_def if n_def else float("nan")
        return [(n_def / MC_DRAWS, to_float(p_defect), MC_DRAWS, "P(defect)"),
                (est, to_float(p_k_given_defect), n_def, "P(source | defect)")]

    return estimates_agree(simulate)


def _seq(sequence: Sequence[Any]) -> tuple[int, ...]:
    out = tuple(int(to_float(s)) for s in sequence)
    if not out or any(s not in (0, 1) for s in out):
        raise CheckFailed("a coin sequence is a list of 1 (heads) and 0 (tails)")
    return out


@check()
def enumerate_coin_posterior(prior: Any, p_heads: Any, sequence: Sequence[Any]) -> Fraction:
    """P(biased | sequence): list every (coin, sequence) outcome with its exact probability and condition."""
    prior, ph, seq = to_fraction(prior), to_fraction(p_heads), _seq(sequence)
    joint_biased = joint_total = Fraction(0)
    for coin, p_coin in (("biased", prior), ("fair", 1 - prior)):
        h = ph if coin == "biased" else Fraction(1, 2)
        for flips in itertools.product((0, 1), repeat=len(seq)):
            if flips != seq:
                continue
            pr = p_coin
            for f in flips:
                pr *= h if f else 1 - h
            joint_total += pr
            if coin == "biased":
                joint_biased += pr
    return joint_biased / joint_total


@check(needs_rng=True, simulation=True)
def coin_posterior_simulation_agrees(rng: np.random.Generator, prior: Any, p_heads: Any,
                                     sequence: Sequence[Any], posterior: Any) -> bool:
    """Simulate 200 000 / n runs (pick a coin, flip n times); among runs matching the sequence the biased share agrees.

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    seq = np.array(_seq(sequence)).astype(bool)
    runs = MC_DRAWS // len(seq)

    def simulate() -> list[tuple[float, float, int, str]]:
        biased = rng.random(runs) < to_float(prior)
        ph = np.where(biased, to_float(p_heads), 0.5)
        flips = rng.random((len(seq), runs)) < ph          # one row per flip, one column per run
        match = np.all(flips == seq[:, None], axis=0)
        n = int(match.sum())
        est = float(biased[match].mean()) if n else float("nan")
        return [(est, to_float(posterior), n, "coin posterior simulation")]

    return estimates_agree(simulate)


# --------------------------------------------------------------------------- weeks 3-4: urns, naive Bayes, classifiers
# (bank helper for the 3-4/probability cell)


class UrnDraws(Record):
    """Probabilities of two draws without replacement from r red and b blue balls."""

    second_red_given_first_red: Fraction
    both_red: Fraction
    one_each: Fraction


@check()
def urn_draw_probabilities(red: Any, blue: Any) -> UrnDraws:
    """UrnDraws by listing every ordered pair of distinct labelled balls (itertools.permutations)."""
    r, b = int(red), int(blue)
    if not (1 <= r <= 20 and 1 <= b <= 20):
        raise CheckFailed("urn_draw_probabilities() lists urns of at most 20 + 20 balls")
    colour = ["R"] * r + ["B"] * b
    pairs = list(itertools.permutations(range(r + b), 2))
    first_red = [p for p in pairs if colour[p[0]] == "R"]
    both = [p for p in first_red if colour[p[1]] == "R"]
    mixed = [p for p in pairs if colour[p[0]] != colour[p[1]]]
    return UrnDraws(Fraction(len(both), len(first_red)), Fraction(len(both), len(pairs)), Fraction(len(mixed), len(pairs)))


@check()
def two_stage_urn_posterior(faces: Sequence[Any], reds: Sequence[Any], totals: Sequence[Any], urn: Any,
                            red_seen: Any) -> Fraction:
    """P(urn | colour seen) when a fair die picks urn i on faces[i] of its six faces and one ball is drawn:
    list every (face, ball) pair with probability 1/6 * 1/total and condition on the colour."""
    faces, reds, totals = [int(f) for f in faces], [int(r) for r in reds], [int(t) for t in totals]
    if sum(faces) != 6 or not (len(faces) == len(reds) == len(totals)):
        raise CheckFailed("the urns' faces must cover the six faces of the die")
    owner = [i for i, f in enumerate(faces) for _ in range(f)]          # die face -> urn
    want_red = bool(red_seen)
    match = match_urn = Fraction(0)
    for face in range(6):
        i = owner[face]
        for ball in range(totals[i]):
            if (ball < reds[i]) == want_red:
                w = Fraction(1, 6 * totals[i])
                match += w
                if i == int(urn):
                    match_urn += w
    return match_urn / match


@check()
def naive_bayes_enumerate(prior: Any, p1_spam: Any, p1_ham: Any, p2_spam: Any, p2_ham: Any,
                          x1: Any, x2: Any) -> Fraction:
    """P(spam | word 1 present = x1, word 2 present = x2) by listing the model's joint distribution
    over (class, word 1, word 2) and conditioning on the observed words."""
    pr = to_fraction(prior)
    model = {1: (pr, to_fraction(p1_spam), to_fraction(p2_spam)), 0: (1 - pr, to_fraction(p1_ham), to_fraction(p2_ham))}
    joint = {}
    for cls, (pc, q1, q2) in model.items():
        for w1, w2 in itertools.product((0, 1), repeat=2):
            joint[cls, w1, w2] = pc * (q1 if w1 else 1 - q1) * (q2 if w2 else 1 - q2)
    if sum(joint.values()) != 1:
        raise CheckFailed("the model's probabilities do not add up to 1")
    seen = [(c, w1, w2) for (c, w1, w2) in joint if w1 == int(bool(x1)) and w2 == int(bool(x2))]
    return sum(joint[k] for k in seen if k[0] == 1) / sum(joint[k] for k in seen)


class Metrics(Record):
    """A binary classifier's precision, recall, accuracy and specificity."""

    precision: float
    recall: float
    accuracy: float
    specificity: float


@check()
def np_confusion_metrics(tp: Any, fn: Any, fp: Any, tn: Any) -> Metrics:
    """Metrics from label arrays (actual, predicted) expanded from the four counts with NumPy."""
    counts = [int(tp), int(fn), int(fp), int(tn)]
    if min(counts) < 0 or sum(counts) > 10**6:
        raise CheckFailed("counts must be non-negative")
    actual = np.repeat([1, 1, 0, 0], counts)
    predicted = np.repeat([1, 0, 1, 0], counts)
    tp_, pred_pos, act_pos = np.sum((actual == 1) & (predicted == 1)), np.sum(predicted == 1), np.sum(actual == 1)
    tn_ = np.sum((actual == 0) & (predicted == 0))
    return Metrics(float(tp_ / pred_pos), float(tp_ / act_pos), float(np.mean(actual == predicted)),
                   float(tn_ / np.sum(actual == 0)))


class Conditionals(Record):
    """P(A | B), P(B | A) and P(A or B) of two events."""

    a_given_b: Fraction
    b_given_a: Fraction
    union: Fraction


@check()
def count_conditionals(p_a: Any, p_b: Any, p_ab: Any) -> Conditionals:
    """Conditionals by counting an equally likely space of LCD outcomes, each labelled (in A, in B)."""
    labels = np.array(lcd_outcomes(p_a, p_b, p_ab))
    size = len(labels)
    in_a, in_b = labels[:, 0] == 1, labels[:, 1] == 1
    if not in_a.any() or not in_b.any():
        raise CheckFailed("both events need a positive probability")
    both = int(np.sum(in_a & in_b))
    return Conditionals(Fraction(both, int(in_b.sum())), Fraction(both, int(in_a.sum())),
                        Fraction(int(np.sum(in_a | in_b)), size))


class GivenAtLeastOne(Record):
    """Conditional probabilities of n Bernoulli(p) trials given partial information."""

    all_given_any: Fraction
    all_given_first: Fraction
    one_given_any: Fraction


@check()
def enumerate_given_at_least_one(p: Any, n: Any) -> GivenAtLeastOne:
    """GivenAtLeastOne by listing the 2**n success/failure sequences with their exact probabilities and conditioning."""
    p, n = to_fraction(p), int(n)
    if not 1 <= n <= 12 or not 0 < p < 1:
        raise CheckFailed("enumerate_given_at_least_one() needs 1 <= n <= 12 and 0 < p < 1")
    weight = {s: p ** sum(s) * (1 - p) ** (n - sum(s)) for s in itertools.product((0, 1), repeat=n)}
    any_ = sum(w for s, w in weight.items() if sum(s))
    first = sum(w for s, w in weight.items() if s[0])
    every = weight[(1,) * n]
    one = sum(w for s, w in weight.items() if sum(s) == 1)
    return GivenAtLeastOne(every / any_, every / first, one / any_)
