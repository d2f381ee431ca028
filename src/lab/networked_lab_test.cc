#include "lab/networked_lab.h"

#include <gtest/gtest.h>

#include <asio/ip/tcp.hpp>
#include <filesystem>
#include <fstream>

#include "lab/port_assignment.h"
#include "platform/posix_file.h"
#include "testing/manual_clock.h"
#include "testing/temp_dir.h"

namespace iosup {
namespace {

constexpr const char* kTwoDevices = R"(
devices:
  - {name: R1, platform: ISR4321, image_size: 120000, address: 192.168.1.1}
  - {name: SW1, platform: C2960, image_size: 100000, address: 192.168.1.10, interface: Vlan1}
)";

// A loopback TCP port nothing listens on now (the kernel's pick, released).
uint16_t FreePort() {
  asio::io_context io;
  asio::ip::tcp::acceptor a(io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();
}

std::map<std::string, DevicePorts> PortsOf(LabHost& host) {
  std::map<std::string, DevicePorts> out;
  for (HostedDevice& d : host.devices()) out[d.definition.name] = {d.ssh_port, d.telnet_port};
  return out;
}

TEST(PortAssignment, SavesAndLoadsAndRefusesGarbage) {
  TempDir dir;
  const std::string path = PortAssignment::PathIn(dir.path());
  Result<PortAssignment> none = PortAssignment::Load(path);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->size(), 0u);
  PortAssignment ports;
  ports.Set("R1", {40001, 40002});
  ports.Set("odd \"name\"", {40003, 40004});
  ASSERT_TRUE(ports.Save(path).ok());
  Result<PortAssignment> loaded = PortAssignment::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->Find("R1"), (DevicePorts{40001, 40002}));
  EXPECT_EQ(loaded->Find("odd \"name\""), (DevicePorts{40003, 40004}));
  EXPECT_FALSE(loaded->Find("SW1").has_value());
  ASSERT_TRUE(WriteFileAtomically(path, "R1: {ssh: 70000, telnet: 1}\n").ok());
  EXPECT_EQ(PortAssignment::Load(path).status().code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(WriteFileAtomically(path, "[1, 2\n").ok());
  EXPECT_EQ(PortAssignment::Load(path).status().code(), ErrorCode::kInvalidArgument);
}

// Issue 17: each device keeps its SSH and telnet ports across restarts of the same lab directory,
// and a kept port someone else took falls back to another without failing the start.
TEST(NetworkedLab, DevicesKeepTheirPortsAcrossRestarts) {
  TempDir dir;
  ManualClock clock;
  const Topology topology = *ParseTopology(kTwoDevices);
  // Ports the lab would not pick itself (not 2201...): only the saved file can bring them.
  PortAssignment saved;
  const DevicePorts r1{FreePort(), FreePort()};
  saved.Set("R1", r1);
  ASSERT_TRUE(saved.Save(PortAssignment::PathIn(dir.path())).ok());
  std::map<std::string, DevicePorts> first;
  {
    auto host = StartNetworkedLab(topology, {.dir = dir.path()}, clock);
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    first = PortsOf(**host);
  }
  EXPECT_EQ(first["R1"], r1);
  ASSERT_NE(first["SW1"].ssh, 0);
  // The file now holds both devices, and a restart gives both the same ports.
  Result<PortAssignment> kept = PortAssignment::Load(PortAssignment::PathIn(dir.path()));
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->Find("SW1"), first["SW1"]);
  {
    auto host = StartNetworkedLab(topology, {.dir = dir.path()}, clock);
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    EXPECT_EQ(PortsOf(**host), first);
  }
  // R1's SSH port taken meanwhile: the lab starts, R1 listens elsewhere, and that is kept.
  asio::io_context io;
  asio::ip::tcp::acceptor squatter(
      io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), first["R1"].ssh));
  auto host = StartNetworkedLab(topology, {.dir = dir.path()}, clock);
  ASSERT_TRUE(host.ok()) << host.status().ToString();
  const DevicePorts moved = PortsOf(**host)["R1"];
  EXPECT_NE(moved.ssh, first["R1"].ssh);
  EXPECT_NE(moved.ssh, 0);
  EXPECT_EQ(moved.telnet, first["R1"].telnet);
  EXPECT_EQ(PortAssignment::Load(PortAssignment::PathIn(dir.path()))->Find("R1"), moved);
}

}  // namespace
}  // namespace iosup
