// The devices to upgrade, Ansible-like: hosts with their address and credentials, groups with
// shared variables, a site. Credentials may name an environment variable instead of a value so
// inventories can be committed without secrets.
//
//   vars:                       # for every host
//     username: admin
//     password_env: IOSUP_PASSWORD   # or password: cisco
//     enable_env: IOSUP_ENABLE       # or enable: cisco (default: the password)
//   hosts:
//     R1:  {address: 127.0.0.1, port: 2201, platform: ISR4321, site: lab}
//     SW1: {address: 127.0.0.1, port: 2202}
//   groups:
//     switches:
//       hosts: [SW1]
//       vars: {platform: C2960}
//
// Precedence: host > group (in file order; later groups win) > vars.
#ifndef IOSUP_UPGRADE_INVENTORY_H_
#define IOSUP_UPGRADE_INVENTORY_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace iosup::upgrade {

struct InventoryHost {
  std::string name;
  std::string address;  // required
  uint16_t port = 22;
  std::string platform;  // a platform id ("ISR4321") or empty: learnt from `show version`
  std::string site;
  std::vector<std::string> groups;  // in file order
  std::string username, password, enable;  // resolved (environment variables read)
  std::string console;  // optional: a lab console socket path, used to diagnose a device
                        // that does not come back (ROMMON)
};

struct Inventory {
  std::vector<InventoryHost> hosts;  // in file order
  const InventoryHost* Find(const std::string& name) const;
};

// Errors are kInvalidArgument with the file's words: "host SW1: no address",
// "host R1: password_env IOSUP_PASSWORD is not set", "group core: unknown host R9",
// "line 4: ..." for YAML syntax; unknown keys are errors. Every host needs an address, a
// username and a password; a platform is checked against the catalog and stored as its id.
// password/password_env (and enable/enable_env) are one setting: the nearest level that gives
// either wins, and only the variable that applies must be set. `getenv` is injectable for tests.
Result<Inventory> ParseInventory(const std::string& yaml_text,
                                 const std::function<const char*(const char*)>& getenv = nullptr);
Result<Inventory> LoadInventory(const std::string& path);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_INVENTORY_H_
