// SPDX-License-Identifier: GPL-3.0-or-later
// The 3-D scatter on a real OpenGL display (Xvfb with Mesa's software OpenGL: ctest runs it under
// xvfb-run): points per group, grey and isolated search results, subsampling, a click on a point
// naming its code, the camera, and the rendered image in a window's screenshot.
#include "ui/widgets/scatter_3d.h"

#include <QtDataVisualization/q3dscatter.h>
#include <QtDataVisualization/qscatter3dseries.h>
#include <QSignalSpy>
#include <QVBoxLayout>
#include <QtTest>

#include <cmath>

using latentlab::ui::Scatter3D;

namespace {
const std::vector<QColor> kColours = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44)};

const QStringList kNames = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};

// n points in three well separated clouds, group i % 3.
struct Cloud {
    std::vector<float> xyz;
    std::vector<int> groups;
};
Cloud cloud(int n)
{
    Cloud c;
    for (int i = 0; i < n; ++i) {
        const int g = i % 3;
        c.groups.push_back(g);
        c.xyz.insert(c.xyz.end(), {float(g * 4) + 0.1f * float(i % 7), float(i % 5) * 0.2f, float(g == 1 ? 3 : 0) + 0.05f * float(i % 11)});
    }
    return c;
}

// A shown view of n points of the clouds.
void showCloud(Scatter3D& view, int n)
{
    view.resize(400, 400);
    view.show();
    const Cloud c = cloud(n);
    view.setPoints(c.xyz, c.groups, kNames, kColours, {QStringLiteral("z 1"), QStringLiteral("z 2"), QStringLiteral("z 3")});
}

// Pixels of `image` within 40 of `colour` on every channel.
int pixelsNear(const QImage& image, const QColor& colour)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            count += std::abs(c.red() - colour.red()) < 40 && std::abs(c.green() - colour.green()) < 40 &&
                     std::abs(c.blue() - colour.blue()) < 40;
        }
    return count;
}
} // namespace

class TestScatter3D : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!Scatter3D::available())
            QFAIL("no OpenGL on this display: run under xvfb-run (ctest does)");
    }

    void drawsEveryGroupGreyOrIsolated()
    {
        Scatter3D view;
        showCloud(view, 30);
        QCOMPARE(view.pointsDrawn(), 30);
        const Cloud c = cloud(30);
        auto series = view.graph()->seriesList();
        QCOMPARE(series.size(), 5); // three groups, the grey, the marker
        QCOMPARE(series[0]->dataProxy()->itemCount(), 10);
        std::vector<char> half(30, 0);
        for (int i = 0; i < 15; ++i)
            half[size_t(i)] = 1;
        view.setPoints(c.xyz, c.groups, kNames, kColours, {}, half, false);
        QCOMPARE(view.pointsDrawn(), 30);
        QCOMPARE(series[3]->dataProxy()->itemCount(), 15); // grey beneath the rest
        view.setPoints(c.xyz, c.groups, kNames, kColours, {}, half, true);
        QCOMPARE(view.pointsDrawn(), 15); // isolated: the others not drawn at all
        QCOMPARE(series[3]->dataProxy()->itemCount(), 0);
        showCloud(view, 50000);
        QVERIFY(view.pointsDrawn() <= Scatter3D::kMaxPoints);
        QVERIFY(view.pointsDrawn() > Scatter3D::kMaxPoints / 2);
    }

    void aClickedPointNamesItsCode()
    {
        Scatter3D view;
        showCloud(view, 30);
        QSignalSpy clicked(&view, &Scatter3D::pointClicked);
        view.graph()->seriesList()[1]->setSelectedItem(2); // group 1's third point: code 7
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(), 7);
        view.setMarker({4, 0.2f, 3});
        view.graph()->seriesList()[4]->setSelectedItem(0); // the marker is no code
        QCOMPARE(clicked.size(), 1);
    }

    void theCameraTurnsAndComesBack()
    {
        Scatter3D view;
        view.resize(300, 300);
        view.show();
        const auto first = view.camera();
        QSignalSpy moved(&view, &Scatter3D::cameraChanged);
        view.setCamera({30, 20, 150});
        QVERIFY(moved.size() >= 1);
        const auto c = view.camera();
        QCOMPARE(c[0], 30.0f);
        QCOMPARE(c[1], 20.0f);
        QCOMPARE(c[2], 150.0f);
        view.resetCamera(); // Explore's Fit
        QVERIFY(view.camera() == first);
        QVERIFY(first != c);
    }

    void aScreenshotShowsTheCloud()
    {
        QWidget window;
        auto* box = new QVBoxLayout(&window);
        auto* view = new Scatter3D;
        box->addWidget(view);
        window.resize(420, 420);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const Cloud c = cloud(3000);
        view->setPoints(c.xyz, c.groups, kNames, kColours, {});
        QTest::qWait(300);
        const int before = pixelsNear(window.grab().toImage(), kColours[1]);
        const QImage shot = Scatter3D::windowImage(&window);
        const int after = pixelsNear(shot, kColours[1]);
        qInfo("orange pixels in the screenshot: %d without the 3-D view's image, %d with it", before, after);
        shot.save(QDir::temp().filePath(QStringLiteral("test_scatter_3d.png")));
        QVERIFY(after > 2 * before); // the legend's dot alone is a few dozen
    }
};

QTEST_MAIN(TestScatter3D)
#include "test_scatter_3d.moc"
