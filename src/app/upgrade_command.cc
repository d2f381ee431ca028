// `iosup upgrade --inventory FILE --policy FILE [--plan | --resume | --cleanup [--force]]
//  [--journal FILE] [--report DIR] [--parallel N] [--verbose] [--reconnect-interval S]
//  [--reload-grace S]`: upgrade/upgrade_run.h, in the foreground (Ctrl-C stops safely).
#include <chrono>
#include <iostream>
#include <memory>

#include "app/commands.h"
#include "upgrade/upgrade_run.h"

namespace iosup {

ToolRun DeclareUpgrade(CLI::App& cmd) {
  auto args = std::make_shared<upgrade::UpgradeArgs>();
  cmd.add_option("--inventory", args->inventory, "Inventory YAML (hosts, credentials, groups)")->required();
  cmd.add_option("--policy", args->policy, "Policy YAML (target images, transfer, waves, reload)")->required();
  cmd.add_flag("--plan", args->plan, "Print every command each device would get; change nothing");
  cmd.add_flag("--resume", args->resume, "Continue the latest unfinished run of the journal");
  cmd.add_flag("--cleanup", args->cleanup,
               "After the soak time: remove the fallback boot statement and the old image of every "
               "device the latest run upgraded");
  cmd.add_flag("--force", args->force, "With --cleanup: do not wait for the soak time");
  cmd.add_option("--journal", args->journal, "Journal file (default: beside the inventory)");
  cmd.add_option("--report", args->report_dir, "Write report.json, junit.xml and report.html here");
  cmd.add_option("--parallel", args->parallel, "Devices in progress at once")->check(CLI::Range(1, 4096));
  cmd.add_flag("--verbose", args->verbose, "Log every step start too");
  auto reconnect = std::make_shared<double>(2.0);
  auto grace = std::make_shared<double>(60.0);
  cmd.add_option("--reconnect-interval", *reconnect, "Seconds between logins while a device reboots")
      ->capture_default_str()->check(CLI::Range(0.05, 600.0));
  cmd.add_option("--reload-grace", *grace,
                 "On --resume, seconds after a journaled reload intent before a device that has not "
                 "restarted is taken as never reloaded")
      ->capture_default_str()->check(CLI::Range(0.0, 3600.0));
  return [args, reconnect, grace] {
    upgrade::UpgradeArgs run = *args;
    run.timing.reconnect_interval = std::chrono::milliseconds(static_cast<int64_t>(*reconnect * 1000));
    run.timing.reload_grace = std::chrono::milliseconds(static_cast<int64_t>(*grace * 1000));
    return upgrade::RunUpgradeInForeground(run, std::cout, std::cerr);
  };
}

}  // namespace iosup
