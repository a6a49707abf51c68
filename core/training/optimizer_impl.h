// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal (includes torch): Adam, AdamW, Nadam and SGD with fused CPU updates.
//
// LibTorch's stock optimizers launch several tensor ops per parameter per step (and 1.13 has no
// Nadam); on small MLPs that costs as much as the forward pass. Here each CPU step is one
// parallel pass over each parameter's memory; other devices use the same maths as tensor ops.
#include "core/models/run_config.h"

#include <torch/torch.h>

#include <map>

namespace latentlab {

class Optimizer {
public:
    Optimizer(std::vector<std::pair<std::string, torch::Tensor>> namedParams, const OptimizerConfig& config);

    /// Applies one update from the parameters' .grad() (parameters without grad are skipped).
    void step();
    /// Drops the gradients (set to undefined, as PyTorch's zero_grad(set_to_none=True)).
    void zeroGrad();
    void setLearningRate(double lr) { m_config.lr = lr; }
    double learningRate() const { return m_config.lr; }
    /// Forces the tensor-op path on CPU too (tests compare both paths).
    void setFusedEnabled(bool on) { m_fused = on; }

    /// State for checkpoints: tensors named "<param>.<slot>" and scalars.
    std::map<std::string, torch::Tensor> stateTensors() const;
    int64_t stepCount() const { return m_step; }
    double muProduct() const { return m_muProduct; }
    /// Restores state; throws InputError naming the slot when a tensor is missing or mis-shaped.
    void loadState(const std::map<std::string, torch::Tensor>& tensors, int64_t step, double muProduct,
                   const std::string& source);

private:
    struct Slot {
        std::string name;
        torch::Tensor param;
        torch::Tensor expAvg, expAvgSq;   // Adam family; expAvg doubles as SGD's momentum buffer
    };
    // Per-step constants shared by every parameter.
    struct Scalars {
        double lr, b1, b2, eps, l2, decayMul;   // l2: L2 added to the gradient; decayMul: AdamW's shrink
        double invBc2;                          // 1 / (1 - beta2^t)
        double stepSize;                        // Adam: lr / (1 - beta1^t)
        double gradCoef, avgCoef;               // Nadam's two update coefficients
        double momentum;                        // SGD
        bool firstStep;
    };
    void stepFusedCpu(Slot& s, const torch::Tensor& grad, const Scalars& k);
    void stepTensorOps(Slot& s, torch::Tensor grad, const Scalars& k);

    OptimizerConfig m_config;
    std::vector<Slot> m_slots;
    int64_t m_step = 0;
    double m_muProduct = 1.0;
    bool m_fused = true;
};

} // namespace latentlab
