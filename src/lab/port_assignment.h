// The SSH and telnet ports each device of a lab listens on, kept in the lab directory
// (LAB/ports.yaml) so that a device keeps its ports across restarts of the same lab and the
// inventories written beside it stay valid. Written atomically (temp file, rename).
//
//   # iosup lab: the ports each device listens on; kept across restarts.
//   R1: {ssh: 2201, telnet: 2301}
#ifndef IOSUP_LAB_PORT_ASSIGNMENT_H_
#define IOSUP_LAB_PORT_ASSIGNMENT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "base/status.h"

namespace iosup {

struct DevicePorts {
  uint16_t ssh = 0;
  uint16_t telnet = 0;
  bool operator==(const DevicePorts&) const = default;
};

class PortAssignment {
 public:
  // LAB/ports.yaml.
  static std::string PathIn(const std::string& lab_dir);
  // The assignment saved at `path`: empty when there is none; kInvalidArgument (with the file's
  // name) when it cannot be read as one, so a caller can say so and start afresh.
  static Result<PortAssignment> Load(const std::string& path);

  // The ports `device` had, if it had any.
  std::optional<DevicePorts> Find(const std::string& device) const;
  void Set(const std::string& device, DevicePorts ports) { ports_[device] = ports; }
  size_t size() const { return ports_.size(); }

  std::string ToYaml() const;
  Status Save(const std::string& path) const;

 private:
  std::map<std::string, DevicePorts> ports_;
};

}  // namespace iosup

#endif  // IOSUP_LAB_PORT_ASSIGNMENT_H_
