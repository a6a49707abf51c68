// SPDX-License-Identifier: GPL-3.0-or-later
// The Explore view's scatter: its axes row, the zoomed view it shares with the model, and the
// hover tip showing a test image beside its reconstruction.
#include "ui/explore/explore_view.h"

#include "core/export/model_grids.h"
#include "ui/explore/explore_scatter_3d.h"
#include "ui/explore/scatter_modes.h"
#include "ui/explore/scatter_search.h"
#include "ui/models/image_convert.h"
#include "ui/widgets/latent_scatter.h"
#include "ui/widgets/scatter_3d.h"
#include "ui/widgets/scatter_axes.h"

#include <QCheckBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

#include <cmath>

namespace latentlab::ui {

QLayout* ExploreView::buildScatter()
{
    m_scatter = new LatentScatter;
    m_scatter->setPickable(true);
    m_scatter->setZoomable(true);
    m_scatter->setToolTip(tr("Click anywhere (empty regions too) to decode that point; drag to morph. The wheel zooms, "
                             "a right drag pans"));
    m_scatter->setThumbnailSource([this](int i) {
        const Image image = m_model.hasModel() ? m_model.scatterCodes().image(i) : Image();
        return image.pixels.empty() ? QImage() : toQImage(image);
    });
    m_axes = new ScatterAxes(m_scatter,
                             tr("Scatter axes: the top two principal directions, or two chosen latent dimensions (the "
                                "manifold grid spans the same two), or a t-SNE map that keeps neighbours together (it "
                                "converges on a worker thread; a click takes the nearest code)"),
                             true);
    auto* scatterBox = new QVBoxLayout;
    scatterBox->addWidget(m_scatter, 1);
    auto* scatter3d = new ExploreScatter3D(m_model);
    scatterBox->addWidget(scatter3d, 1); // shown instead while the 3-D view is on
    auto* axesRow = new QHBoxLayout;
    axesRow->addWidget(new QLabel(tr("Axes")));
    axesRow->addWidget(m_axes);
    m_modes = new ScatterModes(m_model); // beside the search row (the constructor): here 1024 px were too narrow
    auto* fit = new QPushButton(tr("Fit"));
    fit->setToolTip(tr("Show the whole cloud again after zooming or panning (in 3-D: the first camera again)"));
    connect(fit, &QPushButton::clicked, this, [this, scatter3d] {
        if (m_model.scatter().threeD())
            scatter3d->view()->resetCamera();
        else
            m_scatter->fitToPoints();
    });
    // The view is the model's (sessions keep it): the user's zooms go there, and back from there.
    connect(m_scatter, &LatentScatter::userViewChanged, this, [this] {
        const QCPRange x = m_scatter->xAxis->range(), y = m_scatter->yAxis->range();
        m_model.scatter().setView(m_scatter->zoomed() ? std::vector<float> {float(x.lower), float(x.upper), float(y.lower), float(y.upper)}
                                                   : std::vector<float> {});
    });
    axesRow->addWidget(fit);
    axesRow->addStretch(1);
    scatterBox->addLayout(axesRow);
    m_search = new ScatterSearch(m_model, *m_scatter); // placed across the images and the scatter (the constructor)
    return scatterBox;
}

void ExploreView::applyScatterView()
{
    const std::vector<float>& v = m_model.scatter().view();
    if (v.size() != 4) {
        if (m_scatter->zoomed())
            m_scatter->fitToPoints();
        return;
    }
    const QCPRange x = m_scatter->xAxis->range(), y = m_scatter->yAxis->range();
    const double tolerance = 1e-5 * (x.size() + y.size());
    const bool same = std::abs(x.lower - v[0]) + std::abs(x.upper - v[1]) + std::abs(y.lower - v[2]) + std::abs(y.upper - v[3]) < tolerance;
    if (!m_scatter->zoomed() || !same) // the user's own zoom comes back here rounded to floats: no replot for that
        m_scatter->setView(QCPRange(v[0], v[1]), QCPRange(v[2], v[3]));
}

void ExploreView::showScatter()
{
    const auto [x, y] = m_model.scatter().dimensions();
    const ScatterLayout& layout = m_model.scatter();
    const bool map = layout.mapped() && !layout.mapPoints().empty();
    const int mapAxes = layout.map().method == MapSettings::Method::Umap ? LatentScatter::kUmapAxes : LatentScatter::kTsneAxes;
    m_modes->sync();
    m_scatter->setVisible(!layout.threeD());
    if (!layout.threeD()) { // hidden, it is not drawn (70,000 codes take 20 ms): it is drawn again when shown
        m_scatter->setThumbnailsShown(m_model.scatter().thumbnails());
        m_scatter->setHighlight(m_model.selection().highlighted(), m_model.selection().isolated());
        m_scatter->showProjected(m_model.codes(), m_model.classNames(), m_model.point().colourAttribute(), m_model.scatter().shownProjection(),
                                 map ? mapAxes : x - 1, map ? mapAxes : y - 1);
    }
    const QSignalBlocker block(m_axes);
    m_axes->setThreeD(layout.threeD(), layout.codes().dim);
    if (layout.mapped())
        m_axes->setMap(layout.map());
    else if (x > 0 && !layout.threeD())
        m_axes->setDimensions(x, y);
    else
        m_axes->usePrincipalDirections();
}

void ExploreView::showHover(int index, const QPoint& global)
{
    const LatentCodes& codes = m_model.codes();
    if (!m_model.hasModel() || index < 0 || index >= codes.count() || m_model.scatterCodes().image(index).pixels.empty())
        return;
    m_hoverIndex = index;
    m_hoverAt = global;
    const std::vector<float> code(codes.values.begin() + int64_t(index) * codes.dim, codes.values.begin() + int64_t(index + 1) * codes.dim);
    m_model.requestDecode({kChannelHover, code, 1, conditionOfCode(m_model.model().info(), codes, index), Model()});
    showHoverTip(QImage()); // the test image at once; its reconstruction when decoded
}

// Below right of the pointer, flipped to its left or above where the tip would leave the screen.
QPoint ExploreView::hoverTipPosition(const QPoint& pointer, const QSize& tip) const
{
    const QScreen* screen = QGuiApplication::screenAt(pointer);
    const QRect area = screen ? screen->availableGeometry() : (this->screen() ? this->screen()->availableGeometry() : QRect());
    QPoint at = pointer + QPoint(16, 16);
    if (area.isValid()) {
        if (at.x() + tip.width() > area.right())
            at.setX(pointer.x() - 16 - tip.width());
        if (at.y() + tip.height() > area.bottom())
            at.setY(pointer.y() - 16 - tip.height());
        at.setX(std::max(at.x(), area.left()));
        at.setY(std::max(at.y(), area.top()));
    }
    return at;
}

void ExploreView::showHoverTip(const QImage& reconstruction)
{
    const Image shown = m_model.scatterCodes().image(m_hoverIndex);
    if (shown.pixels.empty())
        return;
    const QImage image = toQImage(shown);
    constexpr int kSide = 96, kGap = 4, kBand = 18;
    QImage canvas(2 * kSide + kGap, kSide + kBand, QImage::Format_RGB32);
    canvas.fill(palette().color(QPalette::ToolTipBase));
    QPainter p(&canvas);
    p.drawImage(QRect(0, 0, kSide, kSide), image);
    if (!reconstruction.isNull())
        p.drawImage(QRect(kSide + kGap, 0, kSide, kSide), reconstruction);
    p.setPen(palette().color(QPalette::ToolTipText));
    const auto& labels = m_model.codes().labels;
    const int label = size_t(m_hoverIndex) < labels.size() ? labels[size_t(m_hoverIndex)] : -1;
    const auto& names = m_model.classNames();
    const QString name = label >= 0 && size_t(label) < names.size() ? QString::fromStdString(names[size_t(label)]) : QString();
    const ScatterCodes& which = m_model.scatterCodes();
    const QString what = which.isTraining(m_hoverIndex) ? tr("training image %1 %2 | rebuilt").arg(m_hoverIndex - which.testCount())
                                                        : tr("test image %1 %2 | rebuilt").arg(m_hoverIndex);
    p.drawText(QRect(0, kSide, canvas.width(), kBand), Qt::AlignCenter,
               what.arg(name.isEmpty() ? QString() : QStringLiteral("(%1)").arg(name)));
    p.end();
    m_hoverTip->setPixmap(QPixmap::fromImage(canvas));
    m_hoverTip->adjustSize();
    m_hoverTip->move(hoverTipPosition(m_hoverAt, m_hoverTip->size()));
    m_hoverTip->show();
}

} // namespace latentlab::ui
