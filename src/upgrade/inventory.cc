#include "upgrade/inventory.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <set>
#include <string_view>

#include "catalog/platform_catalog.h"
#include "platform/posix_file.h"
#include "upgrade/yaml_checks.h"

namespace iosup::upgrade {

const InventoryHost* Inventory::Find(const std::string& name) const {
  for (const InventoryHost& h : hosts) {
    if (h.name == name) return &h;
  }
  return nullptr;
}

namespace {

constexpr std::string_view kSettingKeys[] = {"address",    "port",     "platform",     "site",
                                             "username",   "password", "password_env", "enable",
                                             "enable_env", "console"};

// A value given directly or through an environment variable.
struct Secret {
  std::string value;
  std::string env;  // the variable's name when the value comes from it
};

// One level of settings (the file's vars, a group's vars, or a host); unset fields inherit.
struct Settings {
  std::optional<std::string> address, platform, site, username, console;
  std::optional<uint16_t> port;
  std::optional<Secret> password, enable;

  void OverrideWith(const Settings& o) {
    if (o.address) address = o.address;
    if (o.platform) platform = o.platform;
    if (o.site) site = o.site;
    if (o.username) username = o.username;
    if (o.console) console = o.console;
    if (o.port) port = o.port;
    if (o.password) password = o.password;
    if (o.enable) enable = o.enable;
  }
};

Result<uint16_t> Port(const YAML::Node& n, const std::string& where) {
  const std::string s = n.IsScalar() ? n.Scalar() : "";
  unsigned value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || value < 1 || value > 65535) {
    return InvalidArgument(where + ": port '" + s + "' is not a number from 1 to 65535" +
                           AtLine(n));
  }
  return static_cast<uint16_t>(value);
}

Status ReadSecret(const YAML::Node& map, const char* key, const std::string& where,
                  std::optional<Secret>& out) {
  const std::string env_key = std::string(key) + "_env";
  if (map[key] && map[env_key]) {
    return InvalidArgument(where + ": " + key + " and " + env_key + " both given");
  }
  if (map[key]) {
    Result<std::string> value = ScalarText(map[key], where + ": " + key);
    if (!value.ok()) return value.status();
    out = Secret{.value = *value};
  } else if (map[env_key]) {
    Result<std::string> name = ScalarText(map[env_key], where + ": " + env_key);
    if (!name.ok()) return name.status();
    if (name->empty()) {
      return InvalidArgument(where + ": " + env_key + " names no variable" + AtLine(map[env_key]));
    }
    out = Secret{.env = *name};
  }
  return Status::Ok();
}

Result<Settings> ReadSettings(const YAML::Node& n, const std::string& where) {
  Settings s;
  if (!n || n.IsNull()) return s;
  if (!n.IsMap()) return InvalidArgument(where + ": expected settings (key: value)" + AtLine(n));
  IOSUP_RETURN_IF_ERROR(CheckKeys(n, kSettingKeys, where));
  const std::pair<const char*, std::optional<std::string>*> texts[] = {{"address", &s.address},
                                                                       {"platform", &s.platform},
                                                                       {"site", &s.site},
                                                                       {"username", &s.username},
                                                                       {"console", &s.console}};
  for (const auto& [key, field] : texts) {
    if (!n[key]) continue;
    Result<std::string> v = ScalarText(n[key], where + ": " + key);
    if (!v.ok()) return v.status();
    *field = *v;
  }
  if (n["port"]) {
    Result<uint16_t> port = Port(n["port"], where);
    if (!port.ok()) return port.status();
    s.port = *port;
  }
  IOSUP_RETURN_IF_ERROR(ReadSecret(n, "password", where, s.password));
  IOSUP_RETURN_IF_ERROR(ReadSecret(n, "enable", where, s.enable));
  return s;
}

using Getenv = std::function<const char*(const char*)>;

Result<std::string> Resolve(const Secret& secret, const char* key, const std::string& where,
                            const Getenv& getenv) {
  if (secret.env.empty()) return secret.value;
  const char* value = getenv(secret.env.c_str());
  if (value == nullptr || *value == '\0') {
    return InvalidArgument(where + ": " + key + "_env " + secret.env + " is not set");
  }
  return std::string(value);
}

Result<InventoryHost> Finish(const std::string& name, const Settings& s, const Getenv& getenv) {
  const std::string where = "host " + name;
  InventoryHost h{.name = name, .address = s.address.value_or(""), .port = s.port.value_or(22)};
  if (h.address.empty()) return InvalidArgument(where + ": no address");
  if (s.platform && !s.platform->empty()) {
    Result<const PlatformSpec*> spec = FindPlatform(*s.platform);
    if (!spec.ok()) return InvalidArgument(where + ": unknown platform '" + *s.platform + "'");
    h.platform = (*spec)->id;
  }
  h.site = s.site.value_or("");
  h.console = s.console.value_or("");
  h.username = s.username.value_or("");
  if (h.username.empty()) return InvalidArgument(where + ": no username");
  if (!s.password) return InvalidArgument(where + ": no password (password or password_env)");
  Result<std::string> password = Resolve(*s.password, "password", where, getenv);
  if (!password.ok()) return password.status();
  h.password = *password;
  if (s.enable) {
    Result<std::string> enable = Resolve(*s.enable, "enable", where, getenv);
    if (!enable.ok()) return enable.status();
    h.enable = *enable;
  } else {
    h.enable = h.password;
  }
  return h;
}

struct Group {
  std::string name;
  std::vector<std::string> members;
  Settings vars;
};

Result<std::vector<Group>> ReadGroups(const YAML::Node& groups,
                                      const std::set<std::string>& hosts) {
  std::vector<Group> out;
  if (!groups || groups.IsNull()) return out;
  if (!groups.IsMap()) return InvalidArgument("groups: expected group names" + AtLine(groups));
  for (const auto& kv : groups) {
    if (!kv.first.IsScalar() || kv.first.Scalar().empty()) {
      return InvalidArgument("groups: a group name must be a single value" + AtLine(kv.first));
    }
    Group g{.name = kv.first.Scalar()};
    const std::string where = "group " + g.name;
    const YAML::Node& body = kv.second;
    if (!body.IsMap()) return InvalidArgument(where + ": expected hosts and vars" + AtLine(body));
    constexpr std::string_view kGroupKeys[] = {"hosts", "vars"};
    IOSUP_RETURN_IF_ERROR(CheckKeys(body, kGroupKeys, where));
    if (body["hosts"] && !body["hosts"].IsSequence() && !body["hosts"].IsNull()) {
      return InvalidArgument(where + ": hosts must be a list" + AtLine(body["hosts"]));
    }
    for (const YAML::Node& member : body["hosts"]) {
      if (!member.IsScalar() || !hosts.contains(member.Scalar())) {
        return InvalidArgument(where + ": unknown host " +
                               (member.IsScalar() ? member.Scalar() : "") + AtLine(member));
      }
      g.members.push_back(member.Scalar());
    }
    Result<Settings> vars = ReadSettings(body["vars"], where + ": vars");
    if (!vars.ok()) return vars.status();
    g.vars = *vars;
    out.push_back(std::move(g));
  }
  return out;
}

Result<Inventory> Build(const YAML::Node& root, const Getenv& getenv) {
  if (!root.IsMap()) return InvalidArgument("inventory: expected vars, hosts and groups");
  constexpr std::string_view kTopKeys[] = {"vars", "hosts", "groups"};
  IOSUP_RETURN_IF_ERROR(CheckKeys(root, kTopKeys, "inventory"));
  Result<Settings> common = ReadSettings(root["vars"], "vars");
  if (!common.ok()) return common.status();
  const YAML::Node hosts = root["hosts"];
  if (!hosts || hosts.IsNull() || (hosts.IsMap() && hosts.size() == 0)) {
    return InvalidArgument("inventory: no hosts");
  }
  if (!hosts.IsMap()) return InvalidArgument("hosts: expected host names" + AtLine(hosts));
  std::vector<std::pair<std::string, Settings>> own;
  std::set<std::string> names;
  for (const auto& kv : hosts) {
    if (!kv.first.IsScalar() || kv.first.Scalar().empty()) {
      return InvalidArgument("hosts: a host name must be a single value" + AtLine(kv.first));
    }
    const std::string name = kv.first.Scalar();
    if (!names.insert(name).second)
      return InvalidArgument("host " + name + ": listed twice" + AtLine(kv.first));
    Result<Settings> s = ReadSettings(kv.second, "host " + name);
    if (!s.ok()) return s.status();
    own.emplace_back(name, *s);
  }
  Result<std::vector<Group>> groups = ReadGroups(root["groups"], names);
  if (!groups.ok()) return groups.status();
  Inventory inventory;
  for (const auto& [name, settings] : own) {
    Settings merged = *common;
    std::vector<std::string> member_of;
    for (const Group& g : *groups) {
      if (std::find(g.members.begin(), g.members.end(), name) == g.members.end()) continue;
      merged.OverrideWith(g.vars);
      member_of.push_back(g.name);
    }
    merged.OverrideWith(settings);
    Result<InventoryHost> host = Finish(name, merged, getenv);
    if (!host.ok()) return host.status();
    host->groups = std::move(member_of);
    inventory.hosts.push_back(std::move(*host));
  }
  return inventory;
}

}  // namespace

Result<Inventory> ParseInventory(const std::string& yaml_text,
                                 const std::function<const char*(const char*)>& getenv) {
  const Getenv lookup = getenv ? getenv : [](const char* name) { return std::getenv(name); };
  return ParseYaml<Inventory>(yaml_text, "inventory",
                              [&](const YAML::Node& root) { return Build(root, lookup); });
}

Result<Inventory> LoadInventory(const std::string& path) {
  Result<std::string> text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  Result<Inventory> inventory = ParseInventory(*text);
  if (!inventory.ok())
    return Status(inventory.status().code(), path + ": " + inventory.status().message());
  return inventory;
}

}  // namespace iosup::upgrade
