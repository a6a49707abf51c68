// SPDX-License-Identifier: GPL-3.0-or-later
// t-SNE and UMAP of real latent codes: trains an mlp-vae (20-d) on Fashion-MNIST for a few epochs
// (or opens a checkpoint), encodes the 10,000 test images and times Barnes-Hut t-SNE and UMAP on
// them; then the trustworthiness (k = 10, first 2,000 points) of each map against PCA's.
//   tsne_bench [checkpoint] [--epochs 3] [--threads 0] [--iterations 750] [--method tsne|umap|both]
#include "core/data/dataset.h"
#include "core/latent/pca.h"
#include "core/latent/tsne.h"
#include "core/latent/umap.h"
#include "core/models/presets.h"
#include "core/training/trainer.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

using namespace latentlab;

int main(int argc, char** argv)
{
    std::string checkpoint;
    int epochs = 3;
    TsneOptions o;
    std::string method = "both";
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--epochs") && i + 1 < argc)
            epochs = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
            o.threads = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--iterations") && i + 1 < argc)
            o.iterations = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--method") && i + 1 < argc)
            method = argv[++i];
        else
            checkpoint = argv[i];
    }
    try {
        Model model;
        Dataset data;
        if (checkpoint.empty()) {
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
        const LatentCodes codes = model.encode(data, true);
        std::printf("codes: %lld x %d\n", static_cast<long long>(codes.count()), codes.dim);
        const Projection2D pca = projectPca(codes.values, codes.dim);
        const double tPca = trustworthiness(codes.values, codes.dim, pca.points, 2, 10);
        const auto since = [](std::chrono::steady_clock::time_point t0) {
            return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        };
        if (method != "umap") {
            const auto t0 = std::chrono::steady_clock::now();
            const TsneResult r = runTsne(codes.values, codes.dim, o);
            const double seconds = since(t0);
            std::printf("t-SNE: %d iterations in %.2f s (threads %d, perplexity %.0f, theta %.2f)\n", r.iterations, seconds,
                        o.threads, o.perplexity, o.theta);
            std::printf("trustworthiness k=10 (first 2000 points): t-SNE %.4f, PCA %.4f\n",
                        trustworthiness(codes.values, codes.dim, r.embedding, 2, 10), tPca);
        }
        if (method != "tsne") {
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
