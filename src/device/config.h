// A device configuration (running-config or startup-config) as IOS keeps it: a tree of lines,
// sections with indented children (interface, line, ip access-list ...). What each line means to
// the tree (its key, its `no` form, its default, its place) comes from one table, ConfigRows()
// in config_schema.h; Apply and Negate are the one way a typed line changes the tree, so merge
// (`copy X running-config`), `no` and the CLI all behave alike. Unknown lines are kept verbatim
// and in order, so a real configuration can be pasted in. Typed accessors read the lines that
// matter to the emulator.
#ifndef IOSUP_DEVICE_CONFIG_H_
#define IOSUP_DEVICE_CONFIG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace iosup {

struct ConfigNode {
  std::string text;                  // without indentation
  std::vector<ConfigNode> children;  // one level deeper
  bool operator==(const ConfigNode&) const = default;
};

struct BootStatement {
  enum class Kind { kFile, kTftp, kRom };
  Kind kind = Kind::kFile;
  std::string path;  // "bootflash:isr4300-...bin" (kFile), "isr4300-...bin" (kTftp)
  std::string host;  // kTftp only
  std::string switches;  // a stack's "switch all" / "switch 2" form: "all", "2"; empty: none

  std::string ConfigLine() const;  // "boot system bootflash:x.bin" / "boot system tftp:x 1.2.3.4"
  // The same file whichever switches it names: `no boot system flash:x` removes
  // `boot system switch all flash:x`, as on a stack.
  bool operator==(const BootStatement& o) const {
    return kind == o.kind && path == o.path && host == o.host;
  }
};
// Parses the words after "boot system": "flash:x.bin", "bootflash:/x", "tftp:x.bin 1.2.3.4",
// "tftp://1.2.3.4/x.bin", "rom", "flash x.bin" (old form), "switch all flash:x.bin" (a stack).
Result<BootStatement> ParseBootStatement(std::string_view args);

struct InterfaceConfig {
  std::string name;
  std::string description;
  std::string ip_address;  // dotted quad, empty when none
  std::string ip_mask;
  bool dhcp = false;
  bool shutdown = false;
};

struct LineConfig {
  std::string name;                 // "vty 0 4", "con 0"
  bool login_local = false;
  std::string password;             // line password (login without local)
  std::vector<std::string> transport_input;  // "ssh", "telnet", "all", "none"
  int exec_timeout_seconds = 600;   // IOS default 10 minutes; 0 = never
};

// A user of `ip ssh pubkey-chain` and the keys it may log in with, as IOS saves them:
// "ssh-rsa 5D24EA1D261C1836E437F4E67E2CEBEB" (key type, then the MD5 of the key blob in upper-case
// hex). A key-hash line's trailing key name is not part of the hash.
struct SshPubkeyUser {
  std::string name;
  std::vector<std::string> key_hashes;
};

struct UserConfig {
  std::string name;
  int privilege = 1;
  std::string secret;  // as configured: "0 plain", "5 $1$...", "7 0822..."; empty if none
  bool is_secret = true;  // "secret" vs "password"
};

// How a configuration is printed.
struct RenderOptions {
  std::string version_line;       // "version 16.9"; empty: none
  bool boot_markers = false;      // boot lines wrapped in boot-start-marker / boot-end-marker
  bool defaults = false;          // `show running-config all`: IOS's defaults shown too
  bool acl_sequence_numbers = true;  // IOS-XE prints named ACL entries with their numbers
  bool legacy_spellings = false;     // Catalyst IOS 15: `ip domain-name`, `ip domain-lookup`
  std::string unset_hostname;        // IOS shows `hostname Router` after `no hostname`: the name
};

class Config {
 public:
  // Parses configuration text (startup-config, or a pasted running-config). Header lines
  // ("Building configuration...", "Current configuration : N bytes"), "!" comments, boot
  // markers, "version" and "end" are recognised and dropped: they are re-rendered.
  static Config Parse(std::string_view text);
  // The minimal configuration a factory-fresh device boots with. Router interfaces start
  // administratively down; switch ports start up.
  static Config Factory(std::string_view hostname, const std::vector<std::string>& interfaces,
                        bool is_switch = false);

  // The body IOS prints for show running-config / show startup-config, from the first "!"
  // through "end". `version_line` is e.g. "version 16.9"; `boot_markers` wraps boot lines.
  std::string Render(std::string_view version_line, bool boot_markers) const;
  std::string Render(const RenderOptions& options) const;
  // One section as `show running-config interface X` prints its body: the header and its
  // children; nullopt when there is no such section.
  std::optional<std::string> RenderSection(std::string_view header,
                                           const RenderOptions& options) const;

  // --- the model's entry points: a line as typed in configuration mode. `section` is the header
  // of the sub-mode it was typed in ("" in global configuration; the section is created when
  // missing). A line starting with "no " is Negate. kInvalidArgument with IOS's message for a
  // line IOS refuses (a duplicate sequence number).
  Status Apply(std::string_view section, std::string_view line);
  // `no LINE` (LINE without the "no"): removes the line(s) with LINE's key, or keeps "no KEY"
  // where IOS shows it, or restores the default. kNotFound when nothing matched.
  Status Negate(std::string_view section, std::string_view line);
  // `ip access-list resequence NAME START STEP`. kNotFound when no such list.
  Status Resequence(std::string_view acl_name, int start, int step);

  // --- typed views
  std::string hostname(std::string_view unset = "Router") const;  // `unset` when there is none
  std::vector<BootStatement> boot_statements() const;
  std::optional<std::string> enable_secret() const;    // as configured, e.g. "5 $1$..."
  std::optional<std::string> enable_password() const;
  std::vector<UserConfig> users() const;
  std::vector<InterfaceConfig> interfaces() const;
  std::optional<InterfaceConfig> interface(std::string_view name) const;
  std::vector<LineConfig> lines() const;
  std::vector<SshPubkeyUser> ssh_pubkey_users() const;
  bool scp_server_enabled() const { return Has("ip scp server enable"); }
  bool file_prompt_quiet() const { return Has("file prompt quiet"); }
  std::optional<int> tftp_blocksize() const;
  std::optional<std::string> tftp_source_interface() const;
  // `ip ftp username` / `ip ftp password` (clear text, a type 7 one decoded), `ip rcmd
  // remote-username`: what copy uses when the URL names no user.
  std::optional<std::string> ftp_username() const;
  std::optional<std::string> ftp_password() const;
  std::optional<std::string> rcmd_remote_username() const;
  std::optional<std::string> config_register_line() const;  // "config-register 0x2142" if present

  // --- mutators (global configuration mode)
  // Sets a global line. A line with the same key (first words; see config.cc) is replaced in
  // place; otherwise the line is inserted at its canonical position.
  void SetLine(std::string_view line);
  // Removes the global line(s) with the key of `line` ("hostname", "ip tftp blocksize"...).
  // Returns false when nothing matched.
  bool RemoveLine(std::string_view line);
  void AddBootStatement(const BootStatement& b);     // appended after existing ones; no duplicates
  bool RemoveBootStatement(const BootStatement& b);  // `no boot system X`
  void ClearBootStatements();                        // `no boot system`
  // Finds or creates a section ("interface GigabitEthernet0/0/0") and sets / removes a child.
  void SetSectionLine(std::string_view header, std::string_view line);
  bool RemoveSectionLine(std::string_view header, std::string_view line);
  bool HasSection(std::string_view header) const;
  // One level deeper (`ip ssh pubkey-chain` / `username X` / `key-hash ...`): sets or removes a
  // line under the child `child` of section `header`, creating both when missing.
  void SetSubsectionLine(std::string_view header, std::string_view child, std::string_view line);
  bool RemoveSubsectionLine(std::string_view header, std::string_view child, std::string_view line);
  // `copy startup-config running-config`: every line of `other` is applied over this one, as
  // if typed (settings replace by key, boot statements append, section lines merge).
  void Merge(const Config& other);

  const std::vector<ConfigNode>& nodes() const { return nodes_; }
  // Whether a global line reads exactly `exact`.
  bool Has(std::string_view exact) const;
  // The section with that header, or nullptr.
  const ConfigNode* Section(std::string_view header) const;
  bool operator==(const Config&) const = default;

 private:
  const ConfigNode* FindByKey(std::string_view key) const;
  ConfigNode* MutableSection(std::string_view header);
  ConfigNode& EnsureSection(std::string_view header);

  std::vector<ConfigNode> nodes_;
};

// The key that decides whether two lines set the same thing: "hostname", "username admin",
// "ip tftp blocksize", "ip address" (a leading "no " is ignored), whatever mode the line's row
// belongs to. Exposed for tests.
std::string ConfigKey(std::string_view line);

}  // namespace iosup

#endif  // IOSUP_DEVICE_CONFIG_H_
