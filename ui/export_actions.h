// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Export menu: images of any panel as PNG (scale, caption), the interpolation or a recorded
// slider morph as MP4/AVI/GIF, latent codes and loss history as CSV, weights for Python. Each
// action has a non-interactive form (path and options in, error text out) that the menu's
// dialogs call and tests drive directly.
#include <QImage>
#include <QObject>

class QMenu;
class QWidget;

namespace latentlab::ui {

class ExploreModel;
class ExploreView;
class TrainViews;
class TrainingSession;

enum class ExportImageKind { Current, Samples, Traversal, Manifold, Interpolation, Reconstructions };

class ExportActions : public QObject {
    Q_OBJECT
public:
    /// Exports what `session` trained, what `explore` (shown by `explorer`) shows and the
    /// reconstructions `views` show; dialogs open over `window`.
    ExportActions(TrainingSession& session, ExploreModel& explore, const ExploreView& explorer, const TrainViews& views,
                  QWidget* window);
    void addTo(QMenu* menu);

    /// The image an export of `kind` writes: what its panel shows for the current state (a grid
    /// whose tab is hidden is decoded now, as its tab would show it); null without a model.
    QImage image(ExportImageKind kind) const;
    /// Each returns "" on success, else what went wrong (naming the file).
    QString exportImage(ExportImageKind kind, const QString& path, int scale, const QString& caption);
    QString exportInterpolationVideo(const QString& path, int frames, double fps, int scale, bool backAndForth);
    QString exportRecording(const QString& path, double fps, int scale);
    QString exportLatents(const QString& path);
    QString exportLoss(const QString& path);
    QString exportBookmarks(const QString& path);
    /// Asks where (the last export folder) and writes the bookmarks CSV.
    void askBookmarks();
    QString exportWeights(const QString& path);

signals:
    /// An export from the menu was written (the window says so).
    void exported(const QString& path);

private:
    /// A warning with `error`, or exported(path) when it is empty.
    void report(const QString& title, const QString& path, const QString& error);
    void askImage(ExportImageKind kind, const QString& title);
    void askVideo(bool recording);
    QString askPath(const QString& title, const QString& suggested, const QString& filter);
    TrainingSession& m_session;
    ExploreModel& m_explore;
    const ExploreView& m_explorer;
    const TrainViews& m_views;
    QWidget* m_window;
};

} // namespace latentlab::ui
