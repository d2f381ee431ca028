#include "upgrade/fleet_run.h"

#include <gtest/gtest.h>

#include "platform/system_clock.h"
#include "upgrade/scripted_isr4321_test_support.h"
#include "upgrade/sqlite_journal.h"

namespace iosup::upgrade {
namespace {

class SilentProgress : public ProgressSink {
 public:
  void StepStarted(const std::string&, const std::string&) override {}
  void StepEnded(const std::string&, const StepRecord&) override {}
  void Transfer(const std::string&, uint64_t, uint64_t) override {}
  void DeviceEnded(const DeviceRecord&) override {}
};

// A fleet none of whose devices answers: each device reached fails at connect at once, and the
// canary's failure (over a budget of 0) halts the run before the second wave.
class UnreachableFleet : public ::testing::Test {
 protected:
  UnreachableFleet() {
    for (const char* name : {"canary", "b", "c"}) {
      inventory_.hosts.push_back({.name = name, .address = "127.0.0.1", .platform = "C2960"});
    }
    policy_.waves = {{.count = 1}, {.percent = 100}};
    options_.inventory_path = "/lab/inventory.yaml";
    options_.timing.connect_attempts = 1;
    options_.clock = &clock_;
  }
  std::unique_ptr<Journal> OpenJournal() {
    Result<std::unique_ptr<SqliteJournal>> journal = SqliteJournal::Open(":memory:");
    EXPECT_TRUE(journal.ok()) << journal.status().ToString();
    return journal.ok() ? std::move(*journal) : nullptr;
  }
  Result<RunRecord> Run(Journal& journal) {
    const Connector refused = [](const InventoryHost& host) -> Result<std::unique_ptr<CliChannel>> {
      return Unavailable(host.address + ": connection refused");
    };
    return RunFleet(inventory_, policy_, journal, refused, {}, progress_, options_);
  }

  Inventory inventory_;
  Policy policy_;
  SystemClock clock_;  // run ids come from the real second (see below)
  FleetOptions options_;
  SilentProgress progress_;
};

TEST_F(UnreachableFleet, TwoRunsBegunInTheSameSecondGetDistinctIds) {
  // The ids come from the start's second: retry the rare pair that straddles one.
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::unique_ptr<Journal> journal = OpenJournal();
    ASSERT_NE(journal, nullptr);
    Result<RunRecord> first = Run(*journal);
    Result<RunRecord> second = Run(*journal);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    using std::chrono::floor, std::chrono::seconds;
    if (floor<seconds>(first->started) != floor<seconds>(second->started)) continue;
    EXPECT_EQ(first->id.size(), 15u) << first->id;  // "YYYYMMDD-HHMMSS"
    EXPECT_EQ(second->id, first->id + "-2");
    EXPECT_EQ(*journal->LatestRun(), second->id);
    return;
  }
  FAIL() << "five pairs of runs each straddled a second";
}

TEST_F(UnreachableFleet, EveryDeviceIsJournaledFromTheStartInInventoryOrder) {
  std::unique_ptr<Journal> journal = OpenJournal();
  ASSERT_NE(journal, nullptr);
  Result<RunRecord> run = Run(*journal);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->inventory_path, "/lab/inventory.yaml");
  EXPECT_TRUE(run->halted);
  ASSERT_EQ(run->devices.size(), 3u);
  EXPECT_EQ(run->devices[0].name, "canary");
  EXPECT_EQ(run->devices[0].wave, 1);
  EXPECT_EQ(run->devices[0].outcome, DeviceOutcome::kFailed);
  EXPECT_NE(run->devices[0].failure.find("connection refused"), std::string::npos) << run->devices[0].failure;
  for (size_t i : {1u, 2u}) {
    EXPECT_EQ(run->devices[i].name, inventory_.hosts[i].name);
    EXPECT_EQ(run->devices[i].wave, 2);
    EXPECT_EQ(run->devices[i].platform, "C2960");
    EXPECT_EQ(run->devices[i].outcome, DeviceOutcome::kPending) << "never reached: the run halted";
  }
}

TEST_F(UnreachableFleet, ResumeAddsDevicesTheInventoryGainedAsPending) {
  std::unique_ptr<Journal> journal = OpenJournal();
  ASSERT_NE(journal, nullptr);
  std::atomic<bool> stop{true};  // stopped before any device: the run stays unfinished
  options_.stop = &stop;
  ASSERT_TRUE(Run(*journal).ok());
  inventory_.hosts.push_back({.name = "d", .address = "127.0.0.1"});
  stop = false;
  options_.resume = true;
  Result<RunRecord> resumed = Run(*journal);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  ASSERT_EQ(resumed->devices.size(), 4u);
  EXPECT_EQ(resumed->devices[3].name, "d");
  EXPECT_EQ(resumed->devices[3].wave, 2);
  EXPECT_EQ(resumed->devices[0].outcome, DeviceOutcome::kFailed);
  EXPECT_EQ(resumed->devices[3].outcome, DeviceOutcome::kPending);
}

// Two scripted ISR4321 routers, R1 the canary of wave 1 and R2 in wave 2, on a manual clock.
class ScriptedFleet : public ::testing::Test {
 protected:
  ScriptedFleet() {
    for (ScriptedDevice* d : {&r1_, &r2_}) {
      scripted::ScriptIsr4321(*d, d == &r1_ ? "R1" : "R2", "");
      d->set_boot_time(std::chrono::minutes(4));
      inventory_.hosts.push_back({.name = d == &r1_ ? "R1" : "R2", .address = "192.0.2.1"});
    }
    policy_.images = {{.family = "isr4300", .file = scripted::kNew, .version = "16.12.04",
                       .md5 = scripted::kNewMd5, .size = scripted::kNewSize}};
    policy_.transfer.server = "192.168.1.100";
    policy_.backup = BackupMode::kNone;
    policy_.waves = {{.count = 1}, {.percent = 100}};
    options_.clock = &clock_;
    Result<std::unique_ptr<SqliteJournal>> journal = SqliteJournal::Open(":memory:");
    EXPECT_TRUE(journal.ok()) << journal.status().ToString();
    journal_ = std::move(*journal);
  }
  Result<RunRecord> Run() {
    const Connector connect = [this](const InventoryHost& host) {
      return (host.name == "R1" ? r1_ : r2_).Connect();
    };
    return RunFleet(inventory_, policy_, *journal_, connect, {}, progress_, options_);
  }

  ManualClock clock_;
  ScriptedDevice r1_{"R1", "before", clock_}, r2_{"R2", "before", clock_};
  Inventory inventory_;
  Policy policy_;
  FleetOptions options_;
  SilentProgress progress_;
  std::unique_ptr<Journal> journal_;
};

TEST_F(ScriptedFleet, CanaryThatDoesNotComeBackIsLostAndTheBudgetHaltsTheRest) {
  r1_.set_boot_time(std::chrono::hours(48));
  Result<RunRecord> run = Run();
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->devices.size(), 2u);
  EXPECT_EQ(run->devices[0].outcome, DeviceOutcome::kLost) << run->devices[0].failure;
  EXPECT_EQ(run->devices[1].outcome, DeviceOutcome::kPending);
  EXPECT_TRUE(r2_.log().empty()) << "the second wave never starts";
  EXPECT_TRUE(run->halted);
  EXPECT_EQ(run->halt_reason, "wave 1: 1 device(s) failed, over the failure budget of 0");
  EXPECT_FALSE(FleetSucceeded(*run));
}

TEST_F(ScriptedFleet, AFailureWithinTheBudgetLetsTheOthersGoOn) {
  policy_.failure_budget = 1;
  r1_.On("before", "verify /md5 .*",
         "Done!\nverify /md5 (bootflash:" + std::string(scripted::kNew) + ") = 7f3c0e52d1a8f4e6b9d2c1a0e3f4b5c6\n");
  Result<RunRecord> run = Run();
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->devices[0].outcome, DeviceOutcome::kFailed);
  EXPECT_EQ(run->devices[1].outcome, DeviceOutcome::kUpgraded) << run->devices[1].failure;
  EXPECT_EQ(r1_.reboots(), 0);
  EXPECT_EQ(r2_.reboots(), 1);
  EXPECT_FALSE(run->halted);
  // The run's times are the manual clock's.
  EXPECT_EQ(run->started, WallTime(ManualClock::kDefaultStart));
  EXPECT_EQ(run->finished, clock_.Now());
}

}  // namespace
}  // namespace iosup::upgrade
