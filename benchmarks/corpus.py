"""Run keraslint over a corpus of real Keras code and report what happens.

    python benchmarks/corpus.py .scratch/corpus [--out findings.txt] [--jobs 1] [--record]

The corpus is any directory of Python sources; the project's own corpus is the
Python sources of keras, keras-hub and tf-models-official unpacked from their wheels
into the git-ignored .scratch/ (see ``fetch_instructions()``), never committed.

Reports the number of files, crashes (the checker's "keraslint could not analyse"
warning, or a pylint fatal/astroid-error message) and the findings per rule, and
writes every finding, one a line, to ``--out`` for review. ``--record`` writes the
counts to the "lint:corpus" section of BENCHMARKS.md together with the review
summary kept in ``REVIEW`` below (update it after reviewing a new run).
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import sys
import time
import warnings

FATAL_SYMBOLS = ("fatal", "astroid-error", "syntax-error", "parse-error")
CRASH_WARNING = "keraslint could not analyse"
HERE = os.path.dirname(os.path.abspath(__file__))

# The review of every finding of the last corpus run (benchmarks/corpus.py --out).
REVIEW = """\
Review of every finding (each read in its source; keras 3.15.1, keras-hub 0.32.0,
tf-models-official 2.20.0, after the fixes below): **0 false positives**.

- 69 findings are in test code (keras's `*_test.py`, tf-models' legacy `test_utils.py`):
  65 keras-stacked-linear-layers on toy models such as `Sequential([Dense(5), Dense(2)])`,
  3 keras-bias-before-batchnorm (`Dense(8)` then `BatchNormalization()`), and 1
  keras-softmax-with-from-logits (`Dense(1, activation="sigmoid")` compiled with
  `BinaryCrossentropy(from_logits=True)` in `tensorboard_test.py`, a real mistake in
  that test). All true: the code does what the message says; the tests do not care.
- 4 keras-bias-before-batchnorm in library code, all true: BASNet's
  `convolution_block` (Conv2D with bias, then BatchNormalization), video_ssl's MLP
  head and yt8m's DBoF backbone (Dense with bias, then BatchNormalization).
- 6 keras-stacked-linear-layers in library code, all true (the two layers do compose
  into one linear map), 5 of them by design: the linear bottleneck of MobileNetV2/V3
  (project conv, BatchNormalization, next block's expand conv), Gemma 3/4's embedding
  head (two Dense projections, fixed by the released checkpoints) and Gemma 3n's
  LAuReL low-rank pair; BASNet's refinement module (Conv2D then `convolution_block`'s
  Conv2D) is a plain redundancy. Suppress the intended ones with a disable comment.

False positives found and fixed (regressions in tests/static/regressions/):

- keras-hub `xception_backbone.py`: SeparableConv2D reported as feeding itself
  across loop iterations under `not (block_i != 1 or conv_i != 0)`, a branch taken
  only in the first iteration of the inner loop. The engine now joins layers of
  different loop iterations (or across the loop's boundary) only under conditions
  that do not depend on names the loop rebinds (`loop_varying_condition.py`).
"""


def fetch_instructions() -> str:
    return (
        "pip download --no-deps -d .scratch/corpus keras-hub tf-models-official keras\n"
        "cd .scratch/corpus && for w in *.whl; do d=${w%%-[0-9]*}; mkdir -p $d && (cd $d && unzip -q -o ../$w); done"
    )


def python_files(roots: list[str], limit: int | None = None, stride: int = 1) -> list[str]:
    """Sorted .py files under ``roots``; every ``stride``-th one, at most ``limit``."""
    files = []
    for root in roots:
        if os.path.isfile(root):
            files.append(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            files.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    files = sorted(files)[::stride]
    return files[:limit] if limit else files


def corpus_versions(roots: list[str]) -> list[str]:
    """name==version of every unpacked wheel (its *.dist-info) under ``roots``."""
    found = set()
    for root in roots:
        for dirpath, dirnames, _ in os.walk(root):
            for d in dirnames:
                if d.endswith(".dist-info"):
                    name, version = d[: -len(".dist-info")].rsplit("-", 1)
                    found.add(f"{name}=={version}")
            if dirpath.count(os.sep) - root.count(os.sep) >= 1:
                dirnames[:] = []
    return sorted(found)


def keraslint_symbols() -> list[str]:
    from keraslint.rules import ALL_RULES  # pylint: disable=import-outside-toplevel

    return [rule.symbol for rule in ALL_RULES]


def lint(files: list[str], jobs: int = 1, extra: tuple = ()) -> dict:
    """Lint ``files`` with keraslint's messages only, in this process (or ``jobs`` workers).

    Returns {"messages": [...], "crashes": [...], "seconds": float}; crash warnings are
    only seen with jobs == 1 (workers' warnings go to their own stderr).
    """
    from pylint.lint import Run  # pylint: disable=import-outside-toplevel
    from pylint.reporters import CollectingReporter  # pylint: disable=import-outside-toplevel

    reporter = CollectingReporter()
    args = [
        "--load-plugins=keraslint",
        "--disable=all",
        f"--enable={','.join(keraslint_symbols() + list(FATAL_SYMBOLS))}",
        "--score=n",
        f"--jobs={jobs}",
        "--persistent=n",
        *extra,
        *files,
    ]
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Run(args, reporter=reporter, exit=False)
    seconds = time.perf_counter() - start
    crashes = [str(w.message) for w in caught if CRASH_WARNING in str(w.message)]
    for msg in reporter.messages:
        if msg.symbol in FATAL_SYMBOLS:
            crashes.append(f"{msg.path}:{msg.line}: {msg.symbol}: {msg.msg}")
    # Only keraslint's findings: pylint still reports the corpus's own disable comments
    # that name checkers it lacks (unknown-option-value), which are no findings.
    ours = set(keraslint_symbols())
    messages = [m for m in reporter.messages if m.symbol in ours]
    return {"messages": messages, "crashes": crashes, "seconds": seconds}


def finding_lines(messages, root: str) -> list[str]:
    return sorted(
        f"{os.path.relpath(m.abspath or m.path, root)}:{m.line}:{m.column}: {m.symbol}: {m.msg}" for m in messages
    )


def record(section: str, markdown: str) -> None:
    """BENCHMARKS.md's section writer, shared with the callback benchmarks."""
    path = os.path.join(HERE, "callback_overhead", "harness.py")
    spec = importlib.util.spec_from_file_location("_harness", path)
    module = importlib.util.module_from_spec(spec)
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    spec.loader.exec_module(module)  # imports keras: only when recording
    module.record(section, markdown)


def summary_markdown(roots, files, result, per_rule) -> str:
    lines = [
        "Written by `benchmarks/corpus.py --record`: keraslint over real Keras code "
        f"(`{', '.join(corpus_versions(roots)) or ', '.join(roots)}`, Python sources of the wheels, "
        "fetched into the git-ignored `.scratch/corpus`).",
        "",
        f"- files linted: {len(files)}",
        f"- crashes (checker warning or pylint fatal): {len(result['crashes'])}",
        f"- findings: {len(result['messages'])} ({result['seconds']:.0f} s, `-j 1`)",
        "",
        "| rule | findings |",
        "|---|---|",
    ]
    for symbol in keraslint_symbols():
        lines.append(f"| {symbol} | {per_rule.get(symbol, 0)} |")
    if REVIEW.strip():
        lines += ["", REVIEW.strip()]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="+", help="corpus directories (or files)")
    parser.add_argument("--out", default=".scratch/corpus-findings.txt", help="where to write the findings list")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--stride", type=int, default=1, help="lint every N-th file only")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--record", action="store_true", help='write the "lint:corpus" section of BENCHMARKS.md')
    args = parser.parse_args(argv)

    files = python_files(args.roots, args.limit, args.stride)
    if not files:
        print(f"no Python files under {args.roots}; fetch the corpus with:\n{fetch_instructions()}", file=sys.stderr)
        return 2
    result = lint(files, jobs=args.jobs)
    common = os.path.commonpath([os.path.abspath(r) for r in args.roots])
    lines = finding_lines(result["messages"], common if os.path.isdir(common) else os.path.dirname(common))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + ("\n" if lines else ""))
    per_rule = collections.Counter(m.symbol for m in result["messages"])
    print(f"corpus: {', '.join(corpus_versions(args.roots))}")
    print(f"files: {len(files)}  crashes: {len(result['crashes'])}  findings: {len(lines)}  ({result['seconds']:.1f} s)")
    for symbol, count in per_rule.most_common():
        print(f"  {symbol}: {count}")
    for crash in result["crashes"]:
        print(f"CRASH: {crash}", file=sys.stderr)
    print(f"findings written to {args.out}")
    if args.record:
        record("lint:corpus", summary_markdown(args.roots, files, result, per_rule))
    return 1 if result["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
