#include "ui/compare_panel.h"

#include "ui/decode_service.h"
#include "ui/image_convert.h"
#include "ui/image_view.h"
#include "ui/latent_scatter.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace latentlab::ui {

namespace {
constexpr int64_t kComparePoints = 3000; // per scatter: enough to see the holes, quick to encode
}

ComparePanel::ComparePanel(DecodeService& decoder, QWidget* parent)
    : QWidget(parent), m_decoder(decoder), m_grid(new QGridLayout), m_hint(new QLabel)
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
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addLayout(m_grid, 1);
    connect(add, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Add checkpoint to compare"));
        if (path.isEmpty())
            return;
        const QString problem = addCheckpoint(path);
        if (!problem.isEmpty())
            QMessageBox::warning(this, tr("Compare"), problem);
    });
    connect(clear, &QPushButton::clicked, this, &ComparePanel::clearColumns);
}

void ComparePanel::clearColumns()
{
    for (Column& c : m_columns) {
        delete c.title;
        delete c.view;
        delete c.scatter;
    }
    m_columns.clear();
}

void ComparePanel::setDataset(const Dataset& data) { m_data = data; }

QString ComparePanel::addCheckpoint(const QString& path)
{
    if (m_columns.size() >= size_t(kMaxColumns))
        return tr("At most %1 checkpoints side by side: press Clear first.").arg(kMaxColumns);
    if (m_data.empty())
        return tr("Train a model or open a checkpoint first: the comparison uses its dataset.");
    Column c;
    try {
        c.model = Model::load(path.toStdString());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    const auto& in = c.model.info().config.model.input;
    const DatasetInfo& d = m_data.info();
    if (in[0] != d.channels || in[1] != d.height || in[2] != d.width)
        return tr("%1 was trained on %2x%3x%4 images; the dataset shown has %5x%6x%7.")
            .arg(path)
            .arg(in[0]).arg(in[1]).arg(in[2])
            .arg(d.channels).arg(d.height).arg(d.width);
    const ModelInfo& mi = c.model.info();
    c.title = new QLabel(tr("<b>%1</b><br>%2, latent %3, %4 epochs")
                             .arg(QFileInfo(path).fileName().toHtmlEscaped(),
                                  QString::fromStdString(toString(mi.config.model.kind)))
                             .arg(mi.latentDim())
                             .arg(mi.epoch));
    c.view = new ImageView;
    c.view->setMinimumSize(128, 128);
    c.scatter = new LatentScatter;
    c.scatter->setMinimumSize(220, 200);
    c.scatter->legend->setVisible(false);
    const int col = int(m_columns.size());
    m_grid->addWidget(c.title, 0, col);
    m_grid->addWidget(c.view, 1, col);
    m_grid->addWidget(c.scatter, 2, col);
    m_columns.push_back(c);
    // Its scatter: the model's own codes of the dataset's test images.
    QPointer<ComparePanel> self(this);
    QPointer<LatentScatter> scatter(c.scatter);
    std::vector<std::string> classes = d.classNames;
    m_decoder.submit(kChannelCompare + 2 * col + 1, this, [model = c.model, data = m_data, scatter, classes, self, col](const Model&) {
        LatentCodes codes = model.encode(data, true, kComparePoints);
        return std::function<void()>([codes, classes, scatter, self, col] {
            if (!scatter || !self)
                return;
            scatter->setCodes(codes, classes);
            self->decodeColumn(col);
        });
    });
    decodeColumn(col);
    return {};
}

void ComparePanel::refresh(const ExploreState& state)
{
    m_last = state;
    for (int i = 0; i < columnCount(); ++i)
        decodeColumn(i);
}

void ComparePanel::decodeColumn(int index)
{
    Column& c = m_columns[size_t(index)];
    const ModelInfo& mi = c.model.info();
    if (!m_last.ready())
        return;
    if (size_t(mi.latentDim()) != m_last.point.size()) {
        c.view->clear();
        c.view->setPlaceholder(tr("latent size %1 differs from the explored model's %2").arg(mi.latentDim()).arg(m_last.point.size()));
        return;
    }
    // A conditional model takes the explored condition when it fits, else its zeros.
    std::vector<float> cond = m_last.condition.size() == size_t(mi.conditionDim) ? m_last.condition : std::vector<float>();
    c.scatter->setMarker(c.scatter->project(m_last.point));
    m_decoder.decodeInto(kChannelCompare + 2 * index, c.view, m_last.point, 1, cond, c.model);
}

} // namespace latentlab::ui
