# Labels: 1D convnets: an IMDB classifier whose Dense(1) has no activation under binary cross-entropy, and regressors under MAE.
# Source: fchollet/deep-learning-with-python-notebooks, first_edition/6.4-sequence-processing-with-convnets.ipynb
# Commit: dea84a4e12cc3bb3cb61ce952a0168bca113d315
# License: MIT
# Written in our own words with the source's structure; no code copied.
from keras import layers
from keras.models import Sequential
from keras.optimizers import RMSprop

review_net = Sequential()
review_net.add(layers.Embedding(10000, 128, input_length=500))
review_net.add(layers.Conv1D(32, 7, activation="relu"))
review_net.add(layers.MaxPooling1D(5))
review_net.add(layers.Conv1D(32, 7, activation="relu"))
review_net.add(layers.GlobalMaxPooling1D())
review_net.add(layers.Dense(1))  # [keras-probabilities-loss-on-logits] no sigmoid, but binary_crossentropy expects probabilities
review_net.compile(optimizer=RMSprop(learning_rate=1e-4), loss="binary_crossentropy", metrics=["acc"])
review_net.fit(x_train, y_train, epochs=10, batch_size=128)

weather_net = Sequential()
weather_net.add(layers.Conv1D(32, 5, activation="relu", input_shape=(None, 14)))
weather_net.add(layers.MaxPooling1D(3))
weather_net.add(layers.Conv1D(32, 5, activation="relu"))
weather_net.add(layers.GRU(32, dropout=0.1, recurrent_dropout=0.5))  # [ok: keras-recurrent-without-time-axis] the Conv1D stack keeps the time axis
weather_net.add(layers.Dense(1))  # [ok: keras-probabilities-loss-on-logits] a regression output with mean absolute error
weather_net.compile(optimizer=RMSprop(), loss="mae")
