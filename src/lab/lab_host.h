// A running lab: every device of a topology on one asio event loop (io(), run by Run()), its
// servers on a second one with its own thread, in one process. A device's transfers (copies,
// and the image of a `boot system tftp:FILE HOST` boot) run asynchronously on the devices' loop,
// so one device waiting for a server never stops the others. Devices keep their
// state in the lab directory (flash, startup-config), so stopping and starting a lab changes
// nothing. Lab addresses exist only in the address map: the TFTP server devices know as
// 192.168.1.100 really listens on 127.0.0.1:<port>.
//
// Front-ends (SSH, telnet, console socket) attach per device through Attach() so this layer does
// not decide which exist.
#ifndef IOSUP_LAB_LAB_HOST_H_
#define IOSUP_LAB_LAB_HOST_H_

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/clock.h"
#include "device/device.h"
#include "lab/address_map.h"
#include "lab/lab_faults.h"
#include "lab/lab_file_servers.h"
#include "lab/lab_storage.h"
#include "lab/lab_tftp_server.h"
#include "lab/lab_transfer_port.h"
#include "lab/network_model.h"
#include "lab/routed_transfer_port.h"
#include "lab/topology.h"
#include "platform/thread_work_pool.h"
#include "transfer/server_loop.h"

namespace iosup {

struct HostedDevice {
  DeviceDefinition definition;
  std::unique_ptr<Device> device;
  // Where people and tools reach it; filled by front-ends.
  uint16_t ssh_port = 0;
  uint16_t telnet_port = 0;
  std::string console_path;
  std::vector<std::shared_ptr<void>> frontends;  // kept alive with the device
  std::unique_ptr<RoutedTransferPort> transfers;  // the device's copies, along the network
};

struct HostedServer {
  ServerDefinition definition;
  std::string root;      // directory served
  uint16_t port = 0;     // loopback port (TFTP)
  uint16_t ftp_port = 0, http_port = 0, scp_port = 0;  // the same root over FTP, HTTP, SCP
  std::string manifest;  // "MD5SUMS" file listing the published hashes
  std::map<std::string, std::string> published;  // file name -> MD5, as in the manifest
};

class LabHost {
 public:
  struct Options {
    std::string dir;              // lab directory (created)
    bool realistic_boot = false;  // boots take the platform's real time
    bool realistic_file_timing = false;  // copies and verify keep the platform's pace
    // Otherwise the lab comes up at once and later boots (reloads) take this long. Zero suits
    // tests on a manual clock; labs people and the orchestrator use give it a second or two
    // (kQuickBoot) so a reload is observable: sessions are refused meanwhile and "System
    // restarted at" (printed to the second) always changes.
    Duration quick_boot = Duration::zero();
  };
  static constexpr Duration kQuickBoot = std::chrono::milliseconds(1500);
  // Builds the lab (first run: provisions devices and generates the servers' images), starts
  // the servers on their thread and powers every device on. `clock` must outlive the host.
  static Result<std::unique_ptr<LabHost>> Start(const Topology& topology, Options options,
                                                const Clock& clock);
  // Stops the servers' thread after the devices are gone.
  ~LabHost();

  // The devices' loop (and their front-ends'); the servers run elsewhere.
  asio::io_context& io() { return io_; }
  std::vector<HostedDevice>& devices() { return devices_; }
  const std::vector<HostedServer>& servers() const { return servers_; }
  const AddressMap& address_map() const { return map_; }
  // The cables, the management network and what crosses them.
  NetworkModel& network() { return *network_; }
  // More endpoints (a server elsewhere on this machine) may be mapped between runs of the loop.
  AddressMap& address_map() { return map_; }
  const std::string& dir() const { return options_.dir; }
  // The lab's fault injector (lab_faults.h); the topology's declared faults are active from the
  // start.
  LabFaults& faults() { return *faults_; }
  // Keeps `service` (a control socket, an HTTP listener) alive until the devices go.
  void Keep(std::shared_ptr<void> service) { services_.push_back(std::move(service)); }

  // Calls `attach` for every device (to start its front-ends); stops at the first error.
  Status Attach(const std::function<Status(HostedDevice&, size_t index)>& attach);
  // Runs the devices' loop until Stop(). The servers keep serving until the host is destroyed.
  void Run();
  // Ends the Run() under way, or the next one if none is: safe from any thread, before Run()
  // has started as well.
  void Stop();

 private:
  LabHost(Options options, const Clock& clock);
  Status StartServer(const ServerDefinition& def, const LabCredentials& credentials);
  Status StartDevice(const DeviceDefinition& def);
  // Starts generating the flash images the devices not yet provisioned start with, off this
  // thread (LabStorage::PrepareImages), before the first device is provisioned.
  Status PrepareDeviceImages(const Topology& topology);
  // Whether `d` (managed by `management`) reaches `host` for a transfer now.
  bool TransferReaches(const Device& d, const std::string& management, const std::string& host);
  void ScheduleTick();

  Options options_;
  const Clock& clock_;
  asio::io_context io_;
  asio::steady_timer tick_timer_;
  std::mutex run_mutex_;  // orders Stop() against Run()'s start and end
  bool stop_requested_ = false;
  // Hashing for `verify` runs here, off the devices' loop. Declared before the devices: it is
  // destroyed after them, and its completions are posted to io_.
  static constexpr size_t kWorkThreads = 2;
  ThreadWorkPool work_pool_;
  std::unique_ptr<LabStorage> storage_;
  AddressMap map_;
  std::unique_ptr<LabTransferPort> port_;
  std::unique_ptr<NetworkModel> network_;  // outlives the devices it points at
  // Declared before what lives on it: the servers go (on its thread) before it does.
  ServerLoop server_loop_;
  std::vector<LabTftpServer> tftp_servers_;
  std::vector<LabFileServers> file_servers_;
  std::vector<HostedServer> servers_;
  std::vector<HostedDevice> devices_;
  // After the devices: it watches them, and their transfers go through it.
  std::unique_ptr<LabFaults> faults_;
  std::vector<std::shared_ptr<void>> services_;
};

}  // namespace iosup

#endif  // IOSUP_LAB_LAB_HOST_H_
