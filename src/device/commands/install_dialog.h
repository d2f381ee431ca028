// The wording of IOS-XE install operations on the CLI: progress phases ("--- Starting Add ---",
// "[1] Finished Add on switch 1", "Add: Passed on [1]"), FAILED/SUCCESS endings and the
// %INSTALL syslog lines, for a Catalyst switch ("switch 1", "Switch 1 R0/0:") or a router
// ("R0", "R0/0:"). Shared by the install commands.
#ifndef IOSUP_DEVICE_COMMANDS_INSTALL_DIALOG_H_
#define IOSUP_DEVICE_COMMANDS_INSTALL_DIALOG_H_

#include <string>
#include <vector>

#include "device/device.h"

namespace iosup {

class InstallWording {
 public:
  explicit InstallWording(const Device& d);

  // "--- Starting Add ---" ... "Finished Add", with `detail` inside each member's lines.
  std::string Phase(const std::string& name, const std::string& detail = "") const;
  // " [1] Switch 1 FAILED: <reason>" then "FAILED: <op> <path> <date>".
  // `member`: the stack member (1-based) that failed.
  std::string Failed(const std::string& op, const std::string& path, const std::string& reason,
                     int member = 1) const;
  std::string Success(const std::string& op) const;  // "SUCCESS: install_commit <date>"
  std::string Start(const std::string& op) const;    // "install_commit: START <date>"
  // "Switch 1 R0/0: " / "R0/0: ", the origin of the %INSTALL messages.
  const std::string& origin() const { return origin_; }
  // "/flash/" / "/bootflash/": how the package lists name the primary file system.
  const std::string& mount() const { return mount_; }
  // The %INSTALL-3 message of a failed operation.
  std::string ErrorMessage(const std::string& what, const std::string& reason) const;

 private:
  const Device& d_;
  bool switch_;
  int members_;
  std::string id_, origin_, mount_;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_COMMANDS_INSTALL_DIALOG_H_
