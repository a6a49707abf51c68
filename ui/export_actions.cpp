// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export_actions.h"

#include "core/export/csv_export.h"
#include "core/export/model_grids.h"
#include "core/export/weights_export.h"
#include "ui/background_job.h"
#include "ui/models/document.h"
#include "ui/explore/explore_view.h"
#include "ui/models/image_convert.h"
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

#ifdef LATENTLAB_HAVE_PIXELS
// The frames upscaled `scale` times (nearest neighbour), written as the path's video format.
void writeScaledVideo(const std::vector<Image>& frames, const std::string& file, double fps, int scale, const StepProgress& progress)
{
    videoFormatFromPath(file);
    std::vector<Image> out;
    for (const Image& f : frames)
        out.push_back(latentlab::exportImage(f, scale));
    writeVideo(out, file, fps, progress);
}
#else
const char* kNoPixels = "this build has no image/video support (built without OpenCV)";
#endif

} // namespace

QString playableVideoPath(const QString& path, bool canWriteH264)
{
    if (canWriteH264 || !path.endsWith(QStringLiteral(".mp4"), Qt::CaseInsensitive))
        return path;
    return path.left(path.size() - 4) + QStringLiteral(".gif");
}

ExportActions::ExportActions(Document& document, const ExploreView& explorer, QWidget* window)
    : QObject(window), m_document(document), m_session(document.session()), m_explore(document.exploration()),
      m_explorer(explorer), m_window(window)
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
            run(tr("Export latent codes"), path, latentsJob(path));
    });
    menu->addAction(tr("Scatter map (CSV)…"), this, [this] {
        const QString path = askPath(tr("Export the scatter's map"), QStringLiteral("map.csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            run(tr("Export the scatter's map"), path, mapJob(path));
    });
    menu->addAction(tr("Loss history (CSV)…"), this, [this] {
        const QString path = askPath(tr("Export loss history"), QStringLiteral("loss.csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            run(tr("Export loss history"), path, lossJob(path));
    });
    menu->addAction(tr("Bookmarks (CSV)…"), this, &ExportActions::askBookmarks);
    menu->addAction(tr("Weights for PyTorch…"), this, [this] {
        const QString path = askPath(tr("Export weights for PyTorch"), QStringLiteral("model.pt"), tr("PyTorch weights (*.pt)"));
        if (!path.isEmpty())
            run(tr("Export weights"), path, weightsJob(path));
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

void ExportActions::run(const QString& title, const QString& path, const ExportJob& job)
{
    if (!job.error.isEmpty()) {
        QMessageBox::warning(m_window, title, job.error);
        return;
    }
    const JobResult r = runInBackground(m_window, title, tr("Writing %1…").arg(QFileInfo(path).fileName()), job.run);
    if (r.cancelled)
        emit cancelled(path);
    else if (!r.error.isEmpty())
        QMessageBox::warning(m_window, title, r.error);
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
    run(title, path, imageJob(kind, path, o.scale, o.caption));
}

void ExportActions::askVideo(bool recording)
{
    const QString title = recording ? tr("Export recorded morph") : tr("Export interpolation");
    if (recording && m_explore.recorder().frames().empty()) {
        QMessageBox::information(m_window, title, tr("Nothing recorded yet: press Record in the Explore view and drag a slider."));
        return;
    }
    Options o;
    o.scale = defaultScale(m_explore.currentImage());
    o.fps = recording ? 20 : 15;
    if (!askOptions(m_window, title, o, true, !recording))
        return;
    QString path = askPath(title, QStringLiteral("morph.mp4"), tr("Video or GIF (*.mp4 *.avi *.gif)"));
    if (path.isEmpty())
        return;
#ifdef LATENTLAB_HAVE_PIXELS
    // No H.264 encoder: say so and offer the next best format rather than write an MP4 nobody plays.
    if (const QString gif = playableVideoPath(path, canWriteH264()); gif != path) {
        const auto answer = QMessageBox::question(
            m_window, title,
            tr("This system's FFmpeg has no H.264 encoder, so it cannot write an MP4 that browsers and slide "
               "software play. Save it as an animated GIF instead (%1)?").arg(QFileInfo(gif).fileName()),
            QMessageBox::Save | QMessageBox::Cancel, QMessageBox::Save);
        if (answer != QMessageBox::Save)
            return;
        path = gif;
    }
#endif
    run(title, path, recording ? recordingJob(path, o.fps, o.scale) : interpolationVideoJob(path, o.frames, o.fps, o.scale, o.loop));
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
        return m_explore.interpolation().ready() ? m_explore.decodedImage(kChannelInterpolation) : QImage();
    case ExportImageKind::Reconstructions:
        return m_document.shownReconstructions();
    }
    return {};
}

// The jobs copy what they need (images, the model snapshot, the dataset's shared tensors) so that
// they can run on another thread while training and the views go on.

ExportJob ExportActions::imageJob(ExportImageKind kind, const QString& path, int scale, const QString& caption) const
{
    const QImage source = image(kind);
    if (source.isNull())
        return {tr("%1: that panel shows nothing yet").arg(path), {}};
#ifdef LATENTLAB_HAVE_PIXELS
    const Image pixels = fromQImage(source);
    const std::string file = path.toStdString(), text = caption.toStdString();
    return {QString(), [=](const StepProgress&) { writeImage(latentlab::exportImage(pixels, scale, text), file); }};
#else
    return {QString::fromLatin1(kNoPixels), {}};
#endif
}

ExportJob ExportActions::interpolationVideoJob(const QString& path, int frames, double fps, int scale, bool backAndForth) const
{
    const Model model = m_explore.model();
    const std::vector<float> a = m_explore.interpolation().endpoint(0), b = m_explore.interpolation().endpoint(1);
    if (model.empty() || m_explore.point().shown().empty() || a.empty() || b.empty())
        return {tr("%1: set the interpolation's end points A and B first (Explore ▸ Interpolation)").arg(path), {}};
#ifdef LATENTLAB_HAVE_PIXELS
    const bool spherical = m_explore.interpolation().spherical();
    const std::vector<float> conditionA = m_explore.interpolation().endpointCondition(0), conditionB = m_explore.interpolation().endpointCondition(1);
    const std::string file = path.toStdString();
    return {QString(), [=](const StepProgress& progress) {
                videoFormatFromPath(file); // a wrong extension before any decoding
                writeScaledVideo(interpolationFrames(model, a, b, frames, spherical, conditionA, backAndForth, conditionB), file,
                                 fps, scale, progress);
            }};
#else
    return {QString::fromLatin1(kNoPixels), {}};
#endif
}

ExportJob ExportActions::recordingJob(const QString& path, double fps, int scale) const
{
    const auto& frames = m_explore.recorder().frames();
    if (frames.empty())
        return {tr("%1: nothing recorded").arg(path), {}};
#ifdef LATENTLAB_HAVE_PIXELS
    std::vector<Image> pixels;
    for (const QImage& f : frames)
        pixels.push_back(fromQImage(f));
    const std::string file = path.toStdString();
    return {QString(), [=](const StepProgress& progress) { writeScaledVideo(pixels, file, fps, scale, progress); }};
#else
    return {QString::fromLatin1(kNoPixels), {}};
#endif
}

ExportJob ExportActions::latentsJob(const QString& path) const
{
    const Model model = m_session.latestModel();
    const Dataset data = m_session.latestData();
    if (model.empty() || data.empty())
        return {tr("%1: no model yet (train one or open a checkpoint)").arg(path), {}};
    const std::string file = path.toStdString();
    return {QString(), [=](const StepProgress& progress) {
                writeTextFile(file, latentsCsv(model.encode(data, true, -1, progress), data.info().classNames));
            }};
}

ExportJob ExportActions::mapJob(const QString& path) const
{
    const ScatterLayout& scatter = m_explore.scatter();
    const LatentCodes& codes = scatter.codes();
    if (codes.count() == 0)
        return {tr("%1: no model yet (train one or open a checkpoint)").arg(path), {}};
    if (scatter.mapped() && scatter.mapStep() < scatter.mapSteps())
        return {tr("%1: the map is still converging (%2 of %3); export it once it is done")
                    .arg(path).arg(scatter.mapStep()).arg(scatter.mapSteps()), {}};
    const std::vector<float> points = scatter.shownProjection().points;
    const std::vector<std::string> split(size_t(codes.count()), "test");
    const std::string file = path.toStdString(), csv = mapCsv(codes, points, 2, split, m_explore.classNames());
    return {QString(), [=](const StepProgress&) { writeTextFile(file, csv); }};
}

ExportJob ExportActions::lossJob(const QString& path) const
{
    const auto history = m_session.history();
    if (history.empty())
        return {tr("%1: no epoch has finished yet").arg(path), {}};
    const std::string file = path.toStdString();
    return {QString(), [=](const StepProgress&) { writeTextFile(file, lossHistoryCsv(history)); }};
}

ExportJob ExportActions::bookmarksJob(const QString& path) const
{
    if (m_explore.point().bookmarks().list().empty())
        return {tr("%1: there are no bookmarks yet (Bookmarks > Add bookmark)").arg(path), {}};
    const std::string file = path.toStdString(), csv = m_explore.point().bookmarks().csv(m_explore.hasModel() ? m_explore.model().info().conditionNames : std::vector<std::string>());
    return {QString(), [=](const StepProgress&) { writeTextFile(file, csv); }};
}

ExportJob ExportActions::weightsJob(const QString& path) const
{
    const Model model = m_session.latestModel();
    if (model.empty())
        return {tr("%1: no model yet (train one or open a checkpoint)").arg(path), {}};
    const std::string file = path.toStdString();
    return {QString(), [=](const StepProgress&) { latentlab::exportWeights(model, file); }};
}

namespace {

QString runNow(const ExportJob& job) { return job.error.isEmpty() ? runHere(job.run).error : job.error; }

} // namespace

QString ExportActions::exportImage(ExportImageKind kind, const QString& path, int scale, const QString& caption)
{
    return runNow(imageJob(kind, path, scale, caption));
}

QString ExportActions::exportInterpolationVideo(const QString& path, int frames, double fps, int scale, bool backAndForth)
{
    return runNow(interpolationVideoJob(path, frames, fps, scale, backAndForth));
}

QString ExportActions::exportRecording(const QString& path, double fps, int scale)
{
    return runNow(recordingJob(path, fps, scale));
}

QString ExportActions::exportLatents(const QString& path) { return runNow(latentsJob(path)); }

QString ExportActions::exportMap(const QString& path) { return runNow(mapJob(path)); }

QString ExportActions::exportLoss(const QString& path) { return runNow(lossJob(path)); }

QString ExportActions::exportBookmarks(const QString& path) { return runNow(bookmarksJob(path)); }

QString ExportActions::exportWeights(const QString& path) { return runNow(weightsJob(path)); }

void ExportActions::askBookmarks()
{
    const QString path = askPath(tr("Export bookmarks"), QStringLiteral("bookmarks.csv"), tr("CSV (*.csv)"));
    if (!path.isEmpty())
        run(tr("Export bookmarks"), path, bookmarksJob(path));
}

} // namespace latentlab::ui
