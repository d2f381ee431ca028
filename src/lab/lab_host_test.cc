#include "lab/lab_host.h"

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <unistd.h>

#include <asio/post.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <set>
#include <thread>

#include "base/digest.h"
#include "device/commands/device_line_service.h"
#include "frontend/console_line.h"
#include "testing/capture_terminal.h"
#include "testing/loopback_peer.h"
#include "testing/manual_clock.h"
#include "testing/open_files.h"
#include "testing/temp_dir.h"

namespace iosup {
namespace {

constexpr const char* kSmallLab = R"(
devices:
  - {name: SW, platform: C2960, count: 2, image_size: 100000, config: ["ip tftp blocksize 8192"]}
  - name: R1
    platform: ISR4321
    hostname: EDGE
    image_size: 120000
    address: 192.168.1.1
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: c2960-lanbasek9-mz.152-7.E9.bin, size: 200000}
)";

TEST(Topology, ParsesCountsDefaultsAndErrors) {
  auto t = ParseTopology(kSmallLab);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->devices.size(), 3u);
  EXPECT_EQ(t->devices[0].name, "SW1");
  EXPECT_EQ(t->devices[1].hostname, "SW2");
  EXPECT_EQ(t->devices[2].interface, "GigabitEthernet0/0/0");
  EXPECT_EQ(t->servers[0].files[0].size, 200000u);
  EXPECT_FALSE(ParseTopology("devices: [{name: X, platform: NOPE}]").ok());
  EXPECT_FALSE(ParseTopology("devices: [{platform: C2960}]").ok());
  EXPECT_FALSE(ParseTopology("devices: [").ok());
  EXPECT_FALSE(ParseTopology("servers: []").ok());
  auto fleet = FleetTopology("C2960", 1000);
  ASSERT_TRUE(fleet.ok());
  EXPECT_EQ(fleet->devices.back().name, "SW1000");
  EXPECT_EQ(SeedTopology().servers[0].files[0].size, 521347072u);
}

// One counted group repeated through a YAML alias built up to 100,000 devices per repetition, so
// a few lines of text could take gigabytes.
TEST(Topology, RefusesMoreDevicesThanTheBoundInAll) {
  auto t = ParseTopology(
      "devices:\n  - &g {name: SW, platform: C2960, count: 60000}\n  - *g\n");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("more than 100000 devices"), std::string::npos)
      << t.status().ToString();
  EXPECT_TRUE(ParseTopology("devices:\n  - &g {name: SW, platform: C2960, count: 50000}\n  - *g\n")
                  .ok());
}

// Every fleet device has its own management address, none a network or broadcast address.
TEST(Topology, FleetAndCountedDevicesGetAddressesFromTheirIndex) {
  auto fleet = FleetTopology("C2960", 1000);
  ASSERT_TRUE(fleet.ok());
  std::set<std::string> seen;
  for (const DeviceDefinition& d : fleet->devices) {
    EXPECT_TRUE(d.address.starts_with("10.")) << d.name << " " << d.address;
    EXPECT_FALSE(d.address.ends_with(".0") || d.address.ends_with(".255")) << d.address;
    EXPECT_EQ(d.interface, "Vlan1");
    seen.insert(d.address);
  }
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_EQ(fleet->devices[0].address, "10.0.0.1");
  EXPECT_EQ(fleet->devices[253].address, "10.0.0.254");
  EXPECT_EQ(fleet->devices[254].address, "10.0.1.1");
  EXPECT_EQ(fleet->devices[999].address, "10.0.3.238");

  auto counted = ParseTopology("devices: [{name: R, platform: ISR4321, count: 3, address: 172.16.0.253}]");
  ASSERT_TRUE(counted.ok()) << counted.status().ToString();
  EXPECT_EQ(counted->devices[0].address, "172.16.0.253");
  EXPECT_EQ(counted->devices[1].address, "172.16.0.254");
  EXPECT_EQ(counted->devices[2].address, "172.16.1.1");
  EXPECT_EQ(ParseTopology(kSmallLab)->devices[0].address, "");  // none given: none made up
  EXPECT_FALSE(ParseTopology("devices: [{name: R, platform: C2960, count: 2, address: 10.0.0.0}]").ok());
  EXPECT_FALSE(ParseTopology("devices: [{name: R, platform: C2960, count: 2, address: nope}]").ok());
  EXPECT_FALSE(ParseTopology("devices: [{name: R, platform: C2960, count: 300, address: 255.255.255.200}]").ok());
}

using Capture = RawCaptureTerminal;

// Runs the lab's loop until `done` holds; false when it did not within 20 s (a boot's fetch
// ends within its retransmission timeouts).
bool RunUntil(LabHost& host, const std::function<bool()>& done) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!done()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    host.io().restart();
    host.io().run_for(std::chrono::milliseconds(10));
  }
  return true;
}

// A fleet of `count` 2960s with small images (100000 bytes), the lab's server offering a
// 150000-byte E9 image.
Result<std::unique_ptr<LabHost>> StartSmallFleet(int count, LabHost::Options options,
                                                 const Clock& clock) {
  Result<Topology> topology = FleetTopology("C2960", count);
  if (!topology.ok()) return topology.status();
  for (DeviceDefinition& d : topology->devices) d.image_size = 100000;
  for (ServedFile& f : topology->servers[0].files) f.size = 150000;
  return LabHost::Start(*topology, std::move(options), clock);
}

TEST(LabHost, StartsServesAndPersists) {
  TempDir dir;
  ManualClock clock;
  auto topology = *ParseTopology(kSmallLab);
  std::string manifest;
  {
    auto host = LabHost::Start(topology, {.dir = dir.path()}, clock);
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    ASSERT_EQ((*host)->devices().size(), 3u);
    for (HostedDevice& d : (*host)->devices()) {
      EXPECT_EQ(d.device->state(), DeviceState::kRunning) << d.definition.name;
    }
    Device& r1 = *(*host)->devices()[2].device;
    EXPECT_EQ(r1.hostname(), "EDGE");
    EXPECT_TRUE(r1.Reachable("192.168.1.100"));
    ASSERT_TRUE((*host)->address_map().Find("192.168.1.100", "tftp").has_value());
    // The published MD5 matches the staged file.
    std::ifstream in((*host)->servers()[0].manifest);
    std::getline(in, manifest);
    std::ifstream img((*host)->servers()[0].root + "/c2960-lanbasek9-mz.152-7.E9.bin", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(img)), {});
    EXPECT_EQ(manifest.substr(0, 32), DigestHex(DigestKind::kMd5, bytes));
    // A device pulls the image over the lab's loop.
    Device& sw1 = *(*host)->devices()[0].device;
    Capture term;
    DeviceLineService sw1_lines(sw1);
    ConsoleLine console(sw1_lines, term);
    console.Activate();
    console.Input("enable\rcisco\r");
    // The group has no addresses: SW1 needs one on the server's network to reach it.
    console.Input("configure terminal\rinterface Vlan1\rip address 192.168.1.11 255.255.255.0\rend\r");
    console.Input("copy tftp://192.168.1.100/c2960-lanbasek9-mz.152-7.E9.bin flash:\r\r");
    ASSERT_TRUE(RunUntil(**host, [&] { return term.out.find("bytes copied") != std::string::npos; }))
        << term.out;
    EXPECT_NE(term.out.find("[OK - 200000 bytes]"), std::string::npos) << term.out;
    console.Input("write memory\r");
  }
  // A second start finds everything as it was left.
  auto again = LabHost::Start(topology, {.dir = dir.path()}, clock);
  ASSERT_TRUE(again.ok());
  Device& sw1 = *(*again)->devices()[0].device;
  EXPECT_TRUE(sw1.file_systems().primary().store->Stat("c2960-lanbasek9-mz.152-7.E9.bin").ok());
  EXPECT_FALSE(sw1.RunningDiffersFromStartup());
  EXPECT_EQ(sw1.running_config().tftp_blocksize(), 8192);
}

// Stop() from another thread before Run() began ends that Run() all the same: a lab stopped as it
// starts (a test's teardown, a signal during start-up) must not run on forever. A Run() after it
// runs until its own Stop().
TEST(LabHost, StopBeforeRunEndsThatRun) {
  TempDir dir;
  ManualClock clock;
  auto host = LabHost::Start(*ParseTopology(kSmallLab), {.dir = dir.path()}, clock);
  ASSERT_TRUE(host.ok()) << host.status().ToString();
  (*host)->Stop();
  auto run = std::async(std::launch::async, [&] { (*host)->Run(); });
  const bool ended = run.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
  if (!ended) (*host)->Stop();  // the Stop() that came first was lost
  EXPECT_TRUE(ended);
  run.wait();
  bool ran = false;
  asio::post((*host)->io(), [&] {
    ran = true;
    (*host)->Stop();
  });
  (*host)->Run();
  EXPECT_TRUE(ran);
}

// A fleet device answers on its own address: show ip interface brief lists it on the management
// interface, and a TFTP copy leaves through that interface.
TEST(LabHost, FleetDevicesCopyThroughTheirManagementAddress) {
  TempDir dir;
  ManualClock clock;
  auto host = StartSmallFleet(3, {.dir = dir.path()}, clock);
  ASSERT_TRUE(host.ok()) << host.status().ToString();
  Device& sw2 = *(*host)->devices()[1].device;
  Capture term;
  DeviceLineService sw2_lines(sw2);
  ConsoleLine console(sw2_lines, term);
  console.Activate();
  console.Input("enable\rcisco\rterminal length 0\rshow ip interface brief\r");
  EXPECT_NE(term.out.find("Vlan1                  10.0.0.2        YES NVRAM  up                    up"),
            std::string::npos)
      << term.out;
  console.Input("copy tftp://192.168.1.100/c2960-lanbasek9-mz.152-7.E9.bin flash:\r\r");
  ASSERT_TRUE(RunUntil(**host, [&] { return term.out.find("bytes copied") != std::string::npos; }))
      << term.out;
  EXPECT_NE(term.out.find("[OK - 150000 bytes]"), std::string::npos) << term.out;
  const size_t via = term.out.find("(via ");
  ASSERT_NE(via, std::string::npos) << term.out;
  const std::string egress = term.out.substr(via + 5, term.out.find(')', via) - via - 5);
  ASSERT_TRUE(sw2.running_config().interface(egress).has_value()) << egress;
  EXPECT_EQ(sw2.running_config().interface(egress)->ip_address, "10.0.0.2");
}

// `--realistic` turns on LabHost::Options::realistic_file_timing: the real TFTP transfer runs at
// loopback speed, but the device shows the copy at the platform's pace on the lab's clock
// (150000 bytes at a 2960's 357348 bytes/sec: 0.42 s), and only then is the file in flash.
TEST(LabHost, RealisticLabKeepsThePlatformsCopyPace) {
  TempDir dir;
  ManualClock clock;
  auto host = StartSmallFleet(1, {.dir = dir.path(), .realistic_file_timing = true}, clock);
  ASSERT_TRUE(host.ok()) << host.status().ToString();
  Device& sw = *(*host)->devices()[0].device;
  Capture term;
  DeviceLineService sw_lines(sw);
  ConsoleLine console(sw_lines, term);
  console.Activate();
  console.Input("enable\rcisco\rterminal length 0\r");
  console.Input("copy tftp://192.168.1.100/c2960-lanbasek9-mz.152-7.E9.bin flash:\r\r");
  (*host)->io().run_for(std::chrono::milliseconds(500));  // the transfer itself is long over
  EXPECT_NE(term.out.find("Loading c2960-lanbasek9-mz.152-7.E9.bin"), std::string::npos) << term.out;
  EXPECT_EQ(term.out.find("[OK"), std::string::npos) << term.out;
  clock.Advance(std::chrono::seconds(1));
  ASSERT_TRUE(RunUntil(**host, [&] { return term.out.find("bytes copied") != std::string::npos; }))
      << term.out;
  EXPECT_NE(term.out.find("[OK - 150000 bytes]"), std::string::npos) << term.out;
  console.Input("dir flash:\r");
  EXPECT_NE(term.out.find("150000"), std::string::npos) << term.out;
}

// The published MD5 is computed while the image is generated and reused while the file is
// unchanged; a file changed behind the lab's back is hashed again.
TEST(LabHost, ManifestFollowsTheServedFiles) {
  TempDir dir;
  ManualClock clock;
  auto topology = *ParseTopology(kSmallLab);
  auto first_line = [](const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
  };
  std::string image, manifest;
  {
    auto host = LabHost::Start(topology, {.dir = dir.path()}, clock);
    ASSERT_TRUE(host.ok());
    image = (*host)->servers()[0].root + "/c2960-lanbasek9-mz.152-7.E9.bin";
    manifest = (*host)->servers()[0].manifest;
  }
  const std::string generated = first_line(manifest);
  { auto again = LabHost::Start(topology, {.dir = dir.path()}, clock); ASSERT_TRUE(again.ok()); }
  EXPECT_EQ(first_line(manifest), generated);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a newer mtime than the manifest
  {
    std::fstream f(image, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(1000);
    f.put('!');
  }
  { auto again = LabHost::Start(topology, {.dir = dir.path()}, clock); ASSERT_TRUE(again.ok()); }
  std::ifstream img(image, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(img)), {});
  EXPECT_NE(first_line(manifest), generated);
  EXPECT_EQ(first_line(manifest).substr(0, 32), DigestHex(DigestKind::kMd5, bytes));
}

// Seed 001 section 1's `boot system tftp:FILE 192.168.1.100`, first, with the flash image as
// fallback: R1 boots the new image from the lab's TFTP server, fetched on the lab's loop while
// R1 is booting; with the file gone from the server, the tftp statement fails as IOS says it
// and the flash fallback boots; with the server's address unknown, it times out at once and the
// fallback boots again.
TEST(LabHost, BootsFromTheLabTftpServerAndFallsBackToFlash) {
  constexpr const char* kLab = R"(
devices:
  - {name: R1, platform: ISR4321, hostname: R1, image_size: 300000, address: 192.168.1.1}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: isr4300-universalk9.16.12.04.SPA.bin, size: 400000}
)";
  const std::string kNew = "isr4300-universalk9.16.12.04.SPA.bin";
  const std::string kOld = "isr4300-universalk9.16.09.06.SPA.bin";
  TempDir dir;
  ManualClock clock;
  auto host = LabHost::Start(*ParseTopology(kLab), {.dir = dir.path()}, clock);
  ASSERT_TRUE(host.ok()) << host.status().ToString();
  Device& r1 = *(*host)->devices()[0].device;
  ASSERT_EQ(r1.image().path, "bootflash:" + kOld);
  Capture term;
  DeviceLineService r1_lines(r1);
  ConsoleLine console(r1_lines, term);
  console.Activate();
  auto type = [&](const std::string& input) {
    term.out.clear();
    console.Input(input);
    return term.out;
  };
  auto reload = [&] {
    type("reload\r\r");
    EXPECT_TRUE(RunUntil(**host, [&] { return r1.state() != DeviceState::kBooting; }));
    return term.out;
  };
  auto login_and_reload = [&] {
    type("\renable\rcisco\rterminal length 0\r");
    return reload();
  };
  type("enable\rcisco\rconfigure terminal\r");
  type("no boot system\rboot system tftp:" + kNew + " 192.168.1.100\r");
  type("boot system bootflash:" + kOld + "\rend\rwrite memory\r");

  std::string boot = reload();
  EXPECT_EQ(r1.state(), DeviceState::kRunning) << boot;
  EXPECT_NE(boot.find("Loading " + kNew + " from 192.168.1.100 (via " +
                      r1.platform().management_interface + "): !"),
            std::string::npos)
      << boot;
  EXPECT_NE(boot.find("!\r\n[OK - 400000 bytes]"), std::string::npos) << boot;
  EXPECT_EQ(boot.find("%Error"), std::string::npos) << boot;
  EXPECT_NE(boot.find("Cisco IOS XE Software, Version 16.12.04"), std::string::npos) << boot;
  type("\renable\rcisco\rterminal length 0\r");
  std::string version = type("show version\r");
  EXPECT_NE(version.find("System image file is \"tftp://192.168.1.100/" + kNew + "\""),
            std::string::npos)
      << version;
  EXPECT_NE(version.find("Cisco IOS XE Software, Version 16.12.04"), std::string::npos);
  EXPECT_EQ(r1.image().version.Long(), "16.12.04");
  // Nothing of the received image is left in the lab directory, nor held open.
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() + "/netboot"));
  EXPECT_EQ(OpenFilesUnder(dir.path() + "/netboot"), 0u);

  // The file disappears from the server: the statement fails, the fallback boots.
  ASSERT_TRUE(std::filesystem::remove((*host)->servers()[0].root + "/" + kNew));
  boot = login_and_reload();
  EXPECT_EQ(r1.state(), DeviceState::kRunning) << boot;
  EXPECT_NE(boot.find("%Error opening tftp://192.168.1.100/" + kNew +
                      " (No such file or directory)\r\nboot: cannot load \"tftp:" + kNew +
                      " 192.168.1.100\"\r\n\r\nLocated bootflash:" + kOld),
            std::string::npos)
      << boot;
  EXPECT_EQ(boot.find("Loading " + kNew), std::string::npos) << boot;
  type("\renable\rcisco\rterminal length 0\r");
  version = type("show version\r");
  EXPECT_NE(version.find("System image file is \"bootflash:" + kOld + "\""), std::string::npos)
      << version;
  EXPECT_NE(version.find("Version 16.09.06"), std::string::npos);

  // A server the lab does not have: timed out, at once, and the fallback again.
  type("configure terminal\rno boot system\rboot system tftp:" + kNew + " 10.9.9.9\r");
  type("boot system bootflash:" + kOld + "\rend\rwrite memory\r");
  boot = reload();
  // At once: nothing was sent, so no retransmission timeout printed a '.' before the error.
  EXPECT_NE(boot.find("%Error opening tftp://10.9.9.9/" + kNew + " (Timed out)"), std::string::npos)
      << boot;
  EXPECT_EQ(boot.find("Loading " + kNew), std::string::npos) << boot;
  EXPECT_EQ(boot.find(".\r\n%Error opening"), std::string::npos) << boot;
  EXPECT_EQ(r1.image().path, "bootflash:" + kOld);
}

// R1 boots from a mapped TFTP server that never answers, with the flash image as fallback:
// while R1 waits for the image (printing a '.' per retransmission timeout), SW1 on the same
// loop answers its console and completes a TFTP copy from the lab's server. The lab is then
// torn down with R1's fetch still outstanding.
TEST(LabHost, OtherDevicesAnswerWhileOneWaitsForItsBootImage) {
  constexpr const char* kLab = R"(
devices:
  - {name: R1, platform: ISR4321, hostname: R1, image_size: 300000, address: 192.168.1.1}
  - {name: SW1, platform: C2960, hostname: SW1, image_size: 100000, address: 192.168.1.10}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: c2960-lanbasek9-mz.152-7.E9.bin, size: 200000}
)";
  const std::string kOld = "isr4300-universalk9.16.09.06.SPA.bin";
  TempDir dir;
  ManualClock clock;
  auto host = LabHost::Start(*ParseTopology(kLab), {.dir = dir.path()}, clock);
  ASSERT_TRUE(host.ok()) << host.status().ToString();
  uint16_t silent_port = 0;
  const int silent = BoundLoopbackSocket(SOCK_DGRAM, &silent_port);
  ASSERT_GE(silent, 0);
  ASSERT_TRUE((*host)->address_map().Add("192.168.1.200", "tftp", {"127.0.0.1", silent_port}).ok());
  Device& r1 = *(*host)->devices()[0].device;
  Device& sw1 = *(*host)->devices()[1].device;
  Capture r1_term, sw1_term;
  DeviceLineService r1_lines(r1), sw1_lines(sw1);
  auto r1_line = std::make_unique<ConsoleLine>(r1_lines, r1_term);
  auto sw1_line = std::make_unique<ConsoleLine>(sw1_lines, sw1_term);
  ConsoleLine& r1_console = *r1_line;
  ConsoleLine& sw1_console = *sw1_line;
  r1_console.Activate();
  sw1_console.Activate();
  r1_console.Input("enable\rcisco\rconfigure terminal\rno boot system\r");
  r1_console.Input("boot system tftp:isr4300-universalk9.16.12.04.SPA.bin 192.168.1.200\r");
  r1_console.Input("boot system bootflash:" + kOld + "\rend\rwrite memory\r");
  r1_term.out.clear();
  r1_console.Input("reload\r\r");
  // The reload returns at once: R1 is booting, its image still to come.
  EXPECT_EQ(r1.state(), DeviceState::kBooting);
  EXPECT_TRUE(r1.fetching_image());
  const size_t fetch_began = r1_term.out.size();
  ASSERT_TRUE(RunUntil(**host, [&] { return r1_term.out.size() > fetch_began; })) << r1_term.out;
  EXPECT_EQ(r1_term.out.substr(fetch_began), ".");  // the first retransmission timeout

  sw1_console.Input("enable\rcisco\rterminal length 0\rshow version\r");
  EXPECT_NE(sw1_term.out.find("SW1 uptime is"), std::string::npos) << sw1_term.out;
  sw1_console.Input("copy tftp://192.168.1.100/c2960-lanbasek9-mz.152-7.E9.bin flash:\r\r");
  ASSERT_TRUE(RunUntil(**host, [&] { return sw1_term.out.find("bytes copied") != std::string::npos; }))
      << sw1_term.out;
  EXPECT_NE(sw1_term.out.find("[OK - 200000 bytes]"), std::string::npos) << sw1_term.out;
  // All of that happened while R1 still waited for its image.
  EXPECT_TRUE(r1.fetching_image());
  EXPECT_EQ(r1.state(), DeviceState::kBooting);
  EXPECT_EQ(r1_term.out.find("%Error"), std::string::npos) << r1_term.out;
  const std::string marks = r1_term.out.substr(fetch_began);
  EXPECT_EQ(marks, std::string(marks.size(), '.'));
  char request[1024];
  const ssize_t n = ::recv(silent, request, sizeof request, MSG_DONTWAIT);
  ASSERT_GT(n, 4);
  EXPECT_EQ(request[1], 1) << "not a read request";
  EXPECT_EQ(std::string(request + 2), "isr4300-universalk9.16.12.04.SPA.bin");
  EXPECT_EQ(OpenFilesUnder(dir.path() + "/netboot"), 1u);  // R1's scratch file, still waiting
  r1_line.reset();
  sw1_line.reset();
  host->reset();  // with the fetch outstanding: its end never comes, nothing is left behind
  ::close(silent);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() + "/netboot"));
  EXPECT_EQ(OpenFilesUnder(dir.path() + "/netboot"), 0u);
}

// The guide's cabling (R1 Gi0/0/0 to SW1, SW1 on the server's network): R1 copies through SW1;
// with Gi0/0/0 shut, or SW1 reloading, the copy times out as IOS's does, and SW1 sees its port go.
TEST(LabHost, CopiesFollowTheCablesAndTheInterfaces) {
  constexpr const char* kLab = R"(
devices:
  - {name: R1, platform: ISR4321, hostname: R1, image_size: 300000, address: 192.168.1.1}
  - {name: SW1, platform: C2960, hostname: SW1, image_size: 100000, address: 192.168.1.10,
     interface: Vlan1}
links:
  - endpoints: ["R1:Gi0/0/0", "SW1:Gi0/1"]
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: c2960-lanbasek9-mz.152-7.E9.bin, size: 200000}
)";
  TempDir dir;
  ManualClock clock;
  auto host = LabHost::Start(*ParseTopology(kLab), {.dir = dir.path()}, clock);
  ASSERT_TRUE(host.ok()) << host.status().ToString();
  Device& r1 = *(*host)->devices()[0].device;
  Device& sw1 = *(*host)->devices()[1].device;
  Capture r1_term, sw1_term;
  DeviceLineService r1_lines(r1), sw1_lines(sw1);
  ConsoleLine r1_console(r1_lines, r1_term), sw1_console(sw1_lines, sw1_term);
  r1_console.Activate();
  sw1_console.Activate();
  r1_console.Input("enable\rcisco\rterminal length 0\r");
  sw1_console.Input("enable\rcisco\rterminal length 0\r");
  EXPECT_TRUE(r1.interface_status("GigabitEthernet0/0/0").protocol_up);
  EXPECT_TRUE(sw1.interface_status("GigabitEthernet0/1").protocol_up);
  EXPECT_FALSE(sw1.interface_status("GigabitEthernet0/2").protocol_up);  // nothing plugged in
  const std::string copy = "copy tftp://192.168.1.100/c2960-lanbasek9-mz.152-7.E9.bin bootflash:x.bin\r\r";
  r1_console.Input(copy);
  ASSERT_TRUE(RunUntil(**host, [&] { return r1_term.out.find("bytes copied") != std::string::npos; }))
      << r1_term.out;
  r1_console.Input("configure terminal\rinterface GigabitEthernet0/0/0\rshutdown\rend\r");
  EXPECT_NE(sw1_term.out.find("%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/1, "
                              "changed state to down"),
            std::string::npos) << sw1_term.out;
  r1_term.out.clear();
  r1_console.Input("copy tftp://192.168.1.100/c2960-lanbasek9-mz.152-7.E9.bin bootflash:y.bin\r\r");
  ASSERT_TRUE(RunUntil(**host, [&] { return r1_term.out.find("%Error") != std::string::npos; }))
      << r1_term.out;
  EXPECT_NE(r1_term.out.find("%Error opening tftp://192.168.1.100/c2960-lanbasek9-mz.152-7.E9.bin (Timed out)"),
            std::string::npos) << r1_term.out;
  r1_console.Input("ping 192.168.1.100\r");
  EXPECT_NE(r1_term.out.find("Success rate is 0 percent (0/5)"), std::string::npos) << r1_term.out;
  // Back up; then SW1 reloads under R1's copy path.
  r1_console.Input("configure terminal\rinterface GigabitEthernet0/0/0\rno shutdown\rend\r");
  EXPECT_TRUE(r1.Reachable("192.168.1.100"));
  sw1.set_boot_time(std::chrono::seconds(30));
  r1_term.out.clear();
  sw1.Reload("Reload Command", "console");
  EXPECT_NE(r1_term.out.find("%LINK-3-UPDOWN: Interface GigabitEthernet0/0/0, changed state to down"),
            std::string::npos) << r1_term.out;
  EXPECT_FALSE(r1.Reachable("192.168.1.100"));
  clock.Advance(std::chrono::seconds(31));
  sw1.Tick();
  EXPECT_NE(r1_term.out.find("%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/0/0, "
                             "changed state to up"),
            std::string::npos) << r1_term.out;
  EXPECT_TRUE(r1.Reachable("192.168.1.100"));
}

}  // namespace
}  // namespace iosup
