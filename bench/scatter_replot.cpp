// SPDX-License-Identifier: GPL-3.0-or-later
// Replot time of the latent scatter with 10,000 points (20-D codes, 10 classes), as the GUI does it
// after each epoch: PCA projection + setData + an immediate replot. Then the frame time of panning
// a zoomed-in view, with the thumbnails mode (28x28 images at points) on and off, alternated.
// Offscreen platform.
//   scatter_replot [points=10000] [repeats=30]
#include "ui/widgets/latent_scatter.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <random>

namespace {

// Pans a view holding a few hundred of the points across the cloud, one replot per mouse step.
std::vector<double> pan(latentlab::ui::LatentScatter& scatter, int steps, int* drawn = nullptr)
{
    const QCPRange x = scatter.xAxis->range(), y = scatter.yAxis->range();
    const double w = x.size() / 16, h = y.size() / 16; // 1/256 of the area: 100-400 points near the middle
    std::vector<double> ms;
    for (int s = 0; s < steps; ++s) {
        const double cx = x.lower + x.size() * (0.3 + 0.4 * s / steps);
        scatter.xAxis->setRange(cx - w / 2, cx + w / 2);
        scatter.yAxis->setRange(y.center() - h / 2, y.center() + h / 2);
        QElapsedTimer t;
        t.start();
        scatter.replot(QCustomPlot::rpImmediateRefresh);
        ms.push_back(t.nsecsElapsed() / 1e6);
        if (drawn)
            *drawn = std::max(*drawn, scatter.thumbnailsDrawn());
    }
    scatter.xAxis->setRange(x);
    scatter.yAxis->setRange(y);
    std::sort(ms.begin(), ms.end());
    return ms;
}

void panFrames(latentlab::ui::LatentScatter& scatter, int n)
{
    std::mt19937 rng(2);
    std::vector<QImage> images;
    for (int c = 0; c < 10; ++c) {
        QImage image(28, 28, QImage::Format_Grayscale8);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x)
                image.setPixel(x, y, qRgb(int(rng() % 256), 0, 0));
        images.push_back(image);
    }
    scatter.setThumbnailSource([&images](int i) { return images[size_t(i) % images.size()]; });
    double worst[2] = {0, 0};
    int drawn = 0;
    std::vector<double> medians[2];
    for (int round = 0; round < 4; ++round) {
        for (int k = 0; k < 2; ++k) {
            const bool thumbs = (round + k) % 2 == 0; // alternated: on, off, off, on, ...
            scatter.setThumbnailsShown(thumbs);
            const auto ms = pan(scatter, 60, &drawn);
            medians[thumbs].push_back(ms[ms.size() / 2]);
            worst[thumbs] = std::max(worst[thumbs], ms.back());
        }
    }
    std::sort(medians[0].begin(), medians[0].end());
    std::sort(medians[1].begin(), medians[1].end());
    std::printf("pan a zoomed view of %d points, 60 frames x 4 rounds: thumbnails on median %.2f ms (worst %.2f ms, "
                "up to %d images a frame), off median %.2f ms (worst %.2f ms); on/off %.2f\n",
                n, medians[1][2], worst[1], drawn, medians[0][2], worst[0], medians[1][2] / medians[0][2]);
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 30;
    latentlab::LatentCodes codes;
    codes.dim = 20;
    std::mt19937 rng(1);
    std::normal_distribution<float> normal;
    for (int i = 0; i < n; ++i) {
        codes.labels.push_back(i % 10);
        for (int k = 0; k < codes.dim; ++k)
            codes.values.push_back(normal(rng) + (k == i % 10 ? 3.0f : 0.0f));
    }
    std::vector<std::string> names;
    for (int c = 0; c < 10; ++c)
        names.push_back(std::to_string(c));
    latentlab::ui::LatentScatter scatter;
    scatter.resize(600, 500);
    scatter.show();
    std::vector<double> ms;
    for (int r = 0; r < repeats; ++r) {
        for (float& v : codes.values)
            v += 0.01f * normal(rng); // a new epoch moves the points a little
        QElapsedTimer t;
        t.start();
        scatter.setCodes(codes, names);
        scatter.replot(QCustomPlot::rpImmediateRefresh);
        ms.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("scatter replot, %d points: median %.2f ms, min %.2f ms, max %.2f ms over %d repeats\n", n,
                ms[ms.size() / 2], ms.front(), ms.back(), repeats);
    // What pan, zoom and hover cost on the whole cloud: a replot of the same points, and the search
    // for the point under the mouse.
    std::vector<double> redraw, hover;
    const QRect plot = scatter.axisRect()->rect();
    for (int r = 0; r < repeats; ++r) {
        scatter.xAxis->scaleRange(r % 2 ? 1.02 : 1 / 1.02); // a wheel step in and out
        QElapsedTimer t;
        t.start();
        scatter.replot(QCustomPlot::rpImmediateRefresh);
        redraw.push_back(t.nsecsElapsed() / 1e6);
        t.restart();
        const int near = scatter.pointNear(QPointF(plot.left() + plot.width() * (r % 7 + 1) / 8.0, plot.center().y()),
                                           latentlab::ui::LatentScatter::kHoverPixels);
        hover.push_back(t.nsecsElapsed() / 1e6 + 0 * near);
    }
    std::sort(redraw.begin(), redraw.end());
    std::sort(hover.begin(), hover.end());
    std::printf("whole-cloud replot (zoom step), %d points: median %.2f ms, max %.2f ms; hover search median %.3f ms, max %.3f ms\n",
                n, redraw[redraw.size() / 2], redraw.back(), hover[hover.size() / 2], hover.back());
    panFrames(scatter, n);
    return 0;
}
