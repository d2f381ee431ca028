// The behaviour every Journal owes the orchestrator, as a typed test suite (leveldb's Env tests
// are the model). A test file instantiates it with a factory whose Open() hands out another
// Journal on one store, empty at the factory's birth (so one store per test):
//   struct MyFactory { Result<std::unique_ptr<Journal>> Open(); };
//   INSTANTIATE_TYPED_TEST_SUITE_P(Mine, JournalContract, MyFactory);  // in journal_contract
// The suite uses nothing but the Journal interface: no SQL, no files.
#ifndef IOSUP_UPGRADE_JOURNAL_CONTRACT_H_
#define IOSUP_UPGRADE_JOURNAL_CONTRACT_H_

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "upgrade/journal.h"

namespace iosup::upgrade::journal_contract {

inline WallTime At(int64_t ms) { return WallTime(std::chrono::milliseconds(ms)); }
inline constexpr int64_t k20261121_101500 = 1795256100000;  // 2026-11-21 10:15:00 UTC

inline DeviceRecord Device(const std::string& name, int wave = 1) {
  DeviceRecord d;
  d.name = name;
  d.address = "192.168.1." + std::to_string(name.size());
  d.platform = "ISR4321";
  d.wave = wave;
  d.from_version = "16.09.06";
  d.to_version = "16.12.04";
  return d;
}

// Begins a run started at k20261121_101500 holding `devices` in order; "" (and a test failure)
// when the journal refuses.
inline std::string Begin(Journal& journal, const std::vector<std::string>& devices) {
  RunRecord header;
  header.started = At(k20261121_101500);
  header.inventory_path = "/lab/inventory.yaml";
  header.policy_path = "/lab/policy.yaml";
  for (const auto& name : devices) header.devices.push_back(Device(name));
  auto id = journal.BeginRun(header);
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : "";
}

template <typename Factory>
class JournalContract : public ::testing::Test {
 protected:
  // Another Journal on this test's store (nullptr, and a test failure, when it does not open).
  std::unique_ptr<Journal> Open() {
    Result<std::unique_ptr<Journal>> journal = factory_.Open();
    EXPECT_TRUE(journal.ok()) << journal.status().ToString();
    return journal.ok() ? std::move(*journal) : nullptr;
  }
  Factory factory_;
};

TYPED_TEST_SUITE_P(JournalContract);

TYPED_TEST_P(JournalContract, RunIdsComeFromTheUtcStartAndStayUnique) {
  auto journal = this->Open();
  EXPECT_EQ(Begin(*journal, {}), "20261121-101500");
  EXPECT_EQ(Begin(*journal, {}), "20261121-101500-2");
  EXPECT_EQ(Begin(*journal, {}), "20261121-101500-3");

  RunRecord named;
  named.id = "nightly";
  EXPECT_EQ(*journal->BeginRun(named), "nightly");
  auto again = journal->BeginRun(named);
  EXPECT_EQ(again.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_NE(again.status().message().find("nightly"), std::string::npos);

  // An unset start means now.
  auto before = std::chrono::system_clock::now() - std::chrono::seconds(1);
  auto id = journal->BeginRun(RunRecord{});
  ASSERT_TRUE(id.ok());
  EXPECT_GE(journal->LoadRun(*id)->started, before);
}

TYPED_TEST_P(JournalContract, EverythingWrittenIsLoadedBackInOrderAfterReopen) {
  std::string run;
  {
    auto journal = this->Open();
    run = Begin(*journal, {"SW1", "R1"});
    DeviceRecord r1 = Device("R1", 2);
    r1.outcome = DeviceOutcome::kRolledBack;
    r1.failure = "post-check: interface Gi0/0/1 down";
    ASSERT_TRUE(journal->PutDevice(run, r1).ok());
    ASSERT_TRUE(journal->PutDevice(run, Device("R3")).ok());

    ASSERT_TRUE(
        journal
            ->SetStep(run, "R1",
                      {"connect", StepOutcome::kDone, At(1000), At(1500), "ssh 192.168.1.1"})
            .ok());
    ASSERT_TRUE(
        journal->SetStep(run, "R1", {"stage", StepOutcome::kRunning, At(2000), {}, ""}).ok());
    // Updating "connect" keeps it first.
    ASSERT_TRUE(
        journal
            ->SetStep(run, "R1", {"connect", StepOutcome::kFailed, At(1000), At(1700), "timed out"})
            .ok());
    ASSERT_TRUE(
        journal->AddCommand(run, "R1", {"facts", "show version", "Cisco IOS XE\n", At(1600), 0.25})
            .ok());
    ASSERT_TRUE(
        journal->AddCommand(run, "R1", {"facts", "dir bootflash:", "", At(1650), 1.5}).ok());
    ASSERT_TRUE(journal->SetFact(run, "R1", false, "version", "16.09.06").ok());
    ASSERT_TRUE(journal->SetFact(run, "R1", true, "version", "16.12.04").ok());
    ASSERT_TRUE(journal->SetFact(run, "R1", true, "version", "16.12.05").ok());
    ASSERT_TRUE(journal->SetChanges(run, "R1", {{"old", "a", "b", false}}).ok());
    ASSERT_TRUE(journal
                    ->SetChanges(run, "R1",
                                 {{"interface Gi0/0/1", "up", "down", true},
                                  {"version", "16.09.06", "16.12.04", false}})
                    .ok());
    ASSERT_TRUE(journal->FinishRun(run, At(9000), true, "wave 2 failed").ok());
  }
  auto journal = this->Open();
  auto record = journal->LoadRun(run);
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  EXPECT_EQ(record->id, run);
  EXPECT_EQ(record->started, At(k20261121_101500));
  EXPECT_EQ(record->finished, At(9000));
  EXPECT_EQ(record->inventory_path, "/lab/inventory.yaml");
  EXPECT_EQ(record->policy_path, "/lab/policy.yaml");
  EXPECT_TRUE(record->halted);
  EXPECT_EQ(record->halt_reason, "wave 2 failed");

  ASSERT_EQ(record->devices.size(), 3u);
  EXPECT_EQ(record->devices[0].name, "SW1");
  EXPECT_EQ(record->devices[2].name, "R3");
  const DeviceRecord& r1 = record->devices[1];
  EXPECT_EQ(r1.name, "R1");
  EXPECT_EQ(r1.wave, 2);
  EXPECT_EQ(r1.outcome, DeviceOutcome::kRolledBack);
  EXPECT_EQ(r1.failure, "post-check: interface Gi0/0/1 down");
  EXPECT_EQ(r1.address, "192.168.1.2");
  EXPECT_EQ(r1.from_version, "16.09.06");

  ASSERT_EQ(r1.steps.size(), 2u);
  EXPECT_EQ(r1.steps[0].step, "connect");
  EXPECT_EQ(r1.steps[0].outcome, StepOutcome::kFailed);
  EXPECT_EQ(r1.steps[0].finished, At(1700));
  EXPECT_EQ(r1.steps[0].detail, "timed out");
  EXPECT_EQ(r1.steps[1].step, "stage");
  EXPECT_EQ(r1.steps[1].outcome, StepOutcome::kRunning);
  EXPECT_EQ(r1.steps[1].finished, WallTime{});

  ASSERT_EQ(r1.commands.size(), 2u);
  EXPECT_EQ(r1.commands[0].command, "show version");
  EXPECT_EQ(r1.commands[0].output, "Cisco IOS XE\n");
  EXPECT_EQ(r1.commands[0].at, At(1600));
  EXPECT_DOUBLE_EQ(r1.commands[0].seconds, 0.25);
  EXPECT_EQ(r1.commands[1].output, "");

  EXPECT_EQ(r1.facts_before, (std::map<std::string, std::string>{{"version", "16.09.06"}}));
  EXPECT_EQ(r1.facts_after, (std::map<std::string, std::string>{{"version", "16.12.05"}}));
  ASSERT_EQ(r1.changes.size(), 2u);
  EXPECT_EQ(r1.changes[0].what, "interface Gi0/0/1");
  EXPECT_TRUE(r1.changes[0].loss);
  EXPECT_EQ(r1.changes[1].after, "16.12.04");
  EXPECT_FALSE(r1.changes[1].loss);
  EXPECT_TRUE(record->devices[0].steps.empty());
}

TYPED_TEST_P(JournalContract, TimesAreKeptToTheMillisecond) {
  auto journal = this->Open();
  std::string run = Begin(*journal, {"R1"});
  WallTime precise = At(1234567) + std::chrono::microseconds(890);
  ASSERT_TRUE(journal->SetStep(run, "R1", {"boot", StepOutcome::kDone, precise, precise, ""}).ok());
  EXPECT_EQ(journal->LoadRun(run)->devices[0].steps[0].started, At(1234567));
}

TYPED_TEST_P(JournalContract, LatestRunAndLatestUnfinishedRun) {
  auto journal = this->Open();
  EXPECT_EQ(*journal->LatestRun(), std::nullopt);
  EXPECT_EQ(*journal->LatestUnfinishedRun(), std::nullopt);
  std::string first = Begin(*journal, {});
  std::string second = Begin(*journal, {});
  EXPECT_EQ(*journal->LatestRun(), second);
  EXPECT_EQ(*journal->LatestUnfinishedRun(), second);
  ASSERT_TRUE(journal->FinishRun(second, At(5), false, "").ok());
  EXPECT_EQ(*journal->LatestRun(), second);
  EXPECT_EQ(*journal->LatestUnfinishedRun(), first);
  ASSERT_TRUE(journal->FinishRun(first, At(6), false, "").ok());
  EXPECT_EQ(*journal->LatestUnfinishedRun(), std::nullopt);
  EXPECT_EQ(journal->LoadRun(first)->finished, At(6));
}

TYPED_TEST_P(JournalContract, MarkersPersistAndReplace) {
  std::string run;
  {
    auto journal = this->Open();
    run = Begin(*journal, {"R1", "SW1"});
    EXPECT_EQ(*journal->Marker(run, "R1", "reload.sent_at"), std::nullopt);
    ASSERT_TRUE(journal->SetMarker(run, "R1", "stage.verified_md5", "aa").ok());
    ASSERT_TRUE(journal->SetMarker(run, "R1", "stage.verified_md5", "bb").ok());
  }
  auto journal = this->Open();
  EXPECT_EQ(*journal->Marker(run, "R1", "stage.verified_md5"), "bb");
  EXPECT_EQ(*journal->Marker(run, "SW1", "stage.verified_md5"), std::nullopt);
  EXPECT_EQ(*journal->Marker("other-run", "R1", "stage.verified_md5"), std::nullopt);
}

TYPED_TEST_P(JournalContract, UnknownRunOrDeviceIsNotFound) {
  auto journal = this->Open();
  std::string run = Begin(*journal, {"R1"});
  auto expect_not_found = [](const Status& s, const std::string& names) {
    EXPECT_EQ(s.code(), ErrorCode::kNotFound) << s.ToString();
    EXPECT_NE(s.message().find(names), std::string::npos) << s.ToString();
  };
  expect_not_found(journal->PutDevice("nope", Device("R1")), "no run 'nope'");
  expect_not_found(journal->FinishRun("nope", At(1), false, ""), "no run 'nope'");
  expect_not_found(journal->LoadRun("nope").status(), "no run 'nope'");
  const std::string no_r9 = "no device 'R9' in run '" + run + "'";
  expect_not_found(journal->SetStep(run, "R9", {"connect"}), no_r9);
  expect_not_found(journal->AddCommand(run, "R9", {"connect", "show clock"}), no_r9);
  expect_not_found(journal->SetFact(run, "R9", false, "version", "x"), no_r9);
  expect_not_found(journal->SetChanges(run, "R9", {}), no_r9);
  expect_not_found(journal->SetMarker(run, "R9", "k", "v"), no_r9);
  EXPECT_EQ(journal->SetStep(run, "R1", {""}).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(journal->PutDevice(run, DeviceRecord{}).code(), ErrorCode::kInvalidArgument);
  // A failed BeginRun leaves nothing behind.
  RunRecord bad;
  bad.id = "bad";
  bad.devices = {Device("R1"), DeviceRecord{}};
  EXPECT_FALSE(journal->BeginRun(bad).ok());
  EXPECT_EQ(journal->LoadRun("bad").status().code(), ErrorCode::kNotFound);
}

// The shape of a fleet run: 1000 devices, ~40 journal writes each, from 50 worker threads
// sharing one Journal. Prints how long it took (informative; not asserted).
TYPED_TEST_P(JournalContract, FleetOfAThousandDevicesFromFiftyThreads) {
  constexpr int kDevices = 1000, kThreads = 50;
  const char* kSteps[] = {"connect", "facts",    "readiness", "backup",     "stage", "verify",
                          "boot",    "snapshot", "reload",    "post-check", "report"};
  auto journal = this->Open();
  std::vector<std::string> names;
  for (int i = 0; i < kDevices; ++i) names.push_back("dev" + std::to_string(i));
  std::string run = Begin(*journal, names);

  std::atomic<int> next{0}, writes{0}, failures{0};
  auto work = [&] {
    auto check = [&](const Status& s) { s.ok() ? ++writes : ++failures; };
    for (int i; (i = next++) < kDevices;) {
      const std::string& name = names[i];
      DeviceRecord device = Device(name);
      device.outcome = DeviceOutcome::kPending;
      check(journal->PutDevice(run, device));
      for (const char* step : kSteps) {
        check(journal->SetStep(run, name, {step, StepOutcome::kRunning, At(i), {}, ""}));
        check(journal->SetStep(run, name, {step, StepOutcome::kDone, At(i), At(i + 1), "ok"}));
      }
      for (int c = 0; c < 10; ++c) {
        check(journal->AddCommand(run, name, {"stage", "show flash:", std::string(600, 'f')}));
      }
      check(journal->SetFact(run, name, false, "version", "16.09.06"));
      check(journal->SetFact(run, name, false, "image", "bootflash:old.bin"));
      check(journal->SetFact(run, name, true, "version", "16.12.04"));
      check(journal->SetFact(run, name, true, "image", "bootflash:new.bin"));
      check(journal->SetMarker(run, name, "reload.sent_at", "1"));
      check(journal->SetChanges(run, name, {{"version", "16.09.06", "16.12.04", false}}));
      device.outcome = DeviceOutcome::kUpgraded;
      check(journal->PutDevice(run, device));
    }
  };
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(work);
  for (auto& t : threads) t.join();
  auto written = std::chrono::steady_clock::now();
  auto record = journal->LoadRun(run);
  auto loaded = std::chrono::steady_clock::now();

  EXPECT_EQ(failures, 0);
  ASSERT_TRUE(record.ok());
  ASSERT_EQ(record->devices.size(), static_cast<size_t>(kDevices));
  for (const DeviceRecord& d : record->devices) {
    ASSERT_EQ(d.outcome, DeviceOutcome::kUpgraded) << d.name;
    ASSERT_EQ(d.steps.size(), std::size(kSteps)) << d.name;
    ASSERT_EQ(d.steps.back().outcome, StepOutcome::kDone) << d.name;
    ASSERT_EQ(d.commands.size(), 10u) << d.name;
    ASSERT_EQ(d.facts_after.at("image"), "bootflash:new.bin") << d.name;
  }
  EXPECT_EQ(record->devices[0].name, "dev0");  // insertion order: BeginRun put them in order
  EXPECT_EQ(record->devices[999].name, "dev999");
  using ms = std::chrono::duration<double, std::milli>;
  double write_ms = ms(written - start).count();
  std::printf(
      "[ timing ] %d journal writes from %d threads in %.0f ms (%.1f us/write); "
      "LoadRun of %d devices in %.0f ms\n",
      writes.load(), kThreads, write_ms, write_ms * 1000 / writes.load(), kDevices,
      ms(loaded - written).count());
}

// Several orchestrators (or a report reader beside a run) share one store.
TYPED_TEST_P(JournalContract, AWriteIsSeenThroughEveryJournalOnTheStore) {
  auto a = this->Open();
  auto b = this->Open();
  ASSERT_NE(b, nullptr);
  std::string run = Begin(*a, {"R1"});
  EXPECT_EQ(*b->LatestUnfinishedRun(), run);
  ASSERT_TRUE(b->SetMarker(run, "R1", "reload.sent_at", "1795256100").ok());
  EXPECT_EQ(*a->Marker(run, "R1", "reload.sent_at"), "1795256100");
  ASSERT_TRUE(a->SetStep(run, "R1", {"reload", StepOutcome::kRunning, At(10), {}, ""}).ok());
  ASSERT_TRUE(b->SetFact(run, "R1", true, "version", "16.12.04").ok());
  auto seen_by_a = a->LoadRun(run);
  auto seen_by_b = b->LoadRun(run);
  ASSERT_TRUE(seen_by_a.ok() && seen_by_b.ok());
  for (const RunRecord* r : {&*seen_by_a, &*seen_by_b}) {
    ASSERT_EQ(r->devices.size(), 1u);
    ASSERT_EQ(r->devices[0].steps.size(), 1u);
    EXPECT_EQ(r->devices[0].steps[0].step, "reload");
    EXPECT_EQ(r->devices[0].facts_after.at("version"), "16.12.04");
  }
}

// PutDevice writes the device's own fields; what it did is written by the calls made for it.
TYPED_TEST_P(JournalContract, PutDeviceLeavesStepsCommandsFactsAndChangesAlone) {
  auto journal = this->Open();
  std::string run = Begin(*journal, {"R1"});
  ASSERT_TRUE(journal->SetStep(run, "R1", {"connect", StepOutcome::kDone, At(1), At(2), ""}).ok());
  DeviceRecord r1 = Device("R1");
  r1.outcome = DeviceOutcome::kUpgraded;
  r1.steps.push_back({"stage", StepOutcome::kDone, At(3), At(4), ""});
  r1.commands.push_back({"stage", "copy", "", At(3), 1});
  r1.facts_before["version"] = "16.09.06";
  r1.changes.push_back({"version", "16.09.06", "16.12.04", false});
  ASSERT_TRUE(journal->PutDevice(run, r1).ok());
  auto record = journal->LoadRun(run);
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  const DeviceRecord& loaded = record->devices.at(0);
  EXPECT_EQ(loaded.outcome, DeviceOutcome::kUpgraded);
  ASSERT_EQ(loaded.steps.size(), 1u);
  EXPECT_EQ(loaded.steps[0].step, "connect");
  EXPECT_TRUE(loaded.commands.empty());
  EXPECT_TRUE(loaded.facts_before.empty());
  EXPECT_TRUE(loaded.changes.empty());
}

REGISTER_TYPED_TEST_SUITE_P(JournalContract, RunIdsComeFromTheUtcStartAndStayUnique,
                            EverythingWrittenIsLoadedBackInOrderAfterReopen,
                            TimesAreKeptToTheMillisecond, LatestRunAndLatestUnfinishedRun,
                            MarkersPersistAndReplace, UnknownRunOrDeviceIsNotFound,
                            FleetOfAThousandDevicesFromFiftyThreads,
                            AWriteIsSeenThroughEveryJournalOnTheStore,
                            PutDeviceLeavesStepsCommandsFactsAndChangesAlone);

}  // namespace iosup::upgrade::journal_contract

#endif  // IOSUP_UPGRADE_JOURNAL_CONTRACT_H_
