// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Dataset specs that need image codecs or drawing (pixels target):
//   celeba:FOLDER[,crop=148][,size=64][,attrs=Smiling+Male][,signed][,max-bad=0.01]
//   images:FOLDER[,gray][,size=64][,crop=N][,max-bad=0.01]
//   synthfaces[:N][,seed=S][,size=64]
// CelebA and image folders are preprocessed once and cached in the user's data folder
// (cache/), keyed by source, crop and size, and rebuilt when the source changes.
#include <string>

namespace latentlab {

/// Makes Dataset::load understand the specs above. Call once from each main().
void registerPixelDatasets();

} // namespace latentlab
