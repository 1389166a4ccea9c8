"""Makes frozen-weights-guard.png for frozen-weights-guard.md (TensorFlow backend):
a layer frozen after the first fit() without compile() again, as the guard logs it.

    KERAS_BACKEND=tensorflow python docs/callbacks/frozen_weights_guard_figure.py
"""

import os
import warnings

import keras
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from keraslint.callbacks import FrozenWeightsGuard  # noqa: E402

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(512, 8)).astype("float32")
y = (x @ rng.normal(size=(8, 1))).astype("float32")
inputs = keras.Input((8,))
hidden = keras.layers.Dense(16, activation="relu", name="encoder")(inputs)
model = keras.Model(inputs, keras.layers.Dense(1, name="head")(hidden))
model.compile(keras.optimizers.Adam(1e-2), "mse")

guard = FrozenWeightsGuard()
first = model.fit(x, y, epochs=3, batch_size=32, verbose=0, callbacks=[guard])
model.get_layer("encoder").trainable = False  # no compile() again: the mistake
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    second = model.fit(x, y, epochs=6, batch_size=32, verbose=0, callbacks=[guard])
for warning in caught:
    print(warning.message)

epochs = np.arange(1, 7)
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2))
left.plot(epochs, second.history["frozen_weights_max_change"], marker="o")
left.set(title="frozen_weights_max_change", xlabel="epoch of the second fit()",
         ylabel="largest |change| since the snapshot")
right.plot(epochs, second.history["loss"], marker="o", color="tab:orange")
right.set(title="loss", xlabel="epoch of the second fit()")
fig.suptitle(f"'encoder' frozen after fit(), no compile(): {keras.backend.backend()} keeps training it")
fig.tight_layout()
fig.savefig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "frozen-weights-guard.png"), dpi=110)
print(second.history["frozen_weights_max_change"], second.history["frozen_weights_violations"])
