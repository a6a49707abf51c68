// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli_export.h"

#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_json.h"
#include "core/data/dataset.h"
#include "core/data/file_io.h"
#include "core/export/csv_export.h"
#include "core/export/model_grids.h"
#include "core/export/weights_export.h"
#include "core/latent/latent_math.h"
#include "core/latent/pca.h"
#ifdef LATENTLAB_HAVE_TSNE
#include "core/latent/tsne.h"
#include "core/latent/umap.h"
#endif
#include "core/models/model.h"
#ifdef LATENTLAB_HAVE_PIXELS
#include "core/pixels/image_io.h"
#include "core/pixels/video_io.h"
#endif

#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>
#include <memory>

namespace latentlab::cli {

namespace {
#ifdef LATENTLAB_HAVE_PIXELS
// A caption is one line under a picture: long text would not fit it (and a 100,000-character one
// broke OpenCV's text drawing).
std::string captionOf(const Args& a)
{
    constexpr size_t kMaxCaption = 200;
    const std::string caption = a.get("caption");
    if (caption.size() > kMaxCaption)
        throw UsageError("--caption: " + std::to_string(caption.size()) + " characters, more than the " +
                         std::to_string(kMaxCaption) + " a caption line holds");
    return caption;
}
#endif

// The model's own dataset (or --dataset); null when it cannot be loaded and `needed` is false.
std::unique_ptr<Dataset> datasetFor(const Model& model, const Args& a, bool needed)
{
    try {
        return std::make_unique<Dataset>(Dataset::load(a.get("dataset", model.info().datasetSpec)));
    } catch (const InputError& e) {
        if (needed || a.has("dataset"))
            throw;
        std::cerr << "note: without the model's dataset (" << e.what() << "), statistics default to N(0, I)\n";
        return nullptr;
    }
}

void requirePixels(const char* command)
{
#ifndef LATENTLAB_HAVE_PIXELS
    throw UsageError(std::string(command) + ": this build has no image/video support (built without OpenCV)");
#else
    (void)command;
#endif
}

} // namespace

int cmdExportGrid(const std::vector<std::string>& argv)
{
    requirePixels("export-grid");
    Args a(argv, 2, cliCommand("export-grid"));
    const Model model = Model::load(a.required("checkpoint"));
    const std::string kind = a.required("kind"), out = a.outputFile();
    const std::vector<float> cond = model.conditionFromText(a.get("condition"));
    const bool needsData = kind == "reconstructions";
    const bool usesCodes = kind != "samples" || model.info().config.model.kind == ModelKind::Autoencoder;
    std::unique_ptr<Dataset> data = (needsData || usesCodes) ? datasetFor(model, a, needsData) : nullptr;
    std::unique_ptr<LatentCodes> codes;
    if (data && usesCodes)
        codes = std::make_unique<LatentCodes>(model.encode(*data, true, 5000));
    Image grid;
    if (kind == "samples") {
        const int n = a.getInt("n", 64, 1, 4096);
        grid = makeGrid(sampleImages(model, codes.get(), n, a.getUnsigned("seed", 1), cond),
                        sampleGridColumns(model, n, !cond.empty()));
    } else if (kind == "traversal") {
        grid = traversalGridImage(model, codes.get(), a.getInt("n", std::min(10, model.info().latentDim()), 1, 256),
                                  a.getInt("steps", 9, 2, 64), cond);
    } else if (kind == "manifold") {
        std::vector<std::string> dims = splitList(a.get("dims", "0,1"));
        if (dims.size() != 2)
            throw UsageError("--dims: expected two dimensions like 0,1");
        int dx = 0, dy = 0;
        try {
            dx = std::stoi(dims[0]);
            dy = std::stoi(dims[1]);
        } catch (const std::exception&) {
            throw UsageError("--dims: expected two dimension numbers like 0,1, got \"" + a.get("dims") + "\"");
        }
        grid = manifoldGridImage(model, codes.get(), a.getInt("n", 15, 2, 64), float(a.getDouble("range", 3.0, 0.01, 10)), dx, dy, cond);
    } else if (kind == "reconstructions") {
        grid = reconstructionGridImage(model, *data, a.getInt("n", 8, 1, 256));
    } else {
        throw UsageError("--kind: expected samples, traversal, manifold or reconstructions, got \"" + kind + "\"");
    }
#ifdef LATENTLAB_HAVE_PIXELS
    const Image image = exportImage(grid, a.getInt("scale", 1, 1, 32), captionOf(a));
    writeImage(image, out);
    std::cout << "wrote " << kind << " grid (" << image.width << "x" << image.height << ") to " << out << "\n";
#endif
    return 0;
}

int cmdExportVideo(const std::vector<std::string>& argv)
{
    requirePixels("export-video");
    Args a(argv, 2, cliCommand("export-video"));
    const Model model = Model::load(a.required("checkpoint"));
    const std::string out = a.outputFile();
#ifdef LATENTLAB_HAVE_PIXELS
    videoFormatFromPath(out); // fail on a bad extension before any work
#endif
    const int dim = model.info().latentDim();
    std::vector<float> cond = model.conditionFromText(a.get("condition")), condB;
    std::vector<float> za, zb;
    if (a.has("from") || a.has("to")) {
        const int from = a.getInt("from", 0, 0, 1000000), to = a.getInt("to", 1, 0, 1000000);
        const std::unique_ptr<Dataset> data = datasetFor(model, a, true);
        const LatentCodes codes = model.encode(*data, true, std::max(from, to) + 1);
        if (std::max(from, to) >= codes.count())
            throw InputError("--from/--to: the test split of " + data->info().spec + " has only " +
                             std::to_string(codes.count()) + " images");
        za.assign(codes.values.begin() + int64_t(from) * dim, codes.values.begin() + int64_t(from + 1) * dim);
        zb.assign(codes.values.begin() + int64_t(to) * dim, codes.values.begin() + int64_t(to + 1) * dim);
        if (cond.empty()) { // each end in its own condition: image FROM's at the start, TO's at the end
            cond = conditionOfCode(model.info(), codes, from);
            condB = conditionOfCode(model.info(), codes, to);
        }
    } else {
        const std::vector<float> mean(size_t(dim), 0.0f), sd(size_t(dim), 1.0f);
        const std::vector<float> both = gaussianCodes(2, mean, sd, a.getUnsigned("seed", 1));
        za.assign(both.begin(), both.begin() + dim);
        zb.assign(both.begin() + dim, both.end());
    }
    const auto frames = interpolationFrames(model, za, zb, a.getInt("frames", 30, 2, 10000), a.has("slerp"), cond,
                                            a.has("loop"), condB);
#ifdef LATENTLAB_HAVE_PIXELS
    const int scale = a.getInt("scale", 4, 1, 32);
    const std::string caption = captionOf(a);
    std::vector<Image> scaled;
    for (const Image& f : frames)
        scaled.push_back(exportImage(f, scale, caption));
    writeVideo(scaled, out, a.getDouble("fps", 15.0, 0.1, 120));
    std::cout << "wrote " << scaled.size() << " frames (" << scaled[0].width << "x" << scaled[0].height << ") to " << out
              << "\n";
#endif
    return 0;
}

int cmdExportLatents(const std::vector<std::string>& argv)
{
    Args a(argv, 2, cliCommand("export-latents"));
    const Model model = Model::load(a.required("checkpoint"));
    const std::string split = a.get("split", "test");
    if (split != "test" && split != "train")
        throw UsageError("--split: expected test or train, got \"" + split + "\"");
    const std::string out = a.outputFile();
    const std::unique_ptr<Dataset> data = datasetFor(model, a, true);
    const LatentCodes codes = model.encode(*data, split == "test");
    writeTextFile(out, latentsCsv(codes, data->info().classNames));
    if (a.has("loss"))
        writeTextFile(a.get("loss"), lossHistoryCsv(model.info().history));
    if (a.has("json")) { // one object: what was written, for a script
        JsonLine()
            .add("event", "result")
            .add("codes", int64_t(codes.count()))
            .add("latent", codes.dim)
            .add("split", split)
            .add("dataset", data->info().spec)
            .add("out", out)
            .add("loss_out", a.get("loss"))
            .add("loss_epochs", int64_t(a.has("loss") ? model.info().history.size() : 0))
            .print();
        return 0;
    }
    std::cout << "wrote " << codes.count() << " latent codes to " << out << "\n";
    if (a.has("loss"))
        std::cout << "wrote " << model.info().history.size() << " epochs of losses to " << a.get("loss") << "\n";
    return 0;
}

namespace {

// The map's x, y (and z with dims 3) per code by `method` (options from the command line).
std::vector<float> mapCodes(const LatentCodes& codes, const std::string& method, int dims, const Args& a)
{
    if (method == "pca" && dims == 2)
        return projectPca(codes.values, codes.dim).points;
    if (method == "pca") // the top three principal directions (0 beyond a smaller latent)
        return principalCoordinates(codes.values, codes.dim, 3);
#ifdef LATENTLAB_HAVE_TSNE
    if (method == "tsne") {
        TsneOptions o;
        o.dims = dims;
        o.perplexity = a.getDouble("perplexity", o.perplexity, 1, 1000);
        o.seed = a.getUnsigned("seed", 1);
        return runTsne(codes.values, codes.dim, o).embedding;
    }
    UmapOptions o;
    o.neighbours = a.getInt("neighbours", o.neighbours, 2, 1000);
    o.minDist = a.getDouble("min-dist", o.minDist, 0, 0.99);
    o.seed = a.getUnsigned("seed", 1);
    o.dims = dims;
    return runUmap(codes.values, codes.dim, o).embedding;
#else
    (void)a;
    throw UsageError("--method " + method + ": this build has no t-SNE or UMAP (built without libnanoflann-dev)");
#endif
}

// A TSV cell: tabs and line breaks would split it.
std::string tsvCell(std::string s)
{
    std::replace_if(s.begin(), s.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
    return s;
}

#ifdef LATENTLAB_HAVE_PIXELS
// Every image of the split (all: train then test) in one sprite without padding, ceil(sqrt(n))
// columns, each thumbnail the images' own size halved until the sprite fits the Projector's
// 8192 px a side. Read a thousand images at a time: only the thumbnails are kept.
Image projectorSprite(const Dataset& data, const std::string& split, int64_t n, int& thumbWidth, int& thumbHeight)
{
    const DatasetInfo& info = data.info();
    const int columns = int(std::ceil(std::sqrt(double(n)))), rows = int((n + columns - 1) / columns);
    int factor = 1;
    while ((columns * (info.width / factor) > 8192 || rows * (info.height / factor) > 8192) && info.width / factor > 1 &&
           info.height / factor > 1)
        factor *= 2;
    std::vector<Image> thumbs;
    thumbs.reserve(size_t(n));
    for (const bool test : {false, true}) {
        if (split != "all" && test != (split == "test"))
            continue;
        const int64_t count = test ? info.testCount : info.trainCount;
        for (int64_t start = 0; start < count; start += 1000)
            for (const Image& im : data.images(test, start, std::min<int64_t>(1000, count - start)))
                thumbs.push_back(downscaleMean(im, factor));
    }
    thumbWidth = info.width / factor;
    thumbHeight = info.height / factor;
    return makeGrid(thumbs, columns, 0, 0);
}
#endif

// The TensorBoard Embedding Projector's files in `dir`: tensors.tsv (the codes), metadata.tsv (a
// header, then label, split and the attributes per code), sprite.png (the images, one thumbnail
// each, at most 8192 px a side) and projector_config.json naming them.
void writeProjector(const std::string& dir, const LatentCodes& codes, const std::vector<std::string>& splitOf,
                    const Dataset& data, const std::string& split)
{
    // The standalone Projector (projector.tensorflow.org, ?config=URL) reads the JSON config;
    // TensorBoard's projector plugin reads projector_config.pbtxt in its log folder.
    makeDirs(dir);
    std::ostringstream tensors, metadata;
    metadata << "label\tsplit";
    for (const std::string& name : codes.attributeNames)
        metadata << '\t' << tsvCell(name);
    metadata << '\n';
    const auto& classes = data.info().classNames;
    const size_t nAttr = codes.attributeNames.size();
    for (int64_t i = 0; i < codes.count(); ++i) {
        for (int d = 0; d < codes.dim; ++d)
            tensors << (d ? "\t" : "") << codes.values[size_t(i * codes.dim + d)];
        tensors << '\n';
        const int label = size_t(i) < codes.labels.size() ? codes.labels[size_t(i)] : -1;
        metadata << (label >= 0 && size_t(label) < classes.size() ? tsvCell(classes[size_t(label)]) : std::to_string(label))
                 << '\t' << splitOf[size_t(i)];
        for (size_t k = 0; k < nAttr && codes.attributes.size() == size_t(codes.count()) * nAttr; ++k)
            metadata << '\t' << (codes.attributes[size_t(i) * nAttr + k] > 0.5f ? 1 : 0);
        metadata << '\n';
    }
    writeTextFile(dir + "/tensors.tsv", tensors.str());
    writeTextFile(dir + "/metadata.tsv", metadata.str());
    std::ostringstream config, pbtxt; // every value here is ours: no escaping needed
    config << "{\n  \"embeddings\": [{\n    \"tensorName\": \"LatentLab " << split << " codes\",\n"
           << "    \"tensorShape\": [" << codes.count() << ", " << codes.dim << "],\n"
           << "    \"tensorPath\": \"tensors.tsv\",\n    \"metadataPath\": \"metadata.tsv\"";
    pbtxt << "embeddings {\n  tensor_name: \"LatentLab " << split << " codes\"\n  tensor_path: \"tensors.tsv\"\n"
          << "  metadata_path: \"metadata.tsv\"\n";
#ifdef LATENTLAB_HAVE_PIXELS
    int thumbWidth = 0, thumbHeight = 0;
    writeImage(projectorSprite(data, split, codes.count(), thumbWidth, thumbHeight), dir + "/sprite.png");
    config << ",\n    \"sprite\": {\"imagePath\": \"sprite.png\", \"singleImageDim\": [" << thumbWidth << ", "
           << thumbHeight << "]}";
    pbtxt << "  sprite {\n    image_path: \"sprite.png\"\n    single_image_dim: " << thumbWidth
          << "\n    single_image_dim: " << thumbHeight << "\n  }\n";
#endif
    config << "\n  }]\n}\n";
    pbtxt << "}\n";
    writeTextFile(dir + "/projector_config.json", config.str());
    writeTextFile(dir + "/projector_config.pbtxt", pbtxt.str());
}

} // namespace

int cmdMap(const std::vector<std::string>& argv)
{
    Args a(argv, 2, cliCommand("map"));
    const std::string method = a.get("method", "umap"), split = a.get("split", "test");
    if (method != "umap" && method != "tsne" && method != "pca")
        throw UsageError("--method: expected umap, tsne or pca, got \"" + method + "\"");
    if (split != "test" && split != "train" && split != "all")
        throw UsageError("--split: expected test, train or all, got \"" + split + "\"");
    const int dims = a.getInt("dims", 2, 2, 3);
    if (!a.has("out") && !a.has("projector"))
        throw UsageError("map: say where to write it: --out map.csv and/or --projector DIR");
    const Model model = Model::load(a.required("checkpoint"));
    const std::string out = a.has("out") ? a.outputFile() : std::string();
    const std::unique_ptr<Dataset> data = datasetFor(model, a, true);
    LatentCodes codes;
    std::vector<std::string> splitOf; // per code
    for (const bool test : {false, true}) {
        if (split != "all" && test != (split == "test"))
            continue;
        const LatentCodes part = model.encode(*data, test);
        appendCodes(codes, part);
        splitOf.insert(splitOf.end(), size_t(part.count()), test ? "test" : "train");
    }
    if (codes.count() == 0)
        throw InputError("map: the " + split + " split of " + data->info().spec + " has no images");
    // The map first: when it fails (too few points for UMAP), nothing has been written.
    const std::vector<float> map = a.has("out") ? mapCodes(codes, method, dims, a) : std::vector<float>();
    if (a.has("projector"))
        writeProjector(a.get("projector"), codes, splitOf, *data, split);
    if (a.has("out"))
        writeTextFile(out, mapCsv(codes, map, dims, splitOf, data->info().classNames));
    if (a.has("json")) {
        JsonLine().add("event", "result").add("points", int64_t(codes.count())).add("method", method).add("dims", int64_t(dims)).add("split", split)
            .add("dataset", data->info().spec).add("out", out).add("projector", a.get("projector")).print();
        return 0;
    }
    if (!out.empty())
        std::cout << "wrote a " << dims << "-D " << method << " map of " << codes.count() << " " << split << " codes to " << out << "\n";
    if (a.has("projector"))
        std::cout << "wrote " << codes.count() << " codes for the Embedding Projector to " << a.get("projector") << "\n";
    return 0;
}

int cmdExportWeights(const std::vector<std::string>& argv)
{
    Args a(argv, 2, cliCommand("export-weights"));
    const Model model = Model::load(a.required("checkpoint"));
    const std::string out = a.outputFile();
    outputTarget(weightsDescriptionPath(out));
    const WeightsExport w = exportWeights(model, out);
    std::cout << "wrote " << w.tensorNames.size() << " tensors to " << w.weightsPath << " and the architecture to "
              << w.descriptionPath << " (load with resources/python/latentlab_model.py; see docs/python.md)\n";
    return 0;
}

} // namespace latentlab::cli
