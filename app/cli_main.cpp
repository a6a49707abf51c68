// SPDX-License-Identifier: GPL-3.0-or-later
// latentlab-cli: headless training, sampling, encoding and dataset checks on the shared engine.
// Exit codes: 0 success, 2 bad usage or bad input (one line naming the file and problem), 1 other failure.
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_evaluate.h"
#include "app/cli_json.h"
#include "app/cli_export.h"
#include "app/cli_output.h"
#include "app/cli_train.h"
#include "app/man_page.h"
#include "core/data/dataset.h"
#include "core/data/downloads.h"
#include "core/data/file_io.h"
#include "core/data/mnist_json_import.h"
#include "core/error.h"
#include "core/export/csv_export.h"
#include "core/export/model_grids.h"
#include "core/export/run_folder.h"
#include "core/image.h"
#include "core/latent/latent_math.h"
#include "core/models/model.h"
#include "core/models/presets.h"
#include "core/models/run_params.h"
#include "core/training/checkpoint.h"
#include "core/training/distributed.h"
#include "core/training/trainer.h"
#ifdef LATENTLAB_HAVE_PIXELS
#include "core/pixels/pixel_datasets.h"
#include "core/pixels/synth_faces.h"
#include "core/pixels/image_io.h"
#endif

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <sys/stat.h>

using namespace latentlab;
using latentlab::cli::Args;
using latentlab::cli::UsageError;
using latentlab::cli::splitList;
using namespace latentlab::cli;

namespace {


int printVersion()
{
    std::cout << "latentlab-cli " << LATENTLAB_VERSION << "\n" << trainingBackendDescription() << "\n";
#ifdef LATENTLAB_HAVE_PIXELS
    std::cout << pixelLibraryDescription() << "\n";
#else
    std::cout << "OpenCV: not in this build (no PNG, video or image-folder support)\n";
#endif
    std::cout << "data-parallel backends: " << (distributedBackends().empty() ? "none" : distributedBackends()) << "\n";
    return 0;
}

int cmdSample(const std::vector<std::string>& argv)
{
    Args a(argv, 2, cliCommand("sample"));
    Model model = Model::load(a.required("checkpoint"));
    const std::string out = a.outputFile();
    const int n = a.getInt("n", 64, 1, 4096);
    std::vector<float> cond = model.conditionFromText(a.get("condition"));
    std::unique_ptr<Dataset> data;
    if (model.info().config.model.kind == ModelKind::Autoencoder) {
        try {
            data = std::make_unique<Dataset>(Dataset::load(model.info().datasetSpec));
        } catch (const InputError&) {
            // Without its dataset, a plain AE falls back to N(0, I) draws.
        }
    }
    const auto codes = autoencoderCodes(model, data.get());
    auto images = sampleImages(model, codes.get(), n, a.getUnsigned("seed", 1), cond);
    saveImage(makeGrid(images, sampleGridColumns(model, n, !cond.empty())), out);
    std::cout << "wrote " << n << " samples to " << out << "\n";
    if (!cond.empty() && !model.info().conditionFromLabels)
        std::cout << "condition on: " << conditionText(model.info(), cond) << " (unnamed ones from the training data's "
                  << "most common combination)\n";
    return 0;
}

int cmdDatasets(const std::vector<std::string>& argv)
{
    if (argv.size() < 3)
        throw UsageError("datasets: expected check, cache or import-mnist-json");
    const std::string sub = argv[2];
    Args a(argv, 3, cliCommand("datasets " + sub));
    const auto& pos = a.positional();
    if (sub == "check" && pos.size() == 1) {
        Dataset d = Dataset::load(pos[0]);
        if (!a.has("json")) {
            std::cout << "ok " << d.summary() << "\n";
            return 0;
        }
        const DatasetInfo& info = d.info();
        JsonLine()
            .add("spec", info.spec)
            .add("summary", d.summary())
            .add("train", int64_t(info.trainCount))
            .add("test", int64_t(info.testCount))
            .add("classes", info.classNames)
            .add("attributes", info.attributeNames)
            .add("factors", info.factorNames)
            .add("notes", info.notes)
            .print();
        return 0;
    }
    if (sub == "cache" && pos.size() == 1) {
        Dataset d = Dataset::load(pos[0]);
        d.saveCache(a.outputFile());
        std::cout << "wrote " << a.get("out") << ": " << d.summary() << "\n";
        return 0;
    }
    if (sub == "preview" && pos.size() == 1) {
        Dataset d = Dataset::load(pos[0]);
        saveImage(makeGrid(d.images(false, 0, 64), 8), a.outputFile());
        std::cout << "wrote the first 64 training images of " << d.summary() << " to " << a.get("out") << "\n";
        return 0;
    }
    if (sub == "synth-celeba" && pos.size() == 1) {
#ifdef LATENTLAB_HAVE_PIXELS
        auto r = writeSynthFacesAsCeleba(pos[0], a.getInt("n", 2000, 1, 999999), a.getUnsigned("seed", 1));
        std::cout << "wrote " << r.count << " synthetic faces in CelebA's layout to " << r.folder << "\n";
        return 0;
#else
        throw InputError("datasets synth-celeba: this build writes no JPEG files (built without OpenCV)");
#endif
    }
    if (sub == "download" && pos.size() == 1) {
        std::string last;
        const std::string folder = downloadDataset(pos[0], a.get("base-url"), a.get("dir"),
                                                   [&](const std::string& name, uint64_t done, uint64_t total) {
                                                       if (name != last && !last.empty())
                                                           std::fprintf(stderr, "\n");
                                                       if (!stderrIsTerminal()) { // a log: one line per file
                                                           if (name != last)
                                                               std::fprintf(stderr, "%s: %llu bytes", name.c_str(),
                                                                            static_cast<unsigned long long>(total));
                                                           last = name;
                                                           return;
                                                       }
                                                       last = name;
                                                       std::fprintf(stderr, "\r%s: %llu / %llu bytes", name.c_str(),
                                                                    static_cast<unsigned long long>(done),
                                                                    static_cast<unsigned long long>(total));
                                                   });
        if (!last.empty())
            std::fprintf(stderr, "\n");
        std::cout << "downloaded and verified " << pos[0] << " in " << folder << "\n";
        return 0;
    }
    if (sub == "import-mnist-json" && pos.size() == 2) {
        MnistImportResult r = importMnistJson(pos[0], pos[1]);
        std::cout << "imported " << r.trainCount << " train + " << r.testCount << " test digits into " << pos[1] << "\n";
        return 0;
    }
    throw UsageError("datasets " + sub + ": wrong arguments");
}

int cmdPresets(const std::vector<std::string>& argv)
{
    Args a(argv, 2, cliCommand("presets"));
    if (a.has("json")) { // one object per preset
        for (const RunConfig& p : allPresets())
            JsonLine()
                .add("name", p.name)
                .add("kind", toString(p.model.kind))
                .add("latent", p.model.latent)
                .add("dataset", p.dataset)
                .add("description", p.description)
                .print();
        return 0;
    }
    for (const RunConfig& p : allPresets())
        std::cout << p.name << "\t" << toString(p.model.kind) << "\tlatent " << p.model.latent << "\t" << p.description
                  << "\n";
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    keepFreedMemoryForReuse();
    std::vector<std::string> args(argv, argv + argc);
#ifdef LATENTLAB_HAVE_PIXELS
    registerPixelDatasets();
#endif
    setLoadProgressHandler(loadProgressPrinter());
    try {
        if (argc < 2 || args[1] == "--help" || args[1] == "-h" || args[1] == "help") {
            std::cout << usageText();
            return argc < 2 ? 2 : 0;
        }
        const std::string& cmd = args[1];
        if (cmd == "--version" || cmd == "-V" || cmd == "version")
            return printVersion();
        // The build writes the man page and the bash completion from the command table.
        if (cmd == "--man-page" && argc == 3)
            return writeTextFile(args[2], cliManPage(LATENTLAB_VERSION)), 0;
        if (cmd == "--bash-completion" && argc == 3)
            return writeTextFile(args[2], cliBashCompletion()), 0;
        if (args.size() > 2 && (args[2] == "--help" || args[2] == "-h" || (args.size() > 3 && (args[3] == "--help" || args[3] == "-h")))) {
            std::string usage;
            if (cmd == "datasets" && args[2].rfind("-", 0) != 0) { // datasets SUB --help
                usage = commandUsage(cliCommand(cmd + " " + args[2]));
            } else if (cmd == "datasets") { // the datasets commands together
                usage = "usage: latentlab-cli\n";
                for (const CliCommand& c : cliCommands())
                    if (c.name.rfind("datasets ", 0) == 0)
                        usage += c.usage;
            } else {
                usage = commandUsage(cliCommand(cmd));
            }
            std::cout << usage;
            return 0;
        }
        if (cmd == "train")
            return cmdTrain(args);
        if (cmd == "sample")
            return cmdSample(args);
        if (cmd == "encode" || cmd == "export-latents")
            return cmdExportLatents(args);
        if (cmd == "export-grid")
            return cmdExportGrid(args);
        if (cmd == "export-video")
            return cmdExportVideo(args);
        if (cmd == "export-weights")
            return cmdExportWeights(args);
        if (cmd == "datasets")
            return cmdDatasets(args);
        if (cmd == "evaluate")
            return cmdEvaluate(args);
        if (cmd == "presets")
            return cmdPresets(args);
        throw UsageError("unknown command \"" + cmd + "\" (try --help)");
    } catch (const InputError& e) {
        std::cerr << "latentlab-cli: " << e.what() << "\n";
        return 2;
    } catch (const std::bad_alloc&) {
        std::cerr << "latentlab-cli: out of memory: the data or the model does not fit in this machine's memory "
                     "(try fewer images, a smaller batch or a smaller model)\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "latentlab-cli: error: " << e.what() << "\n";
        return 1;
    }
}
