#include "device/standard_acl.h"

#include <cstdint>
#include <optional>
#include <sstream>
#include <vector>

#include "device/config_schema.h"

namespace iosup {

namespace {

std::optional<uint32_t> ParseIpv4(const std::string& text) {
  uint32_t value = 0;
  int parts = 0;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, '.');) {
    if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    const int octet = std::stoi(part);
    if (octet > 255) return std::nullopt;
    value = value << 8 | static_cast<uint32_t>(octet);
    ++parts;
  }
  if (parts != 4) return std::nullopt;
  return value;
}

// One entry's words from its action on: "permit host A", "deny 10.0.0.0 0.0.0.255", "permit any
// log". Returns the action when the entry matches `address`.
std::optional<bool> Match(const std::vector<std::string>& w, size_t at, uint32_t address) {
  if (at + 1 >= w.size() || (w[at] != "permit" && w[at] != "deny")) return std::nullopt;
  const bool permit = w[at] == "permit";
  if (w[at + 1] == "any") return permit;
  const bool host = w[at + 1] == "host";
  const size_t addr_at = host ? at + 2 : at + 1;
  if (addr_at >= w.size()) return std::nullopt;
  std::optional<uint32_t> base = ParseIpv4(w[addr_at]);
  std::optional<uint32_t> wildcard = uint32_t{0};
  if (!host && addr_at + 1 < w.size() && w[addr_at + 1] != "log") {
    wildcard = ParseIpv4(w[addr_at + 1]);
  }
  if (!base || !wildcard) return std::nullopt;
  if ((address & ~*wildcard) != (*base & ~*wildcard)) return std::nullopt;
  return permit;
}

}  // namespace

bool StandardAclPermits(const Config& config, const std::string& name, const std::string& address) {
  const std::optional<uint32_t> source = ParseIpv4(address);
  if (!source) return false;
  const std::string named = "ip access-list standard " + name;
  for (const ConfigNode& n : config.nodes()) {
    if (n.text == named) {
      for (const ConfigNode& entry : n.children) {
        const std::vector<std::string> w = ConfigWords(entry.text);
        const bool numbered = !w.empty() && w[0].find_first_not_of("0123456789") == std::string::npos;
        const size_t at = numbered ? 1 : 0;  // "10 permit any": a sequence number first
        if (std::optional<bool> m = Match(w, at, *source)) return *m;
      }
      return false;
    }
    const std::vector<std::string> w = ConfigWords(n.text);
    if (w.size() < 3 || w[0] != "access-list" || w[1] != name) continue;
    if (std::optional<bool> m = Match(w, 2, *source)) return *m;
  }
  return false;
}

std::string CanonicalStandardEntry(std::string_view entry) {
  std::vector<std::string> w = ConfigWords(entry);
  const size_t at = !w.empty() && w[0].find_first_not_of("0123456789") == std::string::npos ? 1 : 0;
  if (w.size() < at + 2 || (w[at] != "permit" && w[at] != "deny")) return std::string(entry);
  if (w[at + 1] == "host") {
    w.erase(w.begin() + static_cast<long>(at) + 1);
  } else if (w.size() > at + 2 && w[at + 2] == "0.0.0.0") {
    w.erase(w.begin() + static_cast<long>(at) + 2);
  }
  std::string out;
  for (const std::string& word : w) out += (out.empty() ? "" : " ") + word;
  return out;
}

}  // namespace iosup
