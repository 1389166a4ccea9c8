"""keras-loss-activation-mismatch: the loss/output table, per output, every softmax spelling."""
# pylint: disable=invalid-name
import keras
import tensorflow as tf
from keras import layers
from keras.layers import Activation, Dense, Softmax

# A single unit followed by softmax, in every form.
inputs = keras.Input(shape=(20,))
logit = Dense(1)(inputs)
as_layer = Activation("softmax")(logit)  # [keras-loss-activation-mismatch]
as_softmax = Softmax()(layers.Dropout(0.2)(logit))  # [keras-loss-activation-mismatch]
as_function = keras.activations.softmax(logit)  # [keras-loss-activation-mismatch]
as_tf = tf.keras.layers.Activation(tf.nn.softmax)(logit)  # [keras-loss-activation-mismatch]
sequential = keras.Sequential([keras.Input(shape=(20,)), Dense(1), layers.Softmax()])  # [keras-loss-activation-mismatch]

# A single unit with a categorical loss, whatever its activation.
single = keras.Sequential([keras.Input(shape=(20,)), Dense(1, activation="sigmoid")])  # [keras-loss-activation-mismatch]
single.compile(loss="sparse_categorical_crossentropy")

# Losses per output: a dict by output name and a list by position.
features = keras.Input(shape=(20,))
hidden = Dense(16, activation="relu")(features)
kind = Dense(5, activation="softmax", name="kind")(hidden)  # [keras-softmax-with-from-logits]
score = Dense(1, activation="relu", name="score")(hidden)  # [keras-loss-activation-mismatch]
count = Dense(1, activation="tanh", name="count")(hidden)  # [keras-loss-activation-mismatch]
heads = keras.Model(features, [kind, score, count])
heads.compile(loss={"kind": "categorical_crossentropy", "score": "binary_crossentropy", "count": "poisson"})
listed = keras.Model(features, [kind, score])
listed.compile(loss=[keras.losses.CategoricalCrossentropy(from_logits=True), "mse"])
by_key = keras.Model(features, {"label": Dense(3, activation="tanh")(hidden)})  # [keras-loss-activation-mismatch]
by_key.compile(loss={"label": keras.losses.KLDivergence()})

# Hinge losses need scores of both signs; categorical hinge a margin.
hinge = keras.Sequential([keras.Input(shape=(20,)), Dense(1, activation="sigmoid")])  # [keras-loss-activation-mismatch]
hinge.compile(loss="hinge")
categorical_hinge = keras.Sequential([keras.Input(shape=(20,)), Dense(4, activation="softmax")])  # [keras-loss-activation-mismatch]
categorical_hinge.compile(loss=keras.losses.CategoricalHinge())

# Logits that cannot be: bounded, or never negative for a sigmoid.
bounded = keras.Sequential([keras.Input(shape=(20,)), Dense(4, activation="tanh")])  # [keras-loss-activation-mismatch]
bounded.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))
positive = keras.Sequential([keras.Input(shape=(20,)), Dense(1, activation="relu")])  # [keras-loss-activation-mismatch]
positive.compile(loss=keras.losses.BinaryCrossentropy(from_logits=True))

# Clean: the pairs that fit.
fine = [
    (keras.Sequential([keras.Input(shape=(20,)), Dense(1, activation="tanh")]), "squared_hinge"),
    (keras.Sequential([keras.Input(shape=(20,)), Dense(1, activation="exponential")]), "poisson"),
    (keras.Sequential([keras.Input(shape=(20,)), Dense(4, activation="softmax")]), "kld"),
    (keras.Sequential([keras.Input(shape=(20,)), Dense(4)]), "categorical_hinge"),
]
for model, loss in fine:
    model.compile(loss=loss)
log_probabilities = keras.Sequential([keras.Input(shape=(20,)), Dense(4, activation="log_softmax")])
log_probabilities.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))
# Clean: a loss list that does not match the outputs pairs nothing.
heads.compile(loss=["binary_crossentropy", "binary_crossentropy"])

# Clean: a GAN generator compiled for nothing: trained only inside the combined model.
generator = keras.Sequential([keras.Input(shape=(8,)), Dense(4, activation="tanh")])
generator.compile(loss="binary_crossentropy")
discriminator = keras.Sequential([keras.Input(shape=(4,)), Dense(1, activation="sigmoid")])
combined = keras.Sequential([generator, discriminator])
combined.compile(loss="binary_crossentropy")
combined.train_on_batch(None, None)
# Clean: compiled only to load weights and predict.
restored = keras.Sequential([keras.Input(shape=(8,)), Dense(4, activation="tanh")])
restored.compile(loss="binary_crossentropy")
restored.load_weights("generator.weights.h5")
