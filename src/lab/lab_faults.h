// The lab's fault injector: the fault registry (fault_registry.h) and the effects that make each
// active fault visible through real clients, exactly as the real failure is:
//   loss / delay / duplicate   a device's TFTP transfers cross an ImpairedUdpRelay (dots, retries)
//   corrupt                    the next download onto the device flips a byte
//   flash-full / -write-error  the device's flash stores fail (faulty_flash_store.h)
//   slow-hash                  `verify` paced at the platform's (or a given) MD5 rate
//   boot-crash                 Device::CrashNextBootOf
//   power-lost / slow-return   the device stays off after its next reload (for N minutes)
//   ssh-drop                   the SSH server drops the session running the next command
//   link-down-after-boot       from the device's next boot its interface has no link, until cleared
//   ospf-neighbor-lost         from the device's next boot no OSPF hello crosses its interface
//                              (Device::SetOspfSilent, both ways; the link stays up), until cleared
//   file-lost                  the files it names leave the device's flash as its reload begins
// Every change to the registry is a line in LAB/events.log with its time (and on stdout when
// echo is on). Lives on the devices' loop; not thread-safe.
#ifndef IOSUP_LAB_LAB_FAULTS_H_
#define IOSUP_LAB_LAB_FAULTS_H_

#include <asio/io_context.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "device/device.h"
#include "lab/fault_registry.h"
#include "lab/faulty_flash_store.h"
#include "lab/lab_transfer_port.h"

namespace iosup {

class LabFaults {
 public:
  // `io`, `clock` and `port` must outlive it. `known_device` says whether the lab has a device.
  LabFaults(asio::io_context& io, const Clock& clock, LabTransferPort& port, std::string log_path,
            std::function<Device*(const std::string& name)> find_device);
  ~LabFaults();

  FaultRegistry& registry() { return registry_; }
  // Each event also printed on stdout (a foreground lab).
  void set_echo(bool echo) { echo_ = echo; }

  // What the device `name`'s flash stores ask (LabStorage::OpenDevice).
  std::function<FlashFaults()> FlashProbe(const std::string& name);
  // The device's transfer port: the lab's, through this device's faults. Owned here.
  TransferPort* TransferPortFor(const std::string& name);
  // Starts watching the device (reload faults, boot crashes), after its first power-on; the
  // device must outlive the watch (StopWatching ends them all).
  void Watch(Device& device);
  void StopWatching();
  // Whether the SSH session on `device` that is about to run a command is to be dropped now
  // (an ssh-drop fault, consumed by that answer).
  bool DropSshSessionNow(const std::string& device);

  // Declared faults (the topology's `faults:`); the first one refused stops it.
  Status AddDeclared(const std::vector<FaultRequest>& faults);

 private:
  class DevicePort;
  class Watcher;
  void Log(WallTime when, const std::string& line);
  // Calls `apply` for each active `kind` fault of `device` not yet `applied`, with the interface
  // its target names (canonical); a target naming no interface of the device is logged instead.
  void ForNewInterfaceFaults(Device& device, FaultKind kind,
                             const std::function<bool(uint64_t id)>& applied,
                             const std::function<void(const Fault&, const std::string&)>& apply);
  // The device just booted: the interfaces of its link-down-after-boot faults lose their link.
  void HoldLinksDown(Device& device);
  // The device just went off: its file-lost fault deletes the files it names, before the boot.
  void LoseFiles(Device& device);
  // A link-down-after-boot fault ended: the interface it held down gets its link back.
  void ReleaseLink(const Fault& fault, Device& device);
  // The device's boot begins: the interfaces of its ospf-neighbor-lost faults go OSPF-silent.
  // Before the boot ends, so that the new image never forms the adjacency, not even for a tick.
  void SilenceOspf(Device& device);
  // An ospf-neighbor-lost fault ended: its interface hears and is heard again.
  void ReleaseOspf(const Fault& fault, Device& device);
  void OnChange(const Fault& fault, bool active);

  asio::io_context& io_;
  const Clock& clock_;
  LabTransferPort& port_;
  std::string log_path_;
  std::function<Device*(const std::string&)> find_device_;
  FaultRegistry registry_;
  bool echo_ = false;
  std::map<std::string, std::unique_ptr<DevicePort>> ports_;
  std::map<std::string, std::unique_ptr<Watcher>> watchers_;
  std::map<uint64_t, std::string> links_held_down_;  // fault id -> the interface it holds down
  // fault id -> the device and interface it silences
  std::map<uint64_t, std::pair<std::string, std::string>> ospf_silenced_;
};

}  // namespace iosup

#endif  // IOSUP_LAB_LAB_FAULTS_H_
