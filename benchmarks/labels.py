"""Score keraslint against a hand-labeled set of real Keras code: precision and recall per rule.

    python benchmarks/labels.py [--record] [--show]

The labeled set is ``tests/data/labels/*.py``: short programs written in our own words
with the structure of real, permissively licensed public Keras code (each file names the
repository, path, commit and licence it follows in its header; the sources are listed in
``tests/data/labels/SOURCES.md``), none of it code that keraslint's other tests use. A
person read each source and marked lines:

- ``# [rule] why``: the rule should flag this line (a positive label);
- ``# [ok: rule] why``: a line where the rule could be expected to speak and should
  not (a clean label).

Several markers may share a line (``# [rule-a] why; [ok: rule-b] why``). Every line
of a file was judged for every rule that has a label in the set, so a finding on a
line without a positive label for its rule counts as a false positive, whether or
not the line has a clean label.

Rules that are off by default count only where the set has labels for them. Per rule:
true positives (a finding on a positive label), false negatives (a positive label
without a finding), false positives; precision TP / (TP + FP), recall TP / (TP + FN).
Overall recall counts the rules keraslint has and enables by default. Labels for rules
this keraslint does not have yet are counted and listed apart.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import os
import re
import sys
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus  # noqa: E402  pylint: disable=wrong-import-position

LABELS_DIR = Path(HERE).parent / "tests" / "data" / "labels"
HEADER_FIELDS = ("Source", "Commit", "License")
PERMISSIVE_LICENSES = ("MIT", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause")
MARKER_START = re.compile(r"#\s*\[(?:ok:\s*)?[a-z0-9-]+\]")
MARKER = re.compile(r"\[(ok:\s*)?([a-z0-9][a-z0-9-]*)\]\s*([^\[]*)")


# How the labeled code was chosen, kept with the figures (update when the set changes).
HOW_FOUND = """\
How the set was built: the sources are application code (books, courses, tutorials,
model repositories) from the corpus of `benchmarks/precision.py`. About half of the
positive labels come from places that corpus run had already flagged (the sampled
findings pointed at them), the rest from reading the code around them and from searching
the corpus for the patterns themselves (`Conv2D` then `BatchNormalization`, `trainable`
after `compile`, a `BatchNormalization` after `Flatten`, an axis chosen by
`image_data_format()`): recall on this set is an upper estimate. The positive labels of
constant-kernel-initializer, and two each of dropout-before-batchnorm and
loss-activation-mismatch follow code the grown corpus flagged (for the first, the only
file), so their recall here says little. No public application code in the corpus had a
softmax output with `from_logits=True`, mismatched label encodings, a Dense on an
unflattened feature map or an activation repeated where the repeat changes the values, so
those rules have clean labels only. On 2026-12-05 four bias-before-batchnorm labels on
GAN generators with `BatchNormalization(axis=1)` became positive: the findings there hold
only under channels_first, which the code was written for or supports, and say so; the
doubled ReLU became a clean label for redundant-activation, which reports it only on
request. bias-before-batchnorm, loss-activation-mismatch and constant-kernel-initializer
are off by default since then and no longer count in the default rules' figures.
"""


@dataclasses.dataclass(frozen=True)
class Label:
    path: str  # relative to the labels directory
    line: int
    symbol: str
    flagged: bool  # True: the rule should flag the line; False: it should not
    reason: str


def parse_labels(path: Path) -> tuple[dict[str, str], list[Label], list[str]]:
    """(header fields, labels, problems) of one label file."""
    header, labels, problems = {}, [], []
    name = path.name
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        field = re.match(r"#\s*(\w+):\s*(.+)$", text)
        if field and field.group(1) in HEADER_FIELDS and field.group(1) not in header:
            header[field.group(1)] = field.group(2).strip()
            continue
        start = MARKER_START.search(text)
        if not start:
            continue
        seen = set()
        for ok, symbol, reason in MARKER.findall(text[start.start() :]):
            reason = reason.strip().rstrip(";").strip()
            if not reason:
                problems.append(f"{name}:{number}: marker [{ok}{symbol}] has no reason")
            if symbol in seen:
                problems.append(f"{name}:{number}: two markers for {symbol}")
            seen.add(symbol)
            labels.append(Label(name, number, symbol, not ok, reason))
    for field in HEADER_FIELDS:
        if field not in header:
            problems.append(f"{name}: header has no '# {field}:' line")
    licence = header.get("License", "")
    if licence and not licence.startswith(PERMISSIVE_LICENSES):
        problems.append(f"{name}: licence {licence!r} is not one of {', '.join(PERMISSIVE_LICENSES)}")
    if not re.fullmatch(r"[0-9a-f]{40}", header.get("Commit", "").split()[0] if header.get("Commit") else ""):
        problems.append(f"{name}: Commit is not a 40-digit commit id")
    if not labels:
        problems.append(f"{name}: no labels")
    return header, labels, problems


def label_files(directory: Path = LABELS_DIR) -> list[Path]:
    return sorted(directory.glob("*.py"))


def load(directory: Path = LABELS_DIR) -> tuple[list[Label], list[str]]:
    """Every label of the set, and every problem with its form (an empty list when well-formed)."""
    labels, problems = [], []
    sources = (directory / "SOURCES.md").read_text(encoding="utf-8") if (directory / "SOURCES.md").exists() else ""
    for path in label_files(directory):
        header, found, trouble = parse_labels(path)
        labels += found
        problems += trouble
        if path.name not in sources:
            problems.append(f"{path.name}: not listed in SOURCES.md")
        if header.get("Source") and header["Source"].split(",")[0] not in sources:
            problems.append(f"{path.name}: its repository is not listed in SOURCES.md")
    return labels, problems


def default_symbols() -> list[str]:
    from keraslint.rules import ALL_RULES  # pylint: disable=import-outside-toplevel

    return [rule.symbol for rule in ALL_RULES if getattr(rule, "default_enabled", True)]


def score(labels: list[Label], findings: set[tuple[str, int, str]]) -> dict:
    """Per-rule TP/FP/FN/clean counts from labels and findings keyed (file name, line, symbol)."""
    known = set(corpus.keraslint_symbols())
    positive = {(l.path, l.line, l.symbol) for l in labels if l.flagged}
    rows = {}
    # Rules off by default (heuristics) count only where the set labels them.
    for symbol in sorted({l.symbol for l in labels} | set(default_symbols())):
        mine = {f for f in findings if f[2] == symbol}
        wanted = {p for p in positive if p[2] == symbol}
        clean = [l for l in labels if l.symbol == symbol and not l.flagged]
        tp, fp, fn = len(mine & wanted), len(mine - wanted), len(wanted - mine)
        rows[symbol] = {
            "symbol": symbol,
            "in_keraslint": symbol in known,
            "positives": len(wanted),
            "clean": len(clean),
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "clean_kept": sum((l.path, l.line, symbol) not in mine for l in clean),
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
            "false_positives": sorted(mine - wanted),
            "missed": sorted(wanted - mine),
        }
    return rows


def run(directory: Path = LABELS_DIR) -> tuple[list[Label], dict, list[str]]:
    """Lint the labeled set with keraslint and score it; (labels, per-rule rows, crashes)."""
    labels, _ = load(directory)
    result = corpus.lint([str(p) for p in label_files(directory)])
    findings = {(os.path.basename(m.abspath or m.path), m.line, m.symbol) for m in result["messages"]}
    return labels, score(labels, findings), result["crashes"]


def overall(rows: dict) -> dict:
    defaults = set(default_symbols())
    counted = [r for r in rows.values() if r["symbol"] in defaults]
    tp, fn, fp = (sum(r[k] for r in counted) for k in ("tp", "fn", "fp"))
    return {
        "recall": tp / (tp + fn) if tp + fn else None,
        "precision": tp / (tp + fp) if tp + fp else None,
        "tp": tp,
        "fn": fn,
        "fp": fp,
    }


def _figure(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(rows: dict) -> list[str]:
    lines = [
        "| rule | positive labels | clean labels | found | missed | false positives | precision | recall |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows.values():
        if not row["in_keraslint"]:
            continue
        lines.append(
            f"| {row['symbol']} | {row['positives']} | {row['clean']} | {row['tp']} | {row['fn']} | {row['fp']} "
            f"| {_figure(row['precision'])} | {_figure(row['recall'])} |"
        )
    return lines


def summary_markdown(labels: list[Label], rows: dict, crashes: list[str]) -> str:
    total = overall(rows)
    files = {l.path for l in labels}
    pending = [r for r in rows.values() if not r["in_keraslint"]]
    lines = [
        "Written by `benchmarks/labels.py --record`: keraslint against a hand-labeled set of short "
        "programs that follow the structure of public, permissively licensed Keras code, written in "
        "our own words (`tests/data/labels/`, sources in its SOURCES.md), none of it used by the "
        "other tests. Each line was judged "
        "for every rule: a positive label where the rule should speak, a clean label where it "
        "could be expected to and should not; a finding anywhere but on a positive label is a "
        "false positive.",
        "",
        f"- labels: {len(labels)} ({sum(l.flagged for l in labels)} positive, "
        f"{sum(not l.flagged for l in labels)} clean) in {len(files)} files; crashes: {len(crashes)}",
        f"- default rules: recall {_figure(total['recall'])} ({total['tp']} of {total['tp'] + total['fn']}), "
        f"precision {_figure(total['precision'])} ({total['fp']} false positives)",
        "",
        *table(rows),
    ]
    lines += ["", HOW_FOUND.strip()]
    if pending:
        lines += [
            "",
            "Labels for rules this keraslint does not have yet (provisional names; not counted above): "
            + ", ".join(f"`{r['symbol']}` ({r['positives']} positive, {r['clean']} clean)" for r in pending)
            + ".",
        ]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--record", action="store_true", help='write the "lint:labels" section of BENCHMARKS.md')
    parser.add_argument("--show", action="store_true", help="list every false positive and missed label")
    args = parser.parse_args(argv)
    labels, problems = load()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    labels, rows, crashes = run()
    print(summary_markdown(labels, rows, crashes))
    if args.show:
        by_key = {(l.path, l.line, l.symbol): l for l in labels}
        for row in rows.values():
            for key in row["false_positives"]:
                label = by_key.get(key)
                print(f"FP {key[0]}:{key[1]} {key[2]}" + (f"  (clean: {label.reason})" if label else ""))
            for key in row["missed"]:
                print(f"MISSED {key[0]}:{key[1]} {key[2]}  ({by_key[key].reason})")
    for crash in crashes:
        print(f"CRASH: {crash}", file=sys.stderr)
    if args.record:
        corpus.record("lint:labels", summary_markdown(labels, rows, crashes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
