// The lab's network model with real device models on a manual clock: carrier from the far end,
// IOS's link messages on both ends, reachability along up interfaces and routes, a reload.
#include "lab/network_model.h"

#include <gtest/gtest.h>

#include "testing/device_fixture.h"

namespace iosup {
namespace {

constexpr const char* kR1Startup = R"(hostname R1
boot system bootflash:isr4300-universalk9.16.09.06.SPA.bin
interface GigabitEthernet0/0/0
 ip address 192.168.1.1 255.255.255.0
 no shutdown
interface GigabitEthernet0/0/1
 ip address 10.0.12.1 255.255.255.0
 no shutdown
interface GigabitEthernet0
 no ip address
 shutdown
)";
constexpr const char* kR2Startup = R"(hostname R2
boot system bootflash:isr4300-universalk9.16.09.06.SPA.bin
interface GigabitEthernet0/0/0
 ip address 10.0.12.2 255.255.255.0
 no shutdown
ip route 192.168.1.0 255.255.255.0 10.0.12.1
)";
constexpr const char* kSw1Startup = R"(hostname SW1
boot system flash:c2960-lanbasek9-mz.152-7.E6.bin
interface GigabitEthernet0/1
interface GigabitEthernet0/2
interface Vlan1
 ip address 192.168.1.10 255.255.255.0
ip default-gateway 192.168.1.1
)";

class NetworkModelTest : public DeviceFixture {
 protected:
  void SetUp() override {
    Result<Topology> t = ParseTopology(R"(
devices:
  - {name: R1, platform: ISR4321}
  - {name: R2, platform: ISR4321}
  - {name: SW1, platform: C2960, interface: Vlan1}
links:
  - endpoints: ["R1:Gi0/0/0", "SW1:Gi0/1"]
  - endpoints: ["R1:Gi0/0/1", "R2:Gi0/0/0"]
)");
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    ASSERT_TRUE(map_.Add("192.168.1.100", "tftp", {"127.0.0.1", 6969}).ok());
    model_ = std::make_unique<NetworkModel>(*t, map_);
    r1_ = Make("ISR4321", "R1", "bootflash:isr4300-universalk9.16.09.06.SPA.bin", kR1Startup,
               "GigabitEthernet0/0/0");
    r2_ = Make("ISR4321", "R2", "bootflash:isr4300-universalk9.16.09.06.SPA.bin", kR2Startup,
               "GigabitEthernet0/0/0");
    sw1_ = Make("C2960", "SW1", "flash:c2960-lanbasek9-mz.152-7.E6.bin", kSw1Startup, "Vlan1");
    for (Device* d : {r1_.get(), r2_.get(), sw1_.get()}) d->PowerOn();
    r1_->AddListener(&r1_log_);
    sw1_->AddListener(&sw1_log_);
  }

  std::unique_ptr<Device> Make(const std::string& platform, const std::string& name,
                               const std::string& image, const std::string& startup,
                               const std::string& management) {
    auto d = MakeDevice(platform, {.name = name});
    PutImage(*d, image);
    d->running_config() = Config::Parse(startup);
    EXPECT_TRUE(d->SaveRunningConfig().ok());
    d->set_network(model_.get());
    d->set_link_state(model_.get());
    model_->AddDevice(d.get(), management);
    return d;
  }

  void Shut(Device& d, const std::string& interface, bool shut) {
    d.running_config().SetSectionLine("interface " + interface, shut ? "shutdown" : "no shutdown");
    d.RefreshInterfaces();
  }

  AddressMap map_;
  std::unique_ptr<NetworkModel> model_;
  std::unique_ptr<Device> r1_, r2_, sw1_;
  ConsoleCapture r1_log_, sw1_log_;
};

TEST_F(NetworkModelTest, CarrierComesFromTheFarEndAndTheManagementNetwork) {
  EXPECT_EQ(r1_->interface_status("GigabitEthernet0/0/0"), (InterfaceStatus{LinkStatus::kUp, true}));
  EXPECT_EQ(sw1_->interface_status("GigabitEthernet0/1"), (InterfaceStatus{LinkStatus::kUp, true}));
  // No cable: down, as a real port with nothing plugged in.
  EXPECT_EQ(sw1_->interface_status("GigabitEthernet0/2"), (InterfaceStatus{LinkStatus::kDown, false}));
  EXPECT_EQ(r1_->interface_status("GigabitEthernet0"), (InterfaceStatus{LinkStatus::kAdminDown, false}));
  // SW1's Vlan1 is on the management network.
  EXPECT_TRUE(sw1_->interface_status("Vlan1").protocol_up);
  EXPECT_TRUE(model_->Carrier("SW1", "Vlan1"));
  EXPECT_FALSE(model_->Carrier("R1", "GigabitEthernet0"));
}

TEST_F(NetworkModelTest, AShutdownTakesTheFarEndDownWithIosMessages) {
  Shut(*r1_, "GigabitEthernet0/0/0", true);
  EXPECT_NE(r1_log_.Take().find("%LINK-5-CHANGED: Interface GigabitEthernet0/0/0, changed state to "
                                "administratively down"),
            std::string::npos);
  const std::string sw = sw1_log_.Take();
  EXPECT_NE(sw.find("%LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down\n"),
            std::string::npos) << sw;
  EXPECT_NE(sw.find("%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/1, changed "
                    "state to down\n"),
            std::string::npos) << sw;
  EXPECT_EQ(sw1_->interface_status("GigabitEthernet0/1"), (InterfaceStatus{LinkStatus::kDown, false}));
  Shut(*r1_, "GigabitEthernet0/0/0", false);
  EXPECT_NE(sw1_log_.Take().find("%LINEPROTO-5-UPDOWN: Line protocol on Interface "
                                 "GigabitEthernet0/1, changed state to up"),
            std::string::npos);
  EXPECT_TRUE(sw1_->interface_status("GigabitEthernet0/1").protocol_up);
}

TEST_F(NetworkModelTest, PingFollowsUpInterfacesAndRoutesBothWays) {
  EXPECT_TRUE(r1_->Reachable("192.168.1.100"));
  EXPECT_TRUE(sw1_->Reachable("192.168.1.100"));
  EXPECT_TRUE(r1_->Reachable("192.168.1.10"));
  // SW1 -> R2 crosses R1; R2 answers by its static route back.
  Device::Probe p = sw1_->Send("10.0.12.2", 100, 5);
  EXPECT_TRUE(p.answered);
  EXPECT_EQ(p.egress, "Vlan1");
  EXPECT_EQ(p.hops, (std::vector<std::string>{"192.168.1.1", "10.0.12.2"}));
  EXPECT_EQ(sw1_->interface_table().Find("Vlan1")->counters.packets_out, 5u);
  EXPECT_EQ(sw1_->interface_table().Find("Vlan1")->counters.bytes_in, 500u);
  // Without its route back, R2 gets the echo but its answer goes nowhere.
  ASSERT_TRUE(r2_->running_config().Negate("", "ip route 192.168.1.0 255.255.255.0 10.0.12.1").ok());
  p = sw1_->Send("10.0.12.2", 100);
  EXPECT_FALSE(p.answered);
  EXPECT_EQ(p.hops, (std::vector<std::string>{"192.168.1.1"}));
  // R1's management interface shut: the server is out of reach, though SW1 still reaches it.
  Shut(*r1_, "GigabitEthernet0/0/0", true);
  EXPECT_FALSE(r1_->Reachable("192.168.1.100"));
  EXPECT_FALSE(r1_->Reachable("192.168.1.10"));
  EXPECT_TRUE(sw1_->Reachable("192.168.1.100"));
  EXPECT_FALSE(sw1_->Reachable("10.0.12.1"));  // its gateway is gone
}

TEST_F(NetworkModelTest, AReloadingNeighbourTakesTheLinkDownAndBringsItBack) {
  sw1_->set_boot_time(std::chrono::seconds(60));
  sw1_->Reload("Reload Command", "console");
  EXPECT_NE(sw1_->state(), DeviceState::kRunning);
  std::string log = r1_log_.Take();
  EXPECT_NE(log.find("%LINK-3-UPDOWN: Interface GigabitEthernet0/0/0, changed state to down"),
            std::string::npos) << log;
  EXPECT_FALSE(r1_->interface_status("GigabitEthernet0/0/0").protocol_up);
  EXPECT_FALSE(r1_->Reachable("192.168.1.100"));
  clock_.Advance(std::chrono::seconds(61));
  sw1_->Tick();
  ASSERT_EQ(sw1_->state(), DeviceState::kRunning);
  log = r1_log_.Take();
  EXPECT_NE(log.find("%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/0/0, "
                     "changed state to up"),
            std::string::npos) << log;
  EXPECT_TRUE(r1_->Reachable("192.168.1.100"));
  // The switch announces its own ports as it comes up.
  EXPECT_NE(sw1_log_.Take().find("%LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to up"),
            std::string::npos);
}

}  // namespace
}  // namespace iosup
