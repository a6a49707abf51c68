// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The application window, a shell: the Train and Explore tabs over the run (TrainingSession) and its
// exploration (Exploration), the menus and their actions, the status bar, lessons and presentation mode.
#include "core/session/session_file.h"
#include "ui/models/exploration.h"
#include "ui/models/training_session.h"

#include <QFont>
#include <QImage>
#include <QMainWindow>

#include <map>
#include <optional>
#include <vector>

class QAction;
class QLabel;
class QMenu;
class QTabWidget;
class QToolBar;

namespace latentlab::ui {

class ExploreView;
class ExportActions;
class LessonPanel;
class SetupPanel;
class TrainViews;

struct LaunchOptions {
    QString dataset, preset;
    int epochs = 0;            // 0 = the preset's
    bool autostart = false;
    QString screenshot;        // save a PNG of the window after the last epoch
    bool quitWhenDone = false;
    bool quitAfterShow = false; // start-up benchmark: exit once the window has been painted
    QString open;              // a checkpoint to open at start
    bool explore = false;      // start on the Explore tab
    QString session;           // a session or lesson file to open at start
    QString follow;            // a run folder to follow at start (latentlab --follow DIR)
    double liveRefresh = -1;   // seconds between mid-epoch views (-1 = the session's default)
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const LaunchOptions& options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// The run this window shows (state, results, files): drive it directly in tests.
    TrainingSession& session() { return m_session; }
    Exploration& exploreModel() { return m_exploration; }
    TrainingController& controller() { return m_session.controller(); }
    /// Epoch views received since the model last changed (the epoch slider's range).
    int snapshotCount() const { return int(m_session.epochs().size()); }
    /// Whether Train is enabled and, if not, why (shown next to the controls).
    bool canTrain() const;
    QString problemText() const;
    /// Folder of the current run's autosaved checkpoint ("" before the first run).
    QString runFolder() const { return m_session.runFolder(); }
    ExploreView* explorer() const { return m_explore; }
    LessonPanel* lessonPanel() const { return m_lessonPanel; }
    SetupPanel* setupPanel() const { return m_setup; }
    TrainViews* trainViews() const { return m_views; }
    /// Shows the Train (0) or Explore (1) tab.
    void showTab(int index);

    /// What the exports read: the newest weights (CPU copy) with their dataset, the reconstruction
    /// grid of the epoch shown, and the per-epoch losses.
    const Model& latestModel() const { return m_session.latestModel(); }
    const Dataset& latestData() const { return m_session.latestData(); }
    QImage reconstructionImage() const;
    std::vector<EpochStats> lossHistory() const { return m_session.history(); }
    ExportActions* exportActions() const { return m_exports; }

    /// Sessions and lessons (main_window_session.cpp). openSession applies the settings, opens the
    /// checkpoint (or starts training for a lesson with autostart) and restores the Explore view once
    /// the model is there (sessionRestored). Both return "" or what went wrong, naming the file.
    QString openSession(const QString& path);
    /// Follows a run folder that another process writes (File > Follow run…, --follow): "" or why not.
    QString followRun(const QString& folder);
    QString saveSession(const QString& path);
    /// The session as it would be saved now (the checkpoint field left for saveSession to fill).
    SessionFile currentSession() const;
    bool presentation() const { return m_presenting; }
    /// Help > About's text: version, license, library versions, the training device.
    QString aboutText() const;
    /// Help > Keyboard shortcuts: (keys, action) for every action that has a shortcut.
    QList<QPair<QString, QString>> shortcutList() const;

public slots:
    /// Presentation mode: full screen, large fonts, advanced controls hidden, captions shown.
    void setPresentation(bool on);
    /// Trains one more epoch, then pauses (starts a run, resumes a paused one, or continues a
    /// finished one).
    void stepOneEpoch();

signals:
    /// A session's Explore state was applied to a freshly arrived model.
    void sessionRestored();

public slots:
    void startTraining();
    /// Restores a checkpoint's settings, history and views; Train then continues it.
    void openCheckpoint(const QString& path);
    /// Encodes an image file in the Explore view (dropping one on the window does the same).
    void encodeImageFile(const QString& path);
    void togglePause() { m_session.togglePause(); }
    void stopTraining() { m_session.stop(); }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    static constexpr double kPresentationFontScale = 1.6; // presentation mode: fonts and the setup panel grow by this
    /// The growth for this window's screen: the full 1.6 from 1080 lines up, less on small
    /// projector screens so that the panels and their captions still fit (1.3 at 700 lines).
    double presentationScale() const;
    void buildMenus();
    void buildStatusBar();
    void applyLaunchOptions();
    void onEpoch(const EpochSnapshot& epoch);
    void onFinished(const QString& message, bool failed);
    /// --screenshot / --quit-when-done after a run (waits for the explorer's decodes when it is shown).
    void finishScripted(bool failed);
    /// Whether the window runs a script (--quit-when-done, --quit-after-show, --screenshot).
    bool scripted() const;
    /// A message box, or stderr and exit 2 in scripted runs (nobody can see a dialog there).
    void reportError(const QString& title, const QString& message);
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void buildSessionMenus(QMenu* file, QMenu* view);
    /// Edit (undo/redo of the Explore edits) and Bookmarks (main_window_edit.cpp).
    void buildEditMenus();
    /// Help (main_window_help.cpp): shortcuts, documentation, About; Esc leaves presentation mode.
    void buildHelpMenu();
    struct FileActions {
        QAction *open, *save;
    };
    /// The File menu; its Open and Save actions go on the tool bar too.
    FileActions buildFileMenu(QMenu* file);
    /// The Training menu; its Train / Pause action goes on the tool bar too.
    QAction* buildTrainingMenu();
    /// The Train tab (setup, lesson text, views) and the Explore tab.
    void buildTabs();
    /// What the window does when the session's run starts, ends, resets or follows.
    void connectSession();
    /// View > Language: the system's, or one the window is translated into (applies at the next start).
    void buildLanguageMenu(QMenu* view);
    void rebuildBookmarksMenu();
    void applyPendingSession();
    void updateCaptions();
    /// Another model is shown (File > Open, Follow): the lesson's title, text and captions go.
    void leaveLesson();
    /// The lesson panel for a session with a description (hidden for one without).
    void showLesson(const QString& path, const SessionFile& session);

    TrainingSession m_session;
    Exploration m_exploration;
    LaunchOptions m_options;
    int m_exitCode = 0;              // a scripted run's exit status once an error was reported
    double m_presentationScale = kPresentationFontScale;
    SetupPanel* m_setup = nullptr;
    TrainViews* m_views = nullptr;
    QLabel *m_epochLabel = nullptr, *m_deviceLabel = nullptr, *m_speedLabel = nullptr, *m_statusLabel = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_bookmarksMenu = nullptr;
    QTabWidget* m_mainTabs = nullptr;
    ExploreView* m_explore = nullptr;
    LessonPanel* m_lessonPanel = nullptr;
    ExportActions* m_exports = nullptr;
    bool m_presenting = false;
    QAction* m_presentationAction = nullptr;
    QAction *m_runAction = nullptr, *m_stopAction = nullptr; // Training menu: enabled like the panel's buttons
    QFont m_normalFont;
    QFont m_normalAppFont; // QApplication::font() outside presentation mode (menus and dialogs)
    QToolBar* m_toolBar = nullptr;  // hidden in presentation mode: its actions are in the menus and the setup panel
    bool m_toolBarShown = true;     // as the user left it before presenting
    QRect m_normalGeometry; // restored when presentation mode ends (also without a window manager)
    std::map<std::string, std::string> m_captions; // the session's captions (defaults otherwise)
    QString m_sessionTitle;
    std::optional<SessionFile> m_pendingSession;  // applied when the session's model arrives
};

} // namespace latentlab::ui
