// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// latentlab-cli train: a fresh run (--preset) or a continued one (--resume), in one process or as
// one rank of a data-parallel run (torchrun's RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT).
#include <string>
#include <vector>

namespace latentlab::cli {

int cmdTrain(const std::vector<std::string>& argv);

} // namespace latentlab::cli
