#include "lab/lab_faults.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <unistd.h>

#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <cstdio>
#include <vector>

#include "device/commands/ios_command_set.h"
#include "lab/impaired_udp_relay.h"

namespace iosup {

namespace {

// Passes a download on to the device's sink with one byte flipped in the middle of the first
// data it sees: the copy completes, and its MD5 (and the image's own checksum) no longer match.
class CorruptingWriter : public FileWriter {
 public:
  explicit CorruptingWriter(FileWriter& sink) : sink_(sink) {}
  Status Append(std::span<const uint8_t> data) override {
    if (flipped_ || data.empty()) return sink_.Append(data);
    std::vector<uint8_t> copy(data.begin(), data.end());
    copy[copy.size() / 2] ^= 0x5a;
    flipped_ = true;
    return sink_.Append(copy);
  }
  Status Commit() override { return sink_.Commit(); }
  void Abort() override { sink_.Abort(); }
  uint64_t written() const override { return sink_.written(); }

 private:
  FileWriter& sink_;
  bool flipped_ = false;
};

std::string BaseName(const std::string& path) {
  const size_t slash = path.find_last_of("/:");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

// One device's TransferPort: the lab's port, through the faults on that device's paths.
class LabFaults::DevicePort : public TransferPort {
 public:
  DevicePort(LabFaults& faults, std::string device) : faults_(faults), device_(std::move(device)) {}

  std::shared_ptr<TransferHandle> Download(const RemoteFile& file, const TransferSettings& settings,
                                           FileWriter& sink, TransferProgress& progress,
                                           Done done) override {
    FileWriter* target = &sink;
    std::shared_ptr<CorruptingWriter> corrupt;
    const Fault* f = faults_.registry_.Find(device_, FaultKind::kCorruptCopy);
    if (f != nullptr && (f->Arg("file").empty() || BaseName(f->Arg("file")) == BaseName(file.path))) {
      corrupt = std::make_shared<CorruptingWriter>(sink);
      target = corrupt.get();
      faults_.registry_.Consume(f->id, "the copy of " + file.Url() + " to " + device_ + " flips a byte");
    }
    return Start(file, settings, target, nullptr, progress, std::move(done), corrupt);
  }
  std::shared_ptr<TransferHandle> Upload(const RemoteFile& file, const TransferSettings& settings,
                                         std::shared_ptr<FileReader> source,
                                         TransferProgress& progress, Done done) override {
    return Start(file, settings, nullptr, std::move(source), progress, std::move(done), nullptr);
  }

 private:
  // The impairment of the device's path to `server` (loss, delay and duplication faults together).
  std::optional<PathImpairment> Impairment(const std::string& server) const {
    PathImpairment p;
    bool any = false;
    for (const Fault& f : faults_.registry_.active()) {
      if (f.device() != device_ || (!f.server().empty() && f.server() != server)) continue;
      if (f.kind == FaultKind::kLoss) p.loss = f.NumberArg("percent") / 100, any = true;
      if (f.kind == FaultKind::kDuplicate) p.duplicate = f.NumberArg("percent") / 100, any = true;
      if (f.kind == FaultKind::kDelay) {
        p.delay = std::chrono::milliseconds(static_cast<int64_t>(f.NumberArg("ms")));
        any = true;
      }
    }
    if (!any) return std::nullopt;
    return p;
  }

  std::shared_ptr<TransferHandle> Start(const RemoteFile& file, const TransferSettings& settings,
                                        FileWriter* sink, std::shared_ptr<FileReader> source,
                                        TransferProgress& progress, Done done,
                                        std::shared_ptr<void> keep) {
    std::optional<LoopbackEndpoint> via;
    std::shared_ptr<ImpairedUdpRelay> relay;
    std::optional<LoopbackEndpoint> server = faults_.port_.Endpoint(file);
    std::optional<PathImpairment> impairment = Impairment(file.host);
    if (file.scheme == "tftp" && server && impairment) {
      asio::error_code ec;
      const asio::ip::address address = asio::ip::make_address(server->address, ec);
      Result<std::shared_ptr<ImpairedUdpRelay>> started =
          ec ? Result<std::shared_ptr<ImpairedUdpRelay>>(InvalidArgument(server->address))
             : ImpairedUdpRelay::Start(faults_.io_, asio::ip::udp::endpoint(address, server->port),
                                       *impairment, ++seed_);
      if (started.ok()) {
        relay = *started;
        via = LoopbackEndpoint{server->address, relay->port()};
      }
    }
    // The relay and the corrupting writer last as long as the transfer reports to its caller.
    Done wrapped = [done = std::move(done), relay, keep](Result<uint64_t> r) {
      if (relay) relay->Stop();
      done(r);
    };
    return faults_.port_.Start(file, settings, sink, std::move(source), progress, std::move(wrapped),
                               via);
  }

  LabFaults& faults_;
  std::string device_;
  uint32_t seed_ = 17;
};

// Watches one device for the faults that act at its reloads and boots.
class LabFaults::Watcher : public DeviceListener {
 public:
  Watcher(LabFaults& faults, Device& device)
      : faults_(faults), device_(device), timer_(faults.io_), state_(device.state()) {
    device_.AddListener(this);
  }
  ~Watcher() override { device_.RemoveListener(this); }

  void OnStateChanged(DeviceState state) override {
    const DeviceState before = std::exchange(state_, state);
    // Before the power comes back (a reload turns it on again from inside this same call).
    if (state == DeviceState::kOff && before != DeviceState::kOff) faults_.LoseFiles(device_);
    if (state == DeviceState::kBooting && before == DeviceState::kOff && !powering_on_) {
      OnReload();
    }
    if (state == DeviceState::kBooting && before != DeviceState::kBooting) {
      faults_.SilenceOspf(device_);
    }
    if (state == DeviceState::kRunning || state == DeviceState::kRomMonitor) CheckBootCrash();
    // Not from inside the device's own state change: the boot finishes first.
    if (state == DeviceState::kRunning && before != DeviceState::kRunning) {
      asio::post(faults_.io_, [this] { faults_.HoldLinksDown(device_); });
    }
  }

  // A power-lost fault ended: the device gets its power back if that fault had taken it.
  void PowerRestored() {
    if (!off_by_fault_) return;
    off_by_fault_ = false;
    PowerOn();
  }

 private:
  void OnReload() {
    FaultRegistry& registry = faults_.registry_;
    const Fault* lost = registry.Find(device_.name(), FaultKind::kPowerLost);
    const Fault* slow = registry.Find(device_.name(), FaultKind::kSlowReturn);
    if (lost == nullptr && slow == nullptr) return;
    const Duration off_for =
        slow != nullptr ? std::chrono::duration_cast<Duration>(
                              std::chrono::duration<double, std::ratio<60>>(slow->NumberArg("minutes")))
                        : Duration::zero();
    if (lost != nullptr) {
      faults_.Log(faults_.clock_.Now(), device_.name() + " lost power at its reload (fault #" +
                                            std::to_string(lost->id) + ")");
    } else {
      registry.Consume(slow->id, device_.name() + " stays off for " + slow->Arg("minutes") +
                                     " minutes after its reload");
    }
    const bool never = lost != nullptr;
    // Not from inside the device's own state change: the reload finishes first.
    asio::post(faults_.io_, [this, never, off_for] {
      device_.PowerOff();
      off_by_fault_ = true;
      if (never) return;
      timer_.expires_after(off_for);
      timer_.async_wait([this](const asio::error_code& ec) {
        if (ec || !off_by_fault_) return;
        off_by_fault_ = false;
        faults_.Log(faults_.clock_.Now(), device_.name() + " powers on again");
        PowerOn();
      });
    });
  }

  void PowerOn() {
    powering_on_ = true;
    device_.PowerOn();
    powering_on_ = false;
  }

  void CheckBootCrash() {
    const Fault* crash = faults_.registry_.Find(device_.name(), FaultKind::kBootCrash);
    if (crash == nullptr || device_.boot_crash_pending()) return;
    faults_.registry_.Consume(crash->id, "the boot of " + device_.name() + " crashed; " +
                                             (device_.image().path.empty()
                                                  ? std::string("no image started")
                                                  : "it runs " + device_.image().path));
  }

  LabFaults& faults_;
  Device& device_;
  asio::steady_timer timer_;
  DeviceState state_ = DeviceState::kOff;
  bool powering_on_ = false;
  bool off_by_fault_ = false;
};

LabFaults::LabFaults(asio::io_context& io, const Clock& clock, LabTransferPort& port,
                     std::string log_path, std::function<Device*(const std::string&)> find_device)
    : io_(io), clock_(clock), port_(port), log_path_(std::move(log_path)),
      find_device_(std::move(find_device)),
      registry_(clock, [this](const std::string& name) { return find_device_(name) != nullptr; },
                [this](WallTime when, const std::string& line) { Log(when, line); }) {
  registry_.set_observer([this](const Fault& f, bool active) { OnChange(f, active); });
}

LabFaults::~LabFaults() = default;

void LabFaults::Log(WallTime when, const std::string& line) {
  const std::string text = IsoTime(when) + " " + line + "\n";
  const int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd >= 0) {
    (void)!::write(fd, text.data(), text.size());
    ::close(fd);
  }
  if (echo_) {
    std::fputs(text.c_str(), stdout);
    std::fflush(stdout);
  }
}

void LabFaults::OnChange(const Fault& f, bool active) {
  Device* device = find_device_(f.device());
  if (device == nullptr) return;
  switch (f.kind) {
    case FaultKind::kSlowHash:
      if (!active) return device->set_verify_rate(std::nullopt);
      device->set_verify_rate(f.NumberArg("rate") > 0 ? static_cast<uint64_t>(f.NumberArg("rate"))
                                                      : device->platform().md5_bytes_per_sec);
      return;
    case FaultKind::kBootCrash:
      return device->CrashNextBootOf(active ? std::optional<std::string>(f.Arg("image")) : std::nullopt);
    case FaultKind::kPowerLost:
      if (!active) {
        auto w = watchers_.find(f.device());
        if (w != watchers_.end()) w->second->PowerRestored();
      }
      return;
    case FaultKind::kLinkDownAfterBoot:
      if (!active) ReleaseLink(f, *device);
      return;
    case FaultKind::kOspfNeighborLost:
      if (!active) ReleaseOspf(f, *device);
      return;
    default:
      return;  // asked for where they act (transfers, flash, SSH)
  }
}

void LabFaults::ForNewInterfaceFaults(Device& device, FaultKind kind,
                                      const std::function<bool(uint64_t id)>& applied,
                                      const std::function<void(const Fault&, const std::string&)>& apply) {
  for (const Fault& f : registry_.active()) {
    if (f.kind != kind || f.device() != device.name() || applied(f.id)) continue;
    const std::string typed = f.target.substr(f.target.find(':') + 1);
    const std::string interface = CanonicalInterface(device.platform(), typed);
    if (interface.empty()) {
      Log(clock_.Now(), "fault #" + std::to_string(f.id) + ": " + device.name() + " has no interface " + typed);
      continue;
    }
    apply(f, interface);
  }
}

void LabFaults::HoldLinksDown(Device& device) {
  if (device.state() != DeviceState::kRunning) return;
  ForNewInterfaceFaults(
      device, FaultKind::kLinkDownAfterBoot, [&](uint64_t id) { return links_held_down_.count(id) > 0; },
      [&](const Fault& f, const std::string& interface) {
        links_held_down_[f.id] = interface;
        device.SetLinkUp(interface, false);
        Log(clock_.Now(), device.name() + " " + interface + " stays down after its boot (fault #" +
                              std::to_string(f.id) + ")");
      });
}

void LabFaults::LoseFiles(Device& device) {
  const Fault* f = registry_.Find(device.name(), FaultKind::kFileLost);
  if (f == nullptr) return;
  const std::string pattern = f->Arg("file");
  const size_t slash = pattern.find_last_of("/:");
  const std::string dir = slash == std::string::npos ? "" : pattern.substr(0, slash + 1);
  const std::string glob = pattern.substr(slash == std::string::npos ? 0 : slash + 1);
  Result<ResolvedPath> where =
      dir.empty() ? Result<ResolvedPath>(device.file_systems().primary()) : device.file_systems().Resolve(dir);
  Result<std::vector<FileInfo>> files =
      where.ok() ? where->store->List(where->path) : Result<std::vector<FileInfo>>(where.status());
  std::string lost;
  if (files.ok()) {
    const std::string prefix = where->path.empty() ? "" : where->path + "/";
    for (const FileInfo& file : *files) {
      const std::string name = file.path.substr(file.path.find_last_of('/') + 1);
      if (file.is_directory || ::fnmatch(glob.c_str(), name.c_str(), 0) != 0) continue;
      Status gone = where->store->Delete(prefix + name);
      lost += (lost.empty() ? "" : ", ") + where->spec->name + ":" + prefix + name +
              (gone.ok() ? "" : " (not lost: " + gone.message() + ")");
    }
  }
  registry_.Consume(f->id, device.name() + " went off and lost " +
                               (!files.ok() ? "nothing (" + files.status().message() + ")"
                                : lost.empty() ? "nothing (no file matches " + pattern + ")"
                                               : lost));
}

void LabFaults::ReleaseLink(const Fault& f, Device& device) {
  auto held = links_held_down_.find(f.id);
  if (held == links_held_down_.end()) return;
  const std::string interface = held->second;
  links_held_down_.erase(held);
  device.SetLinkUp(interface, true);
  Log(clock_.Now(), device.name() + " " + interface + " has its link again");
}

void LabFaults::SilenceOspf(Device& device) {
  ForNewInterfaceFaults(
      device, FaultKind::kOspfNeighborLost, [&](uint64_t id) { return ospf_silenced_.count(id) > 0; },
      [&](const Fault& f, const std::string& interface) {
        ospf_silenced_[f.id] = {device.name(), interface};
        device.SetOspfSilent(interface, true);
        Log(clock_.Now(), device.name() + " " + interface +
                              " hears no OSPF hellos and sends none from this boot on (fault #" +
                              std::to_string(f.id) + ")");
      });
}

void LabFaults::ReleaseOspf(const Fault& f, Device& device) {
  auto silenced = ospf_silenced_.find(f.id);
  if (silenced == ospf_silenced_.end()) return;
  const std::pair<std::string, std::string> end = silenced->second;
  ospf_silenced_.erase(silenced);
  // Another fault on the same interface keeps it silent.
  for (const auto& [id, other] : ospf_silenced_) {
    if (other == end) return;
  }
  device.SetOspfSilent(end.second, false);
  Log(clock_.Now(), device.name() + " " + end.second + " exchanges OSPF hellos again");
}

std::function<FlashFaults()> LabFaults::FlashProbe(const std::string& name) {
  return [this, name] {
    return FlashFaults{registry_.Find(name, FaultKind::kFlashFull) != nullptr,
                       registry_.Find(name, FaultKind::kFlashWriteError) != nullptr};
  };
}

TransferPort* LabFaults::TransferPortFor(const std::string& name) {
  std::unique_ptr<DevicePort>& port = ports_[name];
  if (!port) port = std::make_unique<DevicePort>(*this, name);
  return port.get();
}

void LabFaults::Watch(Device& device) {
  watchers_[device.name()] = std::make_unique<Watcher>(*this, device);
}

void LabFaults::StopWatching() { watchers_.clear(); }

bool LabFaults::DropSshSessionNow(const std::string& device) {
  const Fault* f = registry_.Find(device, FaultKind::kSshDrop);
  if (f == nullptr) return false;
  registry_.Consume(f->id, "an SSH session on " + device + " dropped as a command was sent");
  return true;
}

Status LabFaults::AddDeclared(const std::vector<FaultRequest>& faults) {
  for (FaultRequest r : faults) {
    r.origin = "topology";
    Result<Fault> added = registry_.Add(r);
    if (!added.ok()) {
      return Status(added.status().code(), "faults: " + r.target + " " + r.kind + ": " +
                                               added.status().message());
    }
  }
  return Status::Ok();
}

}  // namespace iosup
