#include "device/boot_sequence.h"

#include <algorithm>

#include "catalog/image_name.h"
#include "device/image_format.h"
#include "device/install/package_check.h"

namespace iosup {

namespace {

using Kind = BootEvent::Kind;

// Judges one image for `platform`; on success fills `image`. Appends the failure event if any.
bool Judge(const PlatformSpec& platform, const ImageCheck& check, const std::string& display,
           const std::string& file, RunningImage& image, std::vector<BootEvent>& events) {
  if (check.kind == ImageKind::kUnknown) {
    events.push_back({Kind::kNotImage, display, check.problem});
    return false;
  }
  if (!check.checksum_ok) {
    events.push_back({Kind::kCorrupt, display, check.problem});
    return false;
  }
  std::string family = check.family;
  std::string version = check.version;
  std::string feature = check.feature_set;
  if (check.kind == ImageKind::kElf) {  // a real Cisco image: trust its name
    Result<ImageName> name = ParseImageName(file);
    if (!name.ok()) {
      events.push_back({Kind::kNotImage, display, "unrecognised image name"});
      return false;
    }
    family = name->platform;
    version = name->version.Long();
    feature = name->feature_set + (name->k9 ? "k9" : "");
  }
  if (!platform.Boots(family)) {
    events.push_back({Kind::kWrongPlatform, display, family});
    return false;
  }
  Result<SoftwareVersion> v = ParseSoftwareVersion(version);
  if (!v.ok()) {
    events.push_back({Kind::kNotImage, display, "image header carries no valid version"});
    return false;
  }
  image = {display, file, family, feature, *v};
  events.push_back({Kind::kLoaded, display, ""});
  return true;
}

// A provisioning file: the set it lists must be whole, intact and of this platform.
bool TryProvisioned(const BootInputs& in, const ResolvedPath& where, RunningImage& image,
                    std::vector<BootEvent>& events) {
  Result<ProvisionedRelease> set = CheckProvisionedSet(*where.store, where.path, *in.platform);
  Result<SoftwareVersion> v = set.ok() ? ParseSoftwareVersion(set->version) : set.status();
  if (!v.ok()) {
    events.push_back({Kind::kCorrupt, where.Display(), v.status().message()});
    return false;
  }
  Result<ImageName> name = ParseImageName(set->image);
  const std::string feature =
      name.ok() ? name->feature_set + (name->k9 ? "k9" : "") : std::string("universalk9");
  image = {where.Display(), std::string(SplitParent(where.path).second), set->family, feature, *v,
           /*install_mode=*/true, set->image};
  events.push_back({Kind::kLoaded, where.Display(), ""});
  return true;
}

// After Judge loaded `file`: whether the injected crash takes it (then the load is undone).
bool Crashes(const BootInputs& in, const std::string& display, const std::string& file,
             std::vector<BootEvent>& events) {
  if (!in.crash_image || (!in.crash_image->empty() && *in.crash_image != file)) return false;
  for (const BootEvent& e : events) {
    if (e.detail == kInjectedCrash) return false;  // one crash per boot
  }
  if (!events.empty() && events.back().kind == Kind::kLoaded) events.pop_back();
  events.push_back({Kind::kCorrupt, display, kInjectedCrash});
  return true;
}

bool TryFlash(const BootInputs& in, const std::string& url, RunningImage& image,
              std::vector<BootEvent>& events) {
  events.push_back({Kind::kLoading, url, ""});
  Result<ResolvedPath> where = in.file_systems->Resolve(url);
  if (!where.ok() || where->path.empty()) {
    events.push_back({Kind::kMissing, url, ""});
    return false;
  }
  Result<FileInfo> info = where->store->Stat(where->path);
  if (!info.ok() || info->is_directory) {
    events.push_back({Kind::kMissing, url, ""});
    return false;
  }
  if (info->partial) {
    events.push_back({Kind::kCorrupt, where->Display(), "incomplete file (interrupted copy)"});
    return false;
  }
  if (IsProvisioningPath(where->path)) {
    return TryProvisioned(in, *where, image, events) &&
           !Crashes(in, where->Display(), std::string(SplitParent(where->path).second), events);
  }
  Result<ImageCheck> check = CheckStoredImage(*where->store, where->path);
  if (!check.ok()) {
    events.push_back({Kind::kCorrupt, url, check.status().ToString()});
    return false;
  }
  std::string file(SplitParent(where->path).second);
  return Judge(*in.platform, *check, where->Display(), file, image, events) &&
         !Crashes(in, where->Display(), file, events);
}

// Judges the image a tftp statement fetched (or records why there was none).
bool JudgeFetched(const BootInputs& in, const BootStatement& b,
                  Result<std::unique_ptr<FileReader>> reader, RunningImage& image,
                  std::vector<BootEvent>& events) {
  const std::string url = "tftp://" + b.host + "/" + b.path;
  if (!reader.ok()) {
    events.push_back({.kind = Kind::kNetFailed, .path = url, .detail = reader.status().message(),
                      .error = reader.status().code()});
    return false;
  }
  events.push_back({.kind = Kind::kFetched, .path = url, .bytes = (*reader)->size()});
  Result<ImageCheck> check = CheckImage(**reader);
  if (!check.ok()) {
    events.push_back({Kind::kCorrupt, url, check.status().message()});
    return false;
  }
  std::string file(SplitParent(b.path).second);
  return Judge(*in.platform, *check, url, file, image, events) && !Crashes(in, url, file, events);
}

// Candidates for a boot without statements: .bin files at the root of the primary file system
// and one directory level down (Catalyst archive layout), in alphabetical order.
std::vector<std::string> DefaultCandidates(const ResolvedPath& fs) {
  std::vector<std::string> out;
  Result<std::vector<FileInfo>> root = fs.store->List("");
  if (!root.ok()) return out;
  for (const FileInfo& f : *root) {
    if (!f.is_directory && f.path.ends_with(".bin")) out.push_back(f.path);
    if (f.is_directory) {
      Result<std::vector<FileInfo>> sub = fs.store->List(f.path);
      if (!sub.ok()) continue;
      for (const FileInfo& g : *sub) {
        if (!g.is_directory && g.path.ends_with(".bin")) out.push_back(g.path);
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void BootSequence::Finish(BootResult::Outcome outcome) {
  result_.outcome = outcome;
  stage_ = Stage::kDone;
}

void BootSequence::Start() {
  if (stage_ != Stage::kNotStarted) return;
  const uint16_t boot_field = in_.config_register & 0xF;
  if (boot_field == 0x0) {
    result_.events.push_back({Kind::kBootFieldZero, "", ""});
    return Finish(BootResult::Outcome::kLoader);
  }
  if (boot_field == 0x1) {
    result_.events.push_back({Kind::kRomImage, "", ""});
    return Finish(BootResult::Outcome::kRomImage);
  }
  if (!in_.statements.empty()) return RunStatements();
  const ResolvedPath& primary = in_.file_systems->primary();
  for (const std::string& path : DefaultCandidates(primary)) {
    if (TryFlash(in_, primary.spec->name + ":" + path, result_.image, result_.events)) {
      return Finish(BootResult::Outcome::kImage);
    }
  }
  result_.events.push_back({Kind::kNoDefaultImage, primary.spec->name + ":", ""});
  Finish(BootResult::Outcome::kLoader);
}

void BootSequence::Resume(Result<std::unique_ptr<FileReader>> image) {
  if (stage_ != Stage::kAwaitingImage) return;
  const BootStatement& b = in_.statements[next_statement_ - 1];
  if (JudgeFetched(in_, b, std::move(image), result_.image, result_.events)) {
    return Finish(BootResult::Outcome::kImage);
  }
  RunStatements();
}

// From next_statement_ on, until one loads, one needs a network image, or none is left.
void BootSequence::RunStatements() {
  while (next_statement_ < in_.statements.size()) {
    const BootStatement& b = in_.statements[next_statement_++];
    switch (b.kind) {
      case BootStatement::Kind::kFile:
        if (TryFlash(in_, b.path, result_.image, result_.events)) {
          return Finish(BootResult::Outcome::kImage);
        }
        break;
      case BootStatement::Kind::kTftp:
        result_.events.push_back({Kind::kLoading, "tftp://" + b.host + "/" + b.path, ""});
        request_ = {b.host, b.path};
        stage_ = Stage::kAwaitingImage;
        return;
      case BootStatement::Kind::kRom:
        result_.events.push_back({Kind::kRomImage, "rom", ""});
        return Finish(BootResult::Outcome::kRomImage);
    }
  }
  result_.events.push_back({Kind::kAllFailed, "", ""});
  Finish(BootResult::Outcome::kLoader);
}

}  // namespace iosup
