#include "device/install/install_manager.h"

#include <algorithm>
#include <set>

#include "base/digest.h"
#include "catalog/image_name.h"
#include "catalog/install_packages.h"
#include "device/install/provisioning_file.h"

namespace iosup {

namespace {

constexpr std::string_view kStateFile = "install.json";

Status WriteGenerated(FlashStore& store, const std::string& path, const ImageRecipe& recipe) {
  Result<std::unique_ptr<FileWriter>> w = store.Create(path, recipe.size);
  if (!w.ok()) return w.status();
  Status s = GenerateImage(recipe, [&](std::span<const uint8_t> c) { return (*w)->Append(c); });
  if (!s.ok()) {
    (*w)->Abort();
    return s;
  }
  return (*w)->Commit();
}

std::string Join(std::string_view dir, std::string_view name) {
  return dir.empty() ? std::string(name) : std::string(dir) + "/" + std::string(name);
}

uint64_t KiloBytes(uint64_t bytes) { return (bytes + 1023) / 1024; }

ProvisioningFile ProvisioningOf(const ExpansionPlan& plan) {
  ProvisioningFile f{.version = plan.set.version, .image = plan.set.image, .packages = {}};
  for (size_t i = 0; i < plan.set.packages.size(); ++i) {
    f.packages.push_back({plan.roles[i], plan.set.packages[i]});
  }
  return f;
}

}  // namespace

InstallManager::InstallManager(const PlatformSpec& platform, FlashStore& flash,
                               FlashStore& state_store, const Clock& clock)
    : platform_(platform), flash_(flash), state_store_(state_store), clock_(clock) {}

Status InstallManager::Load() {
  Result<std::string> text = ReadWholeStoreFile(state_store_, kStateFile);
  if (!text.ok()) {
    return text.status().code() == ErrorCode::kNotFound ? Status::Ok() : text.status();
  }
  Result<InstallState> st = InstallState::Parse(*text);
  if (!st.ok()) return st.status();
  state_ = std::move(*st);
  return Status::Ok();
}

Status InstallManager::Save() {
  return WriteWholeFile(state_store_, kStateFile, state_.Serialize());
}

Result<ExpansionPlan> InstallManager::Plan(FlashStore& store, std::string_view path) const {
  Result<FileInfo> info = store.Stat(path);
  if (!info.ok()) return info.status();
  Result<ImageCheck> check = CheckStoredImage(store, path);
  if (!check.ok()) return check.status();
  if (!check->good()) return Corrupt(check->problem);
  const std::string file(SplitParent(path).second);
  std::string family = check->family, version = check->version;
  if (check->kind == ImageKind::kElf) {
    Result<ImageName> name = ParseImageName(file);
    if (!name.ok()) return InvalidArgument("unrecognised image name");
    family = name->platform;
    version = name->version.Long();
  }
  const PackageFamily* packages = FindPackageFamily(family);
  if (packages == nullptr || !platform_.Boots(family)) {
    return InvalidArgument("Package is not supported on this platform");
  }
  ExpansionPlan plan{.set = {version, file, ConfNameFor(file), {}}, .family = family};
  const uint64_t block = flash_.block_size();
  for (const PackageRow& row : packages->packages) {
    ImageRecipe r{.file_name = PackageFileName(*packages, row, version), .family = family,
                  .version = version, .feature_set = std::string(row.name),
                  .size = std::max<uint64_t>(kMinImageBytes, info->size * row.per_mille / 1000)};
    plan.set.packages.push_back(r.file_name);
    plan.roles.emplace_back(row.role);
    plan.bytes_needed += OccupiedBytes(r.size, block);
    plan.packages.push_back(std::move(r));
  }
  plan.bytes_needed += OccupiedBytes(ProvisioningOf(plan).Render().size(), block);
  return plan;
}

Status InstallManager::Expand(const ExpansionPlan& plan, FlashStore& dest, std::string_view dir) {
  const uint64_t free = dest.Space().free();
  if (plan.bytes_needed > free) {
    const char* mount = platform_.is_switch() ? "/mnt/sd3/user" : "/bootflash";
    return NoSpace(std::string(mount) + " requires " + std::to_string(KiloBytes(plan.bytes_needed)) +
                   " KB of free space, but only " + std::to_string(free / 1024) +
                   " KB is available");
  }
  std::vector<std::string> written;
  Status s;
  for (const ImageRecipe& r : plan.packages) {
    const std::string path = Join(dir, r.file_name);
    s = installer_ ? installer_(dest, path, r) : WriteGenerated(dest, path, r);
    if (!s.ok()) break;
    written.push_back(path);
  }
  if (s.ok()) s = WriteWholeFile(dest, Join(dir, plan.set.conf), ProvisioningOf(plan).Render());
  if (!s.ok()) {
    for (const std::string& p : written) (void)dest.Delete(p);  // flash as it was
  }
  return s;
}

Status InstallManager::AddSet(const SoftwareSet& set) {
  std::erase_if(state_.sets, [&](const SoftwareSet& s) { return s.version == set.version; });
  state_.sets.push_back(set);
  return Save();
}

namespace {

// A file from one store into another, sharing its content where the stores can.
Status CopyBetween(FlashStore& from, std::string_view path, FlashStore& to, const std::string& dest) {
  Status s = to.ShareCopy(from, path, dest);
  if (s.code() != ErrorCode::kUnsupported) return s;
  Result<std::string> bytes = ReadWholeStoreFile(from, path);
  return bytes.ok() ? WriteWholeFile(to, dest, *bytes) : bytes.status();
}

}  // namespace

Status InstallManager::SyncMember(int member, const std::vector<std::string>& extra) {
  if (member < 2 || member > member_count()) return InvalidArgument("no stack member " + std::to_string(member));
  FlashStore& to = *members_[static_cast<size_t>(member - 2)];
  std::vector<std::string> files = extra;
  for (const SoftwareSet& set : state_.sets) {
    if (set.version != state_.activated) continue;
    files.insert(files.end(), set.packages.begin(), set.packages.end());
    files.push_back(set.conf);
    files.emplace_back(kPackagesConf);
  }
  for (const std::string& f : files) {
    if (!flash_.Stat(f).ok()) continue;
    if (f == kPackagesConf) (void)to.Delete(f);  // the active's provisioning replaces the member's
    if (to.Stat(f).ok()) continue;
    IOSUP_RETURN_IF_ERROR(CopyBetween(flash_, f, to, f));
  }
  return Status::Ok();
}

std::vector<FlashStore*> InstallManager::AllFlash() const {
  std::vector<FlashStore*> out = {&flash_};
  out.insert(out.end(), members_.begin(), members_.end());
  return out;
}

// Every member needs room for the bundle (the initial file syncing) and its packages; the first
// that has none fails the add before anything is written on any member.
Status InstallManager::CheckMemberRoom(FlashStore& store, std::string_view path,
                                       const ExpansionPlan& plan) {
  Result<FileInfo> bin = store.Stat(path);
  if (!bin.ok()) return bin.status();
  for (size_t i = 0; i < members_.size(); ++i) {
    ExpansionPlan needed = plan;
    if (!members_[i]->Stat(plan.set.image).ok()) needed.bytes_needed += OccupiedBytes(bin->size, members_[i]->block_size());
    if (needed.bytes_needed > members_[i]->Space().free()) {
      failed_member_ = static_cast<int>(i) + 2;
      return Expand(needed, *members_[i], "");  // reports the shortfall, writes nothing
    }
  }
  return Status::Ok();
}

// Every member gets the bundle and its packages; a failure takes back what the others got.
Status InstallManager::AddToMembers(FlashStore& store, std::string_view path,
                                    const ExpansionPlan& plan) {
  std::vector<FlashStore*> done;
  Status s;
  for (FlashStore* m : members_) {
    if (!m->Stat(plan.set.image).ok()) s = CopyBetween(store, path, *m, plan.set.image);
    if (s.ok()) s = Expand(plan, *m, "");
    if (!s.ok()) break;
    done.push_back(m);
  }
  if (s.ok()) return s;
  for (FlashStore* m : done) {
    for (const std::string& f : plan.set.packages) (void)m->Delete(f);
    (void)m->Delete(plan.set.conf);
  }
  return s;
}

Result<SoftwareSet> InstallManager::Add(FlashStore& store, std::string_view path) {
  failed_member_ = 0;
  Result<ExpansionPlan> plan = Plan(store, path);
  if (!plan.ok()) return plan.status();
  if (state_.pending()) return Busy("Another install operation is in progress");
  if (plan->bytes_needed > flash_.Space().free()) failed_member_ = 1;
  if (failed_member_ == 0) IOSUP_RETURN_IF_ERROR(CheckMemberRoom(store, path, *plan));
  IOSUP_RETURN_IF_ERROR(Expand(*plan, flash_, ""));
  failed_member_ = 0;
  Status members = AddToMembers(store, path, *plan);
  if (!members.ok()) {
    for (const std::string& f : plan->set.packages) (void)flash_.Delete(f);
    (void)flash_.Delete(plan->set.conf);
    return members;
  }
  IOSUP_RETURN_IF_ERROR(AddSet(plan->set));
  return plan->set;
}

Status InstallManager::WriteActiveConf(const SoftwareSet& set) {
  Result<std::string> conf = ReadWholeStoreFile(flash_, set.conf);
  if (!conf.ok()) return NotFound("provisioning file " + set.conf + " is missing");
  for (FlashStore* f : AllFlash()) {
    if (f->Stat(kPackagesConf).ok()) {
      (void)f->Delete(kPackagesConfBackup);
      IOSUP_RETURN_IF_ERROR(f->Rename(kPackagesConf, kPackagesConfBackup));
    }
    IOSUP_RETURN_IF_ERROR(WriteWholeFile(*f, kPackagesConf, *conf));
  }
  return Status::Ok();
}

Result<Activation> InstallManager::Activate(const std::string& version,
                                            std::optional<Duration> abort_after) {
  const SoftwareSet* set = state_.Find(version);
  if (set == nullptr) return NotFound("No package has been added for activation");
  if (state_.pending()) return Busy("Another install operation is in progress");
  if (version == state_.activated) return AlreadyExists("Image is already active");
  Activation change{.removed = {}, .added = set->packages};
  if (const SoftwareSet* old = state_.Find(state_.activated)) change.removed = old->packages;
  IOSUP_RETURN_IF_ERROR(WriteActiveConf(*set));
  state_.activated = version;
  if (abort_after) {
    state_.abort_at = clock_.Now() + *abort_after;
  } else {
    IOSUP_RETURN_IF_ERROR(Commit());
  }
  IOSUP_RETURN_IF_ERROR(Save());
  return change;
}

Status InstallManager::Commit() {
  if (!state_.pending()) return NotFound("No pending activation to commit");
  state_.committed = state_.activated;
  state_.abort_at.reset();
  state_.rollback_points.push_back(
      {state_.next_point_id++, state_.committed, "Activate " + state_.committed});
  return Save();
}

Status InstallManager::Abort() {
  if (!state_.pending()) return NotFound("No install operation in progress to abort");
  if (const SoftwareSet* committed = state_.Find(state_.committed)) {
    IOSUP_RETURN_IF_ERROR(WriteActiveConf(*committed));
  } else {
    (void)flash_.Delete(kPackagesConf);  // nothing was ever committed: back to the bundle
  }
  state_.activated = state_.committed;
  state_.abort_at.reset();
  return Save();
}

Status InstallManager::RollbackTo(std::optional<int> point_id) {
  if (!point_id) {
    if (state_.pending()) return Abort();
    const SoftwareSet* committed = state_.Find(state_.committed);
    if (committed == nullptr) return NotFound("No committed installation point");
    return WriteActiveConf(*committed);
  }
  auto p = std::find_if(state_.rollback_points.begin(), state_.rollback_points.end(),
                        [&](const RollbackPoint& r) { return r.id == *point_id; });
  if (p == state_.rollback_points.end()) return NotFound("Rollback point " + std::to_string(*point_id) + " does not exist");
  const SoftwareSet* set = state_.Find(p->version);
  if (set == nullptr) return NotFound("The packages of rollback point " + std::to_string(*point_id) + " have been removed");
  IOSUP_RETURN_IF_ERROR(WriteActiveConf(*set));
  state_.activated = state_.committed = set->version;
  state_.abort_at.reset();
  return Save();
}

Status InstallManager::StopAbortTimer() {
  if (!state_.abort_at) return NotFound("Auto abort timer is not running");
  state_.abort_at.reset();
  return Save();
}

std::vector<std::string> InstallManager::InactiveFiles(const std::string& running_image) const {
  std::set<std::string> in_use = {std::string(kPackagesConf)};
  if (state_.pending()) in_use.insert(std::string(kPackagesConfBackup));
  for (const std::string& v : {state_.activated, state_.committed}) {
    if (const SoftwareSet* s = state_.Find(v)) {
      in_use.insert(s->conf);
      in_use.insert(s->packages.begin(), s->packages.end());
    }
  }
  in_use.insert(running_image);
  std::vector<std::string> out;
  Result<std::vector<FileInfo>> files = flash_.List("");
  if (!files.ok()) return out;
  for (const FileInfo& f : *files) {
    if (f.is_directory || in_use.count(f.path)) continue;
    if (f.path.ends_with(".pkg") || f.path.ends_with(".bin") || f.path.ends_with(".conf") ||
        f.path == kPackagesConfBackup) {
      out.push_back(f.path);
    }
  }
  return out;
}

Status InstallManager::RemoveFiles(const std::vector<std::string>& files) {
  for (FlashStore* store : AllFlash()) {
    for (const std::string& f : files) {
      Status s = store->Delete(f);
      if (!s.ok() && s.code() != ErrorCode::kNotFound) return s;
    }
  }
  std::erase_if(state_.sets, [&](const SoftwareSet& s) {
    return s.version != state_.activated && s.version != state_.committed;
  });
  return Save();
}

Status InstallManager::Booted(bool install_mode, const std::string& version,
                              const std::string& image) {
  if (!install_mode || !state_.committed.empty()) return Status::Ok();
  // A device found in install mode with no history (shipped that way): its set is committed.
  if (state_.Find(version) == nullptr) {
    Result<std::string> text = ReadWholeStoreFile(flash_, kPackagesConf);
    if (!text.ok()) return text.status();
    Result<ProvisioningFile> conf = ProvisioningFile::Parse(*text);
    if (!conf.ok()) return conf.status();
    SoftwareSet set{version, image, ConfNameFor(image), {}};
    for (const ProvisionedPackage& p : conf->packages) set.packages.push_back(p.file);
    state_.sets.push_back(set);
  }
  state_.committed = state_.activated = version;
  state_.rollback_points.push_back({state_.next_point_id++, version, "Activate " + version});
  return Save();
}

std::string InstallManager::ImageVersion(const std::string& version) {
  const std::string h = DigestHex(DigestKind::kMd5, "install-build/" + version);
  return version + ".0." + std::to_string(std::stoul(h.substr(0, 6), nullptr, 16) % 997 + 3);
}

void InstallManager::Log(const std::string& line) {
  state_.log.push_back(line);
  constexpr size_t kMaxLog = 200;
  if (state_.log.size() > kMaxLog) state_.log.erase(state_.log.begin());
  (void)Save();
}

}  // namespace iosup
