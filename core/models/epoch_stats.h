// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Per-epoch numbers: what the CLI writes to metrics.csv and the GUI plots, and the disentanglement
// scores an epoch's codes get on data with ground-truth factors (core/latent/disentanglement.h).
#include <vector>

namespace latentlab {

struct EpochStats {
    int epoch = 0;                  // 1-based
    double trainLoss = 0, trainRecon = 0, trainKl = 0;
    double testLoss = 0, testRecon = 0, testKl = 0;
    double seconds = 0;             // wall time of the training pass
    double beta = 0, learningRate = 0;
    std::vector<double> klPerDim;   // test set, per latent dimension (empty for a plain AE)
};

struct DisentanglementScores {
    double mig = 0;             // mean over factors of the normalised gap between the two most informative dimensions
    double sap = 0;             // mean over factors of the gap between the two best single-dimension classifiers
    double dciDisentanglement = 0;
    double dciCompleteness = 0;
    double dciInformativeness = 0;
    int activeUnits = 0;        // dimensions whose code mean varies (variance > 0.01) across the points
    std::vector<double> migPerFactor;
};

} // namespace latentlab
