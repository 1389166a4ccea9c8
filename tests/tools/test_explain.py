"""``keraslint.explain`` and ``keraslint explain`` on real (tiny) Keras models.

Every report is checked against Keras itself: ``count_params()``, the
trainable/non-trainable weight lists and the numbers ``model.summary()`` prints.
"""

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

keras = pytest.importorskip("keras")
from keras import layers  # noqa: E402

import explain_models  # noqa: E402  (tests/tools is on sys.path under pytest)
import keraslint  # noqa: E402
from keraslint import accounting, explain_cli  # noqa: E402

HERE = Path(__file__).resolve().parent
MODELS_FILE = HERE / "explain_models.py"
SEED_SENTENCE = (
    "454 non-trainable = moving mean + moving variance of 4 BatchNormalization layers over 3 + 32 + 64 + 128 channels"
)
# What the `keraslint` console script runs, for a checkout where it is not installed.
ENTRY_POINT = "import sys; from keraslint.cli import main; sys.exit(main())"


def weight_count(variables):
    return int(sum(np.prod(v.shape) for v in variables))


def assert_matches_keras(report, model):
    """The report's totals are Keras's, in the API and in the printed summary."""
    assert report.total == model.count_params()
    assert report.trainable == weight_count(model.trainable_weights)
    assert report.non_trainable == weight_count(model.non_trainable_weights)
    assert sum(layer.total for layer in report.layers) == report.total
    assert sum(layer.trainable for layer in report.layers) == report.trainable
    assert sum(cause.count for cause in report.causes) == report.non_trainable
    summary = []
    model.summary(print_fn=lambda line, line_break=True: summary.append(line))
    printed = dict(re.findall(r"(Total|Trainable|Non-trainable) params: ([\d,]+)", "\n".join(summary)))
    assert printed == {
        "Total": f"{report.total:,}",
        "Trainable": f"{report.trainable:,}",
        "Non-trainable": f"{report.non_trainable:,}",
    }


def notes_of_kind(report, kind):
    return [note for note in report.notes if note.kind == kind]


def keraslint_explain(*args, cwd=None):
    script = Path(sys.executable).with_name("keraslint")
    command = [str(script)] if script.exists() else [sys.executable, "-c", ENTRY_POINT]
    env = {**os.environ, "KERAS_BACKEND": "tensorflow"}
    return subprocess.run(
        [*command, "explain", *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def lambda_archive(tmp_path):
    """A saved model whose Lambda layer holds Python code."""
    inputs = keras.Input((4,))
    model = keras.Model(inputs, layers.Dense(2)(layers.Lambda(lambda t: t * 2)(inputs)), name="with_lambda")
    path = tmp_path / "lambda.keras"
    model.save(path)
    return path


# --- the Python API -----------------------------------------------------------------


def test_seed_cnn_454_non_trainable_are_batchnorm_statistics():
    model = explain_models.seed_cnn()
    report = keraslint.explain(model)

    assert (report.total, report.trainable, report.non_trainable) == (168_793, 168_339, 454)
    assert_matches_keras(report, model)
    [cause] = report.causes
    assert cause.kind == accounting.BATCHNORM_STATISTICS
    assert cause.sentence.startswith(SEED_SENTENCE + " (2 x 227)")
    assert len(cause.layers) == 4
    first_bn = report.layers[0]
    assert first_bn.class_name == "BatchNormalization"
    assert {v.name: (v.count, v.trainable, v.cause) for v in first_bn.variables} == {
        "gamma": (3, True, None),
        "beta": (3, True, None),
        "moving_mean": (3, False, accounting.BATCHNORM_STATISTICS),
        "moving_variance": (3, False, accounting.BATCHNORM_STATISTICS),
    }
    assert [layer.total for layer in report.layers if layer.variables and layer.class_name != "BatchNormalization"] == [
        896, 18_496, 73_856, 73_792, 845,
    ]
    assert [layer.output_shape for layer in report.layers if not layer.variables] == [
        (None, 64, 64, 32), (None, 32, 32, 64), (None, 16, 16, 128), (None, 64),
    ]
    assert report.notes == ()
    text = str(report)
    assert text.startswith("Model 'seed_cnn' (Sequential): 168,793 parameters = 168,339 trainable + 454 non-trainable")
    assert SEED_SENTENCE in text


def test_batchnorm_on_the_wrong_axis_is_noted():
    model = explain_models.wrong_axis_cnn()
    report = keraslint.explain(model)

    assert_matches_keras(report, model)
    [note] = notes_of_kind(report, accounting.BATCHNORM_WRONG_AXIS)
    assert note.parameters == 256
    assert "has 256 parameters where 4 x 32 = 128 fit the 32 channels of its input (None, 64, 64, 32)" in note.message
    assert "axis=-3" in note.message and "use axis=-1" in note.message


def test_biases_cancelled_by_batchnorm_are_counted():
    model = explain_models.bias_before_batchnorm()
    report = keraslint.explain(model)

    assert_matches_keras(report, model)
    [note] = notes_of_kind(report, accounting.BIAS_CANCELLED_BY_BATCHNORM)
    # conv_pooled reaches its BatchNormalization through MaxPooling2D; conv_relu's ReLU keeps its bias useful.
    assert note.layers == ("conv_direct", "conv_pooled")
    assert note.parameters == 24
    assert "8 + 16 = 24 parameters could be dropped with use_bias=False" in note.message


def test_bias_feeding_something_besides_batchnorm_is_kept():
    inputs = keras.Input((8,))
    hidden = layers.Dense(4, name="hidden")(inputs)
    outputs = layers.Concatenate()([layers.BatchNormalization()(hidden), hidden])
    report = keraslint.explain(keras.Model(inputs, outputs))

    assert notes_of_kind(report, accounting.BIAS_CANCELLED_BY_BATCHNORM) == []


def test_dense_after_flatten_holding_most_parameters_is_noted():
    model = explain_models.flatten_dense()
    report = keraslint.explain(model)

    assert_matches_keras(report, model)
    [note] = notes_of_kind(report, accounting.DENSE_AFTER_FLATTEN)
    assert note.parameters == 14_400 * 64 + 64
    assert "14,400 flattened inputs x 64 units + 64 biases" in note.message


def test_frozen_applications_base_names_the_model_that_froze_it():
    model = explain_models.frozen_transfer()
    report = keraslint.explain(model)

    assert_matches_keras(report, model)
    causes = {cause.kind: cause for cause in report.causes}
    assert set(causes) == {accounting.BATCHNORM_STATISTICS, accounting.FROZEN}
    frozen = causes[accounting.FROZEN]
    assert "frozen by model 'mobilenet_0.25_32' (trainable=False)" in frozen.sentence
    assert frozen.sentence.startswith(f"{frozen.count:,} non-trainable = kernel ")
    base_layers = [layer for layer in report.layers if layer.path.startswith("mobilenet_0.25_32/")]
    assert base_layers and all(layer.trainable == 0 for layer in base_layers)
    assert {v.frozen_by for layer in base_layers for v in layer.variables if v.cause == accounting.FROZEN} == {
        "mobilenet_0.25_32"
    }
    assert report.trainable == 256 * 5 + 5  # only the new Dense(5) head on 256 features trains
    assert report.layers[-1].trainable == report.trainable


def test_statistics_fit_leaves_as_they_are_are_named_with_the_callbacks_detector():
    """explain finds the BatchNormalization layers fit() runs in inference mode with the
    callbacks' own walker and training=False detector."""
    base_input = keras.Input((8, 8, 3))
    features = layers.BatchNormalization(name="base_bn")(layers.Conv2D(4, 3)(base_input))
    base = keras.Model(base_input, features, name="base")
    inputs = keras.Input((8, 8, 3))
    outputs = layers.BatchNormalization(name="head_bn")(base(inputs, training=False))
    model = keras.Model(inputs, outputs)

    callers = accounting.inference_callers(accounting.walk_layers(model))
    assert callers["base"] == callers["base/base_bn"] == "base" and "head_bn" not in callers
    (statistics,) = [c for c in keraslint.explain(model).causes if c.kind == accounting.BATCHNORM_STATISTICS]
    assert statistics.sentence.endswith(
        "; fit() runs 1 of these layers in inference mode, which leaves their statistics as they are "
        "(1 called with training=False through 'base')"
    )

    base.trainable = False
    (statistics,) = [c for c in keraslint.explain(model).causes if c.kind == accounting.BATCHNORM_STATISTICS]
    assert statistics.sentence.endswith("(1 frozen by 'base')")

    # Every layer trains: the sentence stops at the expected statistics.
    seed = [c for c in keraslint.explain(explain_models.seed_cnn()).causes if c.kind == accounting.BATCHNORM_STATISTICS]
    assert seed[0].sentence.endswith("so they are expected")


def test_layer_frozen_by_itself_and_custom_non_trainable_state():
    model = keras.Sequential([keras.Input((3,)), layers.Normalization(), layers.Dense(4, name="frozen_dense")])
    model.get_layer("frozen_dense").trainable = False
    report = keraslint.explain(model)

    assert_matches_keras(report, model)
    causes = {cause.kind: cause.sentence for cause in report.causes}
    assert causes[accounting.FROZEN].startswith("16 non-trainable = kernel 12 + bias 4 of 1 layer frozen by layer")
    assert causes[accounting.NON_TRAINABLE_VARIABLE].startswith(
        "7 non-trainable = normalization/mean 3 + normalization/variance 3 + normalization/count 1"
    )


class Tower(keras.Model):
    """A subclassed model: a list of blocks, a layer applied twice and its own non-trainable weight."""

    def __init__(self):
        super().__init__(name="tower")
        self.blocks = [layers.Dense(6, name="block_a"), layers.Dense(6, name="block_b")]
        self.shared = layers.Dense(6, name="shared")
        self.calls = self.add_weight(shape=(), initializer="zeros", trainable=False, name="calls")

    def call(self, inputs):
        x = inputs
        for block in self.blocks:
            x = block(x)
        return self.shared(self.shared(x))


def test_subclassed_model_counts_its_own_weights_and_shared_layers_once():
    model = Tower()
    model(keras.ops.zeros((1, 4)))
    report = keraslint.explain(model)

    assert_matches_keras(report, model)
    assert [layer.path for layer in report.layers] == ["tower", "block_a", "block_b", "shared"]
    assert report.layers[-1].total == 6 * 6 + 6
    [cause] = report.causes
    assert cause.kind == accounting.NON_TRAINABLE_VARIABLE and cause.count == 1


def test_nested_models_and_functional_shared_layer():
    block = keras.Sequential([layers.Dense(5), layers.BatchNormalization()], name="block")
    shared = layers.Dense(5, name="shared")
    inputs = keras.Input((5,))
    outputs = shared(block(shared(inputs)))
    model = keras.Model(inputs, outputs, name="outer")
    report = keraslint.explain(model)

    assert_matches_keras(report, model)
    paths = [layer.path for layer in report.layers]
    assert paths.count("shared") == 1
    assert "block/batch_normalization" in {re.sub(r"_\d+$", "", path) for path in paths}


def test_mixed_precision_counts_float32_variables_the_same():
    keras.config.set_dtype_policy("mixed_float16")
    try:
        model = keras.Sequential([keras.Input((8,)), layers.Dense(4), layers.BatchNormalization()])
        report = keraslint.explain(model)
    finally:
        keras.config.set_dtype_policy("float32")

    assert_matches_keras(report, model)
    assert (report.total, report.non_trainable) == (36 + 16, 8)
    assert {v.dtype for layer in report.layers for v in layer.variables} == {"float32"}
    assert "dtype policy mixed_float16" in str(report)


def test_unbuilt_models_are_refused_with_the_way_to_build_them():
    with pytest.raises(accounting.ModelNotBuiltError, match=r"not built.*model\.build\(\(None, \*input_shape\)\)"):
        keraslint.explain(keras.Sequential([layers.Dense(3)]))
    with pytest.raises(accounting.ModelNotBuiltError, match="'tower' is not built"):
        keraslint.explain(Tower())
    with pytest.raises(TypeError, match="expects a Keras model, got str"):
        keraslint.explain("model.keras")


def test_to_dict_is_plain_json_data():
    report = keraslint.explain(explain_models.wrong_axis_cnn())
    data = json.loads(json.dumps(report.to_dict()))

    assert data["model"] == {"name": "wrong_axis_cnn", "class_name": "Sequential", "dtype_policy": "float32"}
    assert (data["total"], data["trainable"], data["non_trainable"]) == (1_218, 1_090, 128)
    assert data["layers"][1]["variables"][2] == {
        "name": "moving_mean",
        "shape": [64],
        "count": 64,
        "dtype": "float32",
        "trainable": False,
        "cause": accounting.BATCHNORM_STATISTICS,
        "frozen_by": None,
    }
    assert [note["kind"] for note in data["notes"]] == [accounting.BATCHNORM_WRONG_AXIS]


def test_input_shape_builds_an_unbuilt_model(tmp_path, capsys, monkeypatch):
    builder = tmp_path / "unbuilt.py"
    builder.write_text("import keras\n\ndef build():\n    return keras.Sequential([keras.layers.Dense(3)])\n")
    monkeypatch.setattr(sys, "path", list(sys.path))  # the loader puts the file's folder on sys.path
    parser = argparse.ArgumentParser()
    explain_cli.add_arguments(parser)

    assert explain_cli.run(parser.parse_args([f"{builder}:build"])) == 2
    assert "is not built" in capsys.readouterr().err
    assert explain_cli.run(parser.parse_args([f"{builder}:build", "--input-shape", "5"])) == 0
    assert "18 parameters = 18 trainable + 0 non-trainable" in capsys.readouterr().out


def test_build_function_failures_are_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))
    broken = tmp_path / "broken.py"
    broken.write_text("import keras\nimport no_such_dependency\n")
    parser = argparse.ArgumentParser()
    explain_cli.add_arguments(parser)

    for target, expected in [
        (f"{MODELS_FILE}:raises", "raises() raised RuntimeError: out of coffee"),
        (f"{MODELS_FILE}:missing", "explain_models.py has no function 'missing'"),
        (f"{broken}:build", f"cannot import {broken}: ModuleNotFoundError: No module named 'no_such_dependency'"),
    ]:
        assert explain_cli.run(parser.parse_args([target])) == 2
        [line] = capsys.readouterr().err.splitlines()
        assert line.startswith("keraslint explain: error: ") and expected in line


def test_importing_keraslint_and_the_explain_command_stays_free_of_keras():
    probe = (
        "import sys, keraslint, keraslint.explain_cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('keras', 'tensorflow', 'jax', 'torch')))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- the `keraslint explain` command --------------------------------------------------


def test_command_explains_a_saved_model(tmp_path):
    path = tmp_path / "seed.keras"
    explain_models.seed_cnn().save(path)
    result = keraslint_explain(path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "Model 'seed_cnn' (Sequential): 168,793 parameters = 168,339 trainable + 454 non-trainable"
    )
    assert SEED_SENTENCE in result.stdout
    assert re.search(r"^Total +168,793 +168,339 +454$", result.stdout, re.MULTILINE)


def test_command_json_from_a_module_function_in_the_current_directory():
    result = keraslint_explain("explain_models:bias_before_batchnorm", "--format", "json", cwd=HERE)

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["total"], data["trainable"], data["non_trainable"]) == (2_214, 2_158, 56)
    assert [note["parameters"] for note in data["notes"]] == [24]


def test_command_runs_lambda_code_only_with_unsafe(tmp_path):
    result = keraslint_explain(lambda_archive(tmp_path), "--unsafe")

    assert result.returncode == 0, result.stderr
    assert "Model 'with_lambda' (Functional): 10 parameters" in result.stdout


def garbage_archive(tmp_path):
    path = tmp_path / "corrupt.keras"
    path.write_bytes(b"\x00\x01 definitely not a zip archive")
    return path


@pytest.mark.parametrize(
    ("make_target", "expected"),
    [
        pytest.param(lambda tmp: tmp / "missing.keras", "no such file:", id="missing-file"),
        pytest.param(lambda tmp: tmp / "missing.py:build", "no such file:", id="missing-python-file"),
        pytest.param(garbage_archive, "is not a .keras archive (not a zip file)", id="corrupt-archive"),
        pytest.param(lambda_archive, "safe mode will not run; pass --unsafe", id="lambda-without-unsafe"),
        pytest.param(lambda tmp: f"{MODELS_FILE}:not_a_model", "not_a_model() returned int, not a Keras model",
                     id="not-a-model"),
        pytest.param(lambda tmp: "no_such_package.models:build",
                     "cannot import no_such_package.models: no module named 'no_such_package'", id="import-error"),
        pytest.param(lambda tmp: "model.pkl", "expected MODEL.keras, package.module:build_fn", id="unknown-target"),
        pytest.param(lambda tmp: tmp / "model.h5", "no such file:", id="missing-h5"),
        pytest.param(lambda tmp: "model.keras:build", "model.keras is a saved model, not Python code: use "
                     "`keraslint explain model.keras` without ':build'", id="saved-model-with-function"),
        pytest.param(lambda tmp: (tmp / "x.keras").mkdir() or tmp / "x.keras", "x.keras is a directory, not a saved "
                     ".keras file", id="directory-named-keras"),
        pytest.param(lambda tmp: (tmp / "bad.h5").write_bytes(b"garbage") and tmp / "bad.h5",
                     "cannot load legacy HDF5 file", id="corrupt-h5"),
    ],
)
def test_command_bad_input_is_one_line_and_exit_2(tmp_path, make_target, expected):
    result = keraslint_explain(make_target(tmp_path))

    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("keraslint explain: error: ")
    assert expected in line


def test_command_loads_a_legacy_h5_file(tmp_path):
    model = keras.Sequential([keras.Input((3,)), layers.Dense(2)], name="legacy")
    model.save(tmp_path / "legacy.h5")
    result = keraslint_explain(tmp_path / "legacy.h5")

    assert result.returncode == 0, result.stderr
    assert "8 parameters = 8 trainable + 0 non-trainable" in result.stdout


SUBCLASSED_AND_MODULE_LEVEL = """
import keras


class Tower(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(4)
        self.head = keras.layers.Dense(2)

    def call(self, x):
        return self.head(self.hidden(x))


def build():
    return Tower()


model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)], name="module_level")
"""


def test_command_accepts_a_module_level_model_and_builds_a_subclassed_one_on_zeros(tmp_path):
    source = tmp_path / "train.py"
    source.write_text(SUBCLASSED_AND_MODULE_LEVEL)

    module_level = keraslint_explain(f"{source}:model")
    assert module_level.returncode == 0, module_level.stderr
    assert "Model 'module_level' (Sequential): 8 parameters" in module_level.stdout

    subclassed = keraslint_explain(f"{source}:build", "--input-shape", "3")
    assert subclassed.returncode == 0, subclassed.stderr
    # hidden: 3 x 4 + 4, head: 4 x 2 + 2
    assert "Model 'tower' (Tower): 26 parameters = 26 trainable + 0 non-trainable" in subclassed.stdout
    assert "WARNING" not in subclassed.stderr.upper()


def test_runtime_report_gives_output_shapes_in_text_and_json():
    report = keraslint.explain(explain_models.wrong_axis_cnn())
    data = report.to_dict()

    assert [layer["output_shape"] for layer in data["layers"]] == [
        [None, 64, 64, 32], [None, 64, 64, 32], [None, 32], [None, 2],
    ]
    assert (data["static"], data["complete"], data["unknown"]) == (False, True, [])
    assert "(None, 64, 64, 32)" in str(report)
