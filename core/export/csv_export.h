// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// CSV exports that any spreadsheet or pandas reads: latent codes of a dataset, maps of them and loss
// history.
// Plain C++: comma-separated, one header row, '.' decimals, names quoted when they need it.
#include "core/models/model.h"
#include "core/models/epoch_stats.h"

#include <string>
#include <vector>

namespace latentlab {

/// "id,label[,label_name][,attribute...][,factor_NAME...],z0..z{dim-1}" and one row per code.
/// classNames (may be empty) name the labels; factor columns are the ground-truth generative factors
/// of datasets that have them (e.g. dsprites, synthfaces).
std::string latentsCsv(const LatentCodes& codes, const std::vector<std::string>& classNames = {});
/// "index,split,label,x,y[,z]", one row per code of a map (map: count x dims values, dims 2 or 3);
/// split[i] says which split code i came from ("test", "train"), classNames name the labels.
std::string mapCsv(const LatentCodes& codes, const std::vector<float>& map, int dims, const std::vector<std::string>& split,
                   const std::vector<std::string>& classNames);
/// "epoch,train_loss,train_recon,train_kl,test_loss,test_recon,test_kl,beta,lr,seconds", one row per epoch.
std::string lossHistoryCsv(const std::vector<EpochStats>& history);
/// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, inner quotes doubled.
std::string csvField(const std::string& s);
/// Writes text to path atomically; throws Error naming the path.
void writeTextFile(const std::string& path, const std::string& text);

} // namespace latentlab
