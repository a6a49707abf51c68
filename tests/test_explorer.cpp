// SPDX-License-Identifier: GPL-3.0-or-later
// The Explore view on the offscreen platform: sliders, scatter clicks and drags, condition sliders,
// attribute vectors, dropped images, grids, interpolation, side-by-side models, and the decode
// thread's newest-request-wins queue.
#include "gui_test_support.h"
#include "core/pixels/image_preprocess.h"
#include "core/pixels/pixel_datasets.h"
#include "core/pixels/synth_faces.h"
#include "core/latent/latent_math.h"
#include "core/latent/point_query.h"
#include "core/models/presets.h"
#include "core/training/trainer.h"
#include "ui/explore/compare_panel.h"
#include "ui/explore/dataset_browser.h"
#include "ui/explore/explore_view.h"
#include "ui/export_actions.h"
#include "ui/explore/grid_panels.h"
#include "ui/widgets/image_view.h"
#include "ui/explore/interpolation_panel.h"
#include "ui/explore/explore_scatter_3d.h"
#include "ui/explore/scatter_search.h"
#include "ui/widgets/latent_scatter.h"
#include "ui/widgets/scatter_axes.h"
#include "ui/main_window.h"
#include "ui/widgets/slider_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QMimeData>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

using namespace latentlab;
using namespace latentlab::testing;
using latentlab::ui::ExploreView;
using latentlab::ui::MainWindow;

class TestExplorer : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_digits, m_vae, m_vae2, m_ae, m_cvae;

    // Drops mime data on a widget as a drag from a file manager would: enter, move, drop.
    static void dropOn(QWidget* target, QMimeData* mime)
    {
        const QPoint at(20, 20);
        QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        QDragMoveEvent move(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &move);
        QDropEvent drop(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &drop);
    }

private slots:
    void initTestCase()
    {
        m_digits = prepareWindowTests(m_dir);
        m_vae = trainCheckpoint(m_dir, "mlp-vae", m_digits, QStringLiteral("vae.llck"), 2);
        m_vae2 = trainCheckpoint(m_dir, "mlp-vae", m_digits, QStringLiteral("vae2.llck"), 2, 2);
        m_ae = trainCheckpoint(m_dir, "dense-ae", m_digits, QStringLiteral("ae.llck"), 2, 2);
        m_cvae = trainCheckpoint(m_dir, "conv-cvae-faces", QStringLiteral("synthfaces:300"), QStringLiteral("cvae.llck"), 1);
    }

    void latentSliderChangesTheDecodedImage()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae2);
        ExploreView* x = w.explorer();
        QCOMPARE(x->latentSliders()->count(), 2); // a 2-d latent: one slider per dimension
        const QImage before = x->currentView()->image();
        const QImage after = nextImage(x, [&] { x->latentSliders()->slider(0)->setValue(250); });
        QVERIFY(!after.isNull());
        QVERIFY(after != before);
        const auto& b = x->state().basis;
        QVERIFY(std::abs(x->exploration().point().latent()[0] - (b.origin[0] + 2.5f * b.scales[0])) < 1e-3f * std::max(1.0f, b.scales[0]));
    }

    void ctrlZUndoesASliderDragAndCtrlShiftZRedoesIt()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae2);
        ExploreView* x = w.explorer();
        const auto before = x->exploration().point().latent();
        const QImage first = x->currentView()->image();
        QVERIFY(!x->latentSliders()->slider(0)->accessibleName().isEmpty()); // a screen reader says its axis
        nextImage(x, [&] { x->latentSliders()->slider(0)->setValue(150); });
        const auto dragged = x->exploration().point().latent();
        QVERIFY(dragged != before);
        w.activateWindow();
        const QImage undone = nextImage(x, [&] { QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier); });
        QCOMPARE(x->exploration().point().latent(), before);
        QCOMPARE(undone, first); // the image decoded again for the restored point
        QCOMPARE(x->latentSliders()->slider(0)->value(), 0); // and the slider shows it
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(x->exploration().point().latent(), dragged);
        // Bookmarks > Add bookmark is there, with its shortcut.
        bool found = false;
        for (QAction* a : w.findChildren<QAction*>())
            found = found || (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_D) && a->text().contains(QStringLiteral("bookmark")));
        QVERIFY(found);
    }

    void hoveringAPointShowsItsImageAndReconstruction()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae2);
        ExploreView* x = w.explorer();
        ui::LatentScatter* sc = x->scatter();
        QTRY_VERIFY_WITH_TIMEOUT(sc->hasProjection(), 10000);
        sc->replot();
        const int index = 42;
        const auto& pts = sc->projection().points;
        const QPoint at(int(std::lround(sc->xAxis->coordToPixel(pts[2 * index]))), int(std::lround(sc->yAxis->coordToPixel(pts[2 * index + 1]))));
        const int near = sc->pointNear(at, ui::LatentScatter::kHoverPixels);
        QVERIFY(near >= 0); // the point under the mouse (or one drawn on top of it)
        QSignalSpy hovered(sc, &ui::LatentScatter::hovered);
        QMouseEvent move(QEvent::MouseMove, QPointF(at), sc->mapToGlobal(QPointF(at)), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(sc, &move);
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(hovered.first().at(0).toInt(), near);
        QVERIFY(x->hoverTip()->isVisible());
        const QImage first = x->hoverTip()->pixmap().toImage();
        QTRY_VERIFY_WITH_TIMEOUT(x->hoverTip()->pixmap().toImage() != first, 10000); // the reconstruction arrived
        QVERIFY(x->hoverTip()->pixmap().width() > 2 * 90);
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(sc, &leave);
        QVERIFY(!x->hoverTip()->isVisible());
    }

    // The switches beside the axes: 3-D puts the 3-D view in the scatter's place (here, on the
    // offscreen platform, its words that OpenGL is missing: no crash); All codes adds the training
    // codes, and hovering one shows a training image.
    void threeDAndAllCodesSwitchTheScatter()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae2);
        w.showTab(1);
        ExploreView* x = w.explorer();
        auto* threeD = x->findChild<QCheckBox*>(QStringLiteral("scatter3d"));
        auto* all = x->findChild<QCheckBox*>(QStringLiteral("scatterAllCodes"));
        auto* view3d = x->findChild<ui::ExploreScatter3D*>();
        QVERIFY(threeD && all && view3d);
        QVERIFY(x->scatter()->isVisible() && !view3d->isVisible());
        auto* axes = x->findChild<ui::ScatterAxes*>()->findChild<QComboBox*>();
        axes->setCurrentIndex(1); // two chosen dimensions, z 2 against z 1
        x->findChild<ui::ScatterAxes*>()->setDimensions(2, 1);
        QCOMPARE(x->exploration().scatter().dimensions(), std::make_pair(2, 1));
        threeD->setChecked(true);
        QVERIFY(x->exploration().scatter().threeD());
        QVERIFY(view3d->isVisible() && !x->scatter()->isVisible());
        QVERIFY(view3d->findChild<QLabel*>(QStringLiteral("scatter3dUnavailable"))->isVisible());
        // The Axes box says what the 3-D view draws: this 2-d code as it is, not chosen dimensions.
        QCOMPARE(axes->currentText(), QStringLiteral("z 1-2"));
        QVERIFY(!qobject_cast<QStandardItemModel*>(axes->model())->item(1)->isEnabled());
        // The hidden flat scatter is not drawn for a moved point (70,000 codes take 20 ms a time) ...
        QTest::qWait(50); // (a replot queued before the switch)
        QSignalSpy replots(x->scatter(), &QCustomPlot::afterReplot);
        x->exploration().point().setLatent({0.5f, -0.5f});
        QTest::qWait(50);
        QCOMPARE(replots.size(), 0);
        threeD->setChecked(false);
        QVERIFY(x->scatter()->isVisible() && !view3d->isVisible());
        QTRY_VERIFY(replots.size() > 0); // ... it is when shown again
        QCOMPARE(axes->currentIndex(), 1); // the chosen dimensions again
        QCOMPARE(axes->itemText(0), QStringLiteral("PCA"));
        QVERIFY(qobject_cast<QStandardItemModel*>(axes->model())->item(1)->isEnabled());
        QCOMPARE(x->exploration().scatter().dimensions(), std::make_pair(2, 1));
        const int64_t tests = x->exploration().codes().count();
        all->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(x->exploration().codes().count() > tests, 20000);
        QCOMPARE(x->exploration().codes().count(), tests + x->exploration().data().info().trainCount);
        ui::LatentScatter* sc = x->scatter();
        sc->replot();
        const auto& pts = x->exploration().scatter().projection().points;
        QPoint at;
        for (int64_t index = tests; index < x->exploration().codes().count(); ++index) { // a training code drawn on top
            at = QPoint(int(std::lround(sc->xAxis->coordToPixel(pts[size_t(2 * index)]))),
                        int(std::lround(sc->yAxis->coordToPixel(pts[size_t(2 * index + 1)]))));
            if (sc->pointNear(at, ui::LatentScatter::kHoverPixels) >= tests)
                break;
        }
        QSignalSpy hovered(sc, &ui::LatentScatter::hovered);
        QMouseEvent move(QEvent::MouseMove, QPointF(at), sc->mapToGlobal(QPointF(at)), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(sc, &move);
        QCOMPARE(hovered.count(), 1);
        QVERIFY(hovered.first().at(0).toInt() >= tests); // a training image's code
        QVERIFY(x->hoverTip()->isVisible());
        QCOMPARE(x->exploration().settings().scatterAllCodes, true);
    }

    // The flat scatter is not drawn while the 3-D view is on: another checkpoint opened meanwhile
    // shows its own codes when the flat scatter comes back, not the last model's.
    void anotherCheckpointInThreeDIsNotStaleWhenFlatAgain()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae2);
        w.showTab(1);
        ExploreView* x = w.explorer();
        const std::vector<float> before = x->scatter()->projection().points;
        x->findChild<QCheckBox*>(QStringLiteral("scatter3d"))->setChecked(true);
        openAndWait(w, m_vae);
        x->findChild<QCheckBox*>(QStringLiteral("scatter3d"))->setChecked(false);
        QVERIFY(x->scatter()->isVisible());
        QCOMPARE(x->scatter()->projection().points, x->exploration().scatter().shownProjection().points);
        QVERIFY(x->scatter()->projection().points != before);
    }

    void largeLatentsGetPrincipalDirectionSliders()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae);
        ExploreView* x = w.explorer();
        QCOMPARE(x->latentSliders()->count(), ExploreView::kPrincipalSliders); // mlp-vae: 20-d latent
        QCOMPARE(x->latentSliders()->name(0), QStringLiteral("PC 1"));
        const auto start = x->exploration().point().latent();
        const QImage before = x->currentView()->image();
        const QImage after = nextImage(x, [&] { x->latentSliders()->slider(1)->setValue(-200); });
        QVERIFY(after != before);
        // The point moved along the second principal direction only.
        const auto c0 = basisCoordinates(x->state().basis, start), c1 = basisCoordinates(x->state().basis, x->exploration().point().latent());
        QVERIFY(std::abs(c1[1] + 2.0f) < 1e-3f);
        QVERIFY(std::abs(c1[0] - c0[0]) < 1e-3f && std::abs(c1[2] - c0[2]) < 1e-3f);
        // "show all dimensions": one slider per dimension, the point kept.
        const auto moved = x->exploration().point().latent();
        x->findChild<QCheckBox*>(QStringLiteral("showAllDimensions"))->setChecked(true);
        QCOMPARE(x->latentSliders()->count(), 20);
        QCOMPARE(x->exploration().point().latent(), moved);
        QCOMPARE(x->latentSliders()->name(19), QStringLiteral("z 20"));
    }

    void scatterClickAndDragDecodeThosePoints()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        openAndWait(w, m_vae2);
        ExploreView* x = w.explorer();
        ui::LatentScatter* s = x->scatter();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect area = s->axisRect()->rect();
        // An empty corner of the plot decodes too.
        const QPoint corner = area.topLeft() + QPoint(5, 5);
        const QImage before = x->currentView()->image();
        // Where the click lands in plot coordinates, taken as it happens: a late relayout (a loaded
        // machine) may move the axes afterwards, and the decoded point must not follow them.
        QPointF target;
        const QImage clicked = nextImage(x, [&] {
            target = QPointF(s->xAxis->pixelToCoord(corner.x()), s->yAxis->pixelToCoord(corner.y()));
            QTest::mousePress(s, Qt::LeftButton, {}, corner);
        });
        QTest::mouseRelease(s, Qt::LeftButton, {}, corner);
        QVERIFY(clicked != before);
        const QPointF at = s->project(x->exploration().point().shown());
        QVERIFY(std::abs(at.x() - target.x()) < 1e-3 * std::max(1.0, s->xAxis->range().size()));
        QVERIFY(std::abs(at.y() - target.y()) < 1e-3 * std::max(1.0, s->yAxis->range().size()));
        // Dragging with the button held morphs along.
        const QPoint middle = area.center();
        const QImage dragged = nextImage(x, [&] {
            QMouseEvent move(QEvent::MouseMove, middle, s->mapToGlobal(middle), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(s, &move);
        });
        QVERIFY(dragged != clicked);
        QVERIFY(std::abs(s->project(x->exploration().point().shown()).x() - s->xAxis->pixelToCoord(middle.x())) < 1e-3 * std::max(1.0, s->xAxis->range().size()));
    }

    // Search, isolate and a rectangle drawn with the mouse: the scatter greys or hides what does
    // not match, the rectangle selects the highlighted codes inside it, the menu's "Go to its
    // mean" moves the point there.
    void searchHighlightsAndADraggedRectangleSelects()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        openAndWait(w, m_vae2);
        ExploreView* x = w.explorer();
        ui::LatentScatter* s = x->scatter();
        ui::ScatterSearch* search = x->scatterSearch();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const LatentCodes& codes = x->exploration().codes();
        const auto drawn = [s] {
            int points = 0;
            for (int g = 0; g < s->graphCount(); ++g)
                points += s->graph(g)->data()->size();
            return points;
        };
        const int all = drawn();
        QTest::keyClicks(search->searchBox(), QStringLiteral("1"));
        const int64_t ones = std::count(codes.labels.begin(), codes.labels.end(), 1);
        QCOMPARE(search->countText(), QStringLiteral("%1 of %2").arg(ones).arg(codes.count()));
        QCOMPARE(drawn(), all); // greyed, still drawn
        search->isolateAction()->setChecked(true);
        QCOMPARE(drawn(), int(ones));
        // A rectangle over the whole plot, drawn with the mouse in selecting mode, takes every match.
        search->selectButton()->setChecked(true);
        const QRect area = s->axisRect()->rect();
        QTest::mousePress(s, Qt::LeftButton, {}, area.topLeft() + QPoint(1, 1));
        QMouseEvent move(QEvent::MouseMove, area.bottomRight() - QPoint(1, 1), s->mapToGlobal(area.bottomRight()), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(s, &move);
        QTest::mouseRelease(s, Qt::LeftButton, {}, area.bottomRight() - QPoint(1, 1));
        QCOMPARE(x->exploration().selection().selectedCount(), ones);
        QCOMPARE(search->countText(), QStringLiteral("%1 selected").arg(ones));
        // The menu: its mean becomes the point.
        QMenu* menu = search->selectionButton()->menu();
        emit menu->aboutToShow();
        menu->actions().at(3)->trigger(); // Isolate, a separator, Select the matches, Go to its mean
        QCOMPARE(x->exploration().point().latent(), meanOfChosen(codes, x->exploration().selection().selected()));
        // A search that names nothing says so in the status line and highlights nothing.
        search->searchBox()->setText(QStringLiteral("Smiling"));
        QVERIFY2(x->statusText().contains(QStringLiteral("smiling")), qPrintable(x->statusText()));
    }

    // The class legend sits beside the plot, never over the points.
    void scatterLegendDoesNotCoverThePlot()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        openAndWait(w, m_vae2);
        ui::LatentScatter* s = w.explorer()->scatter();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY(s->legend && s->legend->visible());
        s->replot();
        QVERIFY(!s->axisRect()->outerRect().intersects(s->legend->outerRect()));
        QVERIFY(s->rect().contains(s->legend->outerRect()));
    }

    void conditionSlidersAreNamedForACvaeAndChangeTheImage()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_cvae);
        ExploreView* x = w.explorer();
        const auto& names = synthFaceAttributeNames();
        QCOMPARE(x->conditionSliders()->count(), int(names.size()));
        for (int i = 0; i < int(names.size()); ++i)
            QCOMPARE(x->conditionSliders()->name(i), QString::fromStdString(names[size_t(i)]));
        QVERIFY(x->conditionSliders()->isVisibleTo(&w));
        // Continuous and beyond 1: Smiling to 1.5.
        const QImage before = x->currentView()->image();
        const QImage after = nextImage(x, [&] { x->conditionSliders()->slider(0)->setValue(150); });
        QVERIFY(after != before);
        QCOMPARE(x->exploration().point().condition()[0], 1.5f);
    }

    void unconditionalModelsHideConditionSliders()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae);
        QCOMPARE(w.explorer()->conditionSliders()->count(), 0);
        QVERIFY(!w.explorer()->conditionSliders()->isVisibleTo(&w));
    }

    void attributeVectorMovesTowardAClass()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae);
        ExploreView* x = w.explorer();
        const int i = x->attributeChoice()->findText(QStringLiteral("class: 3"));
        QVERIFY(i > 0);
        x->attributeChoice()->setCurrentIndex(i);
        const ui::ExploreState s = x->state();
        std::vector<bool> has;
        for (int label : s.codes.labels)
            has.push_back(label == 3);
        const auto toward3 = attributeVector(s.codes.values, s.codes.dim, has);
        const QImage before = x->currentView()->image();
        const QImage after = nextImage(x, [&] { x->attributeAmount()->setValue(150); });
        QVERIFY(after != before);
        const auto p = x->exploration().point().shown();
        for (size_t k = 0; k < p.size(); ++k)
            QVERIFY(std::abs(p[k] - (x->exploration().point().latent()[k] + 1.5f * toward3[k])) < 1e-4f);
    }

    void droppedImageIsEncodedLikeTheDataset()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae);
        ExploreView* x = w.explorer();
        // A dark-on-light colour drawing, not square: cropped, resized, made gray and inverted.
        QImage drawing(60, 40, QImage::Format_RGB888);
        drawing.fill(Qt::white);
        for (int y = 10; y < 30; ++y)
            for (int xx = 25; xx < 35; ++xx)
                drawing.setPixelColor(xx, y, QColor(20, 20, 120));
        const QString file = m_dir.filePath(QStringLiteral("drawn.png"));
        QVERIFY(drawing.save(file));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file)});
        const QImage decoded = nextImage(x, [&] { dropOn(&w, &mime); });
        QVERIFY2(!decoded.isNull(), qPrintable(x->statusText()));
        QCOMPARE(w.explorer()->sourceView()->image().size(), QSize(28, 28));
        QVERIFY(qGray(x->sourceView()->image().pixel(0, 0)) < 30); // the white border became black
        const Image prepared = prepareImageFile(file.toStdString(), 1, 28, 0, true);
        const auto expected = Model::load(m_vae.toStdString()).encodeImages({prepared});
        QCOMPARE(x->exploration().point().latent().size(), expected.size());
        for (size_t k = 0; k < expected.size(); ++k)
            QVERIFY(std::abs(x->exploration().point().latent()[k] - expected[k]) < 1e-5f);
        // A broken file names itself and leaves the point alone.
        const QString broken = m_dir.filePath(QStringLiteral("broken.png"));
        writeBytes(broken, {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0});
        const auto kept = x->exploration().point().latent();
        QVERIFY(!w.explorer()->exploration().encodeImageFile(broken));
        QVERIFY(x->statusText().contains(broken));
        QCOMPARE(x->exploration().point().latent(), kept);
    }

    void pickingATestImageEncodesItWithItsCondition()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_cvae);
        ExploreView* x = w.explorer();
        x->tabs()->setCurrentWidget(x->datasetBrowser());
        QTRY_VERIFY_WITH_TIMEOUT(!x->datasetBrowser()->view()->image().isNull(), 5000);
        const QImage decoded = nextImage(x, [&] { emit x->datasetBrowser()->view()->cellClicked(5); });
        QVERIFY(!decoded.isNull());
        const Dataset data = Dataset::load("synthfaces:300");
        QCOMPARE(x->exploration().point().condition(), data.attributes(true, 5));
        const auto expected = Model::load(m_cvae.toStdString()).encodeImages(data.images(true, 5, 1), data.attributes(true, 5));
        for (size_t k = 0; k < expected.size(); ++k)
            QVERIFY(std::abs(x->exploration().point().latent()[k] - expected[k]) < 1e-4f);
    }

    void gridsDecodeSamplesTraversalsAndTheManifold()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae2);
        ExploreView* x = w.explorer();
        x->tabs()->setCurrentWidget(x->samplePanel());
        QTRY_VERIFY_WITH_TIMEOUT(!x->samplePanel()->view()->image().isNull(), 10000);
        QCOMPARE(x->samplePanel()->view()->image().width(), 8 * 28 + 9 * 2); // 8 x 8, 2-pixel padding
        x->tabs()->setCurrentWidget(x->traversalPanel());
        QTRY_VERIFY_WITH_TIMEOUT(!x->traversalPanel()->view()->image().isNull(), 10000);
        QCOMPARE(x->traversalPanel()->view()->image().height(), 2 * 28 + 3 * 2); // one row per latent dim
        QCOMPARE(x->traversalPanel()->view()->rowLabels(), QStringList({QStringLiteral("z 1"), QStringLiteral("z 2")}));
        // Row 0 sweeps z1 from -3 to +3 sd and keeps z2 at the current point's value.
        const auto& codes = x->traversalPanel()->codes();
        const ui::ExploreState s = x->state();
        QVERIFY(std::abs(codes[0] - (s.basis.origin[0] - 3 * s.basis.scales[0])) < 1e-3f);
        QVERIFY(std::abs(codes[1] - s.point[1]) < 1e-4f);
        x->tabs()->setCurrentWidget(x->manifoldPanel());
        QTRY_VERIFY_WITH_TIMEOUT(!x->manifoldPanel()->view()->image().isNull(), 10000);
        QCOMPARE(x->manifoldPanel()->view()->image().width(), 12 * 28 + 13 * 2);
        // Its top-left code lands on the scatter's visible top-left corner.
        const auto& m = x->manifoldPanel()->codes();
        const ui::ExploreState now = x->state();
        const QPointF corner = x->scatter()->project({m[0], m[1]});
        QVERIFY2(std::abs(corner.x() - now.xMin) < 1e-3 && std::abs(corner.y() - now.yMax) < 1e-3,
                 qPrintable(QStringLiteral("%1,%2 vs %3,%4").arg(corner.x()).arg(corner.y()).arg(now.xMin).arg(now.yMax)));
    }

    void manifoldSpansTwoChosenDimensions()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae); // 20-d
        ExploreView* x = w.explorer();
        x->exploration().scatter().setDimensions(3, 5);
        x->tabs()->setCurrentWidget(x->manifoldPanel());
        QTRY_VERIFY_WITH_TIMEOUT(!x->manifoldPanel()->view()->image().isNull(), 10000);
        const ui::ExploreState s = x->state();
        const auto& m = x->manifoldPanel()->codes();
        QCOMPARE(m.size(), size_t(12 * 12 * 20));
        // Top-left: z3 = left edge, z5 = top edge, every other dimension at the current point.
        QVERIFY(std::abs(m[2] - float(s.xMin)) < 1e-4f && std::abs(m[4] - float(s.yMax)) < 1e-4f);
        for (int k : {0, 1, 3, 5, 19})
            QCOMPARE(m[size_t(k)], s.point[size_t(k)]);
        // Bottom-right: the opposite corner.
        const size_t last = (12 * 12 - 1) * 20;
        QVERIFY(std::abs(m[last + 2] - float(s.xMax)) < 1e-4f && std::abs(m[last + 4] - float(s.yMin)) < 1e-4f);
    }

    void interpolationStripAndPlayMorph()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae2);
        ExploreView* x = w.explorer();
        auto* interp = x->interpolationPanel();
        ui::Exploration& m = x->exploration();
        x->tabs()->setCurrentWidget(interp);
        m.point().setLatent({-1.0f, 0.5f});
        m.interpolation().setEndpoint(0, m.point().shown());
        m.point().setLatent({1.5f, -0.5f});
        m.interpolation().setEndpoint(1, m.point().shown());
        QTRY_VERIFY_WITH_TIMEOUT(!interp->view()->image().isNull(), 10000);
        QCOMPARE(interp->view()->image().width(), 10 * 28 + 11 * 2);
        m.interpolation().setSpherical(true);
        const auto mid = m.interpolation().pointAt(0.5);
        QCOMPARE(mid, slerp({-1.0f, 0.5f}, {1.5f, -0.5f}, 0.5f));
        QTest::mouseClick(interp->playButton(), Qt::LeftButton);
        QVERIFY(m.interpolation().playing());
        QSignalSpy morphs(&m.interpolation(), &ui::Interpolation::morphed);
        QTRY_VERIFY_WITH_TIMEOUT(morphs.count() >= 3, 5000);
        QTest::mouseClick(interp->playButton(), Qt::LeftButton);
        QVERIFY(!m.interpolation().playing());
        const double last = morphs.last().at(0).toDouble();
        QCOMPARE(m.point().latent(), m.interpolation().pointAt(last));
        QCOMPARE(interp->morphSlider()->value(), int(std::lround(last * 200)));
    }

    void compareDecodesTheSamePointWithEachModel()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae2);
        ExploreView* x = w.explorer();
        x->tabs()->setCurrentWidget(x->comparePanel());
        QCOMPARE(x->comparePanel()->addCheckpoint(m_ae), QString());
        QCOMPARE(x->comparePanel()->addCheckpoint(m_vae2), QString());
        QVERIFY(x->comparePanel()->addCheckpoint(m_cvae).contains(QStringLiteral("3x64x64")));
        QCOMPARE(x->comparePanel()->addCheckpoint(m_vae), QString()); // 20-d: shown, but cannot take a 2-d point
        QCOMPARE(x->comparePanel()->columnCount(), 3);
        QVERIFY(x->comparePanel()->minimumSizeHint().width() < 600); // three columns scroll, the window does not grow
        QVERIFY(!x->comparePanel()->addCheckpoint(m_vae2).isEmpty()); // at most three
        QTRY_VERIFY_WITH_TIMEOUT(!x->comparePanel()->view(0)->image().isNull() && !x->comparePanel()->view(1)->image().isNull(), 10000);
        QVERIFY(x->comparePanel()->view(2)->image().isNull());
        // The VAE column decodes exactly what the main view shows, and follows the point.
        QTRY_COMPARE_WITH_TIMEOUT(x->comparePanel()->view(1)->image(), x->currentView()->image(), 5000);
        nextImage(x, [&] { x->latentSliders()->slider(1)->setValue(-150); });
        QTRY_COMPARE_WITH_TIMEOUT(x->comparePanel()->view(1)->image(), x->currentView()->image(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(x->comparePanel()->scatter(0)->graphCount() > 0, 10000);
        // A run folder's "checkpoint" is titled by its run; exports of never-opened grids work.
        QDir().mkpath(m_dir.filePath(QStringLiteral("my-ae-run")));
        QFile::copy(m_ae, m_dir.filePath(QStringLiteral("my-ae-run/checkpoint")));
        x->exploration().comparisons().clear();
        QCOMPARE(x->comparePanel()->addCheckpoint(m_dir.filePath(QStringLiteral("my-ae-run/checkpoint"))), QString());
        QVERIFY2(x->comparePanel()->columnTitle(0).contains(QStringLiteral("my-ae-run")), qPrintable(x->comparePanel()->columnTitle(0)));
    }

    // Drags that once crashed the window: a uri-list holding only "\r\n" (no URL at all), and
    // mime data deleted right after the drop (the drag source exited).
    void oddDragsAndVanishingDropsAreSafe()
    {
        MainWindow w;
        w.show();
        QMimeData empty;
        empty.setData(QStringLiteral("text/uri-list"), QByteArray("\r\n"));
        QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &empty, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(!enter.isAccepted());
        dropOn(&w, &empty); // ignored, no crash

        auto* mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(m_vae2)});
        dropOn(&w, mime);
        delete mime; // gone before the window gets to open the file
        QTRY_VERIFY_WITH_TIMEOUT(w.explorer()->exploration().hasModel(), 30000);
        QCOMPARE(w.session().latestModel().info().latentDim(), 2);
    }

    void exportsGridsWhoseTabsWereNeverOpened()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae2);
        for (auto kind : {ui::ExportImageKind::Samples, ui::ExportImageKind::Traversal, ui::ExportImageKind::Manifold}) {
            const QImage grid = w.exportActions()->image(kind);
            QVERIFY(!grid.isNull());
            QVERIFY(grid.width() > 28 && grid.height() > 28);
        }
    }

    void rejectsAMissingCheckpointForComparison()
    {
        MainWindow w;
        w.show();
        openAndWait(w, m_vae2);
        const QString missing = m_dir.filePath(QStringLiteral("missing.llck"));
        QVERIFY(w.explorer()->comparePanel()->addCheckpoint(missing).contains(missing));
        QCOMPARE(w.explorer()->comparePanel()->columnCount(), 0);
    }

    void followsTheModelBeingTrained()
    {
        ui::LaunchOptions o;
        o.dataset = m_digits;
        o.preset = QStringLiteral("mlp-vae");
        o.epochs = 2;
        o.autostart = true;
        MainWindow w(o);
        w.show();
        QSignalSpy models(&w.session(), &ui::TrainingSession::epochFinished);
        QSignalSpy done(&w.session(), &ui::TrainingSession::finished);
        QVERIFY(done.wait(60000));
        QCOMPARE(models.count(), 2);
        QVERIFY(w.explorer()->exploration().hasModel());
        QCOMPARE(w.explorer()->exploration().decoder().model().info().epoch, 2);
    }

    void newestRequestWinsWhileDragging()
    {
        ui::DecodeService service;
        DatasetInfo shape;
        shape.classNames = {"a", "b"};
        service.setModel(Model::create(loadPreset("mlp-vae"), shape, 1));
        std::atomic<bool> release {false}, blocking {false};
        std::atomic<int> ran {0};
        QObject receiver;
        // Block the decode thread, then queue 50 positions of one slider: only the last is decoded.
        service.submit(ui::kChannelCurrent, &receiver, [&](const Model&) {
            blocking = true;
            while (!release)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return std::function<void()>();
        });
        while (!blocking) // the blocker has started: the 50 below queue behind it
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        int lastSeen = -1;
        for (int i = 0; i < 50; ++i)
            service.submit(ui::kChannelCurrent, &receiver, [&, i](const Model& m) {
                ++ran;
                m.decode(std::vector<float>(size_t(m.info().latentDim()), float(i)), 1);
                return std::function<void()>([&lastSeen, i] { lastSeen = i; });
            });
        release = true;
        QTRY_COMPARE_WITH_TIMEOUT(lastSeen, 49, 5000);
        QCOMPARE(ran.load(), 1);
        QCOMPARE(service.droppedJobs(), quint64(49));
    }
};

QTEST_MAIN(TestExplorer)
#include "test_explorer.moc"
