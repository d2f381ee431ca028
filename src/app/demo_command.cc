// `iosup demo`: starts the seeds' lab (R1 and SW1, and the TFTP server holding their new images)
// in this process and upgrades both devices end to end over SSH with the default policy, showing
// the progress, then the summary and the report. Exit 0 only when both end on the new image with
// the old one as fallback.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/commands.h"
#include <asio/signal_set.hpp>
#include <thread>

#include "lab/lab_host.h"
#include "lab/lab_upgrade_files.h"
#include "lab/networked_lab.h"
#include "lab/topology.h"
#include "platform/system_clock.h"
#include "upgrade/upgrade_run.h"

namespace iosup {

namespace {

struct DemoArgs {
  std::string lab_dir = StateDir("demo-lab");
  bool fresh = false;
  bool keep = false;
  bool realistic = false;
};

// Every run starts the devices where the seeds start them; images (generated once, shared by
// content) and the server's files stay, so a second run is quick.
void ResetDevices(const std::string& lab_dir) {
  std::error_code ec;
  std::filesystem::remove_all(lab_dir + "/devices", ec);
  std::filesystem::remove_all(lab_dir + "/console", ec);
}

int RunDemo(const DemoArgs& a) {
  if (a.fresh) std::filesystem::remove_all(a.lab_dir);
  ResetDevices(a.lab_dir);
  std::cout << "iosup demo: the seeds' lab in " << a.lab_dir
            << " (R1 ISR4321 on 16.09.06, SW1 Catalyst 2960 on 15.2(7)E6; the first run generates the images)\n";
  std::cout.flush();
  SystemClock clock;
  Result<std::unique_ptr<LabHost>> host =
      StartNetworkedLab(SeedTopology(),
                        {.dir = a.lab_dir,
                         .realistic_boot = a.realistic,
                         .realistic_file_timing = a.realistic,
                         .quick_boot = LabHost::kQuickBoot},
                        clock);
  if (!host.ok()) {
    std::cerr << "iosup demo: cannot start the lab: " << host.status().ToString() << "\n";
    return 1;
  }
  // The demo always runs the default policy, whatever `iosup lab` left in policy.yaml.
  Result<LabUpgradeFiles> files =
      WriteLabUpgradeFiles(**host, {.name = "demo-policy.yaml", .keep_existing = false});
  if (!files.ok()) {
    std::cerr << "iosup demo: " << files.status().ToString() << "\n";
    return 1;
  }
  const std::string& inventory_path = files->inventory;
  const std::string& policy_path = files->policy;
  PrintLabEndpoints(**host);
  std::thread lab([&] { (*host)->Run(); });

  std::cout << "\nUpgrading both devices over SSH with the default policy (" << policy_path
            << "):\nverified MD5, new image first and the old one as fallback, reload, post-checks.\n";
  UpgradeArgs args{.inventory = inventory_path, .policy = policy_path,
                   .journal = a.lab_dir + "/demo.journal", .report_dir = a.lab_dir + "/report",
                   .parallel = 8};
  args.timing.reconnect_interval = std::chrono::milliseconds(500);
  const int code = RunUpgrade(args, std::cout, std::cerr);
  std::cout << (code == 0 ? "\nBoth devices run their new image, with the old one as fallback.\n"
                          : "\nThe upgrade did not finish on both devices (see above).\n");
  if (a.keep) {
    std::cout << "\nThe lab keeps running (Ctrl-C stops it). Log in and look around:\n";
    PrintLabEndpoints(**host);
    std::cout << "e.g. show version, show boot, dir, show running-config | include boot\n";
    std::cout.flush();
    asio::signal_set signals((*host)->io(), SIGINT, SIGTERM);
    signals.async_wait([&](const asio::error_code&, int) { (*host)->Stop(); });
    lab.join();
  } else {
    (*host)->Stop();
    lab.join();
  }
  return code;
}

}  // namespace

void RegisterDemoCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("demo", "Start the seeds' lab and upgrade R1 (ISR4321) and SW1 (Catalyst 2960) end to end over SSH");
  auto args = std::make_shared<DemoArgs>();
  cmd->add_option("--lab-dir", args->lab_dir, "Lab directory (images kept between runs)")->capture_default_str();
  cmd->add_flag("--fresh", args->fresh, "Start from a new lab: remove the lab directory first");
  cmd->add_flag("--keep", args->keep, "Leave the lab running afterwards, to log in and look around");
  cmd->add_flag("--realistic", args->realistic, "Boots, copies and verify take the platforms' real time");
  cmd->callback([&exit_code, args] { exit_code = RunDemo(*args); });
}

void RegisterPlatformsCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("platforms", "List the platforms a device can emulate");
  cmd->callback([&exit_code] {
    for (const PlatformSpec& p : AllPlatforms()) {
      std::printf("%-8s %-16s %s\n", p.id.c_str(), p.pid.c_str(), p.summary.c_str());
    }
    exit_code = 0;
  });
}

}  // namespace iosup
