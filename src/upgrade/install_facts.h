// What the orchestrator reads from an IOS-XE device in install mode, parsed from the text IOS-XE
// prints: `show install summary`, `show install rollback`, `show switch`, and the `FAILED:` /
// `SUCCESS:` endings of the `install` commands. Tolerant of layout (blank lines, trailing
// spaces, one block per stack location) and strict about what they promise.
#ifndef IOSUP_UPGRADE_INSTALL_FACTS_H_
#define IOSUP_UPGRADE_INSTALL_FACTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace iosup::upgrade {

// One row of `show install summary`: "IMG   C    17.09.04a.0.6".
struct InstalledPackage {
  std::string type;     // "IMG", "SMU", ...
  std::string state;    // "I", "U", "C", "D"
  std::string version;  // as printed (a version, or a file name for SMUs)
};

// One "[ Switch 1 2 ] Installed Package(s) Information:" block (or "[ R0 ]").
struct InstallLocation {
  std::string members;  // "Switch 1 2", "R0 R1"
  std::vector<InstalledPackage> packages;
  std::string auto_abort_timer;  // "inactive", "active on install_activate, time before rollback - ..." or empty
};

struct InstallSummary {
  std::vector<InstallLocation> locations;

  // Some package is activated or deactivated and not committed (state U or D) anywhere.
  bool Uncommitted() const;
  // An auto-abort timer runs somewhere (a line other than "inactive").
  bool AutoAbortActive() const;
  // Every location has an IMG of `version`'s release in state `state` ("C", "U").
  bool AllIn(std::string_view version, std::string_view state) const;
  // "Switch 1: C 17.06.05.0.x; Switch 2: U 17.09.04a.0.y": one line for reports.
  std::string Describe() const;
};
// kInvalidArgument when `text` holds no "Installed Package(s) Information" block (a bundle-mode
// device answers `show install summary` with an error or nothing useful).
Result<InstallSummary> ParseInstallSummary(std::string_view text);

// Whether two spellings name one release: "17.09.04a" (a file name's), "17.9.4a",
// "17.09.04a.0.6" (`show install summary`'s, with a build suffix) and "17.09.04a.0.6" agree on
// the first three parts, compared as numbers with their letter suffix.
bool SameRelease(std::string_view a, std::string_view b);

// Why an `install` command failed: the first line holding "FAILED:" (a per-member "[1] Switch 1
// FAILED: ..." line first, as it is the most precise), else empty. An answer without
// "SUCCESS:" and without "FAILED:" is not judged here.
std::string InstallFailure(std::string_view output);

// `show install rollback`: the rollback point ids listed (first column numbers), in order.
std::vector<int> ParseRollbackIds(std::string_view text);

// `show switch`: one row per stack member ("*1  Active  0c75.bd6e.db00  15  V02  Ready").
struct StackMember {
  int number = 0;
  std::string role;   // "Active", "Standby", "Member"; a classic Catalyst's "Master", "Member"
  bool active() const { return role == "Active" || role == "Master"; }
  std::string state;  // "Ready", "Progressing", "V-Mismatch", "Provisioned", ...
};
// Empty (not an error) when `text` is not a stack table (a router answers "% Invalid input").
std::vector<StackMember> ParseShowSwitch(std::string_view text);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_INSTALL_FACTS_H_
