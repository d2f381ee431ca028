#include "upgrade/readiness.h"

#include <fnmatch.h>

#include <algorithm>

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
  if (facts.running_file == target.file) {
    r.verdict = Readiness::Verdict::kCurrent;
    return r;
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
