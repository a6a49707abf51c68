// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/run_params.h"

#include "core/error.h"

#include <cctype>
#include <cmath>
#include <sstream>

namespace latentlab {

namespace {

std::string number(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

// The ranges: what the models, the optimizer and the data loaders handle without special cases.
const std::vector<RunParam> kParams = {
    {"latent", "Latent size", "dimensions", "Dimensions of the latent code", 1, 256, true, false, false, 0, 1,
     [](const RunConfig& c) { return double(c.model.latent); },
     [](RunConfig& c, double v) { c.model.latent = int(v); }},
    {"beta", "Beta", "", "Weight of the KL term (1 = VAE, >1 = beta-VAE)", 0, 1e6, false, true, true, 3, 0.1,
     [](const RunConfig& c) { return c.loss.beta; }, [](RunConfig& c, double v) { c.loss.beta = v; }},
    {"warmup", "KL warm-up", "epochs", "Epochs over which beta ramps up from 0", 0, 100000, true, false, true, 0, 1,
     [](const RunConfig& c) { return double(c.loss.klWarmupEpochs); },
     [](RunConfig& c, double v) { c.loss.klWarmupEpochs = int(v); }},
    {"lr", "Learning rate", "", "Optimizer step size", 1e-6, 10, false, true, true, 6, 1e-4,
     [](const RunConfig& c) { return c.optimizer.lr; }, [](RunConfig& c, double v) { c.optimizer.lr = v; }},
    {"batch", "Batch size", "images", "Images per optimizer step", 1, 65536, true, false, true, 0, 1,
     [](const RunConfig& c) { return double(c.training.batchSize); },
     [](RunConfig& c, double v) { c.training.batchSize = int(v); }},
    {"epochs", "Epochs", "epochs", "Total epochs to train (including those of an opened checkpoint)", 1, 100000, true,
     false, true, 0, 1, [](const RunConfig& c) { return double(c.training.epochs); },
     [](RunConfig& c, double v) { c.training.epochs = int(v); }},
    {"seed", "Seed", "", "Same seed and settings give the same run", 0, 2147483647, true, false, false, 0, 1,
     [](const RunConfig& c) { return double(c.training.seed); },
     [](RunConfig& c, double v) { c.training.seed = uint64_t(v); }},
    {"threads", "Threads", "threads", "CPU threads for training (0 = all cores)", 0, 1024, true, false, true, 0, 1,
     [](const RunConfig& c) { return double(c.training.threads); },
     [](RunConfig& c, double v) { c.training.threads = int(v); }},
};

} // namespace

std::string RunParam::rangeText() const { return number(min) + " to " + number(max); }

void RunParam::check(double value, const std::string& who) const
{
    const bool whole = !integer || (std::isfinite(value) && value == std::floor(value));
    if (!(value >= min && value <= max) || !whole)
    {
        std::string name = label;
        name[0] = char(std::tolower(static_cast<unsigned char>(name[0])));
        throw InputError(who + ": " + name + " " + number(value) + " is out of range (\"" + key + "\": expected " +
                         (integer ? "a whole number " : "") + rangeText() + ")");
    }
}

const std::vector<RunParam>& runParams() { return kParams; }

const RunParam* findRunParam(const std::string& key)
{
    for (const RunParam& p : kParams)
        if (key == p.key)
            return &p;
    return nullptr;
}

const RunParam& runParam(const std::string& key)
{
    if (const RunParam* p = findRunParam(key))
        return *p;
    throw InputError("unknown run parameter \"" + key + "\"");
}

void setRunParam(RunConfig& config, const std::string& key, double value, const std::string& who)
{
    const RunParam& p = runParam(key);
    p.check(value, who);
    p.set(config, value);
}

} // namespace latentlab
