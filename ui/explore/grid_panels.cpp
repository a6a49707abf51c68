// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explore/grid_panels.h"

#include "ui/models/exploration.h"
#include "ui/widgets/image_view.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace latentlab::ui {

GridPanel::GridPanel(Exploration& model, int channel, QWidget* parent)
    : QWidget(parent), m_model(model), m_channel(channel), m_view(new ImageView)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4); // the tab page's frame is margin enough: the height goes to the tiles
    m_controls = new QWidget;
    new QHBoxLayout(m_controls);
    m_controls->layout()->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_controls);
    layout->addWidget(m_view, 1);
    m_view->setHeightFollowsWidth(false); // the grid fills what the tab gives it
    m_view->setPlaceholder(tr("Train a model or open a checkpoint"));
    connect(&model, &Exploration::imageDecoded, this, [this](const DecodedImage& d) {
        if (d.channel == m_channel)
            m_view->setImage(d.image, d.columns, d.rows);
    });
    connect(&model, &Exploration::cleared, this, [this] {
        m_view->clear();
        m_codes.clear();
        m_last = ExploreState();
    });
    m_view->installEventFilter(this);
}

void GridPanel::setMinimumTile(int pixels)
{
    m_minimumTile = std::max(0, pixels);
    m_view->setMinimumCell(m_minimumTile); // large tiles before square pixels (the grid is fitted: no column is cut)
    // The grid's settings and explanation give their height to the tiles (the lesson's caption
    // explains the view), and a "grid 12" box would misname a fitted 4 x 4 grid.
    m_controls->setVisible(m_minimumTile == 0);
    if (isVisible())
        refresh(m_last);
}

bool GridPanel::eventFilter(QObject* watched, QEvent* event)
{
    // Resized with a minimum tile size, the grid may fit more or fewer tiles: decode it again.
    if (watched == m_view && event->type() == QEvent::Resize && m_minimumTile > 0 && isVisible()) {
        // Only when another count of tiles fits: a window settling pixel by pixel decodes once.
        if (tilesThatFit() != m_fitted)
            refresh(m_last);
    }
    return QWidget::eventFilter(watched, event);
}

int GridPanel::fitColumns(int wanted, int least, int margin) const
{
    if (m_minimumTile <= 0)
        return wanted;
    return std::clamp((m_view->width() - 2 * margin) / (m_minimumTile + 2), least, std::max(least, wanted));
}

int GridPanel::fitRows(int wanted, int least) const
{
    if (m_minimumTile <= 0)
        return wanted;
    return std::clamp(m_view->height() / (m_minimumTile + 2), least, std::max(least, wanted));
}

QSize GridPanel::tilesThatFit() const { return {fitColumns(1 << 20), fitRows(1 << 20)}; }

QLayout* GridPanel::controls() const { return m_controls->layout(); }

QLabel* GridPanel::explanation(const QString& text)
{
    auto* label = new QLabel(text);
    label->setWordWrap(true); // wraps on small screens instead of widening the window
    return label;
}

void GridPanel::refresh(const ExploreState& state)
{
    m_last = state;
    m_fitted = tilesThatFit();
    if (!state.ready())
        return;
    Grid g = grid(state);
    if (g.columns <= 0 || g.codes.empty())
        return;
    m_view->setRowLabels(g.rowLabels);
    m_codes = g.codes;
    m_model.requestDecode({m_channel, std::move(g.codes), g.columns, std::move(g.condition), Model()});
}

QImage GridPanel::imageNow(const ExploreState& state) const
{
    if (!state.ready())
        return {};
    const Grid g = grid(state);
    if (g.columns <= 0 || g.codes.empty())
        return {};
    // A copy of the weights: the decode thread keeps its snapshot to itself.
    return decodeToImage(state.model.cloneToCpu(), g.codes, g.columns, g.condition);
}

SampleGridPanel::SampleGridPanel(Exploration& model, QWidget* parent) : GridPanel(model, kChannelSamples, parent), m_n(new QSpinBox)
{
    m_n->setRange(2, 16);
    m_n->setValue(8);
    m_n->setPrefix(tr("grid "));
    m_n->setToolTip(tr("N x N random samples"));
    auto* reseed = new QPushButton(tr("New seed"));
    reseed->setToolTip(tr("Draw new random codes"));
    auto* row = static_cast<QHBoxLayout*>(controls());
    row->addWidget(explanation(tr("Random samples from the prior (VAE) or from the codes' spread (AE)")), 1);
    row->addWidget(m_n);
    row->addWidget(reseed);
    connect(reseed, &QPushButton::clicked, this, [this] {
        ++m_seed;
        refresh(m_last);
    });
    connect(m_n, &QSpinBox::valueChanged, this, [this] { refresh(m_last); });
}

GridPanel::Grid SampleGridPanel::grid(const ExploreState& s) const
{
    const int k = s.model.info().latentDim(), n = std::min(fitColumns(m_n->value()), fitRows(m_n->value(), 2));
    std::vector<float> mean(size_t(k), 0.0f), sd(size_t(k), 1.0f);
    // A plain autoencoder has no prior: sample from a Gaussian fitted to its codes.
    if (s.model.info().config.model.kind == ModelKind::Autoencoder && s.codes.count() > 1)
        codeStatistics(s.codes.values, s.codes.dim, mean, sd);
    return {gaussianCodes(n * n, mean, sd, m_seed), n, s.condition, {}};
}

TraversalPanel::TraversalPanel(Exploration& model, QWidget* parent)
    : GridPanel(model, kChannelTraversal, parent), m_rows(new QSpinBox), m_steps(new QSpinBox)
{
    m_rows->setRange(1, 32);
    m_rows->setValue(ExplorePoint::kPrincipalSliders); // every axis of a 10-d model, the top 10 of larger ones
    m_rows->setPrefix(tr("rows "));
    m_rows->setToolTip(tr("How many slider axes to traverse (one per row)"));
    m_steps->setRange(3, 21);
    m_steps->setValue(9);
    m_steps->setPrefix(tr("steps "));
    auto* row = static_cast<QHBoxLayout*>(controls());
    row->addWidget(explanation(tr("Each row sweeps one slider axis from -3 to +3 standard deviations around the current point")), 1);
    row->addWidget(m_rows);
    row->addWidget(m_steps);
    connect(m_rows, &QSpinBox::valueChanged, this, [this] { refresh(m_last); });
    connect(m_steps, &QSpinBox::valueChanged, this, [this] { refresh(m_last); });
}

GridPanel::Grid TraversalPanel::grid(const ExploreState& s) const
{
    if (s.basis.count() == 0)
        return {};
    std::vector<int> axes;
    QStringList labels;
    for (int a = 0; a < std::min(fitRows(m_rows->value()), s.basis.count()); ++a) {
        axes.push_back(a);
        labels << (m_model.point().principal() ? tr("PC %1") : tr("z %1")).arg(a + 1); // as the sliders name them
    }
    // Room for the row labels (ImageView draws them left of the grid and keeps it centred).
    const int margin = m_view->labelWidthFor(labels);
    int steps = fitColumns(m_steps->value(), 3, margin);
    if (steps < m_steps->value() && steps % 2 == 0)
        --steps; // an odd count keeps the current point in the middle column
    return {basisTraversal(s.basis, s.point, axes, steps, 3.0f), steps, s.condition, labels};
}

ManifoldPanel::ManifoldPanel(Exploration& model, QWidget* parent) : GridPanel(model, kChannelManifold, parent), m_n(new QSpinBox)
{
    m_n->setRange(2, 30);
    m_n->setValue(12);
    m_n->setPrefix(tr("grid "));
    auto* row = static_cast<QHBoxLayout*>(controls());
    row->addWidget(explanation(tr("Decodes an N x N grid over the scatter's visible region (its two axes, through the current point)")), 1);
    row->addWidget(m_n);
    connect(m_n, &QSpinBox::valueChanged, this, [this] { refresh(m_last); });
}

GridPanel::Grid ManifoldPanel::grid(const ExploreState& s) const
{
    const Projection2D& p = s.projection;
    if (p.axis1.size() != s.point.size())
        return {};
    // The plane through the current point spanned by the scatter's axes, in plot coordinates.
    std::vector<float> origin = s.point;
    double px = 0, py = 0;
    projectPoint(p, origin, px, py);
    for (size_t k = 0; k < origin.size(); ++k)
        origin[k] -= float(px * p.axis1[k] + py * p.axis2[k]);
    const int n = std::min(fitColumns(m_n->value()), fitRows(m_n->value(), 2));
    return {manifoldGrid(origin, p.axis1, p.axis2, n, float(s.xMin), float(s.xMax), float(s.yMin), float(s.yMax)), n, s.condition, {}};
}

} // namespace latentlab::ui
