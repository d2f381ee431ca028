// Neighbour protocols over the lab's network model with real device models on a manual clock: a
// ring of switches with two OSPF routers on it (the bench's linked fleet, small), CDP and LLDP
// from the cables, and what keeps an OSPF adjacency from forming (area, timers, passive, MTU).
#include <gtest/gtest.h>

#include "device/cdp.h"
#include "device/lldp.h"
#include "lab/network_model.h"
#include "testing/device_fixture.h"

namespace iosup {
namespace {

constexpr int kSwitches = 12;

std::string SwitchName(int i) { return "SW" + std::to_string(i); }

std::string RouterStartup(int r) {
  const std::string id = std::to_string(r) + "." + std::to_string(r) + "." + std::to_string(r) +
                         "." + std::to_string(r);
  return "hostname R" + std::to_string(r) +
         "\nboot system bootflash:isr4300-universalk9.16.09.06.SPA.bin\n"
         "interface Loopback0\n ip address " + id + " 255.255.255.255\n"
         "interface GigabitEthernet0/0/1\n ip address 10.99.0." + std::to_string(r) +
         " 255.255.255.0\n no shutdown\n"
         "router ospf 1\n network 10.99.0.0 0.0.0.255 area 0\n network " + id + " 0.0.0.0 area " +
         std::to_string(r - 1) + "\n";
}

class NeighborsTest : public DeviceFixture {
 protected:
  void SetUp() override {
    std::string yaml = "devices:\n";
    for (int i = 1; i <= kSwitches; ++i) yaml += "  - {name: " + SwitchName(i) + ", platform: C2960}\n";
    yaml += "  - {name: R1, platform: ISR4321}\n  - {name: R2, platform: ISR4321}\nlinks:\n";
    for (int i = 1; i <= kSwitches; ++i) {
      yaml += "  - endpoints: [\"" + SwitchName(i) + ":Gi0/2\", \"" + SwitchName(i % kSwitches + 1) + ":Gi0/1\"]\n";
    }
    yaml += "  - endpoints: [\"R1:Gi0/0/1\", \"SW1:Fa0/1\"]\n"
            "  - endpoints: [\"R2:Gi0/0/1\", \"SW" + std::to_string(kSwitches / 2) + ":Fa0/1\"]\n";
    Result<Topology> t = ParseTopology(yaml);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    model_ = std::make_unique<NetworkModel>(*t, map_);
    for (int i = 1; i <= kSwitches; ++i) {
      switches_.push_back(Make("C2960", SwitchName(i), "flash:c2960-lanbasek9-mz.152-7.E6.bin",
                               "hostname " + SwitchName(i) +
                                   "\nboot system flash:c2960-lanbasek9-mz.152-7.E6.bin\n"));
    }
    r1_ = Make("ISR4321", "R1", "bootflash:isr4300-universalk9.16.09.06.SPA.bin", RouterStartup(1));
    r2_ = Make("ISR4321", "R2", "bootflash:isr4300-universalk9.16.09.06.SPA.bin", RouterStartup(2));
    for (auto& s : switches_) s->PowerOn();
    r1_->PowerOn();
    r2_->PowerOn();
    r1_->AddListener(&r1_log_);
    r2_->AddListener(&r2_log_);
    TickAll(std::chrono::seconds(1));
  }

  void TearDown() override {
    for (auto& s : switches_) s->set_link_state(nullptr);
    r1_->RemoveListener(&r1_log_);
    r2_->RemoveListener(&r2_log_);
    for (Device* d : {r1_.get(), r2_.get()}) d->set_link_state(nullptr);
  }

  std::unique_ptr<Device> Make(const std::string& platform, const std::string& name,
                               const std::string& image, const std::string& startup) {
    auto d = MakeDevice(platform, {.name = name});
    PutImage(*d, image);
    // The platform's factory configuration (every port), with the test's lines over it.
    Config config = Config::Factory(name, InterfaceNames(d->platform()), d->platform().is_switch());
    config.Merge(Config::Parse(startup));
    d->running_config() = config;
    EXPECT_TRUE(d->SaveRunningConfig().ok());
    d->set_network(model_.get());
    d->set_link_state(model_.get());
    model_->AddDevice(d.get(), "");
    return d;
  }

  // The lab's clock moves second by second, every device ticking, as the lab's loop does.
  void TickAll(std::chrono::seconds total) {
    for (int i = 0; i < total.count(); ++i) {
      clock_.Advance(std::chrono::seconds(1));
      for (auto& s : switches_) s->Tick();
      r2_->Tick();
      r1_->Tick();
    }
  }

  const OspfNeighbor* Neighbor(const Device& d, const std::string& id) {
    for (const OspfNeighbor& n : d.ospf().rows()) {
      if (Ipv4Text(n.router_id) == id) return &n;
    }
    return nullptr;
  }

  void Set(Device& d, const std::string& section, const std::string& line) {
    d.running_config().SetSectionLine(section, line);
    d.RefreshInterfaces(false);
  }

  AddressMap map_;
  std::unique_ptr<NetworkModel> model_;
  std::vector<std::unique_ptr<Device>> switches_;
  std::unique_ptr<Device> r1_, r2_;
  ConsoleCapture r1_log_, r2_log_;
};

TEST_F(NeighborsTest, RoutersAcrossTheRingBecomeFullAndRouteEachOthersLoopbacks) {
  const OspfNeighbor* n = Neighbor(*r1_, "2.2.2.2");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->state, OspfState::kFull);
  EXPECT_EQ(n->role, "DR");  // the higher router-id, both up at once
  EXPECT_EQ(Neighbor(*r2_, "1.1.1.1")->role, "BDR");
  EXPECT_NE(r1_log_.Take().find("%OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on GigabitEthernet0/0/1 "
                                "from LOADING to FULL, Loading Done"),
            std::string::npos);
  const std::string routes = ShowIpRoute(r1_->Routes());
  EXPECT_NE(routes.find("O IA     2.2.2.2 [110/2] via 10.99.0.2, 00:00:"), std::string::npos) << routes;
  EXPECT_TRUE(r1_->Send("2.2.2.2", 100).answered);
  const std::string table = ShowOspfNeighbors(r1_->ospf(), clock_.Now(), false);
  EXPECT_NE(table.find("2.2.2.2           1   FULL/DR         00:00:"), std::string::npos) << table;
}

TEST_F(NeighborsTest, ANeighbourBehindTheSwitchesGoesWhenItsDeadTimerRunsOut) {
  r2_->set_boot_time(std::chrono::seconds(120));
  r2_->Reload("Reload Command", "console");
  r1_log_.Take();
  TickAll(std::chrono::seconds(5));
  ASSERT_NE(Neighbor(*r1_, "2.2.2.2"), nullptr);  // the switch keeps R1's link up
  EXPECT_EQ(r1_log_.Take().find("ADJCHG"), std::string::npos);
  TickAll(std::chrono::seconds(40));
  EXPECT_EQ(Neighbor(*r1_, "2.2.2.2"), nullptr);
  EXPECT_NE(r1_log_.Take().find("Nbr 2.2.2.2 on GigabitEthernet0/0/1 from FULL to DOWN, Neighbor "
                                "Down: Dead timer expired"),
            std::string::npos);
  EXPECT_FALSE(r1_->Send("2.2.2.2", 100).answered);
  TickAll(std::chrono::seconds(80));
  ASSERT_EQ(r2_->state(), DeviceState::kRunning);
  const OspfNeighbor* n = Neighbor(*r1_, "2.2.2.2");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->state, OspfState::kFull);
  EXPECT_EQ(n->role, "BDR");  // R1 took the DR role meanwhile and keeps it
  EXPECT_TRUE(r1_->Send("2.2.2.2", 100).answered);
}

TEST_F(NeighborsTest, MismatchesKeepTheAdjacencyFromForming) {
  // R1 notices at its next hello (within 10 s), then waits out its dead interval.
  Set(*r2_, "interface GigabitEthernet0/0/1", "ip ospf hello-interval 5");
  TickAll(std::chrono::seconds(55));
  EXPECT_EQ(Neighbor(*r1_, "2.2.2.2"), nullptr);
  r2_->running_config().RemoveSectionLine("interface GigabitEthernet0/0/1", "ip ospf hello-interval 5");
  Set(*r2_, "interface GigabitEthernet0/0/1", "ip mtu 1400");
  TickAll(std::chrono::seconds(10));
  ASSERT_NE(Neighbor(*r1_, "2.2.2.2"), nullptr);
  EXPECT_EQ(Neighbor(*r1_, "2.2.2.2")->state, OspfState::kExstart);
  r2_->running_config().RemoveSectionLine("interface GigabitEthernet0/0/1", "ip mtu 1400");
  Set(*r2_, "router ospf 1", "passive-interface GigabitEthernet0/0/1");
  TickAll(std::chrono::seconds(55));
  EXPECT_EQ(Neighbor(*r1_, "2.2.2.2"), nullptr);
}

// An image that no longer forms the adjacency over an interface (the lab's ospf-neighbor-lost
// fault): the interface stays up, neither side hears the other's hellos, both wait out the dead
// interval as IOS does; lifted, the adjacency forms again at the next tick.
TEST_F(NeighborsTest, AnOspfSilentInterfaceLosesTheAdjacencyBothWaysUntilLifted) {
  r1_log_.Take();
  r2_log_.Take();
  r1_->SetOspfSilent("GigabitEthernet0/0/1", true);
  EXPECT_TRUE(r1_->ospf_silent("GigabitEthernet0/0/1"));
  TickAll(std::chrono::seconds(30));
  // Heard no more, but within the dead interval (40 s) both keep the row.
  ASSERT_NE(Neighbor(*r1_, "2.2.2.2"), nullptr);
  ASSERT_NE(Neighbor(*r2_, "1.1.1.1"), nullptr);
  EXPECT_EQ(r1_log_.Take().find("ADJCHG"), std::string::npos);
  TickAll(std::chrono::seconds(15));
  EXPECT_EQ(Neighbor(*r1_, "2.2.2.2"), nullptr);
  EXPECT_EQ(Neighbor(*r2_, "1.1.1.1"), nullptr);
  EXPECT_NE(r1_log_.Take().find("%OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on GigabitEthernet0/0/1 from FULL to "
                                "DOWN, Neighbor Down: Dead timer expired"),
            std::string::npos);
  EXPECT_NE(r2_log_.Take().find("%OSPF-5-ADJCHG: Process 1, Nbr 1.1.1.1 on GigabitEthernet0/0/1 from FULL to "
                                "DOWN, Neighbor Down: Dead timer expired"),
            std::string::npos);
  // Both sides' `show ip ospf neighbor` agree: nobody, while the interface itself is up.
  EXPECT_EQ(ShowOspfNeighbors(r1_->ospf(), clock_.Now(), false), "");
  EXPECT_EQ(ShowOspfNeighbors(r2_->ospf(), clock_.Now(), false), "");
  EXPECT_TRUE(r1_->interface_status("GigabitEthernet0/0/1").protocol_up);
  EXPECT_FALSE(r1_->Send("2.2.2.2", 100).answered);
  // A reload keeps it: the new boot forms no adjacency either.
  r1_->Reload("Reload Command", "console");
  TickAll(std::chrono::seconds(50));
  ASSERT_EQ(r1_->state(), DeviceState::kRunning);
  EXPECT_EQ(Neighbor(*r1_, "2.2.2.2"), nullptr);
  EXPECT_EQ(Neighbor(*r2_, "1.1.1.1"), nullptr);
  r1_log_.Take();
  r2_log_.Take();
  r1_->SetOspfSilent("GigabitEthernet0/0/1", false);
  TickAll(std::chrono::seconds(1));
  ASSERT_NE(Neighbor(*r1_, "2.2.2.2"), nullptr);
  ASSERT_NE(Neighbor(*r2_, "1.1.1.1"), nullptr);
  EXPECT_EQ(Neighbor(*r1_, "2.2.2.2")->state, OspfState::kFull);
  EXPECT_EQ(Neighbor(*r2_, "1.1.1.1")->state, OspfState::kFull);
  EXPECT_NE(r1_log_.Take().find("Nbr 2.2.2.2 on GigabitEthernet0/0/1 from LOADING to FULL"), std::string::npos);
  EXPECT_NE(r2_log_.Take().find("Nbr 1.1.1.1 on GigabitEthernet0/0/1 from LOADING to FULL"), std::string::npos);
  EXPECT_TRUE(r1_->Send("2.2.2.2", 100).answered);
}

TEST_F(NeighborsTest, CdpAndLldpComeFromTheCables) {
  Device& sw1 = *switches_[0];
  std::string cdp = ShowCdpNeighbors(sw1, false);
  EXPECT_NE(cdp.find("R1               Fas 0/1           "), std::string::npos) << cdp;
  EXPECT_NE(cdp.find("SW2              Gig 0/2           "), std::string::npos) << cdp;
  EXPECT_NE(cdp.find("Total cdp entries displayed : 3"), std::string::npos) << cdp;
  EXPECT_EQ(ShowLldpNeighbors(sw1, false), "% LLDP is not enabled\n");
  sw1.running_config().SetLine("lldp run");
  EXPECT_NE(ShowLldpNeighbors(sw1, false).find("Total entries displayed: 0"), std::string::npos);
  r1_->running_config().SetLine("lldp run");
  const std::string lldp = ShowLldpNeighbors(sw1, false);
  EXPECT_NE(lldp.find("R1                  Fa0/1          119        R               Gi0/0/1\n"),
            std::string::npos) << lldp;  // hold time 120 s, the last advertisement 1 s ago
  // The far end's `no cdp enable` silences the port both ways.
  Set(*r1_, "interface GigabitEthernet0/0/1", "no cdp enable");
  EXPECT_EQ(ShowCdpNeighbors(sw1, false).find("R1 "), std::string::npos);
  EXPECT_EQ(ShowCdpNeighbors(*r1_, false).find("SW1"), std::string::npos);
}

}  // namespace
}  // namespace iosup
