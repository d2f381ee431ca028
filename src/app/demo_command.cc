// `iosup demo [--lab-dir DIR] [--fresh] [--keep] [--realistic]`: lab/seed_demo.h, with the
// orchestrator's run (upgrade/upgrade_run.h) as its upgrade: the binary is the one place that
// may join the lab and the orchestrator.
#include <iostream>
#include <memory>

#include "app/commands.h"
#include "lab/seed_demo.h"
#include "upgrade/upgrade_run.h"

namespace iosup {

namespace {

int UpgradeOverSsh(const SeedDemoUpgrade& demo) {
  upgrade::UpgradeArgs args{.inventory = demo.inventory, .policy = demo.policy,
                            .journal = demo.journal, .report_dir = demo.report_dir,
                            .parallel = demo.parallel};
  args.timing.reconnect_interval = demo.reconnect_interval;
  return upgrade::RunUpgrade(args, std::cout, std::cerr);
}

}  // namespace

ToolRun DeclareDemo(CLI::App& cmd) {
  auto args = std::make_shared<SeedDemoOptions>();
  args->lab_dir = StateDir("demo-lab");
  cmd.add_option("--lab-dir", args->lab_dir, "Lab directory (images kept between runs)")->capture_default_str();
  cmd.add_flag("--fresh", args->fresh, "Start from a new lab: remove the lab directory first");
  cmd.add_flag("--keep", args->keep, "Leave the lab running afterwards, to log in and look around");
  cmd.add_flag("--realistic", args->realistic, "Boots, copies and verify take the platforms' real time");
  return [args] { return RunSeedDemo(*args, UpgradeOverSsh); };
}

}  // namespace iosup
