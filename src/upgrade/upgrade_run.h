// Wires the orchestrator to SSH, the journal, progress on the terminal and the report: the body
// of `iosup upgrade`, also used by `iosup demo` on its in-process lab.
#ifndef IOSUP_UPGRADE_UPGRADE_RUN_H_
#define IOSUP_UPGRADE_UPGRADE_RUN_H_

#include <atomic>
#include <ostream>
#include <string>

#include "upgrade/fleet_run.h"

namespace iosup::upgrade {

struct UpgradeArgs {
  std::string inventory, policy;
  bool plan = false, resume = false, verbose = false;
  bool cleanup = false, force = false;  // step 11 on the latest run; force: skip the soak time
  std::string journal;     // default: <inventory without .yaml>.journal beside it
  std::string report_dir;  // empty: no report files
  int parallel = 32;
  const std::atomic<bool>* stop = nullptr;
  Timing timing;
};

// Returns the process exit code: 0 when every device ends upgraded or current (or, with --plan,
// when every device could be planned and none is blocked), 1 otherwise, 2 for unusable input.
int RunUpgrade(const UpgradeArgs& args, std::ostream& out, std::ostream& err);
// RunUpgrade as a command in the foreground: the first SIGINT or SIGTERM asks the run to stop
// where each device can stop safely (args.stop is replaced); a second exits at once with 130.
int RunUpgradeInForeground(UpgradeArgs args, std::ostream& out, std::ostream& err);

// The connector every real run uses: ConnectSsh with the host's credentials.
Connector SshConnector();
Pusher ScpPusher();

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_UPGRADE_RUN_H_
