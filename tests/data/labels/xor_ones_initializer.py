# Labels: the XOR network of a transfer-learning book, its hidden layer initialized to ones.
# Source: PacktPublishing/Hands-On-Transfer-Learning-with-Python, Chapter02/NNBasics-chapter-02.ipynb
# Commit: bb63ec55cb299618cb84a194a41f4787917b22fc
# License: MIT
# Written in our own words with the source's structure; no code copied.
import numpy as np
from keras.layers import Activation, Dense, Input
from keras.models import Model
from keras.optimizers import SGD

pairs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
parity = np.array([[0], [1], [1], [0]])
entry = Input(shape=(2,), dtype="float32")
hidden = Dense(2, kernel_initializer="ones", activation="relu")(entry)  # [ok: keras-constant-kernel-initializer] the output layer's random kernel gives the two hidden units different gradients
logit = Dense(1)(hidden)  # [ok: keras-probabilities-loss-on-logits] an Activation('sigmoid') follows
xor_net = Model(entry, Activation("sigmoid")(logit))
xor_net.compile(loss="binary_crossentropy", optimizer=SGD(learning_rate=0.5))
xor_net.fit(pairs, parity, epochs=300)
