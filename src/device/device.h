// One emulated router or switch: its file systems, configurations, NVRAM variables, the image it
// runs, and its life cycle (power-on, boot, running, reload, ROM monitor) driven by the injected
// clock. Knows nothing of sockets or terminals: the CLI and the front-ends observe it through
// DeviceListener and drive it through this interface. Not thread-safe (one strand per device).
#ifndef IOSUP_DEVICE_DEVICE_H_
#define IOSUP_DEVICE_DEVICE_H_

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/flash_store.h"
#include "base/work_pool.h"
#include "catalog/platform_catalog.h"
#include "device/board_facts.h"
#include "device/boot_sequence.h"
#include "device/config.h"
#include "device/device_state.h"
#include "device/file_systems.h"
#include "device/image_buffer.h"
#include "device/image_format.h"
#include "device/interface_model.h"
#include "device/ip_routes.h"
#include "device/link_state_port.h"
#include "device/login_guard.h"
#include "device/monitor_variables.h"
#include "device/network_port.h"
#include "device/ospf.h"
#include "device/paced_work.h"
#include "device/reload_schedule.h"
#include "device/transfer_port.h"

namespace iosup {

struct DeviceOptions {
  std::string name;                     // lab name; also the hostname of a factory config
  Duration boot_time = Duration::zero();  // fast by default; the platform's realistic time if asked
  // Copies and `verify` take the platform's realistic time on the device's clock (its TFTP,
  // flash-write and MD5 rates, platform_catalog.h); off, they go as fast as the host allows.
  bool realistic_file_timing = false;
};

class Device {
 public:
  // Opens the device's stores through `stores` and loads its NVRAM variables. The device is off;
  // call PowerOn(). `platform` (static data) and `clock` must outlive it.
  static Result<std::unique_ptr<Device>> Create(const PlatformSpec& platform, DeviceOptions options,
                                                const Clock& clock, StoreProvider& stores);
  // A fetch still on the wire is cancelled, and so is every transfer its work holds (copies,
  // tftpdnld): nothing the port reports afterwards reaches the device.
  ~Device();

  // A device as shipped: when its primary file system holds no image and no startup-config
  // exists, writes the platform's default image (through `install`, which may link a shared
  // blob instead of writing bytes) and a factory startup-config. Idempotent.
  using ImageInstaller = std::function<Status(FlashStore& store, const std::string& path,
                                              const ImageRecipe& recipe)>;
  Status ProvisionFactoryDefaults(const ImageInstaller& install);
  // A switch's flash holds the VLAN database (`vlan.dat`, 736 bytes as on a 3560/2960) from the
  // factory on; written when missing, nothing on a router. Idempotent.
  Status ProvisionVlanDatabase();
  // Streams a generated image into `store` (the default installer).
  static Status WriteGeneratedImage(FlashStore& store, const std::string& path,
                                    const ImageRecipe& recipe);

  void AddListener(DeviceListener* listener);
  void RemoveListener(DeviceListener* listener);
  void set_network(NetworkPort* port) { network_ = port; }
  // Also fetches `boot system tftp:` images; without one they fail as an unreachable host.
  void set_transfer(TransferPort* port) { transfer_ = port; }
  // Where those images are held while they arrive (in memory unless set).
  void set_image_buffers(ImageBufferFactory make) { image_buffers_ = std::move(make); }
  // A buffer for an image received over the network: from set_image_buffers, else memory.
  Result<std::unique_ptr<ImageBuffer>> NewImageBuffer() const;
  // How long the following boots take (the options' boot_time until changed).
  void set_boot_time(Duration d) { options_.boot_time = d; }
  TransferPort* transfer() const { return transfer_; }
  // Where large file work (hashing for `verify`) runs off the caller's loop; without one it runs
  // inline. The pool must outlive the device.
  void set_work_pool(WorkPool* pool) { work_pool_ = pool; }
  WorkPool* work_pool() const { return work_pool_; }
  bool realistic_file_timing() const { return options_.realistic_file_timing; }
  // Where a paced download lands before it goes to flash at the platform's rate: a store no
  // command shows, emptied at every start. Null unless realistic_file_timing.
  FlashStore* spool() const { return spool_.get(); }
  // Whether `address` answers a ping: the device's own up interfaces always do; others when a
  // route leads there through an up interface and the network port delivers it (none without
  // one).
  bool Reachable(const std::string& address) const;
  // `count` echoes to `address` (`bytes` each): where they left, what answered, and the
  // interface counters moved both ways. Not running, no route: nothing is sent.
  struct Probe {
    bool answered = false;
    bool routed = false;            // a route existed (otherwise nothing left the device)
    std::string egress;             // the interface it left by
    std::string source;             // that interface's address
    std::vector<std::string> hops;  // traceroute's answers, in order
  };
  Probe Send(const std::string& address, uint64_t bytes, uint64_t count = 1);

  // --- life cycle
  // Runs the boot sequence. A `boot system tftp:` statement fetches its image through the
  // TransferPort while the device stays kBooting (NextDeadline() has nothing due): the boot
  // goes on when the port reports the fetch's end. A power-on while a boot runs restarts it.
  void PowerOn();
  // Power removed: a boot in progress stops (its fetch is cancelled), the device is off until
  // PowerOn().
  void PowerOff();
  // Whether the boot waits for a network image now.
  bool fetching_image() const;
  // Runs whatever is due at the clock's current time (boot completion, reload banners, a
  // scheduled reload). Cheap when nothing is due.
  void Tick();
  std::optional<WallTime> NextDeadline() const;
  // Immediate reload: the %SYS-5-RELOAD message, then off, then a new boot.
  void Reload(const std::string& reason, const std::string& by);
  Status ScheduleReload(WallTime deadline, const std::string& reason, const std::string& by);
  bool CancelReload();
  const std::optional<ScheduledReload>& scheduled_reload() const { return reload_.pending(); }
  // Work a command leaves running (paced_work.h): a copy in IOS, a tftpdnld or loader boot in the
  // monitor. Advanced by Tick(), counted in NextDeadline(), abandoned when the device leaves the
  // state it was started in (a reload, a power-off, a reset, its destruction) or at once when it is
  // neither running nor in the monitor now.
  void StartWork(std::shared_ptr<TimedWork> work);
  size_t work_in_progress() const { return work_.size(); }

  // --- ROM monitor / switch boot loader (state kRomMonitor)
  // A BREAK received on the console. While kBooting (an image fetch included) it aborts the boot
  // into the ROM monitor (routers) or the boot loader with flash: not initialised (switches);
  // ignored otherwise.
  void Break();
  // `reset` / `i` at the monitor prompt: a restart with no reload message. kRomMonitor only.
  void Reset();
  // `boot [...]` at the monitor prompt (kRomMonitor only): tries `statements` in order; when
  // empty, the default sequence (startup-config's statements, else the first image). The boot
  // field is not consulted. On success the image starts (kBooting / kRunning); a tftp statement
  // fetches its image meanwhile (kBooting); when nothing boots the failure is printed and the
  // device is (back) in the monitor. Returns false when the boot failed at once (the device
  // never left the monitor).
  bool MonitorBoot(std::vector<BootStatement> statements);
  // The switch loader's `boot tftp://HOST/FILE` once the loader received the image itself: as
  // MonitorBoot of that tftp statement, with `image` as what the fetch brought.
  bool BootReceivedImage(const std::string& host, const std::string& file,
                         std::unique_ptr<FileReader> image);
  MonitorVariables& monitor_variables() { return monitor_vars_; }
  // Switch loader: whether flash: is initialised (false after a BREAK, until `flash_init`).
  bool loader_flash_ready() const { return loader_flash_ready_; }
  void set_loader_flash_ready(bool ready) { loader_flash_ready_ = ready; }
  // ROMMON's command count, the N of `rommon N >`: it restarts at 1 each time the device falls
  // into the monitor (power-on, reload, BREAK) and survives a monitor `boot` that comes back,
  // even one that left the monitor while it fetched its image.
  int monitor_command_number() const { return monitor_command_number_; }
  void CountMonitorCommand() { ++monitor_command_number_; }
  // IOS started without a startup-config (none, or ignored by 0x2142): the console offers the
  // initial configuration dialog until it is answered.
  bool setup_dialog_pending() const { return setup_pending_; }
  // The console's answer: no session starts on the console before it. No-op when not pending.
  void AnswerSetupDialog(bool enter);

  // --- state
  DeviceState state() const { return state_; }
  const PlatformSpec& platform() const { return platform_; }
  const std::string& name() const { return options_.name; }
  const RunningImage& image() const { return image_; }
  const BootResult& last_boot() const { return last_boot_; }
  WallTime booted_at() const { return booted_at_; }
  const std::string& last_reload_reason() const { return last_reload_reason_; }
  std::optional<WallTime> last_reload_at() const { return last_reload_at_; }
  std::string serial_number() const;
  std::string mac_address() const;  // "00:25:83:6c:c3:80"
  const Clock& clock() const { return clock_; }
  // What the boot banners and `show version` print about the device, as of now.
  BoardFacts board_facts() const;
  SystemFacts system_facts() const;

  // --- configuration
  Config& running_config() { return running_; }
  const Config& running_config() const { return running_; }
  std::string hostname() const { return running_.hostname(); }
  std::string RenderRunning() const;     // body from "!" to "end"
  // How this platform prints its configuration (version line, boot markers, ACL numbers).
  RenderOptions ConfigRenderOptions() const;
  Result<std::string> ReadStartupText() const;  // kNotFound when there is none
  Status SaveRunningConfig();            // atomic: old or new, never torn
  Status EraseStartupConfig();
  bool RunningDiffersFromStartup() const;
  // Config-register: the value in effect since boot, and the one the next boot will use.
  uint16_t config_register() const { return confreg_in_effect_; }
  uint16_t next_config_register() const { return confreg_next_; }
  Status SetConfigRegister(uint16_t value);
  // "version 16.9" / "version 15.2" for the running-config.
  std::string VersionLine() const;

  // --- vty login protection (`login block-for`), shared by telnet and SSH
  // Whether a new vty connection from `source` (the client's address) is refused now: quiet mode
  // holds and the `login quiet-mode access-class` does not exempt the source.
  bool LoginQuiet(const std::string& source) const;
  // A failed vty login. Logs %SEC_LOGIN-1-QUIET_MODE_ON when it starts quiet mode; Tick() ends
  // it when the block period has passed (%SEC_LOGIN-5-QUIET_MODE_OFF). Forgotten at a reload.
  void RecordLoginFailure(const LoginGuard::Failure& failure);

  FileSystemTable& file_systems() { return fs_table_; }
  const FileSystemTable& file_systems() const { return fs_table_; }

  // --- interfaces (interface_model.h): state derived from configuration and carrier; the
  // LinkStatePort says where carrier comes from (every physical interface has it without one).
  void set_link_state(LinkStatePort* port) { link_state_ = port; }
  LinkStatePort* link_state() const { return link_state_; }
  const InterfaceTable& interface_table() const { return interfaces_; }
  // Down for an interface the device does not have, and for all while it does not run.
  InterfaceStatus interface_status(std::string_view name) const;
  // Re-derives every interface's state (after a shutdown, a peer's change, a cable) and, with
  // `announce`, logs IOS's messages for what changed; tells the link port when anything did.
  // Commands that read the state refresh quietly first (a loopback created, a merged config).
  void RefreshInterfaces(bool announce = true);
  // The routing table as of now (ip_routes.h).
  RoutingTable Routes() const;
  // Moves an interface's counters: `packets` of `bytes` in all, in or out.
  void CountTraffic(std::string_view interface, bool inbound, uint64_t packets, uint64_t bytes);

  // --- physical links (the cable, not the config): a link that is down shows "down down" in
  // `show ip interface brief` unless the interface is shut. Labs and tests inject failures.
  // --- OSPF (ospf.h, device_ospf.cc): the adjacencies, re-heard every hello interval and when
  // the lab's interfaces moved (on Tick), and the routes they give.
  const OspfTable& ospf() const { return ospf_; }
  // The process as configured, over the interfaces that are up now; nullopt without one.
  std::optional<OspfProcess> OspfConfig() const;
  // Hears the neighbours now, logs what changed (%OSPF-5-ADJCHG) and recomputes OSPF routes.
  void RefreshOspf();

  bool link_up(const std::string& interface) const { return !links_down_.count(interface); }
  void SetLinkUp(const std::string& interface, bool up);
  // The link goes down when the next boot completes (a cable pulled during the maintenance
  // window, an optic the new image does not support).
  void FailLinkAtNextBoot(const std::string& interface) { links_failing_at_boot_.insert(interface); }
  Result<ResolvedPath> StartupConfigLocation() const;

 private:
  Device(const PlatformSpec& platform, DeviceOptions options, const Clock& clock);
  Status LoadEnvironment();
  Status SaveEnvironment();
  void Emit(std::string_view text);
  // The one place interface changes are logged (%LINK, %LINEPROTO), each line time-stamped.
  void LogInterfaceEvents(const std::vector<std::string>& messages);
  void SetState(DeviceState s);
  void FinishBoot();
  BootInputs MakeBootInputs(uint16_t config_register) const;
  struct BootRun;
  class NetFetch;
  void BeginBoot(BootInputs in, bool from_monitor, std::unique_ptr<FileReader> received);
  void AdvanceBoot();
  std::optional<Result<std::unique_ptr<FileReader>>> StartFetch(const NetImageRequest& request);
  void OnFetchEnded(Result<std::unique_ptr<FileReader>> image);
  void EndBoot();
  void AbandonBoot();
  void StartImage();
  void AdvanceWork(WallTime now);
  void AbandonWork();
  void TickOspf(WallTime now);
  std::vector<OspfHeard> HearOspf(const OspfProcess& mine) const;
  void RouteOspf();

  const PlatformSpec& platform_;
  DeviceOptions options_;
  const Clock& clock_;
  std::vector<std::unique_ptr<FlashStore>> stores_;
  std::unique_ptr<FlashStore> env_store_;
  std::unique_ptr<FlashStore> spool_;
  FileSystemTable fs_table_;
  std::vector<DeviceListener*> listeners_;
  NetworkPort* network_ = nullptr;
  LinkStatePort* link_state_ = nullptr;
  InterfaceTable interfaces_;
  TransferPort* transfer_ = nullptr;
  WorkPool* work_pool_ = nullptr;
  ImageBufferFactory image_buffers_;

  DeviceState state_ = DeviceState::kOff;
  WallTime boot_done_at_;
  // The boot sequence while it runs (from power-on or a monitor `boot` until the image is
  // decided), with the fetch it waits for; dropping it abandons that fetch.
  std::unique_ptr<BootRun> boot_;
  uint64_t boot_runs_ = 0;
  BootResult last_boot_;
  RunningImage image_;
  WallTime booted_at_;
  std::string last_reload_reason_ = "power-on";
  std::optional<WallTime> last_reload_at_;
  uint16_t confreg_in_effect_ = 0;
  uint16_t confreg_next_ = 0;
  Config running_;
  ReloadSchedule reload_;
  MonitorVariables monitor_vars_;
  bool loader_flash_ready_ = true;
  int monitor_command_number_ = 1;
  bool setup_pending_ = false;
  std::set<std::string> links_down_;
  std::set<std::string> links_failing_at_boot_;
  std::vector<std::shared_ptr<TimedWork>> work_;
  LoginGuard login_guard_;
  OspfTable ospf_;
  uint64_t ospf_generation_ = ~uint64_t{0};
  WallTime ospf_next_hello_{};
  std::vector<std::pair<IpRoute, WallTime>> ospf_routes_;  // with the time each was learned
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_DEVICE_H_
