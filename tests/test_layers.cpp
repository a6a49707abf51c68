// Layers of our own that stand in for torch's: they must compute exactly what torch's would.
#include "core/models/phase_conv_transpose_impl.h"

#include <QtTest>

using namespace latentlab;

class TestLayers : public QObject {
    Q_OBJECT
private slots:
    void phaseConvTransposeMatchesTorch_data()
    {
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("out");
        QTest::addColumn<int>("side");
        QTest::newRow("256->128, 4x4 (the faces' first)") << 256 << 128 << 4;
        QTest::newRow("32->3, 32x32 (the faces' last)") << 32 << 3 << 32;
        QTest::newRow("5->7, 7x3 (odd, not square)") << 5 << 7 << 7;
    }

    void phaseConvTransposeMatchesTorch()
    {
        QFETCH(int, in);
        QFETCH(int, out);
        QFETCH(int, side);
        torch::manual_seed(3);
        PhaseConvTranspose2d ours(in, out);
        torch::manual_seed(3);
        torch::nn::ConvTranspose2d theirs(torch::nn::ConvTranspose2dOptions(in, out, 4).stride(2).padding(1));
        // Same parameters, same names, same initial values: checkpoints and exports are unchanged.
        QCOMPARE(ours->named_parameters().keys(), theirs->named_parameters().keys());
        QVERIFY(torch::equal(ours->weight, theirs->weight) && torch::equal(ours->bias, theirs->bias));

        const int w = side == 7 ? 3 : side;
        const torch::Tensor x = torch::randn({3, in, side, w});
        const torch::Tensor xa = x.clone().requires_grad_(true), xb = x.clone().requires_grad_(true);
        const torch::Tensor ya = ours->forward(xa), yb = theirs->forward(xb);
        QCOMPARE(ya.sizes().vec(), yb.sizes().vec());
        QVERIFY2((ya - yb).abs().max().item<double>() < 1e-4, "forward differs");
        const torch::Tensor g = torch::randn_like(yb);
        (ya * g).sum().backward();
        (yb * g).sum().backward();
        const double dx = (xa.grad() - xb.grad()).abs().max().item<double>();
        const double dw = (ours->weight.grad() - theirs->weight.grad()).abs().max().item<double>();
        const double db = (ours->bias.grad() - theirs->bias.grad()).abs().max().item<double>();
        QVERIFY2(dx < 1e-3 && dw < 1e-3 && db < 1e-3, qPrintable(QStringLiteral("grads differ: x %1, w %2, b %3").arg(dx).arg(dw).arg(db)));
    }

    void otherTransposedConvolutionsKeepTorchs()
    {
        QVERIFY(phaseDecomposable(4, 2, 1, 0));
        QVERIFY(!phaseDecomposable(3, 2, 1, 1));
        QVERIFY(!phaseDecomposable(4, 2, 0, 0));
        QVERIFY(!phaseDecomposable(2, 2, 0, 0));
    }
};

QTEST_APPLESS_MAIN(TestLayers)
#include "test_layers.moc"
