"""Build style: Keras 1 spellings (Convolution2D(64, 5, 5, border_mode=...), output_dim, dim_ordering)."""
from keras.layers import Activation, BatchNormalization, Convolution2D, Dense, Flatten
from keras.models import Sequential

model = Sequential()
model.add(Convolution2D(64, 5, 5, border_mode="same", input_shape=(3, 32, 32), dim_ordering="th"))  # [keras-bias-before-batchnorm]
model.add(BatchNormalization(axis=1))
model.add(Activation("relu"))
model.add(Convolution2D(64, 3, 3, border_mode="same", dim_ordering="th", bias=False))
model.add(BatchNormalization())  # [keras-batchnorm-wrong-axis]
model.add(Activation("relu"))
model.add(Flatten())
model.add(Dense(output_dim=64))  # [keras-stacked-linear-layers]
model.add(Dense(output_dim=10, activation="softmax"))
