// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a fuzz target as an ordinary test: every file of a corpus folder, plus each file cut at
// every length and with single bytes flipped, so the corpus keeps guarding against regressions.
#include <cstdint>
#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    DIR* dir = opendir(argv[1]);
    if (!dir) {
        std::fprintf(stderr, "%s: cannot open corpus folder\n", argv[1]);
        return 2;
    }
    size_t files = 0, runs = 0;
    while (dirent* e = readdir(dir)) {
        if (e->d_name[0] == '.')
            continue;
        std::ifstream in(std::string(argv[1]) + "/" + e->d_name, std::ios::binary);
        std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        ++files;
        for (size_t cut = 0; cut <= bytes.size(); ++cut, ++runs)
            LLVMFuzzerTestOneInput(bytes.data(), cut);
        for (size_t i = 0; i < bytes.size(); ++i) {
            std::vector<uint8_t> flipped = bytes;
            flipped[i] ^= 0xA5;
            LLVMFuzzerTestOneInput(flipped.data(), flipped.size());
            ++runs;
        }
    }
    closedir(dir);
    std::printf("%zu corpus files, %zu inputs, no crash\n", files, runs);
    return files > 0 ? 0 : 1;
}
