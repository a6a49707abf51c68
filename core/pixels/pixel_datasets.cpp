// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pixels/pixel_datasets.h"

#include "core/data/celeba_text.h"
#include "core/data/dataset.h"
#include "core/data/file_io.h"
#include "core/pixels/image_preprocess.h"
#include "core/pixels/synth_faces.h"
#include "core/error.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <dirent.h>
#include <set>
#include <map>
#include <random>
#include <sstream>
#include <sys/stat.h>
#include <thread>

namespace latentlab {

namespace {

// "FOLDER,key=value,flag" -> first part and options.
struct SpecArgs {
    std::string target;
    std::map<std::string, std::string> options;

    SpecArgs(const std::string& spec, const std::string& arg, const std::vector<std::string>& allowed)
    {
        std::stringstream ss(arg);
        std::string part;
        bool first = true;
        while (std::getline(ss, part, ',')) {
            const auto eq = part.find('=');
            const std::string key = eq == std::string::npos ? part : part.substr(0, eq);
            if (first && std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                target = part;
            } else {
                if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
                    throw InputError("dataset spec \"" + spec + "\": unknown option \"" + key + "\"");
                options[key] = eq == std::string::npos ? "" : part.substr(eq + 1);
            }
            first = false;
        }
    }
    bool flag(const char* key) const { return options.count(key) > 0; }
    std::string text(const char* key) const
    {
        auto it = options.find(key);
        return it == options.end() ? std::string() : it->second;
    }
    double number(const std::string& spec, const char* key, double fallback, double min, double max) const
    {
        auto it = options.find(key);
        if (it == options.end())
            return fallback;
        char* end = nullptr;
        const double v = std::strtod(it->second.c_str(), &end);
        if (it->second.empty() || *end || !(v >= min && v <= max))
            throw InputError("dataset spec \"" + spec + "\": " + key + "=" + it->second + " must be a number in " +
                             std::to_string(min) + ".." + std::to_string(max));
        return v;
    }
};

struct FileStamp {
    std::string text;   // "size:mtime" or "-" when missing
};

FileStamp stamp(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return {"-"};
    return {std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec)};
}

bool isDir(const std::string& path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string absolute(const std::string& path)
{
    char buf[4096];
    return ::realpath(path.c_str(), buf) ? std::string(buf) : path;
}

uint64_t fnv1a(const std::string& s)
{
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

std::string cachePath(const std::string& kind, const std::string& key)
{
    const std::string dir = userCacheDir();
    try {
        makeDirs(dir);
    } catch (const std::exception&) {
        // Unwritable: reading still works, and writing says why (cached() goes on without a cache).
    }
    removeStaleTemps(dir); // half-written caches of killed runs (tens of MB each)
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(key)));
    const std::string name = "/" + kind + "-" + hex + ".lltensor";
    // Versions before 0.2 kept caches in the data folder: one there is still read, not drawn again.
    const std::string old = userDataDir() + "/cache" + name;
    if (!fileExists(dir + name) && old != dir + name && fileExists(old))
        return old;
    return dir + name;
}

// Uses the cache when its fingerprint matches, else builds and writes it.
Dataset cached(const std::string& spec, const std::string& kind, const std::string& key, const std::string& fingerprint,
               const std::function<Dataset()>& build)
{
    const std::string path = cachePath(kind, key);
    if (fileExists(path) && Dataset::cacheFingerprint(path) == fingerprint) {
        try {
            return Dataset::loadCache(path, spec);
        } catch (const InputError&) {
            // A damaged cache is rebuilt from the source.
        }
    }
    Dataset d = build();
    try {
        d.saveCache(path, fingerprint);
    } catch (const Error&) {
        // An unwritable cache folder only costs the next load its speed.
    }
    return d;
}

// Train/test by a seeded shuffle of indices.
std::vector<int> seededSplit(size_t n, double testFraction, uint64_t seed)
{
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i)
        order[i] = i;
    std::mt19937_64 rng(seed);
    for (size_t i = n; i > 1; --i)
        std::swap(order[i - 1], order[rng() % i]);
    const size_t nTest = std::max<size_t>(1, size_t(double(n) * testFraction + 0.5));
    std::vector<int> split(n, 0);
    for (size_t i = 0; i < nTest && i < n; ++i)
        split[order[i]] = 2;
    return split;
}

// Colour labels for face sets: Male x Smiling when both exist, else one class.
void faceLabels(DatasetInfo& info, const std::vector<std::string>& names, const std::vector<float>& attrs, size_t n,
                std::vector<int64_t>& labels)
{
    const auto male = std::find(names.begin(), names.end(), "Male") - names.begin();
    const auto smile = std::find(names.begin(), names.end(), "Smiling") - names.begin();
    const size_t a = names.size();
    if (size_t(male) == a || size_t(smile) == a) {
        info.classNames = {"face"};
        labels.assign(n, 0);
        return;
    }
    info.classNames = {"female, not smiling", "female, smiling", "male, not smiling", "male, smiling"};
    labels.resize(n);
    for (size_t i = 0; i < n; ++i)
        labels[i] = int64_t(attrs[i * a + male] > 0.5f) * 2 + int64_t(attrs[i * a + smile] > 0.5f);
}

// Distributes preprocessed images (kept[i] -> split) into a DatasetBytes.
Dataset assemble(DatasetInfo info, PreprocessResult&& r, const std::vector<int>& split, const std::vector<float>& attrs,
                 size_t nAttr, const std::vector<int64_t>& labels)
{
    DatasetBytes b;
    const size_t per = size_t(info.channels) * info.height * info.width;
    size_t nTest = 0;
    for (int64_t k : r.kept)
        nTest += split[size_t(k)] == 2;
    b.testImages.resize(nTest * per);
    size_t t = 0;
    // Train images are compacted in place inside r.pixels (kept order), test ones copied out first.
    size_t w = 0;
    for (size_t i = 0; i < r.kept.size(); ++i) {
        const size_t k = size_t(r.kept[i]);
        const uint8_t* src = r.pixels.data() + per * i;
        auto& labelsOut = split[k] == 2 ? b.testLabels : b.trainLabels;
        auto& attrsOut = split[k] == 2 ? b.testAttributes : b.trainAttributes;
        labelsOut.push_back(labels[k]);
        attrsOut.insert(attrsOut.end(), attrs.begin() + long(k * nAttr), attrs.begin() + long((k + 1) * nAttr));
        if (split[k] == 2) {
            std::memcpy(b.testImages.data() + per * t++, src, per);
        } else {
            if (w != i)
                std::memmove(r.pixels.data() + per * w, src, per);
            ++w;
        }
    }
    r.pixels.resize(per * w);
    b.trainImages = std::move(r.pixels);
    b.info = std::move(info);
    return Dataset::fromBytes(std::move(b));
}

// The attribute columns a "attrs=A+B" option picks (all of them when `wanted` is empty).
std::vector<size_t> celebaColumns(const CelebaAttributeTable& table, const std::string& wanted, const std::string& attrFile,
                                  const std::string& spec)
{
    std::vector<size_t> columns;
    if (wanted.empty()) {
        for (size_t i = 0; i < table.names.size(); ++i)
            columns.push_back(i);
        return columns;
    }
    std::stringstream ss(wanted);
    std::string name;
    while (std::getline(ss, name, '+')) {
        auto it = std::find(table.names.begin(), table.names.end(), name);
        if (it == table.names.end())
            throw InputError(attrFile + ": has no attribute \"" + name + "\" (asked for by " + spec + ")");
        columns.push_back(size_t(it - table.names.begin()));
    }
    return columns;
}

// The official train/valid/test partition when the folder has it, else a seeded split.
std::vector<int> celebaSplit(const std::string& partFile, const CelebaAttributeTable& table, double testFraction, uint64_t seed)
{
    if (!fileExists(partFile))
        return seededSplit(table.files.size(), testFraction, seed);
    auto text = readFileBytes(partFile);
    return parseCelebaPartition(std::string(text.begin(), text.end()), partFile, table.files);
}

// Those columns for every image, row by row: -1/+1 when `signed`, else 0/1.
std::vector<float> celebaAttributeValues(const CelebaAttributeTable& table, const std::vector<size_t>& columns, bool isSigned)
{
    const size_t n = table.files.size(), w = table.names.size();
    std::vector<float> attrs;
    attrs.reserve(n * columns.size());
    for (size_t i = 0; i < n; ++i)
        for (size_t c : columns) {
            const int8_t v = table.values[i * w + c];
            attrs.push_back(isSigned ? float(v) : (v > 0 ? 1.0f : 0.0f));
        }
    return attrs;
}

Dataset loadCeleba(const std::string& spec, const std::string& arg, double testFraction, uint64_t seed)
{
    SpecArgs a(spec, arg, {"crop", "size", "attrs", "signed", "max-bad"});
    if (a.target.empty())
        throw InputError("dataset spec \"" + spec + "\": expected celeba:FOLDER");
    const std::string folder = a.target;
    const int crop = int(a.number(spec, "crop", 148, 8, 178));
    const int size = int(a.number(spec, "size", 64, 8, 512));
    const double maxBad = a.number(spec, "max-bad", 0.01, 0, 1);
    const std::string attrFile = folder + "/list_attr_celeba.txt";
    const std::string partFile = folder + "/list_eval_partition.txt";
    const std::string imageDir = isDir(folder + "/img_align_celeba") ? folder + "/img_align_celeba" : folder;
    if (!isDir(folder))
        throw InputError(folder + ": no such folder (CelebA: see docs/datasets.md for how to get it)");
    if (!fileExists(attrFile))
        throw InputError(attrFile + ": missing; CelebA needs its attribute list (see docs/datasets.md)");
    const std::string fingerprint = "celeba v2|" + stamp(attrFile).text + "|" + stamp(partFile).text + "|" +
                                    stamp(imageDir).text + "|" + std::to_string(crop) + "|" + std::to_string(size) +
                                    "|" + a.text("attrs") + "|" + (a.flag("signed") ? "s" : "u") + "|" +
                                    std::to_string(maxBad) + "|" + std::to_string(testFraction) + "|" + std::to_string(seed);
    return cached(spec, "celeba", absolute(folder) + fingerprint, fingerprint, [&] {
        auto text = readFileBytes(attrFile);
        CelebaAttributeTable table = parseCelebaAttributes(std::string(text.begin(), text.end()), attrFile);
        const std::vector<int> split = celebaSplit(partFile, table, testFraction, seed);
        const std::vector<size_t> columns = celebaColumns(table, a.options.count("attrs") ? a.text("attrs") : "", attrFile, spec);
        DatasetInfo info;
        info.spec = spec;
        info.name = "CelebA";
        info.channels = 3;
        info.height = size;
        info.width = size;
        for (size_t c : columns)
            info.attributeNames.push_back(table.names[c]);
        const size_t n = table.files.size();
        const std::vector<float> attrs = celebaAttributeValues(table, columns, a.flag("signed"));
        std::vector<int64_t> labels;
        std::vector<float> unit = attrs;
        if (a.flag("signed"))
            for (float& v : unit)
                v = v > 0 ? 1.0f : 0.0f;
        faceLabels(info, info.attributeNames, unit, n, labels);
        std::vector<std::string> paths;
        paths.reserve(n);
        for (const auto& f : table.files)
            paths.push_back(imageDir + "/" + f);
        PreprocessOptions o;
        o.crop = crop;
        o.size = size;
        o.expectWidth = 178;
        o.expectHeight = 218;
        PreprocessResult r = preprocessImages(paths, o, "CelebA " + folder);
        const std::string note = badImagePolicy(r, n, maxBad, folder);
        if (!note.empty())
            info.notes.push_back(note);
        return assemble(std::move(info), std::move(r), split, attrs, columns.size(), labels);
    });
}

constexpr int kMaxFolderDepth = 16;

// Image files below `dir`, sub-folders included, in name order. Folders are told apart by device
// and inode, so a symlink back up the tree (a loop) or a second link to a folder already walked
// is not entered again: each image is listed once, and loops cannot grow the walk without bound.
void listImages(const std::string& dir, const std::string& rel, std::vector<std::pair<std::string, std::string>>& out,
                std::set<std::pair<dev_t, ino_t>>& seen, int depth)
{
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !seen.emplace(st.st_dev, st.st_ino).second)
        return;
    if (depth > kMaxFolderDepth)
        throw InputError(dir + ": folders nested more than " + std::to_string(kMaxFolderDepth) +
                         " deep; point the dataset at a folder closer to the images");
    DIR* d = ::opendir(dir.c_str());
    if (!d)
        throw InputError(dir + ": cannot open folder");
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d))
        if (e->d_name[0] != '.')
            names.push_back(e->d_name);
    ::closedir(d);
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
        const std::string path = dir + "/" + name;
        const std::string r = rel.empty() ? name : rel + "/" + name;
        if (isDir(path)) {
            listImages(path, r, out, seen, depth + 1);
            continue;
        }
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        for (const char* ext : {".png", ".jpg", ".jpeg"})
            if (lower.size() > std::strlen(ext) && lower.compare(lower.size() - std::strlen(ext), std::strlen(ext), ext) == 0)
                out.emplace_back(path, r);
    }
}

Dataset loadImageFolder(const std::string& spec, const std::string& arg, double testFraction, uint64_t seed)
{
    SpecArgs a(spec, arg, {"gray", "size", "crop", "max-bad"});
    const std::string folder = a.target;
    if (folder.empty() || !isDir(folder))
        throw InputError("dataset spec \"" + spec + "\": \"" + folder + "\" is not a folder");
    const int size = int(a.number(spec, "size", 64, 4, 1024));
    const int crop = int(a.number(spec, "crop", 0, 0, 100000));
    const double maxBad = a.number(spec, "max-bad", 0.01, 0, 1);
    const int channels = a.flag("gray") ? 1 : 3;
    std::vector<std::pair<std::string, std::string>> files;
    std::set<std::pair<dev_t, ino_t>> seen;
    listImages(folder, "", files, seen, 0);
    if (files.size() < 2)
        throw InputError(folder + ": found " + std::to_string(files.size()) + " PNG/JPEG images, need at least 2");
    std::string fingerprint = "images v1|" + std::to_string(size) + "|" + std::to_string(crop) + "|" +
                              std::to_string(channels) + "|" + std::to_string(maxBad) + "|" + std::to_string(testFraction) +
                              "|" + std::to_string(seed);
    for (const auto& [path, rel] : files)
        fingerprint += "|" + rel + "=" + stamp(path).text;
    const std::string digest = std::to_string(fnv1a(fingerprint));
    return cached(spec, "images", absolute(folder) + digest, digest, [&] {
        // Class = first path component below the folder ("(top)" for files directly inside).
        std::map<std::string, int64_t> classIds;
        std::vector<std::string> classOf;
        for (const auto& [path, rel] : files) {
            const auto slash = rel.find('/');
            classOf.push_back(slash == std::string::npos ? "(top)" : rel.substr(0, slash));
            classIds.emplace(classOf.back(), 0);
        }
        DatasetInfo info;
        info.spec = spec;
        info.name = folder;
        info.channels = channels;
        info.height = size;
        info.width = size;
        int64_t id = 0;
        for (auto& [name, cid] : classIds) {
            cid = id++;
            info.classNames.push_back(name);
        }
        std::vector<int64_t> labels;
        std::vector<std::string> paths;
        for (size_t i = 0; i < files.size(); ++i) {
            labels.push_back(classIds[classOf[i]]);
            paths.push_back(files[i].first);
        }
        PreprocessOptions o;
        o.crop = crop;
        o.size = size;
        o.channels = channels;
        PreprocessResult r = preprocessImages(paths, o, "images " + folder);
        const std::string note = badImagePolicy(r, files.size(), maxBad, folder);
        if (!note.empty())
            info.notes.push_back(note);
        return assemble(std::move(info), std::move(r), seededSplit(files.size(), testFraction, seed), {}, 0, labels);
    });
}

// "synthfaces:COUNT": how many faces (20,000 when not given).
int64_t synthFaceCount(const std::string& spec, const std::string& target)
{
    char* end = nullptr;
    const int64_t count = target.empty() ? 20000 : std::strtoll(target.c_str(), &end, 10);
    if ((end && *end) || count < 10 || count > 2000000)
        throw InputError("dataset spec \"" + spec + "\": count \"" + target + "\" must be 10..2000000");
    return count;
}

Dataset loadSynthFaces(const std::string& spec, const std::string& arg, double, uint64_t)
{
    SpecArgs a(spec, arg, {"seed", "size"});
    const int64_t count = synthFaceCount(spec, a.target);
    const uint64_t seed = uint64_t(a.number(spec, "seed", 1, 0, 1e15));
    const int size = int(a.number(spec, "size", 64, 16, 256));
    const auto& names = synthFaceAttributeNames();
    const size_t nAttr = names.size(), per = size_t(3) * size * size;
    // The last tenth is the test split; faces are independent draws, so any tenth would do.
    const int64_t nTest = std::max<int64_t>(1, count / 10), nTrain = count - nTest;
    DatasetBytes b;
    b.trainImages.resize(size_t(nTrain) * per);
    b.testImages.resize(size_t(nTest) * per);
    std::vector<float> attrs(size_t(count) * nAttr);
    const size_t nFactors = synthFaceFactorNames().size();
    std::vector<float> factors(size_t(count) * nFactors);
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    const std::atomic<bool>* cancel = loadCancelFlag(); // synthfaces:2000000 takes minutes to draw
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (int64_t i = t; i < count; i += threads) {
                if (cancel && cancel->load(std::memory_order_relaxed))
                    return;
                SynthFace f = drawSynthFace(seed, i, size);
                uint8_t* dst = i < nTrain ? b.trainImages.data() + per * size_t(i) : b.testImages.data() + per * size_t(i - nTrain);
                const size_t plane = size_t(size) * size;
                for (size_t p = 0; p < plane; ++p)
                    for (int c = 0; c < 3; ++c)
                        dst[c * plane + p] = f.image.pixels[p * 3 + c];
                for (size_t k = 0; k < nAttr; ++k)
                    attrs[size_t(i) * nAttr + k] = f.attributes[k];
                std::copy(f.factors.begin(), f.factors.end(), factors.begin() + long(size_t(i) * nFactors));
            }
        });
    for (auto& th : pool)
        th.join();
    throwIfCancelled(cancel, spec);
    b.info.spec = spec;
    b.info.name = "Synthetic faces";
    b.info.channels = 3;
    b.info.height = size;
    b.info.width = size;
    b.info.attributeNames = names;
    b.info.factorNames = synthFaceFactorNames();
    b.trainFactors.assign(factors.begin(), factors.begin() + long(size_t(nTrain) * nFactors));
    b.testFactors.assign(factors.begin() + long(size_t(nTrain) * nFactors), factors.end());
    std::vector<int64_t> labels;
    faceLabels(b.info, names, attrs, size_t(count), labels);
    b.trainLabels.assign(labels.begin(), labels.begin() + nTrain);
    b.testLabels.assign(labels.begin() + nTrain, labels.end());
    b.trainAttributes.assign(attrs.begin(), attrs.begin() + long(size_t(nTrain) * nAttr));
    b.testAttributes.assign(attrs.begin() + long(size_t(nTrain) * nAttr), attrs.end());
    return Dataset::fromBytes(std::move(b));
}

} // namespace

void registerPixelDatasets()
{
    Dataset::registerLoader("celeba", loadCeleba);
    Dataset::registerLoader("images", loadImageFolder);
    Dataset::registerLoader("synthfaces", loadSynthFaces);
}

} // namespace latentlab
