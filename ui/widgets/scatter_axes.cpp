// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/scatter_axes.h"

#include "ui/widgets/latent_scatter.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>

#include <cmath>

namespace latentlab::ui {

namespace {
constexpr int kTsneItem = 2, kUmapItem = 3; // after PCA and dimensions
}

ScatterAxes::ScatterAxes(LatentScatter* scatter, const QString& toolTip, bool offerMaps, QWidget* parent)
    : QWidget(parent), m_scatter(scatter), m_mode(new QComboBox), m_toolTip(toolTip), m_dimX(new QSpinBox), m_dimY(new QSpinBox),
      m_perplexity(new QSpinBox), m_neighbours(new QSpinBox), m_minDist(new QDoubleSpinBox)
{
    m_mode->addItems({tr("PCA"), tr("dimensions")});
#ifdef LATENTLAB_HAVE_TSNE
    if (offerMaps)
        m_mode->addItems({tr("t-SNE"), tr("UMAP")});
#else
    (void)offerMaps;
#endif
    m_mode->setToolTip(toolTip);
    for (QSpinBox* d : {m_dimX, m_dimY}) {
        d->setRange(1, 256);
        d->setToolTip(tr("Latent dimension on this axis"));
    }
    m_dimY->setValue(2);
    const MapSettings defaults;
    m_perplexity->setRange(2, 100);
    m_perplexity->setValue(int(defaults.perplexity));
    m_perplexity->setPrefix(tr("perplexity "));
    m_perplexity->setToolTip(tr("t-SNE: how many neighbours each point weighs (its neighbourhood's effective size); the map restarts"));
    m_neighbours->setRange(2, 200);
    m_neighbours->setValue(defaults.neighbours);
    m_neighbours->setPrefix(tr("neighbours "));
    m_neighbours->setToolTip(tr("UMAP: the size of each point's neighbourhood; more keeps more of the global layout; the map restarts"));
    m_minDist->setRange(0, 0.99);
    m_minDist->setSingleStep(0.05);
    m_minDist->setValue(defaults.minDist);
    m_minDist->setPrefix(tr("min dist "));
    m_minDist->setToolTip(tr("UMAP: how tightly points may pack; small values give tight clusters; the map restarts"));
    // Typing "25" restarts the map once, at Enter or when the box loses focus, not at "2" first.
    m_perplexity->setKeyboardTracking(false);
    m_neighbours->setKeyboardTracking(false);
    m_minDist->setKeyboardTracking(false);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_mode);
    for (QWidget* w : std::initializer_list<QWidget*> {m_dimX, m_dimY, m_perplexity, m_neighbours, m_minDist}) {
        row->addWidget(w);
        w->setVisible(false);
    }
    auto apply = [this] {
        const int mode = m_mode->currentIndex();
        const bool dims = mode == 1;
        // The dimension pickers and a map's settings only take room when they mean something.
        m_dimX->setVisible(dims);
        m_dimY->setVisible(dims);
        m_perplexity->setVisible(mode == kTsneItem);
        m_neighbours->setVisible(mode == kUmapItem);
        m_minDist->setVisible(mode == kUmapItem);
        m_scatter->setDimensions(dims ? m_dimX->value() - 1 : -1, dims ? m_dimY->value() - 1 : -1);
        emit changed();
    };
    connect(m_mode, &QComboBox::currentIndexChanged, this, apply);
    for (QSpinBox* box : {m_dimX, m_dimY, m_perplexity, m_neighbours})
        connect(box, &QSpinBox::valueChanged, this, apply);
    connect(m_minDist, &QDoubleSpinBox::valueChanged, this, apply);
}

void ScatterAxes::setThreeD(bool on, int latent)
{
    const bool code = on && latent > 0 && latent <= 3;
    m_mode->setItemText(0, !on ? tr("PCA") : !code ? tr("PCA, 3 axes") : latent == 1 ? tr("z 1") : tr("z 1-%1").arg(latent));
    if (auto* items = qobject_cast<QStandardItemModel*>(m_mode->model()))
        items->item(1)->setEnabled(!on);
    m_mode->setToolTip(!on ? m_toolTip
                       : code ? tr("3-D view: the code's own values on the axes (a code of fewer than three lies flat), or a 3-D t-SNE or UMAP map")
                              : tr("3-D view: the codes along their top three principal directions, or a 3-D t-SNE or UMAP map"));
    if (on && m_mode->currentIndex() == 1)
        m_mode->setCurrentIndex(0);
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

MapSettings ScatterAxes::map() const
{
    MapSettings m;
    const int mode = m_mode->currentIndex();
    m.method = mode == kTsneItem ? MapSettings::Method::Tsne : mode == kUmapItem ? MapSettings::Method::Umap : MapSettings::Method::Plane;
    m.perplexity = m_perplexity->value();
    m.neighbours = m_neighbours->value();
    m.minDist = m_minDist->value();
    return m;
}

void ScatterAxes::setMap(const MapSettings& map)
{
    {
        const QSignalBlocker blockP(m_perplexity), blockN(m_neighbours), blockD(m_minDist);
        m_perplexity->setValue(int(std::lround(map.perplexity)));
        m_neighbours->setValue(map.neighbours);
        m_minDist->setValue(map.minDist);
    }
    const int item = map.method == MapSettings::Method::Tsne ? kTsneItem : map.method == MapSettings::Method::Umap ? kUmapItem : -1;
    if (item >= 0 && item < m_mode->count())
        m_mode->setCurrentIndex(item);
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
