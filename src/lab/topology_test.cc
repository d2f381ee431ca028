#include "lab/topology.h"

#include <gtest/gtest.h>

namespace iosup {
namespace {

TEST(TopologyLinks, EndpointsTakeIosAbbreviationsAndFullNames) {
  auto t = ParseTopology(R"(
devices:
  - {name: R1, platform: ISR4321, address: 192.168.1.1}
  - {name: SW1, platform: C2960}
links:
  - endpoints: ["R1:Gi0/0/1", "SW1:GigabitEthernet0/1"]
  - endpoints: ["R1:gi 0/0/0", "SW1:Fa0/24"]
management:
  network: 192.168.1.0/24
)");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->links.size(), 2u);
  EXPECT_EQ(t->links[0].a, (LinkEndpoint{"R1", "GigabitEthernet0/0/1"}));
  EXPECT_EQ(t->links[0].b, (LinkEndpoint{"SW1", "GigabitEthernet0/1"}));
  EXPECT_EQ(t->links[1].a, (LinkEndpoint{"R1", "GigabitEthernet0/0/0"}));
  EXPECT_EQ(t->links[1].b, (LinkEndpoint{"SW1", "FastEthernet0/24"}));
  EXPECT_EQ(t->management.subnet, "192.168.1.0/24");
}

TEST(TopologyLinks, RefusesWhatNoCableCanBe) {
  const std::string devices =
      "devices: [{name: R1, platform: ISR4321}, {name: SW1, platform: C2960}]\n";
  EXPECT_FALSE(ParseTopology(devices + "links: [{endpoints: [\"R1:Gi0/0/1\", \"SW9:Gi0/1\"]}]").ok());
  EXPECT_FALSE(ParseTopology(devices + "links: [{endpoints: [\"R1:Gi0/0/7\", \"SW1:Gi0/1\"]}]").ok());
  EXPECT_FALSE(ParseTopology(devices + "links: [{endpoints: [\"R1:Gi0/0/1\"]}]").ok());
  EXPECT_FALSE(ParseTopology(devices + "links: [{endpoints: [\"R1Gi0/0/1\", \"SW1:Gi0/1\"]}]").ok());
  EXPECT_FALSE(ParseTopology(devices +
                             "links: [{endpoints: [\"R1:Gi0/0/1\", \"SW1:Gi0/1\"]},"
                             " {endpoints: [\"SW1:Gi0/1\", \"R1:Gi0/0/0\"]}]")
                   .ok());
  EXPECT_TRUE(ParseTopology(devices + "links: [{endpoints: [\"R1:Gi0/0/1\", \"SW1:Gi0/1\"]}]").ok());
}

TEST(TopologyLinks, ReadsAContainerlabFileForThePartsThatMap) {
  auto t = ParseTopology(R"(
name: upgrade-lab
mgmt:
  network: mgmt
  ipv4-subnet: 172.20.20.0/24
topology:
  nodes:
    r1:
      kind: cisco_c8000v
      mgmt-ipv4: 172.20.20.11
    sw1:
      kind: cisco_iol
      type: L2
      mgmt-ipv4: 172.20.20.12
    core:
      platform: ISR4321
  links:
    - endpoints: ["r1:Gi0/0/1", "sw1:Gi0/1"]
servers:
  - {type: tftp, address: 172.20.20.100}
)");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->devices.size(), 3u);
  EXPECT_EQ(t->devices[0].name, "r1");
  EXPECT_EQ(t->devices[0].platform, "ISR4321");
  EXPECT_EQ(t->devices[0].address, "172.20.20.11");
  EXPECT_EQ(t->devices[1].platform, "C2960");
  EXPECT_EQ(t->devices[1].interface, "Vlan1");
  EXPECT_EQ(t->devices[2].address, "");
  EXPECT_EQ(t->management.subnet, "172.20.20.0/24");
  ASSERT_EQ(t->links.size(), 1u);
  EXPECT_EQ(t->links[0].b, (LinkEndpoint{"sw1", "GigabitEthernet0/1"}));
  EXPECT_FALSE(ParseTopology("topology: {nodes: {x: {kind: linux}}}").ok());
}

TEST(TopologyLinks, TheGuidesLabCablesR1ToSw1) {
  Topology t = SeedTopology();
  ASSERT_EQ(t.links.size(), 1u);
  EXPECT_EQ(t.links[0].a, (LinkEndpoint{"R1", "GigabitEthernet0/0/0"}));
  EXPECT_EQ(t.links[0].b, (LinkEndpoint{"SW1", "GigabitEthernet0/1"}));
  EXPECT_EQ(t.management.subnet, "192.168.1.0/24");
}

}  // namespace
}  // namespace iosup
