#!/usr/bin/env python3
"""Independent reference for `gloss stats crosstab|ttest --format json` (Tests/GlossCLITests/StatsCLIReferenceTests).

Reads, next to this script:
  variables.json       the project's variable declarations (what project.json says)
  cases-export.csv     the cases as `gloss cases export DIR` writes them (first column chat, empty = unknown)
  codings-export.csv   coder ann's codings as `gloss codings export DIR --coder ann` writes them
  queries.json         the commands: [{name, args}], args as given to `gloss stats` after the subcommand's DIR
and writes stats_cli_outputs.json: {name: the JSON gloss must print}.

No Gloss code: plain Python builds each table from the two CSVs (types, declared orders, bins, --where, missing
values and code presence worked out here), and scipy computes the tests: chi2_contingency (correction False, and
True for 2 x 2), fisher_exact, ttest_ind (equal_var True and False); the adjusted standardized residuals are
(O - E) / sqrt(E (1 - row/n) (1 - col/n)) with a two-sided normal p. Rules (docs/analysis.md, "gloss stats"):
  - a case is a row of cases-export.csv; a variable's value is unknown where its cell is empty;
  - a binned variable takes the first bin whose up_to is >= the number (the last bin takes the rest);
  - rows and columns: declared order (ordinal, binned, category with values), else a category's distinct values
    sorted, a number's distinct values ascending (all cases, not only the filtered ones);
  - code:PATH is "1" where the chat has a coding with PATH or a code below it, "0" where the chat is in the
    codings export without one (coded), unknown where it is not in the export (not started, or no transcript);
    labels "1" then "0";
  - --where keeps the cases meeting every condition; n = cases where both are known, missing = the others;
  - rows or columns without cases are shown but left out of the tests;
  - ttest: groups in GROUP's order among the cases (or --groups A B); missing = cases with GROUP unknown, or in
    one of the two groups with VAR unknown.
Run: python3 Tests/GlossCLITests/reference/stats/stats_cli_reference.py (scipy 1.17 made the committed file).
"""
import csv
import json
import math
import os

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))


def read_csv(name):
    with open(os.path.join(HERE, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def number(text):
    return float(text)


def number_label(x):
    return str(int(x)) if x == int(x) else repr(x)


declarations = {d["name"]: d for d in json.load(open(os.path.join(HERE, "variables.json"), encoding="utf-8"))}
cases = read_csv("cases-export.csv")
codings = read_csv("codings-export.csv")
queries = json.load(open(os.path.join(HERE, "queries.json"), encoding="utf-8"))

columns = [c for c in cases[0].keys() if c != "chat"]
values = {}   # variable -> {case: label}; unknown cases absent
numbers = {}  # number variable -> {case: float}
types = {}
for name in columns:
    d = declarations.get(name)
    if d and "from" in d:
        continue  # binned: computed below from its number, not read from the export
    raw = {row["chat"]: row[name] for row in cases if row[name] != ""}
    if d:
        kind = d["type"]
    else:
        try:
            [number(v) for v in raw.values()]
            kind = "number"
        except ValueError:
            kind = "category"
    types[name] = kind
    if kind == "number":
        numbers[name] = {c: number(v) for c, v in raw.items()}
        values[name] = {c: number_label(x) for c, x in numbers[name].items()}
    else:
        values[name] = raw

for name, d in declarations.items():
    if "from" not in d:
        continue
    types[name] = "ordinal"
    binned = {}
    for c, x in numbers[d["from"]].items():
        for b in d["bins"]:
            if "up_to" not in b or x <= b["up_to"]:
                binned[c] = b["label"]
                break
    values[name] = binned
    exported = {row["chat"]: row[name] for row in cases if row[name] != ""}
    assert exported == binned, f"the export's {name} differs from the bins computed here"


def labels_of(name):
    d = declarations.get(name)
    if d and "bins" in d:
        return [b["label"] for b in d["bins"]]
    if d and d.get("values"):
        return list(d["values"])
    if types[name] == "number":
        return [number_label(x) for x in sorted(set(numbers[name].values()))]
    return sorted(set(values[name].values()))


started = {row["chat"] for row in codings}
chat_codes = {}
for row in codings:
    if row["code"]:
        chat_codes.setdefault(row["chat"], set()).add(row["code"])


def code_axis(path):
    path = path.strip()
    out = {}
    for c in started:
        held = chat_codes.get(c, set())
        out[c] = "1" if any(code == path or code.startswith(path + " > ") for code in held) else "0"
    return ["1", "0"], out


def axis(name):
    if name.lower().startswith("code:"):
        return code_axis(name[5:])
    return labels_of(name), values[name]


def filtered(conditions):
    kept = []
    for row in cases:
        c = row["chat"]
        ok = True
        for condition in conditions:
            if condition.lower().startswith("code:"):
                path, flag = condition[5:].rsplit("=", 1)
                ok = ok and code_axis(path)[1].get(c) == flag.strip()
            else:
                name, value = condition.split("=", 1)
                ok = ok and values[name].get(c) == value
        if ok:
            kept.append(c)
    return kept


def parse(args):
    sub, target, rest = args[0], args[1], args[2:]
    options = {"where": [], "groups": None}
    i = 0
    while i < len(rest):
        if rest[i] == "--by":
            options["by"] = rest[i + 1]; i += 2
        elif rest[i] == "--where":
            options["where"].append(rest[i + 1]); i += 2
        elif rest[i] == "--groups":
            options["groups"] = rest[i + 1:i + 3]; i += 3
        else:
            raise SystemExit(f"unknown argument {rest[i]}")
    return sub, target, options


def crosstab(target, options):
    row_labels, row_values = axis(target)
    column_labels, column_values = axis(options["by"])
    kept = filtered(options["where"])
    counts = [[0] * len(column_labels) for _ in row_labels]
    missing = 0
    for c in kept:
        r, k = row_values.get(c), column_values.get(c)
        if r is None or k is None:
            missing += 1
            continue
        counts[row_labels.index(r)][column_labels.index(k)] += 1
    observed = np.array(counts, dtype=float)
    n = int(observed.sum())
    row_totals, column_totals = observed.sum(axis=1), observed.sum(axis=0)
    out = {
        "rows": row_labels, "columns": column_labels, "n": n, "missing": missing, "counts": counts,
        "column_percent": [[None if column_totals[j] == 0 else 100.0 * counts[i][j] / column_totals[j]
                            for j in range(len(column_labels))] for i in range(len(row_labels))],
        "expected": None if n == 0 else [[row_totals[i] * column_totals[j] / n for j in range(len(column_labels))]
                                         for i in range(len(row_labels))],
        "chi2": None, "cells": [[None] * len(column_labels) for _ in row_labels],
        "expected_below_5": None, "fisher": None, "chi2_yates": None,
    }
    rows_in = [i for i in range(len(row_labels)) if row_totals[i] > 0]
    columns_in = [j for j in range(len(column_labels)) if column_totals[j] > 0]
    if len(rows_in) < 2 or len(columns_in) < 2:
        return out
    tested = observed[np.ix_(rows_in, columns_in)]
    result = stats.chi2_contingency(tested, correction=False)
    out["chi2"] = {"statistic": float(result.statistic), "df": int(result.dof), "p": float(result.pvalue)}
    expected = result.expected_freq
    out["expected_below_5"] = int((expected < 5).sum())
    r_tot, c_tot = tested.sum(axis=1), tested.sum(axis=0)
    for a, i in enumerate(rows_in):
        for b, j in enumerate(columns_in):
            e = expected[a, b]
            z = (tested[a, b] - e) / math.sqrt(e * (1 - r_tot[a] / n) * (1 - c_tot[b] / n))
            out["cells"][i][j] = {"adjusted_residual": float(z), "p": float(2 * stats.norm.sf(abs(z)))}
    if tested.shape == (2, 2):
        out["fisher"] = {"p": float(stats.fisher_exact(tested, alternative="two-sided").pvalue)}
        yates = stats.chi2_contingency(tested, correction=True)
        out["chi2_yates"] = {"statistic": float(yates.statistic), "p": float(yates.pvalue)}
    return out


def ttest(target, options):
    group_labels, group_values = axis(options["by"])
    kept = filtered(options["where"])
    present = {group_values[c] for c in kept if c in group_values}
    picked = options["groups"] or [label for label in group_labels if label in present]
    assert len(picked) == 2, picked
    samples = [[], []]
    missing = 0
    for c in kept:
        g = group_values.get(c)
        if g is None:
            missing += 1
            continue
        if g not in picked:
            continue
        x = numbers[target].get(c)
        if x is None:
            missing += 1
            continue
        samples[picked.index(g)].append(x)
    a, b = np.array(samples[0]), np.array(samples[1])
    student = stats.ttest_ind(a, b, equal_var=True)
    welch = stats.ttest_ind(a, b, equal_var=False)
    return {
        "groups": [{"label": picked[k], "n": len(s), "mean": float(np.mean(s)), "sd": float(np.std(s, ddof=1))}
                   for k, s in enumerate(samples)],
        "student": {"t": float(student.statistic), "df": float(student.df), "p": float(student.pvalue)},
        "welch": {"t": float(welch.statistic), "df": float(welch.df), "p": float(welch.pvalue)},
        "missing": missing,
    }


outputs = {}
for query in queries:
    sub, target, options = parse(query["args"])
    outputs[query["name"]] = crosstab(target, options) if sub == "crosstab" else ttest(target, options)
with open(os.path.join(HERE, "stats_cli_outputs.json"), "w", encoding="utf-8") as f:
    json.dump(outputs, f, indent=1, ensure_ascii=False, allow_nan=False)
    f.write("\n")
