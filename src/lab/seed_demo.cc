#include "lab/seed_demo.h"

#include <asio/signal_set.hpp>
#include <filesystem>
#include <iostream>
#include <thread>

#include "lab/lab_host.h"
#include "lab/lab_upgrade_files.h"
#include "lab/networked_lab.h"
#include "lab/topology.h"
#include "platform/system_clock.h"

namespace iosup {

namespace {

// Every run starts the devices where the seeds start them; images (generated once, shared by
// content) and the server's files stay, so a second run is quick.
void ResetDevices(const std::string& lab_dir) {
  std::error_code ec;
  std::filesystem::remove_all(lab_dir + "/devices", ec);
  std::filesystem::remove_all(lab_dir + "/console", ec);
}

// The seeds' lab started afresh, with its inventory and the default policy written; errors are
// reported on stderr (null on failure).
std::unique_ptr<LabHost> StartSeedLab(const SeedDemoOptions& a, const Clock& clock,
                                      LabUpgradeFiles& files) {
  Result<std::unique_ptr<LabHost>> host =
      StartNetworkedLab(SeedTopology(),
                        {.dir = a.lab_dir,
                         .realistic_boot = a.realistic,
                         .realistic_file_timing = a.realistic,
                         .quick_boot = LabHost::kQuickBoot},
                        clock);
  if (!host.ok()) {
    std::cerr << "iosup demo: cannot start the lab: " << host.status().ToString() << "\n";
    return nullptr;
  }
  // The demo always runs the default policy, whatever `iosup lab` left in policy.yaml.
  Result<LabUpgradeFiles> written =
      WriteLabUpgradeFiles(**host, {.name = "demo-policy.yaml", .keep_existing = false});
  if (!written.ok()) {
    std::cerr << "iosup demo: " << written.status().ToString() << "\n";
    return nullptr;
  }
  files = *written;
  return std::move(*host);
}

// With `keep`, serves the lab until SIGINT or SIGTERM; then stops it and joins its thread.
void Finish(LabHost& host, std::thread& lab, bool keep) {
  if (keep) {
    std::cout << "\nThe lab keeps running (Ctrl-C stops it). Log in and look around:\n";
    PrintLabEndpoints(host);
    std::cout << "e.g. show version, show boot, dir, show running-config | include boot\n";
    std::cout.flush();
    asio::signal_set signals(host.io(), SIGINT, SIGTERM);
    signals.async_wait([&](const asio::error_code&, int) { host.Stop(); });
    lab.join();
  } else {
    host.Stop();
    lab.join();
  }
}

}  // namespace

int RunSeedDemo(const SeedDemoOptions& a, const SeedDemoUpgradeFn& upgrade) {
  if (a.fresh) std::filesystem::remove_all(a.lab_dir);
  ResetDevices(a.lab_dir);
  std::cout << "iosup demo: the built-in lab (NetsTuts_R1, NetsTuts_SW1) in " << a.lab_dir
            << " (R1 ISR4321 on 16.09.06, SW1 Catalyst 2960 on 15.2(7)E6; the first run generates the images)\n";
  std::cout.flush();
  SystemClock clock;
  LabUpgradeFiles files;
  std::unique_ptr<LabHost> host = StartSeedLab(a, clock, files);
  if (host == nullptr) return 1;
  PrintLabEndpoints(*host);
  std::thread lab([&] { host->Run(); });

  std::cout << "\nUpgrading both devices over SSH with the default policy (" << files.policy
            << "):\nverified MD5, new image first and the old one as fallback, reload, post-checks.\n";
  const int code = upgrade({.inventory = files.inventory, .policy = files.policy,
                            .journal = a.lab_dir + "/demo.journal",
                            .report_dir = a.lab_dir + "/report"});
  std::cout << (code == 0 ? "\nBoth devices run their new image, with the old one as fallback.\n"
                          : "\nThe upgrade did not finish on both devices (see above).\n");
  Finish(*host, lab, a.keep);
  return code;
}

}  // namespace iosup
