// Global configuration mode: hostname, boot system, config-register, enable, username, ip
// settings, file prompt, service/logging lines, entering sub-modes, end/exit/do.
#include <algorithm>
#include <set>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/secrets.h"

namespace iosup {

namespace {

using cli::CommandContext;

Config& Running(CommandContext& c) { return Dev(c).running_config(); }

// Expands abbreviated keywords to the declared words, so a saved line reads as IOS prints it.
std::string Canonical(CommandContext& c) {
  std::string out;
  for (const cli::Arg& a : c.args()) out += (out.empty() ? "" : " ") + a.value;
  return out;
}

// "Gi0/0/0", "g 0/0/0", "GigabitEthernet0/0/0" -> "GigabitEthernet0/0/0"; empty if unknown.
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

void Secret(CommandContext& c, const std::string& key) {
  // "enable secret cisco" / "enable secret 0 cisco" -> type 5; "5 $1$..." kept as given.
  const std::string value = c.Var(0);
  const std::string type = c.args().size() == 4 ? c.args()[2].value : "";
  if (type == "5" || type == "9" || type == "8") {
    Running(c).SetLine(key + " " + type + " " + value);
  } else {
    Running(c).SetLine(key + " " + MakeType5Secret(value));
  }
}

void Username(CommandContext& c) {
  const std::string user = c.Var(0);
  std::string line = "username " + user;
  if (auto p = c.After("privilege")) line += " privilege " + *p;
  const bool secret = c.Has("secret");
  std::string value = c.Var(c.VarCount() - 1);
  std::optional<std::string> type = c.After(secret ? "secret" : "password");
  const bool typed = type && *type != value;
  if (secret) {
    line += " secret " + (typed && *type != "0" ? *type + " " + value : MakeType5Secret(value));
  } else {
    line += " password " + (typed ? *type : std::string("0")) + " " + value;
  }
  Running(c).SetLine(line);
}

void Remember(cli::CommandSet& set, const std::string& syntax, std::vector<std::string> help) {
  Declare(set, {"config"}, {.syntax = syntax, .help = std::move(help), .privilege = 15},
          [](CommandContext& c) { Running(c).SetLine(Canonical(c)); });
}

void Forget(cli::CommandSet& set, const std::string& syntax) {
  Declare(set, {"config"}, {.syntax = "no " + syntax, .help = {"Negate a command or set its defaults"}, .privilege = 15},
          [](CommandContext& c) {
            std::string canon = Canonical(c);
            Running(c).RemoveLine(canon.substr(3));
          });
}

}  // namespace

void RegisterConfigCommands(cli::CommandSet& set, const PlatformSpec&) {
  const std::vector<std::string> config = {"config"};
  const std::vector<std::string> all_config = {"config", "config-if", "config-line", "config-router"};
  Declare(set, config, {.syntax = "hostname WORD", .help = {"Set system's network name", "This system's network name"}, .privilege = 15},
          [](CommandContext& c) { Running(c).SetLine("hostname " + c.Var(0)); });
  Declare(set, config, {.syntax = "no hostname", .help = {"Negate a command or set its defaults", "Set system's network name"}, .privilege = 15},
          [](CommandContext& c) { Running(c).RemoveLine("hostname"); });
  Declare(set, config, {.syntax = "boot system (rom|URL [A.B.C.D])", .help = {"Modify system boot parameters", "System image file", "ROM monitor boot image", "Boot file", "Address from which to download the boot config file"}, .privilege = 15},
          [](CommandContext& c) { BootSystem(c, false); });
  Declare(set, config, {.syntax = "no boot system [(rom|URL [A.B.C.D])]", .help = {"Negate a command or set its defaults", "", "", "", "", ""}, .privilege = 15},
          [](CommandContext& c) { BootSystem(c, true); });
  Declare(set, config, {.syntax = "config-register HEX", .help = {"Define the configuration register", "Config register number"}, .privilege = 15},
          [](CommandContext& c) {
            uint16_t v = static_cast<uint16_t>(std::stoul(c.Var(0), nullptr, 16));
            Status s = Dev(c).SetConfigRegister(v);
            if (!s.ok()) c.Print("% Error setting config-register\n");
          });
  Declare(set, config, {.syntax = "enable secret [(0|5|8|9)] WORD", .help = {"Modify enable password parameters", "Assign the privileged level secret", "Specifies an UNENCRYPTED password will follow", "Specifies a MD5 HASHED secret will follow", "Specifies a PBKDF2 HASHED secret will follow", "Specifies a SCRYPT HASHED secret will follow", "The UNENCRYPTED (cleartext) 'enable' secret"}, .privilege = 15},
          [](CommandContext& c) { Secret(c, "enable secret"); });
  Declare(set, config, {.syntax = "enable password [(0|7)] WORD", .help = {"", "Assign the privileged level password", "Specifies an UNENCRYPTED password will follow", "Specifies a HIDDEN password will follow", "The UNENCRYPTED (cleartext) 'enable' password"}, .privilege = 15},
          [](CommandContext& c) {
            const bool hidden = c.args().size() == 4 && c.args()[2].value == "7";
            Running(c).SetLine("enable password " + std::string(hidden ? "7 " : "") + c.Var(0));
          });
  Forget(set, "enable (secret|password)");
  Declare(set, config, {.syntax = "username WORD [privilege <0-15>] (secret|password) [(0|5|7|9)] WORD", .help = {"Establish User Name Authentication", "User name", "Set user privilege level", "User privilege level", "Specify the secret for the user", "Specify the password for the user", "", "", "", "", "The secret or password"}, .privilege = 15},
          Username);
  Declare(set, config, {.syntax = "no username WORD", .help = {"", "Establish User Name Authentication", "User name"}, .privilege = 15},
          [](CommandContext& c) { Running(c).RemoveLine("username " + c.Var(0)); });
  Declare(set, config, {.syntax = "interface WORD [WORD]", .help = {"Select an interface to configure", "Interface type and number", "Interface number"}, .privilege = 15},
          EnterInterface);
  Declare(set, config, {.syntax = "line (console|vty) <0-15> [<0-15>]", .help = {"Configure a terminal line", "Primary terminal line", "Virtual terminal", "First Line number", "Last Line number"}, .privilege = 15},
          EnterLine);
  Declare(set, config, {.syntax = "router ospf <1-65535>", .help = {"Enable a routing process", "Open Shortest Path First (OSPF)", "Process ID"}, .privilege = 15},
          EnterRouter);
  Remember(set, "ip scp server enable", {"Global IP configuration subcommands", "Scp commands", "Configure SCP server", "Enable scp server"});
  Remember(set, "ip ssh version (1|2)", {"", "Configure ssh options", "Specify protocol version to be supported", "Protocol version 1", "Protocol version 2"});
  Remember(set, "ip domain name WORD", {"", "IP DNS Resolver", "Define the default domain name", "Default domain name"});
  Remember(set, "ip domain-name WORD", {"", "Define the default domain name", "Default domain name"});
  Remember(set, "ip default-gateway A.B.C.D", {"", "Specify default gateway (if not routing IP)", "IP address of default gateway"});
  Remember(set, "ip route A.B.C.D A.B.C.D (A.B.C.D|WORD)", {"", "Establish static routes", "Destination prefix", "Destination prefix mask", "Forwarding router's address", "Output interface"});
  Remember(set, "ip tftp blocksize <512-8192>", {"", "tftp configuration commands", "Specify TFTP client blocksize", "blocksize value"});
  Remember(set, "ip tftp source-interface WORD", {"", "", "Specify interface for source address in TFTP connections", "Interface name"});
  Remember(set, "ip http server", {"", "HTTP server configuration", "Enable HTTP server"});
  Remember(set, "file prompt (alert|noisy|quiet)", {"Adjust file system parameters", "Prompt level for file operations", "Prompt only for destructive file operations", "Confirm all file operation parameters", "Seldom prompt for file operations"});
  Remember(set, "service LINE", {"Modify use of network based services", "Service"});
  Remember(set, "logging LINE", {"Modify message logging facilities", "Logging parameters"});
  Remember(set, "clock timezone LINE", {"Configure time-of-day clock", "Configure time zone", "Name and offset"});
  // `no` takes the setting's value too, as IOS does (`no file prompt quiet`,
  // `no ip tftp source-interface Vlan1`): the line goes by its key whatever follows.
  for (const char* s : {"ip scp server enable", "ip ssh version [(1|2)]", "ip domain name [WORD]",
                        "ip domain-name [WORD]", "ip default-gateway [A.B.C.D]",
                        "ip tftp blocksize [<512-8192>]", "ip tftp source-interface [WORD]",
                        "ip http server", "file prompt [(alert|noisy|quiet)]", "service LINE",
                        "logging LINE"}) {
    Forget(set, s);
  }
  Declare(set, config, {.syntax = "no ip route A.B.C.D A.B.C.D (A.B.C.D|WORD)", .privilege = 15},
          [](CommandContext& c) { Running(c).RemoveLine(Canonical(c).substr(3)); });
  Declare(set, config, {.syntax = "no ip domain lookup", .privilege = 15},
          [](CommandContext& c) { Running(c).SetLine("no ip domain lookup"); });
  Declare(set, config, {.syntax = "no ip domain-lookup", .privilege = 15},
          [](CommandContext& c) { Running(c).SetLine("no ip domain lookup"); });
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
  Declare(set, all_config, {.syntax = "do LINE", .help = {"To run exec commands in config mode", "Exec Command"}, .privilege = 15},
          [](CommandContext& c) { c.session().Execute(c.Var(0)); });
}

}  // namespace iosup
