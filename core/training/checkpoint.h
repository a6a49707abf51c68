// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a checkpoint file describes, read without its weights (no torch): for opening a checkpoint
// on the GUI thread while the weights load on the worker.
#include "core/models/model.h"

#include <string>

namespace latentlab {

/// The model description, dataset spec, epoch and loss history from a checkpoint's header only
/// (no weights are read and no CRC is checked: loading the weights checks the whole file).
/// Throws InputError naming the file when the header is damaged or incomplete.
ModelInfo readCheckpointInfo(const std::string& path);

} // namespace latentlab
