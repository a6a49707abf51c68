// SPDX-License-Identifier: GPL-3.0-or-later
// Our fused optimizers against LibTorch's own (Adam, AdamW, SGD) and PyTorch's NAdam.
#include "core/training/optimizer_impl.h"

#include <QtTest>

using namespace latentlab;

namespace {
torch::Tensor quadraticLoss(const torch::Tensor& p)
{
    auto target = torch::tensor({1.0f, 2.0f, -3.0f, 0.5f});
    auto weight = torch::tensor({1.0f, 0.5f, 2.0f, 3.0f});
    return ((p - target).pow(2) * weight).sum();
}

// Runs `steps` updates of our optimizer on the quadratic, from the same start.
torch::Tensor runOurs(const OptimizerConfig& cfg, int steps, bool fused)
{
    auto p = torch::tensor({0.5f, -1.0f, 2.0f, 0.0f}).requires_grad_(true);
    Optimizer opt({{"p", p}}, cfg);
    opt.setFusedEnabled(fused);
    for (int i = 0; i < steps; ++i) {
        opt.zeroGrad();
        quadraticLoss(p).backward();
        opt.step();
    }
    return p.detach();
}

template <typename TorchOpt, typename Options>
torch::Tensor runTorch(Options options, int steps)
{
    auto p = torch::tensor({0.5f, -1.0f, 2.0f, 0.0f}).requires_grad_(true);
    TorchOpt opt({p}, options);
    for (int i = 0; i < steps; ++i) {
        opt.zero_grad();
        quadraticLoss(p).backward();
        opt.step();
    }
    return p.detach();
}

bool close(const torch::Tensor& a, const torch::Tensor& b, double tol = 1e-6)
{
    return torch::allclose(a, b, tol, tol);
}
} // namespace

class TestOptimizer : public QObject {
    Q_OBJECT
private slots:
    void adamMatchesLibTorch_data()
    {
        QTest::addColumn<double>("weightDecay");
        QTest::newRow("plain") << 0.0;
        QTest::newRow("L2") << 0.05;
    }
    void adamMatchesLibTorch()
    {
        QFETCH(double, weightDecay);
        OptimizerConfig c;
        c.type = OptimizerType::Adam;
        c.lr = 0.05;
        c.weightDecay = weightDecay;
        auto expected = runTorch<torch::optim::Adam>(torch::optim::AdamOptions(0.05).weight_decay(weightDecay), 20);
        QVERIFY(close(runOurs(c, 20, true), expected));
        QVERIFY(close(runOurs(c, 20, false), expected));
    }

    void adamwMatchesLibTorch()
    {
        OptimizerConfig c;
        c.type = OptimizerType::AdamW;
        c.lr = 0.05;
        c.weightDecay = 0.1;
        auto expected = runTorch<torch::optim::AdamW>(torch::optim::AdamWOptions(0.05).weight_decay(0.1), 20);
        QVERIFY(close(runOurs(c, 20, true), expected));
        QVERIFY(close(runOurs(c, 20, false), expected));
    }

    void sgdMomentumMatchesLibTorch()
    {
        OptimizerConfig c;
        c.type = OptimizerType::Sgd;
        c.lr = 0.01;
        c.momentum = 0.9;
        c.weightDecay = 0.01;
        auto expected =
            runTorch<torch::optim::SGD>(torch::optim::SGDOptions(0.01).momentum(0.9).weight_decay(0.01), 15);
        QVERIFY(close(runOurs(c, 15, true), expected));
        QVERIFY(close(runOurs(c, 15, false), expected));
    }

    void nadamMatchesPyTorch_data()
    {
        QTest::addColumn<double>("weightDecay");
        QTest::addColumn<QList<double>>("expected");
        // torch.optim.NAdam(lr=0.01, weight_decay=wd), 5 steps on the same quadratic, as PyTorch >= 2.0
        // computes it. (1.13's _single_tensor_nadam multiplies mu twice into mu_product_next, a bug
        // fixed in 2.0; these values come from 1.13's code with that one line corrected.)
        QTest::newRow("plain") << 0.0 << QList<double>{0.539978802, -0.959589958, 1.959556103, 0.039978854};
        QTest::newRow("L2") << 0.01 << QList<double>{0.539973557, -0.959590495, 1.959556222, 0.039977975};
    }
    void nadamMatchesPyTorch()
    {
        QFETCH(double, weightDecay);
        QFETCH(QList<double>, expected);
        OptimizerConfig c;
        c.type = OptimizerType::Nadam;
        c.lr = 0.01;
        c.weightDecay = weightDecay;
        auto want = torch::tensor(std::vector<float>(expected.begin(), expected.end()));
        QVERIFY(close(runOurs(c, 5, true), want, 1e-6));
        QVERIFY(close(runOurs(c, 5, false), want, 1e-6));
    }

    void largeTensorsTakeTheParallelPath()
    {
        // Over the parallel grain size, the fused loop must still equal the tensor-op path.
        torch::manual_seed(3);
        auto init = torch::randn({300000});
        auto grad = torch::randn({300000});
        OptimizerConfig c;
        c.type = OptimizerType::Nadam;
        std::vector<torch::Tensor> results;
        for (bool fused : {true, false}) {
            auto p = init.clone().requires_grad_(true);
            Optimizer opt({{"p", p}}, c);
            opt.setFusedEnabled(fused);
            for (int i = 0; i < 3; ++i) {
                p.mutable_grad() = grad.clone();
                opt.step();
            }
            results.push_back(p.detach());
        }
        QVERIFY(close(results[0], results[1], 1e-5));
    }
};

QTEST_APPLESS_MAIN(TestOptimizer)
#include "test_optimizer.moc"
