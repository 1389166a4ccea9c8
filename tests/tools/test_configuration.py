"""Configuration lives where pylint's does: pyproject.toml, .pylintrc, and
``# pylint: disable=...`` comments; ``keraslint check`` and plain pylint read it."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

MODEL = textwrap.dedent(
    """\
    import keras
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input((32, 32, 3)), layers.Conv2D(16, 3, activation="relu"),
            layers.Dropout(0.2),
            layers.BatchNormalization(),
            layers.Activation("relu"),
            layers.BatchNormalization(axis=1),
            layers.GlobalAveragePooling2D(),
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    """
)
# Line 16 freezes the model after compile() and before the first fit(): fine on Keras 3
# (trainable is read at the first step), ignored on Keras 2 (compile() captured it), so
# keras-trainable-after-compile (W7303) only with keras-major-version = 2.
# (Linting a `.trainable` assignment takes keraslint several seconds: few runs use it.)
MODEL_WITH_FREEZE = MODEL + "model.trainable = False\nmodel.fit(x_train, y_train, epochs=3)\n"
# With the defaults: line 7 Dropout feeding the BatchNormalization at line 8, line 10 axis=1.
DEFAULT = [(7, "keras-dropout-before-batchnorm"), (10, "keras-batchnorm-wrong-axis")]
KERAS2 = [*DEFAULT, (16, "keras-trainable-after-compile")]


def findings(stdout: str) -> list[tuple[int, str]]:
    return sorted(
        (int(line), symbol) for line, symbol in re.findall(r"^model\.py:(\d+):\d+: [EW]\d+: .*\((keras-[a-z-]+)\)$", stdout, re.M)
    )


def keraslint_check(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "keraslint.cli", "check", *args, "model.py"],
        cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
    )


def pylint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Plain pylint with keraslint; pylint's own checks off to keep the output to the point."""
    return subprocess.run(
        [sys.executable, "-m", "pylint", "--load-plugins=keraslint", "--disable=all", "--enable=keraslint",
         "--score=n", *args, "model.py"],
        cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
    )


def plain_pylint(cwd: Path) -> subprocess.CompletedProcess:
    """pylint as the project's own configuration sets it up."""
    return subprocess.run(
        [sys.executable, "-m", "pylint", "--score=n", "model.py"],
        cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
    )


def write_config(path: Path, text: str) -> None:
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture()
def project(tmp_path):
    (tmp_path / "model.py").write_text(MODEL, encoding="utf-8")
    return tmp_path


def test_defaults(project):
    assert findings(keraslint_check(project).stdout) == DEFAULT
    assert findings(pylint(project).stdout) == DEFAULT


def test_pyproject_rule_option(project):
    (project / "model.py").write_text(MODEL_WITH_FREEZE, encoding="utf-8")
    (project / "pyproject.toml").write_text("[tool.pylint.keraslint]\nkeras-major-version = 2\n", encoding="utf-8")
    result = keraslint_check(project)
    assert findings(result.stdout) == KERAS2
    assert "on Keras 2 compile() captured the trainable state, so the change is ignored" in result.stdout
    # The command line wins over the file, as in pylint; on Keras 3 line 16 is fine.
    assert findings(keraslint_check(project, "--pylint-arg=--keras-major-version=3").stdout) == DEFAULT


def test_pyproject_per_rule_enabling_with_pylint(project):
    """A project whose own pylint configuration loads keraslint and picks its rules."""
    write_config(
        project / "pyproject.toml",
        """\
        [tool.pylint.main]
        load-plugins = ["keraslint"]

        [tool.pylint."messages control"]
        disable = ["all"]
        enable = ["keras-batchnorm-wrong-axis", "W7308"]
        """,
    )
    result = plain_pylint(project)
    assert findings(result.stdout) == [(10, "keras-batchnorm-wrong-axis")], result.stdout + result.stderr
    assert result.returncode == 2


def test_pyproject_disable_list_with_keraslint_check(project):
    (project / "pyproject.toml").write_text(
        '[tool.pylint."messages control"]\ndisable = ["keras-dropout-before-batchnorm"]\n', encoding="utf-8"
    )
    assert findings(keraslint_check(project).stdout) == [(10, "keras-batchnorm-wrong-axis")]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_keraslint_check_reports_keraslint_messages_only(project, jobs):
    """Whatever pylint's own checks and plugins the configuration turns on."""
    (project / "model.py").write_text(MODEL + "#\n", encoding="utf-8")
    write_config(
        project / "pyproject.toml",
        """\
        [tool.pylint.main]
        load-plugins = ["pylint.extensions.empty_comment"]

        [tool.pylint."messages control"]
        enable = ["all"]
        """,
    )
    plain = plain_pylint(project)
    assert "(empty-comment)" in plain.stdout and "(missing-module-docstring)" in plain.stdout
    result = keraslint_check(project, f"--pylint-arg=--jobs={jobs}")
    reported = re.findall(r"^model\.py:\d+:\d+: .*\(([a-z-]+)\)$", result.stdout, re.M)
    assert sorted(reported) == sorted(symbol for _, symbol in DEFAULT), result.stdout + result.stderr


def test_pylintrc(project):
    (project / "model.py").write_text(MODEL_WITH_FREEZE, encoding="utf-8")
    write_config(
        project / ".pylintrc",
        """\
        [MAIN]
        load-plugins=keraslint

        [MESSAGES CONTROL]
        disable=all
        enable=keras-dropout-before-batchnorm,keras-trainable-after-compile

        [KERASLINT]
        keras-major-version=2
        """,
    )
    result = plain_pylint(project)
    assert findings(result.stdout) == [(7, "keras-dropout-before-batchnorm"), (16, "keras-trainable-after-compile")]
    # keraslint check reads an explicit --rcfile the same way: its rule choice and its options.
    (project / ".pylintrc").rename(project / "lint.cfg")
    result = keraslint_check(project, "--pylint-arg=--rcfile=lint.cfg")
    assert findings(result.stdout) == [(7, "keras-dropout-before-batchnorm"), (16, "keras-trainable-after-compile")]


def test_per_line_disable_comments(project):
    source = MODEL.replace(
        "layers.BatchNormalization(axis=1),",
        "layers.BatchNormalization(axis=1),  # pylint: disable=keras-batchnorm-wrong-axis",
    ).replace(
        "        layers.Dropout(0.2),\n",
        "        # pylint: disable-next=W7307\n        layers.Dropout(0.2),\n",
    )
    (project / "model.py").write_text(source, encoding="utf-8")
    assert findings(keraslint_check(project).stdout) == []
    assert keraslint_check(project).returncode == 0
    assert findings(pylint(project).stdout) == []
    # Only the named rule is silenced on that line.
    other = source.replace("disable=keras-batchnorm-wrong-axis", "disable=keras-dense-on-unflattened")
    (project / "model.py").write_text(other, encoding="utf-8")
    assert findings(keraslint_check(project).stdout) == [(11, "keras-batchnorm-wrong-axis")]  # a line moved down


def test_keraslint_only_leaves_no_pylint_checker_running(project):
    """Speed: besides keraslint, only pylint's `main` checker (fatal and syntax errors) runs."""
    from pylint.lint import Run

    run = Run(["--load-plugins=keraslint", "--keraslint-only=y", "--score=n", str(project / "model.py")], exit=False)
    assert sorted(checker.name for checker in run.linter.prepare_checkers()) == ["keraslint", "main"]
