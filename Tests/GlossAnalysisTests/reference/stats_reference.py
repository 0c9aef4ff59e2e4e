#!/usr/bin/env python3
"""Independent reference values for Gloss's statistics, computed with scipy (it shares no code with Gloss).

Gloss writes its special functions and tests by hand (Sources/GlossAnalysis/Statistics); this script computes
the same quantities with scipy so that Tests/GlossAnalysisTests/Statistics*Tests.swift can compare them at
1e-9 relative. CI has no scipy: the tests read the two committed files, never this script.

    stats_inputs.json    the inputs: special-function arguments (including extreme tails: p down to 1e-300,
                         df from 1 to 10,000 and a few to 1,000,000, huge and tiny arguments), crosstabs,
                         t-test samples
    stats_outputs.json   scipy's answers, in the same order

What is computed, and with what:
- log_gamma: scipy.special.gammaln
- gamma_p / gamma_q: scipy.special.gammainc / gammaincc (the regularized incomplete gamma P and Q)
- beta: scipy.special.betainc, and 1 - I as scipy.special.betaincc
- erfc: scipy.special.erfc
- normal: 2 * scipy.stats.norm.sf(|z|)
- student: 2 * scipy.stats.t.sf(|t|, df) (for df = 1 and t beyond 1e154, the closed form: see student_p)
- chi2: scipy.stats.chi2.sf(statistic, df)
- crosstab: the decisions of docs/analysis.md ("Statistics") written again here: rows and columns whose total
  is 0 are left out of the tests; with fewer than two rows or columns left (a 1 x k table, n = 0) there is no
  test (null). Pearson chi2 = scipy.stats.chi2_contingency(correction=False); for a 2 x 2 tested table,
  Yates = chi2_contingency(correction=True) and Fisher = scipy.stats.fisher_exact (two-sided). The adjusted
  standardized residual (Agresti 2013, section 2.4.5) (O - E) / sqrt(E (1 - row/n) (1 - column/n)) with its
  two-sided p = 2 * norm.sf(|r|); expected counts row * column / n; column percentages 100 * count / column
  total (null for an empty column).
- ttest: scipy.stats.ttest_ind(first, second, equal_var=True) (Student) and equal_var=False (Welch), with
  their df; the groups' n, mean (numpy) and sd (numpy, ddof=1).

Every undefined value is null, never NaN.

Usage (python3 with scipy >= 1.11; the committed outputs were made with scipy 1.17.1):
    stats_reference.py --regenerate   write stats_inputs.json (from the fixed seed and lists below) and
                                      stats_outputs.json; then run the Swift tests
    stats_reference.py --check        recompute the outputs from the committed inputs and compare them with the
                                      committed outputs (exit 1 on any difference above 1e-13 relative); with
                                      mpmath installed, also report how far scipy itself is from 50-digit values
"""

import json
import warnings
import math
import os
import sys

import numpy as np
from scipy import special, stats

HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.join(HERE, "stats_inputs.json")
OUTPUTS = os.path.join(HERE, "stats_outputs.json")
SEED = 20250611

TAIL_PS = [0.5, 0.05, 1e-3, 1e-10, 1e-30, 1e-100, 1e-200, 1e-300]
DFS = [1, 2, 3, 5, 10, 30, 100, 589, 1000, 10000]
# Beyond the range (df to 10,000): a comparison group can be large.
LARGE_DFS = [1e5, 1e6]
LARGE_TAIL_PS = [0.5, 1e-3, 1e-100, 1e-300]


# ----------------------------------------------------------------------------------------------------
# Inputs


def make_inputs():
    rng = np.random.default_rng(SEED)

    log_gamma = [1e-300, 1e-10, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 10.0, 100.5, 1234.5, 5000.0, 5000.5, 1e5, 1e10]
    log_gamma += [float(v) for v in rng.uniform(0.01, 50, 10)]

    gamma = []
    for a in [0.5, 1.0, 1.5, 2.5, 5.0, 15.0, 50.0, 294.5, 500.0, 5000.0]:
        for x_over_a in [1e-6, 0.01, 0.5, 0.9, 1.0, 1.1, 2.0, 5.0]:
            gamma.append([a, a * x_over_a])
        for p in [1e-10, 1e-100, 1e-300]:
            gamma.append([a, float(special.gammainccinv(a, p))])
    for a in [5e4, 5e5]:
        for p in LARGE_TAIL_PS:
            gamma.append([a, float(special.gammainccinv(a, p))])
        gamma.append([a, a * 0.97])
    gamma += [[0.5, 1e-300], [3.0, 1e-300], [0.5, 700.0], [1.0, 745.0], [100.0, 1e-5], [0.01, 0.5], [0.1, 20.0]]

    beta = []
    for a, b in [(0.5, 0.5), (0.5, 2.0), (2.0, 0.5), (1.0, 1.0), (3.0, 7.0), (15.0, 0.5), (50.0, 50.0),
                 (0.05, 0.5), (500.0, 0.5), (5000.0, 0.5), (5000.0, 5000.0), (294.5, 0.5), (10.0, 2000.0),
                 (10.0, 10.0), (12.5, 3.0), (0.5, 40.0), (5e4, 5e4), (5e5, 0.5), (2e4, 3e5)]:
        for x in [1e-300, 1e-8, 0.001, 0.1, 0.3, 0.5, 0.7, 0.9, 0.999, 0.9999999]:
            beta.append([x, a, b])
    beta += [[float(x), float(a), float(b)] for x, a, b in
             zip(rng.uniform(0, 1, 20), rng.uniform(0.1, 30, 20), rng.uniform(0.1, 30, 20))]

    erfc = [-30.0, -5.0, -1.0, -1e-3, 0.0, 1e-300, 1e-8, 0.1, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 26.0, 26.5, 27.0, 30.0]

    normal = [0.0, 1e-10, 0.5, -1.0, 1.959963984540054, 2.5, -3.0, 4.27, 8.0, 15.0, 30.0, 37.5, 38.0, 40.0, 1e3]
    normal += [float(stats.norm.isf(p / 2)) for p in TAIL_PS]

    student = []
    for df in DFS:
        for p in TAIL_PS:
            student.append([student_isf(p, df), float(df)])
        student.append([0.5, float(df)])
    for df in LARGE_DFS:
        for p in LARGE_TAIL_PS:
            student.append([student_isf(p, df), df])
    student += [[4.27, 589.0], [-4.27, 589.0], [2.1, 105.37], [1e-8, 3.0], [1e10, 1.0], [1e200, 1.0], [1e100, 2.0],
                [50.0, 10000.0], [3.3, 0.5], [1.0, 0.01], [2.5, 47.21], [-1.3, 12.5]]

    chi2 = []
    for df in DFS:
        for p in TAIL_PS:
            chi2.append([float(stats.chi2.isf(p, df)), float(df)])
        chi2.append([1e-10, float(df)])
    for df in LARGE_DFS:
        for p in LARGE_TAIL_PS:
            chi2.append([float(stats.chi2.isf(p, df)), df])
    chi2 += [[45.12, 3.0], [3.84, 1.0], [0.0, 4.0], [2000.0, 10000.0], [10000.0, 10000.0], [1.0e6, 10000.0],
             [1e-300, 1.0], [1500.0, 1.0], [0.5, 0.5], [12.3, 7.5]]

    return {
        "seed": SEED,
        "log_gamma": log_gamma,
        "gamma": gamma,
        "beta": beta,
        "erfc": erfc,
        "normal": normal,
        "student": student,
        "chi2": chi2,
        "crosstabs": make_crosstabs(rng),
        "ttests": make_ttests(rng),
    }


def student_isf(p, df):
    """|t| with two-sided p (scipy's t.isf gives -inf near 1e-300 for some df; then via the inverse beta)."""
    t = float(stats.t.isf(p / 2, df))
    if math.isfinite(t) and t > 0:
        return t
    x = float(special.betaincinv(df / 2, 0.5, p))
    return math.sqrt(df) * math.sqrt((1 - x) / x)


def make_crosstabs(rng):
    age = ["12 jaar of jonger", "13 tot 15", "16 tot 17", "18 jaar of ouder"]
    tables = [
        ("2x2 worked example", [[12, 8], [4, 16]], ["ja", "nee"], ["ouders", "anders"]),
        ("2x2 large", [[120, 380], [60, 900]], ["ja", "nee"], ["a", "b"]),
        ("2x2 small counts", [[3, 1], [1, 3]], ["ja", "nee"], ["a", "b"]),
        ("2x2 zero cell", [[0, 5], [6, 2]], ["ja", "nee"], ["a", "b"]),
        ("2x2 two zero cells", [[7, 0], [0, 4]], ["ja", "nee"], ["a", "b"]),
        ("2x2 symmetric margins", [[2, 6], [6, 2]], ["ja", "nee"], ["a", "b"]),
        ("2x2 independent", [[10, 20], [10, 20]], ["ja", "nee"], ["a", "b"]),
        ("2x2 small difference", [[10, 11], [10, 10]], ["ja", "nee"], ["a", "b"]),
        ("2x2 one each", [[1, 0], [0, 1]], ["ja", "nee"], ["a", "b"]),
        ("2x2 far tail", [[400, 0], [0, 400]], ["ja", "nee"], ["a", "b"]),
        ("2x4", [[5, 12, 30, 8], [20, 14, 9, 3]], ["ja", "nee"], ["w", "x", "y", "z"]),
        ("4x2 table 1 shape", [[21, 40], [45, 180], [26, 210], [12, 159]], age, ["ouders", "anders"]),
        ("2x4 table 1 transposed", [[21, 45, 26, 12], [40, 180, 210, 159]], ["ouders", "anders"], age),
        ("3x5", [[int(v) for v in rng.integers(0, 30, 5)] for _ in range(3)], ["r1", "r2", "r3"],
         ["c1", "c2", "c3", "c4", "c5"]),
        ("3x3 empty row", [[4, 7, 9], [0, 0, 0], [8, 3, 5]], ["r1", "r2", "r3"], ["c1", "c2", "c3"]),
        ("2x3 empty column becomes 2x2", [[3, 0, 9], [8, 0, 2]], ["ja", "nee"], ["c1", "c2", "c3"]),
        ("2x2 empty row", [[0, 0], [3, 4]], ["ja", "nee"], ["a", "b"]),
        ("1x3", [[3, 4, 5]], ["only"], ["c1", "c2", "c3"]),
        ("empty", [[0, 0], [0, 0]], ["ja", "nee"], ["a", "b"]),
    ]
    return [{"name": name, "counts": counts, "rows": rows, "columns": columns, "missing": index % 3}
            for index, (name, counts, rows, columns) in enumerate(tables)]


def make_ttests(rng):
    def ages(n, mean, sd):
        return [float(v) for v in np.clip(np.round(rng.normal(mean, sd, n)), 8, 30)]

    return [
        {"name": "study shape 84 vs 507", "first": ages(84, 17.1, 2.4), "second": ages(507, 15.4, 2.3),
         "labels": ["ouders", "anders"], "missing": 4},
        {"name": "unequal variances", "first": [float(v) for v in rng.normal(10, 1, 12)],
         "second": [float(v) for v in rng.normal(12, 6, 40)], "labels": ["a", "b"], "missing": 0},
        {"name": "two values each", "first": [1.0, 2.0], "second": [4.0, 7.0], "labels": ["a", "b"], "missing": 0},
        {"name": "one group constant", "first": [3.0, 3.0, 3.0], "second": [1.0, 2.0, 4.0, 5.0], "labels": ["a", "b"],
         "missing": 1},
        {"name": "hand example", "first": [2.0, 4.0, 6.0], "second": [1.0, 2.0, 3.0, 4.0, 5.0], "labels": ["a", "b"],
         "missing": 0},
        {"name": "huge t", "first": [100.0 + i * 0.1 for i in range(10)], "second": [i * 0.1 for i in range(10)],
         "labels": ["a", "b"], "missing": 0},
        {"name": "large n", "first": [float(v) for v in rng.normal(0.1, 1, 1500)],
         "second": [float(v) for v in rng.normal(0, 1.5, 1000)], "labels": ["a", "b"], "missing": 2},
    ]


# ----------------------------------------------------------------------------------------------------
# Outputs


def finite(value):
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise SystemExit(f"scipy returned {value}: the inputs hold a case without a finite answer")
    return value


def crosstab(case):
    counts = np.array(case["counts"], dtype=np.int64)
    row_totals = counts.sum(axis=1)
    column_totals = counts.sum(axis=0)
    n = int(counts.sum())
    column_percent = [[None if column_totals[j] == 0 else 100 * int(counts[i, j]) / int(column_totals[j])
                       for j in range(counts.shape[1])] for i in range(counts.shape[0])]
    expected = None if n == 0 else [[int(row_totals[i]) * int(column_totals[j]) / n for j in range(counts.shape[1])]
                                    for i in range(counts.shape[0])]
    kept_rows = [i for i in range(counts.shape[0]) if row_totals[i] > 0]
    kept_columns = [j for j in range(counts.shape[1]) if column_totals[j] > 0]
    result = {"name": case["name"], "n": n, "column_percent": column_percent, "expected": expected,
              "chi2": None, "cells": [[None] * counts.shape[1] for _ in range(counts.shape[0])],
              "expected_below_5": None, "fisher": None, "chi2_yates": None}
    if len(kept_rows) < 2 or len(kept_columns) < 2:
        return result
    tested = counts[np.ix_(kept_rows, kept_columns)]
    pearson = stats.chi2_contingency(tested, correction=False)
    result["chi2"] = {"statistic": finite(pearson.statistic), "df": int(pearson.dof), "p": finite(pearson.pvalue)}
    tested_expected = pearson.expected_freq
    result["expected_below_5"] = int((tested_expected < 5).sum())
    r_totals = tested.sum(axis=1)
    c_totals = tested.sum(axis=0)
    for a, i in enumerate(kept_rows):
        for b, j in enumerate(kept_columns):
            e = tested_expected[a, b]
            residual = (tested[a, b] - e) / math.sqrt(e * (1 - r_totals[a] / n) * (1 - c_totals[b] / n))
            result["cells"][i][j] = {"adjusted_residual": finite(residual),
                                     "p": finite(2 * stats.norm.sf(abs(residual)))}
    if tested.shape == (2, 2):
        result["fisher"] = {"p": finite(stats.fisher_exact(tested).pvalue)}
        yates = stats.chi2_contingency(tested, correction=True)
        result["chi2_yates"] = {"statistic": finite(yates.statistic), "p": finite(yates.pvalue)}
    return result


def ttest(case):
    first = np.array(case["first"])
    second = np.array(case["second"])
    student = stats.ttest_ind(first, second, equal_var=True)
    welch = stats.ttest_ind(first, second, equal_var=False)
    groups = [{"n": len(values), "mean": finite(np.mean(values)), "sd": finite(np.std(values, ddof=1))}
              for values in (first, second)]
    return {"name": case["name"], "groups": groups,
            "student": {"t": finite(student.statistic), "df": finite(student.df), "p": finite(student.pvalue)},
            "welch": {"t": finite(welch.statistic), "df": finite(welch.df), "p": finite(welch.pvalue)}}


def student_p(t, df):
    """2 * t.sf(|t|, df). scipy 1.17 returns 0 where t * t overflows (t = 1e200, df = 1) although p is about
    1e-200; for df = 1 (the Cauchy distribution) the closed form 2 / pi * atan(1 / |t|) (Abramowitz & Stegun
    26.7.3) is used there instead. No other case of these inputs needs it (checked against mpmath)."""
    p = 2 * stats.t.sf(abs(t), df)
    if p == 0 and df == 1:
        p = 2 / math.pi * math.atan(1 / abs(t))
    return p


def make_outputs(inputs):
    return {
        "scipy": __import__("scipy").__version__,
        "log_gamma": [finite(special.gammaln(x)) for x in inputs["log_gamma"]],
        "gamma_p": [finite(special.gammainc(a, x)) for a, x in inputs["gamma"]],
        "gamma_q": [finite(special.gammaincc(a, x)) for a, x in inputs["gamma"]],
        "beta": [finite(special.betainc(a, b, x)) for x, a, b in inputs["beta"]],
        "beta_complement": [finite(special.betaincc(a, b, x)) for x, a, b in inputs["beta"]],
        "erfc": [finite(special.erfc(x)) for x in inputs["erfc"]],
        "normal": [finite(2 * stats.norm.sf(abs(z))) for z in inputs["normal"]],
        "student": [finite(student_p(t, df)) for t, df in inputs["student"]],
        "chi2": [finite(stats.chi2.sf(x, df)) for x, df in inputs["chi2"]],
        "crosstabs": [crosstab(case) for case in inputs["crosstabs"]],
        "ttests": [ttest(case) for case in inputs["ttests"]],
    }


# ----------------------------------------------------------------------------------------------------
# Checking


def differences(expected, actual, path="outputs"):
    """Every place where two JSON values differ by more than 1e-13 relative (1e-300 absolute near 0)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        if expected.keys() != actual.keys():
            return [f"{path}: keys {sorted(expected)} != {sorted(actual)}"]
        return [d for key in expected for d in differences(expected[key], actual[key], f"{path}.{key}")]
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{path}: {len(expected)} items != {len(actual)}"]
        return [d for i, (e, a) in enumerate(zip(expected, actual)) for d in differences(e, a, f"{path}[{i}]")]
    if isinstance(expected, float) or isinstance(actual, float):
        if not isinstance(expected, (int, float)) or not isinstance(actual, (int, float)):
            return [f"{path}: {expected!r} != {actual!r}"]
        if abs(expected - actual) <= max(1e-300, 1e-13 * abs(expected)):
            return []
        return [f"{path}: {expected!r} != {actual!r}"]
    return [] if expected == actual else [f"{path}: {expected!r} != {actual!r}"]


def mpmath_report(inputs, outputs):
    """How far scipy's special functions are from 50-digit mpmath values (information only; values that
    underflow below 1e-305 are not compared)."""
    try:
        import mpmath
    except ImportError:
        print("mpmath not installed: scipy not checked against high precision")
        return
    mpmath.mp.dps = 50

    def rel(compute, value):
        try:
            reference = float(compute())
        except Exception:  # noqa: BLE001 (ValueError, NoConvergence, …)
            return 0.0  # mpmath did not converge: no information
        if abs(reference) < 1e-305 and abs(value) < 1e-305:
            return 0.0  # both below the normal doubles: the value underflows

        return 0.0 if reference == value else abs(value - reference) / abs(reference) if reference else abs(value)

    checks = {
        "gamma_q": [rel(lambda: mpmath.gammainc(a, x, mpmath.inf, regularized=True), q)
                    for (a, x), q in zip(inputs["gamma"], outputs["gamma_q"])],
        "beta": [rel(lambda: mpmath.betainc(a, b, 0, x, regularized=True), v)
                 for (x, a, b), v in zip(inputs["beta"], outputs["beta"])],
        "student": [rel(lambda: mpmath.betainc(df / 2, 0.5, 0, mpmath.mpf(df) / (df + mpmath.mpf(t) ** 2), regularized=True), v)
                    for (t, df), v in zip(inputs["student"], outputs["student"])],
        "chi2": [rel(lambda: mpmath.gammainc(mpmath.mpf(df) / 2, mpmath.mpf(x) / 2, mpmath.inf, regularized=True), v)
                 for (x, df), v in zip(inputs["chi2"], outputs["chi2"])],
        "normal": [rel(lambda: mpmath.erfc(abs(mpmath.mpf(z)) / mpmath.sqrt(2)), v)
                   for z, v in zip(inputs["normal"], outputs["normal"])],
    }
    for name, errors in checks.items():
        worst = max(range(len(errors)), key=lambda i: errors[i])
        print(f"scipy vs mpmath, {name}: max relative error {errors[worst]:.3g} (case {worst})")


def main(argv):
    # scipy warns about "catastrophic cancellation" for nearly constant samples (a deliberate case here).
    warnings.simplefilter("ignore", RuntimeWarning)
    if argv == ["--regenerate"]:
        inputs = make_inputs()
        outputs = make_outputs(inputs)
        for path, value in ((INPUTS, inputs), (OUTPUTS, outputs)):
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(value, handle, indent=1, allow_nan=False)
                handle.write("\n")
        print(f"wrote {INPUTS} and {OUTPUTS}")
        return 0
    if argv == ["--check"]:
        with open(INPUTS, encoding="utf-8") as handle:
            inputs = json.load(handle)
        with open(OUTPUTS, encoding="utf-8") as handle:
            committed = json.load(handle)
        fresh = make_outputs(inputs)
        committed.pop("scipy", None)
        fresh.pop("scipy", None)
        found = differences(committed, fresh)
        for line in found[:50]:
            print(line)
        mpmath_report(inputs, fresh)
        print("committed outputs match scipy" if not found else f"{len(found)} differences")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
