"""keras-frozen-base-training-mode: flagged and clean cases."""
import keras
import keras_hub
from keras import layers

base = keras.applications.MobileNetV2(include_top=False, weights="imagenet", input_shape=(160, 160, 3))
base.trainable = False
inputs = keras.Input(shape=(160, 160, 3))
x = base(inputs)  # [keras-frozen-base-training-mode]
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")
base.trainable = True
model.compile(optimizer=keras.optimizers.Adam(1e-5), loss="mse")

# Clean: called with training=False, as in the transfer-learning guide.
y = base(inputs, training=False)
y = layers.GlobalAveragePooling2D()(y)
clean = keras.Model(inputs, layers.Dense(1)(y))
clean.compile(loss="mse")

# Clean: a randomly initialised backbone is not pretrained.
scratch = keras.applications.ResNet50(include_top=False, weights=None)
scratch_model = keras.Model(inputs, layers.Dense(1)(layers.GlobalAveragePooling2D()(scratch(inputs))))
scratch_model.compile(loss="mse")

# Clean: VGG16 holds no BatchNormalization.
vgg = keras.applications.VGG16(include_top=False, weights="imagenet")
vgg.trainable = False
vgg_model = keras.Model(inputs, layers.Dense(1)(layers.GlobalAveragePooling2D()(vgg(inputs))))
vgg_model.compile(loss="mse")

# A frozen model of the user's own that holds BatchNormalization: flagged.
encoder = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16, use_bias=False), layers.BatchNormalization(), layers.ReLU()])
encoder.trainable = False
features = keras.Input(shape=(8,))
e = encoder(features)  # [keras-frozen-base-training-mode]
head = keras.Model(features, layers.Dense(1)(e))
head.fit(1, 2)

# Clean: a frozen GAN discriminator made of Dense layers has no statistics to protect.
disc = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16, activation="relu"), layers.Dense(1, activation="sigmoid")])
disc.trainable = False
noise = keras.Input(shape=(8,))
gan = keras.Model(noise, disc(noise))
gan.compile(loss="binary_crossentropy")

# Pretrained and trainable, listed in a Sequential that is trained: flagged at the element.
classifier = keras.Sequential([
    keras.applications.EfficientNetB0(include_top=False, weights="imagenet", pooling="avg"),  # [keras-frozen-base-training-mode]
    layers.Dense(10, activation="softmax"),
])
classifier.compile(loss="sparse_categorical_crossentropy")

# Clean: the Sequential around the base is called with training=False.
backbone = keras.applications.ResNet50V2(include_top=False, weights="imagenet")
stem = keras.Sequential([layers.Rescaling(1 / 255), backbone])
images = keras.Input(shape=(224, 224, 3))
pooled = layers.GlobalAveragePooling2D()(stem(images, training=False))
stem_model = keras.Model(images, layers.Dense(3)(pooled))
stem_model.fit(1, 2)

# Clean: a feature extractor used only through predict() is never trained.
extractor = keras.Model(images, layers.GlobalAveragePooling2D()(keras.applications.DenseNet121(include_top=False)(images)))
vectors = extractor.predict(1)

# Clean: an eager call on data is part of no model.
embedded = base(vectors)

# keras-hub: a tokenizer is no model; a transformer backbone holds no BatchNormalization.
tokenizer = keras_hub.models.BertTokenizer.from_preset("bert_base_en")
bert = keras_hub.models.BertBackbone.from_preset("bert_base_en")
tokens = keras.Input(shape=(None,), dtype="int32")
text_model = keras.Model(tokens, layers.Dense(2)(bert(tokens)))
text_model.compile(loss="mse")

# keras-hub: a ResNet backbone holds BatchNormalization; a model returned to be trained counts.
def build_classifier():
    resnet = keras_hub.models.Backbone.from_preset("resnet_50_imagenet")
    pixels = keras.Input(shape=(224, 224, 3))
    return keras.Model(pixels, layers.Dense(5)(layers.GlobalAveragePooling2D()(resnet(pixels))))  # [keras-frozen-base-training-mode]


# Frozen by the keyword it is loaded with: the message says frozen, not trainable.
def frozen_as_loaded():
    trunk = keras_hub.models.ResNetBackbone.from_preset("resnet_18_imagenet", trainable=False)
    pixels = keras.Input(shape=(64, 64, 3))
    net = keras.Model(pixels, layers.Dense(3)(layers.GlobalAveragePooling2D()(trunk(pixels))))  # [keras-frozen-base-training-mode]
    net.compile(loss="mse")


# Unfrozen to look at its weights, then frozen again before it is used: the message names
# the freeze in effect and no unfreeze.
def refrozen_before_use():
    trunk = keras_hub.models.ResNetBackbone.from_preset("resnet_18_imagenet", trainable=False)
    trunk.trainable = True
    trunk.trainable = False
    pixels = keras.Input(shape=(64, 64, 3))
    net = keras.Model(pixels, layers.Dense(3)(layers.GlobalAveragePooling2D()(trunk(pixels))))  # [keras-frozen-base-training-mode]
    net.compile(loss="mse")
