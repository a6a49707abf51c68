// SPDX-License-Identifier: GPL-3.0-or-later
// Layers of our own that stand in for torch's: they must compute exactly what torch's would.
#include "core/models/conv_layers_impl.h"

#include <QtTest>

using namespace latentlab;

namespace {

double maxDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a - b).abs().max().item<double>();
}

// Gradients of sum(y * g) for both sides must agree, relative to their size.
void compareGradients(const std::vector<torch::Tensor>& ours, const std::vector<torch::Tensor>& theirs)
{
    for (size_t i = 0; i < ours.size(); ++i) {
        QVERIFY2(ours[i].grad().defined() && theirs[i].grad().defined(), "a gradient is missing");
        const double scale = 1 + theirs[i].grad().abs().max().item<double>();
        const double d = maxDiff(ours[i].grad(), theirs[i].grad()) / scale;
        QVERIFY2(d < 1e-5, qPrintable(QStringLiteral("gradient %1 differs by %2 (relative)").arg(i).arg(d)));
    }
}

} // namespace

class TestLayers : public QObject {
    Q_OBJECT
private slots:
    void adjointConvTransposeMatchesTorch_data()
    {
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("out");
        QTest::addColumn<int>("side");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("padding");
        QTest::addColumn<int>("outputPadding");
        QTest::newRow("256->128, 4x4 (the faces' first)") << 256 << 128 << 4 << 4 << 2 << 1 << 0;
        QTest::newRow("32->3, 32x32 (the faces' last)") << 32 << 3 << 32 << 4 << 2 << 1 << 0;
        QTest::newRow("5->7, 7x3 (odd, not square)") << 5 << 7 << 7 << 4 << 2 << 1 << 0;
        QTest::newRow("kernel 3, stride 2, output padding 1") << 6 << 4 << 7 << 3 << 2 << 1 << 1;
        QTest::newRow("kernel 3, stride 1, padding 1") << 4 << 5 << 6 << 3 << 1 << 1 << 0;
        QTest::newRow("kernel 2, stride 2, no padding") << 3 << 2 << 5 << 2 << 2 << 0 << 0;
    }

    void adjointConvTransposeMatchesTorch()
    {
        QFETCH(int, in);
        QFETCH(int, out);
        QFETCH(int, side);
        QFETCH(int, kernel);
        QFETCH(int, stride);
        QFETCH(int, padding);
        QFETCH(int, outputPadding);
        torch::manual_seed(3);
        AdjointConvTranspose2d ours(in, out, kernel, stride, padding, outputPadding);
        torch::manual_seed(3);
        torch::nn::ConvTranspose2d theirs(
            torch::nn::ConvTranspose2dOptions(in, out, kernel).stride(stride).padding(padding).output_padding(outputPadding));
        // Same parameters, same names, same initial values: checkpoints and exports are unchanged.
        QCOMPARE(ours->named_parameters().keys(), theirs->named_parameters().keys());
        QVERIFY(torch::equal(ours->weight, theirs->weight) && torch::equal(ours->bias, theirs->bias));

        const int w = side == 7 ? 3 : side;
        const torch::Tensor x = torch::randn({3, in, side, w});
        const torch::Tensor xa = x.clone().requires_grad_(true), xb = x.clone().requires_grad_(true);
        const torch::Tensor ya = ours->forward(xa), yb = theirs->forward(xb);
        QCOMPARE(ya.sizes().vec(), yb.sizes().vec());
        QVERIFY2(maxDiff(ya, yb) < 1e-4, "forward differs");
        const torch::Tensor g = torch::randn_like(yb);
        (ya * g).sum().backward();
        (yb * g).sum().backward();
        compareGradients({xa, ours->weight, ours->bias}, {xb, theirs->weight, theirs->bias});
    }

    void inputGradientIsSkippedWhenNotNeeded()
    {
        AdjointConvTranspose2d ours(4, 3, 4, 2, 1, 0);
        const torch::Tensor y = ours->forward(torch::randn({2, 4, 5, 5}));
        y.sum().backward();
        QVERIFY(ours->weight.grad().defined());
        QCOMPARE(y.sizes().vec(), (std::vector<int64_t>{2, 3, 10, 10}));
    }

    // Split condition maps compute what concatenated ones would: borders (zero padding) included.
    void conditionMapsMatchConcatenation_data()
    {
        QTest::addColumn<bool>("transposed");
        QTest::addColumn<int>("batch");
        // Batches larger than the condition split the maps off; smaller ones concatenate them.
        QTest::newRow("conv2d, kernel 4, stride 2, split") << false << 12;
        QTest::newRow("transposed, kernel 4, stride 2, split") << true << 12;
        QTest::newRow("conv2d, one image, concatenated") << false << 1;
        QTest::newRow("transposed, one image, concatenated") << true << 1;
    }

    void conditionMapsMatchConcatenation()
    {
        QFETCH(bool, transposed);
        QFETCH(int, batch);
        torch::manual_seed(5);
        const int64_t in = 6, c = 9, out = 5;
        torch::nn::Conv2d conv(torch::nn::Conv2dOptions(in + c, out, 4).stride(2).padding(1));
        AdjointConvTranspose2d up(in + c, out, 4, 2, 1, 0);
        torch::nn::Module& layer = transposed ? static_cast<torch::nn::Module&>(*up) : *conv;
        QVERIFY(takesConditionMaps(layer));
        const torch::Tensor weight = transposed ? up->weight : conv->weight, bias = transposed ? up->bias : conv->bias;

        const torch::Tensor x = torch::randn({batch, in, 8, 6});
        const torch::Tensor cond = torch::randint(0, 2, {batch, c}).to(torch::kFloat) * 1.5;
        const torch::Tensor xa = x.clone().requires_grad_(true), xb = x.clone().requires_grad_(true);
        const torch::Tensor ya = convWithConditionMaps(layer, xa, cond);
        const torch::Tensor maps = cond.view({batch, c, 1, 1}).expand({batch, c, 8, 6});
        const torch::Tensor wb = weight.detach().clone().requires_grad_(true), bb = bias.detach().clone().requires_grad_(true);
        const torch::Tensor input = torch::cat({xb, maps}, 1);
        const torch::Tensor yb = transposed ? torch::conv_transpose2d(input, wb, bb, 2, 1) : torch::conv2d(input, wb, bb, 2, 1);
        QCOMPARE(ya.sizes().vec(), yb.sizes().vec());
        QVERIFY2(maxDiff(ya, yb) < 1e-4, qPrintable(QStringLiteral("forward differs by %1").arg(maxDiff(ya, yb))));
        const torch::Tensor g = torch::randn_like(yb);
        (ya * g).sum().backward();
        (yb * g).sum().backward();
        compareGradients({xa, weight, bias}, {xb, wb, bb});
    }
};

QTEST_APPLESS_MAIN(TestLayers)
#include "test_layers.moc"
