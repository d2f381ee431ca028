#include "upgrade/fleet_run.h"

#include <gtest/gtest.h>

#include "platform/system_clock.h"

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
    Result<std::unique_ptr<Journal>> journal = Journal::Open(":memory:");
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

}  // namespace
}  // namespace iosup::upgrade
