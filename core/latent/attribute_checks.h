// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Measuring latent edits: a small classifier trained on a dataset's real images judges whether
// generated images show an attribute ("does the face smile?"). Its architecture (3x3 convolutions,
// max pooling) shares nothing with the models it judges. Used by tests and
// `latentlab-cli evaluate` to put numbers on condition sliders and attribute vectors.
#include "core/data/dataset.h"
#include "core/image.h"
#include "core/models/model.h"

#include <memory>
#include <string>
#include <vector>

namespace latentlab {

class AttributeClassifier {
public:
    /// How the judge is built. A second judge built another way checks the first: an edit that
    /// fools one through a blind spot of its architecture is unlikely to fool both.
    enum class Architecture {
        Convolutional, // VGG's pattern: 3x3 convolutions, batch norm, ReLU, max pooling
        Pooled,        // a 5x5 stride-2 stem, group norm, ELU, average pooling, a global mean and max pool
    };
    /// Trains a small judge on the train split to predict the named attributes (value > 0.5 = has it).
    /// Throws InputError when the dataset lacks one of them.
    static AttributeClassifier train(const Dataset& data, const std::vector<std::string>& attributes, int epochs,
                                     uint64_t seed, Architecture architecture = Architecture::Convolutional);
    /// Probability of each attribute for each image: images.size() rows of attributes().size() values.
    std::vector<float> predict(const std::vector<Image>& images) const;
    const std::vector<std::string>& attributes() const;
    /// Accuracy per attribute on the dataset's test split, measured after training.
    const std::vector<double>& testAccuracy() const;
    /// The same on the test images blurred (Gaussian, sigma 1 pixel), as decoders blur.
    const std::vector<double>& blurredTestAccuracy() const;

private:
    struct Impl;
    std::shared_ptr<Impl> m;
};

struct ConditionCheck {
    std::string attribute;
    double accuracyOn = 0;   // fraction of images generated with the attribute at 1 that show it
    double accuracyOff = 0;  // fraction of images generated with it at 0 that lack it
    /// The worst other judged attribute: the fraction of on/off pairs (same z, same other
    /// conditions) in which the judge's verdict on it changed. 0 with a judge of one attribute.
    double othersChanged = 0;
    std::string mostChanged; // which other attribute that was ("" when none was judged)
    int samples = 0;
    /// Up to 32 of the images the judge found wrong, set to 1 and set to 0: what a failure looks like.
    std::vector<Image> failedOn, failedOff;
};

/// Where the other condition values come from while one attribute is switched on and off.
enum class OtherConditions {
    TestFaces, // each sample copies a random test image's combination
    Defaults,  // all samples use the model's default (what `sample --condition X=v` and Explore start from)
};

/// Decodes n prior samples from a conditional model with `attribute` set to 1 and then to 0, the other
/// condition values as `others` says (same z and others both times), and asks the classifier.
ConditionCheck checkConditionControl(const Model& cvae, const Dataset& data, const AttributeClassifier& judge,
                                     const std::string& attribute, int n, uint64_t seed,
                                     OtherConditions others = OtherConditions::TestFaces);

struct VectorCheck {
    std::string attribute;
    float amount = 1;
    double before = 0;       // fraction of the reconstructions of images without it that show it
    double after = 0;        // the same after adding amount * the attribute vector
    int samples = 0;
};

/// Encodes up to n test images that lack `attribute`, adds `amount` times its attribute vector (mean code
/// with minus mean code without, over the test split) and decodes; the classifier counts how many show it.
VectorCheck checkAttributeVector(const Model& model, const Dataset& data, const AttributeClassifier& judge,
                                 const std::string& attribute, float amount, int n);

} // namespace latentlab
