// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explore/scatter_modes.h"

#include "ui/models/exploration.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QSignalBlocker>

namespace latentlab::ui {

ScatterModes::ScatterModes(Exploration& model, QWidget* parent)
    : QWidget(parent), m_model(model), m_thumbnails(new QCheckBox(tr("Images"))), m_threeD(new QCheckBox(tr("3-D"))),
      m_allCodes(new QCheckBox(tr("All codes")))
{
    m_thumbnails->setObjectName(QStringLiteral("scatterThumbnails"));
    m_thumbnails->setToolTip(tr("Zoomed in (the wheel; a right drag pans), draw each point as its image, framed in its "
                                "class colour"));
    m_threeD->setObjectName(QStringLiteral("scatter3d"));
    m_threeD->setToolTip(tr("Show the codes in three dimensions: a 3-D code as it is, a larger one along its top three "
                            "principal directions, or a 3-D t-SNE or UMAP map. A left drag rotates, the wheel zooms, a click on a "
                            "point decodes it"));
    m_allCodes->setObjectName(QStringLiteral("scatterAllCodes"));
    m_allCodes->setToolTip(tr("Show the training images' codes too, after the test images' (encoded once per model); "
                              "the images, the hover and the maps follow"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_thumbnails);
    row->addWidget(m_threeD);
    row->addWidget(m_allCodes);
    connect(m_thumbnails, &QCheckBox::toggled, &m_model.scatter(), &ScatterLayout::setThumbnails);
    connect(m_threeD, &QCheckBox::toggled, &m_model.scatter(), &ScatterLayout::setThreeD);
    connect(m_allCodes, &QCheckBox::toggled, &m_model.scatterCodes(), &ScatterCodes::setAll);
}

void ScatterModes::sync()
{
    const QSignalBlocker a(m_thumbnails), b(m_threeD), c(m_allCodes);
    m_thumbnails->setChecked(m_model.scatter().thumbnails());
    m_threeD->setChecked(m_model.scatter().threeD());
    m_allCodes->setChecked(m_model.scatterCodes().all());
}

} // namespace latentlab::ui
