"""The ``keraslint`` command line as ruff and pylint users try it first: --version,
``python -m keraslint``, --select/--ignore, the summary line, sorted findings, a
closed pipe, nothing to lint, and ``keraslint rules``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import keraslint
from keraslint.rules import ALL_RULES

# Rules run one after the other over a module, so pylint alone reports line 12 (bias)
# before line 6 (axis) and line 9 (redundant activation).
OUT_OF_ORDER = textwrap.dedent(
    """\
    import keras
    from keras import layers

    first = keras.Sequential([
        keras.Input((16, 16, 3)), layers.Conv2D(8, 3, use_bias=False),
        layers.BatchNormalization(axis=1),
    ])
    second = keras.Sequential([
        keras.Input((8,)), layers.Dense(8, activation="softmax"), layers.Softmax(),
    ])
    third = keras.Sequential([
        keras.Input((8,)), layers.Dense(8),
        layers.BatchNormalization(),
    ])
    """
)
# (line, symbol) in line order
EXPECTED = [(6, "keras-batchnorm-wrong-axis"), (9, "keras-redundant-activation"), (12, "keras-bias-before-batchnorm")]
CLEAN = "import keras\n\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])\n"


def keraslint_run(cwd: Path, *args: str, module: str = "keraslint") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def text_findings(stdout: str) -> list[tuple[str, int, str]]:
    return [
        (path, int(line), symbol)
        for path, line, symbol in re.findall(r"^([\w/.]+):(\d+):\d+: \w+: .*\((keras-[a-z-]+)\)$", stdout, re.M)
    ]


@pytest.fixture()
def project(tmp_path):
    # A project that opts into keras-bias-before-batchnorm, off by default.
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pylint."messages control"]\nenable = ["keras-bias-before-batchnorm"]\n', encoding="utf-8"
    )
    (tmp_path / "b_model.py").write_text(OUT_OF_ORDER, encoding="utf-8")
    (tmp_path / "a_model.py").write_text(OUT_OF_ORDER, encoding="utf-8")
    (tmp_path / "clean.py").write_text(CLEAN, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("module", ["keraslint", "keraslint.cli"])
def test_version(tmp_path, module):
    result = keraslint_run(tmp_path, "--version", module=module)
    assert result.returncode == 0
    assert re.fullmatch(rf"keraslint {re.escape(keraslint.__version__)} \(pylint [\d.]+, astroid [\d.]+, Python [\d.]+\)\n", result.stdout)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_findings_sorted_by_file_line_column_and_summary_line(project, jobs):
    result = keraslint_run(project, "check", f"--pylint-arg=-j{jobs}", ".")
    assert result.returncode == 2 | 4, result.stderr
    expected = [(name, line, symbol) for name in ("a_model.py", "b_model.py") for line, symbol in EXPECTED]
    assert text_findings(result.stdout) == expected
    assert result.stdout.splitlines()[-1] == "6 findings in 3 files; 4 can be fixed with `keraslint fix`"


def test_every_format_is_sorted(project, tmp_path):
    expected = [line for _ in range(2) for line, _ in EXPECTED]

    github = keraslint_run(project, "check", "--format=github", ".")
    assert [int(n) for n in re.findall(r",line=(\d+),", github.stdout)] == expected
    assert github.stderr.splitlines()[-1].startswith("6 findings in 3 files")  # the summary stays out of the annotations

    sarif = keraslint_run(project, "check", "--format=sarif", ".")
    results = json.loads(sarif.stdout)["runs"][0]["results"]
    locations = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results]
    assert locations == [(name, line) for name in ("a_model.py", "b_model.py") for line, _ in EXPECTED]

    pylint_json = keraslint_run(project, "check", "--pylint-arg=--output-format=json", ".")
    assert [(m["path"], m["line"]) for m in json.loads(pylint_json.stdout)] == locations


def test_python_dash_m_keraslint_is_the_command(project):
    assert keraslint_run(project, "check", "a_model.py").stdout == keraslint_run(project, "check", "a_model.py", module="keraslint.cli").stdout


@pytest.mark.parametrize(
    ("selection", "expected_symbols"),
    [
        (["--select=keras-bias-before-batchnorm"], {"keras-bias-before-batchnorm"}),
        (["--select=E7302,W7312"], {"keras-batchnorm-wrong-axis", "keras-redundant-activation"}),
        (["--select=W73"], {"keras-bias-before-batchnorm", "keras-redundant-activation"}),
        (["--select=keras-b", "--select=keras-r"], {s for _, s in EXPECTED}),
        (["--ignore=keras-batchnorm"], {"keras-bias-before-batchnorm", "keras-redundant-activation"}),
        (["--select=W", "--ignore=W7312"], {"keras-bias-before-batchnorm"}),
    ],
)
def test_select_and_ignore(project, selection, expected_symbols):
    result = keraslint_run(project, "check", *selection, "a_model.py")
    assert {symbol for _, _, symbol in text_findings(result.stdout)} == expected_symbols


def test_select_narrows_the_configuration_and_never_widens_it(project):
    (project / "pyproject.toml").write_text(
        '[tool.pylint."messages control"]\ndisable = ["keras-bias-before-batchnorm"]\n', encoding="utf-8"
    )
    result = keraslint_run(project, "check", "--select=W7301,E7302", "a_model.py")
    assert text_findings(result.stdout) == [("a_model.py", 6, "keras-batchnorm-wrong-axis")]


@pytest.mark.parametrize(
    ("selection", "error"),
    [(["--select=X99"], "'X99' names no rule"), (["--select=W7301", "--ignore=keras-b"], "leave no rule to check")],
)
def test_a_selection_of_nothing_is_one_line_and_exit_2(project, selection, error):
    result = keraslint_run(project, "check", *selection, "a_model.py")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and error in result.stderr


@pytest.mark.parametrize("command", ["check", "fix"])
def test_no_python_files(tmp_path, command):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not python\n", encoding="utf-8")
    result = keraslint_run(tmp_path, command, "empty")
    assert result.returncode == 0  # as ruff
    assert result.stdout == ""
    assert result.stderr == "keraslint: no Python files found under empty\n"


def run_into_closed_pipe(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Run with standard output going to a pipe nobody reads (`| head` that has exited)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "keraslint", *args],
            cwd=cwd, stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300, check=False,
        )
    finally:
        os.close(write_end)


def test_check_into_a_closed_pipe_exits_quietly(project):
    result = run_into_closed_pipe(project, "check", ".")
    assert result.returncode == 128 + 13  # as after SIGPIPE
    assert result.stderr == ""


def test_explain_json_into_a_closed_pipe_exits_quietly(tmp_path):
    (tmp_path / "build.py").write_text(
        "import keras\n\ndef build():\n    return keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])\n",
        encoding="utf-8",
    )
    result = run_into_closed_pipe(tmp_path, "explain", "build.py:build", "--format", "json")
    assert result.returncode == 128 + 13
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr


def test_rules_marks_what_the_configuration_here_enables_and_what_can_be_fixed(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pylint."messages control"]\ndisable = ["keras-stacked-linear-layers", "W7310"]\n', encoding="utf-8"
    )
    result = keraslint_run(tmp_path, "rules")
    assert result.returncode == 0
    rows = {line.split()[1]: line.split()[2:4] for line in result.stdout.splitlines() if re.match(r"^[EW]73\d\d ", line)}
    assert set(rows) == {rule.symbol for rule in ALL_RULES}
    assert rows["keras-stacked-linear-layers"][0] == "no" and rows["keras-batchnorm-on-raw-input"][0] == "no"
    assert rows["keras-bias-before-batchnorm"] == ["no", "yes"]  # off by default, fixable when on
    assert rows["keras-trainable-after-compile"] == ["yes", "suggest"]
    assert rows["keras-redundant-activation"][0] == "yes"
    fixable = {symbol for symbol, (_, fix) in rows.items() if fix == "yes"}
    assert fixable == {
        "keras-bias-before-batchnorm",
        "keras-batchnorm-wrong-axis",
        "keras-softmax-with-from-logits",
        "keras-frozen-base-training-mode",
        "keras-redundant-activation",
    }
    # Without a configuration, the rules on by default are on and the heuristics off.
    (tmp_path / "pyproject.toml").unlink()
    output = keraslint_run(tmp_path, "rules").stdout
    enabled = {line.split()[1]: line.split()[2] for line in output.splitlines() if re.match(r"^[EW]73\d\d ", line)}
    assert enabled == {rule.symbol: "yes" if rule.default_enabled else "no" for rule in ALL_RULES}
