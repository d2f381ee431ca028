#include "device/config.h"

#include <algorithm>
#include <regex>
#include <sstream>
#include <utility>

#include "device/config_edit.h"
#include "device/config_schema.h"

namespace iosup {

namespace {

using config_edit::GroupOf;
using config_edit::IsSection;

constexpr std::string_view kGlobal = "config";

std::vector<std::string> Words(std::string_view s) { return ConfigWords(s); }
bool StartsWith(std::string_view s, std::string_view prefix) { return StartsWithWords(s, prefix); }

bool IsNested(const ConfigNode& n) {
  const ConfigRow* r = FindConfigRow(kGlobal, n.text);
  return r != nullptr && r->nested;
}

bool BangAfter(const ConfigNode& n) {
  const ConfigRow* r = FindConfigRow(kGlobal, n.text);
  if (r != nullptr && r->kind == ConfigKind::kSection) return r->bang_after && !r->nested;
  return !n.children.empty();
}

bool IsDroppedOnParse(std::string_view t) {
  return t.empty() || t[0] == '!' || t == "end" || t == "boot-start-marker" ||
         t == "boot-end-marker" || StartsWith(t, "version") ||
         t.starts_with("Building configuration") || t.starts_with("Current configuration") ||
         t.starts_with("Using ") || t.starts_with("Last configuration change");
}

// A banner's delimiter: what follows "banner TYPE ", "^C" as IOS prints it or the character typed.
std::string BannerDelimiter(std::string_view line) {
  std::vector<std::string> w = Words(line);
  if (w.size() < 3 || w[0] != "banner") return "";
  const size_t at = line.find(w[2], line.find(w[1]) + w[1].size());
  return line.substr(at, 2) == "^C" ? "^C" : std::string(line.substr(at, 1));
}

// Whether `text` (a banner line as far as read) is complete: its delimiter appears twice.
bool BannerComplete(std::string_view text) {
  const std::string d = BannerDelimiter(text);
  const size_t first = text.find(d, text.find(Words(text)[1]) + Words(text)[1].size());
  return text.find(d, first + d.size()) != std::string_view::npos;
}

// The default lines of `mode` that `nodes` leaves unset, merged in at their groups.
std::vector<ConfigNode> WithDefaults(const std::vector<ConfigNode>& nodes, std::string_view mode) {
  std::vector<ConfigNode> out = nodes;
  for (const ConfigRow& r : ConfigRows()) {
    if (r.mode != mode || r.default_line.empty()) continue;
    const std::string key = LineKey(&r, r.default_line);
    const bool set = std::any_of(nodes.begin(), nodes.end(), [&](const ConfigNode& n) {
      return config_edit::NodeKey(mode, n.text) == key;
    });
    const bool listed = std::any_of(out.begin(), out.end(), [&](const ConfigNode& n) {
      return n.text == r.default_line;
    });
    if (!set && !listed) config_edit::InsertByGroup(out, mode, {r.default_line, {}});
  }
  return out;
}

// A section's children, indented `pad` columns, as IOS prints them.
void RenderChildren(const ConfigNode& section, const RenderOptions& o, std::string& out) {
  const std::string mode = SectionMode(section.text);
  const std::string pad(IsNested(section) ? 2 : 1, ' ');
  const std::vector<ConfigNode> children =
      o.defaults ? WithDefaults(section.children, mode) : section.children;
  for (const ConfigNode& child : children) {
    const ConfigRow* r = FindConfigRow(mode, child.text);
    if (!o.defaults && r != nullptr && child.text == r->default_line) continue;
    std::string_view text = child.text;
    if (r != nullptr && r->kind == ConfigKind::kSequenced && !o.acl_sequence_numbers) {
      text = config_edit::WithoutSequence(text);
    }
    out += pad + (o.legacy_spellings ? LegacySpelling(mode, text) : std::string(text)) + "\n";
    for (const ConfigNode& grandchild : child.children) out += pad + " " + grandchild.text + "\n";
  }
}

}  // namespace

std::string BootStatement::ConfigLine() const {
  switch (kind) {
    case Kind::kFile: return "boot system " + (switches.empty() ? "" : "switch " + switches + " ") + path;
    case Kind::kTftp: return "boot system tftp:" + path + " " + host;
    case Kind::kRom: return "boot system rom";
  }
  return "boot system " + path;
}

Result<BootStatement> ParseBootStatement(std::string_view args) {
  std::vector<std::string> w = Words(args);
  BootStatement b;
  if (w.size() >= 3 && w[0] == "switch") {  // boot system switch all|N flash:x.bin
    b.switches = w[1];
    w.erase(w.begin(), w.begin() + 2);
    if (w[0].find(':') == std::string::npos) return InvalidArgument("boot system: no file system");
  }
  if (w.empty()) return InvalidArgument("boot system: nothing to boot");
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
  size_t child_indent = 0;  // of the section's last child: deeper lines nest under that child
  std::istringstream in{std::string(text)};
  for (std::string raw; std::getline(in, raw);) {
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (raw.starts_with("banner ") && !BannerDelimiter(raw).empty()) {
      std::string banner = raw;
      for (std::string more; !BannerComplete(banner) && std::getline(in, more);) {
        if (!more.empty() && more.back() == '\r') more.pop_back();
        banner += "\n" + more;
      }
      // A banner the text never closes ends with the text: closed here, so that what is saved
      // reads back as the same banner instead of swallowing the lines saved after it.
      if (!BannerComplete(banner)) banner += "\n" + BannerDelimiter(banner);
      c.nodes_.push_back({banner, {}});
      section = nullptr;
      continue;
    }
    // Blanks and carriage returns at either end are not part of a line (a CRLF file, a line of
    // stray blanks); a line of nothing else is no line.
    const size_t indent = raw.find_first_not_of(' ');
    const size_t last = raw.find_last_not_of(" \r");
    if (indent == std::string::npos || last == std::string::npos || last < indent) continue;
    std::string t = raw.substr(indent, last + 1 - indent);
    if (IsDroppedOnParse(t)) {
      if (!t.empty() && t[0] == '!') section = nullptr;
      continue;
    }
    if (indent == 0 || section == nullptr) t = CanonicalSpelling(kGlobal, t);
    if (indent > 0 && section != nullptr) {
      if (!section->children.empty() && indent > child_indent) {
        section->children.back().children.push_back({t, {}});
      } else {
        section->children.push_back({t, {}});
        child_indent = indent;
      }
      continue;
    }
    c.nodes_.push_back({t, {}});
    section = &c.nodes_.back();
  }
  for (ConfigNode& n : c.nodes_) config_edit::NumberEntries(n.children, SectionMode(n.text));
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
  return Render(RenderOptions{.version_line = std::string(version_line), .boot_markers = boot_markers});
}

std::string Config::Render(const RenderOptions& o) const {
  std::string out = "!\n";
  int prev_group = -1;
  bool markers_done = !o.boot_markers;
  auto emit_markers = [&] {
    out += "!\nboot-start-marker\n";
    for (const ConfigNode& n : nodes_) {
      if (StartsWith(n.text, "boot system")) out += n.text + "\n";
    }
    out += "boot-end-marker\n";
    prev_group = 42;
    markers_done = true;
  };
  if (!o.version_line.empty()) out += o.version_line + "\n";
  std::vector<ConfigNode> shown = o.defaults ? WithDefaults(nodes_, kGlobal) : nodes_;
  if (!o.unset_hostname.empty() && FindByKey("hostname") == nullptr) {
    config_edit::InsertByGroup(shown, kGlobal, {"hostname " + o.unset_hostname, {}});
  }
  for (const ConfigNode& n : shown) {
    const int group = GroupOf(kGlobal, n.text);
    if (!markers_done && group >= 40) emit_markers();
    if (o.boot_markers && StartsWith(n.text, "boot system")) continue;
    const ConfigRow* r = FindConfigRow(kGlobal, n.text);
    if (!o.defaults && r != nullptr && n.text == r->default_line) continue;
    if (prev_group != -1 && group != prev_group) out += "!\n";
    out += (o.legacy_spellings ? LegacySpelling(kGlobal, n.text) : n.text) + "\n";
    RenderChildren(n, o, out);
    if (BangAfter(n)) {
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

std::optional<std::string> Config::RenderSection(std::string_view header,
                                                 const RenderOptions& options) const {
  const ConfigNode* n = Section(header);
  if (n == nullptr) return std::nullopt;
  std::string out = n->text + "\n";
  RenderChildren(*n, options, out);
  return out;
}

const ConfigNode* Config::Section(std::string_view header) const {
  for (const ConfigNode& n : nodes_) {
    if (n.text == header) return &n;
  }
  return nullptr;
}

ConfigNode* Config::MutableSection(std::string_view header) {
  return const_cast<ConfigNode*>(std::as_const(*this).Section(header));
}

ConfigNode& Config::EnsureSection(std::string_view header) {
  if (ConfigNode* n = MutableSection(header)) return *n;
  config_edit::InsertByGroup(nodes_, kGlobal, {std::string(header), {}});
  return *MutableSection(header);
}

Status Config::Apply(std::string_view section, std::string_view line) {
  if (section.empty()) return config_edit::ApplyLine(nodes_, kGlobal, line);
  ConfigNode& s = EnsureSection(section);
  return config_edit::ApplyLine(s.children, SectionMode(section), line);
}

Status Config::Negate(std::string_view section, std::string_view line) {
  if (section.empty()) return config_edit::NegateLine(nodes_, kGlobal, line);
  ConfigNode* s = MutableSection(section);
  if (s == nullptr) return NotFound("no such section");
  return config_edit::NegateLine(s->children, SectionMode(section), line);
}

Status Config::Resequence(std::string_view acl_name, int start, int step) {
  for (const char* kind : {"standard", "extended"}) {
    ConfigNode* s = MutableSection("ip access-list " + std::string(kind) + " " + std::string(acl_name));
    if (s == nullptr) continue;
    config_edit::Renumber(s->children, start, step);
    return Status::Ok();
  }
  return NotFound("no such access list");
}

void Config::SetLine(std::string_view line) { (void)Apply("", line); }

bool Config::RemoveLine(std::string_view line) {
  std::string_view body = StartsWith(line, "no") ? line.substr(3) : line;
  const std::string key = config_edit::NodeKey(kGlobal, body);
  return std::erase_if(nodes_, [&](const ConfigNode& n) {
           return config_edit::NodeKey(kGlobal, n.text) == key;
         }) > 0;
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
    config_edit::InsertByGroup(nodes_, kGlobal, {line, {}});
  }
}

bool Config::RemoveBootStatement(const BootStatement& b) {
  // The same file whichever switches of a stack the line names (BootStatement::operator==).
  auto it = std::find_if(nodes_.begin(), nodes_.end(), [&](const ConfigNode& n) {
    if (!StartsWith(n.text, "boot system")) return false;
    Result<BootStatement> stored = ParseBootStatement(std::string_view(n.text).substr(11));
    return stored.ok() && *stored == b;
  });
  if (it == nodes_.end()) return false;
  nodes_.erase(it);
  return true;
}

void Config::ClearBootStatements() {
  std::erase_if(nodes_, [](const ConfigNode& n) { return StartsWith(n.text, "boot system"); });
}

bool Config::HasSection(std::string_view header) const { return Section(header) != nullptr; }

void Config::Merge(const Config& other) {
  for (const ConfigNode& n : other.nodes_) {
    if (StartsWith(n.text, "boot system")) {
      Result<BootStatement> b = ParseBootStatement(std::string_view(n.text).substr(11));
      if (b.ok()) AddBootStatement(*b);
    } else if (IsSection(kGlobal, n)) {
      EnsureSection(n.text);
      for (const ConfigNode& c : n.children) {
        (void)Apply(n.text, c.text);
        for (const ConfigNode& g : c.children) SetSubsectionLine(n.text, c.text, g.text);
      }
    } else {
      (void)Apply("", n.text);
    }
  }
}

void Config::SetSectionLine(std::string_view header, std::string_view line) {
  (void)Apply(header, line);
}

bool Config::RemoveSectionLine(std::string_view header, std::string_view line) {
  ConfigNode* s = MutableSection(header);
  if (s == nullptr) return false;
  const std::string mode = SectionMode(header);
  const std::string key = config_edit::NodeKey(mode, line);
  return std::erase_if(s->children, [&](const ConfigNode& c) {
           return config_edit::NodeKey(mode, c.text) == key;
         }) > 0;
}

namespace {

// The child of `section` with the key of `child`, or nullptr.
ConfigNode* FindChild(ConfigNode& section, std::string_view child) {
  const std::string mode = SectionMode(section.text);
  const std::string key = config_edit::NodeKey(mode, child);
  for (ConfigNode& c : section.children) {
    if (config_edit::NodeKey(mode, c.text) == key) return &c;
  }
  return nullptr;
}

std::string ChildMode(std::string_view header, std::string_view child) {
  const ConfigRow* r = FindConfigRow(SectionMode(header), child);
  return r != nullptr ? r->submode : "";
}

}  // namespace

void Config::SetSubsectionLine(std::string_view header, std::string_view child,
                               std::string_view line) {
  ConfigNode& s = EnsureSection(header);
  ConfigNode* c = FindChild(s, child);
  if (c == nullptr) {
    (void)Apply(header, child);
    c = FindChild(s, child);
  }
  (void)config_edit::ApplyLine(c->children, ChildMode(header, child), line);
}

bool Config::RemoveSubsectionLine(std::string_view header, std::string_view child,
                                  std::string_view line) {
  ConfigNode* s = MutableSection(header);
  ConfigNode* c = s != nullptr ? FindChild(*s, child) : nullptr;
  if (c == nullptr) return false;
  const std::string mode = ChildMode(header, child);
  const std::string key = config_edit::NodeKey(mode, line);
  return std::erase_if(c->children, [&](const ConfigNode& g) {
           return config_edit::NodeKey(mode, g.text) == key;
         }) > 0;
}

}  // namespace iosup
