// Step 3, as a pure decision: given a device's facts and the policy, may the upgrade go on, is
// there nothing to do, or is it blocked (and why)? Also decides what staging must delete first.
#ifndef IOSUP_UPGRADE_READINESS_H_
#define IOSUP_UPGRADE_READINESS_H_

#include <string>
#include <vector>

#include "upgrade/device_facts.h"
#include "upgrade/policy.h"

namespace iosup::upgrade {

struct Readiness {
  enum class Verdict { kProceed, kCurrent, kBlocked };
  Verdict verdict = Verdict::kBlocked;
  const TargetImage* target = nullptr;
  std::string target_path;  // "bootflash:isr4300-universalk9.16.12.04.SPA.bin"
  std::string old_path;     // the running image, the fallback
  bool target_present = false;             // a file of the right size is already in flash
  std::vector<std::string> delete_first;   // files (names in the file system) staging removes
  uint64_t space_needed = 0;               // image + margin
  std::vector<std::string> warnings;       // reported, not blocking (unsaved changes, ...)
  std::string reason;                      // kBlocked: why, in one line
  // IOS-XE install mode: the upgrade is `install add`/`activate`/`commit` of the staged .bin,
  // not a boot statement naming it; `convert` when the device boots a .bin today.
  bool install = false;
  bool convert = false;
};

// Config-register values a device boots normally with (0x2102, 0x102, 0xF).
bool NormalConfigRegister(const std::string& value);

// In install mode `old_path` is the running packages.conf (the converted device's .bin when
// converting), and space is checked for the .bin plus its expanded packages on every stack
// member; a pending install operation (uncommitted packages, a running auto-abort timer)
// blocks the device.
Readiness DecideReadiness(const DeviceFacts& facts, const Policy& policy);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_READINESS_H_
