// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Whole-file reading with gzip support and atomic writing. No torch, no Qt.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace latentlab {

/// Reads a whole file; throws InputError naming the path if it is missing or unreadable, or (before
/// reading a byte) when it holds more than maxBytes.
std::vector<uint8_t> readFileBytes(const std::string& path, uint64_t maxBytes = UINT64_MAX);

/// Opens a file for reading that must be a regular file, without blocking on a FIFO or a device
/// (opened non-blocking, checked with fstat); returns the descriptor (close it) or throws
/// InputError naming the path and what it is ("a FIFO, not a regular file").
int openRegularFile(const std::string& path);

/// The file that writing `path` atomically replaces: path itself (new or a regular file), or, for
/// a symbolic link to a regular file, the file it points to (the link stays). Throws InputError
/// when path exists and is not a regular file (a device, FIFO, socket or folder) or is a link to
/// one or to nothing: outputs are checked with it before any work.
std::string outputTarget(const std::string& path);

/// Throws InputError when `dir` exists and is not a folder (a file, a device...).
void checkOutputFolder(const std::string& dir);

/// The most bytes a compressed file may inflate to: $LATENTLAB_MAX_INFLATED_BYTES, else 4 GiB.
uint64_t maxInflatedBytes();
constexpr uint64_t kDefaultMaxInflatedBytes = uint64_t(4) << 30;

/// Given the first `size` inflated bytes of a file, the total size its header declares, or 0 while
/// the header is not complete yet.
using DeclaredSize = std::function<uint64_t(const uint8_t* data, size_t size)>;

/// Reads a file, transparently inflating it when it starts with the gzip magic. At most
/// `maxBytes` are inflated; with `declaredSize`, no more than the header declares either, and a
/// declared size over the limit fails before anything that large is allocated (a gzip bomb).
std::vector<uint8_t> readMaybeGzip(const std::string& path, uint64_t maxBytes = maxInflatedBytes(),
                                   const DeclaredSize& declaredSize = {});

/// Writes bytes to path atomically: temp file in the same folder, flush, fsync, rename. Writes
/// through a symbolic link (outputTarget), refuses what is not a regular file, and first removes
/// the temp files of this target that dead writers left.
void writeFileAtomic(const std::string& path, const void* data, size_t size);

/// Same, for data in several pieces (written in order without joining them first).
void writeFileAtomicParts(const std::string& path, const std::vector<std::pair<const void*, size_t>>& parts);

/// Removes the temp files ("NAME.tmp-PID") that writeFileAtomic left in `folder` when its process
/// was killed, if that process is gone; returns how many. Missing folders hold none.
int removeStaleTemps(const std::string& folder);
/// The same for one target's temp files ("FOLDER/NAME.tmp-PID" of `path` = FOLDER/NAME) only.
int removeStaleTempsOf(const std::string& path);

/// True when path names an existing regular file.
bool fileExists(const std::string& path);

/// Creates `dir` and any missing parents (like mkdir -p); throws Error naming the folder (InputError
/// when it exists and is not a folder).
void makeDirs(const std::string& dir);

/// The user's data folder: $LATENTLAB_DATA, else $XDG_DATA_HOME/latentlab, else ~/.local/share/latentlab.
/// Datasets and the window's autosaved runs (runs/) live there, for both programs.
std::string userDataDir();
/// Where rebuildable files go (the drawn datasets' caches): $LATENTLAB_CACHE, else
/// $LATENTLAB_DATA/cache when that is set (a chosen data folder keeps everything together), else
/// $XDG_CACHE_HOME/latentlab, else ~/.cache/latentlab.
std::string userCacheDir();

} // namespace latentlab
