#include "upgrade/upgrade_run.h"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>

#include "platform/system_clock.h"
#include "upgrade/progress_printer.h"
#include "upgrade/report.h"
#include "upgrade/scp_push.h"
#include "upgrade/sqlite_journal.h"
#include "upgrade/ssh_cli_channel.h"

namespace iosup::upgrade {

namespace {

SshEndpoint EndpointOf(const InventoryHost& host) {
  return {.host = host.address, .port = host.port, .username = host.username,
          .password = host.password, .enable_secret = host.enable};
}

std::string DefaultJournal(const std::string& inventory) {
  std::filesystem::path p(inventory);
  return (p.parent_path() / (p.stem().string() + ".journal")).string();
}

// Testing aid: IOSUP_CRASH_AT=<point> kills this process with SIGKILL when the run reaches that
// point ("step:stage", "reload:intent", "reload:sent", ...), the way a power cut or `kill -9`
// would, so the tests can prove --resume right at every step.
std::function<void(const std::string&)> CrashPointFromEnvironment() {
  const char* at = std::getenv("IOSUP_CRASH_AT");
  if (at == nullptr || *at == '\0') return {};
  const std::string wanted = at;
  return [wanted](const std::string& point) {
    if (point == wanted) ::kill(::getpid(), SIGKILL);
  };
}

}  // namespace

Connector SshConnector() {
  return [](const InventoryHost& host) { return ConnectSsh(EndpointOf(host)); };
}

Pusher ScpPusher() {
  return [](const InventoryHost& host, const std::string& local, const std::string& remote,
            const std::function<void(uint64_t)>& progress) {
    return ScpPush(EndpointOf(host), local, remote, progress);
  };
}

namespace {

// --plan: every command each device would get; nothing changes.
int RunPlan(const Inventory& inventory, const Policy& policy, int parallel, Clock& clock,
            std::ostream& out) {
  std::vector<DevicePlan> plans = PlanFleet(inventory, policy, SshConnector(), parallel, clock);
  out << RenderPlan(plans);
  bool all_ready = true;
  for (const DevicePlan& p : plans) {
    all_ready &= p.status.ok() && !p.blocked;
  }
  out << (all_ready ? "Plan: every device can proceed. Nothing was changed.\n"
                    : "Plan: some devices cannot proceed (see above). Nothing was changed.\n");
  return all_ready ? 0 : 1;
}

// --cleanup: step 11 on the devices the latest run upgraded.
int RunCleanup(const Inventory& inventory, const Policy& policy, Journal& journal, bool force,
               Clock& clock, std::ostream& out, std::ostream& err) {
  Result<std::vector<CleanupOutcome>> done =
      CleanupFleet(inventory, policy, journal, SshConnector(), force, clock);
  if (!done.ok()) {
    err << "iosup upgrade --cleanup: " << done.status().message() << "\n";
    return 2;
  }
  int failed = 0;
  for (const CleanupOutcome& c : *done) {
    if (c.status.ok()) {
      out << c.device << ": cleaned up: " << c.detail << "\n";
    } else if (c.status.code() == ErrorCode::kAborted) {
      out << c.device << ": not now: " << c.status.message() << "\n";
    } else {
      out << c.device << ": failed: " << c.status.message() << "\n";
      ++failed;
    }
  }
  return failed == 0 ? 0 : 1;
}

std::atomic<bool> g_stop{false};

extern "C" void OnInterrupt(int) {
  if (g_stop.exchange(true)) std::_Exit(130);  // a second Ctrl-C leaves at once
}

}  // namespace

int RunUpgrade(const UpgradeArgs& args, std::ostream& out, std::ostream& err) {
  SystemClock clock;
  Result<Inventory> inventory = LoadInventory(args.inventory);
  if (!inventory.ok()) {
    err << "iosup upgrade: " << inventory.status().message() << "\n";
    return 2;
  }
  Result<Policy> policy = LoadPolicy(args.policy);
  if (!policy.ok()) {
    err << "iosup upgrade: " << policy.status().message() << "\n";
    return 2;
  }
  if (args.plan) return RunPlan(*inventory, *policy, args.parallel, clock, out);
  const std::string journal_path = args.journal.empty() ? DefaultJournal(args.inventory) : args.journal;
  Result<std::unique_ptr<SqliteJournal>> journal = SqliteJournal::Open(journal_path);
  if (!journal.ok()) {
    err << "iosup upgrade: " << journal.status().message() << "\n";
    return 2;
  }
  if (args.cleanup) return RunCleanup(*inventory, *policy, **journal, args.force, clock, out, err);
  const bool live = ::isatty(STDOUT_FILENO) != 0;
  ProgressPrinter progress(stdout, clock, live, args.verbose);
  FleetOptions options{.parallel = args.parallel, .resume = args.resume,
                       .inventory_path = args.inventory, .policy_path = args.policy,
                       .backup_dir = std::filesystem::path(journal_path).parent_path().string() + "/backups",
                       .timing = args.timing, .clock = &clock, .stop = args.stop,
                       .crash_point = CrashPointFromEnvironment()};
  out << (args.resume ? "Resuming" : "Upgrading") << " " << inventory->hosts.size()
      << " device(s); journal " << journal_path << "\n";
  out.flush();
  Result<RunRecord> run = RunFleet(*inventory, *policy, **journal, SshConnector(), ScpPusher(), progress, options);
  progress.Flush();
  if (!run.ok()) {
    err << "iosup upgrade: " << run.status().message() << "\n";
    return 2;
  }
  out << "\n" << SummaryTable(*run);  // ends with "halted: <why>" when the run halted
  if (args.stop != nullptr && args.stop->load()) {
    out << "Interrupted: run `iosup upgrade --resume` with the same inventory to continue.\n";
  }
  if (!args.report_dir.empty()) {
    Status written = WriteReports(*run, args.report_dir);
    if (!written.ok()) {
      err << "iosup upgrade: report: " << written.ToString() << "\n";
      return 1;
    }
    out << "Report: " << args.report_dir << "/report.html (also report.json, junit.xml)\n";
  }
  return FleetSucceeded(*run) ? 0 : 1;
}

int RunUpgradeInForeground(UpgradeArgs args, std::ostream& out, std::ostream& err) {
  struct sigaction sa {};
  sa.sa_handler = OnInterrupt;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  args.stop = &g_stop;
  return RunUpgrade(args, out, err);
}

}  // namespace iosup::upgrade
