// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Texts from the engine's tables that the window shows (run parameters' labels, help and units,
// presets' descriptions), in the window's language. Core has no Qt, so core_texts.cpp lists them
// for lupdate; test_translations fails when a table has a text that list lacks.
#include <QString>

namespace latentlab::ui {

/// `text` (a label, help text, unit or description from core) in the window's language.
QString coreText(const char* text);
QString coreText(const std::string& text);

} // namespace latentlab::ui
