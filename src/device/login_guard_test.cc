// `login block-for`: the quiet-mode state machine on the manual clock, and the device that
// refuses vty logins and logs %SEC_LOGIN messages as IOS does.
#include "device/login_guard.h"

#include <gtest/gtest.h>

#include "device/standard_acl.h"
#include "testing/device_fixture.h"

namespace iosup {
namespace {

using std::chrono::seconds;

const LoginGuard::Failure kGuess{"admin", "10.0.0.2", 23};

std::optional<LoginBlockPolicy> Policy(const std::string& text) {
  return LoginBlockPolicyOf(Config::Parse(text));
}

TEST(LoginBlockPolicy, ReadsBlockForAndQuietModeAcl) {
  EXPECT_FALSE(Policy("hostname R1\n"));
  std::optional<LoginBlockPolicy> p =
      Policy("login block-for 300 attempts 5 within 60\nlogin quiet-mode access-class 10\n");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->block_seconds, 300);
  EXPECT_EQ(p->attempts, 5);
  EXPECT_EQ(p->within_seconds, 60);
  EXPECT_EQ(p->quiet_acl, "10");
}

TEST(LoginGuard, FailuresWithinTheWindowStartQuietModeUntilTheBlockEnds) {
  ManualClock clock;
  LoginGuard guard;
  const auto policy = Policy("login block-for 300 attempts 3 within 60\n");
  EXPECT_FALSE(guard.RecordFailure(policy, clock.Now(), kGuess));
  clock.Advance(seconds(20));
  EXPECT_FALSE(guard.RecordFailure(policy, clock.Now(), kGuess));
  clock.Advance(seconds(7));
  std::optional<std::string> on = guard.RecordFailure(policy, clock.Now(), kGuess);
  ASSERT_TRUE(on);
  // The first failure of the window was 27 s ago: 33 s of the 60 s window are left.
  EXPECT_EQ(*on,
            "%SEC_LOGIN-1-QUIET_MODE_ON: Still timeleft for watching failures is 33 secs, "
            "[user: admin] [Source: 10.0.0.2] [localport: 23] [Reason: Login Authentication "
            "Failed] [ACL: sl_def_acl] at 09:14:49 UTC Thu Mar 05 2026");
  EXPECT_TRUE(guard.quiet());
  EXPECT_EQ(guard.NextWakeup(), clock.Now() + seconds(300));
  clock.Advance(seconds(299));
  EXPECT_FALSE(guard.Tick(policy, clock.Now()));
  EXPECT_TRUE(guard.quiet());
  clock.Advance(seconds(1));
  EXPECT_EQ(guard.Tick(policy, clock.Now()),
            "%SEC_LOGIN-5-QUIET_MODE_OFF: Quiet Mode is OFF, because block period timed out at "
            "09:19:49 UTC Thu Mar 05 2026");
  EXPECT_FALSE(guard.quiet());
  EXPECT_FALSE(guard.NextWakeup());
}

TEST(LoginGuard, FailuresOlderThanTheWindowDoNotCount) {
  ManualClock clock;
  LoginGuard guard;
  const auto policy = Policy("login block-for 30 attempts 3 within 10\n");
  for (int i = 0; i < 10; ++i) {
    EXPECT_FALSE(guard.RecordFailure(policy, clock.Now(), kGuess)) << i;
    clock.Advance(seconds(6));  // never three within 10 s
  }
  EXPECT_FALSE(guard.quiet());
  EXPECT_FALSE(guard.RecordFailure(std::nullopt, clock.Now(), kGuess));
}

TEST(LoginGuard, RemovingBlockForEndsQuietModeWithoutAMessage) {
  ManualClock clock;
  LoginGuard guard;
  const auto policy = Policy("login block-for 30 attempts 1 within 10\n");
  ASSERT_TRUE(guard.RecordFailure(policy, clock.Now(), kGuess));
  EXPECT_FALSE(guard.Tick(std::nullopt, clock.Now()));
  EXPECT_FALSE(guard.quiet());
}

TEST(StandardAcl, NumberedAndNamedEntriesInOrderWithImplicitDeny) {
  const Config c = Config::Parse(
      "access-list 10 deny host 10.0.0.9\n"
      "access-list 10 permit 10.0.0.0 0.0.0.255\n"
      "ip access-list standard ADMINS\n 10 permit host 192.168.1.5\n 20 deny any\n");
  EXPECT_TRUE(StandardAclPermits(c, "10", "10.0.0.2"));
  EXPECT_FALSE(StandardAclPermits(c, "10", "10.0.0.9"));
  EXPECT_FALSE(StandardAclPermits(c, "10", "10.0.1.2"));
  EXPECT_TRUE(StandardAclPermits(c, "ADMINS", "192.168.1.5"));
  EXPECT_FALSE(StandardAclPermits(c, "ADMINS", "192.168.1.6"));
  EXPECT_FALSE(StandardAclPermits(c, "99", "10.0.0.2"));
  EXPECT_FALSE(StandardAclPermits(c, "10", "::1"));
}

class DeviceLoginGuardTest : public DeviceFixture {
 protected:
  void SetUp() override {
    device_ = MakeDevice("ISR4321", {.name = "R1"});
    ASSERT_TRUE(device_->ProvisionFactoryDefaults(SmallImages(kImageBytes)).ok());
    device_->PowerOn();
    device_->Tick();
    ASSERT_EQ(device_->state(), DeviceState::kRunning);
    device_->AddListener(&console_);
  }
  void Configure(const std::string& text) {
    device_->running_config().Merge(Config::Parse(text));
  }

  std::unique_ptr<Device> device_;
  ConsoleCapture console_;
};

TEST_F(DeviceLoginGuardTest, QuietModeRefusesEverySourceButTheAclsAndEndsOnTheClock) {
  Configure("login block-for 60 attempts 2 within 30\nlogin quiet-mode access-class 10\n"
            "access-list 10 permit host 127.0.0.9\n");
  device_->RecordLoginFailure({"bob", "127.0.0.1", 22});
  EXPECT_FALSE(device_->LoginQuiet("127.0.0.1"));
  EXPECT_EQ(console_.Take(), "");
  device_->RecordLoginFailure({"bob", "127.0.0.1", 22});
  const std::string on = console_.Take();
  EXPECT_TRUE(on.starts_with("*Mar  5 09:14:22.000: %SEC_LOGIN-1-QUIET_MODE_ON: ")) << on;
  EXPECT_NE(on.find("[user: bob] [Source: 127.0.0.1] [localport: 22]"), std::string::npos);
  EXPECT_NE(on.find("[ACL: 10]"), std::string::npos);
  EXPECT_TRUE(device_->LoginQuiet("127.0.0.1"));
  EXPECT_FALSE(device_->LoginQuiet("127.0.0.9"));  // exempt by the quiet-mode ACL
  EXPECT_EQ(device_->NextDeadline(), clock_.Now() + seconds(60));
  clock_.Advance(seconds(60));
  device_->Tick();
  EXPECT_EQ(console_.Take(),
            "*Mar  5 09:15:22.000: %SEC_LOGIN-5-QUIET_MODE_OFF: Quiet Mode is OFF, because "
            "block period timed out at 09:15:22 UTC Thu Mar 05 2026\n");
  EXPECT_FALSE(device_->LoginQuiet("127.0.0.1"));
}

TEST_F(DeviceLoginGuardTest, WithoutBlockForFailuresNeverQuiet) {
  for (int i = 0; i < 100; ++i) device_->RecordLoginFailure({"bob", "127.0.0.1", 22});
  EXPECT_FALSE(device_->LoginQuiet("127.0.0.1"));
  EXPECT_EQ(console_.Take(), "");
}

TEST_F(DeviceLoginGuardTest, AReloadForgetsQuietMode) {
  Configure("login block-for 600 attempts 1 within 30\n");
  ASSERT_TRUE(device_->SaveRunningConfig().ok());
  device_->RecordLoginFailure({"bob", "127.0.0.1", 23});
  ASSERT_TRUE(device_->LoginQuiet("127.0.0.1"));
  device_->Reload("Reload Command", "console");
  device_->Tick();
  EXPECT_FALSE(device_->LoginQuiet("127.0.0.1"));
}

}  // namespace
}  // namespace iosup
