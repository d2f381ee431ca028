// Stack members on a manual clock: a late joiner is Progressing for its delay after each boot, a
// member on another release is V-Mismatch until brought to the stack's (install autoupgrade or
// software auto-upgrade at boot), and the stack's flash: each member has its own (flash-2:).
#include "device/stack/switch_stack.h"

#include <gtest/gtest.h>

#include "device/install/provisioning_file.h"
#include "testing/device_fixture.h"

namespace iosup {
namespace {

using std::chrono::seconds;

constexpr const char* kStackRelease = "17.09.04a";

TEST(SwitchStackTest, LateMemberIsProgressingForItsDelayAfterEachBoot) {
  SwitchStack stack(3, {{.number = 2, .join_delay = seconds(300)}});
  const WallTime boot = WallTime{} + std::chrono::hours(1000);
  stack.Booted(boot);
  EXPECT_EQ(stack.State(1, kStackRelease, boot), MemberState::kReady);
  EXPECT_EQ(stack.State(2, kStackRelease, boot), MemberState::kProgressing);
  EXPECT_EQ(stack.State(2, kStackRelease, boot + seconds(299)), MemberState::kProgressing);
  EXPECT_EQ(stack.State(2, kStackRelease, boot + seconds(300)), MemberState::kReady);
  EXPECT_EQ(stack.State(3, kStackRelease, boot), MemberState::kReady);
  // The next reload: late again.
  stack.Booted(boot + std::chrono::hours(5));
  EXPECT_EQ(stack.State(2, kStackRelease, boot + std::chrono::hours(5) + seconds(10)),
            MemberState::kProgressing);
}

TEST(SwitchStackTest, MemberOnAnotherReleaseIsVMismatchUntilUpgraded) {
  SwitchStack stack(3, {{.number = 2, .version = "17.06.05"}});
  const WallTime now = WallTime{} + std::chrono::hours(1000);
  stack.Booted(now);
  EXPECT_EQ(stack.State(2, kStackRelease, now), MemberState::kVMismatch);
  EXPECT_EQ(stack.Version(2, kStackRelease), "17.06.05");
  EXPECT_EQ(stack.Mismatched(kStackRelease), std::vector<int>{2});
  // Not the standby while out of the stack: switch 3 is.
  EXPECT_STREQ(stack.Role(2, kStackRelease), "Member");
  EXPECT_STREQ(stack.Role(3, kStackRelease), "Standby");
  // The stack moving to the member's release brings it in as well.
  EXPECT_EQ(stack.State(2, "17.06.05", now), MemberState::kReady);

  stack.Upgrade(2, now, seconds(600));
  EXPECT_EQ(stack.State(2, kStackRelease, now + seconds(599)), MemberState::kProgressing);
  EXPECT_EQ(stack.State(2, kStackRelease, now + seconds(600)), MemberState::kReady);
  EXPECT_EQ(stack.Version(2, kStackRelease), kStackRelease);
  EXPECT_TRUE(stack.Mismatched(kStackRelease).empty());
  EXPECT_STREQ(stack.Role(2, kStackRelease), "Standby");
}

TEST(SwitchStackTest, PrioritiesDefaultDownwardFromFifteen) {
  SwitchStack stack(9, {{.number = 3, .priority = 2}});
  EXPECT_EQ(stack.size(), kMaxStackMembers);  // at most eight switches
  EXPECT_EQ(stack.Priority(1), 15);
  EXPECT_EQ(stack.Priority(2), 14);
  EXPECT_EQ(stack.Priority(3), 2);
}

class StackDeviceTest : public DeviceFixture {
 protected:
  std::unique_ptr<Device> Stack(std::vector<StackMemberSpec> specs, const std::vector<std::string>& config = {}) {
    auto d = MakeDevice("C9300", {.name = "SW1", .stack_members = 3, .stack_specs = std::move(specs)});
    EXPECT_TRUE(d->ProvisionFactoryDefaults(SmallImages(kImageBytes)).ok());
    for (const std::string& line : config) d->running_config().SetLine(line);
    if (!config.empty()) {
      EXPECT_TRUE(d->SaveRunningConfig().ok());
    }
    d->PowerOn();
    EXPECT_EQ(d->state(), DeviceState::kRunning);
    return d;
  }
};

TEST_F(StackDeviceTest, EveryMemberShipsWithItsOwnFlashHoldingTheActivesPackages) {
  auto d = Stack({});
  ASSERT_TRUE(d->image().install_mode);
  for (const char* fs : {"flash-2:", "bootflash-3:"}) {
    auto where = d->file_systems().Resolve(std::string(fs) + "packages.conf");
    ASSERT_TRUE(where.ok()) << fs;
    EXPECT_TRUE(where->store->Stat(where->path).ok()) << fs;
  }
  EXPECT_FALSE(d->file_systems().Resolve("flash-4:packages.conf").ok());
}

TEST_F(StackDeviceTest, LateMemberJoinsOnTheDeviceClock) {
  auto d = Stack({{.number = 3, .join_delay = seconds(240)}});
  const std::string release = d->image().version.Long();
  EXPECT_EQ(d->stack().State(3, release, clock_.Now()), MemberState::kProgressing);
  clock_.Advance(seconds(239));
  EXPECT_EQ(d->stack().State(3, release, clock_.Now()), MemberState::kProgressing);
  clock_.Advance(seconds(1));
  EXPECT_EQ(d->stack().State(3, release, clock_.Now()), MemberState::kReady);
}

TEST_F(StackDeviceTest, AutoUpgradeBringsAMismatchedMemberToTheStacksReleaseAndItRejoins) {
  auto d = Stack({{.number = 2, .version = "17.03.04"}});
  const std::string release = d->image().version.Long();
  ASSERT_NE(release, "17.03.04");
  EXPECT_EQ(d->stack().State(2, release, clock_.Now()), MemberState::kVMismatch);
  // Its flash lost the active's packages (it was running another release).
  MemFlashStore& member = Store("flash-2");
  auto conf = ProvisioningFile::Parse(*ReadWholeStoreFile(Store("flash"), "packages.conf"));
  ASSERT_TRUE(conf.ok());
  for (const auto& [role, file] : conf->packages) ASSERT_TRUE(member.Delete(file).ok());

  d->set_boot_time(seconds(420));
  EXPECT_EQ(d->AutoUpgradeMembers(), std::vector<int>{2});
  for (const auto& [role, file] : conf->packages) EXPECT_TRUE(member.Stat(file).ok()) << file;
  EXPECT_EQ(d->stack().State(2, release, clock_.Now()), MemberState::kProgressing);
  clock_.Advance(seconds(420));
  EXPECT_EQ(d->stack().State(2, release, clock_.Now()), MemberState::kReady);
  EXPECT_TRUE(d->AutoUpgradeMembers().empty());
}

TEST_F(StackDeviceTest, AMismatchedMemberWithoutRoomForThePackagesStaysOutOfTheStack) {
  auto d = Stack({{.number = 3, .version = "17.03.04", .flash_bytes = 2 * 1024 * 1024}});
  MemFlashStore& member = Store("flash-3");
  ASSERT_EQ(member.Space().capacity, 2u * 1024 * 1024);
  auto conf = ProvisioningFile::Parse(*ReadWholeStoreFile(Store("flash"), "packages.conf"));
  ASSERT_TRUE(conf.ok());
  for (const auto& [role, file] : conf->packages) ASSERT_TRUE(member.Delete(file).ok());
  ASSERT_TRUE(WriteWholeFile(member, "crashinfo.tar", std::string(member.Space().free(), 'c')).ok());
  EXPECT_TRUE(d->AutoUpgradeMembers().empty());
  EXPECT_EQ(d->stack().State(3, d->image().version.Long(), clock_.Now()), MemberState::kVMismatch);
}

TEST_F(StackDeviceTest, SoftwareAutoUpgradeUpgradesMismatchedMembersAtBoot) {
  auto plain = Stack({{.number = 3, .version = "17.03.04"}});
  EXPECT_EQ(plain->stack().State(3, plain->image().version.Long(), clock_.Now()), MemberState::kVMismatch);
  plain.reset();
  auto d = Stack({{.number = 3, .version = "17.03.04"}}, {"software auto-upgrade enable"});
  EXPECT_EQ(d->stack().State(3, d->image().version.Long(), clock_.Now()), MemberState::kReady);
}

}  // namespace
}  // namespace iosup
