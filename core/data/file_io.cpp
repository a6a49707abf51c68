// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/file_io.h"

#include "core/error.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef LATENTLAB_HAVE_ZLIB
#include <zlib.h>
#endif

namespace latentlab {

bool fileExists(const std::string& path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

void makeDirs(const std::string& dir)
{
    for (size_t slash = dir.find('/', 1); slash != std::string::npos; slash = dir.find('/', slash + 1))
        ::mkdir(dir.substr(0, slash).c_str(), 0755); // parents; a real failure shows below
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
        throw Error(dir + ": cannot create folder: " + std::strerror(errno));
    checkOutputFolder(dir); // EEXIST: a folder, not a file of that name
}

namespace {
// "a FIFO", "a folder": what a path is when it is not a regular file.
std::string kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISLNK(mode))
        return "a symbolic link";
    return "not a regular file";
}
} // namespace

int openRegularFile(const std::string& path)
{
    // Non-blocking: open() on a FIFO would wait for a writer, forever.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        throw InputError(path + ": cannot open: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const mode_t mode = st.st_mode;
        ::close(fd);
        throw InputError(path + ": " + kindOf(mode) + ", not a regular file");
    }
    return fd;
}

std::vector<uint8_t> readFileBytes(const std::string& path, uint64_t maxBytes)
{
    const int fd = openRegularFile(path);
    struct stat st {};
    ::fstat(fd, &st);
    if (uint64_t(st.st_size) > maxBytes) {
        ::close(fd);
        throw InputError(path + ": " + std::to_string(st.st_size) + " bytes, more than the " + std::to_string(maxBytes) +
                         " such a file may hold");
    }
    std::vector<uint8_t> bytes(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += size_t(n);
    }
    ::close(fd);
    if (got != bytes.size())
        throw InputError(path + ": read " + std::to_string(got) + " of " + std::to_string(bytes.size()) + " bytes");
    return bytes;
}

std::string outputTarget(const std::string& path)
{
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0)
        return path; // new (a missing folder shows when the write fails)
    if (S_ISREG(st.st_mode))
        return path;
    if (!S_ISLNK(st.st_mode))
        throw InputError(path + ": exists and is " + kindOf(st.st_mode) +
                         ", not a regular file: refusing to replace it (choose another output path)");
    char* resolved = ::realpath(path.c_str(), nullptr);
    if (!resolved)
        throw InputError(path + ": a symbolic link to nothing (" + std::strerror(errno) + "): refusing to write through it");
    const std::string target = resolved;
    std::free(resolved);
    if (::stat(target.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        throw InputError(path + ": a symbolic link to " + target + ", which is " + kindOf(st.st_mode) +
                         ", not a regular file: refusing to write through it");
    return target;
}

void checkOutputFolder(const std::string& dir)
{
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0 && !S_ISDIR(st.st_mode))
        throw InputError(dir + ": exists and is " + (S_ISREG(st.st_mode) ? std::string("a file") : kindOf(st.st_mode)) +
                         ", not a folder");
}

uint64_t maxInflatedBytes()
{
    if (const char* v = std::getenv("LATENTLAB_MAX_INFLATED_BYTES"); v && *v) {
        char* end = nullptr;
        const unsigned long long n = std::strtoull(v, &end, 10);
        if (end && *end == '\0' && n > 0)
            return n;
    }
    return kDefaultMaxInflatedBytes;
}

std::vector<uint8_t> readMaybeGzip(const std::string& path, uint64_t maxBytes, const DeclaredSize& declaredSize)
{
    std::vector<uint8_t> raw = readFileBytes(path);
    if (raw.size() < 2 || raw[0] != 0x1f || raw[1] != 0x8b)
        return raw;
#ifdef LATENTLAB_HAVE_ZLIB
    z_stream zs {};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        throw Error(path + ": cannot initialise gzip decoder");
    const std::string raise = " (set LATENTLAB_MAX_INFLATED_BYTES to allow more)";
    auto fail = [&](const std::string& why) {
        inflateEnd(&zs);
        throw InputError(path + ": " + why);
    };
    std::vector<uint8_t> out;
    out.resize(std::min<uint64_t>(maxBytes, std::max<uint64_t>(raw.size() * 4, 1 << 16)));
    uint64_t declared = 0; // once the header is inflated: the exact size it promises
    zs.next_in = raw.data();
    zs.avail_in = static_cast<uInt>(raw.size());
    while (true) {
        if (declared == 0 && declaredSize && (declared = declaredSize(out.data(), zs.total_out)) > 0) {
            // Checked before the allocation, not after: a bomb's header asks for gigabytes.
            if (declared > maxBytes)
                fail("its header declares " + std::to_string(declared) + " bytes, more than the limit of " +
                     std::to_string(maxBytes) + raise);
            out.resize(std::max<uint64_t>(declared, zs.total_out));
        }
        if (zs.total_out == out.size()) {
            if (declared > 0)
                fail("gzip data inflates to more than the " + std::to_string(declared) + " bytes its header declares");
            if (out.size() >= maxBytes)
                fail("gzip data inflates to more than " + std::to_string(maxBytes) + " bytes" + raise);
            out.resize(std::min<uint64_t>(maxBytes, out.size() * 2));
        }
        zs.next_out = out.data() + zs.total_out;
        zs.avail_out = static_cast<uInt>(std::min<uint64_t>(out.size() - zs.total_out, 1u << 30));
        const int rc = inflate(&zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END)
            break;
        if (rc != Z_OK)
            fail("corrupt gzip data at compressed offset " + std::to_string(zs.total_in) + ": " +
                 (rc == Z_BUF_ERROR && zs.avail_in == 0 ? std::string("unexpected end of compressed data (truncated file)")
                                                         : std::string(zs.msg ? zs.msg : "stream error")));
    }
    out.resize(zs.total_out);
    inflateEnd(&zs);
    return out;
#else
    (void)maxBytes;
    (void)declaredSize;
    throw InputError(path + ": is gzip-compressed but this build has no zlib; decompress it first");
#endif
}

void writeFileAtomic(const std::string& path, const void* data, size_t size)
{
    writeFileAtomicParts(path, {{data, size}});
}

void writeFileAtomicParts(const std::string& requested, const std::vector<std::pair<const void*, size_t>>& parts)
{
    const std::string path = outputTarget(requested); // through a link; never over a device or FIFO
    removeStaleTempsOf(path);
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        throw Error(path + ": cannot write: " + std::strerror(errno));
    for (const auto& [data, size] : parts) {
        const char* p = static_cast<const char*>(data);
        size_t left = size;
        while (left > 0) {
            ssize_t n = ::write(fd, p, std::min<size_t>(left, size_t(1) << 30));
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                int e = errno;
                ::close(fd);
                ::unlink(tmp.c_str());
                throw Error(path + ": write failed: " + std::strerror(e));
            }
            p += n;
            left -= static_cast<size_t>(n);
        }
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        throw Error(path + ": flush failed: " + std::strerror(e));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        throw Error(path + ": rename failed: " + std::strerror(e));
    }
}

namespace {
long maxPid()
{
    long max = 4194304; // Linux's upper bound for pid_max
    if (FILE* f = std::fopen("/proc/sys/kernel/pid_max", "r")) {
        if (std::fscanf(f, "%ld", &max) != 1)
            max = 4194304;
        std::fclose(f);
    }
    return max;
}
} // namespace

namespace {
int removeStaleTempsIn(const std::string& folder, const std::string& name);
}

int removeStaleTemps(const std::string& folder) { return removeStaleTempsIn(folder, ""); }

int removeStaleTempsOf(const std::string& path)
{
    const size_t slash = path.rfind('/');
    return slash == std::string::npos ? removeStaleTempsIn(".", path)
                                      : removeStaleTempsIn(slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1));
}

namespace {
// Temp files "NAME.tmp-PID" in folder whose writer is dead; only those of `name` when given.
int removeStaleTempsIn(const std::string& folder, const std::string& only)
{
    DIR* dir = ::opendir(folder.c_str());
    if (!dir)
        return 0;
    int removed = 0;
    const long highestPid = maxPid();
    while (const dirent* e = ::readdir(dir)) {
        const std::string name = e->d_name;
        const size_t at = name.rfind(".tmp-");
        if (at == std::string::npos || at + 5 >= name.size() ||
            name.find_first_not_of("0123456789", at + 5) != std::string::npos || (!only.empty() && name.compare(0, at, only) != 0) ||
            (!only.empty() && at != only.size()))
            continue;
        const long pid = std::strtol(name.c_str() + at + 5, nullptr, 10);
        // Only a dead writer's file: a running process (this one, another run) may still rename
        // it, and a number no PID can be ("notes.tmp-20240101") is not ours at all.
        if (pid > 0 && pid <= highestPid && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH &&
            ::unlink((folder + "/" + name).c_str()) == 0)
            ++removed;
    }
    ::closedir(dir);
    return removed;
}
} // namespace

std::string userDataDir()
{
    if (const char* d = std::getenv("LATENTLAB_DATA"); d && *d)
        return d;
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x)
        return std::string(x) + "/latentlab";
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.local/share/latentlab";
}

std::string userCacheDir()
{
    if (const char* c = std::getenv("LATENTLAB_CACHE"); c && *c)
        return c;
    if (const char* d = std::getenv("LATENTLAB_DATA"); d && *d)
        return std::string(d) + "/cache";
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
        return std::string(x) + "/latentlab";
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.cache/latentlab";
}

} // namespace latentlab
