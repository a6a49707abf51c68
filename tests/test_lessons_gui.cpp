// SPDX-License-Identifier: GPL-3.0-or-later
// Sessions, lessons, presentation mode and the Export menu in the real window (offscreen):
// a saved session restores the same decoded image bit for bit, the same seed gives the same loss
// curve, Step trains exactly one epoch, and every export from the window reads back.
#include "gui_test_support.h"
#include "core/pixels/pixel_datasets.h"
#include "core/pixels/video_io.h"
#include "core/models/presets.h"
#include "core/session/session_file.h"
#include "core/training/trainer.h"
#include "ui/explore/explore_view.h"
#include "ui/background_job.h"
#include "ui/export_actions.h"
#include "ui/explore/grid_panels.h"
#include "ui/widgets/image_view.h"
#include "ui/explore/interpolation_panel.h"
#include "ui/widgets/loss_plot.h"
#include "ui/train/train_views.h"
#include "ui/train/setup_panel.h"
#include "ui/lesson_panel.h"
#include "ui/widgets/latent_scatter.h"
#include "ui/widgets/loss_plot.h"
#include "ui/main_window.h"
#include "ui/models/training_worker.h"
#include "ui/models/resource_paths.h"
#include "ui/widgets/slider_panel.h"

#include <QComboBox>
#include <QMenu>
#include <QMenuBar>
#include <QInputDialog>
#include <QProgressDialog>
#include <QLabel>

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QPushButton>
#include <QtTest>
#include <qcustomplot.h>

#include <atomic>
#include <thread>

using namespace latentlab;
using namespace latentlab::testing;
using latentlab::ui::ExploreView;
using latentlab::ui::ExportImageKind;
using latentlab::ui::MainWindow;

namespace {
int lineCount(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? int(f.readAll().count('\n')) : -1;
}
} // namespace

class TestLessonsGui : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_digits, m_vae, m_cvae;

    QString writeSessionFile(const QString& name, const std::string& body)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(body.data(), qint64(body.size()));
        return path;
    }

private slots:
    void initTestCase()
    {
        m_digits = prepareWindowTests(m_dir);
        m_vae = trainCheckpoint(m_dir, "mlp-vae", m_digits, QStringLiteral("vae.llck"), 2, 3);
        m_cvae = trainCheckpoint(m_dir, "mlp-cvae", m_digits, QStringLiteral("cvae.llck"), 1, 3);
    }

    void sessionRestoresTheSameImageBitForBit()
    {
        const QString session = m_dir.filePath(QStringLiteral("demo.json"));
        QImage saved;
        ExploreSettings before;
        {
            MainWindow w;
            w.show();
            openAndWait(w, m_vae);
            ExploreView* x = w.explorer();
            x->attributeChoice()->setCurrentIndex(x->attributeChoice()->findText(QStringLiteral("class: 3")));
            x->exploration().interpolation().setEndpoint(0, {0.5f, -1, 0.25f});
            x->exploration().interpolation().setEndpoint(1, {-1, 1, 2});
            x->tabs()->setCurrentIndex(1);
            x->exploration().scatter().setDimensions(1, 3);
            nextImage(x, [&] { x->latentSliders()->slider(1)->setValue(-170); });
            saved = nextImage(x, [&] { x->attributeAmount()->setValue(120); });
            QVERIFY(!saved.isNull());
            before = x->exploration().settings();
            QCOMPARE(w.saveSession(session), QString());
        }
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("demo.llck")))); // its own copy of the weights

        MainWindow w;
        openSessionAndWait(w, session);
        ExploreView* x = w.explorer();
        QTRY_VERIFY_WITH_TIMEOUT(x->currentView()->image() == saved, 10000);
        QCOMPARE(x->currentView()->image().constBits()[0], saved.constBits()[0]);
        QVERIFY(x->currentView()->image() == saved); // QImage == compares every pixel
        const ExploreSettings after = x->exploration().settings();
        QVERIFY(after.point == before.point);
        QCOMPARE(after.attribute, std::string("class: 3"));
        QCOMPARE(after.amount, 120);
        QVERIFY(after.interpolationB == before.interpolationB);
        QCOMPARE(after.scatterDimX, 1);
        QCOMPARE(after.scatterDimY, 3);
        QCOMPARE(x->tabs()->currentIndex(), 1);
        QCOMPARE(w.findChild<QTabWidget*>()->currentIndex(), 1); // saved on the Explore tab
    }

    void reopenedSessionShowsTheSourceImageAndTheSameMap()
    {
        const QString session = m_dir.filePath(QStringLiteral("source.json"));
        QImage source;
        Projection2D map;
        std::vector<float> point;
        {
            MainWindow w;
            w.show();
            openAndWait(w, m_vae);
            ExploreView* x = w.explorer();
            nextImage(x, [&] { x->exploration().encodeTestImage(5); });
            source = x->sourceView()->image();
            QVERIFY(!source.isNull());
            map = x->scatter()->projection();
            point = x->exploration().point().latent();
            QCOMPARE(w.saveSession(session), QString());
        }
        MainWindow w;
        openSessionAndWait(w, session);
        ExploreView* x = w.explorer();
        QVERIFY(x->sourceView()->image() == source);
        QVERIFY(x->exploration().point().latent() == point); // shown again, not encoded again
        QVERIFY(x->scatter()->projection().axis1 == map.axis1);
        QVERIFY(x->scatter()->projection().axis2 == map.axis2);
    }

    void brokenSessionsAreRefusedAndNothingIsLost()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae);
        const auto point = w.explorer()->exploration().point().latent();
        const QString bad = writeSessionFile(QStringLiteral("bad.json"),
                                             "{\"format\": \"latentlab-session\", \"preset\": \"mlp-vae\", \"checkpoint\": \"gone.llck\"}");
        QVERIFY(w.openSession(bad).contains(QLatin1String("gone.llck")));
        const QString junk = writeSessionFile(QStringLiteral("junk.json"), "{]");
        QVERIFY(w.openSession(junk).contains(QLatin1String("junk.json")));
        QVERIFY(w.explorer()->exploration().point().latent() == point);
        QCOMPARE(w.saveSession(m_dir.filePath(QStringLiteral("no/such/dir/s.json"))).isEmpty(), false);
    }

    void sameSeedSameLossCurve()
    {
        // (moc cannot read raw string literals, hence the escapes)
        const std::string body = "{\"format\": \"latentlab-session\", \"preset\": \"mlp-vae\", \"autostart\": true, "
                                 "\"overrides\": {\"dataset\": \"" + m_digits.toStdString() +
                                 "\", \"latent\": 2, \"epochs\": 2, \"seed\": 5, \"batch\": 64}}";
        const QString path = writeSessionFile(QStringLiteral("seeded.json"), body);
        std::vector<std::vector<double>> curves;
        for (int run = 0; run < 2; ++run) {
            MainWindow w;
            w.show();
            QSignalSpy done(&w.session(), &ui::TrainingSession::finished);
            QCOMPARE(w.openSession(path), QString());
            QVERIFY(done.wait(120000));
            std::vector<double> curve;
            for (const EpochStats& e : w.lossHistory())
                curve.insert(curve.end(), {e.trainLoss, e.testLoss});
            QCOMPARE(int(curve.size()), 4);
            curves.push_back(curve);
        }
        QVERIFY(curves[0] == curves[1]);
    }

    void stepTrainsOneEpochThenPauses()
    {
        ui::LaunchOptions options;
        options.dataset = m_digits;
        options.preset = QStringLiteral("mlp-vae");
        MainWindow w(options);
        w.show();
        QVERIFY2(w.canTrain(), qPrintable(w.problemText()));
        QSignalSpy epochs(&w.session(), &ui::TrainingSession::epochFinished);
        w.stepOneEpoch();
        QVERIFY(epochs.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().paused(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().worker().holdingPause(), 10000); // held after one epoch
        QApplication::processEvents();
        QCOMPARE(epochs.count(), 1);
        w.stepOneEpoch();
        QVERIFY(epochs.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().paused(), 5000);
        QCOMPARE(epochs.count(), 2);
        w.stopTraining();
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().running(), 10000);
    }

    void presentationModeEnlargesAndExplains()
    {
        MainWindow w;
        w.show();
        const qreal normal = w.font().pointSizeF();
        QSpinBox* batch = nullptr;
        for (QSpinBox* s : w.findChildren<QSpinBox*>())
            if (s->toolTip().contains(QLatin1String("Images per optimizer step")))
                batch = s;
        QVERIFY(batch && batch->isVisibleTo(&w));
        auto visibleCaptions = [&] {
            int n = 0;
            for (QLabel* l : w.findChildren<QLabel*>(QStringLiteral("panelCaption")))
                n += l->isVisibleTo(&w) && !l->text().isEmpty();
            return n;
        };
        QCOMPARE(visibleCaptions(), 0);
        QCustomPlot* plot = w.findChild<QCustomPlot*>();
        const double ticks = plot->xAxis->tickLabelFont().pointSizeF();
        w.setPresentation(true);
        QVERIFY(w.font().pointSizeF() > normal * 1.25); // 1.3 on a small screen (offscreen: 800x600), up to 1.6
        // The plots' text grows with the window's (QCustomPlot does not follow fonts by itself).
        QVERIFY2(plot->xAxis->tickLabelFont().pointSizeF() > ticks * 1.3, qPrintable(QString::number(plot->xAxis->tickLabelFont().pointSizeF())));
        QVERIFY(!batch->isVisibleTo(&w));
        // The setup panel grows with the font: the dataset name is not cut off.
        for (QComboBox* c : w.findChildren<QComboBox*>())
            if (c->toolTip().startsWith(QLatin1String("Dataset spec"))) {
                QVERIFY(c->isVisibleTo(&w));
                QApplication::processEvents();
                QVERIFY2(c->lineEdit()->width() >= c->fontMetrics().horizontalAdvance(QStringLiteral("fashion-mnist")),
                         qPrintable(QString::number(c->lineEdit()->width())));
            }
        QCOMPARE(visibleCaptions(), 4); // loss, scatter, reconstructions, KL (the Explore one is on the hidden tab)
        // Menus and dialogs, windows of their own, are read from the back row too.
        for (QMenu* m : w.menuBar()->findChildren<QMenu*>())
            QVERIFY2(m->font().pointSizeF() >= w.font().pointSizeF() - 0.01, qPrintable(m->title()));
        QInputDialog dialog(&w);
        QVERIFY(dialog.font().pointSizeF() >= w.font().pointSizeF() - 0.01);
        w.setPresentation(false);
        QInputDialog after(&w);
        QCOMPARE(after.font().pointSizeF(), normal);
        QVERIFY(!w.trainViews()->lossPlot()->legendInside()); // under the axes at a desk
        // A window closed while presenting gives the shared application font back.
        const qreal appNormal = QApplication::font().pointSizeF();
        {
            MainWindow other;
            other.setPresentation(true);
            QVERIFY(other.trainViews()->lossPlot()->legendInside()); // inside the axes: they keep its rows
            QCOMPARE(other.trainViews()->lossPlot()->legend->columnCount(), 1); // narrow: not wider than the axes
            QVERIFY(QApplication::font().pointSizeF() > appNormal * 1.25);
        }
        QCOMPARE(QApplication::font().pointSizeF(), appNormal);
        QCOMPARE(w.font().pointSizeF(), normal);
        QCOMPARE(plot->xAxis->tickLabelFont().pointSizeF(), ticks);
        QVERIFY(batch->isVisibleTo(&w));
        QCOMPARE(visibleCaptions(), 0);
    }

    // Presentation mode fits a projector's small screen: at 1024x700, 1280x800 and 1920x1080 the
    // window can take that size, the Train tab's panels lie inside it without overlapping, and
    // the Explore controls a lesson mentions (attribute and amount) are in view without scrolling.
    void bundledLessonsOpenWithOneClick()
    {
        const QStringList lessons = ui::lessonFiles();
        QVERIFY2(lessons.size() >= 3, qPrintable(ui::resourceDir()));
        MainWindow w;
        w.show();
        for (const QString& lesson : lessons) {
            const SessionFile s = readSession(lesson.toStdString());
            QSignalSpy started(&w.controller(), &ui::TrainingController::stateChanged);
            QCOMPARE(w.openSession(lesson), QString());
            QVERIFY2(w.windowTitle().contains(QString::fromStdString(s.title)), qPrintable(w.windowTitle()));
            QVERIFY(w.presentation() == s.presentation);
            QTRY_VERIFY_WITH_TIMEOUT(w.controller().running(), 10000); // autostart: training began
            // A lesson about the disentanglement scores shows them in the scatter's place (lesson
            // 3); the next lesson gets its scatter back.
            const bool aboutMetrics = s.captions.count("metrics") > 0;
            QCOMPARE(w.findChild<ui::TrainViews*>()->scatter()->isVisibleTo(&w), !aboutMetrics);
            // The lesson is readable in full in its panel (not cut off in the status bar), with a
            // button to the next lesson on all but the last.
            QVERIFY(w.lessonPanel()->isVisibleTo(&w));
            QCOMPARE(w.lessonPanel()->description(), QString::fromStdString(s.description));
            const qsizetype at = lessons.indexOf(lesson);
            QCOMPARE(w.lessonPanel()->nextButton()->isVisibleTo(&w), at + 1 < lessons.size());
            if (at + 1 < lessons.size())
                QCOMPARE(QFileInfo(w.lessonPanel()->nextLesson()).canonicalFilePath(), QFileInfo(lessons[at + 1]).canonicalFilePath());
            w.stopTraining();
            QTRY_VERIFY_WITH_TIMEOUT(!w.controller().running(), 60000);
            w.setPresentation(false);
        }
    }

    // Lesson 3's captions name beta: they say the value the class trains at, not the lesson's 8.
    void captionsFollowTheSettingTheyName()
    {
        const QString lesson = ui::lessonFiles().filter(QStringLiteral("03-")).value(0);
        QVERIFY(!lesson.isEmpty());
        MainWindow w;
        w.show();
        QCOMPARE(w.openSession(lesson), QString());
        w.stopTraining();
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().running(), 60000);
        const auto captionsSaying = [&](const QString& text) {
            int n = 0;
            for (QLabel* l : w.findChildren<QLabel*>(QStringLiteral("panelCaption")))
                n += l->text().contains(text);
            return n;
        };
        QVERIFY(captionsSaying(QStringLiteral("beta = 8")) >= 2);
        QCOMPARE(captionsSaying(QStringLiteral("{beta}")), 0);
        w.session().setParam("beta", 1);
        QCOMPARE(captionsSaying(QStringLiteral("beta = 8")), 0);
        QVERIFY(captionsSaying(QStringLiteral("beta = 1")) >= 2);
    }

    // After a lesson, File > Open of another model leaves the lesson: no title, text or captions
    // of the lesson over a model it does not describe.
    void openingAnotherModelLeavesTheLesson()
    {
        const QStringList lessons = ui::lessonFiles();
        const QString lesson = lessons.filter(QStringLiteral("04-")).value(0);
        QVERIFY(!lesson.isEmpty());
        const SessionFile s = readSession(lesson.toStdString());
        MainWindow w;
        w.show();
        QCOMPARE(w.openSession(lesson), QString());
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().running(), 10000);
        w.stopTraining();
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().running(), 60000);
        const auto lessonCaptions = [&] {
            QStringList found;
            for (QLabel* l : w.findChildren<QLabel*>())
                for (const auto& [panel, text] : s.captions)
                    if (l->text() == QString::fromStdString(text))
                        found << QString::fromStdString(panel);
            return found;
        };
        QVERIFY(lessonCaptions().contains(QStringLiteral("scatter")));
        openAndWait(w, m_vae);
        QVERIFY(!w.lessonPanel()->isVisibleTo(&w));
        QVERIFY2(!w.windowTitle().contains(QString::fromStdString(s.title)), qPrintable(w.windowTitle()));
        QVERIFY2(lessonCaptions().isEmpty(), qPrintable(lessonCaptions().join(QLatin1Char(' '))));
        QVERIFY(w.currentSession().title.empty());
    }

    // Every image export writes exactly what its panel shows for the current state, whichever
    // tab is showing when the state changed and when the export was asked for.
    void exportsAreExactlyWhatTheViewsShow()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_cvae);
        ExploreView* x = w.explorer();
        ui::ExportActions* ex = w.exportActions();
        x->exploration().interpolation().setEndpoint(0, {1, 0, 0});
        x->exploration().interpolation().setEndpoint(1, {-1, 1, 0});
        const std::vector<std::pair<ExportImageKind, ui::ImageView*>> kinds = {
            {ExportImageKind::Current, x->currentView()},
            {ExportImageKind::Samples, x->samplePanel()->view()},
            {ExportImageKind::Traversal, x->traversalPanel()->view()},
            {ExportImageKind::Manifold, x->manifoldPanel()->view()},
            {ExportImageKind::Interpolation, x->interpolationPanel()->view()}};
        const auto settled = [&] { // the decodes the last change caused have all arrived
            QSignalSpy decoded(&x->exploration(), &ui::Exploration::imageDecoded);
            while (decoded.wait(500)) {
            }
        };
        for (int shown = 0; shown < 5; ++shown) {
            x->tabs()->setCurrentIndex(shown);
            settled();
            // Change the point and the condition while this tab shows.
            std::vector<float> c(x->exploration().point().condition().size(), 0.0f);
            c[size_t(shown + 2)] = 1.0f;
            x->exploration().point().setCondition(c);
            x->exploration().point().setCoordinate(0, 0.3f * float(shown) - 0.6f);
            settled();
            for (const auto& [kind, view] : kinds) {
                const QString png = m_dir.filePath(QStringLiteral("export-%1-%2.png").arg(shown).arg(int(kind)));
                QCOMPARE(ex->exportImage(kind, png, 1, QString()), QString());
                const QImage written = QImage(png).convertToFormat(QImage::Format_RGB32);
                // What a person sees on that panel once its tab is opened.
                const int tab = x->tabs()->indexOf(view->parentWidget());
                if (tab >= 0)
                    x->tabs()->setCurrentIndex(tab);
                settled();
                const QImage onScreen = view->image().convertToFormat(QImage::Format_RGB32);
                QVERIFY2(written == onScreen, qPrintable(QStringLiteral("export kind %1 with tab %2 shown").arg(int(kind)).arg(shown)));
                x->tabs()->setCurrentIndex(shown);
            }
        }
    }

    void everyExportFromTheWindowReadsBack()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae);
        ExploreView* x = w.explorer();
        ui::ExportActions* ex = w.exportActions();
        const QString png = m_dir.filePath(QStringLiteral("current.png"));
        QCOMPARE(ex->exportImage(ExportImageKind::Current, png, 8, QStringLiteral("my digit")), QString());
        const QImage back(png);
        QVERIFY(back.width() >= 28 * 8 && back.height() > 28 * 8); // upscaled, plus the caption band
        QTRY_VERIFY_WITH_TIMEOUT(!ex->image(ExportImageKind::Samples).isNull(), 10000);
        QCOMPARE(ex->exportImage(ExportImageKind::Samples, m_dir.filePath(QStringLiteral("samples.png")), 2, QString()), QString());
        QCOMPARE(QImage(m_dir.filePath(QStringLiteral("samples.png"))).width(), ex->image(ExportImageKind::Samples).width() * 2);
        QCOMPARE(ex->exportImage(ExportImageKind::Reconstructions, m_dir.filePath(QStringLiteral("recon.png")), 1, QString()), QString());
        QVERIFY(!QImage(m_dir.filePath(QStringLiteral("recon.png"))).isNull());

        // No end points yet: a clear message, no file.
        const QString gif = m_dir.filePath(QStringLiteral("morph.gif"));
        QVERIFY(ex->exportInterpolationVideo(gif, 10, 10, 2, true).contains(QLatin1String("end points")));
        x->exploration().interpolation().setEndpoint(0, {1, 0, 0});
        x->exploration().interpolation().setEndpoint(1, {-1, 1, 0});
        QCOMPARE(ex->exportInterpolationVideo(gif, 10, 10, 2, true), QString());
        QCOMPARE(readGifSummary(gif.toStdString()).frames, 18);

        // Record a slider-driven morph, then save it as MP4.
        x->exploration().setRecording(true);
        for (int v : {-200, -100, 0, 100, 200})
            nextImage(x, [&] { x->latentSliders()->slider(0)->setValue(v); });
        QSignalSpy finished(&x->exploration().recorder(), &ui::Recorder::finished);
        x->exploration().setRecording(false);
        QCOMPARE(finished.count(), 1);
        const int frames = int(x->exploration().recorder().frames().size());
        QVERIFY2(frames >= 5, qPrintable(QString::number(frames)));
        const QString mp4 = m_dir.filePath(QStringLiteral("recorded.mp4"));
        QCOMPARE(ex->exportRecording(mp4, 10, 4), QString());
        QCOMPARE(countVideoFrames(mp4.toStdString()), frames);

        const QString csv = m_dir.filePath(QStringLiteral("latents.csv"));
        QCOMPARE(ex->exportLatents(csv), QString());
        QCOMPARE(lineCount(csv), 301); // header + every test image
        // The Explore scatter's layout as shown: a row per code at its place in the plot.
        const QString map = m_dir.filePath(QStringLiteral("map.csv"));
        QCOMPARE(ex->exportMap(map), QString());
        QCOMPARE(lineCount(map), 301);
        QFile mapFile(map);
        QVERIFY(mapFile.open(QIODevice::ReadOnly));
        QCOMPARE(mapFile.readLine(), QByteArray("index,split,label,x,y\n"));
        const QList<QByteArray> row = mapFile.readLine().trimmed().split(',');
        const std::vector<float>& shown = x->exploration().scatter().shownProjection().points;
        QCOMPARE(row.size(), 5);
        QCOMPARE(row[1], QByteArray("test"));
        QVERIFY(std::abs(row[3].toDouble() - shown[0]) < 1e-4 && std::abs(row[4].toDouble() - shown[1]) < 1e-4);
        const QString loss = m_dir.filePath(QStringLiteral("loss.csv"));
        QCOMPARE(ex->exportLoss(loss), QString());
        QCOMPARE(lineCount(loss), 3);  // header + the checkpoint's 2 epochs
        const QString pt = m_dir.filePath(QStringLiteral("model.pt"));
        QCOMPARE(ex->exportWeights(pt), QString());
        QVERIFY(QFile::exists(pt) && QFile::exists(m_dir.filePath(QStringLiteral("model.json"))));
        QVERIFY(ex->exportImage(ExportImageKind::Current, m_dir.filePath(QStringLiteral("x/y.png")), 1, QString())
                    .contains(QLatin1String("x/y.png")));

        // Cancelled part-way (the job stops at its third step): the earlier GIF stays as it was, and
        // no partial file is left; the latent codes' encode stops as well.
        QFile earlier(gif);
        QVERIFY(earlier.open(QIODevice::ReadOnly));
        const QByteArray gifBytes = earlier.readAll();
        earlier.close();
        const QStringList filesBefore = QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden);
        const ui::JobResult r = ui::runHere(ex->interpolationVideoJob(gif, 40, 10, 4, false).run, 3);
        QVERIFY2(r.cancelled && r.error.contains(QLatin1String("morph.gif")), qPrintable(r.error));
        QVERIFY(earlier.open(QIODevice::ReadOnly));
        QCOMPARE(earlier.readAll(), gifBytes);
        const ui::JobResult codes = ui::runHere(ex->latentsJob(m_dir.filePath(QStringLiteral("cancelled.csv"))).run, 0);
        QVERIFY(codes.cancelled);
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), filesBefore);
    }

    // Without an H.264 encoder an MP4 export becomes a GIF (the window asks first); other paths stay.
    void videoExportFallsBackToGifWithoutH264()
    {
        QCOMPARE(ui::playableVideoPath(QStringLiteral("/x/morph.mp4"), true), QStringLiteral("/x/morph.mp4"));
        QCOMPARE(ui::playableVideoPath(QStringLiteral("/x/morph.MP4"), false), QStringLiteral("/x/morph.gif"));
        QCOMPARE(ui::playableVideoPath(QStringLiteral("/x/morph.avi"), false), QStringLiteral("/x/morph.avi"));
    }

    // From the menu an export runs on a worker thread behind a progress dialog; Cancel there stops
    // it while the window stays responsive.
    void exportProgressDialogCancels()
    {
        MainWindow w;
        w.show();
        std::atomic<bool> started {false};
        std::atomic<int64_t> steps {0};
        const std::thread::id guiThread = std::this_thread::get_id();
        std::atomic<bool> offGuiThread {false};
        QTimer::singleShot(0, &w, [&] {
            // Cancel is pressed once the dialog shows and the job has run a while.
            auto* poll = new QTimer(&w);
            QObject::connect(poll, &QTimer::timeout, &w, [&, poll] {
                for (QWidget* top : QApplication::topLevelWidgets())
                    if (auto* dialog = qobject_cast<QProgressDialog*>(top); dialog && dialog->isVisible() && steps > 20) {
                        QTest::mouseClick(dialog->findChild<QPushButton*>(), Qt::LeftButton);
                        poll->stop();
                    }
            });
            poll->start(20);
        });
        const ui::JobResult r = ui::runInBackground(&w, QStringLiteral("Export"), QStringLiteral("Writing…"), [&](const StepProgress& progress) {
            started = true;
            offGuiThread = std::this_thread::get_id() != guiThread;
            for (int64_t i = 0; i < 100000; ++i) {
                steps = i;
                if (!progress(i, 100000))
                    throw Cancelled("test.mp4");
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        });
        QVERIFY(started && offGuiThread);
        QVERIFY2(r.cancelled, qPrintable(r.error));
        QVERIFY(steps < 100000 - 1);
    }
};

QTEST_MAIN(TestLessonsGui)
#include "test_lessons_gui.moc"
