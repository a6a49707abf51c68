// Replot time of the latent scatter with 10,000 points (20-D codes, 10 classes), as the GUI does it
// after each epoch: PCA projection + setData + an immediate replot. Offscreen platform.
//   scatter_replot [points=10000] [repeats=30]
#include "ui/latent_scatter.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <random>

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
    return 0;
}
