// SPDX-License-Identifier: GPL-3.0-or-later
// The latent scatter as a widget: zoom and pan keep the user's view while codes change, and the
// thumbnails mode draws images (not dots) once zoomed in, in the right place.
#include "ui/widgets/latent_scatter.h"

#include <QtTest>

#include <random>

using namespace latentlab;
using namespace latentlab::ui;

namespace {

// 10,000 2-D codes on a grid (so where each one lands is known), 10 classes.
LatentCodes gridCodes(int side = 100)
{
    LatentCodes codes;
    codes.dim = 2;
    for (int i = 0; i < side * side; ++i) {
        codes.values.push_back(float(i % side));
        codes.values.push_back(float(i / side));
        codes.labels.push_back(i % 10);
    }
    return codes;
}

// Every point's image is a flat square of one colour: pure green.
QImage greenImage(int)
{
    QImage image(28, 28, QImage::Format_RGB32);
    image.fill(QColor(0, 255, 0));
    return image;
}

std::vector<std::string> classNames()
{
    std::vector<std::string> names;
    for (int c = 0; c < 10; ++c)
        names.push_back(std::to_string(c));
    return names;
}

void mouse(QWidget* w, QEvent::Type type, const QPoint& at, Qt::MouseButton button, Qt::MouseButtons held)
{
    QMouseEvent e(type, QPointF(at), w->mapToGlobal(QPointF(at)), button, held, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

} // namespace

class TestLatentScatter : public QObject {
    Q_OBJECT
    LatentScatter* m_scatter = nullptr;
    LatentCodes m_codes;

    void show()
    {
        m_scatter->setDimensions(0, 1);
        m_scatter->setCodes(m_codes, classNames());
        m_scatter->replot(QCustomPlot::rpImmediateRefresh);
    }

private slots:
    void init()
    {
        m_codes = gridCodes();
        m_scatter = new LatentScatter;
        m_scatter->resize(600, 500);
        m_scatter->setZoomable(true);
        m_scatter->setThumbnailSource(greenImage);
        m_scatter->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_scatter));
    }
    void cleanup() { delete m_scatter; }

    void thumbnailsOnlyWhenZoomedIn()
    {
        m_scatter->setThumbnailsShown(true);
        show();
        QCOMPARE(m_scatter->thumbnailsDrawn(), 0); // 10,000 points visible: dots
        m_scatter->xAxis->setRange(10.5, 20.5);    // 10 x 10 points
        m_scatter->yAxis->setRange(10.5, 20.5);
        m_scatter->replot(QCustomPlot::rpImmediateRefresh);
        QCOMPARE(m_scatter->thumbnailsDrawn(), 100);
        // The image sits on its point: the plot is green where code (15, 15) lands.
        const QImage shot = m_scatter->grab().toImage();
        const QPoint at(int(m_scatter->xAxis->coordToPixel(15)), int(m_scatter->yAxis->coordToPixel(15)));
        const QColor c = shot.pixelColor(at * shot.devicePixelRatio());
        QVERIFY2(c.green() > 200 && c.red() < 60 && c.blue() < 60, qPrintable(c.name()));
        // Off, the same view has dots only.
        m_scatter->setThumbnailsShown(false);
        m_scatter->replot(QCustomPlot::rpImmediateRefresh);
        QCOMPARE(m_scatter->thumbnailsDrawn(), 0);
        const QImage dots = m_scatter->grab().toImage();
        QVERIFY(dots.pixelColor(at * dots.devicePixelRatio()).green() < 200);
    }

    void theViewStaysWhereTheUserPutsIt()
    {
        show();
        const QCPRange whole = m_scatter->xAxis->range();
        QVERIFY(whole.contains(0) && whole.contains(99));
        // The wheel zooms in about the cursor.
        const QPoint centre = m_scatter->axisRect()->rect().center();
        QWheelEvent wheel(QPointF(centre), m_scatter->mapToGlobal(QPointF(centre)), QPoint(), QPoint(0, 120 * 5),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_scatter, &wheel);
        QVERIFY(m_scatter->zoomed());
        const QCPRange zoomed = m_scatter->xAxis->range();
        QVERIFY2(zoomed.size() < whole.size() * 0.6, qPrintable(QString::number(zoomed.size())));
        // A right drag pans: 100 px to the right shows what was left of the view.
        mouse(m_scatter, QEvent::MouseButtonPress, centre, Qt::RightButton, Qt::RightButton);
        mouse(m_scatter, QEvent::MouseMove, centre + QPoint(100, 0), Qt::NoButton, Qt::RightButton);
        mouse(m_scatter, QEvent::MouseButtonRelease, centre + QPoint(100, 0), Qt::RightButton, Qt::NoButton);
        const QCPRange panned = m_scatter->xAxis->range();
        QVERIFY(panned.lower < zoomed.lower);
        QVERIFY(std::abs(panned.size() - zoomed.size()) < 1e-9);
        // New codes (the next epoch) keep the user's view...
        for (float& v : m_codes.values)
            v += 0.01f;
        show();
        QCOMPARE(m_scatter->xAxis->range().lower, panned.lower);
        // ...until Fit.
        m_scatter->fitToPoints();
        QVERIFY(!m_scatter->zoomed());
        QVERIFY(m_scatter->xAxis->range().contains(0.01) && m_scatter->xAxis->range().contains(99.01));
    }

    void aLeftDragStillPicks()
    {
        m_scatter->setPickable(true);
        show();
        QSignalSpy picked(m_scatter, &LatentScatter::pointPicked);
        const QPoint centre = m_scatter->axisRect()->rect().center();
        mouse(m_scatter, QEvent::MouseButtonPress, centre, Qt::LeftButton, Qt::LeftButton);
        QCOMPARE(picked.count(), 1);
        QVERIFY(!m_scatter->zoomed());
    }

    // A highlight greys the rest on a graph of its own, isolating hides it; colouring by an
    // attribute and back (which rebuilds the graphs) keeps every class's graph its own.
    void highlightGreysOrHidesTheRestAcrossRecolouring()
    {
        m_codes.attributeNames = {"odd"};
        for (int64_t i = 0; i < m_codes.count(); ++i)
            m_codes.attributes.push_back(float(i % 2));
        std::vector<char> sevens(size_t(m_codes.count()), 0);
        for (size_t i = 0; i < sevens.size(); ++i)
            sevens[i] = m_codes.labels[i] == 7;
        const auto drawn = [this](int g) { return g < m_scatter->graphCount() ? m_scatter->graph(g)->data()->size() : -1; };
        for (int colour : {-1, 0, -1}) { // classes, the attribute, classes again
            m_scatter->setHighlight(sevens, false);
            m_scatter->setCodes(m_codes, classNames(), colour);
            const int groups = colour < 0 ? 10 : 2;
            QCOMPARE(m_scatter->graphCount(), groups + 1); // and the grey one
            QCOMPARE(drawn(groups), 9000);                 // the grey graph: everything but the sevens
            int coloured = 0;
            for (int g = 0; g < groups; ++g)
                coloured += drawn(g);
            QCOMPARE(coloured, 1000);
            if (colour < 0)
                QCOMPARE(drawn(7), 1000); // class 7's graph holds the sevens
            m_scatter->setHighlight(sevens, true);
            m_scatter->setCodes(m_codes, classNames(), colour);
            QCOMPARE(m_scatter->graphCount(), groups); // isolated: no grey graph
        }
        m_scatter->setHighlight({}, false);
        m_scatter->setCodes(m_codes, classNames());
        QCOMPARE(m_scatter->graphCount(), 10);
        QCOMPARE(drawn(3), 1000);
    }
};

QTEST_MAIN(TestLatentScatter)
#include "test_latent_scatter.moc"
