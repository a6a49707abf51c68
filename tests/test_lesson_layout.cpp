// SPDX-License-Identifier: GPL-3.0-or-later
// Every bundled lesson in presentation mode at 1024x700, 1280x800 and 1920x1080: on both tabs
// nothing lies outside the window, nothing overlaps, no widget is squeezed below the size its
// content needs, and every control the lesson's text mentions is fully visible without scrolling.
// The same at 1024x700 with the window and the lessons in Chinese; and in the first seconds of each
// run (before any epoch) and while following a folder no run has written yet, at all three sizes.
// Each lesson trains for one epoch (faces on 600 images, dSprites on 2,000) so the views hold what
// a class sees.
// About 15 s on 2 cores.
#include "gui_test_support.h"
#include "core/session/session_file.h"
#include "ui/widgets/image_view.h"
#include "ui/explore/neighbours_panel.h"
#include "ui/explore/point_controls.h"
#include "ui/explore/grid_panels.h"
#include "ui/explore/explore_scatter_3d.h"
#include "ui/explore/explore_view.h"
#include "ui/explore/dataset_browser.h"
#include "ui/widgets/latent_scatter.h"
#include "ui/lesson_panel.h"
#include "ui/models/resource_paths.h"
#include "ui/train/setup_panel.h"
#include "ui/widgets/slider_panel.h"
#include "ui/models/translations.h"
#include "ui/train/train_views.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QProgressBar>
#include <QPushButton>
#include <QLabel>
#include <QScrollArea>
#include <QSlider>
#include <QTabBar>
#include <QTabWidget>
#include <qcustomplot.h>

#include <QScopeGuard>

#include <algorithm>
#include <functional>

using namespace latentlab;
using latentlab::ui::MainWindow;

namespace {

// A widget's rectangle in window coordinates, cut by every ancestor (a scroll area's viewport).
QRect shownRect(const QWidget* w, const QWidget* window)
{
    QRect r(w->mapTo(window, QPoint(0, 0)), w->size());
    for (const QWidget* p = w->parentWidget(); p && p != window; p = p->parentWidget())
        r &= QRect(p->mapTo(window, QPoint(0, 0)), p->size());
    return r & window->rect();
}

bool insideScrollArea(const QWidget* w)
{
    for (const QWidget* p = w->parentWidget(); p; p = p->parentWidget())
        if (qobject_cast<const QScrollArea*>(p))
            return true;
    return false;
}

// What a lecturer reads or touches: plots, images, buttons, sliders, boxes, text, tab bars.
bool isContent(const QWidget* w)
{
    if (auto* label = qobject_cast<const QLabel*>(w))
        return !label->text().isEmpty();
    return qobject_cast<const QCustomPlot*>(w) || qobject_cast<const ui::ImageView*>(w) || qobject_cast<const QAbstractButton*>(w)
        || qobject_cast<const QAbstractSlider*>(w) || qobject_cast<const QComboBox*>(w) || qobject_cast<const QAbstractSpinBox*>(w)
        || qobject_cast<const QTabBar*>(w);
}

QString describe(const QWidget* w)
{
    QString name = QString::fromLatin1(w->metaObject()->className());
    if (auto* label = qobject_cast<const QLabel*>(w))
        name += QStringLiteral(" \"%1\"").arg(label->text().left(30));
    if (auto* button = qobject_cast<const QAbstractButton*>(w))
        name += QStringLiteral(" \"%1\"").arg(button->text());
    const QRect r(w->mapTo(w->window(), QPoint(0, 0)), w->size());
    return name + QStringLiteral(" at %1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

// Layouts may round a frame's size a pixel below its hint (QFormLayout beside a wrapped label):
// nothing a viewer can see.
constexpr int kRounding = 2;

// The layout rules for what is visible under `root` in `window`; the first broken one, or empty.
QString layoutProblem(const QWidget* window, const QWidget* root)
{
    std::vector<const QWidget*> shown;
    for (const QWidget* w : root->findChildren<QWidget*>())
        if (w->isVisibleTo(window) && isContent(w) && !shownRect(w, window).isEmpty())
            shown.push_back(w);
    for (const QWidget* w : shown) {
        if (insideScrollArea(w))
            continue; // a scrolled list may cut its items: that is what it is for
        const QRect full(w->mapTo(window, QPoint(0, 0)), w->size());
        if (shownRect(w, window) != full)
            return QStringLiteral("cut off: ") + describe(w);
        const QSize need = w->minimumSizeHint();
        auto* label = qobject_cast<const QLabel*>(w);
        if (label && label->wordWrap()) {
            if (w->height() < label->heightForWidth(w->width()))
                return QStringLiteral("text cut: ") + describe(w);
        } else if (need.isValid() && (w->width() + kRounding < need.width() || w->height() + kRounding < need.height())) {
            return QStringLiteral("squeezed below %1x%2: ").arg(need.width()).arg(need.height()) + describe(w);
        }
    }
    for (size_t i = 0; i < shown.size(); ++i)
        for (size_t j = i + 1; j < shown.size(); ++j) {
            const QWidget *a = shown[i], *b = shown[j];
            if (a->isAncestorOf(b) || b->isAncestorOf(a))
                continue;
            if (shownRect(a, window).intersects(shownRect(b, window)))
                return QStringLiteral("overlap: ") + describe(a) + QStringLiteral(" and ") + describe(b);
        }
    return {};
}

// Readable from the back of a lecture hall (presentation mode, the Train tab): reconstruction tiles
// at least 64 px, every plot at least 150 px tall. (The test's own numbers, as issue 28 asked.)
constexpr int kHallTile = 64, kHallPlot = 150, kHallThumbnail = 24;

// A tick label of one of the plot's axes that runs into its neighbour ("-7.5-5-2.5" on a narrow
// plot), as the plot lays them out now; "" when none does.
QString overlappingTicks(QCustomPlot* plot)
{
    for (int pass = 0; pass < 4; ++pass) { // the ticks of the current size (a plot asks for fewer once laid out)
        plot->replot(QCustomPlot::rpImmediateRefresh);
        QApplication::processEvents();
    }
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
        if (!axis->visible() || !axis->tickLabels())
            continue;
        const QFontMetrics fm(axis->tickLabelFont());
        const QVector<double> ticks = axis->tickVector();
        const QVector<QString> labels = axis->tickVectorLabels();
        std::vector<std::pair<double, double>> spans; // pixels along the axis each label takes
        for (int i = 0; i < ticks.size() && i < labels.size(); ++i) {
            if (!axis->range().contains(ticks[i]) || labels[i].isEmpty())
                continue;
            const double at = axis->coordToPixel(ticks[i]);
            const double half = (axis->orientation() == Qt::Horizontal ? fm.horizontalAdvance(labels[i]) : fm.ascent()) / 2.0;
            spans.push_back({at - half, at + half});
        }
        std::sort(spans.begin(), spans.end());
        for (size_t i = 1; i < spans.size(); ++i)
            if (spans[i].first < spans[i - 1].second)
                return QStringLiteral("%1 axis tick labels overlap (\"%2\")")
                    .arg(axis->orientation() == Qt::Horizontal ? QStringLiteral("x") : QStringLiteral("y"), labels.join(QLatin1Char(' ')));
    }
    return {};
}
QString tooSmallForTheHall(MainWindow& w)
{
    auto* views = w.findChild<ui::TrainViews*>();
    const QSize cell = views->reconstructionView()->cellSize();
    if (cell.width() < kHallTile || cell.height() < kHallTile)
        return QStringLiteral("reconstruction tiles of %1x%2 px").arg(cell.width()).arg(cell.height());
    for (QCustomPlot* plot : views->findChildren<QCustomPlot*>()) {
        if (!plot->isVisibleTo(&w))
            continue;
        if (plot->height() < kHallPlot)
            return QStringLiteral("a plot %1 px tall: ").arg(plot->height()) + describe(plot);
        if (const QString ticks = overlappingTicks(plot); !ticks.isEmpty())
            return ticks + QStringLiteral(": ") + describe(plot);
    }
    return {};
}

// The Explore tab in presentation mode: each grid tab's tiles at least 64 px and the grid filling
// its panel (three quarters of its width or height), the Dataset tab's thumbnails at least 24 px,
// the scatter at least 150 px tall. Decodes arrive on the decode thread: each tab gets a few seconds.
QString exploreTooSmallForTheHall(MainWindow& w)
{
    w.showTab(1);
    ui::ExploreView* e = w.explorer();
    // The slider column has no horizontal scroll bar: narrower than its content, it cuts the values
    // off (once at 1920x1080, where the projector font is largest).
    const ui::PointControls* controls = e->pointControls();
    if (controls->viewport()->width() < controls->widget()->minimumSizeHint().width())
        return QStringLiteral("the slider column cuts its content: %1 of %2 px").arg(controls->viewport()->width())
            .arg(controls->widget()->minimumSizeHint().width());
    if (e->scatter()->height() < kHallPlot)
        return QStringLiteral("the Explore scatter is %1 px tall").arg(e->scatter()->height());
    if (const QString ticks = overlappingTicks(e->scatter()); !ticks.isEmpty())
        return QStringLiteral("the Explore scatter's ") + ticks;
    struct Tab {
        const char* name;
        const ui::ImageView* view;
        int floor;
        bool fills;
    };
    const Tab tabs[] = {{"Samples", e->samplePanel()->view(), kHallTile, true},
                        {"Traversal", e->traversalPanel()->view(), kHallTile, true},
                        {"Manifold", e->manifoldPanel()->view(), kHallTile, true},
                        {"Nearest", e->nearest()->view(), kHallTile, false},
                        {"Dataset", e->datasetBrowser()->view(), kHallThumbnail, true}};
    const QString before = e->exploration().tab();
    auto restore = qScopeGuard([&] { e->exploration().setTab(before); });
    for (const Tab& tab : tabs) {
        e->exploration().setTab(QString::fromLatin1(tab.name));
        QString problem;
        QElapsedTimer clock;
        clock.start();
        do {
            QTest::qWait(50);
            const QSize cell = tab.view->cellSize();
            const QRect drawn = tab.view->targetRect();
            if (!cell.isValid())
                problem = QStringLiteral("nothing drawn");
            else if (cell.width() < tab.floor || cell.height() < tab.floor)
                problem = QStringLiteral("tiles of %1x%2 px").arg(cell.width()).arg(cell.height());
            else if (tab.fills && drawn.width() * 4 < tab.view->width() * 3 && drawn.height() * 4 < tab.view->height() * 3)
                problem = QStringLiteral("a %1x%2 grid in a %3x%4 panel").arg(drawn.width()).arg(drawn.height())
                              .arg(tab.view->width()).arg(tab.view->height());
            else
                problem.clear();
        } while (!problem.isEmpty() && clock.elapsed() < 5000);
        if (!problem.isEmpty())
            return QString::fromLatin1(tab.name) + QStringLiteral(" tab: ") + problem;
    }
    return {};
}

bool fullyShown(const QWidget* w, const QWidget* window)
{
    return w && w->isVisibleTo(window) && shownRect(w, window) == QRect(w->mapTo(window, QPoint(0, 0)), w->size());
}

bool tabShown(QTabWidget* tabs, const QString& title, const QWidget* window)
{
    for (int i = 0; i < tabs->count(); ++i)
        if (tabs->tabText(i) == QCoreApplication::translate("latentlab::ui::ExploreView", title.toUtf8().constData())) {
            const QRect r = tabs->tabBar()->tabRect(i).translated(tabs->tabBar()->mapTo(window, QPoint(0, 0)));
            return fullyShown(tabs->tabBar(), window) && tabs->tabBar()->rect().contains(tabs->tabBar()->tabRect(i))
                && window->rect().contains(r);
        }
    return false;
}

// The controls each lesson's text names, by lesson file; a new lesson must say what it mentions.
using Mentioned = std::function<QStringList(MainWindow&)>;

QStringList missing(MainWindow& w, int tab, const std::vector<std::pair<const char*, const QWidget*>>& controls)
{
    w.showTab(tab);
    QApplication::processEvents();
    QStringList out;
    for (const auto& [name, control] : controls) {
        if (!fullyShown(control, &w))
            out << QString::fromLatin1(name);
        // A slider squeezed to its handle is shown, but no hand can drag it (once at 1024x700).
        auto* slider = qobject_cast<const QSlider*>(control);
        if (slider && slider->orientation() == Qt::Horizontal && slider->width() < slider->fontMetrics().horizontalAdvance(QStringLiteral("MMMM")))
            out << QString::fromLatin1(name) + QStringLiteral(" (%1 px wide)").arg(slider->width());
    }
    return out;
}

QStringList missingTabs(MainWindow& w, const QStringList& titles)
{
    w.showTab(1);
    QApplication::processEvents();
    QStringList out;
    for (const QString& t : titles)
        if (!tabShown(w.explorer()->tabs(), t, &w))
            out << t + QStringLiteral(" tab");
    return out;
}

const std::map<QString, Mentioned>& mentionedControls()
{
    static const std::map<QString, Mentioned> table = {
        {QStringLiteral("01-ae-holes"), [](MainWindow& w) {
             return missing(w, 0, {{"Train scatter", w.findChild<ui::TrainViews*>()->scatter()}, {"Next lesson", w.lessonPanel()->nextButton()}})
                 + missing(w, 1, {{"Explore scatter", w.explorer()->scatter()}});
         }},
        {QStringLiteral("02-vae-fills"), [](MainWindow& w) {
             return missing(w, 0, {{"Train scatter", w.findChild<ui::TrainViews*>()->scatter()}, {"Next lesson", w.lessonPanel()->nextButton()}})
                 + missing(w, 1, {{"Explore scatter", w.explorer()->scatter()}}) + missingTabs(w, {QStringLiteral("Manifold")});
         }},
        {QStringLiteral("03-beta"), [](MainWindow& w) {
             return missing(w, 0, {{"KL bars", w.findChild<ui::TrainViews*>()->klPlot()},
                                   {"metrics plot", w.findChild<ui::TrainViews*>()->metricsPlot()},
                                   {"Beta", w.findChild<ui::SetupPanel*>()->paramBox("beta")},
                                   {"Train", w.findChild<ui::SetupPanel*>()->trainButton()},
                                   {"Next lesson", w.lessonPanel()->nextButton()}})
                 + missingTabs(w, {QStringLiteral("Traversal")});
         }},
        {QStringLiteral("04-condition-sliders"), [](MainWindow& w) {
             const ui::SliderPanel* conditions = w.explorer()->conditionSliders();
             if (conditions->count() < 2)
                 return QStringList {QStringLiteral("condition sliders (none)")};
             return missing(w, 1, {{"Smiling slider", conditions->slider(0)}, {"Male slider", conditions->slider(1)},
                                   {"Explore scatter", w.explorer()->scatter()}})
                 + missingTabs(w, {QStringLiteral("Samples")});
         }},
        {QStringLiteral("05-add-smile"), [](MainWindow& w) {
             return missing(w, 1, {{"attribute", w.explorer()->attributeChoice()}, {"amount", w.explorer()->attributeAmount()},
                                   {"Explore scatter", w.explorer()->scatter()}})
                 + missingTabs(w, {QStringLiteral("Dataset")});
         }},
        {QStringLiteral("06-three-numbers"), [](MainWindow& w) {
             return missing(w, 0, {{"Train scatter", w.findChild<ui::TrainViews*>()->scatter()}})
                 + missing(w, 1, {{"3-D scatter", w.explorer()->findChild<ui::ExploreScatter3D*>()}})
                 + missingTabs(w, {QStringLiteral("Nearest")});
         }},
    };
    return table;
}

} // namespace

class TestLessonLayout : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QStringList m_lessons; // the bundled lessons, shortened to one epoch, in a resource folder of the test's

private slots:
    void initTestCase()
    {
        testing::prepareWindowTests(m_dir);
        const QStringList bundled = ui::lessonFiles();
        QVERIFY2(bundled.size() >= 4, qPrintable(ui::resourceDir()));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("resources/lessons"))));
        for (const QString& path : bundled) {
            SessionFile s = readSession(path.toStdString());
            s.config.training.epochs = 1;
            if (s.config.dataset.rfind("synthfaces", 0) == 0)
                s.config.dataset = "synthfaces:600,seed=3";
            if (s.config.dataset.rfind("dsprites", 0) == 0)
                s.config.dataset = "dsprites:2000";
            writeSession(m_dir.filePath(QStringLiteral("resources/lessons/") + QFileInfo(path).fileName()).toStdString(), s);
        }
        qputenv("LATENTLAB_RESOURCES", m_dir.filePath(QStringLiteral("resources")).toUtf8());
        m_lessons = ui::lessonFiles();
        QCOMPARE(m_lessons.size(), bundled.size());
    }

    // In English at three sizes; in Chinese (its texts and labels differ in length) at the smallest.
    void everyLessonFitsEveryScreen_data()
    {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QString>("language");
        for (const QString& l : m_lessons)
            QTest::newRow(qPrintable(QFileInfo(l).completeBaseName())) << l << QStringLiteral("en");
        for (const QString& l : m_lessons)
            QTest::newRow(qPrintable(QFileInfo(l).completeBaseName() + QStringLiteral(" zh_CN"))) << l << QStringLiteral("zh_CN");
    }
    void everyLessonFitsEveryScreen()
    {
        QFETCH(QString, lesson);
        QFETCH(QString, language);
        const auto mentioned = mentionedControls().find(QFileInfo(lesson).completeBaseName());
        QVERIFY2(mentioned != mentionedControls().end(), "add the controls this lesson mentions to the table");
        QCOMPARE(ui::installTranslations(language), language);
        auto english = qScopeGuard([] { ui::installTranslations(QStringLiteral("en")); });
        MainWindow w;
        w.show();
        QCOMPARE(w.openSession(lesson), QString());
        QVERIFY(w.presentation());
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().running(), 30000);
        // The first seconds of a run, before any epoch: the views are empty, nothing may collapse.
        if (w.session().epochs().empty()) {
            for (const QSize screen : {QSize(1024, 700), QSize(1280, 800), QSize(1920, 1080)}) {
                w.showNormal();
                w.resize(screen);
                w.showTab(0);
                QApplication::processEvents();
                const QString problem = layoutProblem(&w, &w);
                QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("%1x%2 before the first epoch: ").arg(screen.width()).arg(screen.height()) + problem));
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().running(), 240000);
        QTRY_VERIFY_WITH_TIMEOUT(w.explorer()->exploration().hasModel(), 30000);
        const QList<QSize> screens = language == QLatin1String("en") ? QList<QSize> {QSize(1024, 700), QSize(1280, 800), QSize(1920, 1080)}
                                                                     : QList<QSize> {QSize(1024, 700)};
        const QString title = w.windowTitle();
        if (language != QLatin1String("en")) // the lesson's own title is in that language
            QVERIFY2(std::any_of(title.begin(), title.end(), [](QChar c) { return c.unicode() >= 0x4e00; }), qPrintable(title));
        for (const QSize screen : screens) {
            const QString where = QStringLiteral("%1x%2: ").arg(screen.width()).arg(screen.height());
            w.showNormal(); // offscreen there is no screen to fill: lay it out at the size under test
            w.resize(screen);
            QApplication::processEvents();
            const QSize need = w.minimumSizeHint();
            QVERIFY2(need.width() <= screen.width() && need.height() <= screen.height(),
                     qPrintable(where + QStringLiteral("needs %1x%2").arg(need.width()).arg(need.height())));
            QCOMPARE(w.size(), screen);
            for (int tab : {0, 1}) {
                w.showTab(tab);
                QApplication::processEvents();
                const QString problem = layoutProblem(&w, &w);
                QVERIFY2(problem.isEmpty(), qPrintable(where + QStringLiteral("tab %1: ").arg(tab) + problem));
                const QString small = tab == 0 ? tooSmallForTheHall(w) : exploreTooSmallForTheHall(w);
                QVERIFY2(small.isEmpty(), qPrintable(where + QStringLiteral("too small for a lecture hall: ") + small));
            }
            const QStringList hidden = mentioned->second(w);
            QVERIFY2(hidden.isEmpty(), qPrintable(where + QStringLiteral("not fully visible: ") + hidden.join(QStringLiteral(", "))));
        }
        // Out of presentation mode the window still fits the smallest screen (it once forced 1216 px).
        w.setPresentation(false);
        QApplication::processEvents();
        QVERIFY2(w.minimumSizeHint().width() <= 1024 && w.minimumSizeHint().height() <= 700,
                 qPrintable(QStringLiteral("normal mode needs %1x%2").arg(w.minimumSizeHint().width()).arg(w.minimumSizeHint().height())));
    }

    // Following a folder no run has written yet: every view empty, in presentation mode too.
    void followingAnEmptyFolderFits()
    {
        QTemporaryDir empty;
        MainWindow w;
        w.show();
        QCOMPARE(w.followRun(empty.path()), QString());
        for (bool presenting : {false, true}) {
            w.setPresentation(presenting);
            QApplication::processEvents(); // full screen first: then each size below
            for (const QSize screen : {QSize(1024, 700), QSize(1280, 800), QSize(1920, 1080)}) {
                w.showNormal();
                w.resize(screen);
                for (int tab : {0, 1}) {
                    w.showTab(tab);
                    QApplication::processEvents();
                    const QString problem = layoutProblem(&w, &w);
                    QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("%1x%2%3 tab %4: ").arg(screen.width()).arg(screen.height())
                                                               .arg(presenting ? QStringLiteral(" presenting") : QString()).arg(tab) + problem));
                    // The bar's words on one line (a second one is cut in half by the bar), after the font and the width changed.
                    const QProgressBar* bar = w.findChild<QProgressBar*>();
                    QVERIFY2(bar->fontMetrics().horizontalAdvance(bar->text()) <= bar->width() - 8, qPrintable(bar->text()));
                }
            }
        }
    }
};

QTEST_MAIN(TestLessonLayout)
#include "test_lesson_layout.moc"
