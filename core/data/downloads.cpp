// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/downloads.h"

#include "core/data/dataset.h"
#include "core/data/file_io.h"
#include "core/data/sha256.h"
#include "core/error.h"

#include <cstdio>
#include <sys/stat.h>

#ifdef LATENTLAB_HAVE_CURL
#include <curl/curl.h>
#endif

namespace latentlab {

const std::vector<DownloadSource>& downloadSources()
{
    static const std::vector<DownloadSource> sources = {
        {"mnist",
         "https://ossci-datasets.s3.amazonaws.com/mnist/",
         {{"train-images-idx3-ubyte.gz", 9912422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"},
          {"train-labels-idx1-ubyte.gz", 28881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"},
          {"t10k-images-idx3-ubyte.gz", 1648877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"},
          {"t10k-labels-idx1-ubyte.gz", 4542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"}},
         ""},
        {"fashion-mnist",
         "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
         {{"train-images-idx3-ubyte.gz", 26421880, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"},
          {"train-labels-idx1-ubyte.gz", 29515, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"},
          {"t10k-images-idx3-ubyte.gz", 4422102, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"},
          {"t10k-labels-idx1-ubyte.gz", 5148, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"}},
         ""},
        {"celeba",
         "",
         {},
         "CelebA cannot be downloaded automatically (its licence requires agreeing to terms on its site). "
         "Get img_align_celeba.zip, list_attr_celeba.txt and list_eval_partition.txt from the CelebA "
         "project page (mmlab.ie.cuhk.edu.hk/projects/CelebA.html, 'Align&Cropped Images' and 'Anno'/'Eval'), "
         "unzip the images into FOLDER/img_align_celeba/ and put both text files in FOLDER, then use the "
         "dataset spec celeba:FOLDER."},
    };
    return sources;
}

const DownloadSource& downloadSource(const std::string& dataset)
{
    std::string known;
    for (const auto& s : downloadSources()) {
        if (s.dataset == dataset)
            return s;
        known += (known.empty() ? "" : ", ") + s.dataset;
    }
    throw InputError("no download source for \"" + dataset + "\"; known: " + known);
}

namespace {

uint64_t fileSize(const std::string& path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? uint64_t(st.st_size) : 0;
}

#ifdef LATENTLAB_HAVE_CURL
struct Transfer {
    FILE* out = nullptr;
    CURL* curl = nullptr;
    uint64_t offset = 0;        // bytes already in the .part file when the request started
    bool checkedResume = false;
    std::string partPath;
    const DownloadProgress* progress = nullptr;
    std::string name;
    uint64_t total = 0;
    const std::atomic<bool>* cancel = nullptr; // the loading thread's cancel flag
};

size_t onData(char* data, size_t size, size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    if (!t->checkedResume) {
        t->checkedResume = true;
        long code = 0;
        curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
        if (t->offset > 0 && code == 200) {
            // The server ignored the range request and sends the whole file: start over.
            std::fclose(t->out);
            t->out = std::fopen(t->partPath.c_str(), "wb");
            t->offset = 0;
            if (!t->out)
                return 0;
        }
    }
    return std::fwrite(data, size, count, t->out) * size;
}

int onProgress(void* user, curl_off_t, curl_off_t now, curl_off_t, curl_off_t)
{
    auto* t = static_cast<Transfer*>(user);
    if (t->progress && *t->progress)
        (*t->progress)(t->name, t->offset + uint64_t(now), t->total);
    // Non-zero aborts the transfer: the window's Stop, or closing it, cancels a download too.
    return t->cancel && t->cancel->load(std::memory_order_relaxed) ? 1 : 0;
}

// One GET of `url` appended to the .part file from byte `have`. Returns the curl result when it is
// a range error worth retrying from scratch; any other failure throws, naming the bytes kept.
CURLcode request(const std::string& url, const DownloadFile& file, const std::string& partPath, uint64_t have,
                 const DownloadProgress& progress, bool mayRetry)
{
    Transfer t;
    t.out = std::fopen(partPath.c_str(), have > 0 ? "ab" : "wb");
    if (!t.out)
        throw Error(partPath + ": cannot write");
    t.curl = curl_easy_init();
    t.offset = have;
    t.partPath = partPath;
    t.progress = &progress;
    t.name = file.name;
    t.total = file.size;
    t.cancel = loadCancelFlag();
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(t.curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(t.curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(t.curl, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(t.curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(t.curl, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(t.curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(t.curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(t.curl, CURLOPT_WRITEFUNCTION, onData);
    curl_easy_setopt(t.curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(t.curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(t.curl, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(t.curl, CURLOPT_XFERINFODATA, &t);
    if (have > 0)
        curl_easy_setopt(t.curl, CURLOPT_RESUME_FROM_LARGE, curl_off_t(have));
    const CURLcode rc = curl_easy_perform(t.curl);
    long code = 0;
    curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_cleanup(t.curl);
    if (t.out)
        std::fclose(t.out);
    throwIfCancelled(t.cancel, url); // the .part file stays: the next load resumes it
    if (rc == CURLE_OK || (rc == CURLE_RANGE_ERROR && mayRetry))
        return rc;
    const uint64_t kept = fileSize(partPath);
    std::string why = error[0] ? error : curl_easy_strerror(rc);
    if (rc == CURLE_HTTP_RETURNED_ERROR)
        why = "HTTP " + std::to_string(code);
    throw Error(url + ": download failed: " + why + "; " + std::to_string(kept) + " bytes kept in " + partPath +
                (kept > 0 ? ", run again to resume" : ""));
}
#endif

} // namespace

std::string downloadFile(const std::string& url, const DownloadFile& file, const std::string& dir,
                         const DownloadProgress& progress)
{
    ::mkdir(dir.c_str(), 0755);
    const std::string finalPath = dir + "/" + file.name;
    const std::string partPath = finalPath + ".part";
    if (fileExists(finalPath) && (file.sha256.empty() || sha256File(finalPath) == file.sha256))
        return finalPath;
#ifdef LATENTLAB_HAVE_CURL
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!initialised)
        throw Error("cannot initialise libcurl");
    uint64_t have = fileSize(partPath);
    if (file.size > 0 && have > file.size) {
        std::remove(partPath.c_str());
        have = 0;
    }
    for (int attempt = 0; attempt < 2 && (file.size == 0 || have < file.size); ++attempt) {
        const CURLcode rc = request(url, file, partPath, have, progress, attempt == 0);
        if (rc == CURLE_RANGE_ERROR && attempt == 0) {
            // The server cannot resume: start the file over.
            std::remove(partPath.c_str());
            have = 0;
            continue;
        }
        break;
    }
    const uint64_t got = fileSize(partPath);
    if (file.size > 0 && got != file.size)
        throw Error(url + ": received " + std::to_string(got) + " of " + std::to_string(file.size) + " bytes; kept in " +
                    partPath + ", run again to resume");
    if (!file.sha256.empty()) {
        const std::string digest = sha256File(partPath);
        if (digest != file.sha256) {
            std::remove(partPath.c_str());
            throw Error(url + ": checksum mismatch (SHA-256 " + digest + ", expected " + file.sha256 +
                        "); the partial file was deleted");
        }
    }
    if (std::rename(partPath.c_str(), finalPath.c_str()) != 0)
        throw Error(finalPath + ": cannot move the verified download into place");
    return finalPath;
#else
    (void)url;
    (void)progress;
    throw Error("this build has no libcurl, so it cannot download " + file.name + "; install libcurl4-openssl-dev and rebuild");
#endif
}

std::string downloadDataset(const std::string& dataset, const std::string& baseUrl, const std::string& dir,
                            const DownloadProgress& progress)
{
    const DownloadSource& src = downloadSource(dataset);
    if (src.files.empty())
        throw InputError(dataset + ": " + src.manual);
    std::string base = baseUrl.empty() ? src.baseUrl : baseUrl;
    if (!base.empty() && base.back() != '/')
        base += '/';
    const std::string folder = dir.empty() ? userDataDir() + "/" + dataset : dir;
    ::mkdir(userDataDir().c_str(), 0755);
    for (const auto& f : src.files)
        downloadFile(base + f.name, f, folder, progress);
    return folder;
}

} // namespace latentlab
