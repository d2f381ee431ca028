// The IOS command line of a platform: its modes and every command, declared as data and bound
// to the device model. Built once per platform; shared by every session of every device of it.
#ifndef IOSUP_DEVICE_COMMANDS_IOS_COMMAND_SET_H_
#define IOSUP_DEVICE_COMMANDS_IOS_COMMAND_SET_H_

#include "catalog/platform_catalog.h"
#include "cli/command_set.h"

namespace iosup {

const cli::CommandSet& IosCommandSet(const PlatformSpec& platform);

// Registration per concern (one file each). Each adds its commands to `set`.
void RegisterExecCommands(cli::CommandSet& set, const PlatformSpec& platform);
void RegisterShowCommands(cli::CommandSet& set, const PlatformSpec& platform);
void RegisterFileCommands(cli::CommandSet& set, const PlatformSpec& platform);
void RegisterFsCommands(cli::CommandSet& set);
void RegisterVerifyCommand(cli::CommandSet& set);
void RegisterReloadCommands(cli::CommandSet& set, const PlatformSpec& platform);
void RegisterConfigCommands(cli::CommandSet& set, const PlatformSpec& platform);
void RegisterSubmodeCommands(cli::CommandSet& set, const PlatformSpec& platform);
void RegisterSshPubkeyCommands(cli::CommandSet& set, const PlatformSpec& platform);
// IOS's words the emulation lacks (ios_vocabulary.cc): registered after every command.
void RegisterVocabulary(cli::CommandSet& set, const PlatformSpec& platform);
// IOS-XE install mode: install ..., show install ..., request platform software package expand.
void RegisterInstallCommands(cli::CommandSet& set, const PlatformSpec& platform);
void RegisterLoggingCommands(cli::CommandSet& set, const PlatformSpec& platform);
void RegisterTclCommands(cli::CommandSet& set);
void RegisterLicenseCommands(cli::CommandSet& set, const PlatformSpec& platform);
void RegisterPingCommands(cli::CommandSet& set);
// Catalyst 9300 stacks: show switch [detail].
void RegisterStackCommands(cli::CommandSet& set, const PlatformSpec& platform);

// "Gi0/0/0", "g 0/0/0", "GigabitEthernet0/0/0" -> "GigabitEthernet0/0/0": an interface of
// `platform` or one that can be created (Loopback, Vlan, Tunnel, Port-channel); empty if not.
std::string CanonicalInterface(const PlatformSpec& platform, std::string typed);

// Adds a command; a malformed declaration is a programming error caught by the tests.
void Declare(cli::CommandSet& set, const std::vector<std::string>& modes, cli::CommandSpec spec,
             cli::Handler handler);

}  // namespace iosup

#endif  // IOSUP_DEVICE_COMMANDS_IOS_COMMAND_SET_H_
