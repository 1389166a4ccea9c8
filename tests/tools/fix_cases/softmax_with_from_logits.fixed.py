"""keras-softmax-with-from-logits: from_logits=False, the output activation stays."""
import keras
from keras import layers

model = keras.Sequential([keras.Input((8,)), layers.Dense(16, activation="relu"), layers.Dense(3, activation="softmax")])
model.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(
        from_logits=False,  # the output already applies softmax
    ),
)

binary = keras.Sequential([keras.Input((8,)), layers.Dense(1, activation="sigmoid")])  # [not fixed: keras-softmax-with-from-logits]
binary_loss = keras.losses.BinaryCrossentropy(from_logits=True)
binary.compile(optimizer="adam", loss=binary_loss)
