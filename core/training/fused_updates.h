// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Element loops of the fused optimizer steps over [begin, end) of flat float arrays. Plain C++,
// compiled with -fno-math-errno (so sqrt vectorises) and cloned for AVX2+FMA machines.
#include <cstdint>

namespace latentlab {

void adamRange(float* p, const float* g, float* m, float* v, int64_t begin, int64_t end, float b1, float b2, float ob1,
               float ob2, float eps, float l2, float decay, float step, float invSqrtBc2);
void nadamRange(float* p, const float* g, float* m, float* v, int64_t begin, int64_t end, float b1, float b2, float ob1,
                float ob2, float eps, float l2, float invBc2, float gradCoef, float avgCoef);
void sgdRange(float* p, const float* g, float* buf, int64_t begin, int64_t end, float l2, float lr, float momentum,
              bool firstStep);

} // namespace latentlab
