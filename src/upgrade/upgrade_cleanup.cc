// Step 11: after the soak time, the fallback goes: its boot statement, then its image.
#include <ctime>

#include "upgrade/device_upgrade.h"
#include "upgrade/journal.h"

namespace iosup::upgrade {

namespace {

std::string LocalTime(WallTime t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

}  // namespace

Result<std::string> DeviceUpgrade::Cleanup(WallTime now, bool force) {
  step_ = "cleanup";
  if (record_.outcome != DeviceOutcome::kUpgraded) {
    return Status(ErrorCode::kAborted, "not upgraded in this run (" + std::string(DeviceOutcomeName(record_.outcome)) + ")");
  }
  if (Marker("cleanup.done")) return Status(ErrorCode::kAborted, "already cleaned up");
  WallTime upgraded_at{};
  for (const StepRecord& s : record_.steps) {
    if (s.step == "post-check") upgraded_at = s.finished;
  }
  const WallTime due = upgraded_at + std::chrono::hours(policy_.soak_hours);
  if (!force && now < due) return Status(ErrorCode::kAborted, "soaking until " + LocalTime(due));
  if (!LoadDecision()) return Status(ErrorCode::kAborted, "the journal has no readiness decision for it");

  Result<DeviceFacts> f = GatherFacts();
  if (!f.ok()) return f.status();
  facts_ = std::move(*f);
  if (decision_.install) {
    Result<std::string> done = InstallCleanup();
    if (!done.ok()) return done;
    IOSUP_RETURN_IF_ERROR(Mark("cleanup.done", std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count())));
    if (channel_) channel_->Close();
    return done;
  }
  if (facts_.running_file != target_.file) {
    return Status(ErrorCode::kAborted, "runs " + facts_.version.system_image + ", not " +
                                           decision_.target_path + ": left alone");
  }
  IOSUP_RETURN_IF_ERROR(SetBootStatements({decision_.target_path}));
  std::string detail = "boot system " + decision_.target_path + " only";
  const std::string old_file = SplitImagePath(decision_.old_path).second;
  if (!old_file.empty() && old_file != facts_.running_file && facts_.flash.Find(old_file) != nullptr) {
    DeleteQuietly(decision_.old_path);
    Result<std::string> listing = Send("dir " + SplitImagePath(decision_.old_path).first);
    if (!listing.ok()) return listing.status();
    Result<FlashListing> files = ParseDir(*listing);
    if (files.ok() && files->Find(old_file) != nullptr) {
      return IoError(decision_.old_path + " could not be deleted");
    }
    detail += "; deleted " + decision_.old_path;
  }
  IOSUP_RETURN_IF_ERROR(Mark("cleanup.done", std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count())));
  if (channel_) channel_->Close();
  return detail;
}

}  // namespace iosup::upgrade
