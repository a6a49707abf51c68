// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/csv_export.h"

#include "core/data/file_io.h"
#include "core/error.h"

#include <cstdio>
#include <sstream>

namespace latentlab {

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\r\n") == std::string::npos)
        return s;
    std::string q = "\"";
    for (char c : s)
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

namespace {

void appendNumber(std::string& out, double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, ",%.7g", v);
    out += buf;
}

} // namespace

std::string mapCsv(const LatentCodes& codes, const std::vector<float>& map, int dims, const std::vector<std::string>& split,
                   const std::vector<std::string>& classNames)
{
    const int64_t n = codes.count();
    if ((dims != 2 && dims != 3) || map.size() != size_t(n) * size_t(dims) || split.size() != size_t(n))
        throw Error("map CSV: " + std::to_string(map.size()) + " map values and " + std::to_string(split.size()) +
                    " splits do not fit " + std::to_string(n) + " codes in " + std::to_string(dims) + " dimensions");
    std::ostringstream csv;
    csv << (dims == 3 ? "index,split,label,x,y,z\n" : "index,split,label,x,y\n");
    for (int64_t i = 0; i < n; ++i) {
        const int label = size_t(i) < codes.labels.size() ? codes.labels[size_t(i)] : -1;
        csv << i << ',' << split[size_t(i)] << ','
            << (label >= 0 && size_t(label) < classNames.size() ? csvField(classNames[size_t(label)]) : std::string());
        for (int c = 0; c < dims; ++c)
            csv << ',' << map[size_t(i * dims + c)];
        csv << '\n';
    }
    return csv.str();
}

std::string latentsCsv(const LatentCodes& codes, const std::vector<std::string>& classNames)
{
    const size_t attrCount = codes.attributeNames.size();
    const bool hasAttributes = attrCount > 0 && codes.attributes.size() == size_t(codes.count()) * attrCount;
    const size_t factorCount = codes.factorNames.size();
    const bool hasFactors = factorCount > 0 && codes.factors.size() == size_t(codes.count()) * factorCount;
    std::string text = "id,label";
    if (!classNames.empty())
        text += ",label_name";
    if (hasAttributes)
        for (const auto& name : codes.attributeNames)
            text += "," + csvField(name);
    if (hasFactors)
        for (const auto& name : codes.factorNames)
            text += "," + csvField("factor_" + name);
    for (int j = 0; j < codes.dim; ++j)
        text += ",z" + std::to_string(j);
    text += "\n";
    for (int64_t i = 0; i < codes.count(); ++i) {
        const int label = size_t(i) < codes.labels.size() ? codes.labels[size_t(i)] : -1;
        text += std::to_string(i) + "," + std::to_string(label);
        if (!classNames.empty())
            text += "," + (label >= 0 && size_t(label) < classNames.size() ? csvField(classNames[size_t(label)]) : std::string());
        if (hasAttributes)
            for (size_t a = 0; a < attrCount; ++a)
                appendNumber(text, codes.attributes[size_t(i) * attrCount + a]);
        if (hasFactors)
            for (size_t f = 0; f < factorCount; ++f)
                appendNumber(text, codes.factors[size_t(i) * factorCount + f]);
        for (int j = 0; j < codes.dim; ++j)
            appendNumber(text, codes.values[size_t(i) * size_t(codes.dim) + size_t(j)]);
        text += "\n";
    }
    return text;
}

std::string lossHistoryCsv(const std::vector<EpochStats>& history)
{
    std::string text = "epoch,train_loss,train_recon,train_kl,test_loss,test_recon,test_kl,beta,lr,seconds\n";
    for (const auto& s : history) {
        text += std::to_string(s.epoch);
        for (double v : {s.trainLoss, s.trainRecon, s.trainKl, s.testLoss, s.testRecon, s.testKl, s.beta, s.learningRate, s.seconds})
            appendNumber(text, v);
        text += "\n";
    }
    return text;
}

void writeTextFile(const std::string& path, const std::string& text)
{
    writeFileAtomic(path, text.data(), text.size());
}

} // namespace latentlab
