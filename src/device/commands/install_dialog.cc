#include "device/commands/install_dialog.h"

#include "device/install/install_text.h"

namespace iosup {

InstallWording::InstallWording(const Device& d)
    : d_(d),
      switch_(d.platform().is_switch()),
      members_(d.stack_members()),
      id_(switch_ ? "1" : "R0"),
      origin_(switch_ ? "Switch 1 R0/0: " : "R0/0: "),
      mount_("/" + d.file_systems().primary().spec->name + "/") {}

std::string InstallWording::Phase(const std::string& name, const std::string& detail) const {
  std::string out = "--- Starting " + name + " ---\n";
  out += "Performing " + name + " on all members\n";
  std::string ids;
  for (int k = 1; k <= members_; ++k) {
    const std::string n = std::to_string(k);
    const std::string member = switch_ ? "switch " + n : "R0";
    out += "  [" + n + "] " + name + " package(s) on " + member + "\n";
    out += detail;  // every member lists its own package changes
    out += "  [" + n + "] Finished " + name + " on " + member + "\n";
    ids += (k == 1 ? "" : " ") + (switch_ ? n : id_);
  }
  out += "Checking status of " + name + " on [" + ids + "]\n";
  out += name + ": Passed on [" + ids + "]\n";
  return out + "Finished " + name + "\n\n";
}

std::string InstallWording::Failed(const std::string& op, const std::string& path,
                                   const std::string& reason, int member) const {
  const std::string n = std::to_string(member);
  const std::string who = switch_ ? " [" + n + "] Switch " + n : " [1]  R0";
  std::string shown = op;
  if (switch_ && shown.starts_with("install_")) shown = shown.substr(8);
  return who + " FAILED: " + reason + "\nFAILED: " + shown + (path.empty() ? "" : " " + path) +
         " " + InstallTimestamp(d_.clock().Now()) + "\n";
}

std::string InstallWording::Success(const std::string& op) const {
  return "SUCCESS: " + op + " " + InstallTimestamp(d_.clock().Now()) + "\n";
}

std::string InstallWording::Start(const std::string& op) const {
  return op + ": START " + InstallTimestamp(d_.clock().Now()) + "\n";
}

std::string InstallWording::ErrorMessage(const std::string& what, const std::string& reason) const {
  return "%INSTALL-3-OPERATION_ERROR_MESSAGE: " + origin_ + "install_mgr: Failed to install " +
         what + ", Error: " + reason;
}

}  // namespace iosup
