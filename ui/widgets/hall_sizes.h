// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Presentation mode's floors, for the back of a lecture hall: what a student 15 m from a 1024x700
// projector can still read. test_lesson_layout asserts them for every lesson.
namespace latentlab::ui::hall {

constexpr int kTile = 64;      ///< reconstruction and grid tiles (pixels a side)
constexpr int kPlot = 150;     ///< plot heights
constexpr int kThumbnail = 24; ///< thumbnails: the Dataset tab's pages, the scatter's images

} // namespace latentlab::ui::hall
