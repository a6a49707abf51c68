// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal (includes torch): the LibTorch API differences between the versions LatentLab builds
// against (Debian's 1.13 and PyTorch 2.x wheels, checked up to 2.11) that reach our code, one named
// shim each, so the call sites read the same on both. Torch only, no Qt. docs/scale-out.md
// ("Building against PyTorch 2.x") lists each shim with the PyTorch header it follows, and the
// differences our call sites are indifferent to, which get no shim.
#include <torch/version.h>

#include <optional>

/// True when the LibTorch being compiled against is major.minor or newer.
#define LATENTLAB_TORCH_AT_LEAST(major, minor) \
    (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

#if !LATENTLAB_TORCH_AT_LEAST(2, 2)
#include <c10/util/Optional.h>
#endif

namespace latentlab::compat {

/// "No value" for LibTorch's optional parameters (at::OptionalIntArrayRef bias_sizes...): 1.13 has
/// its own c10::nullopt_t, to which std::nullopt does not convert; since 2.2 c10::optional is
/// std::optional and c10::nullopt only a deprecated alias (absent under -DC10_NODEPRECATED).
#if LATENTLAB_TORCH_AT_LEAST(2, 2)
inline constexpr std::nullopt_t kNullopt = std::nullopt;
#else
inline constexpr c10::nullopt_t kNullopt = c10::nullopt;
#endif

} // namespace latentlab::compat
