"""``keraslint fix``: real LibCST rewrites of real pylint findings, case by case.

Each ``fix_cases/NAME.py`` is fixed in a copy and must come out as ``NAME.fixed.py``.
In the expected file, ``# [not fixed: SYMBOL]`` marks the lines whose finding of a
fixable rule must be listed as not fixed (with a reason); every other finding of a
fixable rule must be gone, and a second run must have nothing left to do.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from keraslint.fix import FIX_KIND
from keraslint.fix.planner import MAX_CONDITIONS, _covers_every_path

CASES_DIR = Path(__file__).parent / "fix_cases"
CASES = sorted(p.name[: -len(".py")] for p in CASES_DIR.glob("*.py") if not p.name.endswith(".fixed.py"))
ROOT = Path(__file__).resolve().parents[2]
NOT_FIXED = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):\d+: (?P<symbol>keras-[a-z-]+): not fixed: (?P<reason>.+)$", re.M)
MARK = re.compile(r"# \[not fixed: (keras-[a-z-]+)\]")


def keraslint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "keraslint", *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def marked(source: str) -> set[tuple[int, str]]:
    return {(number, symbol) for number, line in enumerate(source.splitlines(), 1) for symbol in MARK.findall(line)}


def not_fixed(output: str) -> dict[tuple[int, str], str]:
    return {(int(m["line"]), m["symbol"]): m["reason"] for m in NOT_FIXED.finditer(output)}


def opt_into_every_fix(project: Path) -> None:
    """The fixable findings that are off by default, on as a project that wants them turns them on."""
    (project / "pyproject.toml").write_text(
        '[tool.pylint."messages control"]\n'
        'enable = ["keras-frozen-base-training-mode", "keras-bias-before-batchnorm"]\n'
        "[tool.pylint.keraslint]\nkeras-report-idempotent-activations = true\n",
        encoding="utf-8",
    )


def test_every_case_has_its_expected_file():
    assert len(CASES) >= 7
    for case in CASES:
        assert (CASES_DIR / f"{case}.fixed.py").is_file(), case


@pytest.mark.parametrize("case", CASES)
def test_fix_case(case, tmp_path):
    target = tmp_path / f"{case}.py"
    shutil.copyfile(CASES_DIR / f"{case}.py", target)
    expected = (CASES_DIR / f"{case}.fixed.py").read_text(encoding="utf-8")
    opt_into_every_fix(tmp_path)

    result = keraslint(tmp_path, "fix", target.name)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == expected
    listed = not_fixed(result.stdout)
    assert {key for key in listed if key[1] in FIX_KIND} == marked(expected), result.stdout
    for (_, symbol), reason in listed.items():
        assert reason.strip(), symbol
        if symbol not in FIX_KIND:
            assert reason.startswith("no automatic fix for this rule")

    # Idempotent: nothing left to change, and the same findings listed.
    again = keraslint(tmp_path, "fix", "--check", target.name)
    assert again.returncode == 0, again.stdout + again.stderr
    assert not_fixed(again.stdout) == listed
    assert re.search(r"^would fix 0 findings in 0 files", again.stdout, re.M)

    # The fixed file lints clean for the fixable rules, but for the findings listed.
    fixable = ",".join(FIX_KIND)
    check = keraslint(tmp_path, "check", f"--select={fixable}", target.name)
    found = {(int(line), symbol) for line, symbol in re.findall(r":(\d+):\d+: \w+: .*\((keras-[a-z-]+)\)$", check.stdout, re.M)}
    assert found == marked(expected), check.stdout


def test_diff_and_check_change_nothing(tmp_path):
    opt_into_every_fix(tmp_path)
    case = "bias_before_batchnorm"
    target = tmp_path / f"{case}.py"
    shutil.copyfile(CASES_DIR / f"{case}.py", target)
    before = target.read_text(encoding="utf-8")
    expected = (CASES_DIR / f"{case}.fixed.py").read_text(encoding="utf-8")

    diff = keraslint(tmp_path, "fix", "--diff", target.name)
    assert diff.returncode == 1, diff.stderr
    assert diff.stdout == "".join(
        difflib.unified_diff(before.splitlines(True), expected.splitlines(True), f"a/{case}.py", f"b/{case}.py")
    )
    assert "would fix 6 findings in 1 file" in diff.stderr  # the report goes to stderr, the diff alone to stdout
    check = keraslint(tmp_path, "fix", "--check", target.name)
    assert check.returncode == 1
    assert "would fix 6 findings in 1 file" in check.stdout
    assert target.read_text(encoding="utf-8") == before


def test_diff_shows_the_suggested_compile_marked_as_a_suggestion(tmp_path):
    case = "trainable_after_compile"
    shutil.copyfile(CASES_DIR / f"{case}.py", tmp_path / f"{case}.py")
    diff = keraslint(tmp_path, "fix", "--diff", f"{case}.py")
    assert diff.returncode == 0  # a suggestion is not a change
    assert diff.stdout.startswith(f"# suggestion, not applied: keras-trainable-after-compile at {case}.py:8:0\n")
    assert (
        ' model.layers[0].trainable = False  # [not fixed: keras-trainable-after-compile]\n'
        '+model.compile(optimizer="adam", loss="mse")  # suggested by keraslint: compile again after changing trainable\n'
        " model.fit(1, 2)\n"
    ) in diff.stdout
    assert (tmp_path / f"{case}.py").read_text(encoding="utf-8") == (CASES_DIR / f"{case}.py").read_text(encoding="utf-8")


def test_a_fix_that_reveals_a_finding_is_followed_by_its_fix(tmp_path):
    opt_into_every_fix(tmp_path)
    # The BatchNormalization on the wrong axis cancels no bias; on the right axis it does.
    source = (
        "import keras\nfrom keras import layers\n\n"
        "model = keras.Sequential([keras.Input((8, 8, 3)), layers.Conv2D(4, 3), layers.BatchNormalization(axis=1)])\n"
    )
    (tmp_path / "m.py").write_text(source, encoding="utf-8")
    result = keraslint(tmp_path, "fix", "m.py")
    assert "fixed 2 findings in 1 file; 0 not fixed" in result.stdout
    assert "layers.Conv2D(4, 3, use_bias=False), layers.BatchNormalization(axis=-1)" in (tmp_path / "m.py").read_text()


def test_fix_keeps_encoding_and_line_endings(tmp_path):
    opt_into_every_fix(tmp_path)
    source = (
        "# -*- coding: latin-1 -*-\r\nimport keras\r\nfrom keras import layers\r\n\r\n"
        "# caf\u00e9\r\nmodel = keras.Sequential([keras.Input((4,)), layers.Dense(4), layers.BatchNormalization()])\r\n"
    )
    (tmp_path / "m.py").write_bytes(source.encode("latin-1"))
    result = keraslint(tmp_path, "fix", "m.py")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "m.py").read_bytes() == source.replace("Dense(4)", "Dense(4, use_bias=False)").encode("latin-1")


def test_fix_over_every_lint_test_file_and_example(tmp_path):
    """No crash, valid Python out, and a second run finds nothing left to change."""
    opt_into_every_fix(tmp_path)
    sources = sorted((ROOT / "tests" / "static" / "functional").glob("*.py")) + sorted((ROOT / "examples").glob("*.py"))
    for i, source in enumerate(sources):
        shutil.copyfile(source, tmp_path / f"f{i}_{source.name}")
    result = keraslint(tmp_path, "fix", ".")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "could not be located" not in result.stdout
    fixed = int(re.search(r"^fixed (\d+) findings", result.stdout, re.M).group(1))
    assert fixed >= 20
    for path in tmp_path.glob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")
    again = keraslint(tmp_path, "fix", "--check", ".")
    assert again.returncode == 0, again.stdout[-3000:]


@pytest.mark.parametrize(
    ("conditions", "given", "covered"),
    [
        ([frozenset()], frozenset(), True),
        ([frozenset({"a"})], frozenset(), False),
        ([frozenset({"a"}), frozenset({"not (a)"})], frozenset(), True),
        ([frozenset({"a", "b"}), frozenset({"not (a)"})], frozenset(), False),
        ([frozenset({"a", "b"}), frozenset({"not (a)"})], frozenset({"b"}), True),
        ([frozenset({f"c{i}"}) for i in range(MAX_CONDITIONS + 1)], frozenset(), False),
    ],
)
def test_every_path_needs_the_fix(conditions, given, covered):
    assert _covers_every_path(conditions, given) is covered
