// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Disentanglement scores of latent codes against ground-truth generative factors, following the
// definitions of disentanglement_lib (Locatello et al. 2019): MIG (Chen et al. 2018), SAP (Kumar
// et al. 2018), DCI (Eastwood and Williams 2018) and active units (Burda et al. 2016). Plain C++.
//
// Where disentanglement_lib trains scikit-learn models, simpler ones stand in, named here:
// - SAP's per-dimension classifier (a LinearSVC there) is a nearest class-mean classifier on the one
//   code dimension, trained on the first half of the points and scored on the second.
// - DCI's importance matrix (gradient-boosted trees there) comes from ridge regression of each
//   factor on the standardised codes: |coefficient| per dimension. Informativeness is the test R^2.
#include "core/data/dataset.h"
#include "core/models/epoch_stats.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

/// codes: n x dim latent means; factors: n x k factor values (discrete: each distinct value a class;
/// continuous ones are discretised into `bins` bins as the codes are). Throws InputError for
/// mismatched sizes, fewer than 20 points, or non-finite values.
DisentanglementScores disentanglement(const std::vector<float>& codes, int dim, const std::vector<float>& factors,
                                      int factorCount, int bins = 20);

/// The scores of the first `count` rows of `testCodes` (codes of the dataset's test images, in
/// order) against its ground-truth factors. Throws InputError naming the dataset when it has none.
DisentanglementScores testCodeDisentanglement(const std::vector<float>& testCodes, int dim, int64_t count,
                                              const Dataset& data);

/// Mutual information (nats) of two discrete label sequences of equal length.
double mutualInformation(const std::vector<int>& a, const std::vector<int>& b);

} // namespace latentlab
