// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/optimizer_impl.h"

#include "core/error.h"
#include "core/training/fused_updates.h"

#include <ATen/Parallel.h>

#include <cmath>

namespace latentlab {

Optimizer::Optimizer(std::vector<std::pair<std::string, torch::Tensor>> namedParams, const OptimizerConfig& config)
    : m_config(config)
{
    for (auto& [name, p] : namedParams) {
        Slot s;
        s.name = name;
        s.param = p;
        if (config.type != OptimizerType::Sgd) {
            s.expAvg = torch::zeros_like(p, torch::MemoryFormat::Contiguous);
            s.expAvgSq = torch::zeros_like(p, torch::MemoryFormat::Contiguous);
        } else if (config.momentum > 0) {
            s.expAvg = torch::zeros_like(p, torch::MemoryFormat::Contiguous);
        }
        m_slots.push_back(std::move(s));
    }
}

void Optimizer::zeroGrad()
{
    for (auto& s : m_slots)
        s.param.mutable_grad() = torch::Tensor();
}

void Optimizer::step()
{
    ++m_step;
    const OptimizerConfig& c = m_config;
    const double t = double(m_step);
    Scalars k {};
    k.lr = c.lr;
    k.b1 = c.beta1;
    k.b2 = c.beta2;
    k.eps = c.eps;
    k.l2 = c.type == OptimizerType::AdamW ? 0.0 : c.weightDecay;
    k.decayMul = c.type == OptimizerType::AdamW ? 1.0 - c.lr * c.weightDecay : 1.0;
    k.invBc2 = 1.0 / (1.0 - std::pow(c.beta2, t));
    k.stepSize = c.lr / (1.0 - std::pow(c.beta1, t));
    k.momentum = c.momentum;
    k.firstStep = m_step == 1;
    if (c.type == OptimizerType::Nadam) {
        // PyTorch's NAdam momentum schedule (Dozat 2016 with momentum decay).
        const double mu = c.beta1 * (1.0 - 0.5 * std::pow(0.96, t * c.momentumDecay));
        const double muNext = c.beta1 * (1.0 - 0.5 * std::pow(0.96, (t + 1.0) * c.momentumDecay));
        m_muProduct *= mu;
        k.gradCoef = -c.lr * (1.0 - mu) / (1.0 - m_muProduct);
        k.avgCoef = -c.lr * muNext / (1.0 - m_muProduct * muNext);
    }
    torch::NoGradGuard noGrad;
    for (auto& s : m_slots) {
        const torch::Tensor& g = s.param.grad();
        if (!g.defined())
            continue;
        const bool fusable = m_fused && s.param.device().is_cpu() && s.param.scalar_type() == torch::kFloat32 &&
                             g.scalar_type() == torch::kFloat32 && s.param.is_contiguous() && g.is_contiguous();
        if (fusable)
            stepFusedCpu(s, g, k);
        else
            stepTensorOps(s, g, k);
    }
}

void Optimizer::stepFusedCpu(Slot& s, const torch::Tensor& grad, const Scalars& k)
{
    float* p = s.param.data_ptr<float>();
    const float* g = grad.data_ptr<float>();
    float* m = s.expAvg.defined() ? s.expAvg.data_ptr<float>() : nullptr;
    float* v = s.expAvgSq.defined() ? s.expAvgSq.data_ptr<float>() : nullptr;
    const int64_t n = s.param.numel();
    const float b1 = float(k.b1), b2 = float(k.b2), ob1 = float(1 - k.b1), ob2 = float(1 - k.b2), eps = float(k.eps);
    const float l2 = float(k.l2), decay = float(k.decayMul), lr = float(k.lr);
    const OptimizerType type = m_config.type;
    at::parallel_for(0, n, 32768, [&](int64_t begin, int64_t end) {
        switch (type) {
        case OptimizerType::Adam:
        case OptimizerType::AdamW:
            adamRange(p, g, m, v, begin, end, b1, b2, ob1, ob2, eps, l2, decay, float(k.stepSize),
                      float(std::sqrt(k.invBc2)));
            break;
        case OptimizerType::Nadam:
            nadamRange(p, g, m, v, begin, end, b1, b2, ob1, ob2, eps, l2, float(k.invBc2), float(k.gradCoef),
                       float(k.avgCoef));
            break;
        case OptimizerType::Sgd:
            sgdRange(p, g, m, begin, end, l2, lr, float(k.momentum), k.firstStep);
            break;
        }
    });
}

void Optimizer::stepTensorOps(Slot& s, torch::Tensor g, const Scalars& k)
{
    torch::Tensor& p = s.param;
    if (k.l2 != 0.0)
        g = g.add(p, k.l2);
    switch (m_config.type) {
    case OptimizerType::Adam:
    case OptimizerType::AdamW: {
        if (k.decayMul != 1.0)
            p.mul_(k.decayMul);
        s.expAvg.mul_(k.b1).add_(g, 1 - k.b1);
        s.expAvgSq.mul_(k.b2).addcmul_(g, g, 1 - k.b2);
        auto denom = s.expAvgSq.sqrt().mul_(std::sqrt(k.invBc2)).add_(k.eps);
        p.addcdiv_(s.expAvg, denom, -k.stepSize);
        break;
    }
    case OptimizerType::Nadam: {
        s.expAvg.mul_(k.b1).add_(g, 1 - k.b1);
        s.expAvgSq.mul_(k.b2).addcmul_(g, g, 1 - k.b2);
        auto denom = s.expAvgSq.mul(k.invBc2).sqrt_().add_(k.eps);
        p.addcdiv_(g, denom, k.gradCoef);
        p.addcdiv_(s.expAvg, denom, k.avgCoef);
        break;
    }
    case OptimizerType::Sgd: {
        torch::Tensor d = g;
        if (s.expAvg.defined()) {
            if (k.firstStep)
                s.expAvg.copy_(g);
            else
                s.expAvg.mul_(k.momentum).add_(g);
            d = s.expAvg;
        }
        p.add_(d, -k.lr);
        break;
    }
    }
}

std::map<std::string, torch::Tensor> Optimizer::stateTensors() const
{
    std::map<std::string, torch::Tensor> out;
    for (const auto& s : m_slots) {
        if (s.expAvg.defined())
            out[s.name + ".exp_avg"] = s.expAvg;
        if (s.expAvgSq.defined())
            out[s.name + ".exp_avg_sq"] = s.expAvgSq;
    }
    return out;
}

void Optimizer::loadState(const std::map<std::string, torch::Tensor>& tensors, int64_t step, double muProduct,
                          const std::string& source)
{
    torch::NoGradGuard noGrad;
    auto restore = [&](torch::Tensor& dst, const std::string& key) {
        if (!dst.defined())
            return;
        auto it = tensors.find(key);
        if (it == tensors.end())
            throw InputError(source + ": optimizer state \"" + key + "\" is missing");
        if (it->second.sizes() != dst.sizes())
            throw InputError(source + ": optimizer state \"" + key + "\" has the wrong shape");
        dst.copy_(it->second);
    };
    for (auto& s : m_slots) {
        restore(s.expAvg, s.name + ".exp_avg");
        restore(s.expAvgSq, s.name + ".exp_avg_sq");
    }
    m_step = step;
    m_muProduct = muProduct;
}

} // namespace latentlab
