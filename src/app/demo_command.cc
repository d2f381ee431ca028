// `iosup demo`: starts the seeds' lab (R1 and SW1) from its directory, boots both devices, and
// shows what an engineer checks before an upgrade: `show version` and the flash listing.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/commands.h"
#include "device/flash_listing.h"
#include "device/show_version.h"
#include "lab/lab_storage.h"
#include "lab/lab_device.h"
#include "lab/topology.h"
#include "platform/system_clock.h"

namespace iosup {

namespace {

std::string DefaultLabDir() {
  if (const char* home = std::getenv("IOSUP_HOME")) return std::string(home) + "/demo-lab";
  if (const char* state = std::getenv("XDG_STATE_HOME")) return std::string(state) + "/iosup/demo-lab";
  if (const char* home = std::getenv("HOME")) return std::string(home) + "/.local/state/iosup/demo-lab";
  return "iosup-demo-lab";
}

class ConsolePrinter : public DeviceListener {
 public:
  explicit ConsolePrinter(bool enabled) : enabled_(enabled) {}
  void OnConsole(std::string_view text) override {
    if (enabled_) std::cout << text;
  }

 private:
  bool enabled_;
};

int RunDemo(const std::string& lab_dir, bool fresh, bool show_boot) {
  if (fresh) std::filesystem::remove_all(lab_dir);
  SystemClock clock;
  Result<std::unique_ptr<LabStorage>> lab = LabStorage::Open(lab_dir, clock);
  if (!lab.ok()) {
    std::cerr << "iosup demo: cannot open lab " << lab_dir << ": " << lab.status().ToString() << "\n";
    return 1;
  }
  std::cout << "iosup demo: the seeds' lab in " << lab_dir << "\n";
  int failures = 0;
  for (const DeviceDefinition& seed : SeedTopology().devices) {
    Result<const PlatformSpec*> platform = FindPlatform(seed.platform);
    if (!platform.ok()) return 1;
    Result<std::unique_ptr<Device>> device = (*lab)->OpenDevice(**platform, {.name = seed.name});
    Status s = device.ok() ? ProvisionLabDevice(**lab, **device, seed) : device.status();
    if (!s.ok()) {
      std::cerr << "iosup demo: " << seed.name << ": " << s.ToString() << "\n";
      ++failures;
      continue;
    }
    Device& d = **device;
    ConsolePrinter printer(show_boot);
    d.AddListener(&printer);
    std::cout << "\n=== " << seed.name << " (" << d.platform().id << ") powers on\n";
    d.PowerOn();
    d.RemoveListener(&printer);
    if (d.state() != DeviceState::kRunning) {
      std::cout << seed.name << " did not boot: it is at the " << DeviceStateName(d.state())
                << " prompt\n";
      ++failures;
      continue;
    }
    const std::string prompt = d.hostname() + "#";
    std::cout << prompt << "show version\n" << ShowVersion(d);
    const ResolvedPath& primary = d.file_systems().primary();
    std::cout << prompt << "show " << primary.spec->name << ":\n";
    Result<std::string> listing = ShowFlash(primary, d.platform());
    std::cout << (listing.ok() ? *listing : listing.status().ToString() + "\n");
    std::cout << prompt << "\n";
  }
  std::cout << "\nNext: " << (failures ? "fix the errors above" : "both devices are up")
            << ". The upgrade to 16.12.04 and 15.2(7)E9 runs here once the orchestrator lands.\n";
  return failures == 0 ? 0 : 1;
}

}  // namespace

void RegisterDemoCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("demo", "Start the seeds' lab (R1 ISR4321, SW1 Catalyst 2960) and show both devices");
  auto lab_dir = std::make_shared<std::string>(DefaultLabDir());
  auto fresh = std::make_shared<bool>(false);
  auto boot = std::make_shared<bool>(false);
  cmd->add_option("--lab-dir", *lab_dir, "Lab directory (kept between runs)")->capture_default_str();
  cmd->add_flag("--fresh", *fresh, "Start from a new lab: remove the lab directory first");
  cmd->add_flag("--show-boot", *boot, "Print each device's console while it boots");
  cmd->callback([&exit_code, lab_dir, fresh, boot] { exit_code = RunDemo(*lab_dir, *fresh, *boot); });
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
