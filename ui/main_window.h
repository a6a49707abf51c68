// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The application window, a shell: the Train and Explore tabs over the run (TrainingSession) and its
// exploration (Exploration), the menus and their actions, the status bar, lessons and presentation mode.
#include "core/session/session_file.h"
#include "ui/models/document.h"

#include <QFont>
#include <QImage>
#include <QMainWindow>

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

    /// The open run and what the window shows of it: drive it directly in tests.
    Document& document() { return m_document; }
    TrainingSession& session() { return m_document.session(); }
    Exploration& exploration() { return m_document.exploration(); }
    TrainingController& controller() { return session().controller(); }
    /// Epoch views received since the model last changed (the epoch slider's range).
    int snapshotCount() const { return int(m_document.session().epochs().size()); }
    /// Whether Train is enabled and, if not, why (shown next to the controls).
    bool canTrain() const;
    QString problemText() const;
    /// Folder of the current run's autosaved checkpoint ("" before the first run).
    QString runFolder() const { return m_document.session().runFolder(); }
    ExploreView* explorer() const { return m_explore; }
    LessonPanel* lessonPanel() const { return m_lessonPanel; }
    SetupPanel* setupPanel() const { return m_setup; }
    TrainViews* trainViews() const { return m_views; }
    /// Shows the Train (0) or Explore (1) tab.
    void showTab(int index);

    /// What the exports read: the newest weights (CPU copy) with their dataset, the reconstruction
    /// grid of the epoch shown, and the per-epoch losses.
    const Model& latestModel() const { return m_document.session().latestModel(); }
    const Dataset& latestData() const { return m_document.session().latestData(); }
    QImage reconstructionImage() const { return m_document.shownReconstructions(); }
    std::vector<EpochStats> lossHistory() const { return m_document.session().history(); }
    ExportActions* exportActions() const { return m_exports; }

    /// Sessions and lessons (Document::open, save): "" or what went wrong, naming the file.
    QString openSession(const QString& path) { return m_document.open(path); }
    /// Follows a run folder that another process writes (File > Follow run…, --follow): "" or why not.
    QString followRun(const QString& folder) { return m_document.follow(folder); }
    QString saveSession(const QString& path);
    SessionFile currentSession() const { return m_document.current(); }
    bool presentation() const { return m_document.presentation(); }
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

public slots:
    void startTraining();
    /// Restores a checkpoint's settings, history and views; Train then continues it.
    void openCheckpoint(const QString& path);
    /// Encodes an image file in the Explore view (dropping one on the window does the same).
    void encodeImageFile(const QString& path);
    void togglePause() { session().togglePause(); }
    void stopTraining() { session().stop(); }

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
    void updateCaptions();
    /// Presentation mode on or off, as the document says: fonts, full screen, tool bar, captions.
    void applyPresentation(bool on);
    /// The lesson panel for the document's lesson (hidden for a session without a text).
    void showLesson();

    Document m_document;
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
    QAction* m_presentationAction = nullptr;
    QAction *m_runAction = nullptr, *m_stopAction = nullptr; // Training menu: enabled like the panel's buttons
    QToolBar* m_toolBar = nullptr;  // hidden in presentation mode: its actions are in the menus and the setup panel
    /// What presentation mode changes, as it was before: restored when it ends.
    struct NormalLook {
        QFont font;
        QFont appFont;            // QApplication::font() (menus and dialogs)
        QRect geometry;           // (also without a window manager)
        bool toolBarShown = true; // as the user left it
    } m_normal;
};

} // namespace latentlab::ui
