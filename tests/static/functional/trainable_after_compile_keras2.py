"""keras-trainable-after-compile with keras-major-version=2 (tf-keras: compile() captures trainable)."""
import keras
from keras import layers

base = keras.applications.MobileNetV2(include_top=False, weights="imagenet", input_shape=(96, 96, 3))
inputs = keras.Input(shape=(96, 96, 3))
x = base(inputs, training=False)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
model.fit(1, 2, epochs=1)
base.trainable = False  # [keras-trainable-after-compile]
model.fit(1, 2, epochs=1)

# Clean: freeze, then compile again before training.
base.trainable = True
model.compile(optimizer=keras.optimizers.Adam(1e-5), loss=keras.losses.BinaryCrossentropy(from_logits=True))
model.fit(1, 2, epochs=1)

# Layers of a model, frozen in a loop after training.
for layer in model.layers[:3]:
    layer.trainable = False  # [keras-trainable-after-compile]
model.fit(1, 2, epochs=1)

# Keras 2: compile() captured the trainable state, even before the first fit().
other = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(8, activation="relu"), layers.Dense(1)])
other.compile(loss="mse")
other.layers[0].trainable = False  # [keras-trainable-after-compile]
other.fit(1, 2)

# Clean on Keras 2: the GAN idiom works (D trains in D.train_on_batch, not in combined).
discriminator = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16, activation="relu"), layers.Dense(1, activation="sigmoid")])
discriminator.compile(optimizer="adam", loss="binary_crossentropy")
generator = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(8)])
discriminator.trainable = False
z = keras.Input(shape=(4,))
combined = keras.Model(z, discriminator(generator(z)))
combined.compile(optimizer="adam", loss="binary_crossentropy")
for step in range(3):
    discriminator.train_on_batch(1, 2)
    combined.train_on_batch(1, 2)

# Clean on Keras 2 too: the toggle idiom matches each model's compiled state.
critic = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16, activation="relu"), layers.Dense(1)])
critic.compile(optimizer="adam", loss="mse")
maker = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(8)])
critic.trainable = False
seed = keras.Input(shape=(4,))
chained = keras.Model(seed, critic(maker(seed)))
chained.compile(optimizer="adam", loss="mse")
for step in range(steps):
    critic.trainable = True
    critic.train_on_batch(1, 2)
    critic.trainable = False
    chained.train_on_batch(1, 2)
