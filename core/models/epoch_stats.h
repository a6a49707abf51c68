#pragma once
// Per-epoch numbers: what the CLI writes to metrics.csv and the GUI plots.
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

} // namespace latentlab
