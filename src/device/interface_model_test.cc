// Interface state as IOS derives it, the routing table built from it, and the views that print
// both, on a manual clock with no lab.
#include "device/interface_model.h"

#include <gtest/gtest.h>

#include <set>

#include "device/ip_routes.h"
#include "device/show_interfaces.h"
#include "device/show_system.h"
#include "testing/device_fixture.h"

namespace iosup {
namespace {

constexpr InterfaceStatus kUp{LinkStatus::kUp, true};
constexpr InterfaceStatus kDown{LinkStatus::kDown, false};
constexpr InterfaceStatus kShut{LinkStatus::kAdminDown, false};

InterfaceStatus StatusOf(const std::vector<DerivedInterface>& all, const std::string& name) {
  for (const DerivedInterface& d : all) {
    if (d.name == name) return d.status;
  }
  ADD_FAILURE() << "no " << name;
  return {};
}

TEST(InterfaceModel, ProtocolFollowsAdminStateCarrierAndVlan) {
  Config c = Config::Parse(R"(interface FastEthernet0/1
interface FastEthernet0/2
 switchport access vlan 20
interface FastEthernet0/3
 shutdown
interface Vlan1
 ip address 192.168.1.10 255.255.255.0
interface Vlan20
interface Vlan30
interface Loopback0
)");
  std::set<std::string> cabled = {"FastEthernet0/2", "FastEthernet0/3"};
  auto carrier = [&](const std::string& n) { return cabled.count(n) > 0; };
  std::vector<DerivedInterface> d = DeriveInterfaces(c, /*is_switch=*/true, carrier);
  EXPECT_EQ(StatusOf(d, "FastEthernet0/1"), kDown);
  EXPECT_EQ(StatusOf(d, "FastEthernet0/2"), kUp);
  EXPECT_EQ(StatusOf(d, "FastEthernet0/3"), kShut);
  EXPECT_EQ(StatusOf(d, "Vlan1"), kDown);   // no up port in VLAN 1
  EXPECT_EQ(StatusOf(d, "Vlan20"), kUp);    // Fa0/2 is up in VLAN 20
  EXPECT_EQ(StatusOf(d, "Vlan30"), kDown);
  EXPECT_EQ(StatusOf(d, "Loopback0"), kUp);
  cabled.insert("FastEthernet0/1");
  d = DeriveInterfaces(c, true, carrier);
  EXPECT_EQ(StatusOf(d, "Vlan1"), kUp);
  EXPECT_EQ(SwitchportVlan(c, "FastEthernet0/2"), 20);
}

TEST(InterfaceModel, ChangesAreLoggedAsIosLogsThem) {
  EXPECT_EQ(LinkChangeMessages("Gi0/0/0", kUp, kShut),
            (std::vector<std::string>{
                "%LINK-5-CHANGED: Interface Gi0/0/0, changed state to administratively down",
                "%LINEPROTO-5-UPDOWN: Line protocol on Interface Gi0/0/0, changed state to down"}));
  EXPECT_EQ(LinkChangeMessages("Gi0/0/0", kShut, kDown),
            (std::vector<std::string>{"%LINK-3-UPDOWN: Interface Gi0/0/0, changed state to down"}));
  EXPECT_EQ(LinkChangeMessages("Gi0/0/0", kDown, kUp),
            (std::vector<std::string>{
                "%LINK-3-UPDOWN: Interface Gi0/0/0, changed state to up",
                "%LINEPROTO-5-UPDOWN: Line protocol on Interface Gi0/0/0, changed state to up"}));
  EXPECT_TRUE(LinkChangeMessages("Gi0/0/0", kUp, kUp).empty());
  InterfaceTable t;
  EXPECT_EQ(t.Update({{"Loopback0", kUp}}).size(), 2u);  // a new loopback comes up
  EXPECT_TRUE(t.Update({{"Loopback0", kUp}}).empty());
  t.Find("Loopback0")->counters.packets_in = 7;
  t.Update({{"Loopback0", kShut}});
  EXPECT_EQ(t.Find("Loopback0")->counters.packets_in, 7u);  // counters survive a state change
}

TEST(IpRoutes, ConnectedStaticAndDefaultInIosLayout) {
  Config c = Config::Parse(R"(interface GigabitEthernet0/0/0
 ip address 192.168.1.1 255.255.255.0
interface GigabitEthernet0/0/1
 ip address 10.0.12.1 255.255.255.0
interface GigabitEthernet0
 ip address 10.9.9.1 255.255.255.0
ip route 0.0.0.0 0.0.0.0 192.168.1.254
ip route 10.1.0.0 255.255.0.0 10.0.12.2
ip route 172.16.0.0 255.255.0.0 10.9.9.9
)");
  auto up = [](const std::string& n) { return n != "GigabitEthernet0"; };
  RoutingTable t = RoutingTable::Build(c, /*routing=*/true, up);
  std::optional<Egress> e = t.Lookup(*ParseIpv4("10.1.2.3"));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->interface, "GigabitEthernet0/0/1");
  EXPECT_EQ(Ipv4Text(e->next_hop), "10.0.12.2");
  EXPECT_EQ(Ipv4Text(e->source), "10.0.12.1");
  e = t.Lookup(*ParseIpv4("192.168.1.100"));
  EXPECT_EQ(Ipv4Text(e->next_hop), "192.168.1.100");
  EXPECT_EQ(Ipv4Text(t.Lookup(*ParseIpv4("8.8.8.8"))->next_hop), "192.168.1.254");
  EXPECT_TRUE(t.IsLocal(*ParseIpv4("10.0.12.1")));
  EXPECT_FALSE(t.IsLocal(*ParseIpv4("10.9.9.1")));  // its interface is down
  const std::string shown = ShowIpRoute(t);
  EXPECT_NE(shown.find("Gateway of last resort is 192.168.1.254 to network 0.0.0.0\n\n"
                       "S*    0.0.0.0/0 [1/0] via 192.168.1.254\n"
                       "      10.0.0.0/8 is variably subnetted, 3 subnets, 3 masks\n"
                       "C        10.0.12.0/24 is directly connected, GigabitEthernet0/0/1\n"
                       "L        10.0.12.1/32 is directly connected, GigabitEthernet0/0/1\n"
                       "S        10.1.0.0/16 [1/0] via 10.0.12.2\n"
                       "      192.168.1.0/24 is variably subnetted, 2 subnets, 2 masks\n"
                       "C        192.168.1.0/24 is directly connected, GigabitEthernet0/0/0\n"
                       "L        192.168.1.1/32 is directly connected, GigabitEthernet0/0/0\n"),
            std::string::npos)
      << shown;
  EXPECT_EQ(shown.find("172.16"), std::string::npos);  // next hop unreachable: not installed
  EXPECT_EQ(ShowIpRoute(RoutingTable::Build(c, /*routing=*/false, up)).substr(0, 19),
            "Default gateway is ");
}

class ShowInterfacesTest : public DeviceFixture {};

TEST_F(ShowInterfacesTest, ViewsAgreeAndCountersMoveWithTraffic) {
  auto d = MakeDevice("ISR4321", {.name = "R1"});
  PutImage(*d, "bootflash:isr4300-universalk9.16.09.06.SPA.bin");
  d->running_config() = Config::Factory("R1", InterfaceNames(d->platform()));
  d->running_config().AddBootStatement(*ParseBootStatement("bootflash:isr4300-universalk9.16.09.06.SPA.bin"));
  d->running_config().SetSectionLine("interface GigabitEthernet0/0/0", "ip address 192.168.1.1 255.255.255.0");
  d->running_config().SetSectionLine("interface GigabitEthernet0/0/0", "no shutdown");
  ASSERT_TRUE(d->SaveRunningConfig().ok());
  d->PowerOn();
  ASSERT_EQ(d->state(), DeviceState::kRunning);
  std::string all = ShowInterfaces(*d);
  EXPECT_NE(all.find("GigabitEthernet0/0/0 is up, line protocol is up \n"
                     "  Hardware is ISR4321-2x1GE, address is "),
            std::string::npos) << all;
  EXPECT_NE(all.find("  Internet address is 192.168.1.1/24\n"
                     "  MTU 1500 bytes, BW 1000000 Kbit/sec, DLY 10 usec, \n"),
            std::string::npos) << all;
  EXPECT_NE(all.find("GigabitEthernet0/0/1 is administratively down, line protocol is down \n"),
            std::string::npos);
  EXPECT_NE(ShowIpInterfaceBrief(*d).find("GigabitEthernet0/0/0   192.168.1.1     YES NVRAM  up                    up"),
            std::string::npos);
  d->Send("192.168.1.1", 100, 5);  // its own address: nothing crosses the wire
  d->CountTraffic("GigabitEthernet0/0/0", /*inbound=*/false, 3, 300);
  clock_.Advance(std::chrono::seconds(4));
  const std::string one = ShowInterfaces(*d, "GigabitEthernet0/0/0");
  EXPECT_NE(one.find("     3 packets output, 300 bytes, 0 underruns\n"), std::string::npos) << one;
  EXPECT_NE(one.find("  Last input never, output 00:00:04, output hang never\n"), std::string::npos) << one;
  EXPECT_EQ(one.find("GigabitEthernet0/0/1"), std::string::npos);
  const std::string ip = ShowIpInterface(*d);
  EXPECT_NE(ip.find("GigabitEthernet0/0/0 is up, line protocol is up\n  Internet address is 192.168.1.1/24\n"
                    "  Broadcast address is 255.255.255.255\n  Address determined by non-volatile memory\n"),
            std::string::npos) << ip;
  EXPECT_NE(ip.find("GigabitEthernet0 is administratively down, line protocol is down\n"
                    "  Internet protocol processing disabled\n"),
            std::string::npos) << ip;
}

TEST_F(ShowInterfacesTest, SwitchStatusTable) {
  auto d = MakeDevice("C2960", {.name = "SW1"});
  PutImage(*d, "flash:c2960-lanbasek9-mz.152-7.E6.bin");
  d->PowerOn();
  d->SetLinkUp("FastEthernet0/2", false);
  d->running_config().SetSectionLine("interface FastEthernet0/3", "shutdown");
  d->running_config().SetSectionLine("interface FastEthernet0/4", "switchport mode trunk");
  d->RefreshInterfaces(false);
  const std::string s = ShowInterfacesStatus(*d);
  EXPECT_NE(s.find("\nPort      Name               Status       Vlan       Duplex  Speed Type \n"
                   "Fa0/1                        connected    1          a-full  a-100 10/100BaseTX\n"
                   "Fa0/2                        notconnect   1            auto   auto 10/100BaseTX\n"
                   "Fa0/3                        disabled     1            auto   auto 10/100BaseTX\n"
                   "Fa0/4                        connected    trunk      a-full  a-100 10/100BaseTX\n"),
            std::string::npos) << s;
  EXPECT_NE(s.find("Gi0/1                        connected    1          a-full a-1000 10/100/1000BaseTX\n"),
            std::string::npos) << s;
  EXPECT_NE(ShowInterfaces(*d, "FastEthernet0/2").find("FastEthernet0/2 is down, line protocol is down (notconnect) \n"),
            std::string::npos);
}

}  // namespace
}  // namespace iosup
