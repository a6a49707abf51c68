// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One open run and everything the window shows of it, with no widgets (as Tiled's MapDocument owns
// a map and its undo stack): the run (TrainingSession), what is explored of its newest model
// (Exploration, which owns the point with its undo history and bookmarks), the epoch the Train tab
// shows, the tab, presentation mode and log scale, the lesson or session that was opened, and the
// session file's save and restore. The window lays out views over it and holds the actions;
// tests drive a Document with no window.
#include "core/session/session_file.h"
#include "ui/models/exploration.h"
#include "ui/models/training_session.h"

#include <QImage>
#include <QObject>
#include <QString>

#include <map>
#include <optional>
#include <string>

namespace latentlab::ui {

class Document : public QObject {
    Q_OBJECT
public:
    enum class View { Train, Explore };

    explicit Document(QObject* parent = nullptr);
    ~Document() override;

    TrainingSession& session() { return m_session; }
    const TrainingSession& session() const { return m_session; }
    Exploration& exploration() { return m_exploration; }
    const Exploration& exploration() const { return m_exploration; }

    // --- Files -----------------------------------------------------------------------------------
    /// Opens a session or lesson file: its settings apply at once, its checkpoint opens (or, for a
    /// lesson that trains, the config is set and startRequested follows when it autostarts), and
    /// its Explore state is restored once the model arrives (restored). Returns "" or what went
    /// wrong, naming the file; on failure nothing the user had is changed.
    QString open(const QString& path);
    /// Writes the session, with a copy of the shown weights beside it (NAME.llck): a running
    /// training overwrites the run's own checkpoint. Returns "" or what went wrong.
    QString save(const QString& path);
    /// The session as save() would write it (the checkpoint field left for save to fill).
    SessionFile current() const;
    /// Opens a checkpoint; the lesson stays only when it is the lesson's own run. "" or why not.
    QString openCheckpoint(const QString& path);
    /// Follows a run folder another process writes (leaves the lesson). "" or why not.
    QString follow(const QString& folder);

    // --- The lesson or session opened ------------------------------------------------------------
    const QString& lessonPath() const { return m_path; }
    const SessionFile& lesson() const { return m_lesson; }
    /// Whether a lesson's text is shown (a session with a description).
    bool hasLesson() const { return !m_lesson.description.empty(); }
    /// Another model is shown (a checkpoint, a followed run): the lesson's title, text and captions go.
    void leaveLesson();
    /// The lesson's captions per panel with {beta}, {latent}, {epochs}, {lr} and {batch} filled in
    /// from the current settings (a caption that names a setting follows it).
    std::map<std::string, std::string> captions() const;
    /// "LatentLab — <the lesson, checkpoint or followed folder>".
    QString windowTitle() const;

    // --- What the window shows -------------------------------------------------------------------
    View view() const { return m_view; }
    void setView(View view);
    bool presentation() const { return m_presentation; }
    void setPresentation(bool on);
    bool logScale() const { return m_logScale; }
    void setLogScale(bool on);
    /// The epoch the Train tab shows: 1-based into session().epochs(), 0 when there is none. A new
    /// epoch shows itself; the user looks back by setting an earlier one.
    int shownEpoch() const { return m_shownEpoch; }
    void setShownEpoch(int index);
    /// The reconstruction grid of the shown epoch (null when none): what File > Export saves.
    QImage shownReconstructions() const;

signals:
    /// A lesson or session was opened, or left: its title, text and captions changed.
    void lessonChanged();
    /// A setting a caption names changed (captions() reads differently).
    void captionsChanged();
    void titleChanged();
    void viewChanged(latentlab::ui::Document::View view);
    void presentationChanged(bool on);
    void logScaleChanged(bool on);
    void shownEpochChanged(int index);
    /// An opened session's Explore state was applied to its freshly arrived model.
    void restored();
    /// An opened lesson trains at once: the window starts it (and says why when it cannot).
    void startRequested();

private:
    void onEpoch(const EpochSnapshot& epoch);
    void setTitle(const QString& title);

    TrainingSession m_session;
    Exploration m_exploration;
    QString m_path;       // the session or lesson file opened ("" = none)
    SessionFile m_lesson; // its title, text, captions and translations (kept on save)
    QString m_title;      // what the window's title names
    std::optional<SessionFile> m_pending; // applied when the session's model arrives
    View m_view = View::Train;
    bool m_presentation = false, m_logScale = false;
    int m_shownEpoch = 0;
};

} // namespace latentlab::ui
