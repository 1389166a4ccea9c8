# Labels: two guide models that end in a linear Dense(1) compiled with the 'binary_crossentropy' string.
# Source: tensorflow/docs, site/en/guide/ragged_tensor.ipynb and site/en/guide/extension_type.ipynb
# Commit: 7c3650212740204359d4ceae481abc79345541be
# License: Apache-2.0
# Written in our own words with the sources' structure; no code copied.
import tensorflow as tf

words_model = tf.keras.Sequential([
    tf.keras.layers.Embedding(1024, 16, mask_zero=True),
    tf.keras.layers.LSTM(32, return_sequences=True, use_bias=False),
    tf.keras.layers.GlobalAveragePooling1D(),
    tf.keras.layers.Dense(32),  # [ok: keras-stacked-linear-layers] an Activation(relu) layer follows
    tf.keras.layers.Activation(tf.nn.relu),  # [ok: keras-redundant-activation] the Dense before has no activation of its own
    tf.keras.layers.Dense(1),  # [keras-probabilities-loss-on-logits] a logit into 'binary_crossentropy', which expects probabilities
])
words_model.compile(loss="binary_crossentropy", optimizer="rmsprop")
words_model.fit(hashed_words, is_question, epochs=5)

spec = MaskedTensor.Spec([None, 2], tf.float32)
masked_model = tf.keras.Sequential([
    tf.keras.layers.Input(type_spec=spec),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(1)])  # [keras-probabilities-loss-on-logits] same: linear output with 'binary_crossentropy'
masked_model.compile(loss="binary_crossentropy", optimizer="rmsprop")
