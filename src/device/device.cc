#include "device/device.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "device/boot_console.h"
#include "device/install/provisioning_file.h"
#include "device/ios_time.h"
#include "device/standard_acl.h"

namespace iosup {

namespace {

constexpr std::string_view kEnvFile = "env.json";
constexpr uint64_t kEnvCapacity = 1 << 20;
constexpr std::string_view kSpoolStore = "spool";
constexpr uint16_t kIgnoreStartupBit = 0x0040;
// A `boot system tftp:` fetch asks for large blocks so a 500 MB image loads in about a second;
// the console shows the same '!' per 512 KB whatever the block size.
constexpr int kNetbootBlockSize = 8192;

int64_t Nanos(WallTime t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

}  // namespace

// The boot sequence in progress, how its console output is rendered, and the image fetch it
// waits for, if any. A run dropped before its end (reload, power-off, BREAK, the device's end)
// abandons that fetch.
struct Device::BootRun {
  BootRun(const Device& d, uint64_t id, BootInputs in, bool monitor,
          std::unique_ptr<FileReader> image)
      : id(id),
        sequence(std::move(in)),
        console(d.board_facts(), d.file_systems().primary().store->Space(), monitor),
        from_monitor(monitor),
        received(std::move(image)) {}
  ~BootRun();
  uint64_t id;  // tells this run from a later one a listener may have started meanwhile
  BootSequence sequence;
  BootConsole console;
  bool from_monitor;                     // a `boot` typed at the monitor prompt
  std::unique_ptr<FileReader> received;  // the switch loader's image, already here
  std::shared_ptr<NetFetch> fetch;       // while it waits for a network image
};

// One image fetch, as the TransferPort sees it: the progress it reports and the buffer it
// fills. The port holds it (through its `done`) until the transfer ends. When the device stops
// waiting first, the fetch is abandoned: its transfer cancelled, its buffer dropped, `device`
// null, so that nothing reaches the device even from a port that reports late.
class Device::NetFetch : public TransferProgress {
 public:
  NetFetch(Device& d, NetImageRequest request, std::unique_ptr<ImageBuffer> buffer)
      : device(&d), request(std::move(request)), buffer(std::move(buffer)) {}

  Status OnStart(std::optional<uint64_t>) override {
    if (device == nullptr) return Status(ErrorCode::kAborted, "boot abandoned");
    device->Emit(device->boot_->console.FetchStarted(request));
    return Status::Ok();
  }
  void OnProgress(uint64_t bytes) override {
    if (device != nullptr) device->Emit(device->boot_->console.FetchProgress(bytes));
  }
  void OnTimeout() override {
    if (device != nullptr) device->Emit(device->boot_->console.FetchTimeout());
  }
  // The port's `done`. A port may report it before Download returns (`starting`): the device
  // takes it from `ended_early` then.
  void Ended(const Result<uint64_t>& r) {
    if (device == nullptr) return;
    if (starting) {
      ended_early = TakeImage(r);
      return;
    }
    // Nothing reaches the device after the end, even a hook a port reports late.
    std::exchange(device, nullptr)->OnFetchEnded(TakeImage(r));
  }

  // The device stops waiting. While Download has not returned (abandoned from inside the port)
  // there is no transfer to cancel yet: StartFetch finishes the job when it returns.
  void Abandon() {
    device = nullptr;
    if (transfer == nullptr) return;
    transfer->Cancel();
    buffer.reset();  // aborted: a scratch file goes now, not when the port lets go of the fetch
  }

  Device* device;
  NetImageRequest request;
  std::unique_ptr<ImageBuffer> buffer;
  std::shared_ptr<TransferHandle> transfer;
  bool starting = true;
  std::optional<Result<std::unique_ptr<FileReader>>> ended_early;

 private:
  Result<std::unique_ptr<FileReader>> TakeImage(const Result<uint64_t>& r) {
    Status s = r.status();
    if (s.ok()) s = buffer->Commit();
    if (!s.ok()) {
      buffer->Abort();
      return s;
    }
    return buffer->TakeReader();
  }
};

Device::BootRun::~BootRun() {
  if (fetch != nullptr) fetch->Abandon();
}

std::string_view DeviceStateName(DeviceState s) {
  switch (s) {
    case DeviceState::kOff: return "off";
    case DeviceState::kBooting: return "booting";
    case DeviceState::kRunning: return "running";
    case DeviceState::kRomMonitor: return "rom-monitor";
  }
  return "off";
}

Result<std::unique_ptr<Device>> Device::Create(const PlatformSpec& platform, DeviceOptions options,
                                               const Clock& clock, StoreProvider& stores) {
  std::unique_ptr<Device> d(new Device(platform, std::move(options), clock));
  for (const FileSystemSpec& spec : platform.file_systems) {
    if (spec.capacity == 0) continue;  // a slot with nothing plugged in (USB)
    Result<std::unique_ptr<FlashStore>> store = stores.Open(spec.name, spec.capacity, spec.block_size);
    if (!store.ok()) return store.status();
    d->fs_table_.Add(&spec, store->get());
    d->stores_.push_back(std::move(*store));
  }
  Result<std::unique_ptr<FlashStore>> env = stores.Open("env", kEnvCapacity, 1);
  if (!env.ok()) return env.status();
  d->env_store_ = std::move(*env);
  d->install_ = std::make_unique<InstallManager>(platform, *d->fs_table_.primary().store,
                                                 *d->env_store_, clock);
  Result<std::vector<FlashStore*>> member_flash = d->OpenMemberFlash(stores);
  if (!member_flash.ok()) return member_flash.status();
  d->install_->set_members(std::move(*member_flash));
  IOSUP_RETURN_IF_ERROR(d->install_->Load());
  if (d->options_.realistic_file_timing) {
    // Room for the largest file any file system of the device can take.
    uint64_t largest = 0;
    for (const FileSystemSpec& spec : platform.file_systems) largest = std::max(largest, spec.capacity);
    Result<std::unique_ptr<FlashStore>> spool = stores.Open(kSpoolStore, largest, 1);
    if (!spool.ok()) return spool.status();
    // What a copy left there when the process stopped is of no use to anyone.
    IOSUP_RETURN_IF_ERROR((*spool)->Format());
    d->spool_ = std::move(*spool);
  }
  IOSUP_RETURN_IF_ERROR(d->LoadEnvironment());
  return d;
}

// Each stack member's flash under the primary's names with its number: flash-2: (bootflash-2:)
// on IOS-XE, flash2: on a classic IOS stack (3750-X).
Result<std::vector<FlashStore*>> Device::OpenMemberFlash(StoreProvider& stores) {
  std::vector<FlashStore*> member_flash;
  for (int k = 2; k <= stack_.size(); ++k) {
    FileSystemSpec spec = platform_.primary_fs();
    const std::string suffix =
        (platform_.version_style == VersionStyle::kCatalyst9k ? "-" : "") + std::to_string(k);
    spec.name += suffix;
    for (std::string& alias : spec.aliases) alias += suffix;
    spec.in_show_version = false;
    for (const StackMemberSpec& m : options_.stack_specs) {
      if (m.number == k && m.flash_bytes > 0) spec.capacity = m.flash_bytes;
    }
    Result<std::unique_ptr<FlashStore>> store = stores.Open(spec.name, spec.capacity, spec.block_size);
    if (!store.ok()) return store.status();
    member_specs_.push_back(std::move(spec));
    fs_table_.Add(&member_specs_.back(), store->get());
    member_flash.push_back(store->get());
    stores_.push_back(std::move(*store));
  }
  return member_flash;
}

Device::Device(const PlatformSpec& platform, DeviceOptions options, const Clock& clock)
    : platform_(platform),
      options_(std::move(options)),
      clock_(clock),
      stack_(options_.stack_members, options_.stack_specs) {}

Device::~Device() {
  AbandonBoot();
  AbandonWork();
}

Status Device::LoadEnvironment() {
  confreg_next_ = platform_.default_config_register;
  Result<std::string> text = ReadWholeStoreFile(*env_store_, kEnvFile);
  if (!text.ok()) {
    return text.status().code() == ErrorCode::kNotFound ? Status::Ok() : text.status();
  }
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Corrupt("device environment of " + options_.name);
  confreg_next_ = j.value("confreg", platform_.default_config_register);
  last_reload_reason_ = j.value("last_reload_reason", "power-on");
  if (j.contains("last_reload_at")) {
    last_reload_at_ = WallTime(std::chrono::duration_cast<Duration>(
        std::chrono::nanoseconds(j.value("last_reload_at", int64_t{0}))));
  }
  return Status::Ok();
}

Status Device::SaveEnvironment() {
  nlohmann::json j = {{"confreg", confreg_next_}, {"last_reload_reason", last_reload_reason_}};
  if (last_reload_at_) j["last_reload_at"] = Nanos(*last_reload_at_);
  return WriteWholeFile(*env_store_, kEnvFile, j.dump());
}

Status Device::WriteGeneratedImage(FlashStore& store, const std::string& path,
                                   const ImageRecipe& recipe) {
  Result<std::unique_ptr<FileWriter>> w = store.Create(path, recipe.size);
  if (!w.ok()) return w.status();
  Status s = GenerateImage(recipe, [&](std::span<const uint8_t> chunk) { return (*w)->Append(chunk); });
  if (!s.ok()) {
    (*w)->Abort();
    return s;
  }
  return (*w)->Commit();
}

Status Device::ProvisionFactoryDefaults(const ImageInstaller& install) {
  const ResolvedPath& primary = fs_table_.primary();
  Result<std::vector<FileInfo>> files = primary.store->List("");
  if (!files.ok()) return files.status();
  const bool has_image = std::any_of(files->begin(), files->end(), [](const FileInfo& f) {
    return f.is_directory || f.path.ends_with(".bin");
  });
  if (!has_image) {
    Result<ImageRecipe> recipe = ImageRecipe::FromName(platform_.default_image,
                                                       platform_.default_image_size);
    if (!recipe.ok()) return recipe.status();
    IOSUP_RETURN_IF_ERROR(install(*primary.store, platform_.default_image, *recipe));
    for (FlashStore* member : install_->member_flash()) {  // every stack member ships the image
      IOSUP_RETURN_IF_ERROR(install(*member, platform_.default_image, *recipe));
    }
    IOSUP_RETURN_IF_ERROR(ProvisionVlanDatabase());
    if (platform_.install_mode_default) {
      install_->set_installer(install);
      IOSUP_RETURN_IF_ERROR(ExpandShippedImage(platform_.default_image));
    }
  }
  if (ReadStartupText().status().code() == ErrorCode::kNotFound) {
    running_ = Config::Factory(options_.name, InterfaceNames(platform_), platform_.is_switch());
    if (primary.store->Stat(kPackagesConf).ok()) {
      running_.AddBootStatement(*ParseBootStatement(primary.spec->name + ":" +
                                                    std::string(kPackagesConf)));
    }
    IOSUP_RETURN_IF_ERROR(SaveRunningConfig());
  }
  return Status::Ok();
}

Status Device::ProvisionVlanDatabase(const FileInstaller& write) {
  const ResolvedPath& primary = fs_table_.primary();
  if (!platform_.is_switch() || primary.store->Stat("vlan.dat").ok()) return Status::Ok();
  std::string vlan_dat(736, '\0');
  for (size_t i = 0; i < vlan_dat.size(); ++i) vlan_dat[i] = static_cast<char>(i * 7 + 1);
  if (write) return write(*primary.store, "vlan.dat", vlan_dat);
  return WriteWholeFile(*primary.store, "vlan.dat", vlan_dat);
}

Status Device::ExpandShippedImage(const std::string& image) {
  InstallManager& m = *install_;
  Result<SoftwareSet> set = m.Add(*fs_table_.primary().store, image);
  if (!set.ok()) return set.status();
  Result<Activation> a = m.Activate(set->version, std::nullopt);
  return a.ok() || a.status().code() == ErrorCode::kAlreadyExists ? Status::Ok() : a.status();
}

std::vector<int> Device::AutoUpgradeMembers() {
  std::vector<int> upgraded;
  const std::string release = image_.version.Long();
  for (int k : stack_.Mismatched(release)) {
    // Bundle mode: the member boots the active's .bin (its file on the primary file system).
    std::vector<std::string> bundle;
    if (!image_.install_mode && fs_table_.primary().store->Stat(image_.file).ok()) bundle.push_back(image_.file);
    if (!install_->SyncMember(k, bundle).ok()) continue;  // stays V-Mismatch (its flash is full)
    stack_.Upgrade(k, clock_.Now(), options_.boot_time);
    upgraded.push_back(k);
  }
  return upgraded;
}

void Device::Message(std::string_view text) {
  Emit(SyslogStamp(clock_.Now()) + std::string(text) + "\n");
}

void Device::AddListener(DeviceListener* listener) { listeners_.push_back(listener); }

void Device::RemoveListener(DeviceListener* listener) { std::erase(listeners_, listener); }

// Listeners may come and go while they are told (a vty session with `terminal monitor` ends when
// its connection closes on a state change): each is told only while it is still registered.
void Device::ForEachListener(const std::function<void(DeviceListener*)>& tell) {
  for (DeviceListener* l : std::vector<DeviceListener*>(listeners_)) {
    if (std::find(listeners_.begin(), listeners_.end(), l) != listeners_.end()) tell(l);
  }
}

void Device::Emit(std::string_view text) {
  ForEachListener([&](DeviceListener* l) { l->OnConsole(text); });
}

void Device::Log(std::string_view message, std::string_view lead) {
  Log(std::vector<std::string>{std::string(message)}, lead);
}

void Device::Log(const std::vector<std::string>& messages, std::string_view lead) {
  const LoggingSettings settings = logging_settings();
  std::string console, monitor;
  for (const std::string& m : messages) {
    Syslog::Routed r =
        syslog_.Log(settings, m, SyslogSeverity(m).value_or(5), clock_.Now(), booted_at_);
    if (r.console) console += r.text;
    if (r.monitor) monitor += r.text;
  }
  if (!console.empty()) Emit(std::string(lead) + console);
  if (!monitor.empty()) ForEachListener([&](DeviceListener* l) { l->OnMonitor(monitor); });
}

void Device::SetState(DeviceState s) {
  const bool changed = s != state_;
  const bool was_running = state_ == DeviceState::kRunning;
  state_ = s;
  if (changed) AbandonWork();
  ForEachListener([&](DeviceListener* l) { l->OnStateChanged(s); });
  if (!changed) return;
  // Links go down with IOS and come up with it; a device alone comes up quietly, as the golden
  // transcripts of a single device show it.
  if (s == DeviceState::kRunning) RefreshInterfaces(/*announce=*/link_state_ != nullptr);
  if (was_running) {
    interfaces_.Clear();
    ospf_.Clear();
    ospf_routes_.clear();
    ospf_generation_ = ~uint64_t{0};
    if (link_state_ != nullptr) link_state_->InterfacesChanged(options_.name);
  }
}

void Device::RefreshInterfaces(bool announce) {
  if (state_ != DeviceState::kRunning) return;
  const std::vector<DerivedInterface> now =
      DeriveInterfaces(running_, platform_.is_switch(), [this](const std::string& name) {
        if (links_down_.count(name)) return false;
        return link_state_ == nullptr ? !name.starts_with("Vlan")
                                      : link_state_->Carrier(options_.name, name);
      });
  const std::vector<std::string> messages = interfaces_.Update(now);
  if (messages.empty()) return;
  if (announce) Log(messages);
  if (link_state_ != nullptr) link_state_->InterfacesChanged(options_.name);
}

InterfaceStatus Device::interface_status(std::string_view name) const {
  const InterfaceRuntime* r = interfaces_.Find(name);
  return r == nullptr ? InterfaceStatus{} : r->status;
}

RoutingTable Device::Routes() const {
  const bool routing = !platform_.is_switch() || running_.Has("ip routing");
  std::vector<IpRoute> learned;
  const WallTime now = clock_.Now();
  for (const auto& [route, since] : ospf_routes_) {
    learned.push_back(route);
    learned.back().age = OspfRouteAge(now - since);
  }
  return RoutingTable::Build(running_, routing, [this](const std::string& name) {
    return interface_status(name).protocol_up;
  }, std::move(learned));
}

void Device::CountTraffic(std::string_view interface, bool inbound, uint64_t packets,
                          uint64_t bytes) {
  InterfaceRuntime* r = interfaces_.Find(interface);
  if (r == nullptr) return;
  InterfaceCounters& c = r->counters;
  (inbound ? c.packets_in : c.packets_out) += packets;
  (inbound ? c.bytes_in : c.bytes_out) += bytes;
  (inbound ? c.last_input : c.last_output) = clock_.Now();
}

BootInputs Device::MakeBootInputs(uint16_t config_register) const {
  BootInputs in;
  in.platform = &platform_;
  in.config_register = config_register;
  in.file_systems = &fs_table_;
  in.crash_image = crash_next_boot_;
  if (!(config_register & kIgnoreStartupBit)) {
    Result<std::string> startup = ReadStartupText();
    if (startup.ok()) in.statements = Config::Parse(*startup).boot_statements();
  }
  return in;
}

void Device::PowerOn() {
  AbandonBoot();
  confreg_in_effect_ = confreg_next_;
  loader_flash_ready_ = true;
  setup_pending_ = false;
  BeginBoot(MakeBootInputs(confreg_in_effect_), /*from_monitor=*/false, nullptr);
}

void Device::PowerOff() {
  AbandonBoot();
  login_guard_.Reset();
  SetState(DeviceState::kOff);
}

void Device::BeginBoot(BootInputs in, bool from_monitor, std::unique_ptr<FileReader> received) {
  const uint64_t id = ++boot_runs_;
  boot_ = std::make_unique<BootRun>(*this, id, std::move(in), from_monitor, std::move(received));
  if (!from_monitor) Emit(boot_->console.Banner());
  if (boot_ == nullptr || boot_->id != id) return;  // a listener power-cycled the device
  boot_->sequence.Start();
  AdvanceBoot();
}

// Prints what the sequence did since last time and keeps it going: a fetch when it waits for a
// network image (the boot resumes in OnFetchEnded), the end of the boot when it is decided.
void Device::AdvanceBoot() {
  if (boot_ == nullptr) return;
  const uint64_t id = boot_->id;
  while (boot_ != nullptr) {
    BootRun* run = boot_.get();
    Emit(run->console.Events(run->sequence.result().events));
    // A listener powered the device off (and maybe on: that boot runs on its own) meanwhile.
    if (boot_ == nullptr || boot_->id != id) return;
    if (run->sequence.stage() == BootSequence::Stage::kDone) return EndBoot();
    if (run->received) {
      run->sequence.Resume(std::move(run->received));
      continue;
    }
    std::optional<Result<std::unique_ptr<FileReader>>> image =
        StartFetch(run->sequence.request());
    if (!image) return;
    run->sequence.Resume(std::move(*image));
  }
}

// Starts the fetch the boot waits for. Returns its result when it is known at once (no network,
// no buffer, a port that completed before returning); nullopt while it runs.
std::optional<Result<std::unique_ptr<FileReader>>> Device::StartFetch(
    const NetImageRequest& request) {
  if (transfer_ == nullptr) return Status(ErrorCode::kTimedOut, "no network");
  Result<std::unique_ptr<ImageBuffer>> buffer = NewImageBuffer();
  if (!buffer.ok()) return buffer.status();
  auto fetch = std::make_shared<NetFetch>(*this, request, std::move(*buffer));
  boot_->fetch = fetch;
  const RemoteFile remote{.scheme = "tftp", .host = request.host, .path = request.file};
  std::shared_ptr<TransferHandle> transfer = transfer_->Download(
      remote,
      {.tftp_blocksize = kNetbootBlockSize, .source_interface = platform_.management_interface},
      *fetch->buffer, *fetch, [fetch](Result<uint64_t> r) { fetch->Ended(r); });
  fetch->starting = false;
  if (fetch->device == nullptr) {  // abandoned from inside the port
    fetch->transfer = std::move(transfer);
    fetch->Abandon();
    return std::nullopt;
  }
  fetch->transfer = std::move(transfer);
  if (fetch->ended_early) {
    fetch->device = nullptr;
    boot_->fetch.reset();
    return std::move(*fetch->ended_early);
  }
  // Under way: the device is in its bootstrap, not in the monitor and not running IOS.
  if (state_ != DeviceState::kBooting) SetState(DeviceState::kBooting);
  return std::nullopt;
}

bool Device::fetching_image() const { return boot_ != nullptr && boot_->fetch != nullptr; }

Result<std::unique_ptr<ImageBuffer>> Device::NewImageBuffer() const {
  if (image_buffers_) return image_buffers_();
  return MemoryImageBuffer();
}

void Device::OnFetchEnded(Result<std::unique_ptr<FileReader>> image) {
  boot_->fetch.reset();
  boot_->sequence.Resume(std::move(image));
  AdvanceBoot();
}

void Device::EndBoot() {
  std::unique_ptr<BootRun> run = std::move(boot_);
  BootResult r = run->sequence.result();
  for (const BootEvent& e : r.events) {
    if (e.detail == kInjectedCrash) crash_next_boot_.reset();
  }
  if (r.outcome == BootResult::Outcome::kImage) {
    last_boot_ = std::move(r);
    return StartImage();
  }
  if (!run->from_monitor) {  // a failed monitor boot leaves the last boot as it was
    last_boot_ = std::move(r);
    image_ = RunningImage{};
    monitor_command_number_ = 1;
  }
  if (state_ != DeviceState::kRomMonitor) SetState(DeviceState::kRomMonitor);
}

void Device::AbandonBoot() { boot_.reset(); }

std::optional<uint64_t> Device::verify_rate() const {
  if (verify_rate_) return verify_rate_;
  if (options_.realistic_file_timing) return platform_.md5_bytes_per_sec;
  return std::nullopt;
}

// The image in last_boot_ passed every check: IOS comes up once the boot time has passed.
void Device::StartImage() {
  image_ = last_boot_.image;
  boot_done_at_ = clock_.Now() + options_.boot_time;
  if (state_ != DeviceState::kBooting) SetState(DeviceState::kBooting);
  if (options_.boot_time <= Duration::zero()) FinishBoot();
}

void Device::FinishBoot() {
  Result<std::string> startup = ReadStartupText();
  setup_pending_ = (confreg_in_effect_ & kIgnoreStartupBit) || !startup.ok();
  if (setup_pending_) {
    running_ = Config::Factory(platform_.is_switch() ? "Switch" : "Router", InterfaceNames(platform_),
                               platform_.is_switch());
  } else {
    running_ = Config::Parse(*startup);
  }
  booted_at_ = clock_.Now();
  stack_.Booted(booted_at_);
  if (running_.Has("software auto-upgrade enable")) AutoUpgradeMembers();
  // Losing the install history is not a reason to refuse a boot; `show install` starts afresh.
  (void)install_->Booted(image_.install_mode, image_.version.Long(), image_.bundle);
  syslog_.Reset();  // the buffer and its counters live in RAM
  links_down_.merge(links_failing_at_boot_);
  links_failing_at_boot_.clear();
  Emit(IosStartupBanner(board_facts(), image_, setup_pending_));
  SetState(DeviceState::kRunning);
}

void Device::SetLinkUp(const std::string& interface, bool up) {
  if (up) {
    links_down_.erase(interface);
  } else {
    links_down_.insert(interface);
  }
  RefreshInterfaces();
}

void Device::AnswerSetupDialog(bool enter) {
  if (!setup_pending_) return;
  setup_pending_ = false;
  Emit(SetupDialogAnswer(enter));
}

void Device::Break() {
  if (state_ != DeviceState::kBooting) return;
  AbandonBoot();
  image_ = RunningImage{};
  last_boot_.outcome = BootResult::Outcome::kLoader;
  loader_flash_ready_ = !platform_.is_switch();
  monitor_command_number_ = 1;
  Emit(BreakTranscript(platform_));
  SetState(DeviceState::kRomMonitor);
}

void Device::Reset() {
  if (state_ != DeviceState::kRomMonitor) return;
  SetState(DeviceState::kOff);
  PowerOn();
}

bool Device::MonitorBoot(std::vector<BootStatement> statements) {
  if (state_ != DeviceState::kRomMonitor) return false;
  // A manual boot runs whatever the boot field says; the ignore-config bit still applies.
  BootInputs in = MakeBootInputs(static_cast<uint16_t>((confreg_in_effect_ & ~0xF) | 0x2));
  if (!statements.empty()) in.statements = std::move(statements);
  BeginBoot(std::move(in), /*from_monitor=*/true, nullptr);
  return state_ != DeviceState::kRomMonitor;
}

bool Device::BootReceivedImage(const std::string& host, const std::string& file,
                               std::unique_ptr<FileReader> image) {
  if (state_ != DeviceState::kRomMonitor) return false;
  BootInputs in = MakeBootInputs(static_cast<uint16_t>((confreg_in_effect_ & ~0xF) | 0x2));
  in.statements = {BootStatement{.kind = BootStatement::Kind::kTftp, .path = file, .host = host}};
  BeginBoot(std::move(in), /*from_monitor=*/true, std::move(image));
  return state_ != DeviceState::kRomMonitor;
}

void Device::StartWork(std::shared_ptr<TimedWork> work) {
  if (state_ != DeviceState::kRunning && state_ != DeviceState::kRomMonitor) return work->Abandon();
  work_.push_back(std::move(work));
}

void Device::AdvanceWork(WallTime now) {
  if (work_.empty()) return;
  // Advancing may run commands typed meanwhile, which can add work or reload the device: walk a
  // snapshot and skip what is gone.
  const std::vector<std::shared_ptr<TimedWork>> snapshot = work_;
  for (const std::shared_ptr<TimedWork>& w : snapshot) {
    if (std::find(work_.begin(), work_.end(), w) == work_.end()) continue;
    if (w->Advance(now)) std::erase(work_, w);
  }
}

void Device::AbandonWork() {
  for (const std::shared_ptr<TimedWork>& w : std::exchange(work_, {})) w->Abandon();
}

void Device::Tick() {
  const WallTime now = clock_.Now();
  if (state_ == DeviceState::kBooting && boot_ == nullptr && now >= boot_done_at_) FinishBoot();
  AdvanceWork(now);
  TickOspf(now);
  if (std::optional<std::string> off = login_guard_.Tick(LoginBlockPolicyOf(running_), now)) {
    Log(*off);
  }
  if (state_ == DeviceState::kRunning && install_->AbortDue(now)) return ExpireInstallTimer();
  if (state_ != DeviceState::kRunning || !reload_.pending()) return;
  const ScheduledReload pending = *reload_.pending();
  ReloadSchedule::TickResult t = reload_.Tick(now);
  for (Duration remaining : t.banners) ShutdownBanner("SHUTDOWN in " + HoursMinutesSeconds(remaining));
  if (t.reload_due) {
    ShutdownBanner("SHUTDOWN NOW");
    Reload(pending.reason, pending.by);
  }
}

// IOS rings the bell before the banner (scripts that drive real devices match "\a***").
void Device::ShutdownBanner(const std::string& message) {
  const std::string text = "\n\n\a***\n*** --- " + message + " ---\n***\n\n";
  Emit(text);
  // A session told may write to a connection that fails; each is told only while it is here.
  for (DeviceListener* l : std::vector<DeviceListener*>(vty_banner_listeners_)) {
    if (std::ranges::find(vty_banner_listeners_, l) != vty_banner_listeners_.end()) {
      l->OnVtyBanner(text);
    }
  }
}

std::optional<WallTime> Device::NextDeadline() const {
  if (state_ == DeviceState::kBooting) {
    return boot_ == nullptr ? std::optional<WallTime>(boot_done_at_) : std::nullopt;
  }
  if (state_ != DeviceState::kRunning) return std::nullopt;
  std::optional<WallTime> next = reload_.NextWakeup();
  if (std::optional<WallTime> t = login_guard_.NextWakeup(); t && (!next || *t < *next)) next = t;
  if (std::optional<WallTime> t = install_->state().abort_at; t && (!next || *t < *next)) next = t;
  for (const std::shared_ptr<TimedWork>& w : work_) {
    std::optional<WallTime> t = w->NextWakeup();
    if (t && (!next || *t < *next)) next = t;
  }
  if (link_state_ != nullptr && (!ospf_.rows().empty() || RunsOspf(running_))) {
    if (!next || ospf_next_hello_ < *next) next = ospf_next_hello_;
    std::optional<WallTime> t = ospf_.NextDeadline(clock_.Now());
    if (t && *t < *next) next = t;
  }
  return next;
}

// The activation was not committed in time: IOS-XE aborts it and boots the committed set.
void Device::ExpireInstallTimer() {
  const std::string who = platform_.is_switch() ? "Switch 1 R0/0: " : "R0/0: ";
  Message("%INSTALL-5-INSTALL_START_INFO: " + who + "install_mgr: Started install abort");
  Status s = install_->Abort();
  if (!s.ok()) {
    Message("%INSTALL-3-OPERATION_ERROR_MESSAGE: " + who +
            "install_mgr: Failed to abort the activation, Error: " + s.message());
    (void)install_->StopAbortTimer();
    return;
  }
  Message("%INSTALL-5-INSTALL_COMPLETED_INFO: " + who + "install_mgr: Completed install abort");
  Reload("Image Install", "install_mgr");
}

void Device::Reload(const std::string& reason, const std::string& by) {
  const WallTime now = clock_.Now();
  reload_.Cancel();
  last_reload_reason_ = reason;
  last_reload_at_ = now;
  (void)SaveEnvironment();  // losing the reason is cosmetic; the reload goes on
  // Sessions end first (state change), so the message lands on the bare console before the
  // bootstrap output, not after a redrawn prompt.
  PowerOff();
  Log("%SYS-5-RELOAD: Reload requested by " + by + ". Reload Reason: " + reason + ".", "\n");
  PowerOn();
}

Status Device::ScheduleReload(WallTime deadline, const std::string& reason, const std::string& by) {
  const WallTime now = clock_.Now();
  IOSUP_RETURN_IF_ERROR(reload_.Schedule(now, deadline, reason, by));
  Log("%SYS-5-SCHEDULED_RELOAD: Reload requested for " + LongTime(deadline) + " at " +
      LongTime(now) + " by " + by + ". Reload Reason: " + reload_.pending()->reason + ".");
  Tick();
  return Status::Ok();
}

bool Device::CancelReload() {
  if (!reload_.Cancel()) return false;
  const WallTime now = clock_.Now();
  ShutdownBanner("SHUTDOWN ABORTED");
  Log("%SYS-5-SCHEDULED_RELOAD_CANCELLED:  Scheduled reload cancelled at " + LongTime(now));
  return true;
}

bool Device::LoginQuiet(const std::string& source) const {
  if (!login_guard_.quiet()) return false;
  std::optional<LoginBlockPolicy> policy = LoginBlockPolicyOf(running_);
  if (!policy) return false;  // `no login block-for` ends quiet mode (at the next Tick)
  return policy->quiet_acl.empty() || !StandardAclPermits(running_, policy->quiet_acl, source);
}

void Device::RecordLoginFailure(const LoginGuard::Failure& failure) {
  const WallTime now = clock_.Now();
  std::optional<std::string> on =
      login_guard_.RecordFailure(LoginBlockPolicyOf(running_), now, failure);
  if (on) Log(*on);
}

std::string Device::serial_number() const {
  const std::string h = DigestHex(DigestKind::kMd5, "serial/" + options_.name);
  static constexpr char kAlnum[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  std::string out = platform_.board_id_prefix;
  for (size_t i = 0; i < 8; ++i) {
    unsigned v = static_cast<unsigned>(std::stoul(h.substr(2 * i, 2), nullptr, 16));
    out += i < 4 ? static_cast<char>('0' + v % 10) : kAlnum[v % (sizeof kAlnum - 1)];
  }
  return out;
}

std::string Device::mac_address() const {
  const std::string h = DigestHex(DigestKind::kMd5, "mac/" + options_.name);
  return "00:25:83:" + h.substr(0, 2) + ":" + h.substr(2, 2) + ":" + h.substr(4, 2);
}

BoardFacts Device::board_facts() const {
  return {.platform = &platform_, .serial_number = serial_number(), .mac_address = mac_address()};
}

SystemFacts Device::system_facts() const {
  return {.board = board_facts(),
          .image = image_,
          .hostname = hostname(),
          .now = clock_.Now(),
          .booted_at = booted_at_,
          .last_reload_at = last_reload_at_,
          .last_reload_reason = last_reload_reason_,
          .config_register = confreg_in_effect_,
          .next_config_register = confreg_next_,
          .stack_members = stack_.size(),
          .member_versions = MemberVersions()};
}

std::vector<std::string> Device::MemberVersions() const {
  std::vector<std::string> out;
  for (int k = 2; k <= stack_.size(); ++k) out.push_back(stack_.Version(k, image_.version.Long()));
  return out;
}

bool Device::Reachable(const std::string& address) const {
  if (state_ != DeviceState::kRunning) return false;
  std::optional<uint32_t> target = ParseIpv4(address);
  if (!target) return false;
  const RoutingTable routes = Routes();
  if (routes.IsLocal(*target)) return true;
  std::optional<Egress> e = routes.Lookup(*target);
  if (!e || network_ == nullptr) return false;
  return network_->Deliver(options_.name, e->interface, Ipv4Text(e->next_hop), Ipv4Text(e->source),
                           address).answered;
}

Device::Probe Device::Send(const std::string& address, uint64_t bytes, uint64_t count) {
  Probe p;
  std::optional<uint32_t> target = ParseIpv4(address);
  if (state_ != DeviceState::kRunning || !target) return p;
  const RoutingTable routes = Routes();
  if (routes.IsLocal(*target)) return {.answered = true, .routed = true, .hops = {address}};
  std::optional<Egress> e = routes.Lookup(*target);
  if (!e) return p;
  p.routed = true;
  p.egress = e->interface;
  p.source = Ipv4Text(e->source);
  CountTraffic(e->interface, /*inbound=*/false, count, bytes * count);
  if (network_ == nullptr) return p;
  NetworkPort::Delivery d =
      network_->Deliver(options_.name, e->interface, Ipv4Text(e->next_hop), p.source, address);
  p.answered = d.answered;
  p.hops = std::move(d.hops);
  if (p.answered) CountTraffic(e->interface, /*inbound=*/true, count, bytes * count);
  return p;
}

std::string Device::VersionLine() const {
  if (image_.file.empty()) return "";
  return "version " + image_.version.Release();
}

RenderOptions Device::ConfigRenderOptions() const {
  const bool xe = platform_.version_style == VersionStyle::kIosXeRouter ||
                  platform_.version_style == VersionStyle::kCatalyst9k;
  return {.version_line = VersionLine(), .boot_markers = platform_.boot_markers,
          .acl_sequence_numbers = xe, .legacy_spellings = platform_.is_switch() && !xe,
          .unset_hostname = hostname()};
}

std::string Device::RenderRunning() const {
  return running_.Render(ConfigRenderOptions());
}

Result<ResolvedPath> Device::StartupConfigLocation() const {
  return fs_table_.Resolve(platform_.startup_config_path);
}

Result<std::string> Device::ReadStartupText() const {
  Result<ResolvedPath> where = StartupConfigLocation();
  if (!where.ok()) return where.status();
  // A first save interrupted before its commit leaves a partial file: NVRAM holds no config.
  Result<FileInfo> info = where->store->Stat(where->path);
  if (info.ok() && info->partial) return NotFound(where->Display() + " (incomplete)");
  return ReadWholeStoreFile(*where->store, where->path);
}

Status Device::SaveRunningConfig() {
  Result<ResolvedPath> where = StartupConfigLocation();
  if (!where.ok()) return where.status();
  return WriteWholeFile(*where->store, where->path, RenderRunning());
}

Status Device::EraseStartupConfig() {
  Result<ResolvedPath> where = StartupConfigLocation();
  if (!where.ok()) return where.status();
  Status s = where->store->Delete(where->path);
  return s.code() == ErrorCode::kNotFound ? Status::Ok() : s;
}

bool Device::RunningDiffersFromStartup() const {
  // Compared as configurations, not text: the version line follows the running image and is not
  // a change the user made.
  Result<std::string> startup = ReadStartupText();
  return !startup.ok() || !(Config::Parse(*startup) == running_);
}

Status Device::SetConfigRegister(uint16_t value) {
  confreg_next_ = value;
  return SaveEnvironment();
}

}  // namespace iosup
