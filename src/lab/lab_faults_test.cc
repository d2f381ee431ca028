// Issue 17, faults on demand: each kind is injected the way people do it (`iosup fault`'s words
// through the lab's control socket, the iosup binary itself, the topology, the HTTP API with curl)
// and what a client of the device sees is asserted: the console's copy and verify output, the
// boot banners, a device that does not come back.
#include "lab/lab_faults.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <regex>

#include "device/commands/device_line_service.h"
#include "frontend/console_line.h"
#include "lab/control_socket.h"
#include "lab/fault_cli.h"
#include "lab/fault_control.h"
#include "lab/http_api.h"
#include "lab/networked_lab.h"
#include "platform/system_clock.h"
#include "testing/capture_terminal.h"
#include "testing/temp_dir.h"

namespace iosup {
namespace {

constexpr const char* kNewSwitchImage = "c2960-lanbasek9-mz.152-7.E9.bin";
constexpr const char* kNewRouterImage = "isr4300-universalk9.16.12.04.SPA.bin";

constexpr const char* kLab = R"(
devices:
  - {name: R1, platform: ISR4321, image_size: 120000, address: 192.168.1.1}
  - {name: SW1, platform: C2960, image_size: 100000, address: 192.168.1.10, interface: Vlan1,
     config: ["ip tftp blocksize 8192"]}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: c2960-lanbasek9-mz.152-7.E9.bin, size: 20000}
      - {name: isr4300-universalk9.16.12.04.SPA.bin, size: 130000}
)";

// Two routers cabled back to back, OSPF over the cable with a 1 s hello (dead interval 4 s).
constexpr const char* kOspfLab = R"(
devices:
  - {name: R1, platform: ISR4321, image_size: 120000, address: 192.168.1.1,
     config: ["interface Loopback0\n ip address 1.1.1.1 255.255.255.255",
              "interface GigabitEthernet0/0/1\n ip address 10.0.12.1 255.255.255.252\n ip ospf network point-to-point\n ip ospf hello-interval 1\n no shutdown",
              "router ospf 1\n network 10.0.12.0 0.0.0.3 area 0\n network 1.1.1.1 0.0.0.0 area 0"]}
  - {name: R2, platform: ISR4321, image_size: 120000, address: 192.168.1.2,
     config: ["interface Loopback0\n ip address 2.2.2.2 255.255.255.255",
              "interface GigabitEthernet0/0/1\n ip address 10.0.12.2 255.255.255.252\n ip ospf network point-to-point\n ip ospf hello-interval 1\n no shutdown",
              "router ospf 1\n network 10.0.12.0 0.0.0.3 area 0\n network 2.2.2.2 0.0.0.0 area 0"]}
links:
  - endpoints: ["R1:Gi0/0/1", "R2:Gi0/0/1"]
)";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

class LabFaultsTest : public ::testing::Test {
 protected:
  void Start(const std::string& extra_yaml = "") { StartTopology(std::string(kLab) + extra_yaml); }
  void StartTopology(const std::string& yaml) {
    ASSERT_FALSE(dir_.path().empty());
    auto topology = ParseTopology(yaml);
    ASSERT_TRUE(topology.ok()) << topology.status().ToString();
    auto host = StartNetworkedLab(*topology, {.dir = lab()}, clock_);
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    host_ = std::move(*host);
  }

  std::string lab() const { return dir_.path() + "/lab"; }

  // Runs the lab's loop (on this thread) until `done` or 30 s.
  bool RunUntil(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(30)) {
    const auto give_up = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > give_up) return false;
      host_->io().restart();
      host_->io().run_for(std::chrono::milliseconds(10));
    }
    return true;
  }
  void RunFor(std::chrono::milliseconds d) {
    const auto until = std::chrono::steady_clock::now() + d;
    RunUntil([&] { return std::chrono::steady_clock::now() >= until; });
  }

  // `iosup fault WORDS...` as the binary sends it (the control socket), while the lab runs here.
  std::string Inject(const std::vector<std::string>& words) {
    std::string error;
    const std::string request = FaultWordsToRequest(words, &error);
    if (request.empty()) return "usage: " + error;
    auto answer = std::async(std::launch::async, [&] {
      return ControlRequest(ControlSocketPath(lab()), request);
    });
    EXPECT_TRUE(RunUntil([&] {
      return answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    }));
    Result<std::string> a = answer.get();
    if (!a.ok()) return a.status().ToString();
    std::string out;
    PrintFaultAnswer(*a, out);
    return out;
  }

  HostedDevice& Named(const std::string& name) {
    for (HostedDevice& d : host_->devices()) {
      if (d.definition.name == name) return d;
    }
    ADD_FAILURE() << name;
    return host_->devices().front();
  }

  // A console on `name`, in privileged mode.
  struct Console {
    Console(Device& d) : lines(d), line(lines, term) {
      line.Activate();
      line.Input("\renable\rcisco\r");
    }
    DeviceLineService lines;
    CaptureTerminal term;
    ConsoleLine line;
  };
  std::unique_ptr<Console> ConsoleOn(const std::string& name) {
    auto c = std::make_unique<Console>(*Named(name).device);
    RunFor(std::chrono::milliseconds(50));
    c->term.out.clear();
    return c;
  }
  // Types `command` and waits until the output holds `until`.
  std::string Type(Console& c, const std::string& input, const std::string& until,
                   std::chrono::seconds limit = std::chrono::seconds(30)) {
    c.term.out.clear();
    c.line.Input(input);
    RunUntil([&] { return c.term.out.find(until) != std::string::npos; }, limit);
    return c.term.out;
  }
  std::string CopyFromServer(Console& c, const std::string& file, const std::string& fs) {
    return Type(c, "copy tftp://192.168.1.100/" + file + " " + fs + "\r\r", "#");
  }
  std::string ServerMd5(const std::string& file) {
    std::istringstream in(ReadFile(host_->servers()[0].manifest));
    for (std::string md5, name; in >> md5 >> name;) {
      if (name == file) return md5;
    }
    return "";
  }
  std::string Events() { return ReadFile(lab() + "/events.log"); }

  TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<LabHost> host_;
};

TEST(FaultRegistry, ChecksTargetsKindsAndArguments) {
  SystemClock clock;
  std::vector<std::string> log;
  FaultRegistry r(clock, [](const std::string& d) { return d == "R1"; },
                  [&](WallTime, const std::string& line) { log.push_back(line); });
  EXPECT_EQ(r.Add({"R1", "nonsense", {}}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.Add({"R9", "loss", {}}).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(r.Add({"R1", "loss", {"101"}}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.Add({"R1", "loss", {"much"}}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.Add({"R1", "corrupt", {"a", "b"}}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.Add({"R1:Gi0/0/0", "power-lost", {}}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.Add({"R1", "link-down-after-boot", {}}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.Add({"R1", "file-lost", {}}).status().message(), "file-lost needs file");
  Result<Fault> loss = r.Add({"R1->192.168.1.100", "loss", {}});
  ASSERT_TRUE(loss.ok()) << loss.status().ToString();
  EXPECT_EQ(loss->Arg("percent"), "30");  // the default
  EXPECT_EQ(loss->device(), "R1");
  EXPECT_EQ(loss->server(), "192.168.1.100");
  Result<Fault> delay = r.Add({"R1", "delay", {"ms=50"}});
  ASSERT_TRUE(delay.ok());
  EXPECT_EQ(r.Find("R1", FaultKind::kDelay)->id, delay->id);
  EXPECT_EQ(r.active().size(), 2u);
  EXPECT_EQ(r.Clear(99, "test").code(), ErrorCode::kNotFound);
  EXPECT_TRUE(r.Clear(loss->id, "test").ok());
  r.Consume(delay->id, "used");
  EXPECT_TRUE(r.active().empty());
  ASSERT_EQ(log.size(), 4u);
  EXPECT_NE(log[0].find("#1 R1->192.168.1.100 loss percent=30"), std::string::npos) << log[0];
  EXPECT_NE(log[2].find("cleared by test"), std::string::npos);
  EXPECT_NE(log[3].find("consumed: used"), std::string::npos);
}

TEST_F(LabFaultsTest, CorruptCopyMakesVerifyMismatchAndIsConsumed) {
  Start();
  EXPECT_NE(Inject({"SW1", "corrupt"}).find("fault #1: SW1 corrupt"), std::string::npos);
  auto sw1 = ConsoleOn("SW1");
  const std::string copy = CopyFromServer(*sw1, kNewSwitchImage, "flash:");
  EXPECT_NE(copy.find("[OK - 20000 bytes]"), std::string::npos) << copy;  // the copy itself "works"
  const std::string md5 = ServerMd5(kNewSwitchImage);
  ASSERT_EQ(md5.size(), 32u);
  const std::string verify =
      Type(*sw1, "verify /md5 flash:" + std::string(kNewSwitchImage) + " " + md5 + "\r", "#");
  EXPECT_NE(verify.find("%Error verifying flash:" + std::string(kNewSwitchImage)), std::string::npos)
      << verify;
  // One-shot: consumed by that copy; the next copy is whole.
  EXPECT_NE(Inject({"list"}).find("no active faults"), std::string::npos);
  EXPECT_NE(Events().find("consumed: the copy of tftp://192.168.1.100/" + std::string(kNewSwitchImage)),
            std::string::npos) << Events();
  EXPECT_NE(Type(*sw1, "copy tftp://192.168.1.100/" + std::string(kNewSwitchImage) + " flash:again.bin\r\r", "#")
                .find("[OK - 20000 bytes]"),
            std::string::npos);
  EXPECT_NE(Type(*sw1, "verify /md5 flash:again.bin " + md5 + "\r", "#").find("Verified (flash:"),
            std::string::npos);
}

TEST_F(LabFaultsTest, FullFlashRefusesTheCopyUntilCleared) {
  Start();
  auto sw1 = ConsoleOn("SW1");
  EXPECT_NE(Inject({"SW1", "flash-full"}).find("fault #1"), std::string::npos);
  const std::string dir = Type(*sw1, "dir flash:\r", "#");
  EXPECT_TRUE(std::regex_search(dir, std::regex(R"(\d+ bytes total \(0 bytes free\))"))) << dir;
  const std::string copy = CopyFromServer(*sw1, kNewSwitchImage, "flash:");
  EXPECT_NE(copy.find("Not enough space"), std::string::npos) << copy;
  EXPECT_EQ(copy.find("bytes copied"), std::string::npos) << copy;
  EXPECT_NE(Inject({"clear", "1"}).find("cleared 1"), std::string::npos);
  EXPECT_NE(CopyFromServer(*sw1, kNewSwitchImage, "flash:").find("bytes copied"), std::string::npos);
}

TEST_F(LabFaultsTest, FlashWriteErrorFailsCopiesAndSaves) {
  Start();
  auto sw1 = ConsoleOn("SW1");
  Inject({"SW1", "flash-write-error"});
  const std::string copy = CopyFromServer(*sw1, kNewSwitchImage, "flash:");
  EXPECT_NE(copy.find("%Error"), std::string::npos) << copy;
  EXPECT_NE(copy.find("I/O error"), std::string::npos) << copy;
  EXPECT_FALSE(Named("SW1").device->file_systems().primary().store->Stat(kNewSwitchImage).ok());
}

TEST_F(LabFaultsTest, SlowHashPacesVerifyAtTheGivenRate) {
  Start();
  auto sw1 = ConsoleOn("SW1");
  const std::string image = "flash:c2960-lanbasek9-mz.152-7.E6.bin";
  // Without the fault the answer is there at once.
  EXPECT_NE(Type(*sw1, "verify /md5 " + image + "\r", "#").find("verify /md5 ("), std::string::npos);
  Inject({"SW1", "slow-hash", "rate=40000"});  // 100000 bytes: 2.5 s
  sw1->term.out.clear();
  sw1->line.Input("verify /md5 " + image + "\r");
  RunFor(std::chrono::milliseconds(800));
  EXPECT_EQ(sw1->term.out.find("verify /md5 ("), std::string::npos) << sw1->term.out;
  EXPECT_TRUE(RunUntil([&] { return sw1->term.out.find("verify /md5 (") != std::string::npos; }));
}

TEST_F(LabFaultsTest, BootCrashFallsBackToTheNextBootStatement) {
  Start();
  auto r1 = ConsoleOn("R1");
  const std::string copied = CopyFromServer(*r1, kNewRouterImage, "bootflash:");
  ASSERT_NE(copied.find("bytes copied"), std::string::npos) << copied;
  const std::string saved = Type(*r1,
       "configure terminal\rno boot system\rboot system bootflash:" + std::string(kNewRouterImage) +
           "\rboot system bootflash:isr4300-universalk9.16.09.06.SPA.bin\rend\rwrite memory\r",
       "[OK]");
  ASSERT_NE(saved.find("[OK]"), std::string::npos) << saved;
  EXPECT_NE(Inject({"R1", "boot-crash", kNewRouterImage}).find("boot-crash image="), std::string::npos);
  Device& device = *Named("R1").device;
  r1->term.out.clear();
  device.Reload("Reload Command", "console");
  ASSERT_TRUE(RunUntil([&] { return device.state() == DeviceState::kRunning; }));
  EXPECT_NE(r1->term.out.find("Unexpected exception to CPU"), std::string::npos) << r1->term.out;
  EXPECT_EQ(device.image().file, "isr4300-universalk9.16.09.06.SPA.bin");
  // The console shows the crash, then the next statement's image loading.
  const size_t crash = r1->term.out.find("Unexpected exception to CPU");
  EXPECT_NE(r1->term.out.find("bootflash:isr4300-universalk9.16.09.06.SPA.bin", crash), std::string::npos)
      << r1->term.out;
  RunFor(std::chrono::milliseconds(50));
  EXPECT_NE(Events().find("consumed: the boot of R1 crashed"), std::string::npos) << Events();
  // The next boot starts the new image.
  device.Reload("Reload Command", "console");
  ASSERT_TRUE(RunUntil([&] { return device.state() == DeviceState::kRunning; }));
  EXPECT_EQ(device.image().file, kNewRouterImage);
}

// A file lost while the device is off (a deleted image, a damaged card): the boot statement that
// names it fails as IOS's does and the next one boots; the fault is used up by that reload.
TEST_F(LabFaultsTest, FileLostAtTheReloadSendsTheBootToTheNextStatement) {
  Start();
  auto sw1 = ConsoleOn("SW1");
  const std::string copied = CopyFromServer(*sw1, kNewSwitchImage, "flash:");
  ASSERT_NE(copied.find("bytes copied"), std::string::npos) << copied;
  const std::string saved = Type(*sw1,
       "configure terminal\rno boot system\rboot system flash:" + std::string(kNewSwitchImage) +
           "\rboot system flash:c2960-lanbasek9-mz.152-7.E6.bin\rend\rwrite memory\r",
       "[OK]");
  ASSERT_NE(saved.find("[OK]"), std::string::npos) << saved;
  EXPECT_NE(Inject({"SW1", "file-lost", "flash:c2960-*E9.bin"}).find("fault #1"), std::string::npos);
  Device& device = *Named("SW1").device;
  ASSERT_TRUE(device.file_systems().primary().store->Stat(kNewSwitchImage).ok());  // not before
  sw1->term.out.clear();
  device.Reload("Reload Command", "console");
  ASSERT_TRUE(RunUntil([&] { return device.state() == DeviceState::kRunning; }));
  EXPECT_EQ(device.image().file, "c2960-lanbasek9-mz.152-7.E6.bin");
  EXPECT_FALSE(device.file_systems().primary().store->Stat(kNewSwitchImage).ok());
  EXPECT_NE(sw1->term.out.find("Error loading \"flash:" + std::string(kNewSwitchImage)), std::string::npos)
      << sw1->term.out;
  RunFor(std::chrono::milliseconds(50));
  EXPECT_NE(Events().find("consumed: SW1 went off and lost flash:" + std::string(kNewSwitchImage)),
            std::string::npos) << Events();
  EXPECT_EQ(Inject({"list"}).find("file-lost"), std::string::npos);  // used up
  // A pattern that names nothing is used up as well, and says so.
  Inject({"SW1", "file-lost", "flash:nothing-here*.bin"});
  device.Reload("Reload Command", "console");
  ASSERT_TRUE(RunUntil([&] { return device.state() == DeviceState::kRunning; }));
  EXPECT_NE(Events().find("lost nothing (no file matches flash:nothing-here*.bin)"), std::string::npos) << Events();
}

TEST_F(LabFaultsTest, PowerLostKeepsTheDeviceOffUntilCleared) {
  Start();
  Device& device = *Named("SW1").device;
  const std::string added = Inject({"SW1", "power-lost"});
  device.Reload("Reload Command", "console");
  RunFor(std::chrono::milliseconds(500));
  EXPECT_EQ(device.state(), DeviceState::kOff);
  EXPECT_NE(Events().find("SW1 lost power at its reload"), std::string::npos) << Events();
  EXPECT_NE(Inject({"list"}).find("power-lost"), std::string::npos);  // still active
  Inject({"clear", "all"});
  EXPECT_TRUE(RunUntil([&] { return device.state() == DeviceState::kRunning; }));
}

TEST_F(LabFaultsTest, SlowReturnBringsTheDeviceBackAfterTheGivenMinutes) {
  Start();
  Device& device = *Named("SW1").device;
  Inject({"SW1", "slow-return", "0.03"});  // 1.8 s
  const auto reloaded = std::chrono::steady_clock::now();
  device.Reload("Reload Command", "console");
  RunFor(std::chrono::milliseconds(600));
  EXPECT_EQ(device.state(), DeviceState::kOff);
  ASSERT_TRUE(RunUntil([&] { return device.state() == DeviceState::kRunning; }));
  EXPECT_GE(std::chrono::steady_clock::now() - reloaded, std::chrono::milliseconds(1700));
  EXPECT_NE(Events().find("SW1 powers on again"), std::string::npos);
  // Consumed: the reload after that is an ordinary one.
  device.Reload("Reload Command", "console");
  RunFor(std::chrono::milliseconds(300));
  EXPECT_EQ(device.state(), DeviceState::kRunning);
}

TEST_F(LabFaultsTest, LossOnThePathShowsRetriesAndTheCopyStillLands) {
  Start();
  auto sw1 = ConsoleOn("SW1");
  Inject({"SW1->192.168.1.100", "loss", "40"});
  const std::string copy = CopyFromServer(*sw1, kNewSwitchImage, "flash:");
  ASSERT_NE(copy.find("bytes copied"), std::string::npos) << copy;
  const size_t loading = copy.find("Loading ");
  ASSERT_NE(loading, std::string::npos) << copy;
  // Timeouts print '.' among the '!' of the received blocks, as IOS does.
  EXPECT_NE(copy.find('.', copy.find(": ", loading)), std::string::npos) << copy;
  const std::string md5 = ServerMd5(kNewSwitchImage);
  EXPECT_NE(Type(*sw1, "verify /md5 flash:" + std::string(kNewSwitchImage) + " " + md5 + "\r", "#")
                .find("Verified"),
            std::string::npos);
  // A path to another server is not affected; the fault stays until cleared.
  EXPECT_NE(Inject({"list"}).find("SW1->192.168.1.100"), std::string::npos);
}

TEST_F(LabFaultsTest, TotalLossTimesTheCopyOut) {
  Start();
  auto sw1 = ConsoleOn("SW1");
  Inject({"SW1", "loss", "100"});
  const std::string copy = CopyFromServer(*sw1, kNewSwitchImage, "flash:");
  EXPECT_NE(copy.find("%Error opening tftp://192.168.1.100/" + std::string(kNewSwitchImage) +
                      " (Timed out)"),
            std::string::npos) << copy;
}

TEST_F(LabFaultsTest, DelayAndDuplicatesStillDeliverTheFileIntact) {
  Start();
  auto sw1 = ConsoleOn("SW1");
  Inject({"SW1", "delay", "30"});
  Inject({"SW1", "duplicate", "100"});
  const std::string copy = CopyFromServer(*sw1, kNewSwitchImage, "flash:");
  ASSERT_NE(copy.find("[OK - 20000 bytes]"), std::string::npos) << copy;
  EXPECT_NE(Type(*sw1, "verify /md5 flash:" + std::string(kNewSwitchImage) + " " +
                           ServerMd5(kNewSwitchImage) + "\r", "#")
                .find("Verified"),
            std::string::npos);
}

// The interface's line in `show ip interface brief`: "up up", "down down", ...
std::string BriefState(const std::string& brief, const std::string& interface) {
  std::smatch m;
  const std::regex line(interface + R"( +\S+ +\S+ +\S+ +(administratively down|up|down) +(up|down))");
  return std::regex_search(brief, m, line) ? m[1].str() + " " + m[2].str() : "(no line)";
}

TEST_F(LabFaultsTest, LinkDownAfterBootHoldsTheInterfaceDownFromTheNextBootUntilCleared) {
  Start();
  Device& device = *Named("R1").device;
  auto r1 = ConsoleOn("R1");
  EXPECT_EQ(BriefState(Type(*r1, "show ip interface brief\r", "#"), "GigabitEthernet0/0/0"), "up up");
  EXPECT_NE(Inject({"R1:Gi0/0/0", "link-down-after-boot"}).find("fault #1"), std::string::npos);
  // Nothing changes before the boot.
  EXPECT_EQ(BriefState(Type(*r1, "show ip interface brief\r", "#"), "GigabitEthernet0/0/0"), "up up");
  device.Reload("Reload Command", "console");
  ASSERT_TRUE(RunUntil([&] { return device.state() == DeviceState::kRunning; }));
  RunFor(std::chrono::milliseconds(50));
  r1 = ConsoleOn("R1");
  EXPECT_EQ(BriefState(Type(*r1, "show ip interface brief\r", "#"), "GigabitEthernet0/0/0"), "down down");
  EXPECT_NE(Events().find("R1 GigabitEthernet0/0/0 stays down after its boot (fault #1)"), std::string::npos)
      << Events();
  // It stays down through another reload, until cleared.
  EXPECT_NE(Inject({"list"}).find("link-down-after-boot"), std::string::npos);
  Inject({"clear", "1"});
  RunFor(std::chrono::milliseconds(50));
  EXPECT_EQ(BriefState(Type(*r1, "show ip interface brief\r", "#"), "GigabitEthernet0/0/0"), "up up");
  // An interface the device does not have is said so in the lab's log.
  Inject({"R1:Gi9/9/9", "link-down-after-boot"});
  device.Reload("Reload Command", "console");
  ASSERT_TRUE(RunUntil([&] { return device.state() == DeviceState::kRunning; }));
  RunFor(std::chrono::milliseconds(50));
  EXPECT_NE(Events().find("fault #2: R1 has no interface Gi9/9/9"), std::string::npos) << Events();
}

// Whether `d` has `id` as a FULL OSPF neighbour.
bool FullWith(const Device& d, const std::string& id) {
  for (const OspfNeighbor& n : d.ospf().rows()) {
    if (Ipv4Text(n.router_id) == id && n.state == OspfState::kFull && !n.lost_at) return true;
  }
  return false;
}

TEST_F(LabFaultsTest, OspfNeighbourLostFromTheNextBootUntilCleared) {
  StartTopology(kOspfLab);
  Device& r1 = *Named("R1").device;
  Device& r2 = *Named("R2").device;
  ASSERT_TRUE(RunUntil([&] { return FullWith(r1, "2.2.2.2") && FullWith(r2, "1.1.1.1"); }));
  EXPECT_NE(Inject({"R1:Gi0/0/1", "ospf-neighbor-lost"}).find("fault #1"), std::string::npos);
  // Nothing changes before the boot (hellos every second, dead after 4).
  RunFor(std::chrono::milliseconds(1500));
  EXPECT_TRUE(FullWith(r1, "2.2.2.2"));
  EXPECT_TRUE(FullWith(r2, "1.1.1.1"));
  auto r2_console = ConsoleOn("R2");
  r1.Reload("Reload Command", "console");
  ASSERT_TRUE(RunUntil([&] { return r1.state() == DeviceState::kRunning; }));
  RunFor(std::chrono::milliseconds(5000));  // past the dead interval
  const std::string r2_log = r2_console->term.out;
  EXPECT_NE(r2_log.find("Nbr 1.1.1.1 on GigabitEthernet0/0/1 from FULL to DOWN"), std::string::npos) << r2_log;
  EXPECT_EQ(r2_log.find("LOADING to FULL"), std::string::npos) << r2_log;
  auto r1_console = ConsoleOn("R1");
  // The link is up; neither side has the other as a neighbour, and both say so.
  EXPECT_EQ(BriefState(Type(*r1_console, "show ip interface brief\r", "#"), "GigabitEthernet0/0/1"), "up up");
  EXPECT_EQ(Type(*r1_console, "show ip ospf neighbor\r", "#").find("2.2.2.2"), std::string::npos);
  EXPECT_EQ(Type(*r2_console, "show ip ospf neighbor\r", "#").find("1.1.1.1"), std::string::npos);
  EXPECT_TRUE(r1.ospf().rows().empty());
  EXPECT_TRUE(r2.ospf().rows().empty());
  EXPECT_NE(Events().find("R1 GigabitEthernet0/0/1 hears no OSPF hellos and sends none from this boot on (fault #1)"),
            std::string::npos) << Events();
  // Cleared: the adjacency forms again, without a reload.
  EXPECT_NE(Inject({"clear", "1"}).find("cleared 1"), std::string::npos);
  ASSERT_TRUE(RunUntil([&] { return FullWith(r1, "2.2.2.2") && FullWith(r2, "1.1.1.1"); },
                       std::chrono::seconds(3)));
  EXPECT_NE(Type(*r1_console, "show ip ospf neighbor\r", "#").find("2.2.2.2"), std::string::npos);
  EXPECT_NE(Events().find("R1 GigabitEthernet0/0/1 exchanges OSPF hellos again"), std::string::npos) << Events();
}

TEST_F(LabFaultsTest, TopologyDeclaresFaultsAndRefusesBadOnes) {
  Start("faults:\n  - {target: SW1, kind: flash-full}\n  - \"R1 delay 40\"\n");
  const std::string list = Inject({"list"});
  EXPECT_NE(list.find("SW1                       flash-full"), std::string::npos) << list;
  EXPECT_NE(list.find("ms=40"), std::string::npos) << list;
  EXPECT_NE(list.find("topology"), std::string::npos) << list;
  auto bad = ParseTopology(std::string(kLab) + "faults:\n  - {target: R7, kind: loss}\n");
  ASSERT_TRUE(bad.ok());
  TempDir other;
  auto host = StartNetworkedLab(*bad, {.dir = other.path()}, clock_);
  ASSERT_FALSE(host.ok());
  EXPECT_NE(host.status().message().find("no device R7"), std::string::npos) << host.status().ToString();
}

// The iosup binary itself reaches the running lab through its directory.
TEST_F(LabFaultsTest, IosupFaultBinaryTalksToTheRunningLab) {
  Start();
  auto run = [&](const std::string& args, std::string dir = "") {
    if (dir.empty()) dir = lab();
    auto out = std::async(std::launch::async, [&] {
      std::string text;
      FILE* p = ::popen((std::string(IOSUP_BINARY_PATH) + " fault --lab-dir " + dir + " " + args +
                         " 2>&1; echo rc=$?").c_str(), "r");
      char buf[4096];
      for (size_t n; p && (n = std::fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
      if (p) ::pclose(p);
      return text;
    });
    RunUntil([&] { return out.wait_for(std::chrono::seconds(0)) == std::future_status::ready; });
    return out.get();
  };
  EXPECT_NE(run("SW1 loss 25").find("fault #1: SW1 loss percent=25"), std::string::npos);
  EXPECT_NE(run("list").find("1     SW1                       loss                  percent=25"),
            std::string::npos);
  EXPECT_NE(run("SW9 loss").find("no device SW9 in this lab\nrc=1"), std::string::npos);
  EXPECT_NE(run("clear 1").find("cleared 1 fault(s)\nrc=0"), std::string::npos);
  TempDir empty;
  EXPECT_NE(run("list", empty.path()).find("rc=3"), std::string::npos);
}

// The JSON API on the lab's HTTP listener, driven by curl.
TEST_F(LabFaultsTest, HttpApiDrivenByCurl) {
  Start();
  if (!std::filesystem::exists("/usr/bin/curl")) GTEST_FAIL() << "missing install step: " << "curl is not installed";
  auto runner = [this](const std::string& request) {
    auto answer = std::make_shared<std::promise<std::string>>();
    auto result = answer->get_future();
    asio::post(host_->io(), [this, request, answer] {
      answer->set_value(HandleFaultRequestText(host_->faults().registry(), request, "http"));
    });
    return result.get();
  };
  EXPECT_EQ(LabHttpApi::Start({.address = "0.0.0.0"}, runner).status().code(),
            ErrorCode::kPermissionDenied);
  auto api = LabHttpApi::Start({.address = "127.0.0.1", .token = "s3cret"}, runner);
  ASSERT_TRUE(api.ok()) << api.status().ToString();
  const std::string base = "http://127.0.0.1:" + std::to_string((*api)->port()) + "/api/v1";
  auto curl = [&](const std::string& args) {
    auto out = std::async(std::launch::async, [&] {
      std::string text;
      FILE* p = ::popen(("/usr/bin/curl -s -w ' HTTP%{http_code}' " + args).c_str(), "r");
      char buf[4096];
      for (size_t n; p && (n = std::fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
      if (p) ::pclose(p);
      return text;
    });
    RunUntil([&] { return out.wait_for(std::chrono::seconds(0)) == std::future_status::ready; });
    return out.get();
  };
  const std::string auth = "-H 'Authorization: Bearer s3cret' ";
  EXPECT_NE(curl(base + "/faults").find("HTTP401"), std::string::npos);
  const std::string added = curl(auth + "-X POST -d '{\"target\": \"SW1\", \"kind\": \"corrupt\"}' " +
                                 base + "/faults");
  EXPECT_NE(added.find("\"kind\": \"corrupt\""), std::string::npos) << added;
  EXPECT_NE(added.find("HTTP201"), std::string::npos) << added;
  EXPECT_NE(curl(auth + "-X POST -d '{\"target\": \"SW1\", \"kind\": \"melt\"}' " + base + "/faults")
                .find("HTTP400"),
            std::string::npos);
  const std::string list = curl(auth + base + "/faults");
  EXPECT_NE(list.find("\"origin\": \"http\""), std::string::npos) << list;
  // What the API injected acts: the next copy is corrupt.
  auto sw1 = ConsoleOn("SW1");
  CopyFromServer(*sw1, kNewSwitchImage, "flash:");
  EXPECT_NE(Type(*sw1, "verify /md5 flash:" + std::string(kNewSwitchImage) + " " +
                           ServerMd5(kNewSwitchImage) + "\r", "#")
                .find("%Error verifying"),
            std::string::npos);
  EXPECT_NE(curl(auth + "-X DELETE " + base + "/faults/1").find("HTTP404"), std::string::npos);
  curl(auth + "-X POST -d '{\"target\": \"R1\", \"kind\": \"loss\", \"args\": {\"percent\": 5}}' " +
       base + "/faults");
  EXPECT_NE(curl(auth + "-X DELETE " + base + "/faults").find("\"cleared\": 1"), std::string::npos);
  EXPECT_NE(curl(auth + base + "/fault-kinds").find("\"kind\": \"ssh-drop\""), std::string::npos);
}

}  // namespace
}  // namespace iosup
