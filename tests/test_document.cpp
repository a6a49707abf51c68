// SPDX-License-Identifier: GPL-3.0-or-later
// The Document driven with no window: a session saved and opened again brings back every piece of
// state it keeps; each epoch is projected once for both tabs; the shown epoch follows the run; a
// file that cannot be opened changes nothing.
#include "gui_test_support.h"
#include "core/session/session_file.h"
#include "ui/models/document.h"
#include "ui/models/image_convert.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace latentlab;
using namespace latentlab::testing;
using latentlab::ui::Document;

class TestDocument : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_digits, m_cvae;

    // Opens `path` (a session) in `d` and waits until its Explore state is restored.
    static void openAndRestore(Document& d, const QString& path)
    {
        QSignalSpy restored(&d, &Document::restored);
        QCOMPARE(d.open(path), QString());
        QVERIFY(restored.wait(30000));
    }

    // Waits until the decode and encode threads have nothing left to deliver.
    static void settle(Document& d)
    {
        QVERIFY(d.exploration().decoder().waitUntilIdle(10000));
        QCoreApplication::processEvents();
    }

private slots:
    void initTestCase()
    {
        m_digits = prepareWindowTests(m_dir);
        m_cvae = trainCheckpoint(m_dir, "mlp-cvae", m_digits, QStringLiteral("cvae.llck"), 1, 3);
    }

    // Everything a session keeps, set by hand on one document, comes back in another: the lesson's
    // texts, the run's config, the tab, log scale, presentation mode, and the whole Explore state
    // (point, condition, attribute and amount, interpolation ends, scatter axes, zoom and
    // thumbnails, source image, Explore tab, bookmarks). The undo history is not kept: a restored
    // session starts its own.
    void aSavedSessionComesBackWhole()
    {
        SessionFile lesson;
        lesson.title = "Conditional digits";
        lesson.description = "Move the class slider.";
        lesson.checkpoint = "cvae.llck";
        lesson.config = loadPreset("mlp-cvae");
        lesson.captions["loss"] = "beta is {beta}";
        lesson.translations["zh_CN"].title = "条件数字";
        const QString lessonPath = m_dir.filePath(QStringLiteral("lesson.json"));
        writeSession(lessonPath.toStdString(), lesson);

        Document a;
        openAndRestore(a, lessonPath);
        QCOMPARE(a.lesson().title, lesson.title);
        QCOMPARE(a.windowTitle(), QStringLiteral("LatentLab — Conditional digits"));
        QCOMPARE(a.captions().at("loss"), std::string("beta is 1"));
        ui::Exploration& x = a.exploration();
        x.encodeTestImage(5);
        settle(a);
        x.point().setAttributeName("class: 3");
        x.point().setAmount(1.25f);
        std::vector<float> condition(x.point().condition().size(), 0.0f);
        condition[7] = 1.0f;
        x.point().setCondition(condition);
        x.point().setLatent({0.5f, -1.0f, 0.25f});
        x.point().addBookmark(QStringLiteral("first"));
        x.point().setCoordinate(1, 2.0f);
        x.point().addBookmark();
        x.point().bookmarks().rename(1, QStringLiteral("second"));
        x.interpolation().setEndpoint(0, {1, 0, 0}, condition);
        x.interpolation().setEndpoint(1, {0, 1, 0});
        x.interpolation().setSpherical(true);
        x.scatter().setDimensions(2, 1);
        x.scatter().setThumbnails(true);
        x.scatter().setView({-1, 1, -2, 2});
        x.setTab(QStringLiteral("interpolate"));
        a.setView(Document::View::Explore);
        a.setLogScale(true);
        a.setPresentation(true);
        settle(a);
        QVERIFY(x.point().history().steps() > 0);

        const QString saved = m_dir.filePath(QStringLiteral("saved.latentlab.json"));
        QCOMPARE(a.save(saved), QString());
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("saved.latentlab.llck")))); // its own copy of the weights

        Document b;
        openAndRestore(b, saved);
        settle(b);
        QCOMPARE(QString::fromStdString(sessionToJson(b.current())), QString::fromStdString(sessionToJson(a.current())));
        // The same, read from the parts themselves.
        const ui::Exploration& y = b.exploration();
        QCOMPARE(b.view(), Document::View::Explore);
        QVERIFY(b.logScale());
        QVERIFY(b.presentation());
        QCOMPARE(b.lesson().description, lesson.description);
        QCOMPARE(b.lesson().translations.at("zh_CN").title, std::string("条件数字"));
        QCOMPARE(y.point().latent(), x.point().latent());
        QCOMPARE(y.point().condition(), condition);
        QCOMPARE(y.point().attributeName(), std::string("class: 3"));
        QCOMPARE(y.point().amount(), 1.25f);
        QCOMPARE(y.point().shown(), x.point().shown());
        QCOMPARE(y.interpolation().endpoint(0), std::vector<float>({1, 0, 0}));
        QCOMPARE(y.interpolation().endpointCondition(0), condition);
        QVERIFY(y.interpolation().spherical());
        QCOMPARE(y.scatter().dimensions(), std::make_pair(2, 1));
        QVERIFY(y.scatter().thumbnails());
        QCOMPARE(y.scatter().view(), std::vector<float>({-1, 1, -2, 2}));
        QCOMPARE(y.settings().sourceTestImage, int64_t(5));
        QCOMPARE(y.source().caption(), x.source().caption());
        QCOMPARE(y.tab(), QStringLiteral("interpolate"));
        QCOMPARE(y.point().bookmarks().list().size(), size_t(2));
        QCOMPARE(y.point().bookmarks().list()[1].name, std::string("second"));
        QCOMPARE(y.point().bookmarks().list()[1].point, x.point().bookmarks().list()[1].point);
        QCOMPARE(y.point().history().steps(), 0);
        // What it shows is what the first one showed: the same weights, the same point.
        QCOMPARE(y.currentImage(), x.currentImage());
        QVERIFY(!y.currentImage().isNull());
    }

    // A run's epochs are projected once each, for both tabs, and the newest is shown; looking back
    // shows an earlier epoch's reconstructions without projecting anything again; a new run starts
    // from no epoch.
    void eachEpochIsProjectedOnceAndShown()
    {
        Document d;
        ui::TrainingSession& s = d.session();
        QVERIFY(s.choosePreset(QStringLiteral("mlp-vae")));
        s.setDataset(m_digits);
        QVERIFY(s.setParam("latent", 2).isEmpty());
        QVERIFY(s.setParam("batch", 64).isEmpty());
        QVERIFY(s.setParam("epochs", 3).isEmpty());
        QSignalSpy shown(&d, &Document::shownEpochChanged);
        QSignalSpy done(&s, &ui::TrainingSession::finished);
        QVERIFY(s.start().isEmpty());
        QVERIFY(done.wait(60000));
        QCOMPARE(d.exploration().scatter().projectionCount(), quint64(3));
        QCOMPARE(d.shownEpoch(), 3);
        QCOMPARE(shown.last().at(0).toInt(), 3);
        QCOMPARE(d.shownReconstructions(), ui::toQImage(s.epochs()[2].reconstructions));
        d.setShownEpoch(1);
        QCOMPARE(d.shownEpoch(), 1);
        QCOMPARE(d.shownReconstructions(), ui::toQImage(s.epochs()[0].reconstructions));
        QVERIFY(d.shownReconstructions() != ui::toQImage(s.epochs()[2].reconstructions));
        d.setShownEpoch(99); // clamped to the newest
        QCOMPARE(d.shownEpoch(), 3);
        QCOMPARE(d.exploration().scatter().projectionCount(), quint64(3));
        // A fresh run: nothing is shown until its first epoch arrives.
        QVERIFY(s.setParam("epochs", 1).isEmpty());
        QSignalSpy reset(&s, &ui::TrainingSession::modelReset);
        QVERIFY(s.start().isEmpty());
        QVERIFY(reset.count() > 0 || reset.wait(10000));
        QCOMPARE(d.shownEpoch(), 0);
        QVERIFY(d.shownReconstructions().isNull());
        QVERIFY(done.wait(60000));
        QCOMPARE(d.shownEpoch(), 1);
    }

    // A session that cannot be opened (corrupt, or its checkpoint gone) is refused naming the file,
    // and the document keeps its lesson, title, config and model.
    void aBadSessionChangesNothing()
    {
        Document d;
        const QString good = m_dir.filePath(QStringLiteral("good.json"));
        SessionFile s;
        s.title = "Good";
        s.description = "Text";
        s.checkpoint = "cvae.llck";
        s.config = loadPreset("mlp-cvae");
        writeSession(good.toStdString(), s);
        openAndRestore(d, good);
        const std::string config = sessionToJson(d.current());

        const QString corrupt = m_dir.filePath(QStringLiteral("corrupt.json"));
        QFile f(corrupt);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\": 1, \"title\": ");
        f.close();
        const QString missing = m_dir.filePath(QStringLiteral("missing.json"));
        s.checkpoint = "gone.llck";
        writeSession(missing.toStdString(), s);
        for (const QString& bad : {corrupt, missing}) {
            const QString e = d.open(bad);
            QVERIFY2(e.contains(bad), qPrintable(e));
            QCOMPARE(d.lessonPath(), good);
            QCOMPARE(d.windowTitle(), QStringLiteral("LatentLab — Good"));
            QCOMPARE(sessionToJson(d.current()), config);
            QVERIFY(d.exploration().hasModel());
        }
    }
};

QTEST_MAIN(TestDocument)
#include "test_document.moc"
