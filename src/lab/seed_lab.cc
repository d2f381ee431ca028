#include "lab/seed_lab.h"

namespace iosup {

const std::vector<SeedDevice>& SeedLabDevices() {
  static const std::vector<SeedDevice> kDevices = {
      {
          .name = "R1",
          .platform = "ISR4321",
          .hostname = "NetsTuts_R1",
          .global_lines = {"hostname NetsTuts_R1",
                           "boot system bootflash:isr4300-universalk9.16.09.06.SPA.bin",
                           "enable secret 0 cisco", "username admin privilege 15 secret 0 cisco",
                           "ip scp server enable", "ip ssh version 2"},
          .section_lines = {{"interface GigabitEthernet0/0/0", "ip address 192.168.1.1 255.255.255.0"},
                            {"interface GigabitEthernet0/0/1", "ip address 10.0.12.1 255.255.255.0"},
                            {"line vty 0 4", "login local"},
                            {"line vty 0 4", "transport input ssh telnet"}},
          .target_image = "isr4300-universalk9.16.12.04.SPA.bin",
          .target_size = 521347072,
      },
      {
          .name = "SW1",
          .platform = "C2960",
          .hostname = "NetsTuts_SW1",
          .global_lines = {"hostname NetsTuts_SW1",
                           "boot system flash:c2960-lanbasek9-mz.152-7.E6.bin",
                           "enable secret 0 cisco", "username admin privilege 15 secret 0 cisco",
                           "ip scp server enable", "ip ssh version 2",
                           "ip default-gateway 192.168.1.1"},
          .section_lines = {{"interface Vlan1", "ip address 192.168.1.10 255.255.255.0"},
                            {"line vty 0 4", "login local"},
                            {"line vty 0 4", "transport input ssh telnet"}},
          .target_image = "c2960-lanbasek9-mz.152-7.E9.bin",
          .target_size = 12582912,
      },
  };
  return kDevices;
}

Status ApplySeedConfig(Device& device, const SeedDevice& seed) {
  Result<std::string> startup = device.ReadStartupText();
  Config config = startup.ok() ? Config::Parse(*startup) : Config();
  if (config.hostname() == seed.hostname) return Status::Ok();
  for (const std::string& line : seed.global_lines) {
    if (line.starts_with("boot system ")) {
      Result<BootStatement> b = ParseBootStatement(line.substr(12));
      if (!b.ok()) return b.status();
      config.AddBootStatement(*b);
    } else {
      config.SetLine(line);
    }
  }
  for (const auto& [header, line] : seed.section_lines) {
    config.SetSectionLine(header, line);
    if (line.starts_with("ip address")) config.SetSectionLine(header, "no shutdown");
  }
  device.running_config() = config;
  return device.SaveRunningConfig();
}

}  // namespace iosup
