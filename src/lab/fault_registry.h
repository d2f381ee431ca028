// The faults of a running lab, as data: each fault has an id, a target (a device "R1", a device's
// path to a server "R1->192.168.1.100", or a link "R1:Gi0/0/1"), a kind, its arguments and the
// time it started. A fault is active until cleared, or, for the one-shot kinds (the next copy,
// the next boot, the next reload, the next command), until the lab consumes it. Every change is
// an event with its time, handed to the registry's event sink (the lab's log).
//
// The registry only records; the lab (fault_injector.h) makes the effects. Not thread-safe: it
// lives on the lab's devices' loop.
#ifndef IOSUP_LAB_FAULT_REGISTRY_H_
#define IOSUP_LAB_FAULT_REGISTRY_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace iosup {

enum class FaultKind {
  kLoss,              // datagrams lost on the path to a server (percent)
  kDelay,             // datagrams held back (ms)
  kDuplicate,         // datagrams sent twice (percent)
  kCorruptCopy,       // the next copy onto the device flips bytes (one-shot)
  kFlashFull,         // the device's flash reports no free space
  kFlashWriteError,   // writes to the device's flash fail
  kSlowHash,          // `verify /md5` hashes at the platform's real rate (or `rate` bytes/s)
  kBootCrash,         // the next boot of an image crashes (one-shot)
  kPowerLost,         // the device does not come back from its next reload
  kSlowReturn,        // the device comes back from its next reload only after `minutes`
  kSshDrop,           // the SSH server drops a session in the middle of the next command
  kLinkDownAfterBoot, // an interface has no link from the device's next boot until cleared
  kOspfNeighborLost,  // no OSPF adjacency over an interface from the device's next boot until cleared
  kFileLost,          // the device's next reload loses a file from its flash (one-shot)
};

enum class FaultTarget { kDevice, kPath, kLink };

// One row per kind: its name on the command line and in JSON, what it targets, its arguments in
// positional order with their defaults ("" for none), whether using it once ends it.
struct FaultKindInfo {
  FaultKind kind;
  const char* name;
  FaultTarget target;
  std::vector<std::pair<std::string, std::string>> args;
  bool one_shot;
  const char* help;
  size_t required = 0;  // how many of `args`, from the first, must be given
};
std::span<const FaultKindInfo> FaultKinds();
const FaultKindInfo* FindFaultKind(const std::string& name);
const FaultKindInfo& InfoOf(FaultKind kind);

struct Fault {
  uint64_t id = 0;
  std::string target;  // "R1", "R1->192.168.1.100" or "R1:Gi0/0/1"
  FaultKind kind = FaultKind::kLoss;
  std::map<std::string, std::string> args;
  WallTime started;
  std::string origin;  // "cli", "http", "topology"

  // The device a fault concerns: the target up to "->" or ":".
  std::string device() const;
  // The server of a path target ("192.168.1.100"), empty for a device's every path.
  std::string server() const;
  std::string Arg(const std::string& name) const;
  double NumberArg(const std::string& name) const;  // 0 when absent or not a number
  // "#3 R1 loss percent=30 (since 2026-12-05T00:31:02Z, cli)"
  std::string Describe() const;
};

// What a fault request says before the registry checks it.
struct FaultRequest {
  std::string target;
  std::string kind;
  std::vector<std::string> args;  // "30" (positional) or "percent=30"
  std::string origin = "cli";
};

class FaultRegistry {
 public:
  // `clock` stamps faults and events; it must outlive the registry. `known_target` says whether
  // a device (or link) name exists in the lab.
  using EventSink = std::function<void(WallTime when, const std::string& line)>;
  FaultRegistry(const Clock& clock, std::function<bool(const std::string& device)> known_device,
                EventSink events);

  // kInvalidArgument for an unknown kind, a target of the wrong sort or an unknown device, an
  // unknown or malformed argument; kNotFound for an unknown device.
  Result<Fault> Add(const FaultRequest& request);
  // kNotFound when no active fault has that id.
  Status Clear(uint64_t id, const std::string& by);
  size_t ClearAll(const std::string& by);
  // A one-shot fault did its work: it ends, logged as consumed with `what`.
  void Consume(uint64_t id, const std::string& what);

  const std::vector<Fault>& active() const { return active_; }
  // The active fault of `kind` on `device` (any target that names it), the oldest first.
  const Fault* Find(const std::string& device, FaultKind kind) const;
  // Told of every fault added, cleared or consumed (after the registry changed).
  using Observer = std::function<void(const Fault& fault, bool active)>;
  void set_observer(Observer o) { observer_ = std::move(o); }

 private:
  Status Parse(const FaultRequest& request, const FaultKindInfo& info, Fault& out) const;
  void Remove(std::vector<Fault>::iterator it, const std::string& how);

  const Clock& clock_;
  std::function<bool(const std::string&)> known_device_;
  EventSink events_;
  Observer observer_;
  uint64_t next_id_ = 1;
  std::vector<Fault> active_;
};

// "2026-12-05T00:31:02Z".
std::string IsoTime(WallTime t);

}  // namespace iosup

#endif  // IOSUP_LAB_FAULT_REGISTRY_H_
