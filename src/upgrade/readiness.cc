#include "upgrade/readiness.h"

#include <fnmatch.h>

#include <algorithm>
#include <optional>

#include "catalog/image_name.h"
#include "upgrade/join.h"

namespace iosup::upgrade {

namespace {

constexpr uint64_t kMiB = 1024 * 1024;

// Beyond the image itself: a little room so the file system never runs full (IOS-XE writes
// crash info and tracelogs to the same flash).
uint64_t DefaultMargin(uint64_t image_size) { return std::max<uint64_t>(kMiB, image_size / 100); }

std::string Bytes(uint64_t n) { return std::to_string(n) + " bytes"; }

bool Matches(const std::vector<std::string>& globs, const std::string& name) {
  for (const std::string& g : globs) {
    if (fnmatch(g.c_str(), name.c_str(), 0) == 0) return true;
  }
  return false;
}

const TargetImage* TargetFor(const PlatformSpec& platform, const Policy& policy) {
  for (const std::string& family : platform.image_families) {
    if (const TargetImage* t = policy.ImageFor(family)) return t;
  }
  return nullptr;
}

Readiness Blocked(Readiness r, std::string reason) {
  r.verdict = Readiness::Verdict::kBlocked;
  r.reason = std::move(reason);
  return r;
}

// Which way the device is upgraded; a blocking reason when the policy asks for what it cannot do.
std::optional<std::string> ChooseMode(const DeviceFacts& facts, const Policy& policy, Readiness& r) {
  const InstallPolicy& p = policy.install;
  if (!RunsIosXe(*facts.platform)) {
    if (p.mode == BootModePolicy::kInstall) return facts.platform->id + " runs classic IOS: it has no install mode";
    return std::nullopt;
  }
  switch (p.mode) {
    case BootModePolicy::kBundle: return std::nullopt;
    case BootModePolicy::kInstall:
      if (!facts.install_mode && !p.convert_to_install) {
        return "the device boots " + facts.running_file +
               " (bundle mode) and the policy asks for install mode: set convert_to_install: true to convert it";
      }
      break;
    case BootModePolicy::kAuto:
      if (!facts.install_mode && !p.convert_to_install) return std::nullopt;
      break;
  }
  r.install = true;
  r.convert = !facts.install_mode;
  return std::nullopt;
}

// Install mode: `install add` copies the .bin to every member and expands it there, so each
// member needs the image (unless already there), its packages and the margin.
std::optional<std::string> InstallSpace(const DeviceFacts& facts, const Policy& policy, Readiness& r) {
  const TargetImage& target = *r.target;
  const uint64_t expanded = target.size / 100 * static_cast<uint64_t>(policy.install.expanded_percent);
  const uint64_t margin = policy.free_space_margin.value_or(DefaultMargin(target.size));
  auto needed = [&](const FlashListing& flash) {
    const FlashFile* bin = flash.Find(target.file);
    return (bin != nullptr && bin->size == target.size ? 0 : target.size) + expanded + margin;
  };
  r.space_needed = needed(facts.flash);
  if (const FlashFile* bin = facts.flash.Find(target.file); bin != nullptr && bin->size == target.size) {
    r.target_present = true;
  } else if (bin != nullptr) {
    r.delete_first.push_back(target.file);
  }
  const uint64_t free_active =
      facts.flash.free_bytes + (r.delete_first.empty() ? 0 : facts.flash.Find(target.file)->size);
  if (free_active < r.space_needed) {
    return "not enough space on " + facts.file_system + " need " + Bytes(r.space_needed) +
           " (image, its expanded packages and margin), " + Bytes(facts.flash.free_bytes) + " free";
  }
  std::vector<std::string> short_members;
  for (const auto& [member, flash] : facts.member_flash) {
    const uint64_t need = needed(flash);
    if (flash.free_bytes < need) {
      short_members.push_back("switch " + std::to_string(member) + " (" + MemberFileSystem(facts, member) +
                              " " + Bytes(flash.free_bytes) + " free, needs " + Bytes(need) + ")");
    }
  }
  if (!short_members.empty()) return "not enough space on " + Join(short_members, ", ");
  return std::nullopt;
}

// An install operation someone else left: activating over it would commit or lose their work.
std::optional<std::string> PendingInstall(const DeviceFacts& facts) {
  if (!facts.install) return std::nullopt;
  if (facts.install->Uncommitted()) {
    return "an install operation is pending (" + facts.install->Describe() +
           "): commit it (install commit) or abort it (install abort) first";
  }
  if (facts.install->AutoAbortActive()) {
    return "an install auto-abort timer is running: commit or abort the activation first";
  }
  return std::nullopt;
}

}  // namespace

bool NormalConfigRegister(const std::string& value) {
  char* end = nullptr;
  const unsigned long v = std::strtoul(value.c_str(), &end, 16);
  if (value.empty() || *end != '\0') return false;
  return v == 0x2102 || v == 0x102 || v == 0xF;
}

Readiness DecideReadiness(const DeviceFacts& facts, const Policy& policy) {
  Readiness r;
  r.old_path = facts.file_system + facts.running_file;
  if (facts.platform == nullptr) {
    return Blocked(r, "unknown platform (model \"" + facts.version.model +
                          "\"): name it in the inventory");
  }
  const PlatformSpec& platform = *facts.platform;
  r.target = TargetFor(platform, policy);
  if (r.target == nullptr) {
    return Blocked(r, "the policy has no image for " + platform.id + " (families: " +
                          Join(platform.image_families) + ")");
  }
  const TargetImage& target = *r.target;
  Result<ImageName> anatomy = ParseImageName(target.file);
  if (!anatomy.ok() || !platform.Boots(anatomy->platform)) {
    return Blocked(r, target.file + " is not built for " + platform.id);
  }
  r.target_path = facts.file_system + target.file;
  if (std::optional<std::string> refused = ChooseMode(facts, policy, r)) return Blocked(r, *refused);
  const bool runs_target = r.install ? facts.install_mode && facts.install &&
                                           facts.install->AllIn(target.version, "C")
                                     : facts.running_file == target.file;
  if (runs_target) {
    r.verdict = Readiness::Verdict::kCurrent;
    return r;
  }
  if (r.install && !r.convert) {
    if (std::optional<std::string> pending = PendingInstall(facts)) return Blocked(r, *pending);
  }

  const std::string& confreg = facts.version.config_register;
  const std::string& next = facts.version.next_config_register;
  if (!NormalConfigRegister(confreg) || (!next.empty() && !NormalConfigRegister(next))) {
    const std::string shown = next.empty() ? confreg : next;
    if (shown == "0x2142") {
      return Blocked(r, "config-register is 0x2142: the device would boot ignoring its "
                        "startup-config; set it back to 0x2102 first");
    }
    return Blocked(r, "config-register is " + shown + ", not a normal boot value (0x2102, 0x102, 0xF)");
  }
  if (facts.server_ping_percent == 0) {
    return Blocked(r, "the file server " + policy.transfer.server +
                          " does not answer ping from the device");
  }
  if (facts.unsaved_lines > 0) {
    r.warnings.push_back(std::to_string(facts.unsaved_lines) +
                         " running-config line(s) not in the startup-config: the save before the "
                         "reload will store them");
  }

  if (r.install) {
    if (std::optional<std::string> short_of = InstallSpace(facts, policy, r)) {
      r.delete_first.clear();
      return Blocked(r, *short_of);
    }
    r.verdict = Readiness::Verdict::kProceed;
    return r;
  }
  // Space: a file of the target's name and size is reused (staging verifies its hash); one of
  // another size is replaced.
  uint64_t free = facts.flash.free_bytes;
  if (const FlashFile* existing = facts.flash.Find(target.file)) {
    if (existing->size == target.size) {
      r.target_present = true;
      r.verdict = Readiness::Verdict::kProceed;
      return r;
    }
    r.delete_first.push_back(target.file);
    free += existing->size;
  }
  r.space_needed = target.size + policy.free_space_margin.value_or(DefaultMargin(target.size));
  if (free >= r.space_needed) {
    r.verdict = Readiness::Verdict::kProceed;
    return r;
  }
  // Short: delete what the policy allows, largest first, never the running image nor a boot
  // target.
  std::vector<const FlashFile*> candidates;
  for (const FlashFile& f : facts.flash.files) {
    auto names_it = [&](const std::vector<std::string>& boot) {
      return std::ranges::any_of(boot, [&](const std::string& b) { return SplitImagePath(b).second == f.name; });
    };
    const bool boot_target = names_it(facts.running_boot) || names_it(facts.startup_boot);
    if (f.directory || f.name == facts.running_file || f.name == target.file || boot_target) continue;
    if (Matches(policy.deletable, f.name)) candidates.push_back(&f);
  }
  std::ranges::sort(candidates, [](const FlashFile* a, const FlashFile* b) { return a->size > b->size; });
  for (const FlashFile* f : candidates) {
    if (free >= r.space_needed) break;
    r.delete_first.push_back(f->name);
    free += f->size;
  }
  if (free < r.space_needed) {
    std::string reason = "not enough space on " + facts.file_system + " need " +
                         Bytes(r.space_needed) + " (image and margin), " +
                         Bytes(facts.flash.free_bytes) + " free";
    reason += candidates.empty() ? "; the policy allows deleting no file here"
                                 : "; deleting every file the policy allows would leave " +
                                       Bytes(free) + " free";
    r.delete_first.clear();
    return Blocked(r, reason);
  }
  r.verdict = Readiness::Verdict::kProceed;
  return r;
}

}  // namespace iosup::upgrade
