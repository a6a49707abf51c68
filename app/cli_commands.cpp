// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli_commands.h"

#include "app/cli_args.h"
#include "app/man_page.h"
#include "core/models/presets.h"
#include "core/models/run_params.h"

#include <cstdio>
#include <set>
#include <sstream>

namespace latentlab::cli {

namespace {

const char* kDatasetSpecs =
    "Dataset specs: mnist[:DIR], fashion-mnist[:DIR], idx:IMAGES[,LABELS], cache:FILE[,repeat=N],\n"
    "  synthfaces[:N][,seed=S][,size=64], celeba:FOLDER[,crop=148][,size=64][,attrs=A+B][,signed][,max-bad=0.01],\n"
    "  images:FOLDER[,gray][,size=64][,crop=N][,max-bad=0.01]\n";

// The commands that write what a checkpoint holds: codes, maps, grids, videos, weights.
std::vector<CliCommand> exportCommands()
{
    return {
        {"export-latents",
         "  export-latents --checkpoint F [--dataset SPEC] [--split test|train] --out latents.csv [--loss loss.csv] [--json]\n"
         "        (encode is the same command)\n",
         {"checkpoint", "dataset", "split", "out", "loss"}, {"json"}, {"encode"}},
        {"map",
         "  map --checkpoint F [--method umap|tsne|pca] [--dims 2|3] [--split test|train|all] [--dataset SPEC] [--seed S]\n"
         "        [--perplexity 30 (t-SNE)] [--neighbours 15 --min-dist 0.1 (UMAP)] [--out map.csv] [--projector DIR] [--json]\n"
         "        (a 2-D or 3-D map of the codes: index, split, label, x, y[, z] per image;\n"
         "        all = train then test;\n"
         "        --projector: the codes for TensorBoard's Embedding Projector: tensors.tsv, metadata.tsv,\n"
         "        sprite.png, projector_config.json)\n",
         {"checkpoint", "method", "dims", "split", "dataset", "seed", "perplexity", "neighbours", "min-dist", "out", "projector"},
         {"json"}},
        {"export-grid",
         "  export-grid --checkpoint F --kind samples|traversal|manifold|reconstructions --out grid.png\n"
         "        [--n N] [--steps S] [--dims X,Y] [--range 3] [--seed S] [--condition NAME=VALUE,...]\n"
         "        [--dataset SPEC] [--scale K] [--caption TEXT]\n",
         {"checkpoint", "kind", "out", "n", "steps", "dims", "range", "seed", "condition", "dataset", "scale", "caption"}, {}},
        {"export-video",
         "  export-video --checkpoint F --out morph.mp4|.avi|.gif [--from I --to J] [--seed S] [--frames 30]\n"
         "        [--fps 15] [--slerp] [--loop] [--scale K] [--condition ...] [--dataset SPEC] [--caption TEXT]\n"
         "        (I, J: test image indices; MP4 is H.264)\n",
         {"checkpoint", "out", "from", "to", "seed", "frames", "fps", "scale", "condition", "dataset", "caption"},
         {"slerp", "loop"}},
        {"export-weights",
         "  export-weights --checkpoint F --out model.pt   (torch.load-able dict + model.json; docs/python.md)\n",
         {"checkpoint", "out"}, {}},
    };
}

std::vector<CliCommand> makeCommands()
{
    std::vector<std::string> trainValued {"preset", "dataset", "out", "device", "resume"};
    for (const RunParam& p : runParams())
        trainValued.push_back(p.key);
    std::vector<CliCommand> commands = {
        {"train",
         "  train --preset NAME --dataset SPEC --out DIR [--force] [--device auto|cpu|cuda] [--json] [run parameters below]\n"
         "        (--json: JSON Lines on stdout, one object per start, progress tick, epoch and the result)\n"
         "        (--force starts over in a folder that holds a trained checkpoint)\n"
         "  train --resume DIR [--out DIR2] [--dataset SPEC] [--device D] [run parameters that may change]\n"
         "        (lr, beta, batch, epochs, warmup, threads; latent, seed and preset stay the checkpoint's)\n"
         "        Started by torchrun (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT set), train is one rank of a\n"
         "        data-parallel run: --batch is per rank, rank 0 writes DIR; --rank-checkpoints: every rank\n"
         "        also writes DIR/rank-N.checkpoint at the end (docs/scale-out.md)\n",
         trainValued, {"force", "rank-checkpoints", "json"}},
        {"sample", "  sample --checkpoint F [--n 64] [--seed S] [--condition NAME=VALUE,...] --out grid.png\n",
         {"checkpoint", "n", "seed", "condition", "out"}, {}},
        {"evaluate",
         "  evaluate --checkpoint F [--attributes A,B] [--nll [--nll-samples 200]] [--metrics] [--dataset SPEC] [--n 500]\n"
         "        [--amount 1.5] [--classifier-epochs 3] [--judge conv|pooled|both] [--others defaults|test|both]\n"
         "        [--failures DIR] [--seed S] [--json]\n"
         "        (how well condition sliders / attribute vectors control A, B; the other conditions at their\n"
         "        defaults and/or copied from test images; how often a switch changes the judge's verdict on\n"
         "        the others; --failures: grids of the samples the judge found wrong; --nll:\n"
         "        importance-weighted -log p(x) of the first N test images, VAE and CVAE; --metrics: MIG, SAP,\n"
         "        DCI and active units against the dataset's ground-truth factors, e.g. dsprites)\n",
         {"checkpoint", "dataset", "attributes", "n", "amount", "classifier-epochs", "judge", "seed", "others",
          "nll-samples", "failures"},
         {"nll", "metrics", "json"}},
        {"datasets check", "  datasets check SPEC [--json]\n", {}, {"json"}},
        {"datasets cache", "  datasets cache SPEC --out FILE\n", {"out"}, {}},
        {"datasets preview", "  datasets preview SPEC --out grid.png\n", {"out"}, {}},
        {"datasets download", "  datasets download mnist|fashion-mnist|celeba [--base-url URL] [--dir DIR]\n",
         {"base-url", "dir"}, {}},
        {"datasets synth-celeba",
         "  datasets synth-celeba FOLDER [--n 2000] [--seed S]   (synthetic faces in CelebA's file layout)\n",
         {"n", "seed"}, {}},
        {"datasets import-mnist-json", "  datasets import-mnist-json DIGITS_DIR OUT_DIR\n", {}, {}},
        {"presets", "  presets [--json]\n", {}, {"json"}},
    };
    const std::vector<CliCommand> exports = exportCommands();
    commands.insert(commands.begin() + 2, exports.begin(), exports.end()); // after train and sample, as --help lists them
    return commands;
}

// "datasets check" -> "check"; "train" -> "".
std::string subcommand(const std::string& name)
{
    const size_t space = name.find(' ');
    return space == std::string::npos ? "" : name.substr(space + 1);
}

std::string topCommand(const std::string& name) { return name.substr(0, name.find(' ')); }

std::string words(const std::vector<std::string>& items, const std::string& prefix = "")
{
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : " ") + prefix + s;
    return out;
}

} // namespace

const std::vector<CliCommand>& cliCommands()
{
    static const std::vector<CliCommand> commands = makeCommands();
    return commands;
}

const CliCommand* findCliCommand(const std::string& name)
{
    for (const CliCommand& c : cliCommands()) {
        if (c.name == name)
            return &c;
        for (const std::string& alias : c.aliases)
            if (alias == name)
                return &c;
    }
    return nullptr;
}

const CliCommand& cliCommand(const std::string& name)
{
    if (const CliCommand* c = findCliCommand(name))
        return *c;
    throw UsageError("unknown command \"" + name + "\" (try --help)");
}

std::string runParamsText()
{
    std::string out;
    char line[256];
    for (const RunParam& p : runParams()) {
        std::snprintf(line, sizeof line, "  --%-8s %-45s %s%s%s\n", p.key, p.help, p.rangeText().c_str(),
                      *p.unit ? " " : "", p.unit);
        out += line;
    }
    return out;
}

std::string usageText()
{
    std::string out = "usage: latentlab-cli COMMAND [options]\n";
    for (const CliCommand& c : cliCommands())
        out += c.usage;
    return out + kDatasetSpecs + "Run parameters (train):\n" + runParamsText() +
           "Options take a value as --name VALUE or --name=VALUE. latentlab-cli --version prints the versions.\n";
}

std::string commandUsage(const CliCommand& command)
{
    std::string out = "usage: latentlab-cli\n" + command.usage;
    if (command.name == "train")
        out += "Run parameters:\n" + runParamsText();
    return out + "Options take a value as --name VALUE or --name=VALUE.\n";
}

std::string cliManPage(const std::string& version)
{
    ManPage page {"latentlab-cli", version, "train and explore autoencoders without a window", {}};
    page.sections.emplace_back("SYNOPSIS", ".B latentlab\\-cli\n.I COMMAND\n[\\fIoptions\\fR]\n.br\n"
                                           ".B latentlab\\-cli\n.I COMMAND\n.B \\-\\-help\n.br\n"
                                           ".B latentlab\\-cli \\-\\-version\n");
    page.sections.emplace_back(
        "DESCRIPTION",
        roffEscape("latentlab-cli trains autoencoders, VAEs, beta-VAEs and conditional VAEs with the same engine as "
                   "the latentlab window, writes run folders the window opens and follows, and exports samples, "
                   "grids, videos, latent codes and weights. Options take a value as --name VALUE or "
                   "--name=VALUE; COMMAND --help prints one command's lines.") + "\n");
    std::string commands;
    for (const CliCommand& c : cliCommands()) {
        commands += ".SS " + roffEscape(c.name) + "\n" + roffVerbatim(c.usage);
        const std::vector<std::string> all = [&] {
            std::vector<std::string> v;
            for (const std::string& o : c.valued)
                v.push_back("--" + o + " VALUE");
            for (const std::string& o : c.flags)
                v.push_back("--" + o);
            return v;
        }();
        if (!all.empty())
            commands += ".PP\nOptions: " + roffEscape(words(all)) + ".\n";
        if (!c.aliases.empty())
            commands += ".PP\nAlso called " + roffEscape(words(c.aliases)) + ".\n";
    }
    page.sections.emplace_back("COMMANDS", commands);
    std::string params;
    for (const RunParam& p : runParams())
        params += roffItem(std::string("--") + p.key + " " + p.rangeText() + (*p.unit ? " " : "") + p.unit,
                           std::string(p.help) + (p.resumable ? " May change when a run resumes." : "") +
                               (p.live ? " Read at every batch." : ""));
    page.sections.emplace_back("RUN PARAMETERS", params);
    page.sections.emplace_back("DATASET SPECS", roffVerbatim(kDatasetSpecs));
    page.sections.emplace_back(
        "EXIT STATUS",
        roffItem("0", "Success.") + roffItem("1", "Another failure (out of memory, a non-finite loss, a lost peer).") +
            roffItem("2", "Bad usage or bad input; one line on stderr names the file and the problem.") +
            roffItem("130, 143", "train stopped by Ctrl+C (SIGINT) or SIGTERM: 128 + the signal; the last finished "
                                 "epoch is kept in the run folder."));
    page.sections.emplace_back(
        "ENVIRONMENT",
        roffItem("LATENTLAB_DATA", "The data folder (default $XDG_DATA_HOME/latentlab, else ~/.local/share/latentlab): "
                                   "downloaded datasets and the window's runs.") +
            roffItem("LATENTLAB_CACHE", "The dataset cache (default $XDG_CACHE_HOME/latentlab, else ~/.cache/latentlab).") +
            roffItem("RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT",
                     "Set by torchrun: train runs as one rank of a data-parallel run.") +
            roffItem("LATENTLAB_DIST_BACKEND", "gloo or nccl for a data-parallel run (default: nccl on CUDA, else gloo).") +
            roffItem("LATENTLAB_DIST_TIMEOUT", "Seconds a rank waits for its peers before it fails (default 30)."));
    page.sections.emplace_back(
        "FILES",
        roffItem("DIR/checkpoint", "The model, its optimizer state and the run's settings (train --out DIR).") +
            roffItem("DIR/metrics.csv, DIR/status.json", "Per-epoch losses, and the run's state for a following window.") +
            roffItem("DIR/reconstructions.png, DIR/samples.png", "Written at the end of a run."));
    page.sections.emplace_back("SEE ALSO", ".BR latentlab (1),\n.BR torchrun (1)\n");
    return page.roff();
}

namespace {

// What the completion lists: the top-level words, the datasets subcommands, a case line per command.
struct CompletionLists {
    std::string commands, datasetsSubs, cases;
};

CompletionLists completionLists()
{
    CompletionLists out;
    std::set<std::string> tops;
    for (const CliCommand& c : cliCommands()) {
        if (tops.insert(topCommand(c.name)).second)
            out.commands += (out.commands.empty() ? "" : " ") + topCommand(c.name);
        for (const std::string& alias : c.aliases)
            if (tops.insert(alias).second)
                out.commands += " " + alias;
        if (topCommand(c.name) == "datasets")
            out.datasetsSubs += (out.datasetsSubs.empty() ? "" : " ") + subcommand(c.name);
        std::vector<std::string> opts;
        for (const std::string& o : c.valued)
            opts.push_back("--" + o);
        for (const std::string& o : c.flags)
            opts.push_back("--" + o);
        opts.push_back("--help");
        std::string key = c.name;
        for (const std::string& alias : c.aliases)
            key += "|" + alias;
        if (key.find(' ') != std::string::npos)
            key = "\"" + key + "\"";
        out.cases += "        " + key + ") opts=\"" + words(opts) + "\" ;;\n";
    }
    return out;
}

// Values of the options that take one from a fixed list, and files for those that name one.
const char* kValueCompletions =
    "        --device) COMPREPLY=($(compgen -W \"auto cpu cuda\" -- \"$cur\")); return ;;\n"
    "        --kind) COMPREPLY=($(compgen -W \"samples traversal manifold reconstructions\" -- \"$cur\")); return ;;\n"
    "        --judge) COMPREPLY=($(compgen -W \"conv pooled both\" -- \"$cur\")); return ;;\n"
    "        --others) COMPREPLY=($(compgen -W \"defaults test both\" -- \"$cur\")); return ;;\n"
    "        --split) COMPREPLY=($(compgen -W \"test train\" -- \"$cur\")); return ;;\n"
    "        --out|--resume|--dir|--failures) COMPREPLY=($(compgen -o plusdirs -f -- \"$cur\")); compopt -o filenames 2>/dev/null; return ;;\n"
    "        --checkpoint|--loss) COMPREPLY=($(compgen -f -- \"$cur\")); compopt -o filenames 2>/dev/null; return ;;\n";

} // namespace

std::string cliBashCompletion()
{
    const CompletionLists lists = completionLists();
    std::string presets;
    for (const RunConfig& p : allPresets())
        presets += (presets.empty() ? "" : " ") + p.name;
    std::ostringstream s;
    s << "# SPDX-License-Identifier: GPL-3.0-or-later\n"
         "# bash completion for latentlab-cli. Generated at build time from the CLI's command table; do not edit.\n"
         "_latentlab_cli()\n"
         "{\n"
         "    local cur prev cmd opts\n"
         "    COMPREPLY=()\n"
         "    cur=${COMP_WORDS[COMP_CWORD]}\n"
         "    prev=${COMP_WORDS[COMP_CWORD-1]}\n"
         "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
         "        COMPREPLY=($(compgen -W \"" << lists.commands << " --help --version\" -- \"$cur\"))\n"
         "        return\n"
         "    fi\n"
         "    cmd=${COMP_WORDS[1]}\n"
         "    if [ \"$cmd\" = datasets ]; then\n"
         "        if [ \"$COMP_CWORD\" -eq 2 ]; then\n"
         "            COMPREPLY=($(compgen -W \"" << lists.datasetsSubs << "\" -- \"$cur\"))\n"
         "            return\n"
         "        fi\n"
         "        cmd=\"datasets ${COMP_WORDS[2]}\"\n"
         "    fi\n"
         "    case \"$prev\" in\n"
         "        --preset) COMPREPLY=($(compgen -W \"" << presets << "\" -- \"$cur\")); return ;;\n"
      << kValueCompletions
      << "    esac\n"
         "    case \"$cmd\" in\n"
      << lists.cases
      << "        *) opts=\"--help\" ;;\n"
         "    esac\n"
         "    if [[ \"$cur\" == -* ]]; then\n"
         "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
         "    else\n"
         "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
         "        compopt -o filenames 2>/dev/null\n"
         "    fi\n"
         "}\n"
         "complete -F _latentlab_cli latentlab-cli\n";
    return s.str();
}

} // namespace latentlab::cli
