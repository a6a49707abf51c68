// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explore/explore_scatter_3d.h"

#include "ui/models/exploration.h"
#include "ui/widgets/latent_scatter.h"
#include "ui/widgets/scatter_3d.h"

#include <QVBoxLayout>

namespace latentlab::ui {

ExploreScatter3D::ExploreScatter3D(Exploration& model, QWidget* parent) : QWidget(parent), m_model(model), m_view(new Scatter3D)
{
    auto* box = new QVBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    box->addWidget(m_view);
    setVisible(false);
    connect(&m_model, &Exploration::scatterChanged, this, &ExploreScatter3D::showCodes);
    connect(&m_model, &Exploration::pointChanged, this, &ExploreScatter3D::showPoint);
    connect(&m_model, &Exploration::cleared, m_view, &Scatter3D::clear);
    connect(m_view, &Scatter3D::pointClicked, &m_model, &Exploration::pickCode);
    ScatterLayout& layout = m_model.scatter();
    connect(m_view, &Scatter3D::cameraChanged, this, [this, &layout] {
        const auto c = m_view->camera();
        layout.setCamera3({c[0], c[1], c[2]});
    });
    connect(&layout, &ScatterLayout::cameraChanged, this, [this, &layout] {
        const std::vector<float>& c = layout.camera3();
        if (c.size() == 3)
            m_view->setCamera({c[0], c[1], c[2]});
    });
}

void ExploreScatter3D::showCodes()
{
    const ScatterLayout& layout = m_model.scatter();
    setVisible(layout.threeD());
    if (!layout.threeD())
        return;
    const LatentCodes& codes = layout.codes();
    const CodeGroups g = codeGroups(codes, m_model.classNames(), m_model.point().colourAttribute());
    QStringList names;
    for (const std::string& name : g.names)
        names << QString::fromStdString(name);
    m_view->setPoints(layout.shownPoints3(), g.group, names, g.colours, layout.axisTitles3(), m_model.selection().highlighted(),
                      m_model.selection().isolated());
    showPoint();
}

void ExploreScatter3D::showPoint()
{
    if (m_model.scatter().threeD() && m_model.hasModel())
        m_view->setMarker(m_model.scatter().project3(m_model.point().shown()));
}

} // namespace latentlab::ui
