"""Where keras and TensorFlow are installed, ``keraslint check`` keeps astroid out of
them and every other installed package (same findings), and plain pylint keeps it out
of the frameworks only with ``keraslint-skip-frameworks``.

Each run is a fresh interpreter that lints with real pylint and then lists the
framework modules astroid built. The speed itself is measured in
benchmarks/framework_sources.py, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("keras")  # the point is an environment where keras is installed

MODEL = textwrap.dedent(
    """\
    import keras
    import numpy as np
    import tensorflow as tf
    from keras import layers

    np.random.seed(0)
    data = np.zeros((4, 8, 8, 3))
    data.flags.writeable = False

    model = keras.Sequential([keras.Input((8, 8, 3)), layers.Dropout(0.2), layers.BatchNormalization()])
    model.compile(optimizer="adam", loss="mse")
    model.fit(1, 2)
    model.trainable = False
    model.fit(1, 2)
    head = tf.keras.layers.Dense(3)
    head.trainable = False
    """
)
PROBE = textwrap.dedent(
    """\
    import json, sys
    from astroid import MANAGER
    from pylint.lint import Run
    from pylint.reporters import CollectingReporter

    reporter = CollectingReporter()
    Run(sys.argv[1:], reporter=reporter, exit=False)
    tops = {name.split(".")[0] for name in MANAGER.astroid_cache} - {"model", ""}
    built = sorted(tops & {"keras", "tensorflow"})
    installed = sorted(top for top in tops - {"keras", "tensorflow"} if top not in sys.stdlib_module_names)
    messages = sorted([m.line, m.symbol] for m in reporter.messages)
    print(json.dumps({"messages": messages, "built": built, "other_installed": installed}))
    """
)


def lint(cwd: Path, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "--load-plugins=keraslint", "--score=n", "--persistent=n", *args, "model.py"],
        cwd=cwd, capture_output=True, text=True, timeout=600, check=False,
    )
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture()
def project(tmp_path):
    (tmp_path / "model.py").write_text(MODEL, encoding="utf-8")
    return tmp_path


def test_keraslint_only_builds_no_installed_package_and_finds_the_same(project):
    skipped = lint(project, "--keraslint-only=y")
    assert skipped["built"] == [] and skipped["other_installed"] == []  # not even numpy
    assert skipped["messages"] == [[10, "keras-dropout-before-batchnorm"], [13, "keras-trainable-after-compile"]]
    # The same findings as plain pylint reading keras and tensorflow from source.
    full = lint(project, "--disable=all", "--enable=keraslint")
    assert "keras" in full["built"] and "numpy" in full["other_installed"]
    assert full["messages"] == skipped["messages"]


def test_plain_pylint_keeps_the_frameworks_unless_asked(project):
    default = lint(project, "--disable=all", "--enable=keraslint,import-error,no-member")
    assert default["built"]
    skipped = lint(project, "--keraslint-skip-frameworks=y", "--disable=all", "--enable=keraslint,import-error,no-member")
    assert skipped["built"] == [] and "numpy" in skipped["other_installed"]  # the frameworks only
    # Skipped as pylint's ignored-modules are: no import-error for them.
    assert "import-error" not in {symbol for _, symbol in skipped["messages"]}
    assert [m for m in skipped["messages"] if m[1].startswith("keras-")] == [
        m for m in default["messages"] if m[1].startswith("keras-")
    ]
