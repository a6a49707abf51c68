// SPDX-License-Identifier: GPL-3.0-or-later
// t-SNE and UMAP of real latent codes: trains an mlp-vae (20-d) on Fashion-MNIST for a few epochs
// (or opens a checkpoint), encodes the 10,000 test images and times Barnes-Hut t-SNE and UMAP on
// them; then the trustworthiness (k = 10, first 2,000 points) of each map against PCA's.
//   tsne_bench [checkpoint] [--epochs 3] [--threads 0] [--iterations 750] [--method tsne|umap|both|none]
//              [--save-codes F] [--codes F] [--save-map F] [--theta 0.5] [--early-theta 1.0]
// --save-codes writes the codes (one row of values per line, CSV) for a peer (bench/tsne_peer.py:
// scikit-learn on the same codes); --codes maps such a file instead of training; --save-map writes
// the t-SNE map (x, y per line).
#include "core/data/dataset.h"
#include "core/error.h"
#include "core/latent/pca.h"
#include "core/latent/tsne.h"
#include "core/latent/umap.h"
#include "core/models/presets.h"
#include "core/training/trainer.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

using namespace latentlab;

namespace {

void writeRows(const std::string& path, const std::vector<float>& values, int dim)
{
    std::ofstream out(path);
    for (size_t i = 0; i < values.size(); ++i)
        out << values[i] << ((i + 1) % size_t(dim) ? ',' : '\n');
    if (!out)
        throw InputError(path + ": cannot write");
}

LatentCodes readRows(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw InputError(path + ": cannot read");
    LatentCodes c;
    std::string line;
    while (std::getline(in, line)) {
        std::stringstream cells(line);
        std::string cell;
        int dim = 0;
        while (std::getline(cells, cell, ',')) {
            c.values.push_back(std::stof(cell));
            ++dim;
        }
        if (c.dim && dim != c.dim)
            throw InputError(path + ": rows of " + std::to_string(c.dim) + " and " + std::to_string(dim) + " values");
        c.dim = dim;
    }
    return c;
}

} // namespace

int main(int argc, char** argv)
{
    std::string checkpoint;
    int epochs = 3;
    TsneOptions o;
    std::string method = "both", saveCodes, codesFile, saveMap;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--epochs") && i + 1 < argc)
            epochs = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
            o.threads = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--iterations") && i + 1 < argc)
            o.iterations = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--method") && i + 1 < argc)
            method = argv[++i];
        else if (!std::strcmp(argv[i], "--save-codes") && i + 1 < argc)
            saveCodes = argv[++i];
        else if (!std::strcmp(argv[i], "--codes") && i + 1 < argc)
            codesFile = argv[++i];
        else if (!std::strcmp(argv[i], "--save-map") && i + 1 < argc)
            saveMap = argv[++i];
        else if (!std::strcmp(argv[i], "--theta") && i + 1 < argc)
            o.theta = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--early-theta") && i + 1 < argc)
            o.earlyTheta = std::atof(argv[++i]);
        else
            checkpoint = argv[i];
    }
    try {
        Model model;
        Dataset data;
        LatentCodes codes;
        if (!codesFile.empty()) {
            codes = readRows(codesFile);
        } else if (checkpoint.empty()) {
            RunConfig c = loadPreset("mlp-vae");
            c.dataset = "fashion-mnist";
            data = Dataset::load(c.dataset);
            TrainerOptions quiet;
            quiet.reconstructionCount = 0;
            quiet.maxLatentPoints = 0;
            quiet.snapshots = false;
            Trainer t(c, data, quiet);
            t.train(epochs);
            model = t.model().cloneToCpu();
            std::printf("trained mlp-vae (latent %d) for %d epochs on Fashion-MNIST\n", c.model.latent, epochs);
        } else {
            model = Model::load(checkpoint);
            data = Dataset::load(model.info().datasetSpec);
        }
        if (codesFile.empty())
            codes = model.encode(data, true);
        if (!saveCodes.empty())
            writeRows(saveCodes, codes.values, codes.dim);
        std::printf("codes: %lld x %d\n", static_cast<long long>(codes.count()), codes.dim);
        const Projection2D pca = projectPca(codes.values, codes.dim);
        const double tPca = trustworthiness(codes.values, codes.dim, pca.points, 2, 10);
        const auto since = [](std::chrono::steady_clock::time_point t0) {
            return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        };
        if (method == "tsne" || method == "both") {
            const auto t0 = std::chrono::steady_clock::now();
            const TsneResult r = runTsne(codes.values, codes.dim, o);
            const double seconds = since(t0);
            std::printf("t-SNE: %d iterations in %.2f s (threads %d, perplexity %.0f, theta %.2f, early %.2f), KL %.4f\n",
                        r.iterations, seconds, o.threads, o.perplexity, o.theta, o.earlyTheta, r.kl);
            std::printf("trustworthiness k=10 (first 2000 points): t-SNE %.4f, PCA %.4f\n",
                        trustworthiness(codes.values, codes.dim, r.embedding, 2, 10), tPca);
            if (!saveMap.empty())
                writeRows(saveMap, r.embedding, 2);
        }
        if (method == "umap" || method == "both") {
            UmapOptions u;
            u.threads = o.threads;
            const auto t0 = std::chrono::steady_clock::now();
            const UmapResult r = runUmap(codes.values, codes.dim, u);
            const double seconds = since(t0);
            std::printf("UMAP: %d epochs in %.2f s (threads %d, neighbours %d, min_dist %.2f)\n", r.epochs, seconds, u.threads,
                        u.neighbours, u.minDist);
            std::printf("trustworthiness k=10 (first 2000 points): UMAP %.4f, PCA %.4f\n",
                        trustworthiness(codes.values, codes.dim, r.embedding, 2, 10), tPca);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tsne_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
