// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explore/neighbours_panel.h"

#include "ui/models/exploration.h"
#include "ui/models/image_convert.h"
#include "ui/widgets/image_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace latentlab::ui {

NeighboursPanel::NeighboursPanel(Exploration& model, QWidget* parent)
    : QWidget(parent), m_model(model), m_split(new QComboBox), m_k(new QSpinBox), m_view(new ImageView),
      m_distances(new QLabel)
{
    m_split->addItems({tr("test images"), tr("training images")});
    m_split->setToolTip(tr("Search the test images, or the training images (encoded once per model): a decoded point "
                           "that looks just like its nearest training image suggests the model copies its data"));
    m_k->setRange(1, 32);
    m_k->setValue(8);
    m_k->setPrefix(tr("nearest "));
    auto* text = new QLabel(tr("The real images whose codes lie nearest the shown point, nearest first"));
    text->setWordWrap(true);
    auto* row = new QHBoxLayout;
    row->addWidget(text, 1);
    row->addWidget(m_split);
    row->addWidget(m_k);
    m_distances->setWordWrap(true);
    m_view->setPlaceholder(tr("Train a model or open a checkpoint"));
    m_view->setHeightFollowsWidth(false);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_distances);
    connect(m_split, &QComboBox::currentIndexChanged, this, &NeighboursPanel::refresh);
    connect(m_k, &QSpinBox::valueChanged, this, &NeighboursPanel::refresh);
    connect(&m_model.neighbours(), &NearestImages::ready, this, &NeighboursPanel::refresh);
    connect(&m_model, &Exploration::cleared, this, [this] {
        m_view->clear();
        m_distances->clear();
        m_shown.clear();
    });
}

bool NeighboursPanel::training() const { return m_split->currentIndex() == 1; }
void NeighboursPanel::setTraining(bool training) { m_split->setCurrentIndex(training ? 1 : 0); }

void NeighboursPanel::refresh()
{
    if (!m_model.hasModel())
        return;
    const auto found = m_model.neighbours().find(m_model.point().shown(), m_k->value(), training());
    if (found.empty()) {
        m_distances->setText(training() && !m_model.neighbours().trainingCodesReady() ? tr("Encoding the training images…") : QString());
        return;
    }
    std::vector<Image> images;
    QStringList distances;
    m_shown.clear();
    for (const auto& n : found) {
        images.push_back(m_model.data().images(!training(), n.index, 1).front());
        distances << QString::number(double(n.distance), 'f', 2);
        m_shown.push_back(n.index);
    }
    const int columns = int(std::min<size_t>(8, images.size()));
    m_view->setImage(toQImage(makeGrid(images, columns)), columns, int((images.size() + size_t(columns) - 1) / size_t(columns)));
    m_distances->setText(tr("Distances in latent space: %1").arg(distances.join(QStringLiteral(", "))));
}

} // namespace latentlab::ui
