#pragma once
// Whole-file reading with gzip support and atomic writing. No torch, no Qt.
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

/// Reads a whole file; throws InputError naming the path if it is missing or unreadable.
std::vector<uint8_t> readFileBytes(const std::string& path);

/// Reads a file, transparently inflating it when it starts with the gzip magic.
/// maxBytes bounds the inflated size so a gzip bomb cannot exhaust memory.
std::vector<uint8_t> readMaybeGzip(const std::string& path, uint64_t maxBytes = (1ull << 34));

/// Writes bytes to path atomically: temp file in the same folder, flush, fsync, rename.
void writeFileAtomic(const std::string& path, const void* data, size_t size);

/// Same, for data in several pieces (written in order without joining them first).
void writeFileAtomicParts(const std::string& path, const std::vector<std::pair<const void*, size_t>>& parts);

/// Removes the temp files ("NAME.tmp-PID") that writeFileAtomic left in `folder` when its process
/// was killed, if that process is gone; returns how many. Missing folders hold none.
int removeStaleTemps(const std::string& folder);

/// True when path names an existing regular file.
bool fileExists(const std::string& path);

/// The user's data folder: $LATENTLAB_DATA, else $XDG_DATA_HOME/latentlab, else ~/.local/share/latentlab.
std::string userDataDir();

} // namespace latentlab
