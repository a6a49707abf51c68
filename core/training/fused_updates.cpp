// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/fused_updates.h"

#include <cmath>

namespace latentlab {

// The element loops, compiled twice: for AVX2+FMA machines and for the x86-64 baseline that
// Debian targets; the loader picks one at start-up (GCC function multi-versioning).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LATENTLAB_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define LATENTLAB_CLONES
#endif

LATENTLAB_CLONES
void adamRange(float* p, const float* g, float* m, float* v, int64_t begin, int64_t end, float b1, float b2, float ob1,
               float ob2, float eps, float l2, float decay, float step, float invSqrtBc2)
{
    for (int64_t i = begin; i < end; ++i) {
        const float gi = g[i] + l2 * p[i];
        const float mi = b1 * m[i] + ob1 * gi;
        const float vi = b2 * v[i] + ob2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] = p[i] * decay - step * mi / (std::sqrt(vi) * invSqrtBc2 + eps);
    }
}

LATENTLAB_CLONES
void nadamRange(float* p, const float* g, float* m, float* v, int64_t begin, int64_t end, float b1, float b2, float ob1,
                float ob2, float eps, float l2, float invBc2, float gradCoef, float avgCoef)
{
    for (int64_t i = begin; i < end; ++i) {
        const float gi = g[i] + l2 * p[i];
        const float mi = b1 * m[i] + ob1 * gi;
        const float vi = b2 * v[i] + ob2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] += (gradCoef * gi + avgCoef * mi) / (std::sqrt(vi * invBc2) + eps);
    }
}

LATENTLAB_CLONES
void sgdRange(float* p, const float* g, float* buf, int64_t begin, int64_t end, float l2, float lr, float momentum,
              bool firstStep)
{
    for (int64_t i = begin; i < end; ++i) {
        float d = g[i] + l2 * p[i];
        if (buf) {
            d = firstStep ? d : momentum * buf[i] + d;
            buf[i] = d;
        }
        p[i] -= lr * d;
    }
}

} // namespace latentlab
