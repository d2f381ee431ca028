// Everything the orchestrator learns about one device before it changes anything, gathered by
// the facts step and judged by readiness.
#ifndef IOSUP_UPGRADE_DEVICE_FACTS_H_
#define IOSUP_UPGRADE_DEVICE_FACTS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/platform_catalog.h"
#include "upgrade/facts.h"
#include "upgrade/install_facts.h"

namespace iosup::upgrade {

struct DeviceFacts {
  VersionFacts version;
  const PlatformSpec* platform = nullptr;  // from the inventory, else from the model
  std::string file_system;                 // "bootflash:" / "flash:", where the running image is
  std::string running_file;                // "isr4300-universalk9.16.09.06.SPA.bin"
  FlashListing flash;
  std::vector<std::string> running_boot;  // `boot system` targets in the running-config
  std::vector<std::string> startup_boot;  // ... and in the startup-config
  int unsaved_lines = 0;                  // running-config lines not in the startup-config
  int server_ping_percent = -1;           // -1: not pinged (push, or no server)
  // IOS-XE install mode: booted packages.conf. Then `show install summary` and the rollback
  // points of `show install rollback` are read too.
  bool install_mode = false;
  std::optional<InstallSummary> install;
  std::vector<int> rollback_ids;
  // A switch stack (`show switch` lists more than one member): every member, and the flash of
  // each member other than the active one ("flash-2:"), keyed by member number.
  std::vector<StackMember> members;
  std::map<int, FlashListing> member_flash;

  // The flat view journaled and reported ("version", "image", "config_register", ...).
  std::map<std::string, std::string> Summary() const;
};

// Whether the platform runs IOS-XE (and so may boot in install mode).
bool RunsIosXe(const PlatformSpec& platform);
// The file system of stack member `member` named after the active one's, as the platform spells
// it: "flash:" -> "flash-2:" on a Catalyst 9000, "flash2:" on a classic Catalyst (3750-X).
std::string MemberFileSystem(const DeviceFacts& facts, int member);

// "bootflash:x.bin" / "flash:/x.bin" -> {"bootflash:", "x.bin"}; a path without a file system
// prefix keeps an empty one.
std::pair<std::string, std::string> SplitImagePath(const std::string& path);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_DEVICE_FACTS_H_
