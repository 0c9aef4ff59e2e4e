#!/usr/bin/env python3
"""Independent reference computation of Gloss's pair-coding agreement (standard library only).

It shares no code with Gloss. It reads two codings CSVs in the format `gloss codings export` writes

    chat,from_message,from_offset,to_message,to_offset,code,memo,relation      (RFC 4180; a row with only
    `chat` filled marks the chat done with no codes)

plus the pairable chats (both coders marked them done) and the compared code paths, builds the
chat x code presence table itself (a coder "has" a code in a chat when at least one row of that chat
names the code) and prints, as JSON:

- n11 / n10 / n01 / n00 (both / only A / only B / neither) in total and per code;
- positive agreement n11 / (n11 + n10 + n01) and agreement over all cells (n11 + n00) / N;
- Cohen's kappa with chance agreement pe = sum over the categories k of pA(k) * pB(k) (Cohen 1960);
- Krippendorff's alpha, computed the general way from the coincidence matrix (Krippendorff 2011,
  "Computing Krippendorff's Alpha-Reliability", section C, nominal metric), not from a closed form;
- the mean of the per-code kappa and alpha over the codes where they are defined, and how many are not;
- the disagreement events (forgotten / different: greedy pairing, in the order of the compared codes, of a
  code only A used with a code only B used that has the same parent; top-level codes never pair).

Every 0/0 is reported as null, never 0, 1 or NaN.

Usage:
    agreement_reference.py A.csv B.csv --pairable chat-01,chat-02,... (or --pairable-file FILE, one a line)
                           (--codes FILE | --codebook codebook.json)
    agreement_reference.py --self-test

--codes FILE: the compared code paths, one a line, in order.
--codebook codebook.json: the compared codes are derived: every code without sub-codes, plus any code with
    sub-codes that either coder applied directly in a pairable chat, in codebook (file) order.
"""

import csv
import io
import json
import sys
from collections import defaultdict

SEPARATOR = " > "


# ----------------------------------------------------------------------------------------------------
# Reading


def read_codings(path):
    """chat -> set of code paths, and the set of chats the file names (RFC 4180 via the csv module)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return parse_codings(handle.read(), path)


def parse_codings(text, path="<text>"):
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise SystemExit(f"{path}: empty file")
    header = [name.strip().lower() for name in rows[0]]
    try:
        chat_column = header.index("chat")
        code_column = header.index("code")
    except ValueError:
        raise SystemExit(f"{path}: the header must name the columns chat and code, it is {rows[0]}")
    present = defaultdict(set)
    chats = set()
    for row in rows[1:]:
        if not row or (len(row) == 1 and row[0] == ""):
            continue
        chat = row[chat_column].strip()
        chats.add(chat)
        code = row[code_column].strip() if code_column < len(row) else ""
        if code:
            present[chat].add(normalise(code))
    return present, chats


def normalise(path):
    """'A>B' and 'A  >  B' name the same code as 'A > B'."""
    return SEPARATOR.join(part.strip() for part in path.split(">"))


def read_codebook(path):
    """[(path, parent path or None, has children)] in file order (codebook.json lists codes in tree order)."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    codes = data["codes"]
    by_id = {code["id"]: code for code in codes}
    parents = {code.get("parent") for code in codes if code.get("parent")}

    def path_of(code):
        names = [code["name"]]
        seen = {code["id"]}
        parent = code.get("parent")
        while parent is not None and parent not in seen:
            seen.add(parent)
            names.append(by_id[parent]["name"])
            parent = by_id[parent].get("parent")
        return SEPARATOR.join(reversed(names))

    return [(path_of(code), path_of(by_id[code["parent"]]) if code.get("parent") else None, code["id"] in parents)
            for code in codes]


# ----------------------------------------------------------------------------------------------------
# Coefficients from the reliability data: a list of units, each the list of values the coders gave
# (None = missing), in the layout of Krippendorff (2011), section A.


def cohen_kappa(pairs):
    """Cohen's kappa for two coders; pairs = [(value of A, value of B)]. None when pe = 1 or no pairs."""
    n = len(pairs)
    if n == 0:
        return None
    categories = sorted({value for pair in pairs for value in pair})
    po = sum(1 for a, b in pairs if a == b) / n
    pe = 0.0
    for k in categories:
        pa = sum(1 for a, _ in pairs if a == k) / n
        pb = sum(1 for _, b in pairs if b == k) / n
        pe += pa * pb
    # pe = 1 exactly when both coders gave one and the same value to every unit.
    if len(categories) == 1:
        return None
    return (po - pe) / (1 - pe)


def krippendorff_alpha_nominal(units):
    """Krippendorff's alpha, nominal metric, any number of coders, missing values allowed.

    Krippendorff (2011), C: only units with m_u >= 2 values are pairable. The coincidence matrix is
    o_ck = sum over units of (number of ordered pairs of values c, k from different coders in u) / (m_u - 1);
    n_c = sum_k o_ck; n = sum_c n_c. Nominal: alpha = 1 - D_o / D_e with
    D_o = sum_{c != k} o_ck / n and D_e = sum_{c != k} n_c * n_k / (n (n - 1)),
    i.e. alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c * n_k. None when D_e = 0.
    """
    coincidence = defaultdict(float)
    for unit in units:
        values = [value for value in unit if value is not None]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidence[(c, k)] += 1.0 / (m - 1)
    totals = defaultdict(float)
    for (c, _), count in coincidence.items():
        totals[c] += count
    n = sum(totals.values())
    observed = sum(count for (c, k), count in coincidence.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if n <= 1 or expected == 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def ratio(numerator, denominator):
    return None if denominator == 0 else numerator / denominator


def cells_of(pairs):
    counts = {"n11": 0, "n10": 0, "n01": 0, "n00": 0}
    for a, b in pairs:
        counts[f"n{a}{b}"] += 1
    return counts


def figures(pairs):
    c = cells_of(pairs)
    return dict(c,
                positive=ratio(c["n11"], c["n11"] + c["n10"] + c["n01"]),
                all=ratio(c["n11"] + c["n00"], len(pairs)),
                kappa=cohen_kappa(pairs),
                alpha=krippendorff_alpha_nominal([[a, b] for a, b in pairs]))


# ----------------------------------------------------------------------------------------------------
# The comparison


def disagreements(pairable, codes, present_a, present_b, parent_of):
    """Events per chat: each code only A has is paired with the first (in codebook order) remaining code
    only B has under the same parent ("different"; top-level codes have no parent and never pair); what is
    left over is "forgotten"."""
    events = []
    for chat in pairable:
        a, b = present_a.get(chat, set()), present_b.get(chat, set())
        only_a = [code for code in codes if code in a and code not in b]
        only_b = [code for code in codes if code in b and code not in a]
        for code in only_a:
            parent = parent_of.get(code)
            # A top-level code has no parent, so it is never "under the same parent" as another code.
            match = None if parent is None else next((other for other in only_b if parent_of.get(other) == parent), None)
            if match is None:
                events.append({"chat": chat, "code": code, "kind": "forgotten", "only": "A", "other_code": None})
            else:
                only_b.remove(match)
                events.append({"chat": chat, "code": code, "kind": "different", "only": "A", "other_code": match})
        for code in only_b:
            events.append({"chat": chat, "code": code, "kind": "forgotten", "only": "B", "other_code": None})
    return events


def compare(present_a, present_b, pairable, codes):
    all_pairs = []
    per_code = []
    for code in codes:
        pairs = [(1 if code in present_a.get(chat, set()) else 0, 1 if code in present_b.get(chat, set()) else 0)
                 for chat in pairable]
        all_pairs += pairs
        per_code.append(dict(code=code, **figures(pairs)))
    result = {"pairable_chats": list(pairable), "codes": list(codes)}
    result.update(figures(all_pairs))
    result["per_code"] = per_code
    for name in ("kappa", "alpha"):
        defined = [row[name] for row in per_code if row[name] is not None]
        result[f"mean_{name}"] = sum(defined) / len(defined) if defined else None
        result[f"undefined_{name}"] = len(per_code) - len(defined)
    return result


# ----------------------------------------------------------------------------------------------------
# Self-test on published examples


def close(actual, expected, tolerance):
    return actual is not None and abs(actual - expected) <= tolerance


def self_test():
    failures = []

    def check(label, actual, expected, tolerance=5e-4):
        if expected is None:
            ok = actual is None
        else:
            ok = close(actual, expected, tolerance)
        print(f"{'ok  ' if ok else 'FAIL'} {label}: {actual!r} (expected {expected!r})")
        if not ok:
            failures.append(label)

    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", A: binary data, two observers,
    # ten units, no missing data: alpha = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    check("Krippendorff 2011 binary example, alpha", krippendorff_alpha_nominal([[x, y] for x, y in zip(a, b)]), 0.095)

    # Krippendorff (2011), C: nominal data, four observers, twelve units, missing values: alpha = 0.743.
    # (Also the example of the Wikipedia article "Krippendorff's alpha".)
    m = None
    observers = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3],
        [m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m],
    ]
    check("Krippendorff 2011 nominal example with missing values, alpha",
          krippendorff_alpha_nominal([list(unit) for unit in zip(*observers)]), 0.743)

    # Wikipedia, "Cohen's kappa", simple example: 20 yes/yes, 5 A yes B no, 10 A no B yes, 15 no/no:
    # po = 0.7, pe = 0.5, kappa = 0.4.
    pairs = [(1, 1)] * 20 + [(1, 0)] * 5 + [(0, 1)] * 10 + [(0, 0)] * 15
    check("Wikipedia Cohen's kappa example", cohen_kappa(pairs), 0.4, 1e-12)

    # ATLAS.ti manual (inter-coder agreement): 60 % agreement, 56 % expected by chance: kappa = 0.04 / 0.44.
    pairs = [(1, 1)] * 10 + [(1, 0)] * 30 + [(0, 1)] * 10 + [(0, 0)] * 50
    check("ATLAS.ti kappa example", cohen_kappa(pairs), 0.04 / 0.44, 1e-12)

    # Undefined: every value the same.
    check("alpha undefined when every value is 0", krippendorff_alpha_nominal([[0, 0]] * 5), None)
    check("kappa undefined when every value is 1", cohen_kappa([(1, 1)] * 5), None)

    # RFC 4180 reading: a quoted path with a comma, an escaped quote and a line break in a memo, done rows.
    text = ('chat,from_message,from_offset,to_message,to_offset,code,memo,relation\n'
            'c1,1,,1,,"P > a, b","memo ""x""\nline 2",\n'
            'c2,,,,,,,\n')
    present, chats = parse_codings(text)
    ok = present == {"c1": {"P > a, b"}} and chats == {"c1", "c2"}
    print(f"{'ok  ' if ok else 'FAIL'} RFC 4180 codings CSV: {dict(present)!r}, chats {sorted(chats)!r}")
    if not ok:
        failures.append("CSV")
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("all reference checks pass")
    return 0


# ----------------------------------------------------------------------------------------------------


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    arguments = argv[1:]
    options = {}
    files = []
    while arguments:
        argument = arguments.pop(0)
        if argument in ("--pairable", "--pairable-file", "--codes", "--codebook"):
            if not arguments:
                raise SystemExit(f"{argument} needs a value")
            options[argument] = arguments.pop(0)
        else:
            files.append(argument)
    if len(files) != 2:
        raise SystemExit(__doc__)
    present_a, _ = read_codings(files[0])
    present_b, _ = read_codings(files[1])
    if "--pairable" in options:
        pairable = [chat for chat in options["--pairable"].split(",") if chat]
    elif "--pairable-file" in options:
        with open(options["--pairable-file"], encoding="utf-8") as handle:
            pairable = [line.strip() for line in handle if line.strip()]
    else:
        raise SystemExit("give --pairable or --pairable-file")
    parent_of = {}
    if "--codes" in options:
        with open(options["--codes"], encoding="utf-8") as handle:
            codes = [normalise(line.rstrip("\n")) for line in handle if line.strip()]
        parent_of = {code: code.rsplit(SEPARATOR, 1)[0] if SEPARATOR in code else None for code in codes}
    elif "--codebook" in options:
        book = read_codebook(options["--codebook"])
        applied = set()
        for present in (present_a, present_b):
            for chat in pairable:
                applied |= present.get(chat, set())
        codes = [path for path, _, has_children in book if not has_children or path in applied]
        parent_of = {path: parent for path, parent, _ in book}
    else:
        raise SystemExit("give --codes or --codebook")
    result = compare(present_a, present_b, pairable, codes)
    events = disagreements(pairable, codes, present_a, present_b, parent_of)
    result["disagreements"] = {
        "forgotten": sum(1 for event in events if event["kind"] == "forgotten"),
        "different": sum(1 for event in events if event["kind"] == "different"),
        "items": events,
    }
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
