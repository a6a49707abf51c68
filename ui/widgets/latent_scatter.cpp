// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/latent_scatter.h"

#include "ui/widgets/plot_style.h"

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {
// Classes take their tab10 colour; an attribute's two groups are blue (without) and red (with).
QColor groupColour(int group, bool byAttribute)
{
    return byAttribute ? (group ? QColor(214, 39, 40) : QColor(31, 119, 180)) : classColor(group);
}
} // namespace

CodeGroups codeGroups(const LatentCodes& codes, const std::vector<std::string>& classNames, int colourAttribute)
{
    const int64_t n = codes.count();
    const size_t nAttr = codes.attributeNames.size();
    CodeGroups g;
    g.byAttribute = colourAttribute >= 0 && size_t(colourAttribute) < nAttr && codes.attributes.size() == size_t(n) * nAttr;
    g.names = classNames;
    if (g.byAttribute) {
        const std::string& a = codes.attributeNames[size_t(colourAttribute)];
        g.names = {"not " + a, a};
    }
    if (g.names.empty())
        g.names = {"0"}; // one group, named as its legend entry always was
    const int groups = int(g.names.size());
    g.group.resize(size_t(n));
    for (int64_t i = 0; i < n; ++i) {
        const int k = g.byAttribute ? (codes.attributes[size_t(i) * nAttr + size_t(colourAttribute)] > 0.5f ? 1 : 0)
                                    : (codes.labels.size() == size_t(n) ? codes.labels[size_t(i)] : 0);
        g.group[size_t(i)] = std::clamp(k, 0, groups - 1);
    }
    for (int c = 0; c < groups; ++c)
        g.colours.push_back(groupColour(c, g.byAttribute));
    return g;
}

LatentScatter::LatentScatter(QWidget* parent) : QCustomPlot(parent), m_thumbnails(new ScatterThumbnails(this))
{
    setToolTip(tr("Test-set latent means, projected to 2-D by PCA, coloured by class"));
    xAxis->setLabel(tr("PC 1"));
    yAxis->setLabel(tr("PC 2"));
    legend->setVisible(false); // until there are codes: an empty legend box says nothing
    // Beside the plot, at its top, not over it: the legend never hides points.
    axisRect()->insetLayout()->take(legend);
    m_side = new QCPLayoutGrid;
    plotLayout()->addElement(0, 1, m_side);
    plotLayout()->setColumnStretchFactor(1, 0.001);
    m_side->addElement(0, 0, legend);
    m_side->addElement(1, 0, new QCPLayoutElement(this)); // takes the height below the legend
    m_side->setRowStretchFactor(0, 0.001);
    m_side->setMargins(QMargins(0, 6, 6, 0)); // the legend's frame clear of the widget's edge
    legend->setMargins(QMargins(4, 2, 4, 2));
    legend->setRowSpacing(0);
    legend->setFillOrder(QCPLegend::foColumnsFirst, true);
    legend->setWrap(1);
    connect(this, &QCustomPlot::beforeReplot, this, &LatentScatter::placeLegend);
    setNotAntialiasedElements(QCP::aeAll); // thousands of points: speed over smoothness
    setMinimumSize(240, 180);
    applyPalette(this);
    keepTickLabelsApart(this);
    applyFonts(this);
}

void LatentScatter::setLegendShown(bool shown)
{
    m_legendShown = shown;
    if (!shown && m_side) { // no empty column beside small plots (Compare)
        plotLayout()->take(m_side);
        plotLayout()->simplify();
        delete m_side; // and the legend inside it (QCustomPlot then sets `legend` to null)
        m_side = nullptr;
    }
}

void LatentScatter::placeLegend()
{
    if (!m_side || !legend || !legend->visible())
        return;
    // The legend goes where it leaves the plot's shorter side longer (beside it in a wide or a short
    // widget, a 1024x700 projector's; below it in a narrow tall one), if the axes fit beside it.
    const QMargins m = legend->margins();
    const int legendWidth = legendEntries(legend).width() + m.left() + m.right() + 6;
    const int legendHeight = legendHeightIn(legend, width() - 10) + m.top() + m.bottom() + 5;
    const int besideWidth = width() - legendWidth, axesWidth = axisRect()->minimumOuterSizeHint().width() + 40;
    const bool beside = besideWidth >= axesWidth && std::min(besideWidth, height()) >= std::min(width(), height() - legendHeight);
    if (beside != m_legendBeside) {
        plotLayout()->take(m_side);
        plotLayout()->simplify();
        if (beside) {
            plotLayout()->addElement(0, 1, m_side);
            plotLayout()->setColumnStretchFactor(1, 0.001);
            m_side->setMargins(QMargins(0, 6, 6, 0));
        } else {
            plotLayout()->addElement(1, 0, m_side);
            plotLayout()->setRowStretchFactor(1, 0.001);
            m_side->setMargins(QMargins(5, 0, 5, 5));
        }
        m_legendBeside = beside;
    }
    setLegendColumns(legend, beside ? 1 : width() - 10);
}

QPointF LatentScatter::project(const std::vector<float>& z) const
{
    double x = 0, y = 0;
    if (!projectPoint(m_projection, z, x, y))
        return {qQNaN(), qQNaN()};
    return {x, y};
}

void LatentScatter::setMarker(const QPointF& at)
{
    if (!m_marker) {
        m_marker = new QCPItemTracer(this);
        m_marker->setStyle(QCPItemTracer::tsCircle);
        m_marker->setSize(14);
        m_marker->setPen(QPen(palette().color(QPalette::WindowText), 2.5));
        m_marker->setBrush(QColor(255, 255, 255, 90));
        m_marker->position->setType(QCPItemPosition::ptPlotCoords);
        m_marker->setLayer(m_thumbnails->layer()); // added after the thumbnails: drawn over them
    }
    const bool ok = std::isfinite(at.x()) && std::isfinite(at.y());
    m_marker->setVisible(ok);
    if (ok)
        m_marker->position->setCoords(at.x(), at.y());
    replot(QCustomPlot::rpQueuedReplot);
}

void LatentScatter::setThumbnailsShown(bool shown)
{
    m_thumbnails->setShown(shown);
    replot(QCustomPlot::rpQueuedReplot);
}

void LatentScatter::clearAll()
{
    clearGraphs();
    m_dimmed = nullptr; // deleted with the others
    if (legend)
        legend->setVisible(false);
    m_groupKey.clear();
    m_thumbnails->setPoints({}, {}, {});
    m_userRange = false;
    m_x = m_y = QCPRange(); // the next codes set the range afresh
    replot(QCustomPlot::rpQueuedReplot);
}

void LatentScatter::setCodes(const LatentCodes& codes, const std::vector<std::string>& classNamesIn, int colourAttribute)
{
    if (codes.count() == 0)
        return;
    const bool chosen = m_dimX >= 0 && m_dimX < codes.dim && m_dimY >= 0 && m_dimY < codes.dim;
    // PCA with its deterministic sign, as the Explore tab's scatter: the two tabs show the same map.
    const Projection2D p = chosen ? projectDims(codes.values, codes.dim, m_dimX, m_dimY) : projectPca(codes.values, codes.dim);
    showProjected(codes, classNamesIn, colourAttribute, p, m_dimX, m_dimY);
}

void LatentScatter::labelAxes(bool chosenDimensions, int latentDim)
{
    if (chosenDimensions) {
        xAxis->setLabel(tr("z %1").arg(m_dimX + 1));
        yAxis->setLabel(tr("z %1").arg(m_dimY + 1));
    } else if (m_dimX == kTsneAxes) {
        xAxis->setLabel(tr("t-SNE 1"));
        yAxis->setLabel(tr("t-SNE 2"));
    } else if (m_dimX == kUmapAxes) {
        xAxis->setLabel(tr("UMAP 1"));
        yAxis->setLabel(tr("UMAP 2"));
    } else {
        xAxis->setLabel(latentDim <= 2 ? tr("z 1") : tr("PC 1"));
        yAxis->setLabel(latentDim <= 1 ? QString() : latentDim == 2 ? tr("z 2") : tr("PC 2"));
    }
}

void LatentScatter::showProjected(const LatentCodes& codes, const std::vector<std::string>& classNamesIn, int colourAttribute,
                                  const Projection2D& p, int dimX, int dimY)
{
    const int64_t n = codes.count();
    if (n == 0 || p.points.size() != size_t(2 * n))
        return;
    m_dimX = dimX;
    m_dimY = dimY;
    const bool chosen = m_dimX >= 0 && m_dimX < codes.dim && m_dimY >= 0 && m_dimY < codes.dim;
    CodeGroups g = codeGroups(codes, classNamesIn, colourAttribute);
    const bool byAttribute = g.byAttribute;
    const std::vector<std::string>& classNames = g.names;
    // Colour groups are rebuilt when what they mean changes.
    const QString key = QString::number(byAttribute ? colourAttribute : -1) + QLatin1Char('/') + QString::number(classNames.size());
    if (key != m_groupKey) {
        clearGraphs();
        m_dimmed = nullptr; // deleted with the others
        m_groupKey = key;
    }
    m_projection = p;
    labelAxes(chosen, codes.dim);
    const int classes = int(classNames.size());
    std::vector<int>& groups = g.group;
    if (m_highlight.flags.size() != size_t(n))
        m_highlight.flags.clear();
    const int64_t step = std::max<int64_t>(1, (n + kMaxPoints - 1) / kMaxPoints);
    const PlaneBox box = pointBounds(p.points, size_t(step)); // the points drawn
    ensureGraphs(classNames, byAttribute);
    drawDots(p.points, groups, classes, step);
    if (legend)
        legend->setVisible(m_legendShown);
    std::vector<float> where = p.points;
    for (int64_t i = 0; i < n; ++i)
        if (hidden(size_t(i))) // isolated away: no thumbnail either
            where[size_t(2 * i)] = where[size_t(2 * i + 1)] = qQNaN();
    m_thumbnails->setPoints(where, std::move(groups), std::move(g.colours));
    if (!m_userRange)
        fitRange(box.minX, box.maxX, box.minY, box.maxY);
    replot(QCustomPlot::rpQueuedReplot);
}

void LatentScatter::setHighlight(std::vector<char> highlighted, bool isolate)
{
    m_highlight.flags = std::move(highlighted);
    m_highlight.isolate = isolate && !m_highlight.flags.empty();
}

void LatentScatter::drawDots(const std::vector<float>& xy, const std::vector<int>& groups, int classes, int64_t step)
{
    std::vector<QVector<double>> xs(classes), ys(classes);
    QVector<double> greyX, greyY; // not highlighted
    const bool all = m_highlight.flags.empty();
    for (size_t i = 0; i < groups.size(); i += size_t(step)) {
        if (all || m_highlight.flags[i]) {
            xs[groups[i]].push_back(xy[2 * i]);
            ys[groups[i]].push_back(xy[2 * i + 1]);
        } else if (!m_highlight.isolate) {
            greyX.push_back(xy[2 * i]);
            greyY.push_back(xy[2 * i + 1]);
        }
    }
    for (int c = 0; c < classes; ++c)
        graph(c)->setData(xs[c], ys[c]);
    if (greyX.isEmpty()) {
        if (m_dimmed)
            removeGraph(m_dimmed);
        m_dimmed = nullptr;
        return;
    }
    if (!m_dimmed) { // added after the classes' graphs: graph(c) stays class c's
        m_dimmed = addGraph();
        m_dimmed->setLineStyle(QCPGraph::lsNone);
        m_dimmed->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(200, 200, 200), 4));
        m_dimmed->removeFromLegend();
        m_dimmed->setLayer(QStringLiteral("grid")); // beneath the highlighted points
        m_dimmed->setAdaptiveSampling(true);
    }
    m_dimmed->setData(greyX, greyY);
}

void LatentScatter::ensureGraphs(const std::vector<std::string>& classNames, bool byAttribute)
{
    const int classes = std::max<int>(1, int(classNames.size()));
    // Graphs are reused so each class keeps its colour and legend entry.
    while (graphCount() < classes) {
        const int c = graphCount();
        QCPGraph* g = addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        // A pre-rendered dot: blitting a pixmap is several times faster than drawing 10,000 ellipses.
        QPixmap dot(5, 5);
        dot.fill(Qt::transparent);
        {
            QPainter p(&dot);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(Qt::NoPen);
            p.setBrush(groupColour(c, byAttribute));
            p.drawEllipse(QRectF(0.5, 0.5, 4, 4));
        }
        g->setScatterStyle(QCPScatterStyle(dot));
        g->setName(c < int(classNames.size()) ? QString::fromStdString(classNames[c]) : QString::number(c));
        g->setAdaptiveSampling(true);
    }
}

void LatentScatter::fitRange(double minX, double maxX, double minY, double maxY)
{
    // Blend the new range with the old one so the axes glide instead of jumping.
    const double padX = (maxX - minX) * 0.05 + 1e-6, padY = (maxY - minY) * 0.05 + 1e-6;
    QCPRange nx(minX - padX, maxX + padX), ny(minY - padY, maxY + padY);
    if (m_x.size() > 0) {
        nx = QCPRange(0.5 * (nx.lower + m_x.lower), 0.5 * (nx.upper + m_x.upper));
        ny = QCPRange(0.5 * (ny.lower + m_y.lower), 0.5 * (ny.upper + m_y.upper));
        nx.expand(QCPRange(minX, maxX));
        ny.expand(QCPRange(minY, maxY));
    }
    m_x = nx;
    m_y = ny;
    xAxis->setRange(m_x);
    yAxis->setRange(m_y);
}

} // namespace latentlab::ui
