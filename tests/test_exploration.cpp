// SPDX-License-Identifier: GPL-3.0-or-later
// The Explore tab's behaviour driven through its model alone: no window, no widget, QSignalSpy on
// Exploration's signals. Models are untrained (random weights decode and encode like trained ones)
// except the checkpoint the comparison opens.
#include "core/export/csv_export.h"
#include "core/export/model_grids.h"
#include "core/latent/latent_math.h"
#include "core/latent/point_query.h"
#include "core/pixels/pixel_datasets.h"
#include "core/models/presets.h"
#include "core/session/session_file.h"
#include "core/training/trainer.h"
#include "test_support.h"
#include "ui/models/decode_service.h"
#include "ui/models/explore_state.h"
#include "ui/models/exploration.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace latentlab;
using latentlab::testing::writeMnistFolder;
using ui::DecodedImage;
using ui::Exploration;

namespace {

struct Explored {
    Model model;
    Dataset data;
    LatentCodes codes;
};

Explored untrained(const std::string& preset, const Dataset& data, int latent = 0)
{
    RunConfig c = loadPreset(preset);
    if (latent > 0)
        c.model.latent = latent;
    Explored e;
    e.data = data;
    e.model = Model::create(c, data.info(), 7);
    e.codes = e.model.encode(data, true, 300);
    return e;
}

void show(Exploration& m, const Explored& e) { m.setModel(e.model, e.data, e.codes, {}); }

/// Waits for the main image decoded for the current point.
bool waitForCurrentImage(Exploration& m)
{
    QSignalSpy decoded(&m, &Exploration::imageDecoded);
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        if (!decoded.wait(200))
            continue;
        for (const auto& args : decoded)
            if (args.at(0).value<DecodedImage>().channel == ui::kChannelCurrent)
                return true;
    }
    return false;
}

double distance(const QPointF& a, const QPointF& b) { return std::hypot(a.x() - b.x(), a.y() - b.y()); }

} // namespace

class TestExploration : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Dataset m_digits, m_faces;
    Explored m_vae2, m_vae20, m_cvae;

private slots:
    void initTestCase()
    {
        registerPixelDatasets();
        QDir().mkpath(m_dir.filePath(QStringLiteral("digits")));
        writeMnistFolder(m_dir.filePath(QStringLiteral("digits")), 600, 300);
        m_digits = Dataset::load("mnist:" + m_dir.filePath(QStringLiteral("digits")).toStdString());
        m_faces = Dataset::load("synthfaces:200");
        m_vae2 = untrained("mlp-vae", m_digits, 2);
        m_vae20 = untrained("mlp-vae", m_digits, 20);
        m_cvae = untrained("conv-cvae-faces", m_faces);
    }

    void aNewModelStartsAtTheMeanInTheDefaultCondition()
    {
        Exploration m;
        QSignalSpy changed(&m, &Exploration::modelChanged);
        show(m, m_cvae);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toBool(), true); // first model: reshaped
        QCOMPARE(m.point().latent(), m.point().basis().origin);
        QCOMPARE(m.point().condition(), m_faces.attributes(true, 0)); // a real combination, not all zeros
        // A model trained here carries its data's most common combination: that is the default.
        Explored trained;
        trained.data = m_faces;
        trained.model = Trainer(loadPreset("conv-cvae-faces"), m_faces).model();
        trained.codes = trained.model.encode(m_faces, true, 300);
        Exploration r;
        show(r, trained);
        QVERIFY(trained.model.info().referenceCondition != m_faces.attributes(true, 0)); // tells the two apart
        QCOMPARE(r.point().condition(), trained.model.info().referenceCondition);
        QCOMPARE(r.point().condition(), mostCommonCondition(trained.model.info(), m_faces));
        QVERIFY(waitForCurrentImage(m));
        QCOMPARE(m.currentImage().size(), QSize(64, 64));
        // The next epoch's snapshot keeps the point.
        m.point().setCoordinate(0, 1.0f);
        const auto point = m.point().latent();
        show(m, m_cvae);
        QCOMPARE(changed.at(1).at(0).toBool(), false);
        QCOMPARE(m.point().latent(), point);
    }

    void largeLatentsGetPrincipalAxesAndShowAllKeepsThePoint()
    {
        Exploration m;
        show(m, m_vae20);
        QVERIFY(m.point().principal());
        QCOMPARE(m.point().basis().count(), ui::ExplorePoint::kPrincipalSliders);
        m.point().setCoordinate(1, -2.0f);
        const auto c = m.point().coordinates();
        QVERIFY(std::abs(c[1] + 2.0f) < 1e-3f && std::abs(c[0]) < 1e-3f);
        const auto point = m.point().latent();
        QSignalSpy basis(&m, &Exploration::basisChanged);
        m.point().setShowAllDimensions(true);
        QCOMPARE(basis.count(), 1);
        QVERIFY(!m.point().principal());
        QCOMPARE(m.point().basis().count(), 20);
        QCOMPARE(m.point().latent(), point);
    }

    void aScatterPickSetsTheWholePoint()
    {
        Exploration m;
        show(m, m_vae20);
        m.point().setAttribute(int(m.point().attributeChoices().indexOf(QStringLiteral("class: 3"))));
        m.point().setAmount(0.8f);
        m.point().setLatent(std::vector<float>(20, 2.5f)); // stale values everywhere
        const QPointF at(0.7, -0.4);
        m.pickScatter(at);
        // The shown point (attribute vector included) lands under the cursor...
        QVERIFY(distance(m.project(m.point().shown()), at) < 1e-4);
        // ...and m_z is the mean plus a move in the plane: nothing stale survives.
        const Projection2D& p = m.scatter().projection();
        const QPointF z = m.project(m.point().latent());
        for (size_t k = 0; k < 20; ++k) {
            const double rest = m.point().latent()[k] - p.mean[k] - z.x() * p.axis1[k] - z.y() * p.axis2[k];
            QVERIFY2(std::abs(rest) < 1e-4, qPrintable(QString::number(rest)));
        }
    }

    void anAttributeVectorIsAddedToThePoint()
    {
        Exploration m;
        show(m, m_vae20);
        QCOMPARE(m.point().attributeChoices().front(), QStringLiteral("none"));
        QVERIFY(!m.point().setAttribute(int(m.point().attributeChoices().size())));
        QVERIFY(m.point().setAttribute(int(m.point().attributeChoices().indexOf(QStringLiteral("class: 3")))));
        QVERIFY(m.point().hasAttributeVector());
        std::vector<bool> has;
        for (int label : m.codes().labels)
            has.push_back(label == 3);
        const auto toward3 = attributeVector(m.codes().values, m.codes().dim, has);
        QSignalSpy moved(&m, &Exploration::pointChanged);
        m.point().setAmount(1.5f);
        QCOMPARE(moved.count(), 1);
        for (size_t k = 0; k < 20; ++k)
            QVERIFY(std::abs(m.point().shown()[k] - (m.point().latent()[k] + 1.5f * toward3[k])) < 1e-4f);
        // Choosing another attribute starts it at amount 0.
        m.point().setAttribute(0);
        QCOMPARE(m.point().amount(), 0.0f);
        QCOMPARE(m.point().shown(), m.point().latent());
    }

    void playbackMorphsUntilAnEdit()
    {
        Exploration m;
        show(m, m_vae2);
        m.interpolation().setEndpoint(0, {-1.0f, -1.0f});
        m.interpolation().setEndpoint(1, {1.0f, 2.0f});
        QVERIFY(m.interpolation().ready());
        m.point().setAmount(0.5f);
        QSignalSpy playing(&m.interpolation(), &ui::Interpolation::playingChanged);
        QSignalSpy morphs(&m.interpolation(), &ui::Interpolation::morphed);
        m.interpolation().setPlaying(true);
        QVERIFY(m.interpolation().playing());
        QTRY_VERIFY_WITH_TIMEOUT(morphs.count() >= 3, 5000);
        QCOMPARE(m.point().latent(), m.interpolation().pointAt(m.interpolation().position()));
        QCOMPARE(m.point().amount(), 0.0f); // the path itself is shown
        m.point().setConditionValue(0, 1.0f); // no condition: ignored, playback goes on
        QVERIFY(m.interpolation().playing());
        m.point().setCoordinate(0, 0.0f);
        QVERIFY(!m.interpolation().playing());
        QCOMPARE(playing.count(), 2); // playing() is the player's timer: stopped, nothing moves the point
        // Playback needs both ends.
        m.interpolation().setEndpoint(1, {});
        m.interpolation().setPlaying(true);
        QVERIFY(!m.interpolation().playing());
    }

    // The source image part alone: what it is, said once per change; clearing nothing says nothing.
    void aSourceImageSaysWhatItIs()
    {
        ui::SourceImage source;
        QSignalSpy changed(&source, &ui::SourceImage::changed);
        QVERIFY(source.empty());
        source.clear();
        QCOMPARE(changed.count(), 0);
        QImage image(28, 28, QImage::Format_Grayscale8);
        image.fill(200);
        source.set(image, QStringLiteral("test image 7 (Sneaker)"), 7, QString());
        QCOMPARE(changed.count(), 1);
        QVERIFY(!source.empty());
        QCOMPARE(source.testIndex(), int64_t(7));
        QCOMPARE(source.caption(), QStringLiteral("test image 7 (Sneaker)"));
        QCOMPARE(source.image(), image);
        source.clear();
        QCOMPARE(changed.count(), 2);
        QVERIFY(source.empty() && source.image().isNull() && source.testIndex() == -1 && source.file().isEmpty());
    }

    void encodingAFileStartsFromTheDefaultCondition()
    {
        Exploration m;
        show(m, m_cvae);
        const auto initial = m.point().condition();
        m.point().setConditionValue(0, 1.8f);
        QImage face(80, 80, QImage::Format_RGB888);
        face.fill(QColor(200, 160, 140));
        const QString png = m_dir.filePath(QStringLiteral("face.png"));
        QVERIFY(face.save(png));
        QSignalSpy source(&m.source(), &ui::SourceImage::changed);
        QVERIFY(m.encodeImageFile(png));
        QCOMPARE(source.count(), 1);
        QCOMPARE(m.source().image().size(), QSize(64, 64));
        QCOMPARE(m.source().caption(), QStringLiteral("face.png"));
        QTRY_COMPARE_WITH_TIMEOUT(m.point().condition(), initial, 10000);
        QCOMPARE(m.settings().sourceFile, QFileInfo(png).absoluteFilePath().toStdString());
        // A broken file names itself, as an error, and leaves the point alone.
        const QString broken = m_dir.filePath(QStringLiteral("broken.png"));
        latentlab::testing::writeBytes(broken, {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0});
        const auto point = m.point().latent();
        QVERIFY(!m.encodeImageFile(broken));
        QVERIFY(m.statusIsError());
        QVERIFY(m.status().contains(broken));
        QCOMPARE(m.point().latent(), point);
    }

    void aTestImageIsEncodedWithItsOwnCondition()
    {
        Exploration m;
        show(m, m_cvae);
        m.encodeTestImage(5);
        QTRY_COMPARE_WITH_TIMEOUT(m.point().condition(), m_faces.attributes(true, 5), 10000);
        const auto expected = m_cvae.model.encodeImages(m_faces.images(true, 5, 1), m_faces.attributes(true, 5));
        QTRY_VERIFY_WITH_TIMEOUT(m.point().latent() == expected, 10000);
        QCOMPARE(m.settings().sourceTestImage, int64_t(5));
    }

    // Each end of an interpolation keeps the condition it was set in: a hatless B stays hatless
    // at its end, whatever the sliders say now; a session keeps both; a scatter click or a
    // bookmark leaves the source image behind.
    void interpolationEndsKeepTheirOwnConditions()
    {
        Exploration m;
        show(m, m_cvae);
        const std::vector<float> a = m_faces.attributes(true, 1), b = m_faces.attributes(true, 2);
        QVERIFY(a != b);
        m.point().setCondition(a);
        m.interpolation().setEndpoint(0, std::vector<float>(16, 0.5f));
        m.point().setCondition(b);
        m.interpolation().setEndpoint(1, std::vector<float>(16, -0.5f));
        m.point().setCondition(a); // the sliders moved on: the ends do not follow
        QCOMPARE(m.interpolation().endpointCondition(0), a);
        QCOMPARE(m.interpolation().endpointCondition(1), b);
        m.interpolation().morphTo(1.0);
        QCOMPARE(m.point().condition(), b);
        m.interpolation().morphTo(0.0);
        QCOMPARE(m.point().condition(), a);
        m.interpolation().morphTo(0.5);
        QCOMPARE(m.point().condition(), lerp(a, b, 0.5f));
        const ExploreSettings saved = m.settings();
        QCOMPARE(saved.interpolationConditionB, b);
        Exploration r;
        show(r, m_cvae);
        r.applySettings(saved);
        QCOMPARE(r.interpolation().endpointCondition(0), a);
        QCOMPARE(r.interpolation().endpointCondition(1), b);
        // The strip's last frame is B in B's condition.
        QVERIFY(waitForCurrentImage(m));
        const auto frames = interpolationFrames(m_cvae.model, m.interpolation().endpoint(0), m.interpolation().endpoint(1), 2, false, a, false, b);
        QCOMPARE(frames.back().pixels, m_cvae.model.decode(m.interpolation().endpoint(1), 1, b).front().pixels);
        QCOMPARE(frames.front().pixels, m_cvae.model.decode(m.interpolation().endpoint(0), 1, a).front().pixels);
    }

    void movingAwayFromTheSourceImageForgetsIt()
    {
        Exploration m;
        show(m, m_cvae);
        m.encodeTestImage(5);
        QTRY_COMPARE_WITH_TIMEOUT(m.settings().sourceTestImage, int64_t(5), 10000);
        QVERIFY(!m.source().caption().isEmpty());
        m.point().setCoordinate(0, 0.5f); // an edit of the source: still its image
        QVERIFY(!m.source().caption().isEmpty());
        m.point().reset(); // elsewhere: the caption would lie
        QVERIFY(m.source().caption().isEmpty());
        QCOMPARE(m.settings().sourceTestImage, int64_t(-1));
    }

    void aSessionWithASourceButNoPointStartsAtTheSourcesCode()
    {
        // A lesson trains its model, so it can name a test image to start from but not a point.
        for (const Explored* e : {&m_vae20, &m_cvae}) {
            Exploration m;
            show(m, *e);
            ExploreSettings lesson;
            lesson.sourceTestImage = 4;
            m.applySettings(lesson);
            const std::vector<float> cond = e == &m_cvae ? m_faces.attributes(true, 4) : std::vector<float>();
            const auto expected = e->model.encodeImages(e->data.images(true, 4, 1), cond);
            QTRY_VERIFY_WITH_TIMEOUT(m.point().latent() == expected, 10000);
            QVERIFY(m.point().latent() != m.point().basis().origin);
            QCOMPARE(m.point().condition(), cond);
            QVERIFY(!m.point().history().canUndo()); // where the lesson starts, not an edit
            QCOMPARE(m.settings().sourceTestImage, int64_t(4));
        }
        // The lesson goes on training: each epoch's weights encode the image again, until an edit.
        Exploration follow;
        show(follow, m_vae20);
        ExploreSettings lesson;
        lesson.sourceTestImage = 4;
        follow.applySettings(lesson);
        QTRY_VERIFY_WITH_TIMEOUT(follow.point().latent() == m_vae20.model.encodeImages(m_digits.images(true, 4, 1)), 10000);
        Explored nextEpoch = m_vae20;
        RunConfig c = loadPreset("mlp-vae");
        c.model.latent = 20;
        nextEpoch.model = Model::create(c, m_digits.info(), 8); // other weights, the same latent space's shape
        const auto recoded = nextEpoch.model.encodeImages(m_digits.images(true, 4, 1));
        QVERIFY(recoded != follow.point().latent());
        show(follow, nextEpoch);
        QTRY_VERIFY_WITH_TIMEOUT(follow.point().latent() == recoded, 10000);
        QVERIFY(!follow.point().history().canUndo());
        // An edit made while the next weights' encode is still on its way wins over it: the decode
        // thread is held so that the encode's result arrives after the edit.
        follow.decoder().setHeld(true);
        show(follow, m_vae20); // its encode waits
        follow.point().setCoordinate(1, -1.0f);
        const auto early = follow.point().latent();
        follow.decoder().setHeld(false);
        QVERIFY(follow.decoder().waitUntilIdle());
        QCOMPARE(follow.point().latent(), early);
        show(follow, nextEpoch);
        QVERIFY(follow.decoder().waitUntilIdle());
        QCOMPARE(follow.point().latent(), early); // and following has stopped
        follow.encodeTestImage(4); // a click follows again
        QTRY_VERIFY_WITH_TIMEOUT(follow.point().latent() == recoded, 10000);
        follow.point().setCoordinate(0, 1.5f);
        const auto edited = follow.point().latent();
        show(follow, m_vae20);
        QVERIFY(follow.decoder().waitUntilIdle());
        QCOMPARE(follow.point().latent(), edited); // the user's point stays
        // Scrubbing the interpolation moves the point too: no more following.
        follow.encodeTestImage(4);
        QTRY_VERIFY_WITH_TIMEOUT(follow.point().latent() == m_vae20.model.encodeImages(m_digits.images(true, 4, 1)), 10000);
        follow.interpolation().setEndpoint(0, std::vector<float>(20, 0.5f));
        follow.interpolation().setEndpoint(1, std::vector<float>(20, -0.5f));
        follow.interpolation().morphTo(0.25);
        const auto onThePath = follow.point().latent();
        show(follow, nextEpoch);
        QVERIFY(follow.decoder().waitUntilIdle());
        QCOMPARE(follow.point().latent(), onThePath);
        // The next weights arriving before the start's code does: they encode the image themselves.
        Exploration beaten;
        show(beaten, m_vae20);
        beaten.applySettings(lesson);
        show(beaten, nextEpoch);
        QTRY_VERIFY_WITH_TIMEOUT(beaten.point().latent() == recoded, 10000);
        // The session's attribute amount survives the start's encode.
        Exploration amount;
        show(amount, m_vae20);
        ExploreSettings withAmount = lesson;
        withAmount.attribute = "class: 2";
        withAmount.amount = 75;
        amount.applySettings(withAmount);
        QTRY_VERIFY_WITH_TIMEOUT(amount.point().latent() == m_vae20.model.encodeImages(m_digits.images(true, 4, 1)), 10000);
        QCOMPARE(amount.settings().amount, 75);
        // A point, when the settings have one, wins over the source's code.
        Exploration m;
        show(m, m_vae20);
        ExploreSettings saved;
        saved.sourceTestImage = 4;
        saved.point.assign(20, 0.25f);
        m.applySettings(saved);
        QVERIFY(m.decoder().waitUntilIdle());
        QCOMPARE(m.point().latent(), saved.point);
    }

    void clearForgetsEverythingDerivedFromTheModel()
    {
        Exploration m;
        show(m, m_vae2);
        QVERIFY(waitForCurrentImage(m));
        m.interpolation().setEndpoint(0, {0.0f, 1.0f});
        m.interpolation().setEndpoint(1, {1.0f, 0.0f});
        m.interpolation().setPlaying(true);
        m.encodeTestImage(3);
        m.setRecording(true);
        QVERIFY(m.decoder().waitUntilIdle());
        const quint64 ran = m.decoder().jobsRun();
        m.point().setLatent({0.3f, 0.3f}); // a decode in flight when the model goes:
        while (m.decoder().jobsRun() == ran) // it has run, its result waits for this thread's events
            QThread::msleep(1);
        QSignalSpy cleared(&m, &Exploration::cleared);
        QSignalSpy decoded(&m, &Exploration::imageDecoded);
        m.clear();
        QCOMPARE(cleared.count(), 1);
        QVERIFY(!m.hasModel());
        QVERIFY(!m.interpolation().playing());
        QVERIFY(!m.recorder().recording());
        QVERIFY(m.point().latent().empty() && m.point().condition().empty() && m.point().shown().empty());
        QVERIFY(m.interpolation().endpoint(0).empty() && m.interpolation().endpoint(1).empty());
        QVERIFY(m.source().image().isNull() && m.source().caption().isEmpty());
        QVERIFY(m.currentImage().isNull() && m.decodedImage(ui::kChannelInterpolation).isNull());
        QVERIFY(!m.recorder().frames().empty()); // what the user recorded stays, to be exported
        QCOMPARE(m.point().basis().count(), 0);
        QVERIFY(m.scatter().projection().axis1.empty());
        QCOMPARE(m.settings().sourceTestImage, int64_t(-1));
        QVERIFY(m.decoder().waitUntilIdle()); // the decode in flight has ended...
        QCOMPARE(decoded.count(), 0);        // ...and nothing of the old weights arrived
    }

    void anotherLatentSizeResetsThePointAndTheEnds()
    {
        Exploration m;
        show(m, m_vae2);
        m.interpolation().setEndpoint(0, {0.0f, 1.0f});
        m.interpolation().setEndpoint(1, {1.0f, 0.0f});
        m.scatter().setDimensions(2, 1);
        QSignalSpy changed(&m, &Exploration::modelChanged);
        show(m, m_vae20);
        QCOMPARE(changed.at(0).at(0).toBool(), true);
        QCOMPARE(int(m.point().latent().size()), 20);
        QVERIFY(m.interpolation().endpoint(0).empty());
        QCOMPARE(m.scatter().dimensions(), std::make_pair(0, 0));
    }

    void settingsRestoreTheSameExplorationAndMap()
    {
        Exploration a;
        show(a, m_vae20);
        a.point().setAttribute(int(a.point().attributeChoices().indexOf(QStringLiteral("class: 2"))));
        a.point().setAmount(0.75f);
        a.interpolation().setEndpoint(0, std::vector<float>(20, 0.5f));
        a.interpolation().setEndpoint(1, std::vector<float>(20, -0.5f));
        a.interpolation().setSpherical(true);
        a.point().setCoordinate(3, 1.25f);
        a.encodeTestImage(7);
        QTRY_VERIFY_WITH_TIMEOUT(a.point().latent() != a.point().basis().origin, 10000);
        a.setTab(QStringLiteral("Manifold"));
        const ExploreSettings saved = a.settings();

        Exploration b;
        show(b, m_vae20);
        QSignalSpy tab(&b, &Exploration::tabChanged);
        b.applySettings(saved);
        const ExploreSettings restored = b.settings();
        QCOMPARE(restored.point, saved.point);
        QCOMPARE(restored.attribute, std::string("class: 2"));
        QCOMPARE(restored.amount, 75);
        QCOMPARE(restored.interpolationA, saved.interpolationA);
        QVERIFY(restored.spherical);
        QCOMPARE(restored.sourceTestImage, int64_t(7));
        QCOMPARE(tab.count(), 1);
        QCOMPARE(b.tab(), QStringLiteral("Manifold"));
        QCOMPARE(b.source().image(), a.source().image());
        // The same map: PCA axes with a deterministic sign, not mirrored.
        QCOMPARE(b.scatter().projection().axis1, a.scatter().projection().axis1);
        QCOMPARE(b.scatter().projection().axis2, a.scatter().projection().axis2);
        QVERIFY(distance(b.project(b.point().shown()), a.project(a.point().shown())) < 1e-6);
        // Chosen dimensions come back too.
        a.scatter().setDimensions(4, 9);
        Exploration c;
        show(c, m_vae20);
        c.applySettings(a.settings());
        QCOMPARE(c.scatter().dimensions(), std::make_pair(4, 9));
        QCOMPARE(c.scatter().projection().axis1[3], 1.0f);
    }

    void theScatterViewAndThumbnailsAreModelState()
    {
        Exploration a;
        show(a, m_vae20);
        QSignalSpy scatter(&a, &Exploration::scatterChanged), view(&a.scatter(), &ui::ScatterLayout::viewChanged);
        a.scatter().setThumbnails(true);
        a.scatter().setThumbnails(true);
        QCOMPARE(scatter.count(), 1);
        const std::vector<float> zoom {-0.5f, 0.5f, -0.25f, 0.75f};
        a.scatter().setView(zoom);
        a.scatter().setView(zoom);
        a.scatter().setView({1, 2, 3}); // not a view: ignored
        QCOMPARE(view.count(), 1);
        QCOMPARE(a.scatter().view(), zoom);
        // Sessions keep both; a new model starts from the whole cloud.
        Exploration b;
        show(b, m_vae20);
        b.applySettings(a.settings());
        QVERIFY(b.scatter().thumbnails());
        QCOMPARE(b.scatter().view(), zoom);
        b.clear();
        QVERIFY(b.scatter().view().empty());
    }

    void undoAndRedoWalkTheEditsBackAndForth()
    {
        Exploration m;
        show(m, m_vae20);
        QVERIFY(!m.point().history().canUndo());
        const auto origin = m.point().latent();
        // A slider drag is one step: many values of one axis in quick succession.
        for (float v : {0.1f, 0.4f, 0.9f, 1.3f})
            m.point().setCoordinate(2, v);
        const auto dragged = m.point().latent();
        QCOMPARE(m.point().history().steps(), 1);
        // Another axis, the attribute and its amount, and a randomize: a step each.
        m.point().setCoordinate(5, -1.0f);
        const auto afterSecond = m.point().latent();
        QVERIFY(m.point().setAttribute(int(m.point().attributeChoices().indexOf(QStringLiteral("class: 4")))));
        m.point().setAmount(0.5f);
        m.point().randomize();
        QCOMPARE(m.point().history().steps(), 5);
        QSignalSpy moved(&m, &Exploration::pointChanged);
        m.point().history().undo(); // randomize
        QCOMPARE(m.point().latent(), afterSecond);
        QCOMPARE(m.point().amount(), 0.5f);
        QVERIFY(moved.count() >= 1);
        m.point().history().undo(); // amount
        QCOMPARE(m.point().amount(), 0.0f);
        m.point().history().undo(); // attribute
        QCOMPARE(m.point().attribute(), 0);
        m.point().history().undo(); // second axis
        QCOMPARE(m.point().latent(), dragged);
        m.point().history().undo(); // the drag
        QCOMPARE(m.point().latent(), origin);
        QVERIFY(!m.point().history().canUndo());
        m.point().history().redo();
        m.point().history().redo();
        QCOMPARE(m.point().latent(), afterSecond);
        QVERIFY(m.point().history().canRedo());
        m.point().setCoordinate(0, 2.0f); // a new edit drops what could be redone
        QVERIFY(!m.point().history().canRedo());
        // At least 100 steps, and the limit holds.
        for (int i = 0; i < int(ui::EditHistory::kLimit) + 20; ++i)
            m.point().setLatent(std::vector<float>(20, float(i) * 0.001f));
        QCOMPARE(size_t(m.point().history().steps()), ui::EditHistory::kLimit);
        for (int i = 0; i < 100; ++i)
            m.point().history().undo();
        QCOMPARE(m.point().latent(), std::vector<float>(20, float(ui::EditHistory::kLimit + 19 - 100) * 0.001f));
        // Another model's shape forgets the steps.
        show(m, m_vae2);
        QVERIFY(!m.point().history().canUndo() && !m.point().history().canRedo());
    }

    void bookmarksNameVisitAndTravelInSessions()
    {
        Exploration m;
        show(m, m_vae20);
        m.point().setCoordinate(1, 1.5f);
        QVERIFY(m.point().setAttribute(int(m.point().attributeChoices().indexOf(QStringLiteral("class: 7")))));
        m.point().setAmount(1.25f);
        const auto here = m.point().shown();
        QCOMPARE(m.point().addBookmark(QStringLiteral("toward seven")), 0);
        QCOMPARE(m.point().addBookmark(), 1);
        QCOMPARE(m.point().bookmarks().list()[1].name, std::string("Bookmark 2"));
        m.point().bookmarks().rename(1, QStringLiteral("  second  "));
        QCOMPARE(m.point().bookmarks().list()[1].name, std::string("second"));
        m.point().reset();
        m.point().setAttribute(0);
        const int steps = m.point().history().steps();
        QVERIFY(m.point().goToBookmark(0));
        QCOMPARE(m.point().shown(), here);
        QCOMPARE(m.point().amount(), 1.25f);
        QCOMPARE(m.point().history().steps(), steps + 1); // one step, however many settings it changed
        m.point().history().undo();
        QCOMPARE(m.point().attribute(), 0);
        // CSV: a header naming every column, a row per bookmark.
        const std::string csv = m.point().bookmarks().csv(m.model().info().conditionNames);
        QVERIFY(csv.rfind("name,z1,", 0) == 0);
        QVERIFY(csv.find(",z20,attribute,amount\n") != std::string::npos);
        QVERIFY(csv.find("\"toward seven\",") != std::string::npos && csv.find(",\"class: 7\",1.25\n") != std::string::npos);
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 3);
        // In sessions: saved, read back, restored.
        SessionFile s;
        s.config = m_vae20.model.info().config;
        s.hasExplore = true;
        s.explore = m.settings();
        const SessionFile back = parseSession(sessionToJson(s), "bookmarks.json");
        QCOMPARE(back.explore.bookmarks.size(), size_t(2));
        QCOMPARE(back.explore.bookmarks[0].point, m.point().bookmarks().list()[0].point);
        QCOMPARE(back.explore.bookmarks[0].amount, 125);
        Exploration other;
        show(other, m_vae20);
        other.applySettings(back.explore);
        QCOMPARE(other.point().bookmarks().list().size(), size_t(2));
        QVERIFY(other.point().goToBookmark(0));
        QCOMPARE(other.point().shown(), here);
        // A model of another shape keeps them but will not visit them.
        show(other, m_vae2);
        QVERIFY(!other.point().goToBookmark(0));
        QVERIFY(other.statusIsError() && other.status().contains(QStringLiteral("20 latent dimensions")));
        m.point().bookmarks().remove(0);
        QCOMPARE(m.point().bookmarks().list().front().name, std::string("second"));
        // A bookmark whose point has the wrong size is refused when the session is read.
        SessionFile bad = s;
        bad.explore.bookmarks[0].point = {1.0f, 2.0f};
        const QString e = testing::errorOf([&] { parseSession(sessionToJson(bad), "bad.json"); });
        QVERIFY2(e.startsWith(QStringLiteral("bad.json")) && e.contains(QStringLiteral("latent")), qPrintable(e));
    }

    void aTsneMapConvergesOnAWorkerAndPicksTheNearestCode()
    {
#ifndef LATENTLAB_HAVE_TSNE
        QSKIP("built without t-SNE (libnanoflann-dev)");
#else
        Exploration m;
        show(m, m_vae20);
        QSignalSpy frames(&m.scatter(), &ui::ScatterLayout::mapProgressed);
        MapSettings tsne;
        tsne.method = MapSettings::Method::Tsne;
        m.scatter().setMap(tsne);
        QVERIFY(m.scatter().mapped());
        QCOMPARE(m.scatter().mapSteps(), 750);
        // The GUI thread is free while it converges: frames arrive as it goes, then the last one.
        QTRY_VERIFY_WITH_TIMEOUT(m.scatter().mapStep() == m.scatter().mapSteps(), 60000);
        QVERIFY(frames.count() >= 3);
        const int64_t n = m.codes().count();
        QCOMPARE(m.scatter().mapPoints().size(), size_t(2 * n));
        QCOMPARE(m.scatter().shownProjection().points, m.scatter().mapPoints());
        QVERIFY(m.status().contains(QStringLiteral("t-SNE map of")));
        // A click on a code's place in the map decodes that code; the marker sits on it.
        const int64_t i = 17;
        const QPointF at(m.scatter().mapPoints()[size_t(2 * i)], m.scatter().mapPoints()[size_t(2 * i + 1)]);
        m.pickScatter(at);
        const std::vector<float> code(m.codes().values.begin() + i * 20, m.codes().values.begin() + (i + 1) * 20);
        QCOMPARE(m.point().latent(), code);
        QCOMPARE(m.project(m.point().shown()), at);
        // With Isolate, a click takes the nearest code still drawn.
        const int label = m.codes().labels[size_t(i)];
        m.selection().setSearch(QStringLiteral("not %1").arg(label));
        m.selection().setIsolated(true);
        m.pickScatter(at);
        QVERIFY(m.point().latent() != code);
        const auto& values = m.codes().values;
        int64_t picked = -1;
        for (int64_t j = 0; j < n && picked < 0; ++j)
            if (std::equal(m.point().latent().begin(), m.point().latent().end(), values.begin() + j * 20))
                picked = j;
        QVERIFY(picked >= 0 && m.codes().labels[size_t(picked)] != label);
        m.selection().reset();
        // Kept in sessions; off again, the linear projection is back.
        QCOMPARE(m.settings().scatterMap, std::string("tsne"));
        m.scatter().setMap(MapSettings());
        QVERIFY(m.scatter().mapPoints().empty());
        QCOMPARE(m.scatter().shownProjection().points, m.scatter().projection().points);
        // Another model while it runs: the old job stops, the new codes get their map.
        m.scatter().setMap(tsne);
        show(m, m_vae20);
        m.clear(); // and clearing mid-run neither hangs nor crashes
        QVERIFY(m.scatter().mapPoints().empty());
#endif
    }

    // Axes > UMAP: the same worker with UMAP's neighbours and min-dist; new settings restart it,
    // sessions keep them.
    void aUmapMapConvergesWithItsSettings()
    {
#ifndef LATENTLAB_HAVE_TSNE
        QSKIP("built without UMAP (libnanoflann-dev)");
#else
        Exploration m;
        show(m, m_vae20);
        MapSettings umap;
        umap.method = MapSettings::Method::Umap;
        umap.neighbours = 8;
        umap.minDist = 0.3;
        m.scatter().setMap(umap);
        QCOMPARE(m.scatter().mapSteps(), 500); // under 10,000 codes
        QTRY_VERIFY_WITH_TIMEOUT(m.scatter().mapStep() == m.scatter().mapSteps(), 60000);
        const int64_t n = m.codes().count();
        QCOMPARE(m.scatter().mapPoints().size(), size_t(2 * n));
        QVERIFY(m.status().contains(QStringLiteral("UMAP map of")));
        const std::vector<float> first = m.scatter().mapPoints();
        const ExploreSettings kept = m.settings();
        QCOMPARE(kept.scatterMap, std::string("umap"));
        QCOMPARE(kept.mapNeighbours, 8);
        QCOMPARE(kept.mapMinDist, 0.3);
        // Other settings: another map.
        umap.minDist = 0.05;
        m.scatter().setMap(umap);
        QVERIFY(m.scatter().mapPoints().empty());
        QTRY_VERIFY_WITH_TIMEOUT(m.scatter().mapStep() == m.scatter().mapSteps(), 60000);
        QVERIFY(m.scatter().mapPoints() != first);
        // A session brings its map back, settings and all: the same map for the same codes.
        Exploration other;
        show(other, m_vae20);
        other.applySettings(kept);
        QCOMPARE(other.scatter().map().neighbours, 8);
        QTRY_VERIFY_WITH_TIMEOUT(other.scatter().mapStep() == other.scatter().mapSteps(), 60000);
        QCOMPARE(other.scatter().mapPoints(), first);
#endif
    }

    void nearestImagesAreFoundInBothSplits()
    {
        Exploration m;
        show(m, m_vae20);
        const int64_t i = 5;
        m.point().setLatent(std::vector<float>(m.codes().values.begin() + i * 20, m.codes().values.begin() + (i + 1) * 20));
        const auto test = m.neighbours().find(m.point().shown(), 4, false);
        QCOMPARE(test.size(), size_t(4));
        QCOMPARE(test.front().index, i); // the image whose code it is
        QCOMPARE(test.front().distance, 0.0f);
        for (size_t n = 1; n < test.size(); ++n)
            QVERIFY(test[n - 1].distance <= test[n].distance);
        // Training images: encoded once on the decode thread, then searched.
        QSignalSpy ready(&m.neighbours(), &ui::NearestImages::ready);
        QVERIFY(m.neighbours().find(m.point().shown(), 4, true).empty());
        QVERIFY(ready.wait(30000));
        const auto train = m.neighbours().find(m.point().shown(), 4, true);
        QCOMPARE(train.size(), size_t(4));
        const LatentCodes trainCodes = m_vae20.model.encode(m_digits, false);
        for (const auto& n : train) { // the distances are those of the training codes
            double d = 0;
            for (int c = 0; c < 20; ++c)
                d += std::pow(double(trainCodes.values[size_t(n.index * 20 + c)]) - m.point().shown()[size_t(c)], 2);
            QVERIFY(std::abs(std::sqrt(d) - n.distance) < 1e-3);
        }
        QVERIFY(train.front().distance <= train.back().distance);
        // New weights: encoded again for them.
        show(m, m_vae20);
        QVERIFY(!m.neighbours().trainingCodesReady());
    }

    // A long encoding of the training images goes in parts, and the slider's decodes go between
    // them (CelebA's 162,770 faces took minutes in one job, the view frozen meanwhile).
    void trainingCodesComeInPartsWithDecodesBetween()
    {
        Exploration m;
        show(m, m_vae20);
        QVERIFY(waitForCurrentImage(m));
        m.neighbours().setPartMilliseconds(0); // a part per 64 images: the 600 in ten
        QStringList events;
        std::vector<std::pair<qint64, qint64>> parts;
        connect(&m.neighbours(), &ui::NearestImages::progressed, &m, [&](qint64 done, qint64 total) {
            parts.emplace_back(done, total);
            events << QStringLiteral("part");
            if (parts.size() == 1) // the user moves a slider while the encoding runs
                m.point().setLatent(std::vector<float>(m.codes().values.begin() + 20, m.codes().values.begin() + 40));
        });
        connect(&m, &Exploration::imageDecoded, &m, [&](const ui::DecodedImage& image) {
            if (image.channel == ui::kChannelCurrent)
                events << QStringLiteral("decoded");
        });
        QSignalSpy ready(&m.neighbours(), &ui::NearestImages::ready);
        m.neighbours().requestTrainingCodes();
        QVERIFY(ready.wait(30000));
        std::vector<std::pair<qint64, qint64>> expected;
        for (qint64 done = ui::NearestImages::kStep; done < 600; done += ui::NearestImages::kStep)
            expected.emplace_back(done, 600);
        expected.emplace_back(600, 600);
        QCOMPARE(parts, expected);
        QVERIFY2(events.indexOf(QStringLiteral("decoded")) == 1, qPrintable(events.join(u' '))); // right after the first part
        QVERIFY(m.status().contains(QStringLiteral("600")));
        const LatentCodes whole = m_vae20.model.encode(m_digits, false);
        const LatentCodes& pieced = m.neighbours().trainingCodes();
        QCOMPARE(pieced.count(), whole.count());
        QCOMPARE(pieced.labels, whole.labels);
        for (size_t i = 0; i < whole.values.size(); ++i)
            QVERIFY(std::abs(pieced.values[i] - whole.values[i]) < 1e-4f);
        // Another model while a part waits: the part is dropped (it neither finishes the encoding
        // nor mixes the two models' codes), and the new model's codes come whole when asked for.
        show(m, m_vae2);
        QSignalSpy again(&m.neighbours(), &ui::NearestImages::ready);
        m.decoder().setHeld(true);
        m.neighbours().requestTrainingCodes(); // the 2-d model's first part waits ...
        show(m, m_vae20);                      // ... when the 20-d model comes
        m.decoder().setHeld(false);
        QVERIFY(m.decoder().waitUntilIdle());
        QCOMPARE(again.size(), 0);
        QVERIFY(!m.neighbours().trainingCodesReady());
        m.neighbours().requestTrainingCodes();
        QVERIFY(again.wait(30000));
        QCOMPARE(m.neighbours().trainingCodes().count(), int64_t(600));
        QCOMPARE(m.neighbours().trainingCodes().dim, 20);
        QVERIFY(m.decoder().waitUntilIdle());
        QCOMPARE(again.size(), 1);
    }

    // Faces' attributes and factors travel with their codes across the parts, as from one encode;
    // Model::encodeRange clamps its range to the split.
    void partsKeepAttributesAndFactors()
    {
        Exploration m;
        show(m, m_cvae);
        m.neighbours().setPartMilliseconds(0); // 180 training faces in parts of 64
        QSignalSpy ready(&m.neighbours(), &ui::NearestImages::ready);
        m.neighbours().requestTrainingCodes();
        QVERIFY(ready.wait(30000));
        const LatentCodes whole = m_cvae.model.encode(m_faces, false);
        const LatentCodes& pieced = m.neighbours().trainingCodes();
        QVERIFY(!whole.attributes.empty() && !whole.factors.empty());
        QCOMPARE(pieced.attributeNames, whole.attributeNames);
        QCOMPARE(pieced.attributes, whole.attributes);
        QCOMPARE(pieced.factorNames, whole.factorNames);
        QCOMPARE(pieced.factors, whole.factors);
        QCOMPARE(pieced.labels, whole.labels);
        const int64_t n = whole.count();
        QCOMPARE(m_cvae.model.encodeRange(m_faces, false, n - 5, n + 100).count(), int64_t(5));
        QCOMPARE(m_cvae.model.encodeRange(m_faces, false, 10, 4).count(), int64_t(0));
        QCOMPARE(m_cvae.model.encodeRange(m_faces, false, -3, -1).count(), int64_t(0));
        QCOMPARE(m_cvae.model.encodeRange(m_faces, false, 0, 2).labels, std::vector<int>(whole.labels.begin(), whole.labels.begin() + 2));
    }

    // An encoding that fails (here: a dataset the model does not fit) says so and can be asked for again.
    void aFailedEncodingSaysSoAndCanBeAskedAgain()
    {
        Exploration m;
        show(m, m_vae20);
        QSignalSpy failed(&m.neighbours(), &ui::NearestImages::failed);
        m.neighbours().reset(m_faces); // 64x64 colour faces for a model of 28x28 digits
        m.neighbours().requestTrainingCodes();
        QVERIFY(failed.wait(30000));
        QVERIFY(m.statusIsError());
        QVERIFY2(m.status().contains(QStringLiteral("failed")), qPrintable(m.status()));
        m.neighbours().reset(m_digits);
        QSignalSpy ready(&m.neighbours(), &ui::NearestImages::ready);
        m.neighbours().requestTrainingCodes();
        QVERIFY(ready.wait(30000));
        QCOMPARE(m.neighbours().trainingCodes().count(), int64_t(600));
    }

    // With no limit on a part's length, a part still ends as soon as another job waits: a slider
    // moved during a long encoding decodes after one step of images, not after all of them.
    void aLongEncodingLetsAWaitingDecodeGoFirst()
    {
        const Explored faces = untrained("conv-cvae-faces", Dataset::load("synthfaces:3000")); // 2,700 faces: seconds
        Exploration m;
        show(m, faces);
        QVERIFY(waitForCurrentImage(m));
        m.neighbours().setPartMilliseconds(1000000);
        QStringList events;
        connect(&m.neighbours(), &ui::NearestImages::ready, &m, [&] { events << QStringLiteral("ready"); });
        connect(&m, &Exploration::imageDecoded, &m, [&](const ui::DecodedImage& image) {
            if (image.channel == ui::kChannelCurrent)
                events << QStringLiteral("decoded");
        });
        QSignalSpy ready(&m.neighbours(), &ui::NearestImages::ready);
        m.neighbours().requestTrainingCodes();
        while (m.decoder().jobsWaiting()) // until the decode thread has taken the encoding
            QThread::usleep(100);
        m.point().setLatent(std::vector<float>(m.codes().values.begin(), m.codes().values.begin() + m.codes().dim));
        QVERIFY(ready.wait(60000));
        QVERIFY(m.decoder().waitUntilIdle());
        // In one job the image would come after all 2,700 faces: "ready decoded".
        QCOMPARE(events.join(u' '), QStringLiteral("decoded ready"));
        QCOMPARE(m.neighbours().trainingCodes().count(), faces.data.info().trainCount);
    }

    // The 3-D view: a 3-D code as it is, a larger one along its top three principal directions,
    // where the current point lands the same way; sessions keep it with its camera.
    void theThreeDViewPlacesCodesAndKeepsItsCamera()
    {
        Exploration m;
        const Explored three = untrained("mlp-ae-3d", m_digits);
        m.setModel(three.model, three.data, three.codes, {});
        QVERIFY(m.scatter().shownPoints3().empty()); // off: nothing computed
        m.scatter().setThreeD(true);
        QCOMPARE(m.scatter().shownPoints3(), three.codes.values); // "three numbers per digit", no projection
        QCOMPARE(m.scatter().axisTitles3().front(), QStringLiteral("z 1"));
        show(m, m_vae20);
        QVERIFY(m.scatter().threeD()); // kept across models
        const std::vector<float> points = m.scatter().shownPoints3();
        QCOMPARE(points.size(), size_t(m.codes().count()) * 3);
        QCOMPARE(m.scatter().axisTitles3().front(), QStringLiteral("PC 1"));
        const int64_t i = 17;
        const std::vector<float> code(m.codes().values.begin() + i * 20, m.codes().values.begin() + (i + 1) * 20);
        const std::vector<float> at = m.scatter().project3(code);
        for (int k = 0; k < 3; ++k)
            QVERIFY(std::abs(at[size_t(k)] - points[size_t(3 * i + k)]) < 1e-4f);
        double spread[3] = {0, 0, 0}; // principal directions: the first spreads the most
        for (size_t j = 0; j < points.size(); ++j)
            spread[j % 3] += double(points[j]) * points[j];
        QVERIFY(spread[0] >= spread[1] && spread[1] >= spread[2]);
        m.pickCode(i); // a click on a point in the 3-D view
        QCOMPARE(m.point().latent(), code);
        m.scatter().setCamera3({30, 15, 140});
        const ExploreSettings saved = m.settings();
        QVERIFY(saved.scatter3d);
        QCOMPARE(saved.scatter3dCamera, (std::vector<float> {30, 15, 140}));
        Exploration again;
        show(again, m_vae20);
        again.applySettings(saved);
        QVERIFY(again.scatter().threeD());
        QCOMPARE(again.scatter().camera3(), saved.scatter3dCamera);
    }

    // "All codes": the training codes join the test codes on the scatter once encoded; a code's
    // index leads to its own image in either split; sessions keep the choice.
    void allCodesAddTheTrainingImagesAfterTheTestImages()
    {
        Exploration m;
        show(m, m_vae20);
        const int64_t tests = m.codes().count();
        QSignalSpy ready(&m.neighbours(), &ui::NearestImages::ready);
        m.scatterCodes().setAll(true);
        QCOMPARE(m.codes().count(), tests); // the test codes until the training codes are encoded
        QVERIFY(m.status().contains(QStringLiteral("Encoding")));
        QVERIFY(ready.wait(30000));
        const int64_t trains = m_digits.info().trainCount;
        QCOMPARE(m.codes().count(), tests + trains);
        QCOMPARE(m.codes().labels.size(), size_t(tests + trains));
        const LatentCodes trainCodes = m_vae20.model.encode(m_digits, false);
        const int64_t j = 42;
        for (int c = 0; c < 20; ++c)
            QVERIFY(std::abs(m.codes().values[size_t((tests + j) * 20 + c)] - trainCodes.values[size_t(j * 20 + c)]) < 1e-5f);
        QCOMPARE(m.codes().labels[size_t(tests + j)], trainCodes.labels[size_t(j)]);
        QVERIFY(m.scatterCodes().isTraining(tests + j));
        QCOMPARE(m.scatterCodes().image(tests + j).pixels, m_digits.images(false, j, 1).front().pixels);
        QCOMPARE(m.scatterCodes().image(3).pixels, m_digits.images(true, 3, 1).front().pixels);
        QVERIFY(m.scatterCodes().image(tests + trains).pixels.empty()); // beyond the last
        // The test-image search of Nearest still searches (and numbers) the test images.
        const std::vector<float> code(trainCodes.values.begin() + j * 20, trainCodes.values.begin() + (j + 1) * 20);
        for (const auto& n : m.neighbours().find(code, 3, false))
            QVERIFY(n.index < tests);
        const std::vector<int> chosen = {3, int(tests + 5)}; // a test code and a training code
        m.selection().setSelectedIndices(chosen);
        const ExploreSettings saved = m.settings();
        QVERIFY(saved.scatterAllCodes);
        QCOMPARE(saved.scatterSelection, chosen);
        { // a session reopened: the selection of a training code waits for the training codes
            Exploration again;
            show(again, m_vae20);
            QSignalSpy encoded(&again.neighbours(), &ui::NearestImages::ready);
            again.applySettings(saved);
            QVERIFY(encoded.wait(30000));
            QCOMPARE(again.codes().count(), tests + trains);
            QCOMPARE(again.selection().selectedIndices(), chosen);
            QVERIFY(!again.statusIsError());
        }
        // Off and on again: the test codes are the first rows, so their selection stays.
        m.scatterCodes().setAll(false);
        QCOMPARE(m.selection().selectedIndices(), std::vector<int> {3});
        m.scatterCodes().setAll(true);
        QCOMPARE(m.codes().count(), tests + trains); // this model's training codes were kept
        QCOMPARE(m.selection().selectedIndices(), std::vector<int> {3});
        m.selection().setSelectedIndices(chosen);
        m.scatterCodes().setAll(false);
        QCOMPARE(m.codes().count(), tests);
        m.applySettings(saved);
        QCOMPARE(m.codes().count(), tests + trains); // this model's training codes were kept
        show(m, m_vae20); // new weights (the next epoch): the last training codes stay until theirs arrive
        QCOMPARE(m.codes().count(), tests + trains);
        QVERIFY(!m.scatterCodes().hasTrainingCodes());
        QVERIFY(ready.wait(30000));
        QVERIFY(m.scatterCodes().hasTrainingCodes());
        QCOMPARE(m.codes().count(), tests + trains);
    }

    void comparisonsCheckShapesAndEncodeTheirOwnCodes()
    {
        RunConfig c = loadPreset("mlp-vae");
        c.dataset = "mnist:" + m_dir.filePath(QStringLiteral("digits")).toStdString();
        c.model.latent = 2;
        Trainer t(c, m_digits);
        t.train(1);
        const QString path = m_dir.filePath(QStringLiteral("compared.llck"));
        t.saveCheckpoint(path.toStdString());

        Exploration m;
        QVERIFY(m.comparisons().add(path).contains(QStringLiteral("open a checkpoint first")));
        show(m, m_vae2);
        const QString missing = m_dir.filePath(QStringLiteral("missing.llck"));
        QVERIFY(m.comparisons().add(missing).contains(missing));
        QSignalSpy changed(&m.comparisons(), &ui::Comparisons::changed);
        QCOMPARE(m.comparisons().add(path), QString());
        QCOMPARE(int(m.comparisons().list().size()), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m.comparisons().list()[0].codes.count() > 0, 10000);
        QCOMPARE(m.comparisons().list()[0].codes.dim, 2);
        // A face model cannot be compared with digits.
        Exploration faces;
        show(faces, m_cvae);
        QVERIFY(faces.comparisons().add(path).contains(QStringLiteral("1x28x28")));
        // Another model keeps the checkpoints chosen for comparison; Clear removes them.
        m.clear();
        QCOMPARE(int(m.comparisons().list().size()), 1);
        m.comparisons().clear();
        QVERIFY(m.comparisons().list().empty());
        QVERIFY(changed.count() >= 2);
    }

    // A face model's codes carry the images' attributes: the scatter colours by them and the
    // latent-code CSV gets one column each.
    void faceCodesCarryTheirAttributes()
    {
        QCOMPARE(m_cvae.codes.attributeNames, m_faces.info().attributeNames);
        QCOMPARE(m_cvae.codes.attributes.size(), size_t(m_cvae.codes.count()) * m_faces.info().attributeNames.size());
        const std::string csv = latentsCsv(m_cvae.codes);
        const std::string header = csv.substr(0, csv.find('\n'));
        QVERIFY2(header.find("Smiling") != std::string::npos && header.find("Eyeglasses") != std::string::npos, header.c_str());
    }

    // The scatter's search and selection: matches by class and attribute, a rectangle among them,
    // the selection's mean as the point, and the vector toward it as an attribute choice.
    void searchAndSelectionDriveTheScatterAndThePoint()
    {
        Exploration m;
        show(m, m_vae20);
        ui::PointSelection& s = m.selection();
        QCOMPARE(s.setSearch(QStringLiteral("3")), QString());
        const auto& labels = m.codes().labels;
        QCOMPARE(s.matchCount(), int64_t(std::count(labels.begin(), labels.end(), 3)));
        QVERIFY(s.matchCount() > 0);
        QCOMPARE(s.highlighted(), s.matches());
        // Digits have no attributes: a clear error on the status line, nothing matched.
        QSignalSpy status(&m, &Exploration::statusChanged);
        QVERIFY(s.setSearch(QStringLiteral("Smiling")).contains(QStringLiteral("smiling")));
        QVERIFY(m.statusIsError() && m.status().contains(QStringLiteral("known: 0, 1")));
        QVERIFY(s.matches().empty());

        // A rectangle over the right half of the shown plane, among the matches of "3 | 7".
        QCOMPARE(s.setSearch(QStringLiteral("3 | 7")), QString());
        const std::vector<float>& xy = m.scatter().shownProjection().points;
        std::vector<float> xs;
        for (size_t i = 0; i < xy.size(); i += 2)
            xs.push_back(xy[i]);
        std::nth_element(xs.begin(), xs.begin() + int(xs.size() / 2), xs.end());
        const double middle = xs[xs.size() / 2];
        s.selectArea(QRectF(QPointF(1e9, -1e9), QPointF(middle, 1e9))); // corners in any order
        std::vector<char> expected(labels.size(), 0);
        for (size_t i = 0; i < labels.size(); ++i)
            expected[i] = (labels[i] == 3 || labels[i] == 7) && xy[2 * i] >= middle;
        QCOMPARE(s.selected(), expected);
        QCOMPARE(s.highlighted(), expected);
        s.setIsolated(true);
        QVERIFY(s.isolated());

        // Its mean becomes the point; the vector toward it the last attribute choice.
        QVERIFY(m.goToSelectionMean());
        QCOMPARE(m.point().latent(), meanOfChosen(m.codes(), expected));
        m.point().aimAtSelection(s.selected());
        const int64_t n = s.selectedCount();
        QCOMPARE(m.point().attributeChoices().back(), QStringLiteral("toward the selection (%1 points)").arg(n));
        QCOMPARE(m.point().attribute(), int(m.point().attributeChoices().size()) - 1);
        m.point().setAmount(1.0f);
        const auto toward = attributeVector(m.codes().values, m.codes().dim, std::vector<bool>(expected.begin(), expected.end()));
        for (size_t k = 0; k < toward.size(); ++k)
            QVERIFY(std::abs(m.point().shown()[k] - m.point().latent()[k] - toward[k]) < 1e-4f);

        // A session keeps the search, Isolate, the selection and the vector toward it.
        const ExploreSettings saved = m.settings();
        QCOMPARE(saved.scatterSearch, std::string("3 | 7"));
        QVERIFY(saved.scatterIsolate);
        QCOMPARE(saved.scatterSelection.size(), size_t(n));
        QCOMPARE(saved.attribute, std::string(ui::ExplorePoint::kSelectionAttribute)); // whatever the language
        QCOMPARE(saved.attributeSelection, saved.scatterSelection);
        {
            Exploration restored;
            show(restored, m_vae20);
            restored.applySettings(saved);
            QCOMPARE(restored.selection().selected(), expected);
            QCOMPARE(restored.selection().matches(), s.matches());
            QVERIFY(restored.selection().isolated());
            QCOMPARE(restored.point().attributeName(), m.point().attributeName());
            QCOMPARE(restored.point().shown(), m.point().shown());
            // The vector is the one aimed, not whatever is selected when the session is opened.
            ExploreSettings moved = saved;
            moved.scatterSelection = {0, 1, 2};
            Exploration again;
            show(again, m_vae20);
            again.applySettings(moved);
            QCOMPARE(again.point().shown(), m.point().shown());
            QCOMPARE(again.selection().selectedCount(), int64_t(3));
            ExploreSettings foreign = saved; // indices past another test set: dropped, and said
            foreign.scatterSelection.push_back(int(m.codes().count()) + 5);
            restored.applySettings(foreign);
            QCOMPARE(restored.selection().selected(), expected);
            QVERIFY(restored.statusIsError() && restored.status().contains(QStringLiteral("selection")));
        }

        // The next epoch's codes (the same points) keep both; another model drops the selection.
        show(m, m_vae20);
        QCOMPARE(s.selected(), expected);
        QCOMPARE(s.search(), QStringLiteral("3 | 7"));
        m.clear();
        show(m, m_cvae);
        QVERIFY(s.selected().empty());
        QVERIFY(s.search().isEmpty() && !s.isolated()); // another lesson starts with every code shown
        QVERIFY(!m.goToSelectionMean());
        QVERIFY(!m.point().attributeChoices().back().startsWith(QStringLiteral("toward")));
        // Faces: attributes, negation.
        QCOMPARE(s.setSearch(QStringLiteral("Smiling & not Male")), QString());
        const LatentCodes& f = m.codes();
        const size_t a = f.attributeNames.size();
        const auto column = [&](const char* name) { return size_t(std::find(f.attributeNames.begin(), f.attributeNames.end(), name) - f.attributeNames.begin()); };
        int64_t smilingWomen = 0;
        for (int64_t i = 0; i < f.count(); ++i)
            smilingWomen += f.attributes[size_t(i) * a + column("Smiling")] > 0.5f && f.attributes[size_t(i) * a + column("Male")] <= 0.5f;
        QCOMPARE(s.matchCount(), smilingWomen);
        QVERIFY(smilingWomen > 0 && smilingWomen < f.count());
        s.selectMatches();
        QCOMPARE(s.selected(), s.matches());
    }

    void theDecodeServiceDeliversImagesAsValues()
    {
        ui::DecodeService service;
        service.setModel(m_vae2.model);
        QSignalSpy decoded(&service, &ui::DecodeService::decoded);
        service.decode(ui::kChannelSamples, {0, 0, 1, 1, -1, 0, 0, 2, 1, -1}, 3, {});
        QVERIFY(decoded.wait(10000));
        const auto d = decoded.at(0).at(0).value<DecodedImage>();
        QCOMPARE(d.channel, int(ui::kChannelSamples));
        QCOMPARE(d.columns, 3);
        QCOMPARE(d.rows, 2);
        QCOMPARE(d.image.width(), 3 * 28 + 4 * 2); // a 3 x 2 grid, 2-pixel padding
    }
};

QTEST_MAIN(TestExploration)
#include "test_exploration.moc"
