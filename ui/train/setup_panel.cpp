// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/train/setup_panel.h"
#include "ui/models/core_texts.h"

#include "core/models/run_params.h"
#include "ui/models/training_session.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace latentlab::ui {

// The run's state in words, in the bar: cut with "…" where the bar is narrower (a second line would
// be cut in half by the bar's height), again whenever its width or its font changes (presentation
// mode); whole in the tooltip.
class WordsProgressBar : public QProgressBar {
public:
    void setWords(const QString& words)
    {
        m_words = words;
        elide();
    }

protected:
    void resizeEvent(QResizeEvent* event) override
    {
        QProgressBar::resizeEvent(event);
        elide();
    }
    void changeEvent(QEvent* event) override
    {
        QProgressBar::changeEvent(event);
        if (event->type() == QEvent::FontChange)
            elide();
    }

private:
    void elide() { setFormat(fontMetrics().elidedText(m_words, Qt::ElideRight, std::max(40, width() - 16))); }

    QString m_words = QStringLiteral("%p%");
};

namespace {
// Shown in presentation mode; the rest are advanced and hide.
const std::set<std::string> kPresentationParams = {"latent", "beta", "epochs"};

} // namespace

QString datasetSpecForFolder(const QString& dir)
{
    for (const char* name : {"train-images-idx3-ubyte", "train-images-idx3-ubyte.gz"})
        if (QFile::exists(dir + QLatin1Char('/') + QLatin1String(name)))
            return QStringLiteral("mnist:") + dir;
    if (QFile::exists(dir + QStringLiteral("/list_attr_celeba.txt")))
        return QStringLiteral("celeba:") + dir;
    return QStringLiteral("images:") + dir;
}

SetupPanel::SetupPanel(TrainingSession& session, QWidget* parent)
    : QGroupBox(tr("Setup"), parent), m_session(session), m_column(new QVBoxLayout(this)), m_form(new QFormLayout)
{
    // The settings in a form; the wrapped messages, buttons and progress below it in a plain column:
    // a QFormLayout holding word-wrapped rows squeezed the spin boxes under a long message.
    m_column->addLayout(m_form);
    buildDatasetRow();
    m_preset = new QComboBox;
    for (const RunConfig& p : m_session.presets()) {
        m_preset->addItem(QString::fromStdString(p.name));
        m_preset->setItemData(m_preset->count() - 1, coreText(p.description), Qt::ToolTipRole);
    }
    m_preset->setToolTip(tr("Model architecture, loss and optimizer (resources/presets)"));
    connect(m_preset, &QComboBox::textActivated, this, [this](const QString& name) { m_session.choosePreset(name); });
    m_form->addRow(tr("Preset"), m_preset);
    buildParams();
    m_device = new QComboBox;
    m_device->addItems({QStringLiteral("auto"), QStringLiteral("cpu"), QStringLiteral("cuda")});
    m_device->setToolTip(tr("auto: CUDA when available, else all CPU cores"));
    connect(m_device, &QComboBox::currentTextChanged, this, [this](const QString& d) { m_session.setDevice(d); });
    m_form->addRow(tr("Device"), m_device);
    buildMessages();
    buildButtons();
    setMaximumWidth(kWidth);

    connect(&m_session, &TrainingSession::finished, this, [this](const QString& message, bool failed) {
        m_failure->setText(failed ? message : QString());
        m_failure->setVisible(failed);
    });
    connect(&m_session, &TrainingSession::configChanged, this, [this] { m_failure->setVisible(false); });
    connect(&m_session, &TrainingSession::stateChanged, this, [this] {
        if (m_session.running())
            m_failure->setVisible(false);
    });
    connect(&m_session, &TrainingSession::configChanged, this, &SetupPanel::showConfig);
    connect(&m_session, &TrainingSession::stateChanged, this, &SetupPanel::showState);
    connect(&m_session, &TrainingSession::progressChanged, this, &SetupPanel::showProgress);
    showConfig();
}

void SetupPanel::buildDatasetRow()
{
    m_dataset = new QComboBox;
    m_dataset->setEditable(true);
    m_dataset->setMinimumContentsLength(13); // "fashion-mnist" in full, also with presentation fonts
    m_dataset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_dataset->addItems({QStringLiteral("mnist"), QStringLiteral("fashion-mnist"), QStringLiteral("synthfaces"),
                         QStringLiteral("synthfaces:2000")});
    m_dataset->setToolTip(tr("Dataset spec: mnist, fashion-mnist, synthfaces[:N], celeba:FOLDER, images:FOLDER, "
                             "idx:IMAGES,LABELS"));
    auto* browse = new QPushButton(tr("Folder…"));
    browse->setToolTip(tr("Choose a folder: IDX files (MNIST layout), CelebA, or any folder of images"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Dataset folder"));
        if (!dir.isEmpty())
            m_session.setDataset(datasetSpecForFolder(dir));
    });
    auto* dataRow = new QHBoxLayout;
    dataRow->addWidget(m_dataset, 1);
    dataRow->addWidget(browse);
    m_form->addRow(tr("Dataset"), dataRow);
    connect(m_dataset, &QComboBox::currentTextChanged, this, [this](const QString& t) { m_session.setDataset(t); });
}

void SetupPanel::buildMessages()
{
    m_hint = new QLabel;
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: palette(link);"));
    m_column->addWidget(m_hint);
    m_problem = new QLabel;
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: bold;"));
    m_problem->setVisible(false);
    m_column->addWidget(m_problem);
    // Why the last run stopped (a NaN loss says which setting to lower), next to those settings
    // until they change or the next run starts.
    m_failure = new QLabel;
    m_failure->setObjectName(QStringLiteral("runFailure"));
    m_failure->setWordWrap(true);
    m_failure->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_failure->setVisible(false);
    m_column->addWidget(m_failure);
}

void SetupPanel::buildParams()
{
    for (const RunParam& p : runParams()) {
        auto commit = [this, key = std::string(p.key)](double v) {
            if (const QString e = m_session.setParam(key, v); !e.isEmpty())
                showConfig(); // refused: show the session's value again
        };
        QAbstractSpinBox* box;
        if (p.integer) {
            auto* s = new QSpinBox;
            s->setRange(int(p.min), int(p.max));
            connect(s, &QSpinBox::valueChanged, this, commit);
            box = s;
        } else {
            auto* s = new QDoubleSpinBox;
            s->setDecimals(p.decimals);
            s->setRange(p.min, p.max);
            s->setSingleStep(p.step);
            connect(s, &QDoubleSpinBox::valueChanged, this, commit);
            box = s;
        }
        QString tip = coreText(p.help) + QStringLiteral(" (%1").arg(QString::fromStdString(p.rangeText()));
        if (*p.unit)
            tip += QLatin1Char(' ') + coreText(p.unit);
        tip += p.live ? tr("); editable while training") : QStringLiteral(")");
        box->setToolTip(tip);
        box->setObjectName(QString::fromUtf8(p.key));
        m_params[p.key] = box;
        m_form->addRow(coreText(p.label), box);
    }
}

void SetupPanel::buildButtons()
{
    m_train = new QPushButton(tr("Train"));
    m_train->setToolTip(tr("Start training (Space)"));
    m_pause = new QPushButton(tr("Pause"));
    m_pause->setToolTip(tr("Pause or resume at the next batch (Space)"));
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setToolTip(tr("Stop after the current batch; the last finished epoch is kept"));
    m_step = new QPushButton(tr("Step"));
    m_step->setToolTip(tr("Train one more epoch, then pause (for demos)"));
    connect(m_train, &QPushButton::clicked, this, [this] {
        if (const QString e = m_session.start(); !e.isEmpty())
            emit startFailed(e);
    });
    connect(m_step, &QPushButton::clicked, this, [this] {
        if (const QString e = m_session.step(); !e.isEmpty())
            emit startFailed(e);
    });
    connect(m_pause, &QPushButton::clicked, &m_session, &TrainingSession::togglePause);
    connect(m_stop, &QPushButton::clicked, &m_session, &TrainingSession::stop);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_train, m_pause, m_stop, m_step})
        buttons->addWidget(b);
    m_column->addLayout(buttons);
    m_progress = new WordsProgressBar;
    m_progress->setTextVisible(true);
    m_progress->setToolTip(tr("Progress over all epochs"));
    m_column->addWidget(m_progress);
}

void SetupPanel::showConfig()
{
    const RunConfig& c = m_session.config();
    {
        const QSignalBlocker a(m_dataset), b(m_preset), d(m_device);
        if (m_dataset->currentText() != QString::fromStdString(c.dataset)) {
            m_dataset->setCurrentText(QString::fromStdString(c.dataset));
            if (m_dataset->lineEdit() && !m_dataset->hasFocus()) // show the start ("synthfaces:…"), not the tail
                m_dataset->lineEdit()->setCursorPosition(0);
        }
        const int i = m_preset->findText(QString::fromStdString(c.name));
        if (i >= 0)
            m_preset->setCurrentIndex(i);
        m_device->setCurrentText(QString::fromStdString(c.training.device));
    }
    for (const RunParam& p : runParams()) {
        QAbstractSpinBox* box = m_params.at(p.key);
        const QSignalBlocker block(box);
        if (auto* i = qobject_cast<QSpinBox*>(box))
            i->setValue(int(p.get(c)));
        else
            static_cast<QDoubleSpinBox*>(box)->setValue(p.get(c));
    }
    m_hint->setText(m_session.hint());
    showState();
}

void SetupPanel::showState()
{
    const bool running = m_session.running();
    const QString problem = m_session.problem();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_train->setEnabled(!running && problem.isEmpty());
    m_pause->setEnabled(running);
    m_pause->setText(m_session.paused() ? tr("Resume") : tr("Pause"));
    m_stop->setEnabled(running);
    m_step->setEnabled(running ? m_session.paused() : problem.isEmpty());
    for (QWidget* w : std::initializer_list<QWidget*> {m_dataset, m_preset, m_device})
        w->setEnabled(!running);
    for (const auto& [key, box] : m_params)
        box->setEnabled(m_session.paramEditable(key));
    showProgress();
}

void SetupPanel::showProgress()
{
    const RunProgress& p = m_session.progress();
    m_progress->setMaximum(p.maximum);
    m_progress->setValue(p.value);
    m_progress->setWords(p.text.isEmpty() ? QStringLiteral("%p%") : p.text);
    m_progress->setToolTip(p.text.isEmpty() ? tr("Progress over all epochs") : p.text);
}

QAbstractSpinBox* SetupPanel::paramBox(const std::string& key) const
{
    const auto it = m_params.find(key);
    return it == m_params.end() ? nullptr : it->second;
}

void SetupPanel::setPresentation(bool on, double scale)
{
    setMaximumWidth(on ? int(kWidth * scale) : kWidth);
    for (const auto& [key, box] : m_params)
        m_form->setRowVisible(box, !on || kPresentationParams.count(key));
    m_form->setRowVisible(m_device, !on);
}

QString SetupPanel::problemText() const { return m_problem->text(); }
QString SetupPanel::failureText() const { return m_failure->isVisibleTo(this) ? m_failure->text() : QString(); }
bool SetupPanel::trainEnabled() const { return m_train->isEnabled(); }

} // namespace latentlab::ui
