// `iosup lab [TOPOLOGY.yaml] [--devices N --platform P] [--lab-dir DIR]`: runs a lab in the
// foreground and prints where each device and server is reached. Ctrl-C stops it; the lab
// directory keeps every device's flash and configuration for the next start.
#include <asio/signal_set.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "app/commands.h"
#include "lab/lab_host.h"
#include "lab/lab_upgrade_files.h"
#include "lab/networked_lab.h"
#include "platform/system_clock.h"

namespace iosup {

namespace {

struct LabArgs {
  std::string topology;
  int devices = 0;
  std::string platform = "C2960";
  std::string dir;
  bool realistic = false;
};

int RunLab(const LabArgs& args) {
  Result<Topology> topology = !args.topology.empty() ? LoadTopology(args.topology)
                              : args.devices > 0     ? FleetTopology(args.platform, args.devices)
                                                     : Result<Topology>(SeedTopology());
  if (!topology.ok()) {
    std::cerr << "iosup lab: " << topology.status().message() << "\n";
    return 2;
  }
  SystemClock clock;
  const std::string dir = args.dir.empty() ? StateDir("lab") : args.dir;
  auto started = std::chrono::steady_clock::now();
  Result<std::unique_ptr<LabHost>> host =
      StartNetworkedLab(*topology,
                        {.dir = dir,
                         .realistic_boot = args.realistic,
                         .realistic_file_timing = args.realistic,
                         .quick_boot = LabHost::kQuickBoot},
                        clock);
  if (!host.ok()) {
    std::cerr << "iosup lab: " << host.status().ToString() << "\n";
    return 1;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("iosup lab: %zu devices up in %.2f s, lab directory %s\n",
              (*host)->devices().size(), secs, dir.c_str());
  PrintLabEndpoints(**host);
  Result<LabUpgradeFiles> files = WriteLabUpgradeFiles(**host);
  if (files.ok()) {
    std::printf("upgrade it: iosup upgrade --inventory %s --policy %s\n", files->inventory.c_str(),
                files->policy.c_str());
  } else {
    std::printf("(no upgrade files: %s)\n", files.status().ToString().c_str());
  }
  std::fflush(stdout);
  asio::signal_set signals((*host)->io(), SIGINT, SIGTERM);
  signals.async_wait([&](const asio::error_code&, int) { (*host)->Stop(); });
  (*host)->Run();
  std::printf("\niosup lab: stopped; state kept in %s\n", dir.c_str());
  return 0;
}

}  // namespace

void RegisterLabCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<LabArgs>();
  auto* cmd = app.add_subcommand("lab", "Run a lab of emulated devices and servers in the foreground");
  cmd->add_option("topology", args->topology, "Topology YAML (default: the seeds' lab)");
  cmd->add_option("--devices", args->devices, "A fleet of N devices of --platform instead");
  cmd->add_option("--platform", args->platform, "Platform of the fleet")->capture_default_str();
  cmd->add_option("--lab-dir", args->dir, "Lab directory (default: ~/.local/state/iosup/lab)");
  cmd->add_flag("--realistic", args->realistic, "Boots, copies and verify take the platforms' real time");
  cmd->callback([&exit_code, args] { exit_code = RunLab(*args); });
}

}  // namespace iosup
