// `iosup upgrade` killed with SIGKILL at every step in turn, then `--resume`: the device ends on
// the new image with the old one as fallback, and it was reloaded exactly once.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "device/install/install_state.h"
#include "tests/integration/upgrade_lab_fixture.h"

namespace iosup {
namespace {

class ResumeLab : public UpgradeLabTest {
 protected:
  void SetUp() override {}  // each case starts its own lab

  // Runs the iosup binary; returns its wait status.
  int RunIosup(const std::string& args, const std::string& crash_at, const std::string& log) {
    std::string cmd = crash_at.empty() ? "" : "IOSUP_CRASH_AT=" + crash_at + " ";
    cmd += std::string("exec ") + IOSUP_BINARY_PATH + " upgrade --inventory " + inventory_ +
           " --policy " + policy_ + " --journal " + work_ + "/journal --reconnect-interval 0.2 "
           "--reload-grace 2 " + args + " >>" + log + " 2>&1 </dev/null";
    return std::system(cmd.c_str());
  }

  std::string policy_;
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

constexpr const char* kOneSwitch = R"(
devices:
  - {name: SW1, platform: C2960, hostname: SW1, image_size: 200000, address: 192.168.1.2, interface: Vlan1}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: c2960-lanbasek9-mz.152-7.E9.bin, size: 250000}
)";

// The run died of SIGKILL (the shell reports a child killed by SIGKILL as 128 + 9).
void ExpectKilled(int status, const std::string& log) {
  EXPECT_TRUE((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) ||
              (WIFEXITED(status) && WEXITSTATUS(status) == 128 + SIGKILL))
      << "status " << status << "\n" << ReadAll(log);
}

TEST_F(ResumeLab, KilledAtEveryStepResumesWithoutASecondReload) {
  const std::vector<std::string> points = {
      "step:connect", "step:facts",    "step:readiness", "step:backup", "step:stage",
      "step:verify",  "step:boot",     "step:snapshot",  "step:reload", "reload:intent",
      "reload:sent",  "step:post-check"};
  for (const std::string& point : points) {
    SCOPED_TRACE(point);
    StartLab(kOneSwitch);
    policy_ = WritePolicy("");
    const std::string log = work_ + "/log";
    ExpectKilled(RunIosup("", point, log), log);
    const int resumed = RunIosup("--resume", "", log);
    EXPECT_TRUE(WIFEXITED(resumed) && WEXITSTATUS(resumed) == 0) << ReadAll(log);
    DeviceView v = View("SW1", kNewSw);
    EXPECT_EQ(v.image, kNewSw) << ReadAll(log);
    EXPECT_EQ(v.startup_boot, (std::vector<std::string>{std::string("flash:") + kNewSw,
                                                         std::string("flash:") + kOldSw}));
    EXPECT_EQ(Reloads("SW1"), 1) << ReadAll(log);
    StopLab();
  }
}

// A post-check loss (the switch's link down after its reload) rolls back; the run is killed in
// the rollback, before and after its reload is sent. --resume finishes the rollback: the old
// image runs alone in the boot statements, and the rollback's reload happened exactly once.
TEST_F(ResumeLab, KilledDuringTheRollbackResumesWithoutAThirdReload) {
  for (const char* point : {"step:rollback", "rollback.reload:intent", "rollback.reload:sent"}) {
    SCOPED_TRACE(point);
    StartLab(kOneSwitch);
    OnLab([&](LabHost& h) { Dev(h, "SW1").FailLinkAtNextBoot("Vlan1"); });
    policy_ = WritePolicy("");
    const std::string log = work_ + "/log";
    ExpectKilled(RunIosup("", point, log), log);
    const int resumed = RunIosup("--resume", "", log);
    EXPECT_TRUE(WIFEXITED(resumed) && WEXITSTATUS(resumed) == 1) << ReadAll(log);  // rolled back
    DeviceView v = View("SW1", kNewSw);
    EXPECT_EQ(v.image, kOldSw) << ReadAll(log);
    EXPECT_EQ(v.startup_boot, (std::vector<std::string>{std::string("flash:") + kOldSw}));
    EXPECT_EQ(Reloads("SW1"), 2) << "the upgrade's reload and the rollback's\n" << ReadAll(log);
    EXPECT_NE(ReadAll(log).find("0 upgraded, 0 failed, 1 rolled back, 0 lost, 0 pending"),
              std::string::npos)
        << ReadAll(log);
    StopLab();
  }
}

constexpr const char* kOneInstallSwitch = R"(
devices:
  - {name: SW9, platform: C9300, hostname: SW9, image_size: 400000, address: 192.168.1.9,
     interface: Vlan1, mode: install}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: cat9k_iosxe.17.09.04a.SPA.bin, size: 500000}
)";

// Install mode, killed between `install activate` and `install commit` (and at the steps around
// them): --resume finds the activation, never sends a second one, and commits after the
// post-checks pass; with resume_uncommitted: abort it aborts the activation instead.
TEST_F(ResumeLab, InstallModeKilledAroundTheActivationResumesWithoutASecondActivation) {
  for (const char* point : {"step:reload", "reload:intent", "reload:sent", "step:post-check"}) {
    SCOPED_TRACE(point);
    StartLab(kOneInstallSwitch);
    policy_ = WritePolicy("");
    const std::string log = work_ + "/log";
    ExpectKilled(RunIosup("", point, log), log);
    const int resumed = RunIosup("--resume", "", log);
    EXPECT_TRUE(WIFEXITED(resumed) && WEXITSTATUS(resumed) == 0) << ReadAll(log);
    EXPECT_EQ(View("SW9", "").image, "packages.conf") << ReadAll(log);
    const InstallState state = OnLab([&](LabHost& h) { return Dev(h, "SW9").install().state(); });
    EXPECT_EQ(state.committed, "17.09.04a") << ReadAll(log);
    EXPECT_FALSE(state.pending());
    EXPECT_EQ(Reloads("SW9"), 1) << ReadAll(log);
    StopLab();
  }
  StartLab(kOneInstallSwitch);
  policy_ = WritePolicy("install: {resume_uncommitted: abort}\n");
  const std::string log = work_ + "/log";
  ExpectKilled(RunIosup("", "reload:sent", log), log);
  const int resumed = RunIosup("--resume", "", log);
  EXPECT_TRUE(WIFEXITED(resumed) && WEXITSTATUS(resumed) == 1) << ReadAll(log);  // rolled back
  const InstallState state = OnLab([&](LabHost& h) { return Dev(h, "SW9").install().state(); });
  EXPECT_EQ(state.committed, "17.06.05") << ReadAll(log);
  EXPECT_FALSE(state.pending());
  EXPECT_EQ(Reloads("SW9"), 2) << "the activation's reload and the abort's\n" << ReadAll(log);
  EXPECT_NE(ReadAll(log).find("resume_uncommitted: abort"), std::string::npos) << ReadAll(log);
  StopLab();
}

}  // namespace
}  // namespace iosup
