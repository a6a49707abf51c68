// SPDX-License-Identifier: GPL-3.0-or-later
// What torchrun's environment says about this process's place in a data-parallel run (RANK,
// WORLD_SIZE, MASTER_ADDR, MASTER_PORT, LOCAL_RANK) and LatentLab's own settings for it.
#include "core/training/distributed.h"

#include "core/error.h"

#include <cstdlib>
#include <string>

#include <netdb.h>
#include <sys/socket.h>

namespace latentlab {

namespace {

int intVariable(const char* name, int fallback, int lo, int hi, bool required)
{
    const char* text = std::getenv(name);
    if (!text || !*text) {
        if (required)
            throw InputError(std::string(name) +
                             " is not set: a data-parallel run needs RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT "
                             "(torchrun sets them; set all of them when starting ranks by hand)");
        return fallback;
    }
    char* end = nullptr;
    const long v = std::strtol(text, &end, 10);
    if (*end != '\0' || v < lo || v > hi)
        throw InputError(std::string(name) + "=\"" + text + "\": expected a whole number from " + std::to_string(lo) +
                         " to " + std::to_string(hi));
    return int(v);
}

} // namespace

std::string DistributedEnv::describe() const
{
    return "rank " + std::to_string(rank) + " of " + std::to_string(worldSize);
}

DistributedEnv distributedEnvFromEnvironment()
{
    DistributedEnv env;
    env.worldSize = intVariable("WORLD_SIZE", 1, 1, 65536, false);
    if (env.worldSize == 1)
        return env;
    env.rank = intVariable("RANK", 0, 0, env.worldSize - 1, true);
    env.localRank = intVariable("LOCAL_RANK", env.rank, 0, 65535, false);
    env.masterPort = intVariable("MASTER_PORT", 0, 1, 65535, true);
    const char* addr = std::getenv("MASTER_ADDR");
    if (!addr || !*addr)
        intVariable("MASTER_ADDR", 0, 0, 0, true); // throws the "not set" message
    env.masterAddr = addr;
    const char* agent = std::getenv("TORCHELASTIC_USE_AGENT_STORE");
    env.agentStore = agent && std::string(agent) == "True";
    env.timeoutSeconds = intVariable("LATENTLAB_DIST_TIMEOUT", int(env.timeoutSeconds), 1, 86400, false);
    if (const char* t = std::getenv("LATENTLAB_DIST_TIMEOUT"); t && *t)
        env.rendezvousSeconds = env.timeoutSeconds;
    if (const char* backend = std::getenv("LATENTLAB_DIST_BACKEND"); backend && *backend) {
        env.backend = backend;
        if (env.backend != "auto" && env.backend != "gloo" && env.backend != "nccl")
            throw InputError("LATENTLAB_DIST_BACKEND=\"" + env.backend + "\": expected auto, gloo or nccl");
    }
    return env;
}

void DistributedEnv::checkAddressResolves() const
{
    addrinfo hints {};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const int e = ::getaddrinfo(masterAddr.c_str(), nullptr, &hints, &found);
    if (e != 0)
        throw InputError(describe() + ": MASTER_ADDR=" + masterAddr + " does not resolve (" + ::gai_strerror(e) + ")");
    ::freeaddrinfo(found);
}

std::string distributedBackends()
{
    std::string names;
#ifdef LATENTLAB_HAVE_GLOO
    names += "gloo";
#endif
#ifdef LATENTLAB_HAVE_NCCL
    names += names.empty() ? "nccl" : ", nccl";
#endif
    return names;
}

} // namespace latentlab
