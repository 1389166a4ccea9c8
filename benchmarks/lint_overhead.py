"""What keraslint adds to a pylint run, measured side by side on real Keras code.

    python benchmarks/lint_overhead.py .scratch/corpus [--stride 12] [--rounds 3] [--record]

Four commands run interleaved in rounds, each a fresh process with ``-j 1`` over the
same subset of the corpus (every ``--stride``-th file, plus the files that had
findings in the last ``benchmarks/corpus.py`` run so the ``-j`` check compares
real findings):

- ``pylint``            : pylint with its default checkers, no plugin
- ``pylint+keraslint``  : the same with ``--load-plugins=keraslint``
- ``parse only``        : pylint with every checker disabled (astroid parsing alone)
- ``keraslint check``   : keraslint's messages only

Reported: median wall seconds of each, and the ratios pylint+keraslint / pylint
(target: at most 1.10) and keraslint check / parse only. Then ``keraslint check`` is
run with ``-j 2`` and its findings compared with the ``-j 1`` findings.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import corpus  # noqa: E402  pylint: disable=wrong-import-position

BIN = os.path.dirname(sys.executable)
TARGET = 1.10


def commands() -> dict[str, list[str]]:
    pylint = [os.path.join(BIN, "pylint"), "-j", "1", "--persistent=n", "--score=n", "--reports=n"]
    keraslint = [os.path.join(BIN, "keraslint"), "check", "--pylint-arg=-j1", "--pylint-arg=--persistent=n"]
    return {
        "pylint": pylint,
        "pylint+keraslint": pylint + ["--load-plugins=keraslint"],
        "parse only": pylint + ["--disable=all"],
        "keraslint check": keraslint,
    }


def run(cmd: list[str], files: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(
        cmd + files,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if proc.returncode & 1 or "Traceback" in proc.stderr:  # 1: fatal message; a traceback: a crash
        raise RuntimeError(f"{cmd[:4]} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return seconds, proc.stdout


def keraslint_lines(stdout: str) -> list[str]:
    return sorted(line for line in stdout.splitlines() if ": W73" in line or ": E73" in line)


def subset(roots: list[str], stride: int, findings_file: str) -> list[str]:
    files = corpus.python_files(roots, stride=stride)
    if os.path.exists(findings_file):
        common = os.path.commonpath([os.path.abspath(r) for r in roots])
        with open(findings_file, encoding="utf-8") as handle:
            for line in handle:
                path = os.path.join(common, line.split(":", 1)[0])
                if os.path.exists(path) and path not in files:
                    files.append(path)
    return sorted(files)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="+")
    parser.add_argument("--stride", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--findings", default=".scratch/corpus-findings.txt")
    parser.add_argument("--record", action="store_true", help='write the "lint:overhead" section of BENCHMARKS.md')
    args = parser.parse_args(argv)

    files = [os.path.abspath(f) for f in subset(args.roots, args.stride, args.findings)]
    lines = sum(sum(1 for _ in open(f, encoding="utf-8", errors="replace")) for f in files)
    print(f"{len(files)} files, {lines} lines; {args.rounds} rounds", flush=True)
    variants = commands()
    seconds: dict[str, list[float]] = {name: [] for name in variants}
    outputs: dict[str, str] = {}
    for round_ in range(args.rounds):
        order = list(variants) if round_ % 2 == 0 else list(reversed(variants))
        for name in order:
            elapsed, stdout = run(variants[name], files)
            seconds[name].append(elapsed)
            outputs[name] = stdout
            print(f"  round {round_ + 1} {name}: {elapsed:.1f} s", flush=True)
    median = {name: statistics.median(s) for name, s in seconds.items()}
    plugin_ratio = median["pylint+keraslint"] / median["pylint"]
    check_ratio = median["keraslint check"] / median["parse only"]

    j1 = keraslint_lines(outputs["keraslint check"])
    _, stdout_j2 = run(
        [c.replace("-j1", "-j2") for c in variants["keraslint check"]], files
    )
    j2 = keraslint_lines(stdout_j2)
    plugin_findings = keraslint_lines(outputs["pylint+keraslint"])
    same = j1 == j2 and j1 == plugin_findings

    table = ["| command (`-j 1`) | median wall (s) | runs (s) |", "|---|---|---|"]
    for name in variants:
        table.append(f"| {name} | {median[name]:.1f} | {', '.join(f'{s:.1f}' for s in seconds[name])} |")
    markdown = "\n".join(
        [
            "Written by `benchmarks/lint_overhead.py --record`: fresh processes, interleaved rounds "
            f"(median of {args.rounds}), over {len(files)} files ({lines} lines) of the lint:corpus corpus "
            f"(every {args.stride}th file plus the files with findings).",
            "",
            *table,
            "",
            f"- pylint with the plugin / pylint without: **{plugin_ratio:.3f}** (target at most {TARGET:.2f})",
            f"- `keraslint check` / pylint with every checker disabled (parse cost alone): **{check_ratio:.3f}**",
            f"- `keraslint check -j 2` vs `-j 1` (and vs the full pylint run's keraslint messages): "
            f"{'same' if same else 'DIFFERENT'} findings ({len(j1)} vs {len(j2)} vs {len(plugin_findings)})",
        ]
    )
    print(markdown)
    if args.record:
        corpus.record("lint:overhead", markdown)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
