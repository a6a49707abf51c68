// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/image_view.h"

#include <QMouseEvent>
#include <QPainter>

namespace latentlab::ui {

namespace {
// The width of a makeGrid image (2-pixel padding around each cell) cut to its first `shown` of
// `columns` columns.
int croppedWidth(int width, int columns, int shown)
{
    if (shown >= columns)
        return width;
    const int cell = (width - 2) / columns; // a tile and its padding
    return shown * cell + 2;
}
} // namespace

ImageView::ImageView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(96, 96);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void ImageView::setImage(const QImage& image, int columns, int rows)
{
    m_image = image;
    m_columns = std::max(1, columns);
    m_rows = std::max(1, rows);
    m_fresh = true;
    updateGeometry(); // the height it asks for follows the image's shape
    update();
}

int ImageView::heightForWidth(int width) const
{
    if (m_image.isNull())
        return QWidget::heightForWidth(width);
    const int room = std::max(1, width - 2 * labelWidth());
    return std::max(minimumHeight(), room * m_image.height() / croppedWidth(m_image.width(), m_columns, columnsShownAt(width)));
}

void ImageView::setHeightFollowsWidth(bool on)
{
    m_heightFollowsWidth = on;
    QSizePolicy policy = sizePolicy();
    policy.setHeightForWidth(on);
    setSizePolicy(policy);
    updateGeometry();
}

void ImageView::setMinimumCell(int pixels)
{
    m_minimumCell = std::max(0, pixels);
    updateGeometry();
    update();
}

int ImageView::columnsShownAt(int width) const
{
    if (m_minimumCell <= 0 || m_columns <= 1)
        return m_columns;
    const int room = std::max(1, width - 2 * labelWidth());
    return std::clamp(room / (m_minimumCell + 2), 1, m_columns);
}

QImage ImageView::shownImage() const
{
    const int shown = shownColumns();
    return shown == m_columns ? m_image : m_image.copy(0, 0, croppedWidth(m_image.width(), m_columns, shown), m_image.height());
}

void ImageView::clear()
{
    m_image = QImage();
    updateGeometry();
    update();
}

void ImageView::setPlaceholder(const QString& text)
{
    m_placeholder = text;
    update();
}

void ImageView::setRowLabels(const QStringList& labels)
{
    m_rowLabels = labels;
    update();
}

int ImageView::labelWidth() const { return m_rowLabels.size() == m_rows ? labelWidthFor(m_rowLabels) : 0; }

int ImageView::labelWidthFor(const QStringList& labels) const
{
    if (labels.size() < 2)
        return 0;
    int widest = 0;
    for (const QString& l : labels)
        widest = std::max(widest, fontMetrics().horizontalAdvance(l));
    return widest + fontMetrics().averageCharWidth();
}

QSize ImageView::cellSize() const
{
    const QRect r = targetRect();
    return r.isEmpty() ? QSize() : QSize(r.width() / shownColumns(), r.height() / m_rows);
}

QRect ImageView::targetRect() const
{
    if (m_image.isNull())
        return {};
    const int margin = labelWidth();
    const QSize room(std::max(1, width() - 2 * margin), height()); // centred, labels fit left of it
    const QSize image(croppedWidth(m_image.width(), m_columns, shownColumns()), m_image.height());
    QSize s = image.scaled(room, Qt::KeepAspectRatio);
    // Whole multiples of the pixel size keep pixels square, unless that would leave much of the
    // room unused (a 1x strip in a wide panel): then the fit wins.
    // A minimum cell size (presentation mode) wins over square pixels.
    const int factor = std::min(room.width() / image.width(), room.height() / image.height());
    if (factor >= 1 && image.width() * factor * 4 >= s.width() * 3 && image.width() * factor / shownColumns() >= m_minimumCell)
        s = image * factor;
    return QRect(QPoint((width() - s.width()) / 2, (height() - s.height()) / 2), s);
}

void ImageView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    if (m_image.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const QRect target = targetRect();
    p.drawImage(target, shownImage());
    if (labelWidth() > 0) {
        p.setPen(palette().color(QPalette::WindowText));
        const double rowHeight = double(target.height()) / m_rows;
        for (int r = 0; r < m_rows; ++r)
            p.drawText(QRectF(0, target.top() + r * rowHeight, target.left() - 4, rowHeight), Qt::AlignRight | Qt::AlignVCenter,
                       m_rowLabels[r]);
    }
    if (m_fresh) {
        m_fresh = false;
        emit imagePainted();
    }
}

void ImageView::mousePressEvent(QMouseEvent* event)
{
    const QRect r = targetRect();
    if (event->button() != Qt::LeftButton || !r.contains(event->position().toPoint()))
        return;
    const int shown = shownColumns();
    const int c = int((event->position().x() - r.left()) * shown / r.width());
    const int row = int((event->position().y() - r.top()) * m_rows / r.height());
    emit cellClicked(std::clamp(row, 0, m_rows - 1) * m_columns + std::clamp(c, 0, shown - 1));
}

} // namespace latentlab::ui
