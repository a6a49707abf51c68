// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Screen readers read a control's accessible name. Most of ours get one from their text or their
// form label; the rest (plots, sliders, spin boxes beside a label, icon buttons) are named here from
// what a sighted user reads: the tooltip's first phrase, a spin box's prefix, a slider's label.
class QWidget;

namespace latentlab::ui {

/// Gives every control under `root` that has no accessible name one (and its tooltip as the
/// description). Call again after controls are created (new sliders for another model).
void nameControlsForAccessibility(QWidget* root);

} // namespace latentlab::ui
