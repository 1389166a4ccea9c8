"""Both callbacks under keras.distribution.DataParallel on JAX over two virtual CPU
devices. XLA reads its device count once, so the case runs in a process of its own;
the TensorFlow MirroredStrategy cases live beside each callback's other tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import keras
import pytest

SCRIPT = textwrap.dedent(
    """
    import json, warnings
    import jax, keras, numpy as np
    from keras import layers
    from keraslint.callbacks import BatchNormMonitor, FrozenWeightsGuard

    devices = jax.devices()
    keras.distribution.set_distribution(keras.distribution.DataParallel(devices=devices))
    keras.utils.set_random_seed(0)
    base = keras.Sequential([keras.Input((6,)), layers.Dense(8, name="frozen_dense"),
                             layers.BatchNormalization(name="frozen_bn")], name="base")
    base.trainable = False
    inputs = keras.Input((6,))
    hidden = layers.BatchNormalization(momentum=0.5, name="head_bn")(layers.Dense(8)(base(inputs, training=False)))
    model = keras.Model(inputs, layers.Dense(1)(hidden))
    model.compile("adam", "mse")

    class ShiftFrozenKernel(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if self.params and batch == 2 and not getattr(self, "done", False):
                self.done = True
                kernel = self.model.get_layer("base").get_layer("frozen_dense").kernel
                kernel.assign(kernel + 1.0)

    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 6)).astype("float32")
    y = rng.normal(size=(64, 1)).astype("float32")
    guard = FrozenWeightsGuard(every=1)
    monitor = BatchNormMonitor(probe_data=x[:32], every=2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(x, y, epochs=2, batch_size=16, verbose=0, callbacks=[ShiftFrozenKernel(), guard, monitor])
    print(json.dumps({
        "devices": len(devices),
        "kernel_devices": len(model.get_layer("base").get_layer("frozen_dense").kernel.value.sharding.device_set),
        "warnings": [str(w.message) for w in caught],
        "violations": [(v["variable"], v["epoch"], v["step"], v["cause"]) for v in guard.report["violations"]],
        "guarded": guard.report["guarded"]["by_reason"],
        "cost": guard.report["cost"],
        "steps": monitor.history["step"],
        "modes": {path: info["mode"] for path, info in monitor.report["layers"].items()},
        "head_drift": monitor.report["layers"]["head_bn"]["final"]["drift"],
        "gap_probed": monitor.history["epoch_end"]["layers"]["base/frozen_bn"]["mean_shift"][-1] is not None,
    }))
    """
)


@pytest.mark.skipif(keras.backend.backend() != "jax", reason="keras.distribution.DataParallel runs on JAX")
def test_both_callbacks_under_data_parallel_on_two_virtual_cpu_devices():
    env = dict(os.environ, KERAS_BACKEND="jax", XLA_FLAGS="--xla_force_host_platform_device_count=2",
               JAX_PLATFORMS="cpu")
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["devices"] == 2 and result["kernel_devices"] == 2
    assert not [w for w in result["warnings"] if "disabled itself" in w]
    # Shifted as batch 2 ended: seen by the check as batch 3 began.
    assert result["violations"] == [["base/frozen_dense/kernel", 0, 3, "assigned"]]
    assert result["guarded"] == {"frozen": 6}
    assert result["cost"] == {"batch_checks": 6, "device_calls": 6, "host_reads": 6}
    assert result["steps"] == [0, 2, 4, 6, 8]
    assert result["modes"] == {"base/frozen_bn": "frozen", "head_bn": "training"}
    assert result["head_drift"] is not None and result["gap_probed"]
