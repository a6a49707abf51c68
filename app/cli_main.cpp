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
#include <functional>
#include <iostream>
#include <map>
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

int datasetsCheck(const std::string& spec, const Args& a)
{
    Dataset d = Dataset::load(spec);
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

// Download progress on stderr: a line rewritten in place on a terminal, one line per file in a log.
std::function<void(const std::string&, uint64_t, uint64_t)> downloadPrinter(std::string& last)
{
    return [&last](const std::string& name, uint64_t done, uint64_t total) {
        if (name != last && !last.empty())
            std::fprintf(stderr, "\n");
        const bool newFile = name != last;
        last = name;
        if (!stderrIsTerminal()) {
            if (newFile)
                std::fprintf(stderr, "%s: %llu bytes", name.c_str(), static_cast<unsigned long long>(total));
            return;
        }
        std::fprintf(stderr, "\r%s: %llu / %llu bytes", name.c_str(), static_cast<unsigned long long>(done),
                     static_cast<unsigned long long>(total));
    };
}

int datasetsDownload(const std::string& name, const Args& a)
{
    std::string last;
    const std::string folder = downloadDataset(name, a.get("base-url"), a.get("dir"), downloadPrinter(last));
    if (!last.empty())
        std::fprintf(stderr, "\n");
    std::cout << "downloaded and verified " << name << " in " << folder << "\n";
    return 0;
}

int cmdDatasets(const std::vector<std::string>& argv)
{
    if (argv.size() < 3)
        throw UsageError("datasets: expected check, cache or import-mnist-json");
    const std::string sub = argv[2];
    Args a(argv, 3, cliCommand("datasets " + sub));
    const auto& pos = a.positional();
    if (sub == "check" && pos.size() == 1)
        return datasetsCheck(pos[0], a);
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
    if (sub == "download" && pos.size() == 1)
        return datasetsDownload(pos[0], a);
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


// `COMMAND --help` and `datasets [SUB] --help`: that command's usage lines.
std::string helpFor(const std::vector<std::string>& args)
{
    const std::string& cmd = args[1];
    if (cmd == "datasets" && args[2].rfind("-", 0) != 0) // datasets SUB --help
        return commandUsage(cliCommand(cmd + " " + args[2]));
    if (cmd != "datasets")
        return commandUsage(cliCommand(cmd));
    std::string usage = "usage: latentlab-cli\n"; // the datasets commands together
    for (const CliCommand& c : cliCommands())
        if (c.name.rfind("datasets ", 0) == 0)
            usage += c.usage;
    return usage;
}

bool asksForHelp(const std::vector<std::string>& args)
{
    auto help = [&](size_t i) { return args.size() > i && (args[i] == "--help" || args[i] == "-h"); };
    return help(2) || help(3);
}

// Runs the command args[1] names.
int runCommand(const std::vector<std::string>& args)
{
    const std::string& cmd = args[1];
    if (cmd == "--version" || cmd == "-V" || cmd == "version")
        return printVersion();
    // The build writes the man page and the bash completion from the command table.
    if (cmd == "--man-page" && args.size() == 3)
        return writeTextFile(args[2], cliManPage(LATENTLAB_VERSION)), 0;
    if (cmd == "--bash-completion" && args.size() == 3)
        return writeTextFile(args[2], cliBashCompletion()), 0;
    if (asksForHelp(args)) {
        std::cout << helpFor(args);
        return 0;
    }
    using Command = int (*)(const std::vector<std::string>&);
    static const std::map<std::string, Command> commands = {
        {"train", cmdTrain},           {"sample", cmdSample},           {"encode", cmdExportLatents},
        {"export-latents", cmdExportLatents}, {"export-grid", cmdExportGrid}, {"export-video", cmdExportVideo},
        {"export-weights", cmdExportWeights}, {"datasets", cmdDatasets},      {"evaluate", cmdEvaluate},
        {"presets", cmdPresets},       {"map", cmdMap}};
    const auto it = commands.find(cmd);
    if (it == commands.end())
        throw UsageError("unknown command \"" + cmd + "\" (try --help)");
    return it->second(args);
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
        return runCommand(args);
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
