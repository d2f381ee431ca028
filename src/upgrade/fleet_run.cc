#include "upgrade/fleet_run.h"

#include <algorithm>
#include <mutex>
#include <thread>

namespace iosup::upgrade {

namespace {

bool CountsAgainstBudget(DeviceOutcome o) {
  return o == DeviceOutcome::kFailed || o == DeviceOutcome::kLost || o == DeviceOutcome::kRolledBack;
}

}  // namespace

Result<std::vector<CleanupOutcome>> CleanupFleet(const Inventory& inventory, const Policy& policy,
                                                 Journal& journal, const Connector& connect,
                                                 bool force, Clock& clock) {
  Result<std::optional<std::string>> latest = journal.LatestRun();
  if (!latest.ok()) return latest.status();
  if (!*latest) return NotFound("the journal has no run to clean up after");
  Result<RunRecord> run = journal.LoadRun(**latest);
  if (!run.ok()) return run.status();
  UpgradeEnv env{.policy = &policy, .journal = &journal, .clock = &clock, .run_id = **latest,
                 .connect = connect};
  std::vector<CleanupOutcome> out;
  for (const InventoryHost& host : inventory.hosts) {
    auto rec = std::ranges::find_if(run->devices, [&](const DeviceRecord& d) { return d.name == host.name; });
    if (rec == run->devices.end()) continue;
    DeviceUpgrade device(host, rec->wave, env, &*rec);
    Result<std::string> done = device.Cleanup(clock.Now(), force);
    out.push_back({host.name, done.ok() ? Status::Ok() : done.status(), done.ok() ? *done : ""});
  }
  return out;
}

void ForEachParallel(size_t n, int threads, const std::atomic<bool>& halt,
                     const std::function<void(size_t)>& work) {
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  const size_t count = std::min<size_t>(n, static_cast<size_t>(std::max(threads, 1)));
  for (size_t t = 0; t < count; ++t) {
    pool.emplace_back([&] {
      for (size_t i; !halt.load() && (i = next.fetch_add(1)) < n;) work(i);
    });
  }
  for (std::thread& t : pool) t.join();
}

std::vector<int> WaveOfEachDevice(const std::vector<Wave>& waves, int fleet_size) {
  std::vector<int> wave_of;
  const std::vector<int> sizes = WaveSizes(waves, fleet_size);
  for (size_t w = 0; w < sizes.size(); ++w) wave_of.insert(wave_of.end(), sizes[w], static_cast<int>(w + 1));
  wave_of.resize(static_cast<size_t>(std::max(fleet_size, 0)), wave_of.empty() ? 1 : wave_of.back());
  return wave_of;
}

bool FleetSucceeded(const RunRecord& run) {
  return !run.halted && std::ranges::all_of(run.devices, [](const DeviceRecord& d) {
    return d.outcome == DeviceOutcome::kUpgraded || d.outcome == DeviceOutcome::kCurrent;
  });
}

Result<RunRecord> RunFleet(const Inventory& inventory, const Policy& policy, Journal& journal,
                           const Connector& connect, const Pusher& push, ProgressSink& progress,
                           const FleetOptions& options) {
  if (options.clock == nullptr) return InvalidArgument("RunFleet: FleetOptions.clock is required");
  // Every device is in the journal from the start, so a halted run reports the ones it never
  // reached as pending.
  const std::vector<int> wave_of = WaveOfEachDevice(policy.waves, static_cast<int>(inventory.hosts.size()));
  auto pending = [&](size_t i) {
    const InventoryHost& host = inventory.hosts[i];
    return DeviceRecord{.name = host.name, .address = host.address, .platform = host.platform, .wave = wave_of[i]};
  };
  RunRecord previous;
  std::string run_id;
  if (options.resume) {
    Result<std::optional<std::string>> latest = journal.LatestUnfinishedRun();
    if (!latest.ok()) return latest.status();
    if (!*latest) return NotFound("no unfinished run in the journal to resume");
    run_id = **latest;
    Result<RunRecord> loaded = journal.LoadRun(run_id);
    if (!loaded.ok()) return loaded.status();
    previous = std::move(*loaded);
    // The inventory may have grown since the run began.
    for (size_t i = 0; i < inventory.hosts.size(); ++i) {
      const std::string& name = inventory.hosts[i].name;
      if (std::ranges::any_of(previous.devices, [&](const DeviceRecord& d) { return d.name == name; })) continue;
      IOSUP_RETURN_IF_ERROR(journal.PutDevice(run_id, pending(i)));
    }
  } else {
    // The journal names the run (from its start, suffixed when a run began the same second).
    RunRecord header{.started = options.clock->Now(), .inventory_path = options.inventory_path,
                     .policy_path = options.policy_path};
    for (size_t i = 0; i < inventory.hosts.size(); ++i) header.devices.push_back(pending(i));
    Result<std::string> id = journal.BeginRun(header);
    if (!id.ok()) return id.status();
    run_id = *id;
  }

  std::counting_semaphore<> copies(std::max(policy.max_parallel_copies, 1));
  std::counting_semaphore<> reloads(std::max(policy.max_parallel_reloads, 1));
  UpgradeEnv env{.policy = &policy, .journal = &journal, .clock = options.clock, .run_id = run_id,
                 .connect = connect,
                 .push = push, .progress = &progress, .copy_slots = &copies, .reload_slots = &reloads,
                 .timing = options.timing, .backup_dir = options.backup_dir, .stop = options.stop,
                 .crash_point = options.crash_point};

  const std::vector<int> sizes = WaveSizes(policy.waves, static_cast<int>(inventory.hosts.size()));
  bool halted = false;
  std::string halt_reason;
  size_t first = 0;
  for (size_t w = 0; w < sizes.size() && !halted; ++w) {
    const size_t n = static_cast<size_t>(sizes[w]);
    std::atomic<int> failures{0};
    std::atomic<bool> halt{false};
    std::mutex mu;
    ForEachParallel(n, options.parallel, halt, [&](size_t i) {
      if (options.stop && options.stop->load()) return;
      const InventoryHost& host = inventory.hosts[first + i];
      const DeviceRecord* prev = nullptr;
      for (const DeviceRecord& d : previous.devices) {
        if (d.name == host.name) prev = &d;
      }
      DeviceUpgrade upgrade(host, static_cast<int>(w + 1), env, prev);
      DeviceRecord done = upgrade.Run();
      if (CountsAgainstBudget(done.outcome) && failures.fetch_add(1) + 1 > policy.failure_budget) {
        std::lock_guard lock(mu);
        halt = true;
        halt_reason = "wave " + std::to_string(w + 1) + ": " + std::to_string(failures.load()) +
                      " device(s) failed, over the failure budget of " + std::to_string(policy.failure_budget);
      }
    });
    if (halt) halted = true;
    first += n;
  }
  const bool stopping = options.stop && options.stop->load();
  if (!stopping) {
    IOSUP_RETURN_IF_ERROR(journal.FinishRun(run_id, options.clock->Now(), halted, halt_reason));
  }
  return journal.LoadRun(run_id);
}

}  // namespace iosup::upgrade
