// The typed views of a configuration: the lines the emulator acts on, read from the tree.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "device/config.h"
#include "device/secrets.h"
#include "device/config_edit.h"
#include "device/config_schema.h"

namespace iosup {

namespace {

std::vector<std::string> Words(std::string_view s) { return ConfigWords(s); }
bool StartsWith(std::string_view s, std::string_view prefix) { return StartsWithWords(s, prefix); }

}  // namespace

bool Config::Has(std::string_view exact) const {
  return std::any_of(nodes_.begin(), nodes_.end(),
                     [&](const ConfigNode& n) { return n.text == exact; });
}

const ConfigNode* Config::FindByKey(std::string_view key) const {
  for (const ConfigNode& n : nodes_) {
    if (config_edit::NodeKey("config", n.text) == key) return &n;
  }
  return nullptr;
}

std::string ConfigKey(std::string_view line) {
  const ConfigRow* best = nullptr;
  size_t best_words = 0;
  std::string_view body = StartsWith(line, "no") ? line.substr(3) : line;
  for (const ConfigRow& r : ConfigRows()) {
    if (!StartsWith(body, r.match) || r.match.empty()) continue;
    const size_t n = Words(r.match).size();
    if (best == nullptr || n > best_words) {
      best = &r;
      best_words = n;
    }
  }
  return LineKey(best, line);
}

std::string Config::hostname(std::string_view unset) const {
  const ConfigNode* n = FindByKey("hostname");
  if (n == nullptr || StartsWith(n->text, "no")) return std::string(unset);
  std::vector<std::string> w = Words(n->text);
  return w.size() > 1 ? w[1] : std::string(unset);
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

std::optional<std::string> Config::ftp_username() const {
  const ConfigNode* n = FindByKey("ip ftp username");
  if (n == nullptr) return std::nullopt;
  return Words(n->text).back();
}

std::optional<std::string> Config::ftp_password() const {
  const ConfigNode* n = FindByKey("ip ftp password");
  if (n == nullptr) return std::nullopt;
  const std::vector<std::string> w = Words(n->text);
  if (w.size() == 5 && w[3] == "7") return DecodeType7(w[4]);
  return w.back();
}

std::optional<std::string> Config::rcmd_remote_username() const {
  const ConfigNode* n = FindByKey("ip rcmd remote-username");
  if (n == nullptr) return std::nullopt;
  return Words(n->text).back();
}

std::optional<std::string> Config::config_register_line() const {
  const ConfigNode* n = FindByKey("config-register");
  if (n == nullptr) return std::nullopt;
  return n->text;
}

}  // namespace iosup
