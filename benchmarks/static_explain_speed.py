"""How long ``keraslint explain --static`` takes on the seed model in a fresh process.

    python benchmarks/static_explain_speed.py [--python PYTHON] [--runs 7]

Runs the command ``--runs`` times, each in a new interpreter (give ``--python`` of an
environment without keras to measure what a CI job without TensorFlow sees), and
reports the minimum and median CPU seconds (user + system of the child) and wall seconds, with
``python -c pass`` as the baseline. Target: under 0.5 s. It also checks, with
``-X importtime``, that no keras or tensorflow module was imported."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMAND = ["-m", "keraslint.cli", "explain", "--static", "examples/seed_cnn.py:build_seed_cnn"]


def timed(python: str, args: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([python, *args], cwd=ROOT, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": ROOT})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rows = {"python -c pass": ["-c", "pass"], "keraslint explain --static": COMMAND}
    results = {name: [timed(args.python, command) for _ in range(args.runs)] for name, command in rows.items()}
    for name, samples in results.items():
        cpu, wall = ([s[i] for s in samples] for i in (0, 1))
        print(
            f"{name:<28} CPU min {min(cpu):.3f} median {statistics.median(cpu):.3f} s, "
            f"wall min {min(wall):.3f} median {statistics.median(wall):.3f} s over {args.runs} runs"
        )
    imports = subprocess.run(
        [args.python, "-X", "importtime", *COMMAND], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": ROOT},
    ).stderr
    heavy = [line.split("|")[-1].strip() for line in imports.splitlines() if line.split("|")[-1].strip().split(".")[0]
             in ("keras", "tensorflow", "jax", "torch")]
    print("keras/tensorflow/jax/torch modules imported:", len(heavy))
    return 1 if heavy else 0


if __name__ == "__main__":
    sys.exit(main())
