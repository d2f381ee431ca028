// IOS's whole top-level vocabulary per mode, as a real device's `?` lists it, for the words the
// emulation does not implement: they make abbreviations as ambiguous as on IOS (`s` in
// privileged EXEC is send, set, setup, show, ssh, ...), show in `?` and Tab, and answer in one
// clear line instead of % Invalid input. EXEC words come from a 12.4/15.x router's `Router>?` and
// `Router#?`, with the ISR routers', IOS-XE's and the classic Catalyst's own words apart; the
// configuration words from IOS 15.2 / IOS-XE 16 global, interface and line configuration `?`.
// A word here that a command file declares is skipped: adding a command needs no edit here.
#include <cstdio>
#include <cstdlib>

#include "cli/session.h"
#include "device/commands/ios_command_set.h"

namespace iosup {

namespace {

using cli::VocabularyWord;

// User EXEC (privilege 1); privileged EXEC has these too.
const std::vector<VocabularyWord> kUserExec = {
    {"access-enable", "Create a temporary Access-List entry"},
    {"clear", "Reset functions"},
    {"connect", "Open a terminal connection"},
    {"disconnect", "Disconnect an existing network connection"},
    {"ethernet", "Ethernet parameters"},
    {"help", "Description of the interactive help system"},
    {"lock", "Lock the terminal"},
    {"login", "Log in as a particular user"},
    {"mrinfo", "Request neighbor and version information from a multicast router"},
    {"mstat", "Show statistics after multiple multicast traceroutes"},
    {"mtrace", "Trace reverse multicast path from destination to source"},
    {"name-connection", "Name an existing network connection"},
    {"resume", "Resume an active network connection"},
    {"rlogin", "Open an rlogin connection"},
    {"set", "Set system parameter (not config)"},
    {"ssh", "Open a secure shell client connection"},
    {"systat", "Display information about terminal lines"},
    {"tclquit", "Quit Tool Command Language shell"},
    {"tclsh", "Tool Command Language shell"},
    {"telnet", "Open a telnet connection"},
    {"traceroute", "Trace route to destination"},
    {"tunnel", "Open a tunnel connection"},
    {"where", "List active connections"},
};

// Privileged EXEC only.
const std::vector<VocabularyWord> kPrivilegedExec = {
    {"access-template", "Create a temporary Access-List entry", 15},
    {"archive", "manage archive files", 15},
    {"auto", "Exec level Automation", 15},
    {"beep", "Blocks Extensible Exchange Protocol commands", 15},
    {"calendar", "Manage the hardware calendar", 15},
    {"call-home", "Call-Home commands", 15},
    {"cd", "Change current directory", 15},
    {"clock", "Manage the system clock", 15},
    {"cns", "CNS agents", 15},
    {"crypto", "Encryption related commands.", 15},
    {"debug", "Debugging functions (see also 'undebug')", 15},
    {"erase", "Erase a filesystem", 15},
    {"event", "Event related commands", 15},
    {"format", "Format a filesystem", 15},
    {"fsck", "Fsck a filesystem", 15},
    {"hw-module", "Slot level commands", 15},
    {"if-mgr", "IF-MGR operations", 15},
    {"mkdir", "Create new directory", 15},
    {"monitor", "Monitoring different system events", 15},
    {"more", "Display the contents of a file", 15},
    {"mpls", "MPLS commands", 15},
    {"no", "Disable debugging functions", 15},
    {"pwd", "Display current working directory", 15},
    {"redundancy", "Redundancy Facility (RF) exec commands", 15},
    {"release", "Release a resource", 15},
    {"rename", "Rename a file", 15},
    {"renew", "Renew a resource", 15},
    {"rmdir", "Remove existing directory", 15},
    {"rsh", "Execute a remote command", 15},
    {"send", "Send a message to other tty lines", 15},
    {"setup", "Run the SETUP command facility", 15},
    {"start-chat", "Start a chat-script on a line", 15},
    {"tclsafe", "Tool Command Language shell SAFE mode", 15},
    {"test", "Test subsystems, memory, and interfaces", 15},
    {"undebug", "Disable debugging functions (see also 'debug')", 15},
    {"upgrade", "Upgrade commands", 15},
};

const std::vector<VocabularyWord> kGlobalConfig = {
    {"aaa", "Authentication, Authorization and Accounting.", 15},
    {"access-list", "Add an access list entry", 15},
    {"alias", "Create command alias", 15},
    {"archive", "Archive the configuration", 15},
    {"arp", "Set a static ARP entry", 15},
    {"banner", "Define a login banner", 15},
    {"bridge", "Bridge Group.", 15},
    {"call-home", "Enter call-home configuration mode", 15},
    {"cdp", "Global CDP configuration subcommands", 15},
    {"class-map", "Configure CPL Class Map", 15},
    {"clock", "Configure time-of-day clock", 15},
    {"control-plane", "Configure control plane services", 15},
    {"crypto", "Encryption module", 15},
    {"default", "Set a command to its defaults", 15},
    {"dot1x", "IEEE 802.1X Global Configuration Commands", 15},
    {"event", "Event related configuration commands", 15},
    {"exception", "Exception handling", 15},
    {"file", "Adjust file system parameters", 15},
    {"flow", "Global Flow configuration subcommands", 15},
    {"hw-module", "Control of individual components in the system", 15},
    {"ipv6", "Global IPv6 configuration commands", 15},
    {"key", "Key management", 15},
    {"license", "Configure license features", 15},
    {"lldp", "Global LLDP configuration subcommands", 15},
    {"logging", "Modify message logging facilities", 15},
    {"login", "Enable secure login checking", 15},
    {"mac", "Global MAC configuration subcommands", 15},
    {"memory", "Configure memory management", 15},
    {"monitor", "Monitoring different system events", 15},
    {"mpls", "Configure MPLS parameters", 15},
    {"netconf", "Configure NETCONF", 15},
    {"ntp", "Configure NTP", 15},
    {"object-group", "Configure object group", 15},
    {"parameter-map", "parameter map", 15},
    {"parser", "Configure parser", 15},
    {"platform", "platform specific configuration", 15},
    {"policy-map", "Configure QoS Policy Map", 15},
    {"privilege", "Command privilege parameters", 15},
    {"radius", "RADIUS server configuration command", 15},
    {"radius-server", "Modify RADIUS query parameters", 15},
    {"redundancy", "Enter redundancy mode", 15},
    {"rmon", "Remote Monitoring", 15},
    {"route-map", "Create route-map or enter route-map command mode", 15},
    {"router", "Enable a routing process", 15},
    {"scheduler", "Scheduler parameters", 15},
    {"service", "Modify use of network based services", 15},
    {"snmp", "Modify SNMP engineID parameters", 15},
    {"snmp-server", "Modify SNMP engine parameters", 15},
    {"tacacs-server", "Modify TACACS query parameters", 15},
    {"track", "Object tracking configuration commands", 15},
};

const std::vector<VocabularyWord> kInterfaceConfig = {
    {"arp", "Set arp type (arpa, probe, snap) or timeout or log options", 15},
    {"bandwidth", "Set bandwidth informational parameter", 15},
    {"carrier-delay", "Specify delay for interface transitions", 15},
    {"cdp", "CDP interface subcommands", 15},
    {"channel-group", "Etherchannel/port bundling configuration", 15},
    {"delay", "Specify interface throughput delay", 15},
    {"hold-queue", "Set hold queue depth", 15},
    {"ipv6", "IPv6 interface subcommands", 15},
    {"keepalive", "Enable keepalive", 15},
    {"lldp", "LLDP interface subcommands", 15},
    {"load-interval", "Specify interval for load calculation for an interface", 15},
    {"logging", "Configure logging for interface", 15},
    {"mac-address", "Manually set interface MAC address", 15},
    {"media-type", "Media type", 15},
    {"mtu", "Set the interface Maximum Transmission Unit (MTU)", 15},
    {"service-policy", "Configure CPL Service Policy", 15},
    {"snmp", "Modify SNMP interface parameters", 15},
    {"standby", "HSRP interface configuration commands", 15},
    {"storm-control", "storm configuration", 15},
    {"vrrp", "VRRP Interface configuration commands", 15},
};

// The ISR routers' (IOS 15 and IOS-XE) own EXEC words.
const std::vector<VocabularyWord> kRouterExec = {
    {"access-profile", "Apply user-profile to interface"},
    {"pad", "Open a X.29 PAD connection"},
    {"ppp", "Start IETF Point-to-Point Protocol (PPP)"},
    {"slip", "Start Serial-line IP (SLIP)"},
    {"udptn", "Open an udptn connection"},
    {"x28", "Become an X.28 PAD"},
    {"x3", "Set X.3 parameters on PAD"},
    {"sdlc", "Send SDLC test frames", 15},
    {"tn3270", "Open a tn3270 connection", 15},
    {"webvpn", "WebVPN exec command", 15},
    {"which-route", "Do OSI route table lookup and display results", 15},
};

// IOS-XE's own privileged EXEC words (ISR 4000 and Catalyst 9000).
const std::vector<VocabularyWord> kIosXeExec = {
    {"app-hosting", "App-hosting commands", 15},
    {"guestshell", "guestshell commands", 15},
    {"install", "install commands", 15},
    {"license", "Smart licensing Commands", 15},
    {"request", "Request commands", 15},
    {"software", "Software related commands", 15},
};

// The classic Catalyst's (IOS 15.2) own privileged EXEC words.
const std::vector<VocabularyWord> kCatalystExec = {
    {"diagnostic", "Diagnostic commands", 15},
    {"rcommand", "Run command on remote switch", 15},
    {"udld", "UDLD protected ports", 15},
    {"vmps", "VMPS actions", 15},
};

const std::vector<VocabularyWord> kSwitchConfig = {
    {"spanning-tree", "Spanning Tree Subsystem", 15},
    {"vlan", "Vlan commands", 15},
    {"vtp", "Configure global VTP state", 15},
};

const std::vector<VocabularyWord> kRouterConfig = {
    {"zone", "FW with zoning", 15},
    {"zone-pair", "Zone pair command", 15},
};

const std::vector<VocabularyWord> kSwitchInterfaceConfig = {
    {"spanning-tree", "Spanning Tree Subsystem", 15},
    {"switchport", "Set switching mode characteristics", 15},
    {"udld", "Configure UDLD enabled or disabled and ignore global UDLD setting", 15},
};

const std::vector<VocabularyWord> kRouterInterfaceConfig = {
    {"encapsulation", "Set encapsulation type for an interface", 15},
};

const std::vector<VocabularyWord> kLineConfig = {
    {"access-class", "Filter connections based on an IP access list", 15},
    {"autocommand", "Automatically execute an EXEC command", 15},
    {"escape-character", "Change the current line's escape character", 15},
    {"exec", "Start an EXEC process", 15},
    {"exec-timeout", "Set the EXEC timeout", 15},
    {"history", "Enable and control the command history function", 15},
    {"length", "Set number of lines on a screen", 15},
    {"logging", "Modify message logging facilities", 15},
    {"privilege", "Change privilege level for line", 15},
    {"session-timeout", "Set interval for closing connection when there is no input traffic", 15},
    {"stopbits", "Set async line stop bits", 15},
    {"width", "Set width of the display terminal", 15},
};

// One clear line naming what was typed, as its keywords; "% Error" so that automation reading
// the answer (Ansible's terminal_stderr_re) fails the task instead of reporting a change.
void NotEmulated(cli::CommandContext& c) {
  std::string words;
  for (const cli::Arg& a : c.args()) {
    if (a.is_keyword()) words += (words.empty() ? "" : " ") + a.value;
  }
  c.Print("% Error: \"" + words + "\" exists on IOS but is not emulated by this device\n");
}

void AddWords(cli::CommandSet& set, const std::string& mode,
              const std::vector<VocabularyWord>& words) {
  Status s = set.AddVocabulary(mode, words, NotEmulated);
  if (!s.ok()) {
    std::fprintf(stderr, "iosup: bad vocabulary of %s: %s\n", mode.c_str(), s.ToString().c_str());
    std::abort();
  }
}

}  // namespace

void RegisterVocabulary(cli::CommandSet& set, const PlatformSpec& platform) {
  const bool xe = platform.version_style == VersionStyle::kIosXeRouter ||
                  platform.version_style == VersionStyle::kCatalyst9k;
  AddWords(set, "exec", kUserExec);
  AddWords(set, "exec", kPrivilegedExec);
  if (!platform.is_switch()) AddWords(set, "exec", kRouterExec);
  if (xe) AddWords(set, "exec", kIosXeExec);
  if (platform.version_style == VersionStyle::kCatalyst) AddWords(set, "exec", kCatalystExec);
  AddWords(set, "config", kGlobalConfig);
  AddWords(set, "config", platform.is_switch() ? kSwitchConfig : kRouterConfig);
  AddWords(set, "config-if", kInterfaceConfig);
  AddWords(set, "config-if", platform.is_switch() ? kSwitchInterfaceConfig : kRouterInterfaceConfig);
  AddWords(set, "config-line", kLineConfig);
}

}  // namespace iosup
