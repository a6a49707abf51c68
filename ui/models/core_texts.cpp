// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/core_texts.h"

#include <QCoreApplication>

namespace latentlab::ui {

namespace {

// For lupdate only: the texts of core/models/run_params.cpp and resources/presets/*.json.
[[maybe_unused]] const char* const kCoreTexts[] = {
    // run parameters: label, help, unit
    QT_TRANSLATE_NOOP("CoreText", "Latent size"),
    QT_TRANSLATE_NOOP("CoreText", "Dimensions of the latent code"),
    QT_TRANSLATE_NOOP("CoreText", "dimensions"),
    QT_TRANSLATE_NOOP("CoreText", "Beta"),
    QT_TRANSLATE_NOOP("CoreText", "Weight of the KL term (1 = VAE, >1 = beta-VAE)"),
    QT_TRANSLATE_NOOP("CoreText", "KL warm-up"),
    QT_TRANSLATE_NOOP("CoreText", "Epochs over which beta ramps up from 0"),
    QT_TRANSLATE_NOOP("CoreText", "epochs"),
    QT_TRANSLATE_NOOP("CoreText", "Learning rate"),
    QT_TRANSLATE_NOOP("CoreText", "Optimizer step size"),
    QT_TRANSLATE_NOOP("CoreText", "Batch size"),
    QT_TRANSLATE_NOOP("CoreText", "Images per optimizer step"),
    QT_TRANSLATE_NOOP("CoreText", "images"),
    QT_TRANSLATE_NOOP("CoreText", "Epochs"),
    QT_TRANSLATE_NOOP("CoreText", "Total epochs to train (including those of an opened checkpoint)"),
    QT_TRANSLATE_NOOP("CoreText", "Seed"),
    QT_TRANSLATE_NOOP("CoreText", "Same seed and settings give the same run"),
    QT_TRANSLATE_NOOP("CoreText", "Threads"),
    QT_TRANSLATE_NOOP("CoreText", "CPU threads for training (0 = all cores)"),
    QT_TRANSLATE_NOOP("CoreText", "threads"),
    // presets' descriptions (the preset box's tooltips)
    QT_TRANSLATE_NOOP("CoreText", "Small convolutional autoencoder with an 8x2x2 code: Conv-ReLU-MaxPool x2, ConvTranspose decoder, tanh output, MSE."),
    QT_TRANSLATE_NOOP("CoreText", "Convolutional beta-VAE (beta = 8) for 64x64 dSprites in disentanglement_lib's shape (4 convolutions 32-32-64-64, fc 256, 10-d latent, BCE): watch dimensions switch off and score the codes against the true factors."),
    QT_TRANSLATE_NOOP("CoreText", "Convolutional conditional VAE for 3x64x64 faces, 16-d latent, conditioned on the dataset's attributes (CelebA's 40) at every convolution; beta 4 from the first step, so that the attributes go through the condition, not the code."),
    QT_TRANSLATE_NOOP("CoreText", "Convolutional VAE for 3x64x64 faces, 16-d latent, unconditional: edit faces with attribute vectors (add smile, add glasses)."),
    QT_TRANSLATE_NOOP("CoreText", "Convolutional VAE for 28x28: two strided convolutions with leaky ReLU and dropout, 16-d latent, MSE(sum) + KL."),
    QT_TRANSLATE_NOOP("CoreText", "Deep dense autoencoder 784-512-256-128-64-32, LeakyReLU + Dropout(0.5) after each layer, mirrored decoder, sigmoid output, BCE, Nadam."),
    QT_TRANSLATE_NOOP("CoreText", "Autoencoder with a 3-d code: 784-128-64-12-3 ReLU encoder, mirrored decoder, tanh output on inputs scaled to [-1, 1], MSE."),
    QT_TRANSLATE_NOOP("CoreText", "The mlp-vae network as a plain autoencoder: 784-400-20 ReLU with a linear code layer, sigmoid output, BCE(sum), no KL term, Adam 1e-3, batch 128."),
    QT_TRANSLATE_NOOP("CoreText", "beta-VAE (beta = 4) on the 784-400-10 MLP: fewer, more disentangled active latent dimensions."),
    QT_TRANSLATE_NOOP("CoreText", "Conditional VAE on digits: 784-400-20 MLP, one-hot class label fed to encoder head and decoder."),
    QT_TRANSLATE_NOOP("CoreText", "The classic PyTorch VAE example: 784-400-20, ReLU, sigmoid output, BCE(sum) + KL, Adam 1e-3, batch 128."),
};

} // namespace

QString coreText(const char* text) { return QCoreApplication::translate("CoreText", text); }

QString coreText(const std::string& text) { return coreText(text.c_str()); }

} // namespace latentlab::ui
