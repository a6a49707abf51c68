// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shows an image scaled to fit with nearest-neighbour sampling (small digits stay crisp). A grid
// image can report which cell was clicked.
#include <QImage>
#include <QStringList>
#include <QWidget>

#include <algorithm>

namespace latentlab::ui {

class ImageView : public QWidget {
    Q_OBJECT
public:
    explicit ImageView(QWidget* parent = nullptr);
    /// The image and, for a grid made by makeGrid (2-pixel padding), its columns and rows.
    void setImage(const QImage& image, int columns = 1, int rows = 1);
    void clear();
    const QImage& image() const { return m_image; }
    /// Text shown while there is no image.
    void setPlaceholder(const QString& text);
    /// Labels drawn left of a grid's rows (shown when there is one per row), e.g. "z 3".
    void setRowLabels(const QStringList& labels);
    const QStringList& rowLabels() const { return m_rowLabels; }
    /// The room each side of a grid these row labels would take (0 for fewer than two rows).
    int labelWidthFor(const QStringList& labels) const;
    /// The size one grid cell is drawn at now (the whole image when it is not a grid); empty
    /// without an image.
    QSize cellSize() const;
    /// Where the image is drawn now, in the view's coordinates (empty without an image).
    QRect targetRect() const;
    /// A grid's cells drawn at least `pixels` wide (0 = any size): when the whole grid would draw
    /// them smaller, only its first columns are shown (a lecture hall reads 4 large pairs of the
    /// reconstruction strip, not 8 small ones).
    void setMinimumCell(int pixels);
    /// The grid's columns drawn now (all of them unless a minimum cell size leaves some out).
    int shownColumns() const { return columnsShownAt(width()); }
    /// Empty, it asks for no more height than its minimum: before the first image (the first
    /// seconds of a run) it must not take a row's height from the plots beside it.
    /// Not following the width, it asks for no more than its minimum either: layouts take word-wrapped
    /// neighbours' heights for width from their neighbours' hints, and a 256 px hint pushed the
    /// Explore tab's rows off a 1024x700 window.
    QSize sizeHint() const override
    {
        if (!m_heightFollowsWidth)
            return minimumSize().expandedTo({64, 64});
        return {256, m_image.isNull() ? std::max(minimumHeight(), 64) : 256};
    }
    /// With an image, the height that shows it whole at this width (a strip asks for little).
    bool hasHeightForWidth() const override { return m_heightFollowsWidth && !m_image.isNull(); }
    /// Off: the view takes the height its layout gives, whatever the image's shape (a panel whose
    /// rows share the height by stretch; a tall grid must not push the rows above off the window).
    void setHeightFollowsWidth(bool on);
    int heightForWidth(int width) const override;

signals:
    void cellClicked(int index);
    /// After a paint that showed a new image (the explorer's latency benchmark listens to this).
    void imagePainted();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    int columnsShownAt(int width) const;
    QImage shownImage() const; // the image, or its first shownColumns() columns
    int labelWidth() const; // room for the row labels (0 without them)
    QImage m_image;
    QString m_placeholder;
    QStringList m_rowLabels;
    int m_columns = 1, m_rows = 1;
    int m_minimumCell = 0;
    bool m_heightFollowsWidth = true;
    bool m_fresh = false;
};

} // namespace latentlab::ui
