#include "ui/main_window.h"

#include "core/error.h"
#include "core/models/model.h"
#include "core/models/presets.h"
#include "ui/explore_view.h"
#include "ui/export_actions.h"
#include "ui/image_convert.h"
#include "ui/latent_scatter.h"
#include "ui/loss_plot.h"
#include "ui/plot_style.h"
#include "ui/scatter_axes.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>
#include <cstdio>

namespace latentlab::ui {

namespace {
// A dataset folder's spec: MNIST-layout IDX files, CelebA (attribute list present) or plain images.
QString specForFolder(const QString& dir)
{
    for (const char* name : {"train-images-idx3-ubyte", "train-images-idx3-ubyte.gz"})
        if (QFile::exists(dir + QLatin1Char('/') + QLatin1String(name)))
            return QStringLiteral("mnist:") + dir;
    if (QFile::exists(dir + QStringLiteral("/list_attr_celeba.txt")))
        return QStringLiteral("celeba:") + dir;
    return QStringLiteral("images:") + dir;
}
QString formatSeconds(double s)
{
    const int t = int(std::ceil(std::max(0.0, s)));
    return t >= 60 ? QStringLiteral("%1 min %2 s").arg(t / 60).arg(t % 60, 2, 10, QLatin1Char('0'))
                   : QStringLiteral("%1 s").arg(t);
}
} // namespace

MainWindow::MainWindow(const LaunchOptions& options, QWidget* parent) : QMainWindow(parent), m_options(options)
{
    setWindowTitle(tr("LatentLab"));
    m_presets = allPresets();
    auto* trainTab = new QWidget;
    auto* layout = new QHBoxLayout(trainTab);
    layout->addWidget(buildSetupPanel());
    layout->addWidget(buildViews(), 1);
    m_explore = new ExploreView;
    m_mainTabs = new QTabWidget;
    m_mainTabs->setDocumentMode(true);
    m_mainTabs->addTab(trainTab, tr("Train"));
    m_mainTabs->addTab(m_explore, tr("Explore"));
    m_mainTabs->setTabToolTip(1, tr("Play with the latent space of the model being trained (updated each epoch) or of an opened checkpoint"));
    setCentralWidget(m_mainTabs);
    m_exports = new ExportActions(this);
    buildMenus();
    m_deviceLabel = new QLabel(tr("idle"));
    m_epochLabel = new QLabel;
    m_speedLabel = new QLabel;
    m_statusLabel = new QLabel;
    m_statusLabel->setObjectName(QStringLiteral("statusText"));
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_epochLabel);
    statusBar()->addPermanentWidget(m_speedLabel);
    statusBar()->addPermanentWidget(m_deviceLabel);
    // QStatusBar hides the label under a temporary message but leaves it implicitly hidden, and its
    // next relayout (any setText) shows it again on top of the message. Hide it explicitly instead.
    connect(statusBar(), &QStatusBar::messageChanged, m_statusLabel,
            [this](const QString& message) { m_statusLabel->setVisible(message.isEmpty()); });

    connect(&m_controller, &TrainingController::stateChanged, this, &MainWindow::updateControls);
    connect(&m_controller, &TrainingController::status, m_statusLabel, &QLabel::setText);
    connect(&m_controller, &TrainingController::started, this,
            [this](const QString& device, const QString& summary, const QStringList& classes) {
                m_deviceLabel->setText(device);
                m_statusLabel->setText(summary);
                m_classNames.clear();
                for (const QString& c : classes)
                    m_classNames.push_back(c.toStdString());
            });
    connect(&m_controller, &TrainingController::batchProgress, this, [this](const BatchProgress& p) {
        const int total = m_epochs->value() * p.batchesPerEpoch;
        m_progress->setMaximum(std::max(1, total));
        m_progress->setValue((p.epoch - 1) * p.batchesPerEpoch + p.batch);
        // Time left: the rest of this epoch plus the remaining epochs at this epoch's pace.
        const double fraction = double(p.batch) / p.batchesPerEpoch;
        double perEpoch = m_lastEpochSeconds;
        if (fraction < 1.0 && p.secondsLeftInEpoch > 0)
            perEpoch = p.secondsLeftInEpoch / (1.0 - fraction);
        const double left = p.secondsLeftInEpoch + std::max(0, m_epochs->value() - p.epoch) * perEpoch;
        m_progress->setFormat(tr("epoch %1/%2, batch %3/%4, %5 left")
                                  .arg(p.epoch)
                                  .arg(m_epochs->value())
                                  .arg(p.batch)
                                  .arg(p.batchesPerEpoch)
                                  .arg(formatSeconds(left)));
        m_speedLabel->setText(tr("%1 images/s").arg(int(p.imagesPerSecond)));
        m_loss->addBatchPoint(p.epoch - 1 + double(p.batch) / p.batchesPerEpoch, p.loss);
    });
    connect(&m_controller, &TrainingController::modelReady, this, [this](const Model& model, const Dataset& data) {
        m_latestModel = model;
        m_latestData = data;
    });
    connect(&m_controller, &TrainingController::epochFinished, this, &MainWindow::onEpoch);
    connect(&m_controller, &TrainingController::historyLoaded, this, [this](const std::vector<EpochStats>& history) {
        m_loss->clearAll();
        for (const EpochStats& e : history)
            m_loss->addEpoch(e);
    });
    setAcceptDrops(true);
    connect(&m_controller, &TrainingController::finished, this, [this](const QString& m) { onFinished(m, false); });
    connect(&m_controller, &TrainingController::failed, this, [this](const QString& m) { onFinished(m, true); });

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (!options.dataset.isEmpty())
        m_dataset->setCurrentText(options.dataset);
    if (!options.preset.isEmpty()) {
        const int i = m_preset->findText(options.preset);
        if (i >= 0)
            m_preset->setCurrentIndex(i);
    }
    presetChanged();
    if (options.epochs > 0)
        m_epochs->setValue(options.epochs);
    updateControls();
    if (options.explore)
        showTab(1);
    if (!options.open.isEmpty())
        QTimer::singleShot(0, this, [this] { openCheckpoint(m_options.open); });
    if (!options.session.isEmpty())
        QTimer::singleShot(0, this, [this] {
            if (const QString e = openSession(m_options.session); !e.isEmpty()) {
                qWarning("%s", qPrintable(e));
                if (m_options.quitWhenDone || m_options.quitAfterShow)
                    QCoreApplication::exit(2);
                else
                    QMessageBox::warning(this, tr("Open session"), e);
            }
        });
    if (options.autostart)
        QTimer::singleShot(0, this, &MainWindow::startTraining);
    if (options.quitAfterShow)
        QTimer::singleShot(0, this, [this] {
            const QPixmap shot = grab(); // render the whole window once, then leave
            const bool saved = m_options.screenshot.isEmpty() || shot.save(m_options.screenshot);
            QCoreApplication::exit(saved ? 0 : 1);
        });
}

MainWindow::~MainWindow() { m_controller.shutdown(); }

QWidget* MainWindow::buildSetupPanel()
{
    auto* box = new QGroupBox(tr("Setup"));
    auto* form = new QFormLayout(box);
    m_setupForm = form;
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
        if (dir.isEmpty())
            return;
        m_dataset->setCurrentText(specForFolder(dir));
    });
    auto* dataRow = new QHBoxLayout;
    dataRow->addWidget(m_dataset, 1);
    dataRow->addWidget(browse);
    form->addRow(tr("Dataset"), dataRow);
    connect(m_dataset, &QComboBox::currentTextChanged, this, [this] { updateControls(); });
    m_preset = new QComboBox;
    for (const RunConfig& p : m_presets) {
        m_preset->addItem(QString::fromStdString(p.name));
        m_preset->setItemData(m_preset->count() - 1, QString::fromStdString(p.description), Qt::ToolTipRole);
    }
    m_preset->setToolTip(tr("Model architecture, loss and optimizer (resources/presets)"));
    connect(m_preset, &QComboBox::currentIndexChanged, this, &MainWindow::presetChanged);
    form->addRow(tr("Preset"), m_preset);
    auto spin = [&](const QString& label, int min, int max, const QString& tip) {
        auto* s = new QSpinBox;
        s->setRange(min, max);
        s->setToolTip(tip);
        form->addRow(label, s);
        return s;
    };
    auto dspin = [&](const QString& label, double min, double max, int decimals, double step, const QString& tip) {
        auto* s = new QDoubleSpinBox;
        s->setRange(min, max);
        s->setDecimals(decimals);
        s->setSingleStep(step);
        s->setToolTip(tip);
        form->addRow(label, s);
        return s;
    };
    m_latent = spin(tr("Latent size"), 1, 256, tr("Dimensions of the latent code (1-256)"));
    m_beta = dspin(tr("Beta"), 0, 1000, 3, 0.1, tr("Weight of the KL term (1 = VAE, >1 = beta-VAE); editable while training"));
    m_warmup = spin(tr("KL warm-up"), 0, 1000, tr("Epochs over which beta ramps up from 0"));
    m_lr = dspin(tr("Learning rate"), 1e-6, 1.0, 6, 1e-4, tr("Optimizer step size; editable while training"));
    m_batch = spin(tr("Batch size"), 1, 65536, tr("Images per optimizer step"));
    m_epochs = spin(tr("Epochs"), 1, 100000, tr("Total epochs to train (including those of an opened checkpoint)"));
    m_seed = spin(tr("Seed"), 0, 2147483647, tr("Same seed and settings give the same run"));
    m_device = new QComboBox;
    m_device->addItems({QStringLiteral("auto"), QStringLiteral("cpu"), QStringLiteral("cuda")});
    m_device->setToolTip(tr("auto: CUDA when available, else all CPU cores"));
    form->addRow(tr("Device"), m_device);
    m_hint = new QLabel;
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: palette(link);"));
    form->addRow(m_hint);
    m_problem = new QLabel;
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: bold;"));
    m_problem->setVisible(false);
    form->addRow(m_problem);
    connect(m_beta, &QDoubleSpinBox::valueChanged, this, [this](double b) {
        if (m_controller.running())
            m_controller.setBeta(b);
    });
    connect(m_lr, &QDoubleSpinBox::valueChanged, this, [this](double lr) {
        if (m_controller.running())
            m_controller.setLearningRate(lr);
    });
    m_train = new QPushButton(tr("Train"));
    m_train->setToolTip(tr("Start training (Space)"));
    m_pause = new QPushButton(tr("Pause"));
    m_pause->setToolTip(tr("Pause or resume at the next batch (Space)"));
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setToolTip(tr("Stop after the current batch; the last finished epoch is kept"));
    m_step = new QPushButton(tr("Step"));
    m_step->setToolTip(tr("Train one more epoch, then pause (for demos)"));
    connect(m_step, &QPushButton::clicked, this, &MainWindow::stepOneEpoch);
    connect(m_train, &QPushButton::clicked, this, &MainWindow::startTraining);
    connect(m_pause, &QPushButton::clicked, this, &MainWindow::togglePause);
    connect(m_stop, &QPushButton::clicked, this, &MainWindow::stopTraining);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_train);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_step);
    form->addRow(buttons);
    m_progress = new QProgressBar;
    m_progress->setTextVisible(true);
    m_progress->setToolTip(tr("Progress over all epochs"));
    form->addRow(m_progress);
    box->setMaximumWidth(kSetupPanelWidth);
    return box;
}

QWidget* MainWindow::buildViews()
{
    auto* views = new QWidget;
    auto* grid = new QGridLayout(views);
    m_loss = new LossPlot;
    m_logScale = new QCheckBox(tr("log scale"));
    m_logScale->setToolTip(tr("Logarithmic loss axis"));
    connect(m_logScale, &QCheckBox::toggled, m_loss, &LossPlot::setLogScale);
    // One caption per panel, shown in presentation mode (updateCaptions fills them).
    auto caption = [this](const QString& panel) {
        auto* label = new QLabel;
        label->setObjectName(QStringLiteral("panelCaption"));
        label->setWordWrap(true);
        label->hide();
        m_captionLabels[panel] = label;
        return label;
    };
    auto* lossBox = new QVBoxLayout;
    lossBox->addWidget(caption(QStringLiteral("loss")));
    lossBox->addWidget(m_loss, 1);
    lossBox->addWidget(m_logScale);
    grid->addLayout(lossBox, 0, 0);
    m_scatter = new LatentScatter;
    m_colourBy = new QComboBox;
    m_colourBy->addItem(tr("class"));
    m_colourBy->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_colourBy->setToolTip(tr("Colour the scatter by class label or by one attribute"));
    connect(m_colourBy, &QComboBox::currentIndexChanged, this, [this] { showEpoch(m_epochSlider->value()); });
    auto* scatterBox = new QVBoxLayout;
    scatterBox->addWidget(caption(QStringLiteral("scatter")));
    scatterBox->addWidget(m_scatter, 1);
    auto* axes = new ScatterAxes(m_scatter, tr("Project the latent means by PCA or show two chosen latent dimensions"));
    connect(axes, &ScatterAxes::changed, this, [this] { showEpoch(m_epochSlider->value()); });
    auto* colourRow = new QHBoxLayout;
    colourRow->addWidget(axes);
    colourRow->addWidget(new QLabel(tr("Colour by")));
    colourRow->addWidget(m_colourBy, 1);
    scatterBox->addLayout(colourRow);
    grid->addLayout(scatterBox, 0, 1);
    m_recon = new QLabel;
    m_recon->setAlignment(Qt::AlignCenter);
    m_recon->setMinimumSize(320, 120);
    m_recon->setToolTip(tr("Fixed test images (top) and their reconstructions (bottom)"));
    auto* reconBox = new QVBoxLayout;
    reconBox->addWidget(caption(QStringLiteral("reconstructions")));
    reconBox->addWidget(m_recon, 1);
    grid->addLayout(reconBox, 1, 0);
    m_klPlot = new QCustomPlot;
    m_klPlot->setToolTip(tr("KL divergence per latent dimension on the test set: dimensions near 0 are unused"));
    m_klBars = new QCPBars(m_klPlot->xAxis, m_klPlot->yAxis);
    m_klBars->setBrush(QColor(148, 103, 189, 160));
    m_klPlot->xAxis->setLabel(tr("latent dimension"));
    m_klPlot->yAxis->setLabel(tr("KL (nats)"));
    m_klPlot->setMinimumSize(320, 160);
    applyPalette(m_klPlot);
    auto* klBox = new QVBoxLayout;
    klBox->addWidget(caption(QStringLiteral("kl")));
    klBox->addWidget(m_klPlot, 1);
    grid->addLayout(klBox, 1, 1);
    auto* sliderRow = new QHBoxLayout;
    m_epochSlider = new QSlider(Qt::Horizontal);
    m_epochSlider->setToolTip(tr("Look back at earlier epochs' scatter and reconstructions"));
    m_epochSlider->setEnabled(false);
    connect(m_epochSlider, &QSlider::valueChanged, this, &MainWindow::showEpoch);
    sliderRow->addWidget(new QLabel(tr("Epoch view")));
    sliderRow->addWidget(m_epochSlider, 1);
    grid->addLayout(sliderRow, 2, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 2);
    return views;
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open checkpoint…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open checkpoint"));
        if (!path.isEmpty())
            openCheckpoint(path);
    });
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    rebuildRecentMenu();
    QAction* save = file->addAction(tr("&Save checkpoint as…"), this, [this] {
        const QString src = m_runFolder + QStringLiteral("/checkpoint");
        if (m_runFolder.isEmpty() || !QFile::exists(src)) {
            QMessageBox::information(this, tr("Save checkpoint"), tr("No epoch has finished yet."));
            return;
        }
        const QString dst = QFileDialog::getSaveFileName(this, tr("Save checkpoint"), QStringLiteral("model.llck"));
        if (!dst.isEmpty() && !(QFile::remove(dst), QFile::copy(src, dst)))
            QMessageBox::warning(this, tr("Save checkpoint"), tr("Cannot write %1").arg(dst));
    });
    save->setShortcut(QKeySequence::Save);
    QAction* encode = file->addAction(tr("&Encode image…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Encode image"), QString(),
                                                          tr("Images (*.png *.jpg *.jpeg *.bmp)"));
        if (!path.isEmpty())
            encodeImageFile(path);
    });
    encode->setToolTip(tr("Encode your own image in the Explore view and edit it with the sliders"));
    file->addSeparator();
    QMenu* exportMenu = file->addMenu(tr("E&xport"));
    m_exports->addTo(exportMenu);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu* train = menuBar()->addMenu(tr("&Training"));
    QAction* run = train->addAction(tr("Train / Pause"), this, [this] {
        if (m_controller.running())
            togglePause();
        else
            startTraining();
    });
    run->setShortcut(Qt::Key_Space);
    train->addAction(tr("Stop"), this, &MainWindow::stopTraining);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Train"), this, [this] { showTab(0); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    view->addAction(tr("&Explore"), this, [this] { showTab(1); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    buildSessionMenus(file, view);
    QToolBar* bar = addToolBar(tr("Training"));
    bar->setObjectName(QStringLiteral("trainingToolbar"));
    bar->addAction(open);
    bar->addAction(run);
    bar->addAction(save);
}

void MainWindow::presetChanged()
{
    const int i = m_preset->currentIndex();
    if (i < 0 || i >= int(m_presets.size()))
        return;
    m_checkpoint.clear();
    applyConfig(m_presets[size_t(i)]);
}

void MainWindow::applyConfig(const RunConfig& p)
{
    m_latent->setValue(p.model.latent);
    m_latent->setEnabled(!p.model.fixedLatent);
    m_beta->setValue(p.loss.beta);
    m_beta->setEnabled(p.model.kind != ModelKind::Autoencoder);
    m_warmup->setValue(p.loss.klWarmupEpochs);
    m_warmup->setEnabled(p.model.kind != ModelKind::Autoencoder);
    m_lr->setValue(p.optimizer.lr);
    m_batch->setValue(p.training.batchSize);
    m_epochs->setValue(p.training.epochs);
    m_seed->setValue(int(p.training.seed));
    QString hint;
    if (p.model.fixedLatent)
        hint = tr("This architecture fixes the latent size at %1.").arg(p.model.latent);
    if (p.model.kind == ModelKind::Autoencoder)
        hint += (hint.isEmpty() ? QString() : QStringLiteral(" ")) + tr("A plain autoencoder has no KL term, so beta does not apply.");
    if (p.model.condition == ConditionSource::Attributes)
        hint += (hint.isEmpty() ? QString() : QStringLiteral(" ")) +
                tr("Needs a dataset with attributes (synthfaces, celeba:FOLDER).");
    if (p.model.input[0] == 3 && m_dataset->currentText().contains(QStringLiteral("mnist")))
        m_dataset->setCurrentText(QStringLiteral("synthfaces"));
    m_hint->setText(hint);
    updateControls();
}

const RunConfig& MainWindow::baseConfig() const
{
    return m_checkpoint.isEmpty() ? m_presets[size_t(std::max(0, m_preset->currentIndex()))] : m_checkpointConfig;
}

RunConfig MainWindow::currentConfig() const
{
    RunConfig c = baseConfig();
    c.dataset = m_dataset->currentText().trimmed().toStdString();
    c.model.latent = m_latent->value();
    c.loss.beta = m_beta->value();
    c.loss.klWarmupEpochs = m_warmup->value();
    c.optimizer.lr = m_lr->value();
    c.training.batchSize = m_batch->value();
    c.training.epochs = m_epochs->value();
    c.training.seed = uint64_t(m_seed->value());
    c.training.device = m_device->currentText().toStdString();
    return c;
}

void MainWindow::startTraining()
{
    if (m_controller.running())
        return;
    RunRequest r;
    r.config = currentConfig();
    try {
        validateRunConfig(r.config);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Cannot train"), QString::fromStdString(e.what()));
        return;
    }
    r.epochs = m_epochs->value();
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/runs/");
    m_runFolder = base + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-")) +
                  QString::fromStdString(r.config.name);
    r.runFolder = m_runFolder;
    r.resumeFrom = m_checkpoint;
    m_history.clear();
    {
        const QSignalBlocker block(m_colourBy);
        while (m_colourBy->count() > 1)
            m_colourBy->removeItem(1);
    }
    if (m_checkpoint.isEmpty())
        m_loss->clearAll();
    m_scatter->clearAll();
    m_epochSlider->setEnabled(false);
    m_controller.start(r);
}

void MainWindow::openCheckpoint(const QString& path)
{
    if (m_controller.running()) {
        QMessageBox::information(this, tr("Open checkpoint"), tr("Stop training before opening a checkpoint."));
        return;
    }
    RunConfig config;
    int trained = 0;
    try {
        Model model = Model::load(path.toStdString());
        config = model.info().config;
        config.dataset = model.info().datasetSpec;
        trained = model.info().epoch;
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Open checkpoint"), QString::fromStdString(e.what()));
        return;
    }
    {
        const QSignalBlocker block(m_preset);
        const int i = m_preset->findText(QString::fromStdString(config.name));
        if (i >= 0)
            m_preset->setCurrentIndex(i);
    }
    applyConfig(config);
    // Epochs counts the total: by default, continuing trains as many epochs again.
    m_epochs->setValue(trained + std::max(1, config.training.epochs));
    m_dataset->setCurrentText(QString::fromStdString(config.dataset));
    m_checkpoint = path;
    m_checkpointConfig = config;
    addRecent(path);
    setWindowTitle(tr("LatentLab — %1").arg(QFileInfo(path).fileName()));
    RunRequest r;
    r.config = config;
    r.resumeFrom = path;
    r.evaluateOnly = true;
    m_history.clear();
    m_scatter->clearAll();
    m_controller.start(r);
}

void MainWindow::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 8)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(path, this, [this, path] { openCheckpoint(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::showTab(int index) { m_mainTabs->setCurrentIndex(index); }

QImage MainWindow::reconstructionImage() const
{
    const int i = m_epochSlider->value();
    return i >= 1 && i <= int(m_history.size()) ? m_history[size_t(i - 1)].reconstructions : QImage();
}

std::vector<EpochStats> MainWindow::lossHistory() const { return m_loss->history(); }

void MainWindow::encodeImageFile(const QString& path)
{
    showTab(1);
    m_explore->encodeImageFile(path);
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = event->mimeData()->urls().first().toLocalFile();
    static const QStringList imageTypes = {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                           QStringLiteral("bmp")};
    if (imageTypes.contains(QFileInfo(path).suffix().toLower())) {
        encodeImageFile(path);
    } else if (QFileInfo(path).isDir()) {
        // A folder is a dataset: CelebA when it has the attribute list, else a folder of images.
        m_dataset->setCurrentText(specForFolder(path));
    } else {
        openCheckpoint(path);
    }
    event->acceptProposedAction();
}

void MainWindow::togglePause()
{
    if (m_controller.paused())
        m_controller.resume();
    else
        m_controller.pause();
}

void MainWindow::stopTraining() { m_controller.stop(); }

QString MainWindow::combinationProblem() const
{
    const RunConfig& p = baseConfig();
    const QString spec = m_dataset->currentText().trimmed();
    if (spec.isEmpty())
        return tr("Choose a dataset.");
    const bool digits = spec.startsWith(QStringLiteral("mnist")) || spec.startsWith(QStringLiteral("fashion-mnist"));
    const bool faces = spec.startsWith(QStringLiteral("synthfaces")) || spec.startsWith(QStringLiteral("celeba:"));
    const bool convolutional = std::any_of(p.model.encoder.begin(), p.model.encoder.end(),
                                           [](const LayerSpec& l) { return l.type == "conv2d"; });
    if (p.model.condition == ConditionSource::Attributes && !faces && !spec.startsWith(QStringLiteral("cache:")))
        return tr("%1 conditions on face attributes: use synthfaces or celeba:FOLDER.").arg(QString::fromStdString(p.name));
    if (convolutional && p.model.input[0] == 1 && faces)
        return tr("%1 is built for 28x28 gray images; faces are 64x64 RGB (use an MLP preset or conv-cvae-faces).")
            .arg(QString::fromStdString(p.name));
    if (convolutional && p.model.input[0] == 3 && digits)
        return tr("%1 is built for 64x64 RGB faces; digits are 28x28 gray.").arg(QString::fromStdString(p.name));
    return QString();
}

bool MainWindow::canTrain() const { return m_train->isEnabled(); }
QString MainWindow::problemText() const { return m_problem->text(); }

void MainWindow::updateControls()
{
    const bool running = m_controller.running();
    const QString problem = combinationProblem();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_train->setEnabled(!running && problem.isEmpty());
    m_pause->setEnabled(running);
    m_pause->setText(m_controller.paused() ? tr("Resume") : tr("Pause"));
    m_stop->setEnabled(running);
    m_step->setEnabled(running ? m_controller.paused() : problem.isEmpty());
    for (QWidget* w : std::initializer_list<QWidget*>{m_dataset, m_preset, m_latent, m_warmup, m_batch, m_epochs, m_seed, m_device})
        w->setEnabled(!running && (w != m_latent || !baseConfig().model.fixedLatent));
}

void MainWindow::onEpoch(const EpochSnapshot& s)
{
    m_history.push_back({toQImage(s.reconstructions), s.latents, s.stats.klPerDim});
    m_loss->addEpoch(s.stats);
    m_lastEpochSeconds = s.stats.seconds;
    // One line per epoch on stdout, as the CLI prints, for scripted runs and benchmarks.
    std::printf("epoch %3d  train %.4f  test %.4f  %.2f s\n", s.stats.epoch, s.stats.trainLoss, s.stats.testLoss,
                s.stats.seconds);
    std::fflush(stdout);
    m_epochLabel->setText(tr("epoch %1").arg(s.stats.epoch));
    if (!m_latestModel.empty()) {
        m_explore->setModel(m_latestModel, m_latestData, s.latents, m_classNames);
        applyPendingSession();
    }
    if (m_stepping && m_controller.running()) {
        m_stepping = false;
        m_controller.pause();
    }
    m_epochSlider->setRange(1, int(m_history.size()));
    m_epochSlider->setEnabled(true);
    m_epochSlider->setValue(int(m_history.size()));
    showEpoch(int(m_history.size()));
}

void MainWindow::showEpoch(int index)
{
    if (index < 1 || index > int(m_history.size()))
        return;
    const EpochView& v = m_history[size_t(index - 1)];
    if (!v.reconstructions.isNull()) {
        // Nearest-neighbour scaling keeps small digits crisp.
        m_recon->setPixmap(QPixmap::fromImage(
            v.reconstructions.scaled(m_recon->size(), Qt::KeepAspectRatio, Qt::FastTransformation)));
    }
    // Offer the attributes of the data shown (first time they appear).
    if (m_colourBy->count() == 1 && !v.latents.attributeNames.empty()) {
        const QSignalBlocker block(m_colourBy);
        for (const auto& a : v.latents.attributeNames)
            m_colourBy->addItem(QString::fromStdString(a));
    }
    m_scatter->setCodes(v.latents, m_classNames, m_colourBy->currentIndex() - 1);
    QVector<double> keys, values;
    for (size_t d = 0; d < v.klPerDim.size(); ++d) {
        keys.push_back(double(d + 1));
        values.push_back(v.klPerDim[d]);
    }
    m_klBars->setData(keys, values);
    m_klPlot->rescaleAxes();
    m_klPlot->xAxis->setRange(0, double(v.klPerDim.size()) + 1);
    m_klPlot->yAxis->setRange(0, std::max(0.1, m_klPlot->yAxis->range().upper * 1.1));
    m_klPlot->replot(QCustomPlot::rpQueuedReplot);
}

void MainWindow::onFinished(const QString& message, bool failed)
{
    // After continuing a checkpoint, Train continues from where this run ended.
    if (!m_checkpoint.isEmpty() && QFile::exists(m_runFolder + QStringLiteral("/checkpoint")))
        m_checkpoint = m_runFolder + QStringLiteral("/checkpoint");
    m_statusLabel->setText(message);
    if (failed && m_options.screenshot.isEmpty())
        QMessageBox::warning(this, tr("Training stopped"), message);
    if (failed)
        qWarning("%s", qPrintable(message));
    if (m_mainTabs->currentIndex() == 1 && (!m_options.screenshot.isEmpty() || m_options.quitWhenDone))
        QTimer::singleShot(1500, this, [this, failed] { finishScripted(failed); }); // let the decodes land
    else
        finishScripted(failed);
}

void MainWindow::finishScripted(bool failed)
{
    if (!m_options.screenshot.isEmpty()) {
        QApplication::processEvents();
        m_loss->replot();
        m_scatter->replot();
        m_klPlot->replot();
        grab().save(m_options.screenshot);
    }
    if (m_options.quitWhenDone)
        QTimer::singleShot(0, qApp, [failed] { QCoreApplication::exit(failed ? 1 : 0); });
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_controller.running()) {
        const auto answer = m_options.quitWhenDone
                                ? QMessageBox::Yes
                                : QMessageBox::question(this, tr("Quit"),
                                                        tr("Training is running. Stop it and quit? Finished epochs are "
                                                           "saved in %1.")
                                                            .arg(m_runFolder));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    m_controller.shutdown(2000);
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    event->accept();
}

} // namespace latentlab::ui
