// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/distributed_impl.h"

#include "core/data/dataset.h"
#include "core/error.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/csrc/distributed/c10d/Types.hpp>
#ifdef LATENTLAB_HAVE_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#ifdef LATENTLAB_HAVE_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace latentlab {

namespace {

using namespace std::chrono_literals;

constexpr auto kHeartbeatPeriod = 500ms;
constexpr auto kSilenceMeansGone = 3s;     // a rank whose heartbeat stood still this long is gone
const char* const kHeartbeatKey = "latentlab/heartbeat/";
const char* const kFingerprintKey = "latentlab/fingerprint/";

std::string firstLine(const std::string& text)
{
    const auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

// One backend's collectives behind one interface: ProcessGroupGloo and ProcessGroupNCCL share
// their methods but (across LibTorch 1.13 and 2.x) not a base class we can name in both.
class Collectives {
public:
    virtual ~Collectives() = default;
    virtual void allreduce(torch::Tensor& t, c10d::ReduceOp op) = 0;
    /// Starts an allreduce; the returned function waits for it. (The work's type is
    /// ProcessGroup::Work in LibTorch 1.13 and c10d::Work in 2.x: it is never named here.)
    virtual std::function<void()> startAllreduce(torch::Tensor& t, c10d::ReduceOp op) = 0;
    virtual void broadcast(torch::Tensor& t) = 0;
};

template <class Group>
class CollectivesOf final : public Collectives {
public:
    explicit CollectivesOf(c10::intrusive_ptr<Group> group) : m_group(std::move(group)) {}
    void allreduce(torch::Tensor& t, c10d::ReduceOp op) override
    {
        std::vector<at::Tensor> tensors {t};
        c10d::AllreduceOptions options;
        options.reduceOp = op;
        m_group->allreduce(tensors, options)->wait();
    }
    std::function<void()> startAllreduce(torch::Tensor& t, c10d::ReduceOp op) override
    {
        std::vector<at::Tensor> tensors {t};
        c10d::AllreduceOptions options;
        options.reduceOp = op;
        auto work = m_group->allreduce(tensors, options);
        return [work] { work->wait(); };
    }
    void broadcast(torch::Tensor& t) override
    {
        std::vector<at::Tensor> tensors {t};
        c10d::BroadcastOptions options;
        options.rootRank = 0;
        m_group->broadcast(tensors, options)->wait();
    }

private:
    c10::intrusive_ptr<Group> m_group;
};

std::vector<uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }
std::string text(const std::vector<uint8_t>& b) { return {b.begin(), b.end()}; }

constexpr auto kConnectAttempt = 5s;   // a client's connect attempt: Ctrl+C is answered between them
constexpr auto kStoreAnswer = 10s;     // a store that takes longer to answer a request is not one of ours

// Runs `op` on a thread of its own and waits at most `limit` for it: false when it has not
// finished by then (the thread is left behind, blocked; the caller gives up on the process's job).
// Rethrows what `op` threw. For the first request to a store, which a program that only accepts
// connections and never answers would hold for ever.
template <class Op>
bool finishesWithin(std::chrono::milliseconds limit, Op op)
{
    struct Shared {
        std::mutex mutex;
        std::condition_variable done;
        bool finished = false;
        std::exception_ptr error;
    };
    auto shared = std::make_shared<Shared>();
    std::thread([shared, op]() mutable {
        std::exception_ptr error;
        try {
            op();
        } catch (...) {
            error = std::current_exception();
        }
        std::lock_guard<std::mutex> lock(shared->mutex);
        shared->finished = true;
        shared->error = error;
        shared->done.notify_all();
    }).detach();
    std::unique_lock<std::mutex> lock(shared->mutex);
    if (!shared->done.wait_for(lock, limit, [&] { return shared->finished; }))
        return false;
    if (shared->error)
        std::rethrow_exception(shared->error);
    return true;
}

void throwIfStopped(const std::atomic<bool>* cancel, const DistributedEnv& env)
{
    if (cancel && cancel->load())
        throw LoadCancelled(env.describe() + ": waiting for the other ranks at " + env.masterAddr + ":" +
                            std::to_string(env.masterPort));
}

// This rank's connection to the rendezvous store: rank 0 hosts it (unless torchrun's agent does),
// every other rank connects, attempt after attempt until `deadline`, answering `cancel` between
// attempts. Nobody blocks in the store's constructor: the ranks meet in checkFingerprints.
c10::intrusive_ptr<c10d::Store> connectStore(const DistributedEnv& env, bool server, const std::atomic<bool>* cancel,
                                             std::chrono::steady_clock::time_point deadline)
{
    c10d::TCPStoreOptions options;
    options.port = uint16_t(env.masterPort);
    options.isServer = server;
    options.numWorkers = size_t(env.worldSize);
    options.waitWorkers = false;
    options.timeout = server ? std::chrono::milliseconds(kStoreAnswer) : std::chrono::milliseconds(kConnectAttempt);
    const std::string where = env.masterAddr + ":" + std::to_string(env.masterPort);
    c10::intrusive_ptr<c10d::TCPStore> store;
    for (;;) {
        throwIfStopped(cancel, env);
        try {
            store = c10::make_intrusive<c10d::TCPStore>(env.masterAddr, options);
            break;
        } catch (const std::exception& e) {
            if (server) // nothing to retry: the port is taken, or the address is not this machine's
                throw InputError(env.describe() + ": cannot host the rendezvous at " + where + " (" + firstLine(e.what()) +
                                 "); is MASTER_PORT taken by another program?");
            if (std::chrono::steady_clock::now() >= deadline)
                throw Error(env.describe() + ": could not reach rank 0's rendezvous at " + where + " (" + firstLine(e.what()) + ")");
        }
    }
    store->setTimeout(kStoreAnswer);
    if (env.agentStore) // torchrun's agent hosts the store; its workers' keys live under "/worker", as torch.distributed does
        return c10::make_intrusive<c10d::PrefixStore>("/worker", store);
    return store;
}

// Each rank bumps a counter in the store every half second from its own thread and connection, so
// a rank blocked in a collective still beats; after a failed collective, the ranks whose counter
// stood still are the ones that are gone.
class Heartbeat {
public:
    Heartbeat(c10::intrusive_ptr<c10d::Store> store, int rank) : m_store(std::move(store)), m_key(kHeartbeatKey + std::to_string(rank))
    {
        m_store->set(m_key, bytes("0"));
        m_thread = std::thread([this] { run(); });
    }
    ~Heartbeat()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

private:
    void run()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        for (int64_t beat = 1; !m_wake.wait_for(lock, kHeartbeatPeriod, [this] { return m_stop; }); ++beat) {
            try {
                m_store->set(m_key, bytes(std::to_string(beat)));
            } catch (const std::exception&) {
                return; // the store's host is gone; the next collective reports it
            }
        }
    }
    c10::intrusive_ptr<c10d::Store> m_store;
    std::string m_key;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace

struct RankGroup::Impl {
    DistributedEnv env;
    std::string backendName;
    c10::intrusive_ptr<c10d::Store> store;
    std::unique_ptr<Collectives> collectives;
    std::unique_ptr<Heartbeat> heartbeat; // destroyed first (declared last)

    template <class Op>
    void collective(const char* what, Op op)
    {
        try {
            op(*collectives);
        } catch (const std::exception& e) {
            throw Error(env.describe() + ": the " + what + " across ranks failed: " + lostRanks() +
                        "; this rank stops too (" + firstLine(e.what()) + ")");
        }
    }
    // Which ranks are gone, from their heartbeats (called after a collective failed).
    std::string lostRanks();
    void checkFingerprints(const std::string& mine, const std::atomic<bool>* cancel,
                           std::chrono::steady_clock::time_point deadline);
};

std::string RankGroup::Impl::lostRanks()
{
    const auto beats = [&] {
        std::vector<std::string> values;
        for (int r = 0; r < env.worldSize; ++r)
            values.push_back(text(store->get(kHeartbeatKey + std::to_string(r))));
        return values;
    };
    std::vector<std::string> before, after;
    try {
        store->setTimeout(5s);
        before = beats();
        std::this_thread::sleep_for(kSilenceMeansGone);
        after = beats();
    } catch (const std::exception&) {
        if (env.agentStore)
            return "torchrun's rendezvous store at " + env.masterAddr + ":" + std::to_string(env.masterPort) + " is gone";
        return "rank 0 of " + std::to_string(env.worldSize) + " (which hosts the rendezvous store at " + env.masterAddr +
               ":" + std::to_string(env.masterPort) + ") is gone";
    }
    std::string lost;
    for (int r = 0; r < env.worldSize; ++r)
        if (r != env.rank && before[size_t(r)] == after[size_t(r)])
            lost += (lost.empty() ? "" : ", ") + std::to_string(r);
    if (lost.empty())
        return "every rank still answers";
    return (lost.find(',') == std::string::npos ? "rank " : "ranks ") + lost + " of " + std::to_string(env.worldSize) +
           " stopped answering (the process ended, hung or lost its network)";
}

namespace {
// Every line ("what<TAB>value") where two fingerprints differ: "--lr 0.002 on rank 1, 0.001 here; ...".
std::string differences(const std::string& theirs, const std::string& mine, const std::string& who)
{
    std::map<std::string, std::string> a, b;
    std::vector<std::string> order;
    auto parse = [](const std::string& text, std::map<std::string, std::string>& out, std::vector<std::string>* keys) {
        size_t at = 0;
        while (at < text.size()) {
            size_t end = text.find('\n', at);
            if (end == std::string::npos)
                end = text.size();
            const std::string line = text.substr(at, end - at);
            const size_t tab = line.find('\t');
            const std::string key = line.substr(0, tab);
            out[key] = tab == std::string::npos ? "" : line.substr(tab + 1);
            if (keys)
                keys->push_back(key);
            at = end + 1;
        }
    };
    parse(mine, b, &order);
    parse(theirs, a, nullptr);
    std::string out;
    for (const std::string& key : order)
        if (a[key] != b[key])
            out += (out.empty() ? "" : "; ") + key + " " + (a.count(key) ? a[key] : "(none)") + " on " + who + ", " + b[key] + " here";
    return out.empty() ? "its job description differs: " + theirs : out;
}
} // namespace

void RankGroup::Impl::checkFingerprints(const std::string& mine, const std::atomic<bool>* cancel,
                                        std::chrono::steady_clock::time_point deadline)
{
    const std::string where = env.masterAddr + ":" + std::to_string(env.masterPort);
    std::vector<std::string> keys;
    for (int r = 0; r < env.worldSize; ++r)
        keys.push_back(kFingerprintKey + std::to_string(r));
    // A program that is not a rendezvous store may accept the connection and never answer.
    bool answered = false;
    std::string why = "no answer";
    try {
        answered = finishesWithin(kStoreAnswer, [store = store, key = keys[size_t(env.rank)], value = bytes(mine)] {
            store->set(key, value);
            store->check({key});
        });
    } catch (const std::exception& e) {
        why = firstLine(e.what());
    }
    if (!answered)
        throw Error(env.describe() + ": no rendezvous store answered at " + where + " within " +
                    std::to_string(kStoreAnswer.count()) + " s (" + why + "); is another program listening on MASTER_PORT?");
    // Every rank announces itself with its fingerprint; wait for all of them, answering Ctrl+C.
    while (!store->check(keys)) {
        throwIfStopped(cancel, env);
        if (std::chrono::steady_clock::now() >= deadline) {
            std::string missing;
            for (int r = 0; r < env.worldSize; ++r)
                if (!store->check({keys[size_t(r)]}))
                    missing += (missing.empty() ? "" : ", ") + std::to_string(r);
            throw Error(env.describe() + ": " + (missing.find(',') == std::string::npos ? "rank " : "ranks ") + missing +
                        " did not come to the rendezvous at " + where + " within " +
                        std::to_string(int(env.rendezvousSeconds)) +
                        " s (not started, failed before training, or given another MASTER_ADDR/MASTER_PORT; "
                        "LATENTLAB_DIST_TIMEOUT sets the wait)");
        }
        std::this_thread::sleep_for(100ms);
    }
    std::string mismatch;
    for (int r = 0; r < env.worldSize && mismatch.empty(); ++r) {
        const std::string theirs = text(store->get(kFingerprintKey + std::to_string(r)));
        if (theirs != mine)
            mismatch = env.describe() + ": rank " + std::to_string(r) + " was started on another job (" +
                       differences(theirs, mine, "rank " + std::to_string(r)) +
                       "); every rank needs the same command and data";
    }
    // Rank 0 hosts the store: it leaves only after every rank has read what it needs from it.
    const std::string readKey = std::string(kFingerprintKey) + "read";
    store->add(readKey, 1);
    const auto readBy = std::chrono::steady_clock::now() + 30s;
    while (env.rank == 0 && store->add(readKey, 0) < env.worldSize && std::chrono::steady_clock::now() < readBy)
        std::this_thread::sleep_for(50ms);
    if (!mismatch.empty())
        throw InputError(mismatch);
}

namespace {
// The backend for this device and LATENTLAB_DIST_BACKEND: "nccl", "gloo", or "" when the build has
// none that fits.
std::string backendFor(const torch::Device& device, const std::string& wanted)
{
    std::string built = distributedBackends();
    const bool gloo = built.find("gloo") != std::string::npos, nccl = built.find("nccl") != std::string::npos;
    if (wanted == "gloo")
        return gloo ? "gloo" : "";
    if (wanted == "nccl")
        return nccl && device.is_cuda() ? "nccl" : "";
    return nccl && device.is_cuda() ? "nccl" : gloo ? "gloo" : "";
}
} // namespace

std::unique_ptr<RankGroup> RankGroup::join(const DistributedEnv& env, const torch::Device& device,
                                           const std::string& fingerprint, const std::atomic<bool>* cancel)
{
    const std::string backend = backendFor(device, env.backend);
    if (backend.empty()) // before the rendezvous, which would wait for the other ranks first
        throw InputError(env.describe() + ": this build of LatentLab has no c10d backend " +
                         (env.backend == "auto" ? std::string() : "\"" + env.backend + "\" ") + "for " + device.str() +
                         " (it was built with: " + (distributedBackends().empty() ? "none" : distributedBackends()) +
                         "; Gloo needs libgloo-dev, NCCL a CUDA LibTorch and nccl.h)");
    env.checkAddressResolves();
    auto impl = std::make_unique<Impl>();
    impl->env = env;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(int64_t(env.rendezvousSeconds * 1000));
    impl->store = connectStore(env, env.rank == 0 && !env.agentStore, cancel, deadline);
    impl->checkFingerprints(fingerprint, cancel, deadline);
    const std::chrono::milliseconds timeout(int64_t(env.timeoutSeconds * 1000));
#ifdef LATENTLAB_HAVE_NCCL
    if (backend == "nccl") {
        auto options = c10d::ProcessGroupNCCL::Options::create();
        options->timeout = timeout;
        impl->collectives = std::make_unique<CollectivesOf<c10d::ProcessGroupNCCL>>(
            c10::make_intrusive<c10d::ProcessGroupNCCL>(impl->store, env.rank, env.worldSize, options));
        impl->backendName = "nccl";
    }
#endif
#ifdef LATENTLAB_HAVE_GLOO
    if (!impl->collectives) {
        auto options = c10d::ProcessGroupGloo::Options::create(timeout);
        const char* iface = std::getenv("GLOO_SOCKET_IFNAME");
        const bool loopback = env.masterAddr == "localhost" || env.masterAddr.rfind("127.", 0) == 0;
        options->devices.push_back(iface && *iface ? c10d::ProcessGroupGloo::createDeviceForInterface(iface)
                                   : loopback      ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
                                                   : c10d::ProcessGroupGloo::createDefaultDevice());
        options->threads = 2;
        impl->collectives = std::make_unique<CollectivesOf<c10d::ProcessGroupGloo>>(
            c10::make_intrusive<c10d::ProcessGroupGloo>(impl->store, env.rank, env.worldSize, options));
        impl->backendName = "gloo";
    }
#endif
    impl->heartbeat = std::make_unique<Heartbeat>(
        connectStore(env, false, nullptr, std::chrono::steady_clock::now() + std::chrono::milliseconds(int64_t(env.timeoutSeconds * 1000))),
        env.rank);
    return std::unique_ptr<RankGroup>(new RankGroup(std::move(impl)));
}

RankGroup::RankGroup(std::unique_ptr<Impl> impl) : m(std::move(impl)) {}
RankGroup::~RankGroup() = default;

const DistributedEnv& RankGroup::env() const { return m->env; }
std::string RankGroup::backend() const { return m->backendName; }

void RankGroup::broadcast(const std::vector<torch::Tensor>& tensors)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> flat;
    for (const auto& t : tensors)
        flat.push_back(t.reshape(-1));
    torch::Tensor all = torch::cat(flat);
    m->collective("broadcast of the initial weights", [&](Collectives& c) { c.broadcast(all); });
    int64_t offset = 0;
    for (const auto& t : tensors) {
        t.copy_(all.slice(0, offset, offset + t.numel()).view_as(t));
        offset += t.numel();
    }
}

void RankGroup::sum(torch::Tensor& flat, const char* what)
{
    m->collective(what, [&](Collectives& c) { c.allreduce(flat, c10d::ReduceOp::SUM); });
}

std::function<void()> RankGroup::startSum(torch::Tensor& flat, const char* what)
{
    std::function<void()> wait;
    m->collective(what, [&](Collectives& c) { wait = c.startAllreduce(flat, c10d::ReduceOp::SUM); });
    return [this, wait, what] { m->collective(what, [&](Collectives&) { wait(); }); };
}

double RankGroup::maxDifference(const std::vector<torch::Tensor>& tensors)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> flat;
    for (const auto& t : tensors)
        flat.push_back(t.detach().reshape(-1));
    torch::Tensor high = torch::cat(flat);
    torch::Tensor low = high.clone();
    m->collective("weight comparison", [&](Collectives& c) {
        c.allreduce(high, c10d::ReduceOp::MAX);
        c.allreduce(low, c10d::ReduceOp::MIN);
    });
    return (high - low).abs().max().item<double>();
}

} // namespace latentlab
