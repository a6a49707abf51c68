// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/scatter_axes.h"

#include "ui/widgets/latent_scatter.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QSpinBox>

namespace latentlab::ui {

ScatterAxes::ScatterAxes(LatentScatter* scatter, const QString& toolTip, bool offerTsne, QWidget* parent)
    : QWidget(parent), m_scatter(scatter), m_mode(new QComboBox), m_dimX(new QSpinBox), m_dimY(new QSpinBox)
{
    m_mode->addItems({tr("PCA"), tr("dimensions")});
#ifdef LATENTLAB_HAVE_TSNE
    if (offerTsne)
        m_mode->addItem(tr("t-SNE"));
#else
    (void)offerTsne;
#endif
    m_mode->setToolTip(toolTip);
    for (QSpinBox* d : {m_dimX, m_dimY}) {
        d->setRange(1, 256);
        d->setVisible(false);
        d->setToolTip(tr("Latent dimension on this axis"));
    }
    m_dimY->setValue(2);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_mode);
    row->addWidget(m_dimX);
    row->addWidget(m_dimY);
    auto apply = [this] {
        const bool dims = m_mode->currentIndex() == 1;
        // The dimension pickers only take room when they mean something.
        m_dimX->setVisible(dims);
        m_dimY->setVisible(dims);
        m_scatter->setDimensions(dims ? m_dimX->value() - 1 : -1, dims ? m_dimY->value() - 1 : -1);
        emit changed();
    };
    connect(m_mode, &QComboBox::currentIndexChanged, this, apply);
    connect(m_dimX, &QSpinBox::valueChanged, this, apply);
    connect(m_dimY, &QSpinBox::valueChanged, this, apply);
}

void ScatterAxes::setDimensions(int dimX, int dimY)
{
    m_dimX->setValue(dimX);
    m_dimY->setValue(dimY);
    m_mode->setCurrentIndex(1);
}

void ScatterAxes::usePrincipalDirections()
{
    m_mode->setCurrentIndex(0);
}

bool ScatterAxes::tsne() const { return m_mode->currentIndex() == 2; }

void ScatterAxes::useTsne()
{
    if (m_mode->count() > 2)
        m_mode->setCurrentIndex(2);
}

std::pair<int, int> ScatterAxes::dimensions() const
{
    if (m_mode->currentIndex() != 1)
        return {0, 0};
    return {m_dimX->value(), m_dimY->value()};
}

void ScatterAxes::setLatentSize(int latent)
{
    m_dimX->setMaximum(latent);
    m_dimY->setMaximum(latent);
}

} // namespace latentlab::ui
