// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Fixtures made at test time: small IDX files and in-memory datasets. Tests only.
#include "core/data/dataset.h"
#include "core/data/idx_reader.h"
#include "core/error.h"

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QString>

#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace latentlab::testing {

inline void writeBytes(const QString& path, const std::vector<uint8_t>& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write fixture %s", qPrintable(path));
    f.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size()));
}

/// n 28x28 images of a bright square whose position depends on the label (0..classes-1).
inline std::vector<uint8_t> syntheticPixels(int n, const std::vector<uint8_t>& labels, int side = 28)
{
    std::vector<uint8_t> px(size_t(n) * side * side, 0);
    std::mt19937 rng(7);
    for (int i = 0; i < n; ++i) {
        const int l = labels[i];
        const int x0 = 2 + (l % 4) * 6 + int(rng() % 2), y0 = 2 + (l / 4) * 8 + int(rng() % 2);
        for (int y = y0; y < std::min(side, y0 + 6); ++y)
            for (int x = x0; x < std::min(side, x0 + 6); ++x)
                px[size_t(i) * side * side + y * side + x] = uint8_t(200 + rng() % 55);
    }
    return px;
}

inline std::vector<uint8_t> cyclicLabels(int n, int classes)
{
    std::vector<uint8_t> l(n);
    for (int i = 0; i < n; ++i)
        l[i] = uint8_t(i % classes);
    return l;
}

/// The message of the InputError f throws, or an empty string when it throws none.
inline QString errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

/// Writes the four standard MNIST-layout files (train n, test m) into dir.
inline void writeMnistFolder(const QString& dir, int n = 600, int m = 200, int classes = 10)
{
    auto trainLabels = cyclicLabels(n, classes), testLabels = cyclicLabels(m, classes);
    writeBytes(dir + "/train-images-idx3-ubyte", encodeIdx({uint32_t(n), 28, 28}, syntheticPixels(n, trainLabels)));
    writeBytes(dir + "/train-labels-idx1-ubyte", encodeIdx({uint32_t(n)}, trainLabels));
    writeBytes(dir + "/t10k-images-idx3-ubyte", encodeIdx({uint32_t(m), 28, 28}, syntheticPixels(m, testLabels)));
    writeBytes(dir + "/t10k-labels-idx1-ubyte", encodeIdx({uint32_t(m)}, testLabels));
}

/// A small in-memory digit-like dataset.
inline Dataset smallDataset(int n = 512, int m = 128)
{
    auto trainLabels = cyclicLabels(n, 10), testLabels = cyclicLabels(m, 10);
    auto trainPx = syntheticPixels(n, trainLabels), testPx = syntheticPixels(m, testLabels);
    DatasetArrays a;
    a.name = "squares";
    for (auto v : trainPx)
        a.trainImages.push_back(v / 255.0f);
    for (auto v : testPx)
        a.testImages.push_back(v / 255.0f);
    a.trainLabels.assign(trainLabels.begin(), trainLabels.end());
    a.testLabels.assign(testLabels.begin(), testLabels.end());
    for (int c = 0; c < 10; ++c)
        a.classNames.push_back(std::to_string(c));
    return Dataset::fromArrays(a);
}

/// A Python that has torch (Debian's python3-torch lives in /usr/bin/python3; a python3 earlier
/// on PATH may lack it); empty when there is none.
inline QString torchPython()
{
    for (const QString& candidate : {QStringLiteral("/usr/bin/python3"), QStringLiteral("python3")}) {
        QProcess p;
        p.start(candidate, {QStringLiteral("-c"), QStringLiteral("import torch")});
        if (p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
            return candidate;
    }
    return {};
}

} // namespace latentlab::testing
