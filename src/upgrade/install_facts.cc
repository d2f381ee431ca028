#include "upgrade/install_facts.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "upgrade/device_text.h"

namespace iosup::upgrade {

namespace {

constexpr std::string_view kBlockEnd = "] Installed Package(s) Information";

// "[ Switch 1 2 ] Installed Package(s) Information:" -> "Switch 1 2".
std::optional<std::string> BlockMembers(const std::string& line) {
  const std::string t = Trim(line);
  const size_t end = t.find(kBlockEnd);
  if (!t.starts_with('[') || end == std::string::npos) return std::nullopt;
  return Trim(std::string_view(t).substr(1, end - 1));
}

// A package row: a type in capitals ("IMG", "SMU", "APSP"), a one-letter state, the version.
std::optional<InstalledPackage> PackageRow(const std::string& line) {
  const std::vector<std::string> w = Words(line);
  if (w.size() != 3 || w[1].size() != 1 || std::string_view("IUCDR").find(w[1][0]) == std::string_view::npos) {
    return std::nullopt;
  }
  const bool type_ok = w[0].size() >= 2 && w[0].size() <= 8 &&
                       std::ranges::all_of(w[0], [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
  if (!type_ok) return std::nullopt;
  return InstalledPackage{.type = w[0], .state = w[1], .version = w[2]};
}

// "17.09.04a" -> {17, ""}, {9, ""}, {4, "a"}; nothing when a part does not start with a digit.
struct ReleasePart {
  unsigned number = 0;
  std::string suffix;
  bool operator==(const ReleasePart&) const = default;
};
std::vector<ReleasePart> ReleaseParts(std::string_view v, size_t count) {
  std::vector<ReleasePart> parts;
  size_t at = 0;
  while (parts.size() < count && at < v.size()) {
    size_t dot = v.find('.', at);
    if (dot == std::string_view::npos) dot = v.size();
    std::string_view part = v.substr(at, dot - at);
    ReleasePart p;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), p.number);
    if (ec != std::errc() || end == part.data()) return {};
    p.suffix = Lower(std::string(end, part.data() + part.size()));
    parts.push_back(std::move(p));
    at = dot + 1;
  }
  return parts;
}

}  // namespace

bool InstallSummary::Uncommitted() const {
  for (const InstallLocation& l : locations) {
    for (const InstalledPackage& p : l.packages) {
      if (p.state == "U" || p.state == "D") return true;
    }
  }
  return false;
}

bool InstallSummary::AutoAbortActive() const {
  return std::ranges::any_of(locations, [](const InstallLocation& l) {
    return !l.auto_abort_timer.empty() && !l.auto_abort_timer.starts_with("inactive");
  });
}

bool InstallSummary::AllIn(std::string_view version, std::string_view state) const {
  if (locations.empty()) return false;
  return std::ranges::all_of(locations, [&](const InstallLocation& l) {
    return std::ranges::any_of(l.packages, [&](const InstalledPackage& p) {
      return p.type == "IMG" && p.state == state && SameRelease(p.version, version);
    });
  });
}

std::string InstallSummary::Describe() const {
  std::string out;
  for (const InstallLocation& l : locations) {
    if (!out.empty()) out += "; ";
    out += l.members + ":";
    for (const InstalledPackage& p : l.packages) out += " " + p.state + " " + p.version;
  }
  return out;
}

Result<InstallSummary> ParseInstallSummary(std::string_view text) {
  InstallSummary s;
  for (const std::string& line : Lines(text)) {
    if (std::optional<std::string> members = BlockMembers(line)) {
      s.locations.push_back({.members = *members});
      continue;
    }
    if (s.locations.empty()) continue;
    const std::string t = Trim(line);
    if (t.starts_with("Auto abort timer:")) {
      s.locations.back().auto_abort_timer = Trim(std::string_view(t).substr(17));
    } else if (std::optional<InstalledPackage> p = PackageRow(t)) {
      s.locations.back().packages.push_back(std::move(*p));
    }
  }
  if (s.locations.empty()) {
    std::string said;
    for (const std::string& line : Lines(text)) {
      if (Trim(line).starts_with('%') || line.find("FAILED") != std::string::npos) {
        said = " (device said: " + Trim(line) + ")";
        break;
      }
    }
    return InvalidArgument("show install summary: no \"Installed Package(s) Information\" block" + said);
  }
  return s;
}

bool SameRelease(std::string_view a, std::string_view b) {
  const std::vector<ReleasePart> pa = ReleaseParts(a, 3), pb = ReleaseParts(b, 3);
  if (pa.size() < 3 || pb.size() < 3) return a == b;
  return pa == pb;
}

std::string InstallFailure(std::string_view output) {
  std::string first;
  for (const std::string& line : Lines(output)) {
    if (line.find("FAILED:") == std::string::npos) continue;
    const std::string t = Trim(line);
    if (t.starts_with('[')) return t;  // "[1] Switch 1 FAILED: ... requires ... KB of free space"
    if (first.empty()) first = t;
  }
  return first;
}

std::vector<int> ParseRollbackIds(std::string_view text) {
  std::vector<int> ids;
  for (const std::string& line : Lines(text)) {
    const std::vector<std::string> w = Words(line);
    if (w.empty() || !AllDigits(w[0]) || w[0].size() > 9) continue;
    ids.push_back(std::stoi(w[0]));
  }
  return ids;
}

std::vector<StackMember> ParseShowSwitch(std::string_view text) {
  std::vector<StackMember> members;
  for (const std::string& line : Lines(text)) {
    std::string t = Trim(line);
    if (t.starts_with('*')) t = Trim(std::string_view(t).substr(1));
    std::vector<std::string> w = Words(t);
    // IOS 15's two-word state for a member on another release is IOS-XE's V-Mismatch.
    if (w.size() > 2 && w[w.size() - 2] == "Version" && w.back() == "Mismatch") {
      w.pop_back();
      w.back() = "V-Mismatch";
    }
    // number, role, MAC, priority, [H/W version], state
    if (w.size() < 5 || w.size() > 6 || !AllDigits(w[0]) || w[0].size() > 2 || !AllDigits(w[3])) continue;
    if (w[1] != "Active" && w[1] != "Master" && w[1] != "Standby" && w[1] != "Member") continue;
    members.push_back({.number = std::stoi(w[0]), .role = w[1], .state = w.back()});
  }
  return members;
}

}  // namespace iosup::upgrade
