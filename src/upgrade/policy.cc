#include "upgrade/policy.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <string_view>

#include "catalog/image_name.h"
#include "platform/posix_file.h"
#include "upgrade/yaml_checks.h"

namespace iosup::upgrade {

const TargetImage* Policy::ImageFor(std::string_view family) const {
  for (const TargetImage& image : images) {
    if (image.family == family) return &image;
  }
  return nullptr;
}

bool Policy::Checks(std::string_view name) const {
  return std::find(post_checks.begin(), post_checks.end(), name) != post_checks.end();
}

std::vector<int> WaveSizes(const std::vector<Wave>& waves, int fleet_size) {
  if (fleet_size <= 0) return {};
  std::vector<int> sizes;
  int64_t reached = 0;
  for (const Wave& w : waves) {
    // A percentage is the share of the fleet reached by the end of the wave, rounded up so a
    // small fleet still moves; a count is that many more devices.
    int64_t target =
        w.percent > 0 ? (int64_t{w.percent} * fleet_size + 99) / 100 : reached + w.count;
    target = std::min<int64_t>(target, fleet_size);
    if (target <= reached) continue;  // never an empty wave
    sizes.push_back(static_cast<int>(target - reached));
    reached = target;
  }
  if (reached < fleet_size) sizes.push_back(static_cast<int>(fleet_size - reached));
  return sizes;
}

namespace {

using Node = YAML::Node;

// A mapping must be one and hold only the keys its section knows, so a typo ("relaod") is an
// error that names the closest known key rather than a setting silently left at its default.
Status CheckMap(const Node& map, std::initializer_list<std::string_view> allowed,
                const std::string& where) {
  if (!map.IsMap()) return InvalidArgument(where + ": expected key: value settings" + AtLine(map));
  return CheckKeys(map, std::span<const std::string_view>(allowed.begin(), allowed.size()), where);
}

Result<int64_t> Integer(const Node& n, const std::string& what, int64_t min, int64_t max) {
  const std::string s = n.IsScalar() ? n.Scalar() : "";
  int64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || value < min || value > max) {
    std::string range =
        max == std::numeric_limits<int64_t>::max()
            ? "a whole number >= " + std::to_string(min)
            : "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    return InvalidArgument(what + " must be " + range + ", not '" + s + "'" + AtLine(n));
  }
  return value;
}

Result<bool> Boolean(const Node& n, const std::string& what) {
  std::string s = n.IsScalar() ? n.Scalar() : "";
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "true" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "no" || s == "off") return false;
  return InvalidArgument(what + " must be true or false, not '" + n.Scalar() + "'" + AtLine(n));
}

// Reads `map[key]` when present into `out` (an int field) within [min, max]; `section` names
// the enclosing mapping in errors ("reload"), empty at the top level.
Status OptionalInt(const Node& map, const char* key, int min, int max, int& out,
                   const std::string& section = "") {
  if (!map[key]) return Status::Ok();
  const std::string what = section.empty() ? key : section + ": " + key;
  Result<int64_t> v = Integer(map[key], what, min, max);
  if (!v.ok()) return v.status();
  out = static_cast<int>(*v);
  return Status::Ok();
}

Status OptionalBool(const Node& map, const char* key, bool& out) {
  if (!map[key]) return Status::Ok();
  Result<bool> v = Boolean(map[key], key);
  if (!v.ok()) return v.status();
  out = *v;
  return Status::Ok();
}

Result<std::string> Hex(const Node& n, const std::string& what, size_t digits) {
  Result<std::string> text = ScalarText(n, what);
  if (!text.ok()) return text;
  std::string hex = *text;
  const bool all_hex =
      std::all_of(hex.begin(), hex.end(), [](unsigned char c) { return std::isxdigit(c); });
  if (hex.size() != digits || !all_hex) {
    return InvalidArgument(what + " must be " + std::to_string(digits) + " hex digits" + AtLine(n));
  }
  for (char& c : hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return hex;
}

Status ReadImageNameFields(const Node& n, const std::string& where, TargetImage& image) {
  if (!n["file"]) return InvalidArgument(where + ": no file");
  Result<std::string> file = ScalarText(n["file"], where + ": file");
  if (!file.ok()) return file.status();
  if (file->find_first_of("/:") != std::string::npos) {
    return InvalidArgument(where + ": file '" + *file + "' must be a bare file name");
  }
  Result<ImageName> name = ParseImageName(*file);
  if (!name.ok()) {
    return InvalidArgument(
        where + ": file '" + *file + "' is not a Cisco image name" +
        " (e.g. c2960-lanbasek9-mz.152-7.E9.bin, isr4300-universalk9.16.12.04.SPA.bin)");
  }
  image.file = *file;
  image.family = name->platform;
  image.version = name->version.Long();
  if (n["family"]) {
    Result<std::string> family = ScalarText(n["family"], where + ": family");
    if (!family.ok()) return family.status();
    if (*family != name->platform) {
      return InvalidArgument(where + ": family " + *family + " does not match the file's " +
                             name->platform);
    }
  }
  if (n["version"]) {
    Result<std::string> text = ScalarText(n["version"], where + ": version");
    if (!text.ok()) return text.status();
    Result<SoftwareVersion> version = ParseSoftwareVersion(*text);
    if (!version.ok() || *version != name->version) {
      return InvalidArgument(where + ": version " + *text + " does not match the file's " +
                             image.version);
    }
  }
  return Status::Ok();
}

Result<TargetImage> ParseImage(const Node& n, const std::string& where) {
  IOSUP_RETURN_IF_ERROR(CheckMap(n, {"family", "file", "version", "md5", "sha512", "size"}, where));
  TargetImage image;
  IOSUP_RETURN_IF_ERROR(ReadImageNameFields(n, where, image));
  if (!n["md5"]) return InvalidArgument(where + ": no md5 (the published MD5 is required)");
  Result<std::string> md5 = Hex(n["md5"], where + ": md5", 32);
  if (!md5.ok()) return md5.status();
  image.md5 = *md5;
  if (n["sha512"]) {
    Result<std::string> sha512 = Hex(n["sha512"], where + ": sha512", 128);
    if (!sha512.ok()) return sha512.status();
    image.sha512 = *sha512;
  }
  if (!n["size"]) return InvalidArgument(where + ": no size (bytes)");
  Result<int64_t> size =
      Integer(n["size"], where + ": size", 1, std::numeric_limits<int64_t>::max());
  if (!size.ok()) return size.status();
  image.size = static_cast<uint64_t>(*size);
  return image;
}

Result<std::vector<TargetImage>> ParseImages(const Node& n) {
  if (!n || n.IsNull()) return InvalidArgument("images: no image (one per platform family)");
  if (!n.IsSequence()) return InvalidArgument("images: expected a list" + AtLine(n));
  std::vector<TargetImage> images;
  for (size_t i = 0; i < n.size(); ++i) {
    const std::string where = "images[" + std::to_string(i) + "]";
    Result<TargetImage> image = ParseImage(n[i], where);
    if (!image.ok()) return image.status();
    for (const TargetImage& earlier : images) {
      if (earlier.family == image->family) {
        return InvalidArgument(where + ": a second image for family " + image->family);
      }
    }
    images.push_back(std::move(*image));
  }
  if (images.empty()) return InvalidArgument("images: no image (one per platform family)");
  return images;
}

Result<TransferProtocol> Protocol(const Node& n) {
  Result<std::string> name = ScalarText(n, "transfer: protocol");
  if (!name.ok()) return name.status();
  static const std::pair<std::string_view, TransferProtocol> kNames[] = {
      {"tftp", TransferProtocol::kTftp},
      {"ftp", TransferProtocol::kFtp},
      {"http", TransferProtocol::kHttp},
      {"scp", TransferProtocol::kScp},
      {"push", TransferProtocol::kPush}};
  for (const auto& [text, protocol] : kNames) {
    if (*name == text) return protocol;
  }
  return InvalidArgument("transfer: unknown protocol '" + *name +
                         "' (tftp, ftp, http, scp or push)" + AtLine(n));
}

Result<TransferPolicy> ParseTransfer(const Node& n) {
  TransferPolicy t;
  if (!n || n.IsNull()) return InvalidArgument("transfer: missing (protocol and server)");
  IOSUP_RETURN_IF_ERROR(
      CheckMap(n, {"protocol", "server", "path", "username", "password", "local_dir"}, "transfer"));
  if (n["protocol"]) {
    Result<TransferProtocol> protocol = Protocol(n["protocol"]);
    if (!protocol.ok()) return protocol.status();
    t.protocol = *protocol;
  }
  const std::pair<const char*, std::string*> texts[] = {{"server", &t.server},
                                                        {"path", &t.path},
                                                        {"username", &t.username},
                                                        {"password", &t.password},
                                                        {"local_dir", &t.local_dir}};
  for (const auto& [key, field] : texts) {
    if (!n[key] || n[key].IsNull()) continue;
    Result<std::string> v = ScalarText(n[key], std::string("transfer: ") + key);
    if (!v.ok()) return v.status();
    *field = *v;
  }
  while (!t.path.empty() && t.path.front() == '/') t.path.erase(0, 1);
  while (!t.path.empty() && t.path.back() == '/') t.path.pop_back();
  if (t.protocol == TransferProtocol::kPush) {
    if (t.local_dir.empty()) return InvalidArgument("transfer: push needs local_dir");
  } else if (t.server.empty()) {
    return InvalidArgument("transfer: no server (the address the devices reach it at)");
  }
  if (t.protocol == TransferProtocol::kScp && t.username.empty()) {
    return InvalidArgument("transfer: scp needs username");
  }
  return t;
}

bool IsClockTime(std::string_view s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return s.size() == 5 && digit(s[0]) && digit(s[1]) && s[2] == ':' && digit(s[3]) && digit(s[4]) &&
         (s[0] - '0') * 10 + (s[1] - '0') < 24 && s[3] < '6';
}

Status ReadWindow(const Node& n, ReloadPolicy& r) {
  for (const char* key : {"start", "end"}) {
    if (!n[key])
      return InvalidArgument(std::string("reload: window needs ") + key + " (\"HH:MM\")");
    Result<std::string> t = ScalarText(n[key], std::string("reload: ") + key);
    if (!t.ok()) return t.status();
    if (!IsClockTime(*t)) {
      return InvalidArgument(std::string("reload: ") + key + " '" + *t + "' is not HH:MM" +
                             AtLine(n[key]));
    }
    (std::string_view(key) == "start" ? r.window_start : r.window_end) = *t;
  }
  if (r.window_start == r.window_end)
    return InvalidArgument("reload: window start and end are the same");
  return Status::Ok();
}

Status ParseReload(const Node& n, ReloadPolicy& r) {
  if (!n || n.IsNull()) return Status::Ok();
  IOSUP_RETURN_IF_ERROR(CheckMap(n, {"mode", "minutes", "start", "end"}, "reload"));
  std::string mode = "now";
  if (n["mode"]) {
    Result<std::string> m = ScalarText(n["mode"], "reload: mode");
    if (!m.ok()) return m.status();
    mode = *m;
  }
  if (mode != "now" && mode != "in" && mode != "window") {
    return InvalidArgument("reload: unknown mode '" + mode + "' (now, in or window)");
  }
  if (mode != "in" && n["minutes"]) return InvalidArgument("reload: minutes is for mode in");
  if (mode != "window" && (n["start"] || n["end"])) {
    return InvalidArgument("reload: start and end are for mode window");
  }
  if (mode == "in") {
    r.mode = ReloadMode::kIn;
    if (!n["minutes"]) return InvalidArgument("reload: mode in needs minutes");
    // `reload in` takes up to 24 days.
    return OptionalInt(n, "minutes", 1, 24 * 24 * 60, r.minutes, "reload");
  }
  if (mode == "window") {
    r.mode = ReloadMode::kWindow;
    return ReadWindow(n, r);
  }
  return Status::Ok();
}

// "1" is a canary of one device; "50%" is the share of the fleet reached by the end of the wave.
Result<std::vector<Wave>> ParseWaves(const Node& n) {
  std::vector<Wave> waves;
  if (!n || n.IsNull()) return waves;
  if (!n.IsSequence())
    return InvalidArgument("waves: expected a list like [1, 50%, 100%]" + AtLine(n));
  for (size_t i = 0; i < n.size(); ++i) {
    const std::string where = "waves[" + std::to_string(i) + "]";
    Result<std::string> text = ScalarText(n[i], where);
    if (!text.ok()) return text.status();
    Wave w;
    const bool percent = text->ends_with('%');
    const Node number(percent ? text->substr(0, text->size() - 1) : *text);
    Result<int64_t> value = Integer(number, where, 0, std::numeric_limits<int>::max());
    if (!value.ok()) {
      return InvalidArgument(where + ": '" + *text + "' is neither a count nor a percentage" +
                             AtLine(n[i]));
    }
    if (*value == 0)
      return InvalidArgument(where + ": '" + *text + "' is an empty wave" + AtLine(n[i]));
    (percent ? w.percent : w.count) = static_cast<int>(*value);
    if (w.percent > 100) return InvalidArgument("waves: " + *text + " is more than the fleet");
    if (!waves.empty() && waves.back().percent > 0) {
      if (w.count > 0)
        return InvalidArgument("waves: a count (" + *text +
                               ") after a percentage; counts come first");
      if (w.percent <= waves.back().percent) {
        return InvalidArgument("waves: " + *text + " after " +
                               std::to_string(waves.back().percent) + "% does not reach further");
      }
    }
    waves.push_back(w);
  }
  return waves;
}

Result<std::vector<std::string>> Strings(const Node& n, const std::string& what) {
  if (!n.IsSequence()) return InvalidArgument(what + ": expected a list" + AtLine(n));
  std::vector<std::string> out;
  for (size_t i = 0; i < n.size(); ++i) {
    Result<std::string> s = ScalarText(n[i], what + "[" + std::to_string(i) + "]");
    if (!s.ok()) return s.status();
    if (s->empty())
      return InvalidArgument(what + "[" + std::to_string(i) + "]: empty" + AtLine(n[i]));
    out.push_back(*s);
  }
  return out;
}

Status ParsePostChecks(const Node& n, std::vector<std::string>& out) {
  if (!n) return Status::Ok();
  if (n.IsNull()) {
    out.clear();
    return Status::Ok();
  }
  Result<std::vector<std::string>> checks = Strings(n, "post_checks");
  if (!checks.ok()) return checks.status();
  static const std::string_view kKnown[] = {"version", "boot", "config_register", "interfaces",
                                            "cdp",     "ospf", "lldp",            "routes"};
  out.clear();
  for (const std::string& c : *checks) {
    if (std::find(std::begin(kKnown), std::end(kKnown), c) == std::end(kKnown)) {
      return InvalidArgument("post_checks: unknown check '" + c +
                             "' (version, boot, config_register, interfaces, cdp, ospf, lldp, routes)");
    }
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return Status::Ok();
}

Result<BackupMode> Backup(const Node& n) {
  Result<std::string> s = ScalarText(n, "backup");
  if (!s.ok()) return s.status();
  if (*s == "server") return BackupMode::kServer;
  if (*s == "local") return BackupMode::kLocal;
  if (*s == "none") return BackupMode::kNone;
  return InvalidArgument("backup: unknown mode '" + *s + "' (server, local or none)" + AtLine(n));
}

// One word of a fixed set, as `T`: `choices` pairs each spelling with its value.
template <typename T>
Status OptionalChoice(const Node& map, const char* key, const std::string& where,
                      std::initializer_list<std::pair<std::string_view, T>> choices, T& out) {
  if (!map[key]) return Status::Ok();
  const std::string what = where.empty() ? key : where + ": " + key;
  Result<std::string> s = ScalarText(map[key], what);
  if (!s.ok()) return s.status();
  std::string names;
  for (const auto& [name, value] : choices) {
    if (*s == name) {
      out = value;
      return Status::Ok();
    }
    names += (names.empty() ? "" : ", ") + std::string(name);
  }
  return InvalidArgument(what + ": unknown value '" + *s + "' (" + names + ")" + AtLine(map[key]));
}

Status ParseInstall(const Node& root, InstallPolicy& p) {
  IOSUP_RETURN_IF_ERROR(OptionalChoice<BootModePolicy>(
      root, "mode", "",
      {{"auto", BootModePolicy::kAuto}, {"install", BootModePolicy::kInstall}, {"bundle", BootModePolicy::kBundle}},
      p.mode));
  IOSUP_RETURN_IF_ERROR(OptionalBool(root, "convert_to_install", p.convert_to_install));
  const Node n = root["install"];
  if (!n || n.IsNull()) return Status::Ok();
  IOSUP_RETURN_IF_ERROR(
      CheckMap(n, {"steps", "resume_uncommitted", "auto_abort_minutes", "expanded_percent"}, "install"));
  IOSUP_RETURN_IF_ERROR(OptionalChoice<InstallSteps>(
      n, "steps", "install", {{"separate", InstallSteps::kSeparate}, {"one_shot", InstallSteps::kOneShot}}, p.steps));
  IOSUP_RETURN_IF_ERROR(OptionalChoice<ResumeUncommitted>(
      n, "resume_uncommitted", "install",
      {{"commit", ResumeUncommitted::kCommit}, {"abort", ResumeUncommitted::kAbort}}, p.uncommitted));
  // IOS-XE's timer takes 30 to 1200 minutes.
  if (n["auto_abort_minutes"]) {
    IOSUP_RETURN_IF_ERROR(OptionalInt(n, "auto_abort_minutes", 30, 1200, p.auto_abort_minutes, "install"));
  }
  return OptionalInt(n, "expanded_percent", 1, 1000, p.expanded_percent, "install");
}

Status ParseScalars(const Node& root, Policy& p) {
  IOSUP_RETURN_IF_ERROR(OptionalBool(root, "keep_old_as_fallback", p.keep_old_as_fallback));
  IOSUP_RETURN_IF_ERROR(OptionalBool(root, "rollback", p.rollback));
  constexpr int kMax = std::numeric_limits<int>::max();
  IOSUP_RETURN_IF_ERROR(
      OptionalInt(root, "reload_stagger_seconds", 0, kMax, p.reload.stagger_seconds));
  IOSUP_RETURN_IF_ERROR(
      OptionalInt(root, "boot_timeout_seconds", 0, kMax, p.reload.boot_timeout_seconds));
  IOSUP_RETURN_IF_ERROR(OptionalInt(root, "max_parallel_copies", 1, kMax, p.max_parallel_copies));
  IOSUP_RETURN_IF_ERROR(OptionalInt(root, "max_parallel_reloads", 1, kMax, p.max_parallel_reloads));
  IOSUP_RETURN_IF_ERROR(OptionalInt(root, "failure_budget", 0, kMax, p.failure_budget));
  IOSUP_RETURN_IF_ERROR(OptionalInt(root, "soak_hours", 0, kMax, p.soak_hours));
  IOSUP_RETURN_IF_ERROR(OptionalInt(root, "neighbor_wait_seconds", 0, kMax, p.neighbor_wait_seconds));
  if (root["free_space_margin"]) {
    Result<int64_t> margin = Integer(root["free_space_margin"], "free_space_margin", 0,
                                     std::numeric_limits<int64_t>::max());
    if (!margin.ok()) return margin.status();
    p.free_space_margin = static_cast<uint64_t>(*margin);
  }
  if (root["backup"]) {
    Result<BackupMode> backup = Backup(root["backup"]);
    if (!backup.ok()) return backup.status();
    p.backup = *backup;
  }
  if (root["deletable"] && !root["deletable"].IsNull()) {
    Result<std::vector<std::string>> patterns = Strings(root["deletable"], "deletable");
    if (!patterns.ok()) return patterns.status();
    p.deletable = *patterns;
  }
  return ParsePostChecks(root["post_checks"], p.post_checks);
}

Result<Policy> Build(const Node& root) {
  if (!root.IsMap()) return InvalidArgument("policy: expected images, transfer and settings");
  IOSUP_RETURN_IF_ERROR(
      CheckMap(root,
               {"images", "transfer", "keep_old_as_fallback", "reload", "reload_stagger_seconds",
                "boot_timeout_seconds", "waves", "max_parallel_copies", "max_parallel_reloads",
                "failure_budget", "post_checks", "neighbor_wait_seconds", "free_space_margin",
                "deletable", "backup", "rollback", "soak_hours", "mode", "convert_to_install",
                "install"},
               "policy"));
  Policy p;
  Result<std::vector<TargetImage>> images = ParseImages(root["images"]);
  if (!images.ok()) return images.status();
  p.images = std::move(*images);
  Result<TransferPolicy> transfer = ParseTransfer(root["transfer"]);
  if (!transfer.ok()) return transfer.status();
  p.transfer = std::move(*transfer);
  IOSUP_RETURN_IF_ERROR(ParseReload(root["reload"], p.reload));
  Result<std::vector<Wave>> waves = ParseWaves(root["waves"]);
  if (!waves.ok()) return waves.status();
  p.waves = std::move(*waves);
  IOSUP_RETURN_IF_ERROR(ParseScalars(root, p));
  IOSUP_RETURN_IF_ERROR(ParseInstall(root, p.install));
  if (p.install.mode == BootModePolicy::kBundle && p.install.convert_to_install) {
    return InvalidArgument("convert_to_install: true contradicts mode: bundle");
  }
  if (p.backup == BackupMode::kServer && p.transfer.server.empty()) {
    return InvalidArgument(
        "backup: server needs transfer.server (push has none; use local or none)");
  }
  return p;
}

}  // namespace

Result<Policy> ParsePolicy(const std::string& yaml_text) {
  return ParseYaml<Policy>(yaml_text, "policy", [](const Node& root) { return Build(root); });
}

Result<Policy> LoadPolicy(const std::string& path) {
  Result<std::string> text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  Result<Policy> policy = ParsePolicy(*text);
  if (!policy.ok()) return Status(policy.status().code(), path + ": " + policy.status().message());
  return policy;
}

}  // namespace iosup::upgrade
