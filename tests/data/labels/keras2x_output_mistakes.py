# Labels: softmax over a single unit, and relu applied twice, in a book's first models.
# Source: PacktPublishing/Keras-2.x-Projects, Chapter01/cap1.ap.py and Chapter05/FashionMnist.py
# Commit: eb60a9b3f3fefa17ee90774edb38d88d31bacd2b
# License: MIT
# Written in our own words with the sources' structure; no code copied.
from keras.layers import Activation, Conv2D, Dense, Flatten, Input, MaxPool2D
from keras.models import Model, Sequential

inputs = Input(shape=(100,))
hidden = Dense(10, activation="relu")(inputs)
hidden = Dense(20, activation="relu")(hidden)  # [ok: keras-redundant-activation] one relu per layer
output = Dense(1, activation="softmax")(hidden)  # [keras-loss-activation-mismatch] softmax over a single unit is always 1.0
tiny = Model(inputs=inputs, outputs=output)

cnn = Sequential()
cnn.add(Conv2D(32, kernel_size=(2, 2), padding="same", activation="relu", input_shape=(28, 28, 1)))
cnn.add(Activation("relu"))  # [ok: keras-redundant-activation] relu after relu changes no value: reported only with keras-report-idempotent-activations
cnn.add(MaxPool2D(padding="same"))
cnn.add(Conv2D(64, kernel_size=(2, 2), padding="same"))
cnn.add(Activation("relu"))  # [ok: keras-redundant-activation] the convolution before it is linear
cnn.add(Flatten())
cnn.add(Dense(10, activation="softmax"))
cnn.compile(optimizer="adam", loss="categorical_crossentropy")
