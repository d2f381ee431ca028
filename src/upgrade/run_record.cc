#include "upgrade/run_record.h"

namespace iosup::upgrade {

std::string_view StepOutcomeName(StepOutcome o) {
  switch (o) {
    case StepOutcome::kPending: return "pending";
    case StepOutcome::kRunning: return "running";
    case StepOutcome::kDone: return "done";
    case StepOutcome::kSkipped: return "skipped";
    case StepOutcome::kFailed: return "failed";
  }
  return "unknown";
}

std::string_view DeviceOutcomeName(DeviceOutcome o) {
  switch (o) {
    case DeviceOutcome::kPending: return "pending";
    case DeviceOutcome::kUpgraded: return "upgraded";
    case DeviceOutcome::kCurrent: return "current";
    case DeviceOutcome::kFailed: return "failed";
    case DeviceOutcome::kRolledBack: return "rolled back";
    case DeviceOutcome::kLost: return "lost";
  }
  return "unknown";
}

}  // namespace iosup::upgrade
