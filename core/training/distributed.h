// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Data-parallel training across processes, through PyTorch's own c10d stack (TCPStore rendezvous,
// ProcessGroupGloo on CPU, ProcessGroupNCCL on CUDA where the LibTorch build has it). A process
// learns its place from the variables torchrun sets; the trainer does the rest (trainer.h).
#include <string>

namespace latentlab {

/// Where this process stands in a data-parallel run (torchrun's variables). worldSize 1: alone.
struct DistributedEnv {
    int rank = 0, worldSize = 1, localRank = 0;
    std::string masterAddr = "127.0.0.1";
    int masterPort = 29500;
    bool agentStore = false;   // TORCHELASTIC_USE_AGENT_STORE: torchrun's agent hosts the store, every rank is a client
    double timeoutSeconds = 30; // a collective waiting longer than this fails (a rank hangs or is gone)
    /// How long the ranks wait for each other at the start (they may load their data at different
    /// speeds): LATENTLAB_DIST_TIMEOUT when set, else 300 s. A rank still missing then is named.
    double rendezvousSeconds = 300;
    /// LATENTLAB_DIST_BACKEND: "auto" (NCCL for CUDA tensors where built, else Gloo), "gloo" (also
    /// for CUDA tensors: several ranks on one GPU, which NCCL refuses) or "nccl".
    std::string backend = "auto";

    bool distributed() const { return worldSize > 1; }
    /// "rank 1 of 2".
    std::string describe() const;
    /// Throws InputError when MASTER_ADDR does not resolve at once (instead of retrying for minutes).
    void checkAddressResolves() const;
};

/// Reads RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT (and LATENTLAB_DIST_TIMEOUT, seconds;
/// LATENTLAB_DIST_BACKEND).
/// Without WORLD_SIZE (or with 1) the run is one process. Throws InputError naming the variable
/// that is missing or malformed.
DistributedEnv distributedEnvFromEnvironment();

/// The backends this build can use ("gloo", "gloo, nccl"); empty when it has none.
std::string distributedBackends();

} // namespace latentlab
