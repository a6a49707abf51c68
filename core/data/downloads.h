// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The dataset manager's downloads: MNIST and Fashion-MNIST from their usual public addresses
// (base URL configurable), SHA-256 verified, resumable, never a half file under the final name.
// Needs libcurl (LATENTLAB_HAVE_CURL); without it every call throws a clear Error.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace latentlab {

struct DownloadFile {
    std::string name;       // file name, also the last URL component
    uint64_t size = 0;      // expected bytes (0 = unknown)
    std::string sha256;     // expected lowercase hex digest
};

struct DownloadSource {
    std::string dataset;            // "mnist", "fashion-mnist", "celeba"
    std::string baseUrl;            // files are fetched from baseUrl + name
    std::vector<DownloadFile> files;
    std::string manual;             // for sets that cannot be fetched automatically: how to get them
};

/// The known sources.
const std::vector<DownloadSource>& downloadSources();
/// The source for a dataset name; throws InputError listing the known ones.
const DownloadSource& downloadSource(const std::string& dataset);

/// (file name, bytes so far, total bytes or 0).
using DownloadProgress = std::function<void(const std::string&, uint64_t, uint64_t)>;

/// Fetches `url` into dir/<file.name>: resumes dir/<name>.part when present, checks size and
/// SHA-256, then renames. A checksum mismatch deletes the partial file; a broken transfer keeps it
/// for the next try. Returns the final path. An already verified final file is not fetched again.
std::string downloadFile(const std::string& url, const DownloadFile& file, const std::string& dir,
                         const DownloadProgress& progress = {});

/// Downloads every file of a dataset into dir (default: the user's data folder/<dataset>).
/// baseUrl "" uses the source's default. Returns the folder.
std::string downloadDataset(const std::string& dataset, const std::string& baseUrl = "", const std::string& dir = "",
                            const DownloadProgress& progress = {});

} // namespace latentlab
