#include "upgrade/facts.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <utility>

#include "upgrade/device_text.h"

namespace iosup::upgrade {

namespace {

// libstdc++'s std::regex recurses once per character it matches, so a line of megabytes (the
// garbage of a broken session) would overflow the stack: longer lines are never matched. No line
// IOS prints comes near this.
constexpr size_t kMaxMatchedLine = 4096;

bool Search(const std::string& line, std::smatch& m, const std::regex& re) {
  return line.size() <= kMaxMatchedLine && std::regex_search(line, m, re);
}

// A device line quoted in a message, cut short when a broken session made it huge.
std::string Quote(std::string line) {
  if (line.size() > 300) line = line.substr(0, 300) + "...";
  return line;
}

// The first line that looks like an IOS error ("%Error ...", "% Invalid input ..."), so a
// parser that found nothing can say why.
std::string FirstErrorLine(const std::vector<std::string>& lines) {
  for (const std::string& l : lines) {
    const std::string t = Trim(l);
    if (t.starts_with("%")) return Quote(t);
  }
  return "";
}

Status Missing(std::string_view what, const std::vector<std::string>& lines) {
  std::string detail = FirstErrorLine(lines);
  return InvalidArgument(std::string(what) +
                         (detail.empty() ? "" : " (device said: " + detail + ")"));
}

// The product line: "Cisco IOS XE Software, Version 16.09.06", "Cisco IOS Software, C2960
// Software (C2960-LANBASEK9-M), Version 15.2(7)E6, RELEASE ...", "IOS (tm) ... Version 12.2(..)".
// ROM and BOOTLDR lines also say "Version" and are not it.
std::string VersionFromLine(std::string_view line) {
  if (!line.starts_with("Cisco IOS") && !line.starts_with("IOS (tm)")) return "";
  size_t at = line.find("Version ");
  if (at == std::string_view::npos) return "";
  std::string_view rest = line.substr(at + 8);
  size_t end = rest.find_first_of(", \t");
  return std::string(rest.substr(0, end));
}

void ReadVersionLine(const std::string& line, VersionFacts& v) {
  static const std::regex kUptime(R"(^(\S+) uptime is (.+)$)");
  static const std::regex kRegister(
      R"(^Configuration register is (0x[0-9A-Fa-f]+)(?:\s*\(will be (0x[0-9A-Fa-f]+) at next reload\))?)",
      std::regex::icase);
  static const std::regex kImage(R"re(^System image file is "([^"]*)")re");
  static const std::regex kModel(R"(^[Cc]isco (\S+) \(.*bytes of)");
  std::smatch m;
  if (v.version.empty()) v.version = VersionFromLine(line);
  if (v.hostname.empty() && Search(line, m, kUptime)) {
    v.hostname = m[1];
    v.uptime = m[2];
  } else if (v.config_register.empty() && Search(line, m, kRegister)) {
    v.config_register = m[1];
    v.next_config_register = m[2];
  } else if (v.system_image.empty() && Search(line, m, kImage)) {
    v.system_image = m[1];
  } else if (v.model.empty() && Search(line, m, kModel)) {
    v.model = m[1];
  } else if (v.installation_mode.empty() && line.starts_with("Installation mode is ")) {
    v.installation_mode = Trim(std::string_view(line).substr(21));
  } else if (v.installation_mode.empty() && line.starts_with("*") && line.size() > 6 &&
             (line.ends_with(" INSTALL") || line.ends_with(" BUNDLE"))) {
    // The active member's row of a Catalyst 9000's "Switch Ports Model SW Version SW Image Mode".
    v.installation_mode = line.substr(line.rfind(' ') + 1);
  } else if (v.restarted_at.empty() && line.starts_with("System restarted ")) {
    const std::string_view rest = std::string_view(line).substr(17);
    v.restarted_at = std::string(rest.starts_with("at ") ? rest.substr(3) : rest);
  }
}

}  // namespace

Result<VersionFacts> ParseShowVersion(std::string_view text) {
  const std::vector<std::string> lines = Lines(text);
  VersionFacts v;
  for (const std::string& line : lines) ReadVersionLine(line, v);
  if (v.version.empty()) return Missing("show version: no \"Cisco IOS ... Version\" line", lines);
  if (v.hostname.empty()) return Missing("show version: no \"<host> uptime is\" line", lines);
  if (v.system_image.empty())
    return Missing("show version: no \"System image file is\" line", lines);
  if (v.model.empty()) return Missing("show version: no \"cisco <model> (...)\" line", lines);
  if (v.config_register.empty()) {
    return Missing("show version: no \"Configuration register is\" line", lines);
  }
  return v;
}

// --- dir / show flash:

const FlashFile* FlashListing::Find(std::string_view name) const {
  for (const FlashFile& f : files) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

namespace {

bool IsPermissions(std::string_view s) {
  return s.size() >= 3 && s.size() <= 10 && (s[0] == '-' || s[0] == 'd' || s[0] == 'l') &&
         s.find_first_not_of("-dlrwxst") == std::string_view::npos;
}

// ISR4k `show flash:` names a file by its full path ("/bootflash/x.bin"); the root itself is
// listed as "/bootflash/". Names are kept relative to the file system, as `dir` shows them.
std::string RelativeName(std::string name) {
  if (name.size() > 1 && name[0] == '/') {
    size_t second = name.find('/', 1);
    name = second == std::string::npos ? "" : name.substr(second + 1);
  }
  return name;
}

// One row of either style, or nothing when the line is not a row:
//   Catalyst/IOS-XE dir:  "    3  -rwx    12582912   Mar 5 2026 09:14:22 +00:00  name"
//   ISR show flash:       "3    521347072 Mar 05 2026 09:14:22 name" (directories end in '/')
std::optional<FlashFile> ListingRow(const std::string& line) {
  std::vector<std::string> w = Words(line);
  if (w.size() < 5 || !AllDigits(w[0])) return std::nullopt;
  FlashFile f;
  size_t size_at = 1;
  if (IsPermissions(w[1])) {
    f.directory = w[1][0] == 'd';
    size_at = w[2] == "-" ? 3 : 2;  // some captures split "-rw  -"
  }
  if (size_at + 2 >= w.size() || !AllDigits(w[size_at]) || w[size_at].size() > 19) {
    return std::nullopt;
  }
  f.size = std::stoull(w[size_at]);
  std::string name = w.back();
  if (name.size() > 1 && name.back() == '/') {
    f.directory = true;
    name.pop_back();
  }
  f.name = RelativeName(name);
  if (f.name.empty()) return std::nullopt;
  return f;
}

// "64016384 bytes total (38848512 bytes free)" / "7882080256 bytes available (65536 bytes used)"
bool ListingTrailer(const std::string& line, FlashListing& out) {
  static const std::regex kTotal(R"(^\s*(\d{1,19}) bytes total \((\d{1,19}) bytes free\))");
  static const std::regex kAvailable(R"(^\s*(\d{1,19}) bytes available \((\d{1,19}) bytes used\))");
  std::smatch m;
  if (Search(line, m, kTotal)) {
    out.free_bytes = std::stoull(m[2]);
    return true;
  }
  if (Search(line, m, kAvailable)) {
    out.free_bytes = std::stoull(m[1]);
    return true;
  }
  return false;
}

}  // namespace

Result<FlashListing> ParseDir(std::string_view text) {
  const std::vector<std::string> lines = Lines(text);
  FlashListing listing;
  bool trailer = false;
  static const std::regex kHeader(R"(^Directory of (\S+?:))");
  for (const std::string& line : lines) {
    std::smatch m;
    if (listing.file_system.empty() && Search(line, m, kHeader)) {
      listing.file_system = m[1];
    } else if (ListingTrailer(line, listing)) {
      trailer = true;
      break;
    } else if (std::optional<FlashFile> f = ListingRow(line)) {
      listing.files.push_back(std::move(*f));
    }
  }
  if (!trailer) return Missing("dir: no \"bytes total\" or \"bytes available\" line", lines);
  return listing;
}

// --- boot variables

namespace {

// "boot system switch all flash:x" (3850) and the old "boot system flash x.bin" / "boot system
// tftp x.bin 10.1.1.1" forms, in the form IOS shows the modern statement.
std::string BootTarget(std::vector<std::string> w) {
  if (w.size() >= 2 && w[0] == "switch") w.erase(w.begin(), w.begin() + 2);
  if (w.empty()) return "";
  if (w[0] == "flash" && w.size() >= 2) return "flash:" + w[1];
  if (w[0] == "tftp" && w.size() >= 3) return "tftp:" + w[1] + " " + w[2];
  std::string out = w[0];
  for (size_t i = 1; i < w.size(); ++i) out += " " + w[i];
  return out;
}

}  // namespace

std::vector<std::string> ParseBootStatements(std::string_view text) {
  std::vector<std::string> out;
  for (const std::string& line : Lines(text)) {
    std::vector<std::string> w = Words(line);
    if (w.size() < 3 || w[0] != "boot" || w[1] != "system" || line[0] == ' ') continue;
    std::string target = BootTarget({w.begin() + 2, w.end()});
    if (!target.empty()) out.push_back(target);
  }
  return out;
}

// --- verify, ping

Result<std::string> ParseVerifyDigest(std::string_view text) {
  const std::vector<std::string> lines = Lines(text);
  // "verify /md5 (flash:x) = <hex>", "Verified (flash:x) = <hex>", and on a mismatch
  // "Computed signature = <hex>": each is what the device computed.
  static const std::regex kDigest(
      R"((?:verify /(?:md5|sha512) \(.*\)|Verified \(.*\)|Computed signature)\s*=\s*([0-9A-Fa-f]+)\s*$)",
      std::regex::icase);
  for (const std::string& line : lines) {
    std::smatch m;
    if (Search(line, m, kDigest)) {
      const std::string hex = Lower(m[1]);
      if (hex.size() != 32 && hex.size() != 64 && hex.size() != 128) {
        return InvalidArgument("verify: digest of unexpected length " + std::to_string(hex.size()));
      }
      return hex;
    }
  }
  const std::string error = FirstErrorLine(lines);
  if (error.find("No such file") != std::string::npos) return NotFound(error);
  return Missing("verify: no digest in the answer", lines);
}

Result<int> ParsePingSuccessPercent(std::string_view text) {
  const std::vector<std::string> lines = Lines(text);
  static const std::regex kRate(R"(Success rate is (\d{1,3}) percent)");
  for (const std::string& line : lines) {
    std::smatch m;
    if (Search(line, m, kRate)) return std::stoi(m[1]);
  }
  return Missing("ping: no \"Success rate is\" line", lines);
}

// --- interfaces and neighbours

Result<std::vector<InterfaceState>> ParseIpInterfaceBrief(std::string_view text) {
  const std::vector<std::string> lines = Lines(text);
  std::vector<InterfaceState> out;
  bool header = false;
  for (const std::string& line : lines) {
    std::vector<std::string> w = Words(line);
    if (!header) {
      header = w.size() >= 2 && w[0] == "Interface" && w[1] == "IP-Address";
      continue;
    }
    // Interface IP-Address OK? Method Status Protocol; Status may be two words
    // ("administratively down").
    if (w.size() < 6 || (w[2] != "YES" && w[2] != "NO")) continue;
    InterfaceState s{.name = w[0], .address = w[1], .protocol = w.back()};
    for (size_t i = 4; i + 1 < w.size(); ++i) s.status += (s.status.empty() ? "" : " ") + w[i];
    out.push_back(std::move(s));
  }
  if (!header) return Missing("show ip interface brief: no \"Interface IP-Address\" header", lines);
  return out;
}

std::vector<std::string> ParseCdpNeighbors(std::string_view text) {
  std::vector<std::string> out;
  bool table = false;
  for (const std::string& line : Lines(text)) {
    if (!table) {
      table = line.starts_with("Device ID") || line.starts_with("Device-ID");
      continue;
    }
    if (line.empty() || line[0] == ' ' || line[0] == '\t') continue;  // wrapped row's rest
    if (line.starts_with("Total cdp entries") || line.starts_with("Total entries")) break;
    out.push_back(Words(line)[0]);
  }
  return out;
}

int CountRoutes(std::string_view text) {
  // "C        10.0.12.0/30 is directly connected, ...", "O IA     10.9.0.0/16 [110/2] via ...",
  // "S*       0.0.0.0/0 [1/0] via 192.168.1.254": a code in the first column, then a prefix.
  static const std::regex kRoute(R"(^[A-Za-z][A-Za-z0-9%+*]{0,2}(?:\s+(?:IA|E1|E2|N1|N2|L1|L2|ia|su))?\s+\d+\.\d+\.\d+\.\d+)");
  int routes = 0;
  for (const std::string& line : Lines(text)) {
    std::smatch m;
    if (line.starts_with("Gateway") || line.starts_with("Codes")) continue;
    if (Search(line, m, kRoute)) ++routes;
  }
  return routes;
}

std::vector<OspfNeighbor> ParseOspfNeighbors(std::string_view text) {
  // Neighbor ID  Pri  State  Dead Time  Address  Interface; the state of a neighbour on a
  // point-to-point link prints as "FULL/  -".
  static const std::regex kRow(
      R"(^\s*(\d+\.\d+\.\d+\.\d+)\s+\d+\s+([A-Z0-9]+/\s*[A-Z-]+|[A-Z0-9]+)\s+(?:\d+:\d+:\d+|-)\s+\S+\s+(\S+)$)");
  std::vector<OspfNeighbor> out;
  for (const std::string& line : Lines(text)) {
    std::smatch m;
    if (!Search(line, m, kRow)) continue;
    std::string state = m[2];
    std::erase(state, ' ');
    out.push_back({.neighbor_id = m[1], .state = state, .interface = m[3]});
  }
  return out;
}

// --- copy

std::string CopyFailure(std::string_view copy_output) {
  const std::vector<std::string> lines = Lines(copy_output);
  std::string warning;
  bool succeeded = false;
  for (const std::string& line : lines) {
    // "%Error" may follow the transfer's '!' and '.' marks on the same line.
    if (size_t at = line.find("%Error"); at != std::string::npos)
      return Quote(Trim(line.substr(at)));
    const std::string t = Trim(line);
    if (warning.empty() && t.starts_with("%Warning") &&
        t.find("file already existing") == std::string::npos) {
      warning = Quote(t);
    }
    if (t.find(" bytes copied in ") != std::string::npos || t.starts_with("[OK")) succeeded = true;
  }
  if (succeeded) return "";
  if (!warning.empty()) return warning;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    if (!Trim(*it).empty()) return "copy did not report success: " + Quote(Trim(*it));
  }
  return "copy did not report success: no output";
}

// --- before/after

namespace {

std::string UpDown(const InterfaceState& s) { return s.status + "/" + s.protocol; }
bool Working(const InterfaceState& s) { return s.status == "up" && s.protocol == "up"; }

void DiffInterfaces(const Snapshot& before, const Snapshot& after,
                    std::vector<SnapshotChange>& out) {
  auto find = [](const std::vector<InterfaceState>& v, const std::string& name) {
    auto it = std::find_if(v.begin(), v.end(), [&](const auto& s) { return s.name == name; });
    return it == v.end() ? nullptr : &*it;
  };
  for (const InterfaceState& b : before.interfaces) {
    const std::string what = "interface " + b.name;
    const InterfaceState* a = find(after.interfaces, b.name);
    if (a == nullptr) {
      out.push_back({what, UpDown(b), "missing", Working(b)});
      continue;
    }
    if (UpDown(*a) != UpDown(b))
      out.push_back({what, UpDown(b), UpDown(*a), Working(b) && !Working(*a)});
    if (a->address != b.address) {
      out.push_back({what + " address", b.address, a->address, b.address != "unassigned"});
    }
  }
  for (const InterfaceState& a : after.interfaces) {
    if (find(before.interfaces, a.name) == nullptr) {
      out.push_back({"interface " + a.name, "missing", UpDown(a), false});
    }
  }
}

std::string Presence(int links) {
  if (links == 0) return "missing";
  return links == 1 ? "present" : "present (" + std::to_string(links) + " entries)";
}

// A neighbour protocol's ids before and after, named `protocol` ("CDP", "LLDP").
void DiffNeighborIds(const std::string& protocol, const std::vector<std::string>& before,
                     const std::vector<std::string>& after, std::vector<SnapshotChange>& out) {
  // A neighbour reached over two links is listed twice; losing one link is a loss too.
  std::vector<std::pair<std::string, std::pair<int, int>>> counts;  // in order of appearance
  auto slot = [&](const std::string& id) -> std::pair<int, int>& {
    for (auto& [name, c] : counts) {
      if (name == id) return c;
    }
    return counts.emplace_back(id, std::pair<int, int>{0, 0}).second;
  };
  for (const std::string& id : before) ++slot(id).first;
  for (const std::string& id : after) ++slot(id).second;
  for (const auto& [id, c] : counts) {
    if (c.first == c.second) continue;
    out.push_back({protocol + " neighbour " + id, Presence(c.first), Presence(c.second),
                   c.second < c.first, true});
  }
}

std::string OspfWhat(const OspfNeighbor& n) {
  return "OSPF neighbour " + n.neighbor_id + (n.interface.empty() ? "" : " on " + n.interface);
}

void DiffOspf(const Snapshot& before, const Snapshot& after, std::vector<SnapshotChange>& out) {
  auto find = [](const std::vector<OspfNeighbor>& v, const OspfNeighbor& n) {
    auto it = std::find_if(v.begin(), v.end(), [&](const OspfNeighbor& o) {
      return o.neighbor_id == n.neighbor_id && o.interface == n.interface;
    });
    return it == v.end() ? nullptr : &*it;
  };
  // 2WAY is the steady state between two DROTHERs, as FULL is with the DR and BDR.
  auto adjacent = [](const std::string& state) {
    return state.starts_with("FULL") || state.starts_with("2WAY");
  };
  for (const OspfNeighbor& b : before.ospf_neighbors) {
    const OspfNeighbor* a = find(after.ospf_neighbors, b);
    if (a == nullptr) {
      out.push_back({OspfWhat(b), b.state, "missing", adjacent(b.state), true});
    } else if (a->state != b.state) {
      out.push_back({OspfWhat(b), b.state, a->state, adjacent(b.state) && !adjacent(a->state), true});
    }
  }
  for (const OspfNeighbor& a : after.ospf_neighbors) {
    if (find(before.ospf_neighbors, a) == nullptr)
      out.push_back({OspfWhat(a), "missing", a.state, false, true});
  }
}

}  // namespace

std::vector<SnapshotChange> DiffSnapshots(const Snapshot& before, const Snapshot& after) {
  std::vector<SnapshotChange> out;
  DiffInterfaces(before, after, out);
  DiffNeighborIds("CDP", before.cdp_neighbors, after.cdp_neighbors, out);
  DiffOspf(before, after, out);
  DiffNeighborIds("LLDP", before.lldp_neighbors, after.lldp_neighbors, out);
  if (before.routes >= 0 && after.routes >= 0 && before.routes != after.routes) {
    out.push_back({"routes", std::to_string(before.routes), std::to_string(after.routes),
                   after.routes < before.routes, true});
  }
  std::stable_partition(out.begin(), out.end(), [](const SnapshotChange& c) { return c.loss; });
  return out;
}

}  // namespace iosup::upgrade
