// What the install manager of one device remembers across reloads: the software sets whose
// packages are on flash, which one is committed, which one is activated, the auto-abort deadline
// of an uncommitted activation, the rollback points and the operation log. Plain data with a
// JSON form; the rules that change it live in InstallManager.
#ifndef IOSUP_DEVICE_INSTALL_INSTALL_STATE_H_
#define IOSUP_DEVICE_INSTALL_INSTALL_STATE_H_

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace iosup {

// A release expanded on flash: the bundle it came from, its provisioning file and packages.
struct SoftwareSet {
  std::string version;  // long form: "17.09.04a"
  std::string image;    // "cat9k_iosxe.17.09.04a.SPA.bin"
  std::string conf;     // "cat9k_iosxe.17.09.04a.SPA.conf"
  std::vector<std::string> packages;  // file names, in provisioning order
};

// `show install summary`'s St column.
enum class SetState { kInactive, kUncommitted, kCommitted };  // I, U, C
char SetStateLetter(SetState s);

struct RollbackPoint {
  int id = 0;
  std::string version;
  std::string description;  // "Activate 17.09.04a"
};

struct InstallState {
  std::vector<SoftwareSet> sets;
  std::string committed;   // version; empty while the device has never run in install mode
  std::string activated;   // version; differs from `committed` while an activation is pending
  std::optional<WallTime> abort_at;  // the auto-abort timer of a pending activation
  std::vector<RollbackPoint> rollback_points;
  int next_point_id = 1;
  std::vector<std::string> log;  // `show install log` lines

  bool pending() const { return activated != committed; }
  const SoftwareSet* Find(const std::string& version) const;
  SetState StateOf(const std::string& version) const;

  std::string Serialize() const;
  static Result<InstallState> Parse(const std::string& json);
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_INSTALL_INSTALL_STATE_H_
