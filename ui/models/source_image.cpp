// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/source_image.h"

namespace latentlab::ui {

void SourceImage::set(const QImage& image, const QString& caption, int64_t testIndex, const QString& file)
{
    m_image = image;
    m_caption = caption;
    m_testIndex = testIndex;
    m_file = file;
    emit changed();
}

void SourceImage::clear()
{
    if (empty())
        return;
    m_image = QImage();
    m_caption.clear();
    m_testIndex = -1;
    m_file.clear();
    emit changed();
}

} // namespace latentlab::ui
