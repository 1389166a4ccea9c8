"""``keraslint explain --static``: the parameter report read from source, without keras.

The command runs in a fresh interpreter where every import of a Keras package fails,
so the automatic static path is the one a CI job without TensorFlow takes. The
figures are the seed models' (checked against Keras in tests/tools)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile

import pytest

from keraslint.static_explain import StaticExplainError, explain_source
from keraslint_testing import ROOT
from test_no_keras_and_parallel import BLOCK_KERAS

EXAMPLES = ROOT / "examples"


def explain_without_keras(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    script = BLOCK_KERAS + "\nfrom keraslint.cli import main\nsys.exit(main())\n"
    return subprocess.run(
        [sys.executable, "-c", script, "explain", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_seed_cnn_without_keras_gives_168793_and_454():
    result = explain_without_keras("examples/seed_cnn.py:build_seed_cnn")

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "keraslint explain: keras is not installed: reading the model from its source (--static)"
    assert result.stdout.startswith(
        "Model 'seed_cnn' (Sequential): 168,793 parameters = 168,339 trainable + 454 non-trainable\n"
    )
    assert "454 non-trainable = moving mean + moving variance of 4 BatchNormalization layers" in result.stdout
    assert "conv2d_3 (Conv2D)                                  (None, 16, 16, 64)     73,792" in result.stdout


def test_course_model_with_the_axis_typo_gives_37761_and_a_batchnorm_of_256():
    result = explain_without_keras("--format", "json", "examples/batchnorm_axis_typo.py:happy_model_with_typo")

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["total"], data["static"], data["complete"], data["unknown"]) == (37_761, True, True, [])
    [batchnorm] = [layer for layer in data["layers"] if layer["class_name"] == "BatchNormalization"]
    assert batchnorm["total"] == 256 and batchnorm["output_shape"] == [None, 64, 64, 32]
    assert [v["shape"] for v in batchnorm["variables"]] == [[64]] * 4


def write(tmp_path, source: str, name: str = "model.py"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(source))
    return path


def test_what_cannot_be_followed_is_listed_and_the_totals_say_at_least(tmp_path):
    path = write(
        tmp_path,
        """
        import keras
        from keras import layers
        from my_project import CustomBlock

        def build(units=16):
            inputs = keras.Input((32,))
            x = layers.Dense(units)(inputs)
            x = CustomBlock()(x)
            outputs = layers.Dense(2)(x)
            return keras.Model(inputs, outputs, name="partly_known")
        """,
    )
    result = explain_without_keras("--static", "--format", "json", f"{path}:build")
    data = json.loads(result.stdout)

    assert data["complete"] is False
    assert [part["what"] for part in data["unknown"]] == ["CustomBlock()(x)", "dense_1"]
    assert data["total"] == 32 * 16 + 16  # the first Dense only: a lower bound, never a guess
    assert data["layers"][-1]["output_shape"] is None  # the rank after CustomBlock is not known either
    text = explain_without_keras("--static", f"{path}:build").stdout
    assert text.startswith("Model 'partly_known' (Functional): at least 528 parameters = at least 528 trainable")
    assert "Not followed (the totals above are lower bounds):" in text


def test_module_level_model_and_package_module_spec(tmp_path):
    package = tmp_path / "nets"
    package.mkdir()
    (package / "__init__.py").write_text("raise RuntimeError('the static path never runs this')\n")
    write(
        package,
        """
        from tensorflow import keras
        from tensorflow.keras.layers import Dense, Dropout

        model = keras.models.Sequential()
        model.add(Dense(64, input_dim=20, activation="relu"))
        model.add(Dropout(0.5))
        model.add(Dense(10, activation="softmax", name="head"))
        """,
        "mlp.py",
    )
    for target in ("nets.mlp:model", f"{package / 'mlp.py'}:model"):
        result = explain_without_keras("--static", "--format", "json", target, cwd=tmp_path)
        data = json.loads(result.stdout)
        assert data["total"] == 20 * 64 + 64 + 64 * 10 + 10, result.stderr
        assert [layer["path"] for layer in data["layers"]] == ["dense", "dropout", "head"]
        assert data["layers"][1]["output_shape"] == [None, 64]


def test_frozen_layers_and_models_are_causes(tmp_path):
    path = write(
        tmp_path,
        """
        import keras
        from keras import layers

        def build():
            base = keras.Sequential([keras.Input((8,)), layers.Dense(4), layers.BatchNormalization()], name="base")
            base.trainable = False
            head = layers.Dense(3, trainable=False)
            inputs = keras.Input((8,))
            return keras.Model(inputs, layers.Dense(1)(head(base(inputs))))
        """,
    )
    report = explain_source(str(path), "build")

    assert (report.total, report.trainable, report.non_trainable) == (36 + 16 + 15 + 4, 4, 36 + 16 + 15)
    assert [layer.path for layer in report.layers] == ["base/dense", "base/batch_normalization", "dense_1", "dense_2"]
    assert [cause.kind for cause in report.causes] == ["batchnorm_statistics", "frozen", "frozen"]
    assert "frozen by model 'base'" in report.causes[1].sentence
    assert "frozen by layer 'dense_1'" in report.causes[2].sentence


def test_trainable_set_under_a_condition_leaves_the_split_unknown(tmp_path):
    path = write(
        tmp_path,
        """
        import os

        import keras
        from keras import layers

        def build():
            dense = layers.Dense(4)
            model = keras.Sequential([keras.Input((8,)), dense, layers.Dense(1)])
            if os.environ.get("FINE_TUNE"):
                dense.trainable = False
            return model
        """,
    )
    report = explain_source(str(path), "build")

    assert report.total == 36 + 5 and not report.complete
    assert (report.trainable, report.non_trainable) == (5, 0)  # the Dense(4) split is not known
    assert "at least 41 parameters" in str(report)


@pytest.mark.parametrize(
    ("source", "name", "message"),
    [
        ("def build(units):\n    pass\n", "build", "build() needs the argument 'units'"),
        ("def build():\n    return 3\n", "build", "is int, not a Keras model"),
        ("import keras\nclass Net(keras.Model):\n    pass\n", "Net", "is a class, not a model"),
        ("x = (\n", "build", "cannot parse"),
        ("import keras\n", "missing", "is nothing the engine can follow"),
    ],
)
def test_targets_it_cannot_read_are_one_line(tmp_path, source, name, message):
    path = write(tmp_path, source)
    with pytest.raises(StaticExplainError, match=message.replace("(", r"\(").replace(")", r"\)")):
        explain_source(str(path), name)
    result = explain_without_keras("--static", f"{path}:{name}")
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("keraslint explain: error: ") and message in line


def test_saved_models_need_keras(tmp_path):
    zipfile.ZipFile(tmp_path / "model.keras", "w").close()
    result = explain_without_keras("model.keras", cwd=tmp_path)
    assert result.returncode == 2
    assert "model.keras is a saved model: reading it needs keras" in result.stderr.splitlines()[-1]
