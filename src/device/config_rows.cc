// The global configuration commands of the model (see config_schema.h for what a row says).
// Groups follow the order of IOS's running-config: service, hostname, boot, logging, enable,
// aaa, clock, ip domain, file, login, crypto, license, username, archive, spanning-tree, vlan,
// class/policy-map, interface, router, ip (forward-protocol, http, tftp, route, ssh, scp),
// ip access-list, access-list, snmp-server, control-plane, banner, line, ntp.
#include <cctype>

#include "device/config_schema.h"
#include "device/secrets.h"

namespace iosup {

namespace {

using K = ConfigKind;

std::string Join(const std::vector<std::string>& w, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < w.size(); ++i) out += (out.empty() ? "" : " ") + w[i];
  return out;
}

bool IsType(const std::string& w, std::string_view types) {
  return w.size() == 1 && types.find(w[0]) != std::string_view::npos;
}

// "enable secret cisco" / "enable secret 0 cisco" -> "enable secret 5 $1$..."; a typed hash of
// type 5, 8 or 9 is kept as given.
std::string EnableSecret(std::string_view typed) {
  std::vector<std::string> w = ConfigWords(typed);
  if (w.size() == 4 && IsType(w[2], "589")) return Join(w);
  return "enable secret " + MakeType5Secret(w.back());
}

// "enable password 0 x" -> "enable password x"; type 7 is kept.
std::string EnablePassword(std::string_view typed) {
  std::vector<std::string> w = ConfigWords(typed);
  if (w.size() == 4 && w[2] == "0") return "enable password " + w[3];
  return Join(w);
}

// `username X [privilege N] [view V] [algorithm-type T] (secret|password) [TYPE] VALUE`, as
// IOS keeps it: a clear secret hashed (type 5: the emulator has no scrypt/sha256), a clear
// password marked type 0, algorithm-type folded into the secret.
std::string Username(std::string_view typed) {
  std::vector<std::string> w = ConfigWords(typed);
  std::string out = "username " + w[1];
  for (size_t i = 2; i < w.size(); ++i) {
    if (w[i] == "algorithm-type") {
      ++i;
      continue;
    }
    if (w[i] == "secret" || w[i] == "password") {
      const bool secret = w[i] == "secret";
      const bool typed_kind = i + 2 < w.size() && IsType(w[i + 1], secret ? "0589" : "07");
      const std::string value = Join(w, typed_kind ? i + 2 : i + 1);
      const std::string type = typed_kind ? w[i + 1] : "0";
      if (secret) return out + " secret " + (type == "0" ? MakeType5Secret(value) : type + " " + value);
      return out + " password " + type + " " + value;
    }
    out += " " + w[i];
  }
  return out;
}

// `logging 10.1.1.1` is IOS's shorthand for `logging host 10.1.1.1`.
std::string LoggingHost(std::string_view typed) {
  std::vector<std::string> w = ConfigWords(typed);
  if (w.size() >= 2 && w[1] != "host") w.insert(w.begin() + 1, "host");
  return Join(w);
}

const std::string kLevels =
    "(<0-7>|alerts|critical|debugging|emergencies|errors|informational|notifications|warnings)";
const std::vector<std::string> kLevelHelp = {
    "Logging severity level", "Immediate action needed           (severity=1)",
    "Critical conditions               (severity=2)", "Debugging messages                (severity=7)",
    "System is unusable                (severity=0)", "Error conditions                  (severity=3)",
    "Informational messages            (severity=6)", "Normal but significant conditions (severity=5)",
    "Warning conditions                (severity=4)"};

std::vector<std::string> Help(std::vector<std::string> head, const std::vector<std::string>& tail = {}) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

}  // namespace

std::vector<ConfigRow> GlobalConfigRows() {
  const std::string g = "config";
  const std::string ip = "Global IP configuration subcommands";
  const std::string log = "Modify message logging facilities";
  return {
      {.mode = g, .syntax = "service timestamps (debug|log) [LINE]", .help = {"Modify use of network based services", "Timestamp debug/log messages", "Timestamp debug messages", "Timestamp log messages", "Timestamp format"}, .match = "service timestamps", .key_words = 3, .group = 20, .no_is_stored = true},
      {.mode = g, .syntax = "service LINE", .help = {"", "Service"}, .match = "service", .key_words = 2, .group = 20},
      {.mode = g, .match = "platform", .group = 25},
      {.mode = g, .syntax = "hostname WORD", .help = {"Set system's network name", "This system's network name"}, .match = "hostname", .key_words = 1, .group = 30},
      {.mode = g, .match = "boot system", .kind = K::kList, .group = 40},  // boot statements: config_commands.cc
      {.mode = g, .match = "boot", .group = 42},
      // A stack member on another release is brought to the stack's when it joins (V-Mismatch).
      {.mode = g, .syntax = "software auto-upgrade enable", .help = {"Software related configuration", "Configure auto upgrade", "Enable auto upgrade of the member switch"}, .match = "software auto-upgrade", .key_words = 2, .group = 43, .platforms = ConfigPlatforms::kSwitch},
      {.mode = g, .syntax = "logging buffered [<4096-2147483647>] [" + kLevels + "]", .help = Help({log, "Set buffered logging parameters", "Logging buffer size"}, kLevelHelp), .match = "logging buffered", .key_words = 2, .group = 45},
      {.mode = g, .syntax = "logging console [" + kLevels + "]", .help = Help({log, "Set console logging parameters"}, kLevelHelp), .match = "logging console", .key_words = 2, .group = 45, .no_is_stored = true},
      {.mode = g, .syntax = "logging monitor [" + kLevels + "]", .help = Help({log, "Set terminal line (monitor) logging parameters"}, kLevelHelp), .match = "logging monitor", .key_words = 2, .group = 45, .no_is_stored = true},
      {.mode = g, .syntax = "logging trap " + kLevels, .help = Help({log, "Set syslog server logging level"}, kLevelHelp), .match = "logging trap", .key_words = 2, .group = 45, .default_line = "logging trap informational"},
      {.mode = g, .syntax = "logging host (A.B.C.D|WORD) [LINE]", .help = {log, "Set syslog server IP address and parameters", "IP address of the syslog server", "Name of the syslog server", "Transport, VRF or discriminator"}, .match = "logging host", .key_words = 3, .kind = K::kList, .group = 45},
      {.mode = g, .syntax = "logging A.B.C.D", .help = {log, "IP address of the logging host"}, .match = "logging host", .key_words = 3, .kind = K::kList, .group = 45, .normalize = LoggingHost},
      {.mode = g, .syntax = "logging source-interface WORD", .help = {log, "Specify interface for source address in logging transactions", "Interface name"}, .match = "logging source-interface", .key_words = 2, .group = 45},
      {.mode = g, .syntax = "logging facility WORD", .help = {log, "Facility parameter for syslog messages", "Facility"}, .match = "logging facility", .key_words = 2, .group = 45},
      {.mode = g, .syntax = "logging on", .help = {log, "Enable logging to all enabled destinations"}, .match = "logging on", .key_words = 2, .group = 45, .default_line = "logging on", .no_is_stored = true},
      {.mode = g, .syntax = "enable secret [(0|5|8|9)] WORD", .help = {"Modify enable password parameters", "Assign the privileged level secret", "Specifies an UNENCRYPTED password will follow", "Specifies a MD5 HASHED secret will follow", "Specifies a PBKDF2 HASHED secret will follow", "Specifies a SCRYPT HASHED secret will follow", "The UNENCRYPTED (cleartext) 'enable' secret"}, .match = "enable secret", .key_words = 2, .group = 50, .normalize = EnableSecret},
      {.mode = g, .syntax = "enable password [(0|7)] WORD", .help = {"", "Assign the privileged level password", "Specifies an UNENCRYPTED password will follow", "Specifies a HIDDEN password will follow", "The UNENCRYPTED (cleartext) 'enable' password"}, .match = "enable password", .key_words = 2, .group = 50, .normalize = EnablePassword},
      {.mode = g, .syntax = "aaa new-model", .help = {"Authentication, Authorization and Accounting.", "Enable NEW access control commands and functions.(Disables OLD commands.)"}, .match = "aaa new-model", .key_words = 2, .group = 55},
      {.mode = g, .match = "aaa", .group = 55},
      {.mode = g, .syntax = "clock timezone LINE", .help = {"Configure time-of-day clock", "Configure time zone", "Name and offset"}, .match = "clock timezone", .key_words = 2, .group = 60},
      {.mode = g, .syntax = "ip domain name WORD", .help = {ip, "IP DNS Resolver", "Define the default domain name", "Default domain name"}, .match = "ip domain name", .key_words = 3, .group = 70},
      {.mode = g, .syntax = "ip domain-name WORD", .help = {"", "Define the default domain name", "Default domain name"}, .match = "ip domain-name", .key_words = 2, .group = 70, .spelling_of = "ip domain name"},
      {.mode = g, .syntax = "ip domain-list WORD", .help = {"", "Domain name to complete unqualified host names", "A domain name"}, .match = "ip domain-list", .key_words = 3, .kind = K::kList, .group = 70, .no_syntax = "ip domain-list [LINE]", .spelling_of = "ip domain list"},
      {.mode = g, .syntax = "ip domain list WORD", .help = {"", "", "Domain name to complete unqualified host names", "A domain name"}, .match = "ip domain list", .key_words = 4, .kind = K::kList, .group = 70, .no_syntax = "ip domain list [LINE]"},
      {.mode = g, .syntax = "ip domain lookup", .help = {"", "", "Enable IP Domain Name System hostname translation"}, .match = "ip domain lookup", .key_words = 3, .group = 70, .default_line = "ip domain lookup", .no_is_stored = true},
      {.mode = g, .syntax = "ip domain lookup source-interface WORD", .help = {"", "", "", "Specify interface for source address in DNS queries", "Interface name"}, .match = "ip domain lookup source-interface", .key_words = 4, .group = 70},
      {.mode = g, .syntax = "ip domain-lookup", .help = {"", "Enable IP Domain Name System hostname translation"}, .match = "ip domain-lookup", .key_words = 2, .group = 70, .spelling_of = "ip domain lookup"},
      {.mode = g, .syntax = "ip domain-lookup source-interface WORD", .help = {"", "", "Specify interface for source address in DNS queries", "Interface name"}, .match = "ip domain-lookup source-interface", .key_words = 3, .group = 70, .spelling_of = "ip domain lookup source-interface"},
      {.mode = g, .syntax = "ip name-server LINE", .help = {"", "Specify address of name server to use", "Domain server IP address (maximum of 6)"}, .match = "ip name-server", .key_words = 2, .kind = K::kValues, .group = 70},
      {.mode = g, .syntax = "file prompt (alert|noisy|quiet)", .help = {"Adjust file system parameters", "Prompt level for file operations", "Prompt only for destructive file operations", "Confirm all file operation parameters", "Seldom prompt for file operations"}, .match = "file prompt", .key_words = 2, .group = 72},
      {.mode = g, .syntax = "login block-for <1-65535> attempts <1-65535> within <1-65535>", .help = {"Enable secure login checking", "Set quiet-mode active time period", "Number of seconds", "Set max number of fail attempts", "Number of fail attempts", "Watch period for repeated failures", "Number of seconds"}, .match = "login block-for", .key_words = 2, .group = 74},
      {.mode = g, .syntax = "login quiet-mode access-class WORD", .help = {"", "Set quiet-mode options", "Use access-class for quiet-mode", "Standard IP access-list number or name"}, .match = "login quiet-mode", .key_words = 2, .group = 74},
      {.mode = g, .match = "login", .group = 74},
      {.mode = g, .match = "ipv6", .group = 76},
      {.mode = g, .match = "crypto pki", .kind = K::kSection, .group = 78},
      {.mode = g, .match = "crypto", .group = 78},
      {.mode = g, .match = "license", .kind = K::kSection, .group = 80},
      {.mode = g, .syntax = "username WORD [privilege <0-15>] [view WORD] [(nopassword|secret [(0|5|8|9)] WORD|password [(0|7)] WORD|algorithm-type (md5|sha256|scrypt) secret WORD)]", .help = {"Establish User Name Authentication", "User name", "Set user privilege level", "User privilege level", "Set view name", "View name", "No password is required for the user to log in", "Specify the secret for the user", "Specifies an UNENCRYPTED secret will follow", "Specifies a MD5 HASHED secret will follow", "Specifies a PBKDF2 HASHED secret will follow", "Specifies a SCRYPT HASHED secret will follow", "The UNENCRYPTED (cleartext) user secret", "Specify the password for the user", "Specifies an UNENCRYPTED password will follow", "Specifies a HIDDEN password will follow", "The UNENCRYPTED (cleartext) user password", "Algorithm to use for hashing the plaintext secret for the user", "Encode the password using the MD5 algorithm", "Encode the password using the PBKDF2 hashing algorithm", "Encode the password using the SCRYPT hashing algorithm", "Specify the secret for the user", "The UNENCRYPTED (cleartext) user secret"}, .match = "username", .key_words = 2, .kind = K::kAttributes, .group = 82, .normalize = Username, .attributes = {{"view"}, {"privilege"}, {"nopassword", 0, 1}, {"secret", -1, 1}, {"password", -1, 1}}, .no_syntax = "username WORD [LINE]"},
      {.mode = g, .match = "redundancy", .kind = K::kSection, .group = 84},
      {.mode = g, .match = "config-register", .key_words = 1},
      {.mode = g, .syntax = "ip scp server enable", .help = {ip, "Scp commands", "Configure SCP server", "Enable scp server"}, .match = "ip scp server", .key_words = 3, .group = 115},
      {.mode = g, .syntax = "ip ssh version (1|2)", .help = {"", "Configure ssh options", "Specify protocol version to be supported", "Protocol version 1", "Protocol version 2"}, .match = "ip ssh version", .key_words = 3, .group = 114},
      {.mode = g, .syntax = "ip ssh time-out <1-120>", .help = {"", "", "Specify SSH time-out interval", "SSH time-out interval (secs)"}, .match = "ip ssh time-out", .key_words = 3, .group = 114},
      {.mode = g, .syntax = "ip ssh authentication-retries <0-5>", .help = {"", "", "Specify number of authentication retries", "Number of authentication retries"}, .match = "ip ssh authentication-retries", .key_words = 3, .group = 114},
      {.mode = g, .match = "ip ssh", .group = 114},
      {.mode = g, .syntax = "ip default-gateway A.B.C.D", .help = {"", "Specify default gateway (if not routing IP)", "IP address of default gateway"}, .match = "ip default-gateway", .key_words = 2, .group = 116},
      {.mode = g, .syntax = "ip route A.B.C.D A.B.C.D (A.B.C.D|WORD)", .help = {"", "Establish static routes", "Destination prefix", "Destination prefix mask", "Forwarding router's address", "Output interface"}, .match = "ip route", .kind = K::kList, .group = 113, .no_syntax = "ip route A.B.C.D A.B.C.D (A.B.C.D|WORD)"},
      {.mode = g, .syntax = "ip tftp blocksize <512-8192>", .help = {"", "tftp configuration commands", "Specify TFTP client blocksize", "blocksize value"}, .match = "ip tftp blocksize", .key_words = 3, .group = 112},
      {.mode = g, .syntax = "ip tftp source-interface WORD", .help = {"", "", "Specify interface for source address in TFTP connections", "Interface name"}, .match = "ip tftp source-interface", .key_words = 3, .group = 112},
      {.mode = g, .match = "ip tftp", .group = 112},
      // Credentials of `copy ftp:` when the URL has none (IOS then falls back to anonymous), and
      // the remote user name `copy scp:` / `copy rcp:` offer.
      {.mode = g, .syntax = "ip ftp username WORD", .help = {"", "FTP configuration commands", "Specify username for connection", "Username"}, .match = "ip ftp username", .key_words = 3, .group = 112},
      {.mode = g, .syntax = "ip ftp password [(0|7)] WORD", .help = {"", "", "Specify password for FTP connections", "Specifies an UNENCRYPTED password will follow", "Specifies a HIDDEN password will follow", "The FTP password"}, .match = "ip ftp password", .key_words = 3, .group = 112},
      {.mode = g, .match = "ip ftp", .group = 112},
      {.mode = g, .syntax = "ip rcmd remote-username WORD", .help = {"", "Rcmd commands", "Default remote username", "Remote username"}, .match = "ip rcmd remote-username", .key_words = 3, .group = 112},
      {.mode = g, .syntax = "ip http server", .help = {"", "HTTP server configuration", "Enable HTTP server"}, .match = "ip http server", .key_words = 3, .group = 111},
      {.mode = g, .match = "ip http", .group = 111},
      {.mode = g, .match = "ip forward-protocol", .group = 110},
      {.mode = g, .match = "ip", .group = 116},
      {.mode = g, .syntax = "snmp-server community WORD [LINE]", .help = {"Modify SNMP engine parameters", "Enable SNMP; set community string and access privs", "SNMP community string", "view, RO/RW and access-list"}, .match = "snmp-server community", .key_words = 3, .group = 125},
      {.mode = g, .syntax = "snmp-server contact LINE", .help = {"", "Text for mib object sysContact", "identification of the contact person for this managed node"}, .match = "snmp-server contact", .key_words = 2, .group = 125},
      {.mode = g, .syntax = "snmp-server location LINE", .help = {"", "Text for mib object sysLocation", "The physical location of this node"}, .match = "snmp-server location", .key_words = 2, .group = 125},
      {.mode = g, .syntax = "snmp-server host (A.B.C.D|WORD) LINE", .help = {"", "Specify hosts to receive SNMP notifications", "IP address of SNMP notification host", "SNMP notification host name", "Version, notification type and community string"}, .match = "snmp-server host", .key_words = 3, .kind = K::kList, .group = 125},
      {.mode = g, .syntax = "snmp-server enable traps [LINE]", .help = {"", "Enable SNMP Traps or Informs", "Enable SNMP Traps", "Notification types"}, .match = "snmp-server enable traps", .kind = K::kList, .group = 125},
      {.mode = g, .match = "snmp-server", .group = 125},
      {.mode = g, .match = "control-plane", .kind = K::kSection, .group = 130},
      {.mode = g, .syntax = "banner (motd|login|exec) LINE", .help = {"Define a login banner", "Set Message of the Day banner", "Set login banner", "Set EXEC process creation banner", "c banner-text c, where 'c' is a delimiting character"}, .match = "banner", .key_words = 2, .kind = K::kBanner, .group = 135, .no_syntax = "banner (motd|login|exec) [LINE]"},
      {.mode = g, .syntax = "ntp server (A.B.C.D|WORD) [LINE]", .help = {"Configure NTP", "Configure NTP server", "IP address of peer", "Hostname of peer", "key, prefer, source or version"}, .match = "ntp server", .key_words = 3, .group = 150},
      {.mode = g, .syntax = "ntp source WORD", .help = {"", "Configure interface for source address", "Interface name"}, .match = "ntp source", .key_words = 2, .group = 150},
      {.mode = g, .match = "ntp", .group = 150},
  };
}

const std::vector<ConfigRow>& ConfigRows() {
  static const std::vector<ConfigRow>* rows = [] {
    auto* all = new std::vector<ConfigRow>(GlobalConfigRows());
    std::vector<ConfigRow> sections = SectionConfigRows();
    all->insert(all->end(), sections.begin(), sections.end());
    std::vector<ConfigRow> neighbors = NeighborConfigRows();
    all->insert(all->end(), neighbors.begin(), neighbors.end());
    return all;
  }();
  return *rows;
}

}  // namespace iosup
