// The orchestrator end to end against an emulated lab over real SSH: the happy path on both
// platforms, an MD5 mismatch, not enough space, a device that does not come back, a post-check
// loss with rollback, and --plan.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "base/digest.h"
#include "tests/integration/upgrade_lab_fixture.h"
#include "upgrade/sqlite_journal.h"
#include "upgrade/upgrade_run.h"

namespace iosup {
namespace {

using upgrade::DeviceOutcome;
using upgrade::RunUpgrade;
using upgrade::UpgradeArgs;

TEST_F(OrchestratorLab, UpgradesRouterAndSwitchWithFallbackAndReports) {
  Outcome o = Upgrade(WritePolicy("backup: server\n"));
  ASSERT_EQ(o.exit_code, 0) << o.out << o.err;
  // Each running-config went to the file server before anything changed.
  for (const char* host : {"R1", "SW1"}) {
    std::ifstream backup(ServedFile(std::string(host) + "-" + o.run.id + "-confg"));
    const std::string text((std::istreambuf_iterator<char>(backup)), {});
    EXPECT_NE(text.find(std::string("hostname ") + host + "\n"), std::string::npos) << host << ": " << text;
  }
  EXPECT_EQ(Rec(o, "R1").outcome, DeviceOutcome::kUpgraded) << Rec(o, "R1").failure;
  EXPECT_EQ(Rec(o, "SW1").outcome, DeviceOutcome::kUpgraded) << Rec(o, "SW1").failure;

  DeviceView r1 = View("R1", kNewR1);
  EXPECT_EQ(r1.state, DeviceState::kRunning);
  EXPECT_EQ(r1.image, kNewR1);
  EXPECT_EQ(r1.startup_boot, (std::vector<std::string>{std::string("bootflash:") + kNewR1,
                                                        std::string("bootflash:") + kOldR1}));
  DeviceView sw1 = View("SW1", kNewSw);
  EXPECT_EQ(sw1.image, kNewSw);
  EXPECT_EQ(sw1.startup_boot, (std::vector<std::string>{std::string("flash:") + kNewSw,
                                                         std::string("flash:") + kOldSw}));
  EXPECT_EQ(Reloads("R1"), 1);
  EXPECT_EQ(Reloads("SW1"), 1);
  // Facts before and after, and every step journaled.
  EXPECT_EQ(Rec(o, "R1").facts_before.at("version"), "16.09.06");
  EXPECT_NE(Rec(o, "R1").facts_after.at("image").find(kNewR1), std::string::npos);
  std::vector<std::string> steps;
  for (const auto& s : Rec(o, "SW1").steps) steps.push_back(s.step);
  EXPECT_EQ(steps, (std::vector<std::string>{"connect", "facts", "readiness", "backup", "stage", "verify",
                                             "boot", "snapshot", "reload", "post-check"}));
  EXPECT_NE(o.out.find("2 upgraded"), std::string::npos) << o.out;
  for (const char* f : {"report.json", "junit.xml", "report.html"}) {
    EXPECT_TRUE(std::filesystem::exists(work_ + "/report/" + f)) << f;
  }

  // Clean-up waits for the soak time, then drops the fallback and its image.
  UpgradeArgs cleanup{.inventory = inventory_, .policy = WritePolicy(""), .cleanup = true,
                      .journal = work_ + "/journal"};
  std::ostringstream out, err;
  EXPECT_EQ(RunUpgrade(cleanup, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("SW1: not now: soaking until"), std::string::npos) << out.str();
  EXPECT_EQ(View("SW1", kNewSw).startup_boot.size(), 2u);
  cleanup.force = true;
  out.str("");
  EXPECT_EQ(RunUpgrade(cleanup, out, err), 0) << err.str();
  EXPECT_NE(out.str().find(std::string("SW1: cleaned up: boot system flash:") + kNewSw + " only; deleted flash:" + kOldSw),
            std::string::npos) << out.str();
  EXPECT_EQ(View("SW1", kNewSw).startup_boot, std::vector<std::string>{std::string("flash:") + kNewSw});
  EXPECT_FALSE(OnLab([&](LabHost& h) { return Dev(h, "SW1").file_systems().primary().store->Stat(kOldSw).ok(); }));
  out.str("");
  EXPECT_EQ(RunUpgrade(cleanup, out, err), 0);
  EXPECT_NE(out.str().find("SW1: not now: already cleaned up"), std::string::npos) << out.str();

  // A second run finds both at the target and changes nothing.
  Outcome again = Upgrade(WritePolicy(""));
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(Rec(again, "R1").outcome, DeviceOutcome::kCurrent);
  EXPECT_EQ(Reloads("R1"), 1);
}

TEST_F(OrchestratorLab, PlanListsEveryCommandAndChangesNothing) {
  Outcome o = Upgrade(WritePolicy(""), /*plan=*/true);
  EXPECT_EQ(o.exit_code, 0) << o.out << o.err;
  EXPECT_NE(o.out.find(std::string("copy tftp://192.168.1.100/") + kNewR1 + " bootflash:" + kNewR1), std::string::npos) << o.out;
  EXPECT_NE(o.out.find(std::string("verify /md5 flash:") + kNewSw), std::string::npos) << o.out;
  EXPECT_NE(o.out.find(std::string("no boot system flash:") + kOldSw), std::string::npos) << o.out;
  EXPECT_NE(o.out.find(std::string("boot system bootflash:") + kOldR1), std::string::npos) << o.out;
  // The policy's "reload: {mode: now}", once per device, and the wait that follows it.
  const std::string reload = "\n  reload     reload\n             # then wait up to ";
  size_t reloads = 0;
  for (size_t at = o.out.find(reload); at != std::string::npos; at = o.out.find(reload, at + 1)) ++reloads;
  EXPECT_EQ(reloads, 2u) << o.out;
  EXPECT_FALSE(View("R1", kNewR1).has_file_new);
  EXPECT_EQ(Reloads("R1"), 0);
  EXPECT_FALSE(std::filesystem::exists(work_ + "/journal"));
}

TEST_F(OrchestratorLab, Md5MismatchDeletesTheFileAndNeverReloads) {
  const std::string policy = WritePolicy("");
  {  // The server's copy goes bad after the MD5 was published.
    std::fstream f(ServedFile(kNewSw), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(5000);
    f.put('\x5a');
  }
  Outcome o = Upgrade(policy);
  EXPECT_EQ(o.exit_code, 1);
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kFailed);
  EXPECT_NE(sw.failure.find("MD5 mismatch"), std::string::npos) << sw.failure;
  DeviceView v = View("SW1", kNewSw);
  EXPECT_FALSE(v.has_file_new) << "the bad file is deleted";
  EXPECT_EQ(v.image, kOldSw);
  EXPECT_EQ(v.startup_boot, (std::vector<std::string>{std::string("flash:") + kOldSw}));
  EXPECT_EQ(Reloads("SW1"), 0);
  // The canary wave held R1 (listed first) and SW1 failed in wave 2: R1 is still upgraded.
  EXPECT_EQ(Rec(o, "R1").outcome, DeviceOutcome::kUpgraded);
}

// SW1's new image, already in its flash with the published MD5 (as a run stopped after the copy
// would leave it), and a policy that also publishes `sha512` for it.
class ImageAlreadyInFlash : public OrchestratorLab {
 protected:
  std::string PolicyWithSha512(const std::string& sha512) {
    std::string policy = base_policy_;
    const size_t entry = policy.find(std::string("{file: ") + kNewSw);
    const size_t md5_end = policy.find(", size:", entry);
    policy.insert(md5_end, ", sha512: " + sha512);
    const std::string path = work_ + "/sha512-policy.yaml";
    EXPECT_TRUE(WriteFileAtomically(path, policy).ok());
    return path;
  }
  std::string PlaceNewImageInFlash() {
    std::ifstream served(ServedFile(kNewSw), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(served)), {});
    OnLab([&](LabHost& h) {
      FlashStore& flash = *Dev(h, "SW1").file_systems().primary().store;
      auto w = flash.Create(kNewSw, bytes.size());
      ASSERT_TRUE(w.ok());
      ASSERT_TRUE((*w)->Append({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}).ok());
      ASSERT_TRUE((*w)->Commit().ok());
    });
    EXPECT_TRUE(View("SW1", kNewSw).has_file_new);
    return bytes;
  }
  static bool Sent(const upgrade::DeviceRecord& d, const std::string& command) {
    return std::ranges::any_of(d.commands, [&](const auto& c) { return c.command == command; });
  }
  static const upgrade::StepRecord* StepOf(const upgrade::DeviceRecord& d, const std::string& name) {
    for (const auto& s : d.steps) {
      if (s.step == name) return &s;
    }
    return nullptr;
  }
};

TEST_F(ImageAlreadyInFlash, WrongSha512FailsVerifyDeletesTheFileAndNeverReloads) {
  const std::string bytes = PlaceNewImageInFlash();
  std::string wrong = DigestHex(DigestKind::kSha512, bytes);
  wrong[0] = wrong[0] == '0' ? '1' : '0';
  Outcome o = Upgrade(PolicyWithSha512(wrong));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(sw.failure.starts_with("verify: SHA-512 mismatch")) << sw.failure;
  EXPECT_TRUE(Sent(sw, std::string("verify /sha512 flash:") + kNewSw));
  EXPECT_FALSE(Sent(sw, std::string("copy tftp://192.168.1.100/") + kNewSw + " flash:" + kNewSw))
      << "the image in flash had the published MD5: no copy";
  const upgrade::StepRecord* verify = StepOf(sw, "verify");
  ASSERT_NE(verify, nullptr);
  EXPECT_EQ(verify->outcome, upgrade::StepOutcome::kFailed);
  EXPECT_EQ(StepOf(sw, "boot"), nullptr) << "no step after verify ran";
  DeviceView v = View("SW1", kNewSw);
  EXPECT_FALSE(v.has_file_new) << "the unverified file is deleted";
  EXPECT_EQ(v.image, kOldSw);
  EXPECT_EQ(v.startup_boot, (std::vector<std::string>{std::string("flash:") + kOldSw}));
  EXPECT_EQ(Reloads("SW1"), 0);
}

TEST_F(ImageAlreadyInFlash, RightSha512IsCheckedAndTheCopySkipped) {
  const std::string bytes = PlaceNewImageInFlash();
  Outcome o = Upgrade(PolicyWithSha512(DigestHex(DigestKind::kSha512, bytes)));
  ASSERT_EQ(o.exit_code, 0) << o.out << o.err;
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kUpgraded) << sw.failure;
  EXPECT_TRUE(Sent(sw, std::string("verify /sha512 flash:") + kNewSw));
  EXPECT_FALSE(Sent(sw, std::string("copy tftp://192.168.1.100/") + kNewSw + " flash:" + kNewSw));
  const upgrade::StepRecord* verify = StepOf(sw, "verify");
  ASSERT_NE(verify, nullptr);
  EXPECT_NE(verify->detail.find("SHA-512 matches"), std::string::npos) << verify->detail;
  EXPECT_EQ(std::ranges::count_if(sw.commands, [](const auto& c) {
              return c.command == std::string("verify /md5 flash:") + kNewSw;
            }), 1) << "the MD5 staging computed is not computed again";
  EXPECT_EQ(View("SW1", kNewSw).image, kNewSw);
  EXPECT_EQ(Reloads("SW1"), 1);
}

TEST_F(OrchestratorLab, NotEnoughSpaceBlocksInThePlanUnlessPolicyAllowsDeleting) {
  // Fill SW1's 64 MB flash with an old file nothing boots from.
  OnLab([&](LabHost& h) {
    FlashStore& flash = *Dev(h, "SW1").file_systems().primary().store;
    const uint64_t fill = flash.Space().free() - 100000;
    auto w = flash.Create("c2960-old-backup.bin", fill);
    ASSERT_TRUE(w.ok());
    std::vector<uint8_t> chunk(1 << 20, 0xA5);
    for (uint64_t done = 0; done < fill;) {
      const uint64_t n = std::min<uint64_t>(chunk.size(), fill - done);
      ASSERT_TRUE((*w)->Append({chunk.data(), n}).ok());
      done += n;
    }
    ASSERT_TRUE((*w)->Commit().ok());
  });
  Outcome plan = Upgrade(WritePolicy(""), /*plan=*/true);
  EXPECT_EQ(plan.exit_code, 1);
  EXPECT_NE(plan.out.find("BLOCKED: not enough space on flash:"), std::string::npos) << plan.out;
  Outcome run = Upgrade(WritePolicy(""));
  EXPECT_EQ(Rec(run, "SW1").outcome, DeviceOutcome::kFailed);
  EXPECT_NE(Rec(run, "SW1").failure.find("not enough space"), std::string::npos);
  EXPECT_TRUE(OnLab([&](LabHost& h) { return Dev(h, "SW1").file_systems().primary().store->Stat("c2960-old-backup.bin").ok(); }));

  // Allowed to delete it, the plan says so and the run does it.
  const std::string deletable = WritePolicy("deletable: [\"c2960-old-*.bin\"]\n");
  Outcome plan2 = Upgrade(deletable, true);
  EXPECT_NE(plan2.out.find("delete /force flash:c2960-old-backup.bin"), std::string::npos) << plan2.out;
  Outcome run2 = Upgrade(deletable);
  EXPECT_EQ(Rec(run2, "SW1").outcome, DeviceOutcome::kUpgraded) << Rec(run2, "SW1").failure;
  EXPECT_FALSE(OnLab([&](LabHost& h) { return Dev(h, "SW1").file_systems().primary().store->Stat("c2960-old-backup.bin").ok(); }));
}

TEST_F(OrchestratorLab, PostCheckLossRollsBackToTheOldImage) {
  OnLab([&](LabHost& h) { Dev(h, "R1").FailLinkAtNextBoot("GigabitEthernet0/0/0"); });
  Outcome o = Upgrade(WritePolicy(""));
  EXPECT_EQ(o.exit_code, 1);
  const auto& r1 = Rec(o, "R1");
  EXPECT_EQ(r1.outcome, DeviceOutcome::kRolledBack) << r1.failure;
  EXPECT_NE(r1.failure.find("GigabitEthernet0/0/0"), std::string::npos) << r1.failure;
  bool loss = false;
  for (const auto& c : r1.changes) loss |= c.loss && c.what.find("GigabitEthernet0/0/0") != std::string::npos;
  EXPECT_TRUE(loss);
  DeviceView v = View("R1", kNewR1);
  EXPECT_EQ(v.image, kOldR1);
  EXPECT_EQ(v.startup_boot, (std::vector<std::string>{std::string("bootflash:") + kOldR1}));
  EXPECT_EQ(Reloads("R1"), 2) << "the upgrade's reload and the rollback's";
  // The rollback read the saved boot statement back before reloading.
  EXPECT_TRUE(std::ranges::any_of(r1.commands, [](const upgrade::CommandRecord& c) {
    return c.step == "rollback" && c.command == "show startup-config | include boot system";
  }));
}

TEST_F(OrchestratorLab, DeviceThatDoesNotComeBackIsLostAndTheBudgetHaltsTheRest) {
  // An image that passes its published MD5 but is broken inside: the MD5 is published for the
  // broken file. No fallback, and the old image is gone: the router ends in ROMMON.
  {
    std::fstream f(ServedFile(kNewR1), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(200000);
    f.put('\x01');
  }
  std::ifstream img(ServedFile(kNewR1), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(img)), {});
  OnLab([&](LabHost& h) { ASSERT_TRUE(Dev(h, "R1").file_systems().primary().store->Delete(kOldR1).ok()); });
  std::string policy = base_policy_;
  const size_t at = policy.find(kNewR1);
  const size_t md5_at = policy.find("md5: ", at) + 5;
  policy.replace(md5_at, 32, DigestHex(DigestKind::kMd5, bytes));
  policy += "keep_old_as_fallback: false\n";
  policy.replace(policy.find("keep_old_as_fallback: true\n"), 27, "");
  policy += "boot_timeout_seconds: 4\n";
  const std::string path = work_ + "/lost-policy.yaml";
  ASSERT_TRUE(WriteFileAtomically(path, policy).ok());

  Outcome o = Upgrade(path);
  EXPECT_EQ(o.exit_code, 1) << o.err;
  const auto& r1 = Rec(o, "R1");
  EXPECT_EQ(r1.outcome, DeviceOutcome::kLost) << r1.failure;
  EXPECT_NE(r1.failure.find("rommon"), std::string::npos) << r1.failure;
  EXPECT_EQ(View("R1", kNewR1).state, DeviceState::kRomMonitor);
  // R1 was the canary: over a budget of 0, SW1 is never touched.
  EXPECT_TRUE(o.run.halted);
  EXPECT_EQ(Rec(o, "SW1").outcome, DeviceOutcome::kPending);
  EXPECT_EQ(Reloads("SW1"), 0);
  // The summary says why, once.
  const std::string halted = "\nhalted: wave 1: 1 device(s) failed, over the failure budget of 0\n";
  const size_t halted_at = o.out.find(halted);
  EXPECT_NE(halted_at, std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("alted: ", halted_at + halted.size()), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("Halted"), std::string::npos) << o.out;
}

TEST_F(OrchestratorLab, PushesTheImageWithScpWhenThePolicySaysSo) {
  std::string policy = base_policy_;
  policy.replace(policy.find("transfer: {protocol: tftp, server: 192.168.1.100}\n"), 50, "");
  policy += "transfer: {protocol: push, local_dir: \"" + host_->servers()[0].root + "\"}\n";
  const std::string path = work_ + "/push-policy.yaml";
  ASSERT_TRUE(WriteFileAtomically(path, policy).ok());
  Outcome plan = Upgrade(path, true);
  EXPECT_NE(plan.out.find(std::string("(scp ") + host_->servers()[0].root + "/" + kNewSw), std::string::npos) << plan.out;
  EXPECT_EQ(plan.out.find("copy tftp:"), std::string::npos) << plan.out;
  Outcome o = Upgrade(path);
  ASSERT_EQ(o.exit_code, 0) << o.out << o.err;
  EXPECT_EQ(View("SW1", kNewSw).image, kNewSw);
  EXPECT_EQ(View("R1", kNewR1).image, kNewR1);
  bool copied_by_device = false;
  for (const auto& c : Rec(o, "SW1").commands) copied_by_device |= c.command.starts_with("copy tftp");
  EXPECT_FALSE(copied_by_device);
}

TEST_F(OrchestratorLab, AFailureWithinTheBudgetLetsTheOthersGoOn) {
  const std::string policy = WritePolicy("failure_budget: 1\n");
  {  // R1, the canary, gets a bad copy.
    std::fstream f(ServedFile(kNewR1), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(1000);
    f.put('\x33');
  }
  Outcome o = Upgrade(policy);
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_EQ(Rec(o, "R1").outcome, DeviceOutcome::kFailed);
  EXPECT_EQ(Rec(o, "SW1").outcome, DeviceOutcome::kUpgraded) << Rec(o, "SW1").failure;
  EXPECT_FALSE(o.run.halted);
}

}  // namespace
}  // namespace iosup
