#include "device/commands/install_dialog.h"

#include "device/install/install_text.h"

namespace iosup {

InstallWording::InstallWording(const Device& d)
    : d_(d),
      switch_(d.platform().is_switch()),
      member_(switch_ ? "switch 1" : "R0"),
      id_(switch_ ? "1" : "R0"),
      origin_(switch_ ? "Switch 1 R0/0: " : "R0/0: "),
      mount_("/" + d.file_systems().primary().spec->name + "/") {}

std::string InstallWording::Phase(const std::string& name, const std::string& detail) const {
  std::string out = "--- Starting " + name + " ---\n";
  out += "Performing " + name + " on all members\n";
  out += "  [1] " + name + " package(s) on " + member_ + "\n";
  out += detail;
  out += "  [1] Finished " + name + " on " + member_ + "\n";
  out += "Checking status of " + name + " on [" + id_ + "]\n";
  out += name + ": Passed on [" + id_ + "]\n";
  return out + "Finished " + name + "\n\n";
}

std::string InstallWording::Failed(const std::string& op, const std::string& path,
                                   const std::string& reason) const {
  const std::string who = switch_ ? " [1] Switch 1" : " [1]  R0";
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
