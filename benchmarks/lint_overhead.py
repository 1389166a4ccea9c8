"""What keraslint adds to a pylint run, measured side by side on real Keras code.

    python benchmarks/lint_overhead.py .scratch/corpus [--stride 200] [--rounds 3] [--record]

Four commands run interleaved in rounds, each a fresh process with ``-j 1`` over the
same subset of the corpus (every ``--stride``-th file):

- ``pylint``            : pylint with its default checkers, no plugin
- ``pylint+keraslint``  : the same with ``--load-plugins=keraslint``
- ``parse only``        : every message disabled but the one of a no-op checker
  (benchmarks/noop_checker.py), so pylint parses and walks each module and no more
- ``keraslint check``   : keraslint's messages only

Reported: median CPU seconds (user + system of the child process; the machine is
shared, so wall time mostly measures the neighbours) and median wall seconds of
each, and the CPU ratios pylint+keraslint / pylint (target: at most 1.10) and
keraslint check / parse only. Then ``keraslint check`` runs with ``-j 2`` and
``-j 1`` over the subset plus every file that had findings in the last
``benchmarks/corpus.py`` run, and the two finding lists are compared.
"""

from __future__ import annotations

import argparse
import os
import resource
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
        "parse only": pylint + ["--load-plugins=noop_checker", "--disable=all", "--enable=noop-benchmark"],
        "keraslint check": keraslint,
    }


def run(cmd: list[str], files: list[str]) -> tuple[float, float, str]:
    """(CPU seconds, wall seconds, stdout) of one fresh process."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [HERE, os.environ.get("PYTHONPATH")])))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd + files, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode & 1 or "Traceback" in proc.stderr:  # 1: fatal message; a traceback: a crash
        raise RuntimeError(f"{cmd[:4]} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return cpu, wall, proc.stdout


def keraslint_lines(stdout: str) -> list[str]:
    return sorted(line for line in stdout.splitlines() if ": W73" in line or ": E73" in line)


def with_finding_files(roots: list[str], files: list[str], findings_file: str) -> list[str]:
    files = list(files)
    if os.path.exists(findings_file):
        common = os.path.commonpath([os.path.abspath(r) for r in roots])
        with open(findings_file, encoding="utf-8") as handle:
            for line in filter(lambda line: ": keras-" in line, handle):
                path = os.path.join(common, line.split(":", 1)[0])
                if os.path.exists(path) and path not in files:
                    files.append(path)
    return sorted(files)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="+")
    parser.add_argument("--stride", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--findings", default=".scratch/corpus-findings.txt")
    parser.add_argument("--record", action="store_true", help='write the "lint:overhead" section of BENCHMARKS.md')
    args = parser.parse_args(argv)

    files = [os.path.abspath(f) for f in corpus.python_files(args.roots, stride=args.stride)]
    lines = sum(sum(1 for _ in open(f, encoding="utf-8", errors="replace")) for f in files)
    print(f"{len(files)} files, {lines} lines; {args.rounds} rounds", flush=True)
    variants = commands()
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    wall: dict[str, list[float]] = {name: [] for name in variants}
    outputs: dict[str, str] = {}
    for round_ in range(args.rounds):
        order = list(variants) if round_ % 2 == 0 else list(reversed(variants))
        for name in order:
            cpu_s, wall_s, stdout = run(variants[name], files)
            cpu[name].append(cpu_s)
            wall[name].append(wall_s)
            outputs[name] = stdout
            print(f"  round {round_ + 1} {name}: {cpu_s:.1f} s CPU, {wall_s:.1f} s wall", flush=True)
    median = {name: statistics.median(s) for name, s in cpu.items()}
    plugin_ratio = median["pylint+keraslint"] / median["pylint"]
    check_ratio = median["keraslint check"] / median["parse only"]
    same_in_full_run = keraslint_lines(outputs["pylint+keraslint"]) == keraslint_lines(outputs["keraslint check"])

    j_files = [os.path.abspath(f) for f in with_finding_files(args.roots, files, args.findings)]
    j1 = keraslint_lines(run(variants["keraslint check"], j_files)[2])
    j2 = keraslint_lines(run([c.replace("-j1", "-j2") for c in variants["keraslint check"]], j_files)[2])

    table = ["| command (`-j 1`) | median CPU (s) | CPU runs (s) | median wall (s) |", "|---|---|---|---|"]
    for name in variants:
        table.append(
            f"| {name} | {median[name]:.1f} | {', '.join(f'{s:.1f}' for s in cpu[name])} "
            f"| {statistics.median(wall[name]):.1f} |"
        )
    markdown = "\n".join(
        [
            "Written by `benchmarks/lint_overhead.py --record`: fresh processes, interleaved rounds "
            f"(median of {args.rounds}), over {len(files)} files ({lines} lines; every {args.stride}th file) "
            "of the lint:corpus corpus. CPU time of the pylint process (user + system): the 2 cores are "
            "shared, so wall time mostly measures the neighbours.",
            "",
            *table,
            "",
            f"- pylint with the plugin / pylint without: **{plugin_ratio:.3f}** (target at most {TARGET:.2f})",
            "- `keraslint check` / parse cost alone (pylint with every message disabled but a no-op "
            f"checker's, so it still parses each module): **{check_ratio:.3f}**",
            f"- keraslint messages of the full pylint run and of `keraslint check`: "
            f"{'same' if same_in_full_run else 'DIFFERENT'}",
            f"- `keraslint check -j 2` vs `-j 1` over {len(j_files)} files (the subset plus every file with "
            f"a corpus finding): {'same' if j1 == j2 else 'DIFFERENT'} findings ({len(j1)} vs {len(j2)})",
        ]
    )
    same = same_in_full_run and j1 == j2
    print(markdown)
    if args.record:
        corpus.record("lint:overhead", markdown)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
