"""Every script in examples/ runs to the end and shows what its docstring promises.

Each example runs in its own process under the TensorFlow backend, as a user would
run it (``python examples/NAME.py``), on the examples' own synthetic data.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TIMEOUT_S = 180  # each takes 10-40 s on 2 busy cores; the limit only catches a hang


def run_example(name: str, *python_args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KERAS_BACKEND": "tensorflow", "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONWARNINGS": "default"}
    return subprocess.run(
        [sys.executable, *python_args, str(EXAMPLES / name)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def lint_findings(stdout: str) -> list[tuple[int, str]]:
    """(line, symbol) of each keraslint finding in pylint's text output."""
    return [(int(line), symbol) for line, symbol in re.findall(r"\.py:(\d+):\d+: [EW]\d{4}: .*\((keras-[a-z-]+)\)", stdout)]


def line_of(name: str, text: str) -> int:
    """The 1-based line of the example that contains ``text`` (exactly once)."""
    lines = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if text in line]
    assert len(hits) == 1, (text, hits)
    return hits[0]


def test_every_example_is_covered():
    scripts = {p.name for p in EXAMPLES.glob("*.py")}
    assert scripts == {"seed_cnn.py", "transfer_learning.py", "batchnorm_axis_typo.py"}


def test_seed_cnn():
    result = run_example("seed_cnn.py")
    out = result.stdout
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    # 1. lint: the first BatchNormalization, on raw pixels, and nothing else
    assert "$ keraslint check examples/seed_cnn.py" in out
    findings = lint_findings(out)
    seed_first_bn = _first_batchnorm_line("seed_cnn.py", "def build_seed_cnn")
    assert findings == [(seed_first_bn, "keras-batchnorm-on-raw-input")]

    # 2. explain: the question's model.summary() numbers
    assert "168,793 parameters = 168,339 trainable + 454 non-trainable" in out
    assert "keraslint.explain: 168,793 and 454." in out
    assert "moving mean + moving variance of 4 BatchNormalization layers over 3 + 32 + 64 + 128 channels" in out

    # 3. training with both callbacks: the monitor sees the raw-input BatchNormalization's gap
    assert "Epoch 2/2" in out
    assert "FrozenWeightsGuard: 0 violation(s); 0 variable(s) guarded" in out
    assert "BatchNormMonitor: 4 BatchNormalization layer(s)" in out
    gap_row = re.search(r"^batch_normalization\s+training\s+[\d.]+\s+[\d.]+\s+([\d.]+)\s+.*bn-train-inference-gap", out, re.M)
    assert gap_row, out[-4000:]
    assert float(gap_row.group(1)) > 2.0  # batch statistics several std away from the moving ones


def _first_batchnorm_line(name: str, function_header: str) -> int:
    lines = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(function_header))
    return next(i + 1 for i in range(start, len(lines)) if "BatchNormalization(" in lines[i])


def test_transfer_learning():
    result = run_example("transfer_learning.py")
    out = result.stdout
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    freeze_line = line_of("transfer_learning.py", "base.trainable = False  # meant:")
    call_line = line_of("transfer_learning.py", "features = base(inputs)")
    assert lint_findings(out) == sorted(  # in line order
        [(freeze_line, "keras-trainable-after-compile"), (call_line, "keras-frozen-base-training-mode")]
    )

    wrong, right = out.split("--- freeze after fit(), no compile()")[1].split("--- the right way")
    assert "trainable-state change: frozen ['mobilenet_0.25_32'] -> effect on tensorflow: keeps_training" in wrong
    violations = int(re.search(r"^violations: (\d+)$", wrong, re.M).group(1))
    guarded = int(re.search(r"^guarded: (\d+) variables", wrong, re.M).group(1))
    assert violations == guarded > 100  # every base variable kept training
    assert "(cause: trainable_state)" in wrong
    assert "warning: FrozenWeightsGuard: 'mobilenet_0.25_32' was frozen after model" in out

    assert re.search(r"^guarded: \d+ variables", right, re.M)
    assert re.search(r"^violations: 0$", right, re.M)  # the guard ran with on_violation="raise"


def test_batchnorm_axis_typo():
    result = run_example("batchnorm_axis_typo.py")
    out = result.stdout
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    typo_line = line_of("batchnorm_axis_typo.py", "layers.BatchNormalization(axis=-3),")
    findings = lint_findings(out)
    assert (typo_line, "keras-batchnorm-wrong-axis") in findings
    assert "E7302: BatchNormalization(axis=-3) normalizes axis 1" in out
    # The course's own Conv2D bias, cancelled by the correct BatchNormalization(axis=3):
    assert [symbol for _, symbol in findings] == ["keras-bias-before-batchnorm", "keras-batchnorm-wrong-axis"]

    assert "37,761 parameters = 37,633 trainable + 128 non-trainable" in out
    assert "batch_normalization: 256 parameters (the notebook expects 128)" in out
    assert "has 256 parameters where 4 x 32 = 128 fit the 32 channels" in out

    assert "bn-wrong-axis" in re.search(r"^batch_normalization\s+training.*$", out, re.M).group(0)
    assert "found at run time: bn-wrong-axis: batch_normalization normalizes axis -3 (size 64)" in out


@pytest.mark.parametrize("name", ["seed_cnn.py", "transfer_learning.py", "batchnorm_axis_typo.py"])
def test_example_without_keras_lints_then_says_what_is_missing(name):
    # `sys.modules["keras"] = None` makes `import keras` fail as it does where keras is
    # not installed; the lint step runs in its own process and needs no keras.
    launcher = (
        "import runpy, sys; sys.modules['keras'] = None; "
        f"sys.argv = [{str(EXAMPLES / name)!r}]; runpy.run_path(sys.argv[0], run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", launcher], cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(rf"^\$ keraslint check (\S+ )*examples/{name}$", result.stdout, re.M), result.stdout
    assert lint_findings(result.stdout)
    assert "keras is not installed: the lint step above ran" in result.stderr
    assert "pip install 'keraslint[tensorflow]'" in result.stderr
    assert "Traceback" not in result.stderr
