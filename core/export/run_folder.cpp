// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/run_folder.h"

#include "core/data/file_io.h"
#include "core/export/csv_export.h"
#include "core/error.h"
#include "core/json_fields_impl.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace latentlab {

void saveRunFolder(const Trainer& trainer, const std::string& folder)
{
    writeTextFile(folder + "/metrics.csv", lossHistoryCsv(trainer.history()));
    trainer.saveCheckpoint(folder + "/checkpoint");
}

namespace {

// "PID 123 on host (latentlab-cli train --preset mlp-vae ...)": who this process is.
std::string holderRecord()
{
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    std::string command;
    if (FILE* f = std::fopen("/proc/self/cmdline", "rb")) {
        char buf[512];
        const size_t n = std::fread(buf, 1, sizeof buf, f);
        std::fclose(f);
        for (size_t i = 0; i < n; ++i)
            command += buf[i] ? buf[i] : ' ';
        while (!command.empty() && command.back() == ' ')
            command.pop_back();
    }
    return std::to_string(::getpid()) + "\n" + host + "\n" + command + "\n";
}

std::string readAll(int fd)
{
    std::string text;
    char buf[1024];
    ssize_t n;
    ::lseek(fd, 0, SEEK_SET);
    while (text.size() < 4096 && (n = ::read(fd, buf, sizeof buf)) > 0)
        text.append(buf, size_t(n));
    return text;
}

// "PID 123 on host h (command)" from a record ("" for an empty one).
std::string describeHolder(const std::string& record)
{
    const size_t a = record.find('\n'), b = a == std::string::npos ? a : record.find('\n', a + 1);
    if (b == std::string::npos)
        return "";
    const long pid = std::strtol(record.substr(0, a).c_str(), nullptr, 10);
    const std::string host = record.substr(a + 1, b - a - 1);
    std::string command = record.substr(b + 1);
    while (!command.empty() && command.back() == '\n')
        command.pop_back();
    return "PID " + std::to_string(pid) + " on " + host + (command.empty() ? "" : " (" + command + ")");
}

InputError beingWritten(const std::string& folder, const std::string& holder)
{
    return InputError(folder + " is being written by " + (holder.empty() ? "another process" : holder) +
                      ": wait for that run to end, or write elsewhere (another --out)");
}

bool lockWholeFile(int fd, short type)
{
    struct flock fl {};
    fl.l_type = type;
    fl.l_whence = SEEK_SET; // start 0, length 0: the whole file
    return ::fcntl(fd, F_OFD_SETLK, &fl) == 0;
}

} // namespace

RunFolderLock::RunFolderLock(const std::string& folder)
{
    const std::string path = folder + "/.lock";
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
    if (m_fd < 0) // a full disk, a read-only folder: the machine's problem, not the input's (exit 1)
        throw Error(path + ": cannot create the run folder's lock: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(m_fd);
        throw InputError(path + ": not a regular file; cannot lock the run folder");
    }
    if (!lockWholeFile(m_fd, F_WRLCK)) {
        const int e = errno;
        const std::string holder = describeHolder(readAll(m_fd));
        ::close(m_fd);
        m_fd = -1;
        if (e == EAGAIN || e == EACCES)
            throw beingWritten(folder, holder);
        // A file system without locks (a nolock NFS mount, some FUSE ones): train, and say so.
        m_tookOver = "note: " + folder + " cannot be locked (" + std::strerror(e) +
                     "): another program writing it at the same time would not be noticed";
        return;
    }
    // Ours. A record left behind names a writer that ended without clearing it (killed).
    const std::string before = describeHolder(readAll(m_fd));
    if (!before.empty())
        m_tookOver = "took over " + folder + " from " + before + ", which is no longer running";
    const std::string mine = holderRecord();
    if (::ftruncate(m_fd, 0) != 0 || ::pwrite(m_fd, mine.data(), mine.size(), 0) != ssize_t(mine.size())) {
        // Only the record is lost (a full disk): the lock itself holds.
    }
}

namespace {

// Whether a writer holds FOLDER's lock, and its record when it does.
bool askLock(const std::string& folder, std::string* record)
{
    const int fd = ::open((folder + "/.lock").c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return false;
    struct flock fl {};
    fl.l_type = F_WRLCK; // would a writer's lock conflict with ours?
    fl.l_whence = SEEK_SET;
    const bool held = ::fcntl(fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
    if (held && record)
        *record = readAll(fd);
    ::close(fd);
    return held;
}

} // namespace

bool runFolderLocked(const std::string& folder) { return askLock(folder, nullptr); }

void refuseIfBeingWritten(const std::string& folder)
{
    std::string record;
    if (askLock(folder, &record))
        throw beingWritten(folder, describeHolder(record));
}

RunFolderLock::~RunFolderLock()
{
    if (m_fd < 0)
        return;
    // An empty record: the writer ended cleanly. Then unlock (close drops it too).
    if (::ftruncate(m_fd, 0) != 0) {
    }
    lockWholeFile(m_fd, F_UNLCK);
    ::close(m_fd);
}

namespace {
constexpr RunStatus::State kStates[] = {RunStatus::State::Running, RunStatus::State::Finished, RunStatus::State::Stopped,
                                        RunStatus::State::Failed};
} // namespace

const char* toString(RunStatus::State state)
{
    switch (state) {
    case RunStatus::State::Running: return "running";
    case RunStatus::State::Finished: return "finished";
    case RunStatus::State::Stopped: return "stopped";
    case RunStatus::State::Failed: return "failed";
    case RunStatus::State::Unknown: break;
    }
    return "unknown";
}

void writeRunStatus(const std::string& folder, const RunStatus& s)
{
    const nlohmann::json j = {{"format", "latentlab-run-status"},
                              {"state", toString(s.state)},
                              {"epoch", s.epoch},
                              {"epochs", s.epochs},
                              {"message", s.message}};
    const std::string path = folder + "/status.json", text = dumpJson(j, 2) + "\n";
    try {
        writeTextFile(path, text);
    } catch (const std::exception&) {
        // A full disk: rewriting the file in place needs no more blocks than truncating it frees,
        // so a follower is never left reading "running" from a writer that has ended. If even
        // that fails, no status is better than a false one.
        const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
        const bool rewritten = fd >= 0 && ::write(fd, text.data(), text.size()) == ssize_t(text.size()) && ::fsync(fd) == 0;
        if (fd >= 0)
            ::close(fd);
        if (!rewritten)
            ::unlink(path.c_str());
        throw;
    }
}

RunStatus readRunStatus(const std::string& folder)
{
    const std::string path = folder + "/status.json";
    if (!fileExists(path))
        return {};
    const std::vector<uint8_t> bytes = readFileBytes(path, 1u << 20);
    const nlohmann::json j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (j.is_discarded())
        throw InputError(path + ": not valid JSON");
    const JsonFields f(j, path, {"format", "state", "epoch", "epochs", "message"});
    std::string format, state;
    f.text("format", format);
    if (format != "latentlab-run-status")
        f.fail("format", "must be \"latentlab-run-status\"");
    f.text("state", state);
    RunStatus s;
    for (RunStatus::State k : kStates)
        if (state == toString(k))
            s.state = k;
    if (s.state == RunStatus::State::Unknown)
        f.fail("state", "must be running, finished, stopped or failed");
    f.integer("epoch", s.epoch, 0);
    f.integer("epochs", s.epochs, 0);
    f.text("message", s.message);
    return s;
}

} // namespace latentlab
