// Global configuration mode. Every configuration command of the model (config_schema.h) is
// declared here from its row, with one handler for the line and one for its `no` form; the
// commands below are the ones with handlers of their own: boot system (ordered fallback list),
// config-register (a device register), interface/line/router (names canonicalised), crypto
// key, ip access-list resequence, end/exit/do.
#include <algorithm>
#include <memory>
#include <set>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/config_schema.h"
#include "device/secrets.h"

namespace iosup {

std::string CanonicalInterface(const PlatformSpec& p, std::string typed) {
  std::erase(typed, ' ');
  size_t digits = typed.find_first_of("0123456789");
  if (digits == 0 || digits == std::string::npos) return "";
  std::string type = typed.substr(0, digits), number = typed.substr(digits);
  std::set<std::string> types = {"Loopback", "Vlan", "Tunnel", "Port-channel"};
  const std::vector<std::string> names = InterfaceNames(p);
  for (const std::string& n : names) types.insert(n.substr(0, n.find_first_of("0123456789")));
  std::string match;
  for (const std::string& t : types) {
    if (t.size() >= type.size() &&
        std::equal(type.begin(), type.end(), t.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      if (!match.empty() && t.size() != type.size()) return "";  // ambiguous abbreviation
      match = t;
    }
  }
  if (match.empty()) return "";
  std::string name = match + number;
  const bool creatable = match == "Loopback" || match == "Vlan" || match == "Tunnel" ||
                         match == "Port-channel";
  if (!creatable && std::find(names.begin(), names.end(), name) == names.end()) return "";
  return name;
}

namespace {

using cli::CommandContext;

Config& Running(CommandContext& c) { return Dev(c).running_config(); }

// Expands abbreviated keywords to the declared words, so a saved line reads as IOS prints it.
std::string Canonical(CommandContext& c) {
  std::string out;
  for (const cli::Arg& a : c.args()) out += (out.empty() ? "" : " ") + a.value;
  return out;
}

void EnterInterface(CommandContext& c) {
  std::string typed = c.Var(0) + (c.VarCount() > 1 ? c.Var(1) : "");
  std::string name = CanonicalInterface(Dev(c).platform(), typed);
  if (name.empty()) {
    c.Print("%Invalid interface type and number\n");
    return;
  }
  const std::string header = "interface " + name;
  if (!Running(c).HasSection(header)) Running(c).SetSectionLine(header, "no ip address");
  DevSession(c).set_section(header);
  c.session().SetMode("config-if");
}

void EnterLine(CommandContext& c) {
  std::string header = "line " + std::string(c.Has("console") ? "con" : "vty") + " " + c.Var(0);
  if (c.VarCount() > 1) header += " " + c.Var(1);
  if (!Running(c).HasSection(header)) Running(c).SetSectionLine(header, "login");
  DevSession(c).set_section(header);
  c.session().SetMode("config-line");
}

void EnterRouter(CommandContext& c) {
  const std::string header = "router ospf " + c.Var(0);
  if (!Running(c).HasSection(header)) Running(c).SetLine(header);
  DevSession(c).set_section(header);
  c.session().SetMode("config-router");
}

void BootSystem(CommandContext& c, bool remove) {
  // Everything after the "system" keyword, as matched.
  std::string words;
  bool after = false;
  for (const cli::Arg& a : c.args()) {
    if (after) words += (words.empty() ? "" : " ") + a.value;
    if (a.is_keyword() && a.value == "system") after = true;
  }
  if (remove && words.empty()) return Running(c).ClearBootStatements();
  Result<BootStatement> b = ParseBootStatement(words);
  if (!b.ok()) {
    c.Print("% Invalid boot system specification\n");
    return;
  }
  if (remove) {
    Running(c).RemoveBootStatement(*b);
  } else {
    Running(c).AddBootStatement(*b);
  }
}

// `no interface Loopback1`: a created interface goes, with its configuration. Physical ones stay.
void NoInterface(CommandContext& c) {
  std::string typed = c.Var(0) + (c.VarCount() > 1 ? c.Var(1) : "");
  std::string name = CanonicalInterface(Dev(c).platform(), typed);
  if (name.empty()) {
    c.Print("%Invalid interface type and number\n");
    return;
  }
  const std::vector<std::string> names = InterfaceNames(Dev(c).platform());
  if (std::find(names.begin(), names.end(), name) != names.end()) return;
  Running(c).RemoveLine("interface " + name);
}

// The header of the section a row's lines belong to: "" for global rows.
std::string SectionOf(CommandContext& c, const ConfigRow& row) {
  return row.mode == "config" ? "" : DevSession(c).section();
}

// Whether `row` belongs to a block inside a section (a policy-map's class): its mode is entered
// by a section row that is itself a section's child.
bool InSubsection(const ConfigRow& row) {
  for (const ConfigRow& r : ConfigRows()) {
    if (r.kind == ConfigKind::kSection && r.submode == row.mode && r.mode != "config") return true;
  }
  return false;
}

// Reads banner text up to its delimiter, line by line, as IOS does after `banner motd #`.
void CollectBanner(CommandContext& c, std::shared_ptr<std::string> text, std::string delimiter,
                   std::string section) {
  c.Ask({.kind = cli::Question::Kind::kLine},
        [text, delimiter, section](CommandContext& c, const std::string& line) {
          const size_t end = line.find(delimiter);
          *text += "\n" + line.substr(0, end);
          if (end == std::string::npos) return CollectBanner(c, text, delimiter, section);
          (void)Running(c).Apply(section, *text + "^C");
        });
}

// `banner motd #text#`, or `banner motd #` then lines until the one holding the delimiter.
// Stored as IOS prints it, between ^C.
void Banner(CommandContext& c, const ConfigRow& row, const std::string& line) {
  std::vector<std::string> w = ConfigWords(line);
  const size_t at = line.find(' ', line.find(w[1]));
  const std::string body = line.substr(at + 1);
  const std::string delimiter = body.starts_with("^C") ? "^C" : body.substr(0, 1);
  const std::string rest = body.substr(delimiter.size());
  auto text = std::make_shared<std::string>(w[0] + " " + w[1] + " ^C" + rest);
  const size_t end = rest.find(delimiter);
  if (end != std::string::npos) {
    (void)Running(c).Apply(SectionOf(c, row), w[0] + " " + w[1] + " ^C" + rest.substr(0, end) + "^C");
    return;
  }
  c.Print("Enter TEXT message.  End with the character '" + delimiter + "'.\n");
  CollectBanner(c, text, delimiter, SectionOf(c, row));
}

// The one handler of every row: the line as IOS stores it goes into the model; a section header
// also enters its sub-mode.
void ApplyRow(CommandContext& c, const ConfigRow& row) {
  std::string line = Canonical(c);
  if (row.normalize != nullptr) line = row.normalize(line);
  if (row.kind == ConfigKind::kBanner) return Banner(c, row, line);
  if (InSubsection(row)) {
    return Running(c).SetSubsectionLine(DevSession(c).section(), DevSession(c).subsection(), line);
  }
  Status s = Running(c).Apply(SectionOf(c, row), line);
  if (!s.ok()) c.Print(s.message() + "\n");
  if (row.kind == ConfigKind::kSection) {
    (row.mode == "config" ? DevSession(c).set_section(line) : DevSession(c).set_subsection(line));
    c.session().SetMode(row.submode);
  }
}

// The one `no` handler: the words after "no" name the line(s) by their key.
void NegateRow(CommandContext& c, const ConfigRow& row) {
  std::string line = Canonical(c).substr(3);
  if (row.kind == ConfigKind::kSection && row.normalize != nullptr) line = row.normalize(line);
  if (InSubsection(row)) {
    Running(c).RemoveSubsectionLine(DevSession(c).section(), DevSession(c).subsection(), line);
    return;
  }
  (void)Running(c).Negate(SectionOf(c, row), line);
}

// The `no` form of a row: its own, or "no" + the key's words + whatever IOS lets follow.
std::string NoSyntax(const ConfigRow& row) {
  if (!row.no_syntax.empty()) return row.no_syntax;
  if (row.key_words == 0) return row.syntax;
  std::string out = row.match;
  const int match_words = static_cast<int>(ConfigWords(row.match).size());
  for (int i = match_words; i < row.key_words; ++i) out += " WORD";
  return out + " [LINE]";
}

// The help of a `no` form: the positive form's, for the words they share.
std::vector<std::string> NoHelp(const ConfigRow& row, const std::string& no_syntax) {
  std::string shared = no_syntax.substr(0, no_syntax.find('['));
  for (char& ch : shared) ch = (ch == '(' || ch == ')' || ch == '|') ? ' ' : ch;
  const size_t n = std::min(ConfigWords(shared).size(), row.help.size());
  std::vector<std::string> help = {"Negate a command or set its defaults"};
  help.insert(help.end(), row.help.begin(), row.help.begin() + static_cast<long>(n));
  return help;
}

bool OnPlatform(const ConfigRow& row, const PlatformSpec& p) {
  return row.platforms == ConfigPlatforms::kAll ||
         (row.platforms == ConfigPlatforms::kSwitch) == p.is_switch();
}

// Every row of the model with a syntax, in its mode, and its `no` form.
void DeclareRows(cli::CommandSet& set, const PlatformSpec& platform) {
  std::set<std::pair<std::string, std::string>> declared_no;
  for (const ConfigRow& row : ConfigRows()) {
    if (row.syntax.empty() || !OnPlatform(row, platform)) continue;
    Declare(set, {row.mode}, {.syntax = row.syntax, .help = row.help, .privilege = 15},
            [&row](CommandContext& c) { ApplyRow(c, row); });
    const std::string no = NoSyntax(row);
    if (!declared_no.insert({row.mode, no}).second) continue;
    Declare(set, {row.mode}, {.syntax = "no " + no, .help = NoHelp(row, no), .privilege = 15},
            [&row](CommandContext& c) { NegateRow(c, row); });
  }
}

}  // namespace

void RegisterConfigCommands(cli::CommandSet& set, const PlatformSpec& platform) {
  const std::vector<std::string> config = {"config"};
  const std::vector<std::string> all_config = {"config", "config-if", "config-line", "config-router", "config-std-nacl", "config-ext-nacl", "config-archive", "config-cmap", "config-pmap", "config-pmap-c", "config-vlan"};
  Declare(set, config, {.syntax = "boot system (rom|URL [A.B.C.D])", .help = {"Modify system boot parameters", "System image file", "ROM monitor boot image", "Boot file", "Address from which to download the boot config file"}, .privilege = 15},
          [](CommandContext& c) { BootSystem(c, false); });
  if (platform.is_switch() && platform.id != "C2960") {  // stackable: boot system switch all|N
    Declare(set, config, {.syntax = "boot system switch (all|<1-9>) URL", .help = {"Modify system boot parameters", "System image file", "Set the boot image for switches in the stack", "Apply to all switches in the stack", "Switch number", "Boot file"}, .privilege = 15},
            [](CommandContext& c) { BootSystem(c, false); });
  }
  Declare(set, config, {.syntax = "no boot system [(rom|URL [A.B.C.D])]", .help = {"Negate a command or set its defaults", "", "", "", "", ""}, .privilege = 15},
          [](CommandContext& c) { BootSystem(c, true); });
  Declare(set, config, {.syntax = "config-register HEX", .help = {"Define the configuration register", "Config register number"}, .privilege = 15},
          [](CommandContext& c) {
            uint16_t v = static_cast<uint16_t>(std::stoul(c.Var(0), nullptr, 16));
            Status s = Dev(c).SetConfigRegister(v);
            if (!s.ok()) c.Print("% Error setting config-register\n");
          });
  Declare(set, config, {.syntax = "interface WORD [WORD]", .help = {"Select an interface to configure", "Interface type and number", "Interface number"}, .privilege = 15},
          EnterInterface);
  Declare(set, config, {.syntax = "line (console|vty) <0-15> [<0-15>]", .help = {"Configure a terminal line", "Primary terminal line", "Virtual terminal", "First Line number", "Last Line number"}, .privilege = 15},
          EnterLine);
  Declare(set, config, {.syntax = "router ospf <1-65535>", .help = {"Enable a routing process", "Open Shortest Path First (OSPF)", "Process ID"}, .privilege = 15},
          EnterRouter);
  Declare(set, config, {.syntax = "no interface WORD [WORD]", .help = {"Negate a command or set its defaults", "Select an interface to configure", "Interface type and number", "Interface number"}, .privilege = 15},
          NoInterface);
  Declare(set, config, {.syntax = "ip access-list resequence WORD <1-2147483647> <1-2147483647>", .help = {"", "", "Resequence Access List", "Access-list name", "Starting Sequence Number", "Step to increment the sequence number"}, .privilege = 15},
          [](CommandContext& c) {
            (void)Running(c).Resequence(c.Var(0), std::stoi(c.Var(1)), std::stoi(c.Var(2)));
          });
  DeclareRows(set, platform);
  Declare(set, config, {.syntax = "crypto key generate rsa [modulus <360-4096>]", .help = {"Encryption module", "Crypto key commands", "Generate new keys", "Generate RSA keys", "Specify the key modulus", "Modulus size"}, .privilege = 15},
          [](CommandContext& c) {
            std::string bits = c.After("modulus").value_or("2048");
            c.Print("The name for the keys will be: " + Dev(c).hostname() + "\n\n% The key modulus size is " +
                    bits + " bits\n% Generating " + bits +
                    " bit RSA keys, keys will be non-exportable...\n[OK] (elapsed time was 1 seconds)\n\n");
          });
  Declare(set, all_config, {.syntax = "end", .help = {"Exit from configure mode"}, .privilege = 15},
          [](CommandContext& c) { c.session().SetMode("exec"); });
  Declare(set, config, {.syntax = "exit", .help = {"Exit from configure mode"}, .privilege = 15},
          [](CommandContext& c) { c.session().SetMode("exec"); });
  Declare(set, all_config, {.syntax = "do LINE", .help = {"To run exec commands in config mode", "Exec Command"}, .privilege = 15, .passes_pipe = true},
          [](CommandContext& c) {
            const std::string command = c.Var(0);
            const size_t at = c.line().find(command, 2);  // after "do"
            c.session().Execute(command, at == std::string::npos ? 0 : at);
          });
}

}  // namespace iosup
