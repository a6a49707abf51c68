// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explore/dataset_browser.h"

#include "core/image.h"
#include "ui/models/image_convert.h"
#include "ui/widgets/image_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace latentlab::ui {

DatasetBrowser::DatasetBrowser(QWidget* parent) : QWidget(parent), m_view(new ImageView), m_page(new QSpinBox), m_info(new QLabel)
{
    m_page->setPrefix(tr("page "));
    m_page->setRange(1, 1);
    auto* row = new QHBoxLayout;
    auto* help = new QLabel(tr("Click a test image to encode it; the sliders then edit it. You can also drop a PNG or JPEG "
                               "file on the window."));
    help->setWordWrap(true); // wraps on small screens instead of widening the window
    row->addWidget(help, 1);
    row->addWidget(m_info);
    row->addWidget(m_page);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_view, 1);
    m_view->setPlaceholder(tr("No dataset loaded"));
    m_view->setHeightFollowsWidth(false);
    connect(m_page, &QSpinBox::valueChanged, this, &DatasetBrowser::showPage);
    connect(m_view, &ImageView::cellClicked, this, [this](int cell) {
        const int64_t i = int64_t(m_page->value() - 1) * kColumns * kRows + cell;
        if (!m_data.empty() && i < m_data.info().testCount)
            emit picked(i);
    });
}

void DatasetBrowser::setDataset(const Dataset& data)
{
    const bool same = !m_data.empty() && !data.empty() && &m_data.tensors() == &data.tensors();
    m_data = data;
    if (same)
        return;
    const int64_t perPage = kColumns * kRows;
    const QSignalBlocker block(m_page);
    m_page->setRange(1, int(std::max<int64_t>(1, (data.info().testCount + perPage - 1) / perPage)));
    m_page->setValue(1);
    m_info->setText(tr("%1 test images").arg(data.info().testCount));
    showPage();
}

void DatasetBrowser::showPage()
{
    if (m_data.empty())
        return;
    const int64_t perPage = kColumns * kRows;
    auto images = m_data.images(true, int64_t(m_page->value() - 1) * perPage, perPage);
    if (images.empty())
        return;
    // Pad a short last page so cells keep their place.
    while (images.size() < size_t(perPage)) {
        Image blank = images.front();
        std::fill(blank.pixels.begin(), blank.pixels.end(), uint8_t(0));
        images.push_back(blank);
    }
    m_view->setImage(toQImage(makeGrid(images, kColumns)), kColumns, kRows);
}

} // namespace latentlab::ui
