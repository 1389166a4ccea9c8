"""keras-output-keeps-axis: a model output with a time or spatial axis, trained on one
label per example, across build styles and label sources; clean cases."""
import keras
import numpy as np
import tensorflow as tf
from keras import layers
from keras.datasets import imdb
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()

# Sequential list, sparse labels from the data set.
listed = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Dense(10, activation="softmax"),
])
listed.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
listed.fit(x_train, y_train, epochs=5)  # [keras-output-keeps-axis]

# Sequential.add, one-hot labels made from the data set's, through train_test_split.
one_hot = keras.utils.to_categorical(y_train, 10)
x_fit, x_val, y_fit, y_val = train_test_split(x_train, one_hot, test_size=0.1)
added = keras.Sequential()
added.add(keras.Input(shape=(28, 28, 1)))
added.add(layers.Conv2D(16, 3, activation="relu"))
added.add(layers.Dense(10, activation="softmax"))
added.compile(optimizer="adam", loss=keras.losses.CategoricalCrossentropy())
added.fit(x_fit, y_fit, validation_data=(x_val, y_val))  # [keras-output-keeps-axis]

# Functional, a sequence model whose last LSTM returns every step, imdb's labels.
(reviews, sentiment), _ = imdb.load_data(num_words=10000)
tokens = keras.Input(shape=(200,))
steps = layers.LSTM(32, return_sequences=True)(layers.Embedding(10000, 64)(tokens))
scores = layers.Dense(1, activation="sigmoid")(steps)
reader = keras.Model(tokens, scores)
reader.compile(optimizer="adam", loss="binary_crossentropy")
reader.fit(reviews, sentiment, batch_size=32)  # [keras-output-keeps-axis]


# A helper that builds the model, labels from a LabelEncoder, a regression loss.
def build(width):
    inputs = keras.Input(shape=(100, 4))
    features = layers.Conv1D(width, 5, activation="relu")(inputs)
    return keras.Model(inputs, layers.Dense(1)(features))


grades = LabelEncoder().fit_transform(["a", "b", "a"])
regressor = build(8)
regressor.compile(optimizer="adam", loss="mse")
regressor.fit(np.zeros((3, 100, 4)), grades)  # [keras-output-keeps-axis]

# tf.keras spelling, labels one-hot encoded by keras.utils.np_utils-era to_categorical.
(clothes, kinds), _ = tf.keras.datasets.fashion_mnist.load_data()
kinds_one_hot = tf.keras.utils.to_categorical(kinds)
spelled = tf.keras.models.Sequential()
spelled.add(tf.keras.layers.Conv2D(8, (3, 3), input_shape=(28, 28, 1)))
spelled.add(tf.keras.layers.Dense(10, activation="softmax"))
spelled.compile(optimizer="sgd", loss="categorical_crossentropy")
spelled.fit(clothes, kinds_one_hot, epochs=1)  # [keras-output-keeps-axis]

# Clean: the same models with Flatten or global pooling.
pooled = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])
pooled.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
pooled.fit(x_train, y_train, epochs=5)

# Clean: labels of unknown origin: a sequence tagger or a segmentation model has one
# label per position.
tags = np.load("tags.npy")
tagger = keras.Sequential([
    keras.Input(shape=(50,)),
    layers.Embedding(1000, 32),
    layers.LSTM(32, return_sequences=True),
    layers.Dense(12, activation="softmax"),
])
tagger.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
tagger.fit(np.load("sentences.npy"), tags)

# Clean: an output shape the code does not show (the input shape comes from a file).
unknown = keras.Sequential([
    keras.Input(shape=np.load("shape.npy")),
    layers.Dense(10, activation="softmax"),
])
unknown.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
unknown.fit(x_train, y_train)

# Clean: a loss the rule does not know the effect of.
hinged = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(4, 3), layers.Dense(1)])
hinged.compile(optimizer="adam", loss="hinge")
hinged.fit(x_train, y_train)
