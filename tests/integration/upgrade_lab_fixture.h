// An in-process lab reached over real SSH on loopback, for the orchestrator's end-to-end tests:
// R1 (ISR4321) and SW1 (Catalyst 2960) with small images, and the TFTP server 192.168.1.100
// holding their new images. Devices run on the lab's own thread; tests touch them only through
// OnLab(), which runs a function there and waits for it.
#ifndef IOSUP_TESTS_INTEGRATION_UPGRADE_LAB_FIXTURE_H_
#define IOSUP_TESTS_INTEGRATION_UPGRADE_LAB_FIXTURE_H_

#include <gtest/gtest.h>

#include <asio/post.hpp>
#include <fstream>
#include <sstream>
#include <future>
#include <thread>

#include "lab/control_socket.h"
#include "lab/fault_cli.h"
#include "lab/lab_host.h"
#include "lab/lab_upgrade_files.h"
#include "lab/networked_lab.h"
#include "platform/posix_file.h"
#include "platform/system_clock.h"
#include "testing/temp_dir.h"
#include "upgrade/sqlite_journal.h"
#include "upgrade/upgrade_run.h"

namespace iosup {

inline constexpr const char* kUpgradeLab = R"(
devices:
  - {name: R1, platform: ISR4321, hostname: R1, image_size: 300000, address: 192.168.1.1,
     config: ["ip scp server enable"]}
  - {name: SW1, platform: C2960, hostname: SW1, image_size: 200000, address: 192.168.1.2,
     interface: Vlan1, config: ["ip scp server enable"]}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: isr4300-universalk9.16.12.04.SPA.bin, size: 400000}
      - {name: c2960-lanbasek9-mz.152-7.E9.bin, size: 250000}
)";

inline constexpr const char* kNewR1 = "isr4300-universalk9.16.12.04.SPA.bin";
inline constexpr const char* kOldR1 = "isr4300-universalk9.16.09.06.SPA.bin";
inline constexpr const char* kNewSw = "c2960-lanbasek9-mz.152-7.E9.bin";
inline constexpr const char* kOldSw = "c2960-lanbasek9-mz.152-7.E6.bin";

// Counts the boots of one device (each reload is one).
class BootCounter : public DeviceListener {
 public:
  void OnStateChanged(DeviceState s) override {
    if (s == DeviceState::kOff) ++reloads;
  }
  std::atomic<int> reloads{0};
};

class UpgradeLabTest : public ::testing::Test {
 protected:
  void SetUp() override { StartLab(kUpgradeLab); }
  void TearDown() override { StopLab(); }

  void StartLab(const std::string& topology_yaml) {
    Result<Topology> topology = ParseTopology(topology_yaml);
    ASSERT_TRUE(topology.ok()) << topology.status().ToString();
    // Each start is a new lab (tests that restart get a fresh one).
    work_ = dir_.path() + "/run" + std::to_string(++starts_);
    Result<std::unique_ptr<LabHost>> host =
        StartNetworkedLab(*topology, {.dir = work_ + "/lab", .quick_boot = LabHost::kQuickBoot}, clock_);
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    host_ = std::move(*host);
    counters_.resize(host_->devices().size());
    for (size_t i = 0; i < host_->devices().size(); ++i) {
      counters_[i] = std::make_unique<BootCounter>();
      host_->devices()[i].device->AddListener(counters_[i].get());
    }
    inventory_ = work_ + "/inventory.yaml";
    ASSERT_TRUE(WriteFileAtomically(inventory_, LabInventoryYaml(*host_)).ok());
    Result<std::string> policy = LabPolicyYaml(*host_);
    ASSERT_TRUE(policy.ok()) << policy.status().ToString();
    base_policy_ = *policy + "backup: none\npost_checks: [version, boot, config_register, interfaces]\n";
    base_policy_.erase(base_policy_.find("backup: server\n"), 15);
    thread_ = std::thread([this] { host_->Run(); });
  }

  void StopLab() {
    if (!host_) return;
    host_->Stop();
    if (thread_.joinable()) thread_.join();
    for (size_t i = 0; i < counters_.size(); ++i) host_->devices()[i].device->RemoveListener(counters_[i].get());
    host_.reset();
  }

  // Runs `f(host)` on the lab's thread and returns its result.
  template <typename F>
  auto OnLab(F f) -> decltype(f(std::declval<LabHost&>())) {
    using R = decltype(f(std::declval<LabHost&>()));
    std::promise<R> done;
    asio::post(host_->io(), [&] {
      if constexpr (std::is_void_v<R>) {
        f(*host_);
        done.set_value();
      } else {
        done.set_value(f(*host_));
      }
    });
    return done.get_future().get();
  }

  Device& Dev(LabHost& h, const std::string& name) {
    for (HostedDevice& d : h.devices()) {
      if (d.definition.name == name) return *d.device;
    }
    ADD_FAILURE() << "no device " << name;
    return *h.devices().front().device;
  }
  int Reloads(const std::string& name) {
    for (size_t i = 0; i < host_->devices().size(); ++i) {
      if (host_->devices()[i].definition.name == name) return counters_[i]->reloads.load();
    }
    return -1;
  }

  // The running image's file name and the startup-config's boot targets, read on the lab thread.
  struct DeviceView {
    DeviceState state;
    std::string image;
    std::vector<std::string> startup_boot;
    bool has_file_new = false;
  };
  DeviceView View(const std::string& name, const std::string& new_file) {
    return OnLab([&](LabHost& h) {
      Device& d = Dev(h, name);
      DeviceView v{d.state(), d.image().file};
      Result<std::string> startup = d.ReadStartupText();
      if (startup.ok()) {
        for (const BootStatement& b : Config::Parse(*startup).boot_statements()) v.startup_boot.push_back(b.path);
      }
      v.has_file_new = d.file_systems().primary().store->Stat(new_file).ok();
      return v;
    });
  }

  // The lab's policy with the top-level keys of `extra` ("key: value" lines) replaced or added.
  std::string WritePolicy(const std::string& extra) {
    std::string policy;
    std::istringstream base(base_policy_);
    for (std::string line; std::getline(base, line);) {
      const std::string key = line.substr(0, line.find(':') + 1);
      const bool replaced = !key.empty() && line[0] != ' ' && line[0] != '#' &&
                            (extra.starts_with(key) || extra.find("\n" + key) != std::string::npos);
      if (!replaced) policy += line + "\n";
    }
    const std::string path = work_ + "/policy.yaml";
    EXPECT_TRUE(WriteFileAtomically(path, policy + extra).ok());
    return path;
  }

  std::string ServedFile(const std::string& name) { return host_->servers()[0].root + "/" + name; }

  TempDir dir_;
  int starts_ = 0;
  std::string work_;  // this lab's directory of files (inventory, policy, journal, report)
  SystemClock clock_;
  std::unique_ptr<LabHost> host_;
  std::thread thread_;
  std::vector<std::unique_ptr<BootCounter>> counters_;
  std::string inventory_;
  std::string base_policy_;
};

// The lab with `iosup upgrade` run in process against it: its exit code, its output and the run
// the journal recorded.
class OrchestratorLab : public UpgradeLabTest {
 protected:
  struct Outcome {
    int exit_code;
    std::string out, err;
    upgrade::RunRecord run;
  };
  Outcome Upgrade(const std::string& policy_path, bool plan = false) {
    upgrade::UpgradeArgs args{.inventory = inventory_, .policy = policy_path, .plan = plan,
                     .journal = work_ + "/journal", .report_dir = plan ? "" : work_ + "/report",
                     .parallel = 8};
    args.timing.reconnect_interval = std::chrono::milliseconds(200);
    args.timing.retry_backoff = std::chrono::milliseconds(100);
    std::ostringstream out, err;
    Outcome o{upgrade::RunUpgrade(args, out, err), out.str(), err.str(), {}};
    if (!plan) {
      auto journal = upgrade::SqliteJournal::Open(args.journal);
      EXPECT_TRUE(journal.ok());
      auto latest = (*journal)->LatestRun();
      if (latest.ok() && *latest) o.run = *(*journal)->LoadRun(**latest);
    }
    return o;
  }
  // `iosup fault WORDS...`: the request the binary sends, over the lab's control socket; returns
  // what the binary prints.
  std::string Fault(const std::vector<std::string>& words) {
    std::string error;
    const std::string request = FaultWordsToRequest(words, &error);
    if (request.empty()) return "usage: " + error;
    Result<std::string> answer = ControlRequest(ControlSocketPath(work_ + "/lab"), request);
    if (!answer.ok()) return answer.status().ToString();
    std::string printed;
    EXPECT_EQ(PrintFaultAnswer(*answer, printed), 0) << printed;
    return printed;
  }
  // The lab's event log (faults injected, used up, cleared, and what they did).
  std::string Events() {
    std::ifstream in(work_ + "/lab/events.log", std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  }

  const upgrade::DeviceRecord& Rec(const Outcome& o, const std::string& name) {
    for (const auto& d : o.run.devices) {
      if (d.name == name) return d;
    }
    static upgrade::DeviceRecord none;
    ADD_FAILURE() << "no record for " << name;
    return none;
  }
};

}  // namespace iosup

#endif  // IOSUP_TESTS_INTEGRATION_UPGRADE_LAB_FIXTURE_H_
