// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explore/compare_panel.h"

#include "ui/models/exploration.h"
#include "ui/widgets/image_view.h"
#include "ui/widgets/latent_scatter.h"

#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace latentlab::ui {

ComparePanel::ComparePanel(Exploration& model, QWidget* parent)
    : QWidget(parent), m_model(model), m_grid(new QGridLayout), m_hint(new QLabel)
{
    auto* add = new QPushButton(tr("Add checkpoint…"));
    add->setToolTip(tr("Compare up to three models trained on this dataset (for example an AE, a VAE and a CVAE)"));
    auto* clear = new QPushButton(tr("Clear"));
    auto* row = new QHBoxLayout;
    m_hint->setText(tr("The same latent point decoded by each model, and where it falls in each model's latent space."));
    m_hint->setWordWrap(true);
    row->addWidget(m_hint, 1);
    row->addWidget(add);
    row->addWidget(clear);
    // The columns scroll instead of widening the window (three of them do not fit a small screen).
    auto* columns = new QWidget;
    columns->setLayout(m_grid);
    auto* scroll = new QScrollArea;
    scroll->setWidget(columns);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(scroll, 1);
    connect(add, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Add checkpoint to compare"));
        if (path.isEmpty())
            return;
        const QString problem = addCheckpoint(path);
        if (!problem.isEmpty())
            QMessageBox::warning(this, tr("Compare"), problem);
    });
    connect(clear, &QPushButton::clicked, &m_model.comparisons(), &Comparisons::clear);
    connect(&m_model.comparisons(), &Comparisons::changed, this, &ComparePanel::showComparisons);
    connect(&m_model, &Exploration::cleared, this, &ComparePanel::showComparisons);
    connect(&m_model, &Exploration::imageDecoded, this, [this](const DecodedImage& d) {
        const int column = (d.channel - kChannelCompare) / 2;
        if (d.channel >= kChannelCompare && (d.channel - kChannelCompare) % 2 == 0 && column < columnCount())
            m_columns[size_t(column)].view->setImage(d.image);
    });
}

QString ComparePanel::addCheckpoint(const QString& path) { return m_model.comparisons().add(path); }

QString ComparePanel::columnTitle(int column) const { return m_columns[size_t(column)].title->text(); }

void ComparePanel::showComparisons()
{
    const auto& compared = m_model.comparisons().list();
    if (compared.size() < m_columns.size()) { // cleared: columns are only ever added one by one
        for (Column& c : m_columns) {
            delete c.title;
            delete c.view;
            delete c.scatter;
        }
        m_columns.clear();
    }
    while (m_columns.size() < compared.size()) {
        const Comparison& m = compared[m_columns.size()];
        const ModelInfo& mi = m.model.info();
        Column c;
        // A run folder's checkpoint is called "checkpoint": name the run instead.
        const QFileInfo file(m.path);
        const QString name = file.fileName() == QLatin1String("checkpoint") ? file.dir().dirName() : file.fileName();
        c.title = new QLabel(tr("<b>%1</b><br>%2, latent %3, %4 epochs")
                                 .arg(name.toHtmlEscaped(),
                                      QString::fromStdString(toString(mi.config.model.kind)))
                                 .arg(mi.latentDim())
                                 .arg(mi.epoch));
        c.view = new ImageView;
        c.view->setMinimumSize(128, 128);
        c.scatter = new LatentScatter;
        c.scatter->setMinimumSize(220, 200);
        c.scatter->setLegendShown(false);
        const int col = int(m_columns.size());
        m_grid->addWidget(c.title, 0, col);
        m_grid->addWidget(c.view, 1, col);
        m_grid->addWidget(c.scatter, 2, col);
        m_columns.push_back(c);
        decodeColumn(col);
    }
    for (size_t i = 0; i < m_columns.size(); ++i)
        if (!m_columns[i].plotted && compared[i].codes.count() > 0) {
            m_columns[i].scatter->setCodes(compared[i].codes, m_model.data().info().classNames);
            m_columns[i].plotted = true;
            decodeColumn(int(i)); // places the marker on the new scatter
        }
}

void ComparePanel::refresh()
{
    for (int i = 0; i < columnCount(); ++i)
        decodeColumn(i);
}

void ComparePanel::decodeColumn(int index)
{
    const Column& c = m_columns[size_t(index)];
    const Model& model = m_model.comparisons().list()[size_t(index)].model;
    const ModelInfo& mi = model.info();
    const std::vector<float> point = m_model.point().shown();
    if (!m_model.hasModel() || point.empty())
        return;
    if (size_t(mi.latentDim()) != point.size()) {
        c.view->clear();
        c.view->setPlaceholder(tr("latent size %1 differs from the explored model's %2").arg(mi.latentDim()).arg(point.size()));
        return;
    }
    // A conditional model takes the explored condition when it fits, else its zeros.
    const std::vector<float>& explored = m_model.point().condition();
    std::vector<float> cond = explored.size() == size_t(mi.conditionDim) ? explored : std::vector<float>();
    c.scatter->setMarker(c.scatter->project(point));
    m_model.requestDecode({kChannelCompare + 2 * index, point, 1, cond, model});
}

} // namespace latentlab::ui
