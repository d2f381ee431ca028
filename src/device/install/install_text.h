// How IOS-XE prints install mode: `show install ...` tables with their state legend and the
// auto-abort timer line, the timestamps of install operations, and the names of the members an
// operation runs on. Pure formatting of InstallManager's state.
#ifndef IOSUP_DEVICE_INSTALL_INSTALL_TEXT_H_
#define IOSUP_DEVICE_INSTALL_INSTALL_TEXT_H_

#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "device/install/install_state.h"

namespace iosup {

// "Thu Oct 22 15:53:26 UTC 2020"
std::string InstallTimestamp(WallTime t);

enum class InstallListing { kSummary, kActive, kInactive, kCommitted, kUncommitted };

// What `show install ...` needs besides the state: who the device is and what it runs.
struct InstallView {
  bool is_switch = false;         // "[ Switch 1 ]" rather than "[ R0 ]"
  std::string running_version;    // long form; shown as committed in bundle mode
  int members = 1;                // stack members: "[ Switch 1 2 3 ]"
  // Stack members on a release of their own (V-Mismatch): member number and its release, each
  // shown in a block of its own with that release committed.
  std::vector<std::pair<int, std::string>> mismatched;
  WallTime now;
};

std::string ShowInstall(const InstallState& state, const InstallView& view, InstallListing what);
std::string ShowInstallLog(const InstallState& state);
std::string ShowInstallRollback(const InstallState& state);

}  // namespace iosup

#endif  // IOSUP_DEVICE_INSTALL_INSTALL_TEXT_H_
