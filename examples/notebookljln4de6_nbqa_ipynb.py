# %%NBQA-CELL-SEPe5530f
"""Notebook example for nbqa."""
import keras
from keras import layers


# %%NBQA-CELL-SEPe5530f
model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ]
)
model.summary()


# %%NBQA-CELL-SEPe5530f
model.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
