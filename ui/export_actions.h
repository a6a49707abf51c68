// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Export menu: images of any panel as PNG (scale, caption), the interpolation or a recorded
// slider morph as MP4/AVI/GIF, latent codes and loss history as CSV, weights for Python. Each
// export is a job: what it writes is gathered on the GUI thread (the state shown now), the writing
// runs on a worker thread behind a progress dialog with Cancel (a cancelled export leaves no
// file, and an earlier file of that name as it was). Each also has a non-interactive form (path
// and options in, error text out) that tests drive directly.
#include "core/error.h"

#include <QImage>
#include <QObject>

#include <functional>

class QMenu;
class QWidget;

namespace latentlab::ui {

class Document;
class Exploration;
class ExploreView;
class TrainingSession;

enum class ExportImageKind { Current, Samples, Traversal, Manifold, Interpolation, Reconstructions };

/// One export: `error` when there is nothing to export, else `run` writes it (on any thread; it
/// holds copies of what it needs and reports its steps).
struct ExportJob {
    QString error;
    std::function<void(const StepProgress&)> run;
};

/// Where a video export goes when this system cannot write the format asked for: an MP4 without an
/// H.264 encoder becomes a GIF of the same name (what players accept); otherwise `path` itself.
QString playableVideoPath(const QString& path, bool canWriteH264);

class ExportActions : public QObject {
    Q_OBJECT
public:
    /// Exports what `document` trained and explores (shown by `explorer`), and the reconstructions
    /// of its shown epoch; dialogs open over `window`.
    ExportActions(Document& document, const ExploreView& explorer, QWidget* window);
    void addTo(QMenu* menu);

    /// The image an export of `kind` writes: what its panel shows for the current state (a grid
    /// whose tab is hidden is decoded now, as its tab would show it); null without a model.
    QImage image(ExportImageKind kind) const;
    /// The jobs, for the state shown now.
    ExportJob imageJob(ExportImageKind kind, const QString& path, int scale, const QString& caption) const;
    ExportJob interpolationVideoJob(const QString& path, int frames, double fps, int scale, bool backAndForth) const;
    ExportJob recordingJob(const QString& path, double fps, int scale) const;
    ExportJob latentsJob(const QString& path) const;
    /// The Explore scatter as laid out now (plane, t-SNE or UMAP map): index, split, label, x, y.
    ExportJob mapJob(const QString& path) const;
    ExportJob lossJob(const QString& path) const;
    ExportJob bookmarksJob(const QString& path) const;
    ExportJob weightsJob(const QString& path) const;
    /// Each runs its job here and now; "" on success, else what went wrong (naming the file).
    QString exportImage(ExportImageKind kind, const QString& path, int scale, const QString& caption);
    QString exportInterpolationVideo(const QString& path, int frames, double fps, int scale, bool backAndForth);
    QString exportRecording(const QString& path, double fps, int scale);
    QString exportLatents(const QString& path);
    QString exportMap(const QString& path);
    QString exportLoss(const QString& path);
    QString exportBookmarks(const QString& path);
    /// Asks where (the last export folder) and writes the bookmarks CSV.
    void askBookmarks();
    QString exportWeights(const QString& path);

signals:
    /// An export from the menu was written (the window says so).
    void exported(const QString& path);
    /// An export from the menu was cancelled; nothing was written.
    void cancelled(const QString& path);

private:
    /// Runs `job` behind a progress dialog; then a warning with its error, a note that it was
    /// cancelled, or exported(path).
    void run(const QString& title, const QString& path, const ExportJob& job);
    void askImage(ExportImageKind kind, const QString& title);
    void askVideo(bool recording);
    QString askPath(const QString& title, const QString& suggested, const QString& filter);
    Document& m_document;
    TrainingSession& m_session;
    Exploration& m_explore;
    const ExploreView& m_explorer;
    QWidget* m_window;
};

} // namespace latentlab::ui
