"""``keraslint check`` where Keras and TensorFlow are installed, against the same command
in an environment without them, side by side.

    python benchmarks/framework_sources.py --without /path/to/venv-without-keras/bin/python \\
        .scratch/corpus [--stride 100] [--rounds 3] [--record]

The environment without them needs pylint, astroid and libcst only
(``python -m venv venv-nokeras && venv-nokeras/bin/pip install pylint astroid libcst``);
keraslint comes from this checkout through PYTHONPATH in both. Run with the
interpreter of the environment that has keras and tensorflow.

Targets: a 20-line GAN script (benchmarks/data/gan_script.py), the bundled seed
example, and every ``--stride``-th file of the lint corpus. Per target, fresh
processes in interleaved rounds (order reversed every other round):

- ``keras installed``: ``keraslint check`` with keras and tensorflow importable;
- ``without keras``: the same command under ``--without``;
- ``keras installed, frameworks read``: pylint with keraslint's messages only but
  astroid allowed into keras and tensorflow (what ``keraslint check`` did before it
  kept astroid out), for scale.

Reported: median CPU seconds (user + system) of each, the ratio installed / without
(target at most 1.2) and whether both environments give the same findings.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import corpus  # noqa: E402  pylint: disable=wrong-import-position
from lint_overhead import keraslint_lines, run  # noqa: E402  pylint: disable=wrong-import-position

TARGET = 1.2


def variants(without: str) -> dict[str, list[str]]:
    check = ["-m", "keraslint", "check", "--pylint-arg=-j1", "--pylint-arg=--persistent=n"]
    return {
        "keras installed": [sys.executable, *check],
        "without keras": [without, *check],
        "keras installed, frameworks read": [
            sys.executable, "-m", "pylint", "-j", "1", "--persistent=n", "--score=n", "--load-plugins=keraslint",
            "--disable=all", "--enable=keraslint",
        ],
    }


def measure(commands: dict[str, list[str]], files: list[str], rounds: int) -> tuple[dict, dict]:
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    outputs: dict[str, str] = {}
    for round_ in range(rounds):
        order = list(commands) if round_ % 2 == 0 else list(reversed(commands))
        for name in order:
            cpu_s, wall_s, stdout = run(commands[name], files)
            cpu[name].append(cpu_s)
            outputs[name] = stdout
            print(f"  round {round_ + 1} {name}: {cpu_s:.1f} s CPU, {wall_s:.1f} s wall", flush=True)
    return cpu, outputs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="+", help="the lint corpus")
    parser.add_argument("--without", required=True, help="python of an environment without keras and tensorflow")
    parser.add_argument("--stride", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--record", action="store_true", help='write the "lint:frameworks" section of BENCHMARKS.md')
    args = parser.parse_args(argv)

    subset = [os.path.abspath(f) for f in corpus.python_files(args.roots, stride=args.stride)]
    targets = {
        "GAN script (20 lines)": [os.path.join(HERE, "data", "gan_script.py")],
        "examples/seed_cnn.py": [os.path.join(ROOT, "examples", "seed_cnn.py")],
        f"corpus, every {args.stride}th file ({len(subset)} files)": subset,
    }
    commands = variants(args.without)
    table = [
        "| target | " + " | ".join(f"{name}: median CPU (s)" for name in commands) + " | installed / without | same findings |",
        "|---|" + "---|" * (len(commands) + 2),
    ]
    worst, all_same = 0.0, True
    for label, files in targets.items():
        print(label, flush=True)
        cpu, outputs = measure(commands, files, args.rounds)
        median = {name: statistics.median(values) for name, values in cpu.items()}
        ratio = median["keras installed"] / median["without keras"]
        same = keraslint_lines(outputs["keras installed"]) == keraslint_lines(outputs["without keras"])
        worst, all_same = max(worst, ratio), all_same and same
        cells = " | ".join(f"{median[name]:.2f}" for name in commands)
        table.append(f"| {label} | {cells} | **{ratio:.2f}** | {'yes' if same else 'NO'} |")
    markdown = "\n".join(
        [
            "## `keraslint check` with Keras and TensorFlow installed",
            "",
            "Written by `benchmarks/framework_sources.py --record`: `keraslint check` in an environment with "
            "keras and tensorflow installed and in one without them (pylint, astroid and libcst only), fresh "
            f"processes in interleaved rounds (median of {args.rounds}), CPU time (user + system) of the process. "
            "The third column is pylint with keraslint's messages only but astroid allowed into keras and "
            "tensorflow, as `keraslint check` ran before it kept astroid out of them.",
            "",
            *table,
            "",
            f"- worst ratio installed / without: **{worst:.2f}** (target at most {TARGET:.1f}); findings "
            f"{'the same in both environments' if all_same else 'DIFFERENT'}",
        ]
    )
    print(markdown)
    if args.record:
        corpus.record("lint:frameworks", markdown)
    return 0 if all_same and worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
