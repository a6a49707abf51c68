// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The image being edited in the Explore tab: a test image (by index, so a session can name it) or
// an image file, with its caption. Exploration encodes it into the point; this only says what it is.
#include <QImage>
#include <QObject>
#include <QString>

#include <cstdint>

namespace latentlab::ui {

class SourceImage : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// Test image `index` (file "") or an image file (index -1), shown with `caption`.
    void set(const QImage& image, const QString& caption, int64_t testIndex, const QString& file);
    /// No source: the point went somewhere no image describes.
    void clear();
    bool empty() const { return m_image.isNull() && m_caption.isEmpty() && m_testIndex < 0 && m_file.isEmpty(); }

    const QImage& image() const { return m_image; }
    const QString& caption() const { return m_caption; }
    int64_t testIndex() const { return m_testIndex; } // -1 when none (or a file)
    const QString& file() const { return m_file; }     // "" when none (or a test image)

signals:
    void changed();

private:
    QImage m_image;
    QString m_caption;
    int64_t m_testIndex = -1;
    QString m_file;
};

} // namespace latentlab::ui
