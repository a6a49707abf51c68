// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export_actions.h"

#include "core/export/csv_export.h"
#include "core/export/model_grids.h"
#include "core/export/weights_export.h"
#include "ui/explore_model.h"
#include "ui/explore_view.h"
#include "ui/image_convert.h"
#include "ui/train_views.h"
#include "ui/training_session.h"
#ifdef LATENTLAB_HAVE_PIXELS
#include "core/pixels/image_io.h"
#include "core/pixels/video_io.h"
#endif

#include <QCheckBox>
#include <QDialog>
#include <QDir>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>

namespace latentlab::ui {

namespace {

struct Options {
    int scale = 1;
    QString caption;
    int frames = 30;
    double fps = 15;
    bool loop = true;
};

// One small form for every export: scale and caption, plus frames / rate for animations.
bool askOptions(QWidget* parent, const QString& title, Options& o, bool video, bool frames)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto* form = new QFormLayout(&dialog);
    auto* scale = new QSpinBox;
    scale->setRange(1, 32);
    scale->setValue(o.scale);
    scale->setSuffix(QStringLiteral(" ×"));
    scale->setToolTip(QObject::tr("Nearest-neighbour upscaling: small images stay crisp"));
    form->addRow(QObject::tr("Scale"), scale);
    auto* caption = new QLineEdit(o.caption);
    caption->setPlaceholderText(QObject::tr("optional text under the image"));
    form->addRow(QObject::tr("Caption"), caption);
    auto* count = new QSpinBox;
    auto* fps = new QDoubleSpinBox;
    auto* loop = new QCheckBox(QObject::tr("there and back (loops smoothly)"));
    if (video) {
        count->setRange(2, 2000);
        count->setValue(o.frames);
        fps->setRange(0.5, 120);
        fps->setValue(o.fps);
        loop->setChecked(o.loop);
        if (frames) {
            form->addRow(QObject::tr("Frames"), count);
            form->addRow(QString(), loop);
        }
        form->addRow(QObject::tr("Frames per second"), fps);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    o.scale = scale->value();
    o.caption = caption->text();
    o.frames = count->value();
    o.fps = fps->value();
    o.loop = loop->isChecked();
    return true;
}

int defaultScale(const QImage& image)
{
    return image.isNull() ? 4 : std::clamp(512 / std::max(1, std::max(image.width(), image.height())), 1, 16);
}

template <typename F>
QString guarded(F&& f)
{
    try {
        f();
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

#ifndef LATENTLAB_HAVE_PIXELS
const char* kNoPixels = "this build has no image/video support (built without OpenCV)";
#endif

} // namespace

ExportActions::ExportActions(TrainingSession& session, ExploreModel& explore, const ExploreView& explorer,
                             const TrainViews& views, QWidget* window)
    : QObject(window), m_session(session), m_explore(explore), m_explorer(explorer), m_views(views), m_window(window)
{
}

void ExportActions::addTo(QMenu* menu)
{
    menu->addAction(tr("Current image…"), this, [this] { askImage(ExportImageKind::Current, tr("Export current image")); });
    menu->addAction(tr("Sample grid…"), this, [this] { askImage(ExportImageKind::Samples, tr("Export sample grid")); });
    menu->addAction(tr("Traversal grid…"), this, [this] { askImage(ExportImageKind::Traversal, tr("Export traversal grid")); });
    menu->addAction(tr("Manifold grid…"), this, [this] { askImage(ExportImageKind::Manifold, tr("Export manifold grid")); });
    menu->addAction(tr("Interpolation strip…"), this,
                    [this] { askImage(ExportImageKind::Interpolation, tr("Export interpolation strip")); });
    menu->addAction(tr("Reconstruction grid…"), this,
                    [this] { askImage(ExportImageKind::Reconstructions, tr("Export reconstruction grid")); });
    menu->addSeparator();
    menu->addAction(tr("Interpolation video or GIF…"), this, [this] { askVideo(false); });
    menu->addAction(tr("Recorded morph as video or GIF…"), this, [this] { askVideo(true); });
    menu->addSeparator();
    menu->addAction(tr("Latent codes (CSV)…"), this, [this] {
        const QString path = askPath(tr("Export latent codes"), QStringLiteral("latents.csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            report(tr("Export latent codes"), path, exportLatents(path));
    });
    menu->addAction(tr("Loss history (CSV)…"), this, [this] {
        const QString path = askPath(tr("Export loss history"), QStringLiteral("loss.csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            report(tr("Export loss history"), path, exportLoss(path));
    });
    menu->addAction(tr("Bookmarks (CSV)…"), this, &ExportActions::askBookmarks);
    menu->addAction(tr("Weights for PyTorch…"), this, [this] {
        const QString path = askPath(tr("Export weights for PyTorch"), QStringLiteral("model.pt"), tr("PyTorch weights (*.pt)"));
        if (!path.isEmpty())
            report(tr("Export weights"), path, exportWeights(path));
    });
}

QString ExportActions::askPath(const QString& title, const QString& suggested, const QString& filter)
{
    // The dialog opens where the last export went.
    QSettings settings;
    const QString folder = settings.value(QStringLiteral("export/folder"), QDir::homePath()).toString();
    const QString path = QFileDialog::getSaveFileName(m_window, title, QDir(folder).filePath(suggested), filter);
    if (!path.isEmpty())
        settings.setValue(QStringLiteral("export/folder"), QFileInfo(path).absolutePath());
    return path;
}

void ExportActions::report(const QString& title, const QString& path, const QString& error)
{
    if (!error.isEmpty())
        QMessageBox::warning(m_window, title, error);
    else
        emit exported(path);
}

void ExportActions::askImage(ExportImageKind kind, const QString& title)
{
    const QImage source = image(kind);
    if (source.isNull()) {
        QMessageBox::information(m_window, title, tr("That panel shows nothing yet."));
        return;
    }
    Options o;
    o.scale = defaultScale(source);
    if (!askOptions(m_window, title, o, false, false))
        return;
    const QString path = askPath(title, QStringLiteral("latentlab.png"), tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    report(title, path, exportImage(kind, path, o.scale, o.caption));
}

void ExportActions::askVideo(bool recording)
{
    const QString title = recording ? tr("Export recorded morph") : tr("Export interpolation");
    if (recording && m_explore.recordedFrames().empty()) {
        QMessageBox::information(m_window, title, tr("Nothing recorded yet: press Record in the Explore view and drag a slider."));
        return;
    }
    Options o;
    o.scale = defaultScale(m_explore.currentImage());
    o.fps = recording ? 20 : 15;
    if (!askOptions(m_window, title, o, true, !recording))
        return;
    const QString path = askPath(title, QStringLiteral("morph.mp4"), tr("Video or GIF (*.mp4 *.avi *.gif)"));
    if (path.isEmpty())
        return;
    report(title, path, recording ? exportRecording(path, o.fps, o.scale)
                                  : exportInterpolationVideo(path, o.frames, o.fps, o.scale, o.loop));
}

QImage ExportActions::image(ExportImageKind kind) const
{
    switch (kind) {
    case ExportImageKind::Current:
        return m_explore.decodedImage(kChannelCurrent);
    case ExportImageKind::Samples:
        return m_explorer.gridImageNow(kChannelSamples);
    case ExportImageKind::Traversal:
        return m_explorer.gridImageNow(kChannelTraversal);
    case ExportImageKind::Manifold:
        return m_explorer.gridImageNow(kChannelManifold);
    case ExportImageKind::Interpolation:
        return m_explore.interpolationReady() ? m_explore.decodedImage(kChannelInterpolation) : QImage();
    case ExportImageKind::Reconstructions:
        return m_views.reconstructionImage();
    }
    return {};
}

QString ExportActions::exportImage(ExportImageKind kind, const QString& path, int scale, const QString& caption)
{
    const QImage source = image(kind);
    if (source.isNull())
        return tr("%1: that panel shows nothing yet").arg(path);
#ifdef LATENTLAB_HAVE_PIXELS
    return guarded([&] { writeImage(latentlab::exportImage(fromQImage(source), scale, caption.toStdString()), path.toStdString()); });
#else
    return QString::fromLatin1(kNoPixels);
#endif
}

QString ExportActions::exportInterpolationVideo(const QString& path, int frames, double fps, int scale, bool backAndForth)
{
    const ExploreState s = m_explore.state();
    const auto& a = m_explore.endpoint(0);
    const auto& b = m_explore.endpoint(1);
    if (!s.ready() || a.empty() || b.empty())
        return tr("%1: set the interpolation's end points A and B first (Explore ▸ Interpolation)").arg(path);
#ifdef LATENTLAB_HAVE_PIXELS
    return guarded([&] {
        videoFormatFromPath(path.toStdString());
        std::vector<Image> out;
        for (const Image& f : interpolationFrames(s.model, a, b, frames, m_explore.spherical(), m_explore.endpointCondition(0),
                                                     backAndForth, m_explore.endpointCondition(1)))
            out.push_back(latentlab::exportImage(f, scale));
        writeVideo(out, path.toStdString(), fps);
    });
#else
    return QString::fromLatin1(kNoPixels);
#endif
}

QString ExportActions::exportRecording(const QString& path, double fps, int scale)
{
    const auto& frames = m_explore.recordedFrames();
    if (frames.empty())
        return tr("%1: nothing recorded").arg(path);
#ifdef LATENTLAB_HAVE_PIXELS
    return guarded([&] {
        videoFormatFromPath(path.toStdString());
        std::vector<Image> out;
        for (const QImage& f : frames)
            out.push_back(latentlab::exportImage(fromQImage(f), scale));
        writeVideo(out, path.toStdString(), fps);
    });
#else
    return QString::fromLatin1(kNoPixels);
#endif
}

QString ExportActions::exportLatents(const QString& path)
{
    const Model& model = m_session.latestModel();
    const Dataset& data = m_session.latestData();
    if (model.empty() || data.empty())
        return tr("%1: no model yet (train one or open a checkpoint)").arg(path);
    return guarded([&] { writeTextFile(path.toStdString(), latentsCsv(model.encode(data, true), data.info().classNames)); });
}

QString ExportActions::exportLoss(const QString& path)
{
    const auto history = m_session.history();
    if (history.empty())
        return tr("%1: no epoch has finished yet").arg(path);
    return guarded([&] { writeTextFile(path.toStdString(), lossHistoryCsv(history)); });
}

void ExportActions::askBookmarks()
{
    const QString path = askPath(tr("Export bookmarks"), QStringLiteral("bookmarks.csv"), tr("CSV (*.csv)"));
    if (!path.isEmpty())
        report(tr("Export bookmarks"), path, exportBookmarks(path));
}

QString ExportActions::exportBookmarks(const QString& path)
{
    if (m_explore.bookmarks().empty())
        return tr("%1: there are no bookmarks yet (Bookmarks > Add bookmark)").arg(path);
    return guarded([&] { writeTextFile(path.toStdString(), m_explore.bookmarksCsv()); });
}

QString ExportActions::exportWeights(const QString& path)
{
    const Model& model = m_session.latestModel();
    if (model.empty())
        return tr("%1: no model yet (train one or open a checkpoint)").arg(path);
    return guarded([&] { latentlab::exportWeights(model, path.toStdString()); });
}

} // namespace latentlab::ui
