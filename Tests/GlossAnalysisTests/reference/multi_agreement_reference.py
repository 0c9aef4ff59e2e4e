#!/usr/bin/env python3
"""Independent reference for Gloss's agreement among three or more coders (standard library only).

It shares no code with Gloss. From multi_inputs.json (beside this script) it computes, and writes to
multi_outputs.json, which the Swift tests read (they never run Python):

- Krippendorff's alpha, nominal, any number of coders, missing values, from the coincidence matrix
  (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section C), the general way: the
  function `krippendorff_alpha_nominal` of agreement_reference.py beside this script;
- Fleiss' kappa (Fleiss 1971): P_i = sum_k n_ik (n_ik - 1) / (m (m - 1)), P-bar their mean,
  p_k = sum_i n_ik / (N m), P_e = sum_k p_k^2, kappa = (P-bar - P_e) / (1 - P_e);
- for two coders of a project, everything `gloss compare --coders A B --format json` reports but segments
  (agreement_reference.compare), to check that JSON at full precision;
- for a project with several coders (the codings CSVs `gloss codings export` writes, plus each coder's
  done chats): the units (chats at least two coders marked done x compared codes; a coder who did not mark
  a chat done is missing there), alpha over all units and per code, Fleiss' kappa where every coder marked
  every such chat done (otherwise null and why), and per pair of coders the four cells over the chats both
  marked done with positive agreement, agreement over all cells, Cohen's kappa and alpha; pooled positive
  agreement = sum of the pairs' n11 / sum of their n11 + n10 + n01.

Published examples it must reproduce (checked by --self-test, and again when generating):
- Krippendorff (2011), C: 4 observers x 12 units, nominal, with missing values: alpha = 0.743;
- Fleiss (1971) as in the Wikipedia article "Fleiss' kappa": 10 subjects, 14 raters, 5 categories:
  P-bar = 0.378, P_e = 0.213, kappa = 0.210.

If the `krippendorff` package (PyPI, Castro 2017) is importable, every alpha is also checked against it
(generation only; its version is recorded in the outputs).

Usage: multi_agreement_reference.py [--self-test]
"""

import json
import os
import sys
from itertools import combinations

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from agreement_reference import cohen_kappa, compare, disagreements, krippendorff_alpha_nominal, read_codebook, read_codings  # noqa: E402


def fleiss_kappa(counts):
    """counts[i][k]: raters who put unit i in category k; every unit the same number of raters m >= 2."""
    if not counts:
        return None
    m = sum(counts[0])
    if m < 2 or any(sum(row) != m for row in counts):
        return None
    n_units = len(counts)
    categories = max(len(row) for row in counts)
    p_bar = sum(sum(c * (c - 1) for c in row) / (m * (m - 1)) for row in counts) / n_units
    totals = [sum(row[k] if k < len(row) else 0 for row in counts) for k in range(categories)]
    if sum(1 for t in totals if t > 0) <= 1:
        return None  # P_e = 1
    p_e = sum((t / (n_units * m)) ** 2 for t in totals)
    return (p_bar - p_e) / (1 - p_e)


def ratio(a, b):
    return None if b == 0 else a / b


def project_figures(spec):
    """The multi-coder comparison of one selection of a project's chats."""
    codebook = read_codebook(os.path.join(HERE, spec["codebook"]))
    coders = spec["coders"]
    present = {coder: read_codings(os.path.join(HERE, spec["codings"][coder]))[0] for coder in coders}
    done = {coder: set(spec["done"][coder]) for coder in coders}
    started = {coder: set(spec.get("started", {}).get(coder, [])) | done[coder] for coder in coders}
    chats = spec["chats"] if spec.get("selection") is None else [c for c in spec["chats"] if c in set(spec["selection"])]

    included = [chat for chat in chats if sum(1 for coder in coders if chat in done[coder]) >= 2]
    excluded = [chat for chat in chats if chat not in included and any(chat in started[coder] for coder in coders)]
    raters = {chat: [coder for coder in coders if chat in done[coder]] for chat in included}

    applied = set()
    for coder in coders:
        for chat in included:
            if chat in done[coder]:
                applied |= present[coder].get(chat, set())
    codes = [path for path, _, has_children in codebook if not has_children or path in applied]

    def value(coder, chat, code):
        if chat not in done[coder]:
            return None
        return 1 if code in present[coder].get(chat, set()) else 0

    units = [[value(coder, chat, code) for coder in coders] for chat in included for code in codes]
    alpha = krippendorff_alpha_nominal(units)
    partial = [chat for chat in included if len(raters[chat]) < len(coders)]

    def fleiss_of(unit_list):
        if partial:
            return None
        counts = [[sum(1 for v in unit if v == 0), sum(1 for v in unit if v == 1)] for unit in unit_list]
        return fleiss_kappa(counts)

    if not included or not codes:
        absence = "no_units"
    elif partial:
        absence = "missing_coders"
    elif fleiss_of(units) is None:
        absence = "undefined"
    else:
        absence = None

    per_code = []
    for code in codes:
        code_units = [[value(coder, chat, code) for coder in coders] for chat in included]
        per_code.append({"code": code, "alpha": krippendorff_alpha_nominal(code_units), "fleiss_kappa": fleiss_of(code_units)})

    pairs = []
    pooled = {"n11": 0, "n10": 0, "n01": 0, "n00": 0}
    for a, b in combinations(coders, 2):
        both = [chat for chat in included if chat in done[a] and chat in done[b]]
        values = [(value(a, chat, code), value(b, chat, code)) for chat in both for code in codes]
        cells = {"n11": 0, "n10": 0, "n01": 0, "n00": 0}
        for x, y in values:
            cells[f"n{x}{y}"] += 1
        for key in pooled:
            pooled[key] += cells[key]
        pairs.append(dict(coders=[a, b], chats=len(both), **cells,
                          positive=ratio(cells["n11"], cells["n11"] + cells["n10"] + cells["n01"]),
                          all=ratio(cells["n11"] + cells["n00"], len(values)),
                          kappa=cohen_kappa(values), alpha=krippendorff_alpha_nominal([list(v) for v in values])))
    defined = [row["alpha"] for row in per_code if row["alpha"] is not None]
    return {
        "chats": included,
        "excluded": excluded,
        "codes": codes,
        "alpha": alpha,
        "fleiss_kappa": fleiss_of(units),
        "fleiss_kappa_absent": absence,
        "mean_alpha": sum(defined) / len(defined) if defined else None,
        "undefined_alpha": len(per_code) - len(defined),
        "mean_fleiss_kappa": (sum(f) / len(f)) if (f := [r["fleiss_kappa"] for r in per_code if r["fleiss_kappa"] is not None]) else None,
        "undefined_fleiss_kappa": len(per_code) - len([r for r in per_code if r["fleiss_kappa"] is not None]),
        "per_code": per_code,
        "pairs": pairs,
        "pooled": dict(pooled, positive=ratio(pooled["n11"], pooled["n11"] + pooled["n10"] + pooled["n01"]),
                       all=ratio(pooled["n11"] + pooled["n00"], sum(pooled.values()))),
    }


def two_coder_figures(spec):
    """Two coders as `gloss compare --coders A B` (agreement_reference.compare), so the JSON's every number
    can be checked at full precision: the pairable chats are the ones both marked done."""
    a, b = spec["coders"]
    present_a = read_codings(os.path.join(HERE, spec["codings"][a]))[0]
    present_b = read_codings(os.path.join(HERE, spec["codings"][b]))[0]
    chats = spec["chats"] if spec.get("selection") is None else [c for c in spec["chats"] if c in set(spec["selection"])]
    pairable = [chat for chat in chats if chat in set(spec["done"][a]) and chat in set(spec["done"][b])]
    applied = set()
    for present in (present_a, present_b):
        for chat in pairable:
            applied |= present.get(chat, set())
    book = read_codebook(os.path.join(HERE, spec["codebook"]))
    codes = [path for path, _, has_children in book if not has_children or path in applied]
    result = compare(present_a, present_b, pairable, codes)
    events = disagreements(pairable, codes, present_a, present_b, {path: parent for path, parent, _ in book})
    result["disagreements"] = {kind: sum(1 for event in events if event["kind"] == kind) for kind in ("forgotten", "different")}
    return result


def krippendorff_units(observers):
    """Observers x units (None = missing) -> units x observers."""
    return [list(unit) for unit in zip(*observers)]


def self_test(inputs):
    failures = []

    def check(label, actual, expected, tolerance):
        ok = actual is not None and abs(actual - expected) <= tolerance
        print(f"{'ok  ' if ok else 'FAIL'} {label}: {actual!r} (expected {expected!r})")
        if not ok:
            failures.append(label)

    check("Krippendorff 2011, 4 observers x 12 units, nominal, missing values",
          krippendorff_alpha_nominal(krippendorff_units(inputs["krippendorff_2011"]["observers"])), 0.743, 5e-4)
    check("Fleiss 1971 (Wikipedia), kappa", fleiss_kappa(inputs["fleiss_1971"]["counts"]), 0.210, 5e-4)
    # Two coders, no missing values: Fleiss' kappa is Scott's pi; alpha = (1 - 1/n) pi-adjusted. Krippendorff
    # 2011 binary example: alpha = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    check("Krippendorff 2011 binary example", krippendorff_alpha_nominal([[x, y] for x, y in zip(a, b)]), 0.095, 5e-4)
    return failures


def package_check(outputs, inputs):
    """Every alpha against the `krippendorff` package, when it is installed."""
    try:
        import krippendorff
        import numpy
    except ImportError:
        return None
    import importlib.metadata

    def theirs(units):
        data = numpy.array([[numpy.nan if v is None else v for v in unit] for unit in units], dtype=float).T
        if numpy.sum(~numpy.isnan(data)) < 2:
            return None
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))

    ours = outputs["krippendorff_2011"]["alpha"]
    other = theirs(krippendorff_units(inputs["krippendorff_2011"]["observers"]))
    assert abs(ours - other) < 1e-12, (ours, other)
    for name, spec in inputs["projects"].items():
        result = outputs["projects"][name]
        coders = spec["coders"]
        done = {coder: set(spec["done"][coder]) for coder in coders}
        present = {coder: read_codings(os.path.join(HERE, spec["codings"][coder]))[0] for coder in coders}
        units = [[(1 if code in present[c].get(chat, set()) else 0) if chat in done[c] else None for c in coders]
                 for chat in result["chats"] for code in result["codes"]]
        other = theirs(units)
        assert result["alpha"] is None or abs(result["alpha"] - other) < 1e-12, (name, result["alpha"], other)
    return importlib.metadata.version("krippendorff")


def main(argv):
    with open(os.path.join(HERE, "multi_inputs.json"), encoding="utf-8") as handle:
        inputs = json.load(handle)
    failures = self_test(inputs)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    if argv[1:] == ["--self-test"]:
        print("all reference checks pass")
        return 0
    outputs = {
        "krippendorff_2011": {"alpha": krippendorff_alpha_nominal(krippendorff_units(inputs["krippendorff_2011"]["observers"]))},
        "fleiss_1971": {"kappa": fleiss_kappa(inputs["fleiss_1971"]["counts"])},
        "projects": {name: project_figures(spec) for name, spec in inputs["projects"].items()},
        "two_coder": {name: two_coder_figures(spec) for name, spec in inputs.get("two_coder", {}).items()},
    }
    outputs["krippendorff_package"] = package_check(outputs, inputs)
    with open(os.path.join(HERE, "multi_outputs.json"), "w", encoding="utf-8") as handle:
        json.dump(outputs, handle, indent=1, ensure_ascii=False, sort_keys=True)
        handle.write("\n")
    print("wrote multi_outputs.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
