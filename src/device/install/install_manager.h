// IOS-XE install mode on one device, as pure logic over its flash and a clock: expanding a bundle
// into packages (`install add`, `request platform software package expand`), activating a set
// (packages.conf rewritten, the old one kept as packages.conf.00-), commit, abort, the auto-abort
// timer, rollback points and `install remove inactive`. Knows nothing of the CLI: operations
// return values, failures carry IOS-XE's reason text. The caller reloads the device when an
// operation says so. Not thread-safe (the device's strand).
#ifndef IOSUP_DEVICE_INSTALL_INSTALL_MANAGER_H_
#define IOSUP_DEVICE_INSTALL_INSTALL_MANAGER_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/flash_store.h"
#include "catalog/platform_catalog.h"
#include "device/image_format.h"
#include "device/install/install_state.h"

namespace iosup {

// How many minutes an activation waits for `install commit` unless told otherwise.
inline constexpr std::chrono::minutes kDefaultAutoAbort{120};

// What a bundle expands into and the room that takes; nothing written yet.
struct ExpansionPlan {
  SoftwareSet set;
  std::string family;
  std::vector<ImageRecipe> packages;  // one per set.packages entry, same order
  std::vector<std::string> roles;     // provisioning line of each
  uint64_t bytes_needed = 0;          // on the destination, in its blocks
};

// The provisioning change an activation makes.
struct Activation {
  std::vector<std::string> removed;  // packages of the set that was active
  std::vector<std::string> added;    // packages of the set activated
};

class InstallManager {
 public:
  // Writes a generated file (a package) at `path` of `store`; a lab links a shared blob instead.
  using Installer =
      std::function<Status(FlashStore& store, const std::string& path, const ImageRecipe& recipe)>;

  // `flash` is where packages and packages.conf live (the primary file system); `state_store`
  // keeps the install state. Both, `platform` and `clock` must outlive the manager.
  InstallManager(const PlatformSpec& platform, FlashStore& flash, FlashStore& state_store,
                 const Clock& clock);
  Status Load();
  void set_installer(Installer installer) { installer_ = std::move(installer); }
  // The flash of stack members 2..N: add, activation and removal apply to each as to `flash`; a
  // member without room fails the whole add (nothing written anywhere).
  void set_members(std::vector<FlashStore*> members) { members_ = std::move(members); }
  int member_count() const { return 1 + static_cast<int>(members_.size()); }
  const std::vector<FlashStore*>& member_flash() const { return members_; }
  // Member `member` (2..N) gets what the active switch boots from: the activated set's packages,
  // its provisioning file and packages.conf (install mode), and the files named in `extra` (a
  // bundle), each copied where missing. For a member brought to the stack's release.
  Status SyncMember(int member, const std::vector<std::string>& extra = {});
  // The member (1-based) whose flash failed the last Add, 0 when none did.
  int failed_member() const { return failed_member_; }
  const InstallState& state() const { return state_; }
  FlashStore& flash() { return flash_; }

  // Reads the bundle's header (family, version) and sizes its packages. kInvalidArgument for a
  // file that is not an IOS-XE bundle of this platform; kCorrupt for a damaged one.
  Result<ExpansionPlan> Plan(FlashStore& store, std::string_view path) const;
  // Writes the plan's packages and provisioning file into `dir` of `dest` ("" = root): all or
  // nothing. kNoSpace with IOS-XE's "requires N KB of free space, but only M KB is available"
  // before a byte is written.
  Status Expand(const ExpansionPlan& plan, FlashStore& dest, std::string_view dir);

  // `install add`: expands the bundle onto flash and records its set as inactive. A release
  // already added is not expanded again.
  Result<SoftwareSet> Add(FlashStore& store, std::string_view path);
  // `install activate`: the next boot runs `version` (packages.conf rewritten; the old one kept
  // as packages.conf.00-). With `abort_after`, the auto-abort timer starts (the activation stays
  // uncommitted until Commit); without, the activation is committed at once (one-shot commit).
  Result<Activation> Activate(const std::string& version, std::optional<Duration> abort_after);
  // `install commit`: the pending activation becomes permanent; a rollback point is recorded.
  // kNotFound when nothing is pending.
  Status Commit();
  // `install abort` and the auto-abort timer: packages.conf back to the committed set. The caller
  // reloads. kNotFound when nothing is pending.
  Status Abort();
  // `install rollback to committed` (nullopt) or `to id N`: packages.conf becomes that set's,
  // committed at once. The caller reloads.
  Status RollbackTo(std::optional<int> point_id);
  // `install auto-abort-timer stop`: the activation stays uncommitted, with no deadline.
  Status StopAbortTimer();
  bool AbortDue(WallTime now) const { return state_.abort_at && now >= *state_.abort_at; }

  // The files `install remove inactive` deletes: packages and provisioning files of sets that
  // are not active or committed, and bundles other than `running_image` (a file name).
  std::vector<std::string> InactiveFiles(const std::string& running_image) const;
  // Deletes `files` (from InactiveFiles) and forgets the sets they held.
  Status RemoveFiles(const std::vector<std::string>& files);

  // A boot finished: in install mode from a set of `version` (recorded as committed when the
  // manager knew none), or in bundle mode.
  Status Booted(bool install_mode, const std::string& version, const std::string& image);
  // "17.09.04a" -> "17.09.04a.0.1873": how `show install` names a release, stable per version.
  static std::string ImageVersion(const std::string& version);
  // Appends to `show install log`.
  void Log(const std::string& line);

 private:
  Status Save();
  Status WriteActiveConf(const SoftwareSet& set);
  Status AddSet(const SoftwareSet& set);
  Status CheckMemberRoom(FlashStore& store, std::string_view path, const ExpansionPlan& plan);
  Status AddToMembers(FlashStore& store, std::string_view path, const ExpansionPlan& plan);
  std::vector<FlashStore*> AllFlash() const;

  const PlatformSpec& platform_;
  FlashStore& flash_;
  FlashStore& state_store_;
  const Clock& clock_;
  Installer installer_;
  std::vector<FlashStore*> members_;
  int failed_member_ = 0;
  InstallState state_;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_INSTALL_INSTALL_MANAGER_H_
