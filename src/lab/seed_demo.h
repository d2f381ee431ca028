// `iosup demo`'s body: starts the seeds' lab (R1 and SW1, and the TFTP server holding their new
// images) in this process and hands its inventory and default policy to an upgrade, then stops
// the lab or, with `keep`, leaves it running until SIGINT or SIGTERM.
//
// The upgrade is a function the caller gives: the orchestrator (upgrade/) and the lab never
// include each other, so only the binary joins them.
#ifndef IOSUP_LAB_SEED_DEMO_H_
#define IOSUP_LAB_SEED_DEMO_H_

#include <chrono>
#include <functional>
#include <string>

namespace iosup {

struct SeedDemoOptions {
  std::string lab_dir;     // images are kept between runs; the devices start afresh each run
  bool fresh = false;      // remove the lab directory first
  bool keep = false;       // leave the lab running afterwards, to log in and look around
  bool realistic = false;  // boots, copies and verify take the platforms' real time
};

// What the upgrade is given: the lab's files, where its journal and report go, and how it runs.
struct SeedDemoUpgrade {
  std::string inventory, policy, journal, report_dir;
  int parallel = 8;
  std::chrono::milliseconds reconnect_interval{500};  // between logins while a device reboots
};
// Runs the upgrade while the lab runs on another thread; returns its exit status (0: both
// devices run their new image with the old one as fallback).
using SeedDemoUpgradeFn = std::function<int(const SeedDemoUpgrade&)>;

// Returns the upgrade's exit status, or 1 when the lab cannot start (reason on stderr).
int RunSeedDemo(const SeedDemoOptions& options, const SeedDemoUpgradeFn& upgrade);

}  // namespace iosup

#endif  // IOSUP_LAB_SEED_DEMO_H_
