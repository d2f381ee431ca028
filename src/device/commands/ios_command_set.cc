#include "device/commands/ios_command_set.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

namespace iosup {

// Commands automation tools send (Ansible ios_facts and cliconf); their declarations belong in
// ios_command_set.h with the others.
void RegisterHardwareCommands(cli::CommandSet& set, const PlatformSpec& platform);
void RegisterVlanCommands(cli::CommandSet& set, const PlatformSpec& platform);
void RegisterNetworkCommands(cli::CommandSet& set, const PlatformSpec& platform);
void RegisterNeighborCommands(cli::CommandSet& set, const PlatformSpec& platform);

void Declare(cli::CommandSet& set, const std::vector<std::string>& modes, cli::CommandSpec spec,
             cli::Handler handler) {
  Status s = set.Add(modes, spec, std::move(handler));
  if (!s.ok()) {
    std::fprintf(stderr, "iosup: bad command declaration '%s': %s\n", spec.syntax.c_str(),
                 s.ToString().c_str());
    std::abort();
  }
}

const cli::CommandSet& IosCommandSet(const PlatformSpec& platform) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<cli::CommandSet>> sets;
  std::lock_guard<std::mutex> lock(mu);
  auto& set = sets[platform.id];
  if (!set) {
    set = std::make_unique<cli::CommandSet>();
    set->AddMode({.id = "exec", .help_title = "Exec commands:"});
    set->AddMode({.id = "config", .prompt_suffix = "(config)", .parent = "exec", .is_config = true, .help_title = "Configure commands:"});
    set->AddMode({.id = "config-if", .prompt_suffix = "(config-if)", .parent = "config", .is_config = true, .help_title = "Interface configuration commands:"});
    set->AddMode({.id = "config-line", .prompt_suffix = "(config-line)", .parent = "config", .is_config = true, .help_title = "Line configuration commands:"});
    set->AddMode({.id = "config-router", .prompt_suffix = "(config-router)", .parent = "config", .is_config = true, .help_title = "Router configuration commands:"});
    for (const char* sub : {"config-std-nacl", "config-ext-nacl", "config-archive", "config-cmap",
                            "config-pmap", "config-vlan"}) {
      set->AddMode({.id = sub, .prompt_suffix = "(" + std::string(sub) + ")", .parent = "config", .is_config = true});
    }
    set->AddMode({.id = "config-pmap-c", .prompt_suffix = "(config-pmap-c)", .parent = "config-pmap", .is_config = true});
    RegisterExecCommands(*set, platform);
    RegisterShowCommands(*set, platform);
    RegisterFileCommands(*set, platform);
    RegisterFsCommands(*set);
    RegisterVerifyCommand(*set);
    RegisterReloadCommands(*set, platform);
    RegisterConfigCommands(*set, platform);
    RegisterSubmodeCommands(*set, platform);
    RegisterHardwareCommands(*set, platform);
    RegisterVlanCommands(*set, platform);
    RegisterNetworkCommands(*set, platform);
    RegisterNeighborCommands(*set, platform);
    RegisterSshPubkeyCommands(*set, platform);
    RegisterInstallCommands(*set, platform);
    RegisterStackCommands(*set, platform);
    RegisterLoggingCommands(*set, platform);
    RegisterTclCommands(*set);
    RegisterLicenseCommands(*set, platform);
    RegisterPingCommands(*set);
    RegisterVocabulary(*set, platform);  // last: it fills in only the words still missing
  }
  return *set;
}

}  // namespace iosup
