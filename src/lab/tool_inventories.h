// Inventories of a running lab for the tools people already use, written beside the lab's own
// inventory.yaml so each tool reaches the devices with no hand editing:
//   LAB/ansible-inventory.yaml   Ansible (cisco.ios over ansible.netcommon.network_cli, enable)
//   LAB/nornir/hosts.yaml, groups.yaml, config.yaml   Nornir's SimpleInventory (netmiko, napalm)
//   LAB/pyats-testbed.yaml       a pyATS / Genie testbed (unicon over ssh)
// Every device is reached over SSH on loopback at the port it keeps across restarts
// (port_assignment.h), so these files stay valid from one start of the lab to the next.
#ifndef IOSUP_LAB_TOOL_INVENTORIES_H_
#define IOSUP_LAB_TOOL_INVENTORIES_H_

#include <string>
#include <vector>

#include "lab/lab_host.h"

namespace iosup {

std::string AnsibleInventoryYaml(LabHost& host);
std::string NornirHostsYaml(LabHost& host);
std::string NornirGroupsYaml(LabHost& host);
// Nornir's config.yaml: InitNornir(config_file=...) loads the two files above.
std::string NornirConfigYaml(LabHost& host);
std::string PyatsTestbedYaml(LabHost& host);

// Writes every file above (each atomically) and returns their paths.
Result<std::vector<std::string>> WriteToolInventories(LabHost& host);

}  // namespace iosup

#endif  // IOSUP_LAB_TOOL_INVENTORIES_H_
