// The inventory and policy that upgrade a running lab with `iosup upgrade`: every device reached
// over SSH on loopback (with its console socket for diagnosis), and every image the lab's servers
// hold with the MD5 they publish. `iosup lab` writes them into the lab directory; `iosup demo`
// uses them as its default policy.
#ifndef IOSUP_LAB_LAB_UPGRADE_FILES_H_
#define IOSUP_LAB_LAB_UPGRADE_FILES_H_

#include <string>

#include "lab/lab_host.h"

namespace iosup {

std::string LabInventoryYaml(LabHost& host);
// kNotFound when a server has no manifest for an image it should hold.
Result<std::string> LabPolicyYaml(const LabHost& host);

struct LabUpgradeFiles {
  std::string inventory, policy;  // paths
};
struct LabPolicyFile {
  std::string name = "policy.yaml";  // in the lab directory
  bool keep_existing = true;         // a policy a person may have edited is left as it is
};
// Writes LAB/inventory.yaml and the policy file, atomically.
Result<LabUpgradeFiles> WriteLabUpgradeFiles(LabHost& host, const LabPolicyFile& policy = {});

}  // namespace iosup

#endif  // IOSUP_LAB_LAB_UPGRADE_FILES_H_
