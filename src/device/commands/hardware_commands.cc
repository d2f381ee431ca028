// show inventory and show memory statistics: the hardware a platform row describes, in the
// layouts automation parses (Ansible ios_facts sends both for its default and hardware subsets).
#include <cstdio>
#include <regex>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"

namespace iosup {

namespace {

using cli::CommandContext;

// One `show inventory` entry: IOS pads PID to 18 columns and VID to 5 (IOS-XE) or 4 (classic).
std::string InventoryEntry(const std::string& name, const std::string& descr,
                           const std::string& pid, const std::string& vid, const std::string& sn,
                           int vid_width) {
  char line[256];
  std::snprintf(line, sizeof line, "NAME: \"%s\", DESCR: \"%s\"\nPID: %-18s, VID: %-*s, SN: %s\n\n",
                name.c_str(), descr.c_str(), pid.c_str(), vid_width, vid.c_str(), sn.c_str());
  return line;
}

std::string ShowInventory(const Device& d) {
  const PlatformSpec& p = d.platform();
  const std::string sn = d.serial_number();
  switch (p.version_style) {
    case VersionStyle::kIosXeRouter: {
      const std::string model = p.pid.substr(0, p.pid.find('/'));
      return InventoryEntry("Chassis", "Cisco " + model + " Chassis", p.pid, "V04", sn, 5) +
             InventoryEntry("module 0", "Cisco " + model + " Built-In NIM controller", p.pid, "", "", 5) +
             InventoryEntry("module R0", "Cisco " + model + " Route Processor", p.pid, "V04", sn, 5) +
             InventoryEntry("module F0", "Cisco " + model + " Forwarding Processor", p.pid, "", "", 5);
    }
    case VersionStyle::kIsrG2:
      return InventoryEntry(p.pid + " chassis", p.pid + " chassis", p.pid, "V05", sn, 4);
    case VersionStyle::kCatalyst9k:
      return InventoryEntry("c93xx Stack", "c93xx Stack", p.pid, "V02", sn, 5) +
             InventoryEntry("Switch 1", p.pid, p.pid, "V02", sn, 5);
    case VersionStyle::kCatalyst:
      break;
  }
  return InventoryEntry("1", p.pid, p.pid, "V02", sn, 5);
}

// The memory the platform's hardware line announces ("with 1647778K/6147K bytes of memory" or
// "with 65536K bytes of memory"), split into the Processor and I/O pools IOS reports.
struct MemoryPools {
  uint64_t processor = 0, io = 0;
};

MemoryPools PoolsOf(const PlatformSpec& p) {
  static const std::regex kMemory(R"(with (\d+)K(?:/(\d+)K)? bytes of memory)");
  std::smatch m;
  if (!std::regex_search(p.hardware_line, m, kMemory)) return {};
  const uint64_t main = std::stoull(m[1]) * 1024;
  if (m[2].matched) return {main * 15 / 16, std::stoull(m[2]) * 1024};
  // Classic switches share one DRAM between the image, the processor pool and packet memory.
  return {main * 2 / 5, main * 7 / 32};
}

std::string ShowMemoryStatistics(const Device& d) {
  const MemoryPools pools = PoolsOf(d.platform());
  const bool xe = d.platform().version_style == VersionStyle::kIosXeRouter ||
                  d.platform().version_style == VersionStyle::kCatalyst9k;
  std::string out =
      "                Head    Total(b)     Used(b)     Free(b)   Lowest(b)  Largest(b)\n";
  auto row = [&out](const char* name, const char* head, uint64_t total, uint64_t used) {
    const uint64_t free = total - used;
    char line[160];
    std::snprintf(line, sizeof line, "%9s %10s %11llu %11llu %11llu %11llu %11llu\n", name, head,
                  static_cast<unsigned long long>(total), static_cast<unsigned long long>(used),
                  static_cast<unsigned long long>(free),
                  static_cast<unsigned long long>(free - free / 64),
                  static_cast<unsigned long long>(free - free / 32));
    out += line;
  };
  row("Processor", xe ? "7F8E7C2F8010" : "2E40BA0", pools.processor, pools.processor / 5);
  row(xe ? "lsmpi_io" : "I/O", xe ? "7F8E7B9C31A8" : "3200000", pools.io, pools.io * 3 / 5);
  return out;
}

}  // namespace

void RegisterHardwareCommands(cli::CommandSet& set, const PlatformSpec&) {
  const std::vector<std::string> exec = {"exec"};
  Declare(set, exec, {.syntax = "show inventory", .help = {"", "Show the physical inventory"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowInventory(Dev(c))); });
  Declare(set, exec, {.syntax = "show memory statistics", .help = {"", "Memory statistics", "Memory summary statistics"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowMemoryStatistics(Dev(c))); });
}

}  // namespace iosup
