"""``keraslint fix`` against ``keraslint check`` on the same files of the lint corpus.

    python benchmarks/fix_speed.py .scratch/corpus [--stride 100] [--rounds 3] [--record]

Files: every ``--stride``-th file of the corpus plus every file with a finding in the
last ``benchmarks/corpus.py`` run (``--findings``), so the rewrites are part of the
work. Each round copies them into a fresh temporary folder (not timed) and runs,
as fresh processes in an order reversed every other round, ``keraslint check`` and
``keraslint fix`` there. Reported: median CPU seconds (user + system) of each, the
ratio fix / check (target at most 1.5) and how many findings the fix rewrote.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import corpus  # noqa: E402  pylint: disable=wrong-import-position
from lint_overhead import run, with_finding_files  # noqa: E402  pylint: disable=wrong-import-position

TARGET = 1.5
COMMANDS = {
    "keraslint check": [sys.executable, "-m", "keraslint", "check", "--pylint-arg=-j1", "--pylint-arg=--persistent=n"],
    "keraslint fix": [sys.executable, "-m", "keraslint", "fix", "--pylint-arg=-j1", "--pylint-arg=--persistent=n"],
}


def copy_files(files: list[str], folder: str) -> list[str]:
    """Each file into its own numbered subfolder (names repeat across packages)."""
    copies = []
    for i, path in enumerate(files):
        target = os.path.join(folder, str(i), os.path.basename(path))
        os.makedirs(os.path.dirname(target))
        shutil.copyfile(path, target)
        copies.append(target)
    return copies


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="+")
    parser.add_argument("--stride", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--findings", default=".scratch/corpus-findings.txt")
    parser.add_argument("--record", action="store_true", help='write the "lint:fix" section of BENCHMARKS.md')
    args = parser.parse_args(argv)

    subset = corpus.python_files(args.roots, stride=args.stride)
    files = [os.path.abspath(f) for f in with_finding_files(args.roots, subset, args.findings)]
    print(f"{len(files)} files; {args.rounds} rounds", flush=True)
    cpu: dict[str, list[float]] = {name: [] for name in COMMANDS}
    fixed = None
    for round_ in range(args.rounds):
        order = list(COMMANDS) if round_ % 2 == 0 else list(reversed(COMMANDS))
        for name in order:
            with tempfile.TemporaryDirectory(prefix="keraslint-bench-") as folder:
                copies = copy_files(files, folder)
                cpu_s, wall_s, stdout = run(COMMANDS[name], copies)
            cpu[name].append(cpu_s)
            if name == "keraslint fix":
                fixed = re.search(r"^fixed (\d+) findings? in (\d+) files?; (\d+) not fixed", stdout, re.M).groups()
            print(f"  round {round_ + 1} {name}: {cpu_s:.1f} s CPU, {wall_s:.1f} s wall", flush=True)
    median = {name: statistics.median(values) for name, values in cpu.items()}
    ratio = median["keraslint fix"] / median["keraslint check"]
    table = ["| command (`-j 1`) | median CPU (s) | CPU runs (s) |", "|---|---|---|"]
    for name, values in cpu.items():
        table.append(f"| {name} | {median[name]:.1f} | {', '.join(f'{s:.1f}' for s in values)} |")
    markdown = "\n".join(
        [
            "## `keraslint fix` against `keraslint check`",
            "",
            "Written by `benchmarks/fix_speed.py --record`: `keraslint fix` and `keraslint check` on fresh copies "
            f"of the same {len(files)} files of the lint:corpus corpus (every {args.stride}th file plus every file "
            f"with a finding), fresh processes in interleaved rounds (median of {args.rounds}), CPU time (user + "
            "system) of the process.",
            "",
            *table,
            "",
            f"- fix / check: **{ratio:.2f}** (target at most {TARGET:.1f})",
            f"- the fix rewrote {fixed[0]} findings in {fixed[1]} files and listed {fixed[2]} as not fixed, with "
            "the reason",
        ]
    )
    print(markdown)
    if args.record:
        corpus.record("lint:fix", markdown)
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
