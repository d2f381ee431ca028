#include "lab/foreground_lab.h"

#include <asio/signal_set.hpp>
#include <memory>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "lab/http_api.h"
#include "lab/lab_host.h"
#include "lab/lab_upgrade_files.h"
#include "lab/networked_lab.h"
#include "lab/tool_inventories.h"
#include "platform/system_clock.h"

namespace iosup {

namespace {

// The HTTP API of --http, kept by the host; each request runs on the lab's loop.
Status StartHttpApi(LabHost& host, const ForegroundLabOptions& args) {
  if (args.http.empty()) return Status::Ok();
  Result<LabHttpApi::Options> options = ParseHttpListen(args.http);
  if (!options.ok()) return options.status();
  options->token = args.token;
  Result<uint16_t> port = AttachLabHttpApi(host, *options);
  if (!port.ok()) return port.status();
  std::printf("http api: http://%s:%u/api/v1/faults\n",
              options->address.find(':') != std::string::npos ? ("[" + options->address + "]").c_str()
                                                              : options->address.c_str(),
              *port);
  return Status::Ok();
}

}  // namespace

int RunForegroundLab(const ForegroundLabOptions& args) {
  Result<Topology> builtin = BuiltinTopology(args.topology);
  Result<Topology> topology = builtin.ok()               ? builtin
                              : !args.topology.empty() ? LoadTopology(args.topology)
                              : args.devices > 0     ? FleetTopology(args.platform, args.devices)
                                                     : Result<Topology>(SeedTopology());
  if (!topology.ok()) {
    std::cerr << "iosup lab: " << topology.status().message() << "\n";
    return 2;
  }
  SystemClock clock;
  const std::string& dir = args.dir;
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
  // Before anything is printed: whoever sees "devices up" may stop the lab at once, and a lab
  // started in the background by a script ignores SIGINT until this handler is installed.
  asio::signal_set signals((*host)->io(), SIGINT, SIGTERM);
  signals.async_wait([&](const asio::error_code&, int) { (*host)->Stop(); });
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
  Result<std::vector<std::string>> inventories = WriteToolInventories(**host);
  if (inventories.ok()) {
    std::printf("inventories for ansible, nornir and pyats: %s/ansible-inventory.yaml, %s/nornir/, "
                "%s/pyats-testbed.yaml\n", dir.c_str(), dir.c_str(), dir.c_str());
  } else {
    std::printf("(no inventories: %s)\n", inventories.status().ToString().c_str());
  }
  std::fflush(stdout);
  if (Status api = StartHttpApi(**host, args); !api.ok()) {
    std::cerr << "iosup lab: --http: " << api.ToString() << "\n";
    return 2;
  }
  std::printf("faults: iosup fault --lab-dir %s TARGET KIND [ARGS] | list | clear; events in %s/events.log\n",
              dir.c_str(), dir.c_str());
  std::fflush(stdout);
  (*host)->faults().set_echo(true);
  (*host)->Run();
  std::printf("\niosup lab: stopped; state kept in %s\n", dir.c_str());
  return 0;
}

}  // namespace iosup
