"""keras-label-encoding-mismatch: labels prepared in the module against the loss compiled."""
# pylint: disable=invalid-name
import numpy as np
import tensorflow as tf
from keras import layers
from keras.utils import to_categorical
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder, label_binarize
import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()

# Integer labels of keras.datasets with categorical cross-entropy (Sequential, list).
listed = keras.Sequential([keras.Input(shape=(28, 28)), layers.Flatten(), layers.Dense(10, activation="softmax")])
listed.compile(optimizer="adam", loss="categorical_crossentropy")
listed.fit(x_train, y_train, epochs=1)  # [keras-label-encoding-mismatch]

# One-hot labels with the sparse loss, given as a loss object (Sequential, add).
one_hot = to_categorical(y_train, 10)
added = keras.Sequential()
added.add(keras.Input(shape=(28, 28)))
added.add(layers.Flatten())
added.add(layers.Dense(10, activation="softmax"))
added.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy())
added.fit(x_train, one_hot)  # [keras-label-encoding-mismatch]
added.fit(x_train, y=tf.one_hot(y_train, 10))  # [keras-label-encoding-mismatch]

# LabelEncoder through train_test_split, functional model, tf.keras spelling.
encoder = LabelEncoder()
codes = encoder.fit_transform(np.array(["a", "b", "c"]))
x_tr, x_te, y_tr, y_te = train_test_split(np.zeros((3, 4)), codes, test_size=0.2)
inputs = tf.keras.Input(shape=(4,))
outputs = tf.keras.layers.Dense(3, activation="softmax")(inputs)
functional = tf.keras.Model(inputs, outputs)
functional.compile(optimizer="adam", loss=tf.keras.losses.categorical_crossentropy)
functional.fit(x_tr, y_tr, validation_data=(x_te, y_te))  # [keras-label-encoding-mismatch]

# label_binarize over three classes is one-hot.
binarized = label_binarize(codes, classes=[0, 1, 2])
functional.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
functional.fit(x_tr, binarized)  # [keras-label-encoding-mismatch]

# Clean: matching encodings.
listed.fit(x_train, one_hot)
added.fit(x_train, y_train)

# Clean: label_binarize over two classes gives one 0/1 column, not one-hot.
added.fit(x_train, label_binarize(codes, classes=[0, 1]))

# Clean: labels changed after preparation have an unknown encoding.
listed.fit(x_train, np.argmax(one_hot, axis=1))
y_train = y_train.reshape(-1, 1)
listed.fit(x_train, y_train)

# Clean: the model was compiled twice with different losses under different conditions.
branchy = keras.Sequential([keras.Input(shape=(28, 28)), layers.Flatten(), layers.Dense(10, activation="softmax")])
if np.random.rand() > 0.5:
    branchy.compile(loss="categorical_crossentropy")
else:
    branchy.compile(loss="sparse_categorical_crossentropy")
branchy.fit(x_train, one_hot)
