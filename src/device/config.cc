#include "device/config.h"

#include <algorithm>
#include <array>
#include <regex>
#include <sstream>

namespace iosup {

namespace {

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string JoinFirst(const std::vector<std::string>& w, size_t n) {
  std::string out;
  for (size_t i = 0; i < std::min(n, w.size()); ++i) out += (i ? " " : "") + w[i];
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix &&
         (s.size() == prefix.size() || s[prefix.size()] == ' ');
}

// How many leading words identify the setting a line makes. Lines not listed are their own key
// (the whole line): adding one never replaces another.
struct KeyRule {
  std::string_view prefix;
  size_t words;
};
constexpr std::array kKeyRules = {
    KeyRule{"hostname", 1},          KeyRule{"enable secret", 2},
    KeyRule{"enable password", 2},   KeyRule{"username", 2},
    KeyRule{"ip tftp blocksize", 3}, KeyRule{"ip tftp source-interface", 3},
    KeyRule{"ip ssh version", 3},    KeyRule{"ip domain name", 3},
    KeyRule{"ip domain-name", 2},    KeyRule{"ip default-gateway", 2},
    KeyRule{"file prompt", 2},       KeyRule{"ip scp server", 3},
    KeyRule{"config-register", 1},   KeyRule{"clock timezone", 2},
    // interface / line children
    KeyRule{"ip address", 2},        KeyRule{"description", 1},
    KeyRule{"shutdown", 1},          KeyRule{"exec-timeout", 1},
    KeyRule{"login", 1},             KeyRule{"transport input", 2},
    KeyRule{"password", 1},          KeyRule{"speed", 1},
    KeyRule{"duplex", 1},            KeyRule{"switchport mode", 2},
    KeyRule{"switchport access vlan", 3},
    // ip ssh pubkey-chain: one line per key of a user, whatever its trailing key name
    KeyRule{"key-hash", 3},
};

// Canonical placement of a new global line: IOS prints the configuration in a fixed order of
// groups. A new line goes after the last line whose group is not later than its own.
int Rank(std::string_view line) {
  struct R {
    std::string_view prefix;
    int rank;
  };
  static constexpr std::array kRanks = {
      R{"service", 20},     R{"platform", 25},     R{"hostname", 30},   R{"boot system", 40},
      R{"boot", 42},        R{"logging", 45},      R{"enable", 50},     R{"aaa", 55},
      R{"clock", 60},       R{"ip domain", 70},    R{"ip name-server", 70},
      R{"file prompt", 72}, R{"login", 74},        R{"ipv6", 76},       R{"crypto", 78},
      R{"license", 80},     R{"username", 82},     R{"redundancy", 84}, R{"spanning-tree", 86},
      R{"vlan", 88},        R{"interface", 90},    R{"router", 100},    R{"ip forward-protocol", 110},
      R{"ip http", 111},    R{"ip tftp", 112},     R{"ip route", 113},  R{"ip ssh", 114},
      R{"ip scp", 115},     R{"ip", 116},          R{"access-list", 120}, R{"snmp-server", 125},
      R{"control-plane", 130}, R{"banner", 135},   R{"line", 140},      R{"ntp", 150},
  };
  for (const R& r : kRanks) {
    if (StartsWith(line, r.prefix)) return r.rank;
  }
  return 117;  // unknown global commands: with the other global settings, before banners/lines
}

bool IsSectionHeader(std::string_view line) {
  static constexpr std::array kHeaders = {"interface", "line",        "router",   "vlan",
                                          "control-plane", "redundancy", "crypto pki", "ip access-list",
                                          "class-map", "policy-map",  "archive",  "license",
                                          "ip ssh pubkey-chain"};
  for (std::string_view h : kHeaders) {
    if (StartsWith(line, h)) return true;
  }
  return false;
}

// Sections whose children hold blocks of their own (`username X` / ` key-hash ...`). IOS prints
// them two columns deeper than other sections (children at 2, their lines at 3) and without a
// closing "!".
bool IsNestedSection(std::string_view header) { return header == "ip ssh pubkey-chain"; }

// Lines IOS never prints back although they are accepted.
bool Hidden(std::string_view child) { return child == "no shutdown"; }

bool IsDroppedOnParse(std::string_view t) {
  return t.empty() || t[0] == '!' || t == "end" || t == "boot-start-marker" ||
         t == "boot-end-marker" || StartsWith(t, "version") ||
         t.starts_with("Building configuration") || t.starts_with("Current configuration") ||
         t.starts_with("Using ") || t.starts_with("Last configuration change");
}

}  // namespace

std::string ConfigKey(std::string_view line) {
  std::string_view body = line;
  if (StartsWith(body, "no")) body.remove_prefix(3);
  std::vector<std::string> w = Words(body);
  for (const KeyRule& r : kKeyRules) {
    if (StartsWith(body, r.prefix)) return JoinFirst(w, r.words);
  }
  return JoinFirst(w, w.size());
}

std::string BootStatement::ConfigLine() const {
  switch (kind) {
    case Kind::kFile: return "boot system " + path;
    case Kind::kTftp: return "boot system tftp:" + path + " " + host;
    case Kind::kRom: return "boot system rom";
  }
  return "boot system " + path;
}

Result<BootStatement> ParseBootStatement(std::string_view args) {
  std::vector<std::string> w = Words(args);
  if (w.empty()) return InvalidArgument("boot system: nothing to boot");
  BootStatement b;
  if (w[0] == "rom") {
    b.kind = BootStatement::Kind::kRom;
    return b;
  }
  static const std::regex kTftpUrl(R"(^tftp://([^/]+)/(.+)$)");
  std::smatch m;
  if (std::regex_match(w[0], m, kTftpUrl)) {
    b.kind = BootStatement::Kind::kTftp;
    b.host = m[1];
    b.path = m[2];
    return b;
  }
  if (w[0].starts_with("tftp:") || w[0] == "tftp") {
    b.kind = BootStatement::Kind::kTftp;
    b.path = w[0] == "tftp" ? (w.size() > 1 ? w[1] : "") : w[0].substr(5);
    b.host = w[0] == "tftp" ? (w.size() > 2 ? w[2] : "") : (w.size() > 1 ? w[1] : "");
    if (b.path.empty() || b.host.empty()) return InvalidArgument("boot system tftp: file and host");
    return b;
  }
  if (w[0] == "flash" && w.size() > 1) {  // old form: boot system flash x.bin
    b.path = "flash:" + w[1];
    return b;
  }
  if (w[0].find(':') == std::string::npos) return InvalidArgument("boot system: no file system");
  b.path = w[0];
  return b;
}

Config Config::Parse(std::string_view text) {
  Config c;
  ConfigNode* section = nullptr;
  size_t child_indent = 0;  // of the section's last child: deeper lines of a nested section nest
  std::istringstream in{std::string(text)};
  for (std::string raw; std::getline(in, raw);) {
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    size_t indent = raw.find_first_not_of(' ');
    if (indent == std::string::npos) continue;
    std::string t = raw.substr(indent);
    while (!t.empty() && t.back() == ' ') t.pop_back();
    if (IsDroppedOnParse(t)) {
      if (!t.empty() && t[0] == '!') section = nullptr;
      continue;
    }
    if (indent > 0 && section != nullptr) {
      if (IsNestedSection(section->text) && !section->children.empty() && indent > child_indent) {
        section->children.back().children.push_back({t, {}});
      } else {
        section->children.push_back({t, {}});
        child_indent = indent;
      }
      continue;
    }
    c.nodes_.push_back({t, {}});
    section = IsSectionHeader(t) ? &c.nodes_.back() : nullptr;
  }
  return c;
}

Config Config::Factory(std::string_view hostname, const std::vector<std::string>& interfaces,
                       bool is_switch) {
  Config c;
  c.nodes_.push_back({"service timestamps debug datetime msec", {}});
  c.nodes_.push_back({"service timestamps log datetime msec", {}});
  c.nodes_.push_back({"hostname " + std::string(hostname), {}});
  for (const std::string& ifname : interfaces) {
    ConfigNode n{"interface " + ifname, {}};
    if (!ifname.starts_with("FastEthernet") && !ifname.starts_with("GigabitEthernet1/") &&
        !ifname.starts_with("TenGigabitEthernet")) {
      n.children.push_back({"no ip address", {}});
    }
    if (!is_switch) n.children.push_back({"shutdown", {}});
    c.nodes_.push_back(std::move(n));
  }
  c.nodes_.push_back({"line con 0", {}});
  c.nodes_.push_back({"line vty 0 4", {{"login", {}}}});
  return c;
}

std::string Config::Render(std::string_view version_line, bool boot_markers) const {
  std::string out = "!\n";
  int prev_group = -1;
  bool markers_done = !boot_markers;
  auto emit_markers = [&] {
    out += "!\nboot-start-marker\n";
    for (const ConfigNode& n : nodes_) {
      if (StartsWith(n.text, "boot system")) out += n.text + "\n";
    }
    out += "boot-end-marker\n";
    prev_group = 42;
    markers_done = true;
  };
  if (!version_line.empty()) out += std::string(version_line) + "\n";
  for (const ConfigNode& n : nodes_) {
    const int group = Rank(n.text);
    if (!markers_done && group >= 40) emit_markers();
    if (boot_markers && StartsWith(n.text, "boot system")) continue;
    if (prev_group != -1 && group != prev_group) out += "!\n";
    out += n.text + "\n";
    const std::string pad(IsNestedSection(n.text) ? 2 : 1, ' ');
    for (const ConfigNode& child : n.children) {
      if (!Hidden(child.text)) out += pad + child.text + "\n";
      for (const ConfigNode& grandchild : child.children) {
        out += pad + " " + grandchild.text + "\n";
      }
    }
    if (IsSectionHeader(n.text) && !StartsWith(n.text, "line") && !IsNestedSection(n.text)) {
      out += "!\n";
      prev_group = -1;
    } else {
      prev_group = group;
    }
  }
  if (!markers_done) emit_markers();
  out += "!\nend\n";
  return out;
}

bool Config::Has(std::string_view exact) const {
  return std::any_of(nodes_.begin(), nodes_.end(),
                     [&](const ConfigNode& n) { return n.text == exact; });
}

const ConfigNode* Config::FindByKey(std::string_view key) const {
  for (const ConfigNode& n : nodes_) {
    if (ConfigKey(n.text) == key) return &n;
  }
  return nullptr;
}

std::string Config::hostname() const {
  const ConfigNode* n = FindByKey("hostname");
  if (n == nullptr || StartsWith(n->text, "no")) return "Router";
  std::vector<std::string> w = Words(n->text);
  return w.size() > 1 ? w[1] : "Router";
}

std::vector<BootStatement> Config::boot_statements() const {
  std::vector<BootStatement> out;
  for (const ConfigNode& n : nodes_) {
    if (!StartsWith(n.text, "boot system")) continue;
    Result<BootStatement> b = ParseBootStatement(std::string_view(n.text).substr(11));
    if (b.ok()) out.push_back(*b);
  }
  return out;
}

std::optional<std::string> Config::enable_secret() const {
  const ConfigNode* n = FindByKey("enable secret");
  if (n == nullptr) return std::nullopt;
  return n->text.substr(std::string_view("enable secret ").size());
}

std::optional<std::string> Config::enable_password() const {
  const ConfigNode* n = FindByKey("enable password");
  if (n == nullptr) return std::nullopt;
  return n->text.substr(std::string_view("enable password ").size());
}

std::vector<UserConfig> Config::users() const {
  std::vector<UserConfig> out;
  for (const ConfigNode& n : nodes_) {
    std::vector<std::string> w = Words(n.text);
    if (w.size() < 2 || w[0] != "username") continue;
    UserConfig u;
    u.name = w[1];
    for (size_t i = 2; i < w.size(); ++i) {
      if (w[i] == "privilege" && i + 1 < w.size()) {
        u.privilege = std::atoi(w[++i].c_str());
      } else if (w[i] == "secret" || w[i] == "password") {
        u.is_secret = w[i] == "secret";
        std::string rest;
        for (size_t j = i + 1; j < w.size(); ++j) rest += (j > i + 1 ? " " : "") + w[j];
        // "secret PLAIN" is type 0; "secret 5 HASH" keeps its type.
        u.secret = (w.size() > i + 2 && w[i + 1].size() == 1 && std::isdigit(w[i + 1][0]))
                       ? rest
                       : "0 " + rest;
        break;
      }
    }
    out.push_back(u);
  }
  return out;
}

std::vector<SshPubkeyUser> Config::ssh_pubkey_users() const {
  std::vector<SshPubkeyUser> out;
  for (const ConfigNode& n : nodes_) {
    if (n.text != "ip ssh pubkey-chain") continue;
    for (const ConfigNode& child : n.children) {
      std::vector<std::string> w = Words(child.text);
      if (w.size() != 2 || w[0] != "username") continue;
      SshPubkeyUser user{.name = w[1]};
      for (const ConfigNode& key : child.children) {
        std::vector<std::string> k = Words(key.text);
        if (k.size() < 3 || k[0] != "key-hash") continue;
        std::string hash = k[2];
        for (char& ch : hash) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        user.key_hashes.push_back(k[1] + " " + hash);
      }
      out.push_back(std::move(user));
    }
  }
  return out;
}

std::vector<InterfaceConfig> Config::interfaces() const {
  std::vector<InterfaceConfig> out;
  for (const ConfigNode& n : nodes_) {
    if (!StartsWith(n.text, "interface")) continue;
    InterfaceConfig ic;
    ic.name = n.text.substr(10);
    for (const ConfigNode& c : n.children) {
      std::vector<std::string> w = Words(c.text);
      if (c.text == "shutdown") ic.shutdown = true;
      if (w.size() >= 2 && w[0] == "description") ic.description = c.text.substr(12);
      if (w.size() >= 4 && w[0] == "ip" && w[1] == "address") {
        ic.ip_address = w[2];
        ic.ip_mask = w[3];
      }
      if (c.text == "ip address dhcp") ic.dhcp = true;
    }
    out.push_back(ic);
  }
  return out;
}

std::optional<InterfaceConfig> Config::interface(std::string_view name) const {
  for (InterfaceConfig& ic : interfaces()) {
    if (ic.name == name) return ic;
  }
  return std::nullopt;
}

std::vector<LineConfig> Config::lines() const {
  std::vector<LineConfig> out;
  for (const ConfigNode& n : nodes_) {
    if (!StartsWith(n.text, "line")) continue;
    LineConfig lc;
    lc.name = n.text.substr(5);
    for (const ConfigNode& c : n.children) {
      std::vector<std::string> w = Words(c.text);
      if (c.text == "login local") lc.login_local = true;
      if (w.size() >= 2 && w[0] == "password") lc.password = c.text.substr(9);
      if (w.size() >= 3 && w[0] == "transport" && w[1] == "input") {
        lc.transport_input.assign(w.begin() + 2, w.end());
      }
      if (w.size() >= 2 && w[0] == "exec-timeout") {
        int minutes = std::atoi(w[1].c_str());
        int seconds = w.size() >= 3 ? std::atoi(w[2].c_str()) : 0;
        lc.exec_timeout_seconds = minutes * 60 + seconds;
      }
    }
    out.push_back(lc);
  }
  return out;
}

std::optional<int> Config::tftp_blocksize() const {
  const ConfigNode* n = FindByKey("ip tftp blocksize");
  if (n == nullptr) return std::nullopt;
  return std::atoi(Words(n->text).back().c_str());
}

std::optional<std::string> Config::tftp_source_interface() const {
  const ConfigNode* n = FindByKey("ip tftp source-interface");
  if (n == nullptr) return std::nullopt;
  return Words(n->text).back();
}

std::optional<std::string> Config::config_register_line() const {
  const ConfigNode* n = FindByKey("config-register");
  if (n == nullptr) return std::nullopt;
  return n->text;
}

void Config::Insert(ConfigNode node) {
  const int rank = Rank(node.text);
  auto pos = nodes_.end();
  for (auto it = nodes_.begin(); it != nodes_.end(); ++it) {
    if (Rank(it->text) <= rank) pos = it + 1;
  }
  nodes_.insert(pos, std::move(node));
}

void Config::SetLine(std::string_view line) {
  const std::string key = ConfigKey(line);
  for (ConfigNode& n : nodes_) {
    if (ConfigKey(n.text) == key) {
      n.text = std::string(line);
      return;
    }
  }
  Insert({std::string(line), {}});
}

bool Config::RemoveLine(std::string_view line) {
  const std::string key = ConfigKey(line);
  auto it = std::remove_if(nodes_.begin(), nodes_.end(),
                           [&](const ConfigNode& n) { return ConfigKey(n.text) == key; });
  bool removed = it != nodes_.end();
  nodes_.erase(it, nodes_.end());
  return removed;
}

void Config::AddBootStatement(const BootStatement& b) {
  std::string line = b.ConfigLine();
  if (Has(line)) return;
  auto last = nodes_.end();
  for (auto it = nodes_.begin(); it != nodes_.end(); ++it) {
    if (StartsWith(it->text, "boot system")) last = it + 1;
  }
  if (last != nodes_.end() || (!nodes_.empty() && StartsWith(nodes_.back().text, "boot system"))) {
    nodes_.insert(last, {line, {}});
  } else {
    Insert({line, {}});
  }
}

bool Config::RemoveBootStatement(const BootStatement& b) {
  std::string line = b.ConfigLine();
  auto it = std::find_if(nodes_.begin(), nodes_.end(),
                         [&](const ConfigNode& n) { return n.text == line; });
  if (it == nodes_.end()) return false;
  nodes_.erase(it);
  return true;
}

void Config::ClearBootStatements() {
  std::erase_if(nodes_, [](const ConfigNode& n) { return StartsWith(n.text, "boot system"); });
}

bool Config::HasSection(std::string_view header) const { return Has(header); }

void Config::Merge(const Config& other) {
  for (const ConfigNode& n : other.nodes_) {
    if (StartsWith(n.text, "boot system")) {
      Result<BootStatement> b = ParseBootStatement(std::string_view(n.text).substr(11));
      if (b.ok()) AddBootStatement(*b);
    } else if (IsSectionHeader(n.text)) {
      if (!HasSection(n.text)) Insert({n.text, {}});
      for (const ConfigNode& c : n.children) {
        SetSectionLine(n.text, c.text);
        for (const ConfigNode& g : c.children) SetSubsectionLine(n.text, c.text, g.text);
      }
    } else {
      SetLine(n.text);
    }
  }
}

namespace {

// `line` replaces the child with its key (the same command, another value), else is appended.
void SetChildLine(std::vector<ConfigNode>& children, std::string_view line) {
  const std::string key = ConfigKey(line);
  for (ConfigNode& c : children) {
    if (ConfigKey(c.text) == key) {
      c.text = std::string(line);
      return;
    }
  }
  children.push_back({std::string(line), {}});
}

}  // namespace

void Config::SetSectionLine(std::string_view header, std::string_view line) {
  auto it = std::find_if(nodes_.begin(), nodes_.end(),
                         [&](const ConfigNode& n) { return n.text == header; });
  if (it == nodes_.end()) {
    Insert({std::string(header), {}});
    it = std::find_if(nodes_.begin(), nodes_.end(),
                      [&](const ConfigNode& n) { return n.text == header; });
  }
  SetChildLine(it->children, line);
}

bool Config::RemoveSectionLine(std::string_view header, std::string_view line) {
  auto it = std::find_if(nodes_.begin(), nodes_.end(),
                         [&](const ConfigNode& n) { return n.text == header; });
  if (it == nodes_.end()) return false;
  const std::string key = ConfigKey(line);
  return std::erase_if(it->children,
                       [&](const ConfigNode& c) { return ConfigKey(c.text) == key; }) > 0;
}

void Config::SetSubsectionLine(std::string_view header, std::string_view child,
                               std::string_view line) {
  const std::string child_key = ConfigKey(child);
  auto find_child = [&]() -> ConfigNode* {
    for (ConfigNode& n : nodes_) {
      if (n.text != header) continue;
      for (ConfigNode& c : n.children) {
        if (ConfigKey(c.text) == child_key) return &c;
      }
    }
    return nullptr;
  };
  ConfigNode* c = find_child();
  if (c == nullptr) {
    SetSectionLine(header, child);
    c = find_child();
  }
  SetChildLine(c->children, line);
}

bool Config::RemoveSubsectionLine(std::string_view header, std::string_view child,
                                  std::string_view line) {
  const std::string child_key = ConfigKey(child), key = ConfigKey(line);
  for (ConfigNode& n : nodes_) {
    if (n.text != header) continue;
    for (ConfigNode& c : n.children) {
      if (ConfigKey(c.text) != child_key) continue;
      return std::erase_if(c.children,
                           [&](const ConfigNode& g) { return ConfigKey(g.text) == key; }) > 0;
    }
  }
  return false;
}

}  // namespace iosup
