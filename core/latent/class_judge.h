// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A judge of "which class is this, and how sure": a small classifier trained on a dataset's real
// images and labels, built unlike the models it judges (attribute_checks.h says how). Lesson tests
// ask it whether decoded images look like any class at all (a plain autoencoder's gaps) or like one
// clearly (a VAE's plane).
#include "core/data/dataset.h"
#include "core/image.h"
#include "core/latent/attribute_checks.h"

#include <memory>
#include <vector>

namespace latentlab {

class ClassJudge {
public:
    using Architecture = AttributeClassifier::Architecture;
    /// Trains on the train split's labels (cross-entropy over the classes, decoder-like augmentation).
    /// Throws InputError when the dataset has fewer than 2 classes.
    static ClassJudge train(const Dataset& data, int epochs, uint64_t seed,
                            Architecture architecture = Architecture::Convolutional);
    /// Class probabilities for each image: images.size() rows of classes() values, each row sums to 1.
    std::vector<float> predict(const std::vector<Image>& images) const;
    int classes() const;
    /// How unlike every class each image is, from the judge's own features (the layer before its
    /// output): the Mahalanobis distance to the nearest class mean under the classes' shared
    /// covariance (Lee et al. 2018), over the same distance's 99th percentile on the real test images,
    /// blurred like a decoder's. Above 1: further from every class than 99 % of real images are. A
    /// softmax is sure of almost anything; this says when an image is none of the classes.
    std::vector<float> unlikeAnyClass(const std::vector<Image>& images) const;
    /// Share of the test split classified right, as is and blurred (Gaussian, sigma 1 pixel).
    double testAccuracy() const;
    double blurredTestAccuracy() const;

private:
    struct Impl;
    std::shared_ptr<Impl> m;
};

/// The largest class probability of each row of `probabilities` (rows of `classes` values): how sure
/// the judge is that an image shows one class. Near 1: clearly one class; near 1/classes: none.
std::vector<float> judgeConfidence(const std::vector<float>& probabilities, int classes);

} // namespace latentlab
