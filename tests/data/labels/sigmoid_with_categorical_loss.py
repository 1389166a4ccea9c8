# Labels: two multi-class CNNs that end in a 10-unit sigmoid but train with categorical cross-entropy on one-hot labels.
# Source: PacktPublishing/Keras-Deep-Learning-Cookbook, Chapter02/shared_layer_cifar10.py and Chapter02/functional_apis_with_mnist.py
# Commit: 061e0c3911918f399c1a4221a75be4083321b37d
# License: MIT
# Written in our own words with the sources' structure; no code copied.
import keras
from keras.datasets import cifar10, mnist
from keras.layers import Conv2D, Dense, Flatten, Input, MaxPooling2D, Reshape, concatenate
from keras.models import Model

(x_a, y_a), _ = cifar10.load_data()
x_a = x_a.astype("float32") / 255
y_a = keras.utils.to_categorical(y_a, 10)
picture = Input(shape=(32, 32, 3))
left = Flatten()(MaxPooling2D(pool_size=(2, 2))(Conv2D(32, kernel_size=4, activation="relu")(picture)))  # [ok: keras-dense-on-unflattened] flattened before the Dense layers
right = Flatten()(MaxPooling2D(pool_size=(2, 2))(Conv2D(16, kernel_size=8, activation="relu")(picture)))
joined = concatenate([left, right])
hidden = Dense(512, activation="relu")(joined)
scores = Dense(10, activation="sigmoid")(hidden)  # [keras-loss-activation-mismatch] ten independent sigmoids trained with categorical cross-entropy, which expects a softmax distribution
two_towers = Model(inputs=picture, outputs=scores)
two_towers.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.RMSprop(learning_rate=1e-4), metrics=["accuracy"])
two_towers.fit(x_a, y_a, batch_size=32, epochs=10)  # [ok: keras-label-encoding-mismatch] one-hot labels with categorical cross-entropy

(x_b, y_b), _ = mnist.load_data()
y_b = keras.utils.to_categorical(y_b, 10)
digits = Input((28, 28))
d = Reshape((28, 28, 1), input_shape=(28, 28))(digits)
d = MaxPooling2D(pool_size=(2, 2))(Conv2D(14, kernel_size=4, activation="relu")(d))
d = MaxPooling2D(pool_size=(2, 2))(Conv2D(7, kernel_size=4, activation="relu")(d))
d = Flatten()(d)
digit_scores = Dense(10, activation="sigmoid")(d)  # [keras-loss-activation-mismatch] same: sigmoid over 10 classes with categorical cross-entropy
digit_net = Model(inputs=digits, outputs=digit_scores)
digit_net.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.RMSprop(learning_rate=1e-4), metrics=["accuracy"])
digit_net.fit(x_b, y_b, batch_size=128, epochs=12)  # [ok: keras-label-encoding-mismatch] one-hot labels with categorical cross-entropy
