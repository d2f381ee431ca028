#include "lab/lab_host.h"

#include "lab/lab_device.h"
#include "lab/netboot_buffers.h"
#include "lab/server_files.h"

#include <asio/post.hpp>
#include <algorithm>
#include <utility>

#include "platform/posix_file.h"

namespace iosup {

namespace {

constexpr auto kTickPeriod = std::chrono::milliseconds(100);

}  // namespace

LabHost::LabHost(Options options, const Clock& clock)
    : options_(std::move(options)),
      clock_(clock),
      tick_timer_(io_),
      work_pool_(kWorkThreads, [this](std::function<void()> done) { asio::post(io_, std::move(done)); }) {}

LabHost::~LabHost() {
  // Control services and front-ends first (they reference devices), then the fault watchers,
  // then devices (the fault injector's ports go after them), then servers, on their own thread.
  services_.clear();
  for (HostedDevice& d : devices_) d.frontends.clear();
  if (faults_) faults_->StopWatching();
  for (HostedDevice& d : devices_) d.device->set_link_state(nullptr);
  devices_.clear();
  faults_.reset();
  server_loop_.Stop([this] {
    tftp_servers_.clear();
    file_servers_.clear();
  });
}

Result<std::unique_ptr<LabHost>> LabHost::Start(const Topology& topology, Options options,
                                                const Clock& clock) {
  std::unique_ptr<LabHost> host(new LabHost(std::move(options), clock));
  Result<std::unique_ptr<LabStorage>> storage = LabStorage::Open(host->options_.dir, clock);
  if (!storage.ok()) return storage.status();
  host->storage_ = std::move(*storage);
  host->port_ = std::make_unique<LabTransferPort>(host->io_, host->map_);
  LabHost* raw = host.get();
  host->faults_ = std::make_unique<LabFaults>(
      host->io_, clock, *host->port_, host->options_.dir + "/events.log",
      [raw](const std::string& name) -> Device* {
        for (HostedDevice& d : raw->devices_) {
          if (d.definition.name == name) return d.device.get();
        }
        return nullptr;
      });
  host->network_ = std::make_unique<NetworkModel>(topology, host->map_);
  // The lab's servers take the lab's credentials (the first device's, which the lab prints).
  LabCredentials credentials;
  if (!topology.devices.empty()) {
    credentials = {topology.devices.front().username, topology.devices.front().password};
  }
  for (const ServerDefinition& s : topology.servers) {
    IOSUP_RETURN_IF_ERROR(host->StartServer(s, credentials));
  }
  // The servers' files are staged (on a first start, generated: hundreds of MB) while the
  // devices are provisioned; the lab is up once both are done, before anything runs its loops.
  std::vector<ServerRoot> roots;
  for (const HostedServer& s : host->servers_) roots.push_back({s.root, s.manifest, s.definition.files});
  std::future<Result<std::vector<PublishedFiles>>> staged = StageServerFilesAsync(std::move(roots));
  IOSUP_RETURN_IF_ERROR(host->PrepareDeviceImages(topology));
  // Before the first power-on: a device may boot from one of these servers.
  host->server_loop_.Start();
  host->devices_.reserve(topology.devices.size());
  for (const DeviceDefinition& d : topology.devices) IOSUP_RETURN_IF_ERROR(host->StartDevice(d));
  Result<std::vector<PublishedFiles>> published = staged.get();
  if (!published.ok()) return published.status();
  for (size_t i = 0; i < host->servers_.size(); ++i) host->servers_[i].published = (*published)[i];
  IOSUP_RETURN_IF_ERROR(host->faults_->AddDeclared(topology.faults));
  host->ScheduleTick();
  return host;
}

Status LabHost::StartServer(const ServerDefinition& def, const LabCredentials& credentials) {
  HostedServer s{def, options_.dir + "/servers/" + def.address};
  IOSUP_RETURN_IF_ERROR(MakeDirs(s.root));
  s.manifest = s.root + "/MD5SUMS";  // written, with `published`, once the files are staged
  Result<LabTftpServer> served = ServeLabDirectory(server_loop_, s.root, def.address, map_);
  if (!served.ok()) return served.status();
  s.port = served->port;
  port_->ServeLocally(def.address, s.root);
  tftp_servers_.push_back(std::move(*served));
  // The SCP host key stays outside the served root.
  IOSUP_RETURN_IF_ERROR(MakeDirs(options_.dir + "/keys"));
  Result<LabFileServers> files = ServeLabFiles(server_loop_, s.root, def.address, credentials,
                                               options_.dir + "/keys/server-" + def.address + ".key",
                                               map_);
  if (!files.ok()) return files.status();
  s.ftp_port = files->ftp->port();
  s.http_port = files->http->port();
  s.scp_port = files->scp->port();
  file_servers_.push_back(std::move(*files));
  servers_.push_back(s);
  return Status::Ok();
}

Status LabHost::PrepareDeviceImages(const Topology& topology) {
  std::vector<ImageRecipe> images;
  for (const DeviceDefinition& d : topology.devices) {
    if (storage_->HasDevice(d.name)) continue;  // provisioned before
    Result<const PlatformSpec*> platform = FindPlatform(d.platform);
    if (!platform.ok()) continue;  // StartDevice says why
    Result<ImageRecipe> image = LabDeviceImage(d, **platform);
    if (!image.ok()) continue;
    auto same = [&](const ImageRecipe& r) { return r.Key() == image->Key(); };
    if (std::none_of(images.begin(), images.end(), same)) images.push_back(*image);
  }
  return storage_->PrepareImages(images);
}

Status LabHost::StartDevice(const DeviceDefinition& def) {
  Result<const PlatformSpec*> platform = FindPlatform(def.platform);
  if (!platform.ok()) return platform.status();
  DeviceOptions options{.name = def.name, .stack_members = def.stack, .stack_specs = def.members};
  if (options_.realistic_boot) options.boot_time = (*platform)->realistic_boot_time;
  options.realistic_file_timing = options_.realistic_file_timing;
  Result<std::unique_ptr<Device>> device =
      storage_->OpenDevice(**platform, options, faults_->FlashProbe(def.name));
  if (!device.ok()) return device.status();
  Device& d = **device;
  IOSUP_RETURN_IF_ERROR(ProvisionLabDevice(*storage_, d, def));
  // Unanswered transfers fail after IOS's TFTP retries when the lab keeps real time; at once
  // otherwise.
  const Duration give_up = options_.realistic_file_timing ? std::chrono::seconds(30) : Duration::zero();
  auto transfers = std::make_unique<RoutedTransferPort>(
      io_, *faults_->TransferPortFor(def.name),
      [this, &d, management = def.interface](const std::string& host) {
        return TransferReaches(d, management, host);
      },
      give_up);
  d.set_transfer(transfers.get());
  d.set_network(network_.get());
  d.set_link_state(network_.get());
  network_->AddDevice(&d, def.interface);
  d.set_work_pool(&work_pool_);
  d.set_image_buffers(ScratchImageBuffers(options_.dir + "/netboot"));
  d.PowerOn();
  // A lab comes up at once; reloads afterwards take the quick boot time.
  if (!options_.realistic_boot) d.set_boot_time(options_.quick_boot);
  faults_->Watch(d);
  devices_.push_back(HostedDevice{def, std::move(*device)});
  devices_.back().transfers = std::move(transfers);
  return Status::Ok();
}

bool LabHost::TransferReaches(const Device& d, const std::string& management,
                              const std::string& host) {
  if (d.state() == DeviceState::kRunning) return d.Reachable(host);
  if (d.state() != DeviceState::kBooting) return true;  // the monitor's own settings rule there
  // A `boot system tftp:` fetch: the image comes in by the management interface, unless the
  // startup-config shuts it or its cable leads nowhere.
  Result<std::string> startup = d.ReadStartupText();
  if (startup.ok()) {
    std::optional<InterfaceConfig> ic = Config::Parse(*startup).interface(management);
    if (ic && ic->shutdown) return false;
  }
  return network_->Carrier(d.name(), management);
}

void LabHost::ScheduleTick() {
  tick_timer_.expires_after(kTickPeriod);
  tick_timer_.async_wait([this](const asio::error_code& ec) {
    if (ec) return;
    for (HostedDevice& d : devices_) d.device->Tick();
    ScheduleTick();
  });
}

Status LabHost::Attach(const std::function<Status(HostedDevice&, size_t)>& attach) {
  for (size_t i = 0; i < devices_.size(); ++i) IOSUP_RETURN_IF_ERROR(attach(devices_[i], i));
  return Status::Ok();
}

void LabHost::Run() {
  {
    std::lock_guard lock(run_mutex_);
    // A Stop() that came first (from another thread) counts: restart() would undo it.
    if (std::exchange(stop_requested_, false)) return;
    io_.restart();
  }
  io_.run();
  std::lock_guard lock(run_mutex_);
  stop_requested_ = false;
}

void LabHost::Stop() {
  std::lock_guard lock(run_mutex_);
  stop_requested_ = true;
  io_.stop();
}

}  // namespace iosup
