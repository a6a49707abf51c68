// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli_evaluate.h"

#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_json.h"
#include "app/cli_output.h"
#include "core/data/dataset.h"
#include "core/error.h"
#include "core/latent/attribute_checks.h"
#include "core/latent/disentanglement.h"
#include "core/latent/likelihood.h"

#include <cstdio>
#include <iostream>

namespace latentlab::cli {

// The attributes a condition switches on ("Black_Hair, Young"), for the lines that say what the
// unnamed conditions were.
std::string conditionText(const ModelInfo& info, const std::vector<float>& condition)
{
    std::string on;
    for (size_t i = 0; i < condition.size() && i < info.conditionNames.size(); ++i)
        if (condition[i] > 0.5f)
            on += (on.empty() ? "" : ", ") + info.conditionNames[i];
    return on.empty() ? "none" : on;
}

namespace {

// --failures DIR: grids of the generated images the judge got wrong, NAME-on.png / NAME-off.png.
void saveFailures(const std::string& dir, const std::string& name, const ConditionCheck& c)
{
    makeDir(dir);
    for (const bool on : {true, false}) {
        const auto& images = on ? c.failedOn : c.failedOff;
        if (!images.empty())
            saveImage(makeGrid(images, 8), dir + "/" + name + (on ? "-on.png" : "-off.png"));
    }
}

// The checks of one judge: its accuracy on the real test images, then per attribute the condition
// (CVAE) or the attribute vector (unconditional models). Text lines, or JSON Lines with --json.
void printChecksOfJudge(const Args& a, const Model& model, const Dataset& data, int n, uint64_t seed,
                        const std::vector<std::string>& names, const AttributeClassifier& judge, const std::string& kind)
{
    const bool json = a.has("json");
    const std::string othersFlag = a.get("others", "both");
    char line[400];
    for (size_t i = 0; i < names.size(); ++i) {
        if (json) {
            JsonLine().add("event", "judge").add("judge", kind).add("attribute", names[i])
                .add("test_accuracy", judge.testAccuracy()[i]).add("blurred_test_accuracy", judge.blurredTestAccuracy()[i]).print();
            continue;
        }
        std::snprintf(line, sizeof line, "classifier %-22s test accuracy %.1f %%, blurred %.1f %%\n", names[i].c_str(),
                      100 * judge.testAccuracy()[i], 100 * judge.blurredTestAccuracy()[i]);
        std::cout << line;
    }
    if (!json && model.info().conditional() && !model.info().conditionFromLabels)
        std::cout << "defaults  on: " << conditionText(model.info(), model.info().defaultCondition())
                  << " (the training data's most common combination; unnamed conditions take these)\n";
    for (const auto& name : names) {
        if (!model.info().conditional()) {
            const VectorCheck v = checkAttributeVector(model, data, judge, name, float(a.getDouble("amount", 1.5, -10, 10)), n);
            if (json) {
                JsonLine().add("event", "vector").add("judge", kind).add("attribute", name).add("before", v.before)
                    .add("after", v.after).add("amount", double(v.amount)).add("samples", v.samples).print();
                continue;
            }
            std::snprintf(line, sizeof line, "vector    %-22s %.1f %% -> %.1f %% show it after adding %.2f x its vector (%d images without it)\n",
                          name.c_str(), 100 * v.before, 100 * v.after, double(v.amount), v.samples);
            std::cout << line;
            continue;
        }
        for (const OtherConditions others : {OtherConditions::Defaults, OtherConditions::TestFaces}) {
            const bool defaults = others == OtherConditions::Defaults;
            if (othersFlag != "both" && (othersFlag == "defaults") != defaults)
                continue;
            const ConditionCheck c = checkConditionControl(model, data, judge, name, n, seed, others);
            if (json) {
                JsonLine().add("event", "condition").add("judge", kind).add("attribute", name)
                    .add("others", defaults ? "default" : "test").add("on", c.accuracyOn).add("off", c.accuracyOff)
                    .add("others_changed", c.othersChanged).add("most_changed", c.mostChanged).add("samples", c.samples).print();
            } else {
                std::snprintf(line, sizeof line,
                              "condition %-22s others %-8s set to 1: %.1f %% show it; set to 0: %.1f %% lack it; "
                              "other verdicts changed: %.1f %%%s%s (%d samples)\n",
                              name.c_str(), defaults ? "default" : "test", 100 * c.accuracyOn, 100 * c.accuracyOff,
                              100 * c.othersChanged, c.mostChanged.empty() ? "" : " at most, ", c.mostChanged.c_str(), c.samples);
                std::cout << line;
            }
            if (a.has("failures"))
                saveFailures(a.get("failures"), name + (defaults ? "-defaults" : "-test") + (kind == "conv" ? "" : "-" + kind), c);
        }
    }
}

// The attribute checks: judges trained on the real images (--judge conv, pooled or both), then how
// well the condition (CVAE) or the attribute vectors (unconditional models) control each attribute.
void printAttributeChecks(const Args& a, const Model& model, const Dataset& data, int n, uint64_t seed)
{
    const std::string judgeFlag = a.get("judge", "conv");
    if (judgeFlag != "conv" && judgeFlag != "pooled" && judgeFlag != "both")
        throw UsageError("--judge: expected conv, pooled or both, got \"" + judgeFlag + "\"");
    const auto names = splitList(a.get("attributes"));
    const int epochs = a.getInt("classifier-epochs", 3, 1, 1000);
    for (const std::string kind : {"conv", "pooled"}) {
        if (judgeFlag != "both" && judgeFlag != kind)
            continue;
        if (judgeFlag == "both" && !a.has("json"))
            std::cout << "judge     " << kind << "\n";
        const AttributeClassifier judge = AttributeClassifier::train(
            data, names, epochs, seed,
            kind == "pooled" ? AttributeClassifier::Architecture::Pooled : AttributeClassifier::Architecture::Convolutional);
        printChecksOfJudge(a, model, data, n, seed, names, judge, kind);
    }
}

// MIG, SAP, DCI and active units of the first n test codes against the dataset's ground-truth factors.
void printDisentanglement(const Model& model, const Dataset& data, int n, bool json)
{
    const auto& names = data.info().factorNames;
    if (names.empty()) // before encoding: the model may not even fit this data
        throw InputError("evaluate --metrics: dataset \"" + data.info().spec + "\" has no ground-truth factors (use dsprites[:N])");
    const LatentCodes codes = model.encode(data, true, n);
    const DisentanglementScores s = testCodeDisentanglement(codes.values, codes.dim, codes.count(), data);
    if (json) {
        JsonLine line;
        line.add("event", "metrics").add("mig", s.mig).add("sap", s.sap).add("dci_disentanglement", s.dciDisentanglement)
            .add("dci_completeness", s.dciCompleteness).add("dci_informativeness", s.dciInformativeness)
            .add("active_units", s.activeUnits).add("latent", codes.dim).add("test_codes", int64_t(codes.count()));
        for (size_t k = 0; k < names.size(); ++k)
            line.add("mig_" + names[k], s.migPerFactor[k]);
        line.print();
        return;
    }
    char line[300];
    std::snprintf(line, sizeof line,
                  "metrics   MIG %.3f  SAP %.3f  DCI disentanglement %.3f completeness %.3f informativeness %.3f  "
                  "active units %d of %d (%lld test codes)\n",
                  s.mig, s.sap, s.dciDisentanglement, s.dciCompleteness, s.dciInformativeness, s.activeUnits, codes.dim,
                  static_cast<long long>(codes.count()));
    std::cout << line;
    for (size_t k = 0; k < names.size(); ++k) {
        std::snprintf(line, sizeof line, "factor    %-12s MIG %.3f\n", names[k].c_str(), s.migPerFactor[k]);
        std::cout << line;
    }
}

} // namespace

// Measures a checkpoint: its held-out likelihood (--nll) and how well its edits control attributes
// (--attributes).
int cmdEvaluate(const std::vector<std::string>& argv)
{
    Args a(argv, 2, cliCommand("evaluate"));
    const bool json = a.has("json");
    const std::string othersFlag = a.get("others", "both");
    if (othersFlag != "both" && othersFlag != "defaults" && othersFlag != "test")
        throw UsageError("--others: expected defaults, test or both, got \"" + othersFlag + "\"");
    if (!a.has("attributes") && !a.has("nll") && !a.has("metrics"))
        throw UsageError("evaluate: give --attributes A,B, --nll and/or --metrics");
    const int n = a.getInt("n", 500, 1, 100000);
    const int k = a.getInt("nll-samples", 200, 1, 100000);
    const uint64_t seed = a.getUnsigned("seed", 1);
    Model model = Model::load(a.required("checkpoint"));
    Dataset data = Dataset::load(a.get("dataset", model.info().datasetSpec));
    if (a.has("nll")) {
        const LikelihoodEstimate e = estimateNll(model, data, n, k, seed);
        if (json)
            JsonLine().add("event", "nll").add("nll", e.nll).add("negative_elbo", e.negativeElbo).add("samples", e.samples)
                .add("images", e.images).print();
        char line[300];
        std::snprintf(line, sizeof line,
                      "nll       %.3f nats per image (importance-weighted, %d samples each, %d test images); "
                      "negative ELBO %.3f\n",
                      e.nll, e.samples, e.images, e.negativeElbo);
        if (!json)
            std::cout << line;
    }
    if (a.has("metrics"))
        printDisentanglement(model, data, n, json);
    if (a.has("attributes"))
        printAttributeChecks(a, model, data, n, seed);
    return 0;
}

} // namespace latentlab::cli
