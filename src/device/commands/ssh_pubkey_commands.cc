// SSH public-key configuration as IOS takes it:
//   R1(config)#ip ssh pubkey-chain
//   R1(conf-ssh-pubkey)#username admin
//   R1(conf-ssh-pubkey-user)#key-string
//   R1(conf-ssh-pubkey-data)#AAAAB3NzaC1yc2EAAAADAQABAAABAQC...   (any number of lines)
//   R1(conf-ssh-pubkey-data)#exit
//   R1(conf-ssh-pubkey-user)#key-hash ssh-rsa 5D24EA1D261C1836E437F4E67E2CEBEB [name]
// The key data becomes a `key-hash` line; IOS keeps nothing else. Also `username X privilege N`
// without a password, the usual companion of a key-only user.
#include <map>
#include <mutex>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/ssh_pubkey.h"

namespace iosup {

namespace {

using cli::CommandContext;

constexpr const char* kPubkeyMode = "conf-ssh-pubkey";
constexpr const char* kUserMode = "conf-ssh-pubkey-user";
constexpr const char* kDataMode = "conf-ssh-pubkey-data";

Config& Running(CommandContext& c) { return Dev(c).running_config(); }

// Key data typed so far, per session in the data mode. Entering the mode (`key-string`) resets
// the entry, so one left behind by a session that closed mid-paste is never read.
class KeyData {
 public:
  static void Reset(const DeviceSession* s) { Set(s, ""); }
  static void Append(const DeviceSession* s, std::string_view line) {
    std::lock_guard<std::mutex> lock(mu_);
    data_[s] += line;
  }
  static std::string Take(const DeviceSession* s) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = data_.find(s);
    if (it == data_.end()) return "";
    std::string out = std::move(it->second);
    data_.erase(it);
    return out;
  }

 private:
  static void Set(const DeviceSession* s, std::string v) {
    std::lock_guard<std::mutex> lock(mu_);
    data_[s] = std::move(v);
  }
  static inline std::mutex mu_;
  static inline std::map<const DeviceSession*, std::string> data_;
};

bool IsHex32(const std::string& s) {
  return s.size() == 32 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c); });
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The IOS parser's answer to a word it refuses, with the caret under that word.
void RejectWord(CommandContext& c, const std::string& word) {
  const size_t at = c.line().find(word);
  const size_t column = c.session().Prompt().size() + (at == std::string::npos ? 0 : at);
  c.Print(std::string(column, ' ') + "^\n% Invalid input detected at '^' marker.\n\n");
}

void EnterUser(CommandContext& c) {
  const std::string child = "username " + c.Var(0);
  Running(c).SetSectionLine(kPubkeyChainHeader, child);
  DevSession(c).set_section(child);
  c.session().SetMode(kUserMode);
}

void KeyHash(CommandContext& c) {
  const std::string hash = c.Var(0);
  if (!IsHex32(hash)) return RejectWord(c, hash);
  std::string line = "key-hash ssh-rsa " + Upper(hash);
  if (c.VarCount() > 1) line += " " + c.Var(1);
  Running(c).SetSubsectionLine(kPubkeyChainHeader, DevSession(c).section(), line);
}

// A line of key data, or `exit`: the data so far becomes the user's key-hash.
void KeyDataLine(CommandContext& c) {
  DeviceSession& s = DevSession(c);
  const std::string line = c.Var(0);
  if (line != "exit") return KeyData::Append(&s, line);
  Result<SshPublicKey> key = ParseSshPublicKey(KeyData::Take(&s));
  c.session().SetMode(kUserMode);
  if (!key.ok()) return c.Print(std::string(kKeyDecodeError) + "\n");
  Running(c).SetSubsectionLine(kPubkeyChainHeader, s.section(), KeyHashLine(*key));
}

}  // namespace

void RegisterSshPubkeyCommands(cli::CommandSet& set, const PlatformSpec&) {
  set.AddMode({.id = kPubkeyMode, .prompt_suffix = "(conf-ssh-pubkey)", .parent = "config", .is_config = true});
  set.AddMode({.id = kUserMode, .prompt_suffix = "(conf-ssh-pubkey-user)", .parent = kPubkeyMode, .is_config = true});
  set.AddMode({.id = kDataMode, .prompt_suffix = "(conf-ssh-pubkey-data)", .parent = kUserMode, .is_config = true});

  Declare(set, {"config"}, {.syntax = "ip ssh pubkey-chain", .help = {"Global IP configuration subcommands", "Configure ssh options", "pubkey-chain"}, .privilege = 15},
          [](CommandContext& c) { c.session().SetMode(kPubkeyMode); });
  Declare(set, {"config"}, {.syntax = "no ip ssh pubkey-chain", .help = {"Negate a command or set its defaults", "", "", "pubkey-chain"}, .privilege = 15},
          [](CommandContext& c) { Running(c).RemoveLine(kPubkeyChainHeader); });

  Declare(set, {kPubkeyMode}, {.syntax = "username WORD", .help = {"SSH public key chain user name", "name of the user"}, .privilege = 15},
          EnterUser);
  Declare(set, {kPubkeyMode}, {.syntax = "no username WORD", .help = {"Negate a command or set its defaults", "SSH public key chain user name", "name of the user"}, .privilege = 15},
          [](CommandContext& c) { Running(c).RemoveSectionLine(kPubkeyChainHeader, "username " + c.Var(0)); });
  Declare(set, {kPubkeyMode}, {.syntax = "exit", .help = {"Exit a SSH public key configuration"}, .privilege = 15},
          [](CommandContext& c) { c.session().SetMode("config"); });

  Declare(set, {kUserMode}, {.syntax = "key-string", .help = {"Enter public key"}, .privilege = 15},
          [](CommandContext& c) {
            KeyData::Reset(&DevSession(c));
            c.session().SetMode(kDataMode);
          });
  Declare(set, {kUserMode}, {.syntax = "key-hash ssh-rsa WORD [LINE]", .help = {"Enter public key hash", "SSH RSA key", "Hash of the key", "Key name"}, .privilege = 15},
          KeyHash);
  Declare(set, {kUserMode}, {.syntax = "no key-hash ssh-rsa WORD", .help = {"Negate a command or set its defaults", "Enter public key hash", "SSH RSA key", "Hash of the key"}, .privilege = 15},
          [](CommandContext& c) {
            Running(c).RemoveSubsectionLine(kPubkeyChainHeader, DevSession(c).section(),
                                            "key-hash ssh-rsa " + Upper(c.Var(0)));
          });
  Declare(set, {kUserMode}, {.syntax = "exit", .help = {"Exit a SSH public key user configuration"}, .privilege = 15},
          [](CommandContext& c) { c.session().SetMode(kPubkeyMode); });

  // Everything typed in the data mode is key data, until a line that is exactly `exit`.
  Declare(set, {kDataMode}, {.syntax = "LINE", .help = {"Public key data (end with exit)"}, .privilege = 15},
          KeyDataLine);
}

}  // namespace iosup
