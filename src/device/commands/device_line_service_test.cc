// The front-ends' port bound to a device: which transports it takes and when, logins, the vty
// lines it hands out (shared with sessions that name their own line), and the sessions it opens.
#include "device/commands/device_line_service.h"

#include <gtest/gtest.h>

#include "device/commands/device_session.h"
#include "device/secrets.h"
#include "testing/capture_terminal.h"
#include "testing/device_fixture.h"
#include "testing/ssh_test_key.h"

namespace iosup {
namespace {

class DeviceLineServiceTest : public DeviceFixture {
 protected:
  // R1 running, with admin/cisco at privilege 15 and `vty` as its `line vty 0 4` block.
  void Start(const std::string& vty) {
    device_ = MakeDevice("ISR4321", {.name = "R1"});
    ASSERT_TRUE(device_->ProvisionFactoryDefaults(SmallImages(kImageBytes)).ok());
    device_->PowerOn();
    ASSERT_EQ(device_->state(), DeviceState::kRunning);
    device_->running_config() = Config::Parse(
        "hostname R1\nusername admin privilege 15 secret " + MakeType5Secret("cisco") +
        "\nip ssh pubkey-chain\n  username admin\n   key-hash ssh-rsa " + kRsaMd5 +
        "\nline vty 0 4\n" + vty);
    lines_ = std::make_unique<DeviceLineService>(*device_);
  }

  std::unique_ptr<Device> device_;
  std::unique_ptr<DeviceLineService> lines_;
  CaptureTerminal term_;
};

TEST_F(DeviceLineServiceTest, TransportsFollowTransportInputWhileIosRuns) {
  Start(" login local\n transport input ssh\n exec-timeout 5 0\n");
  EXPECT_TRUE(lines_->Accepts(Transport::kSsh));
  EXPECT_FALSE(lines_->Accepts(Transport::kTelnet));
  EXPECT_EQ(lines_->vty_policy().exec_timeout_seconds, 300);
  EXPECT_EQ(lines_->hostname(), "R1");
  device_->PowerOff();
  EXPECT_EQ(lines_->state(), DeviceState::kOff);
  EXPECT_FALSE(lines_->Accepts(Transport::kSsh));
}

TEST_F(DeviceLineServiceTest, PasswordAndPublicKeyLogins) {
  Start(" login local\n");
  EXPECT_EQ(*lines_->PasswordLogin("admin", "cisco"), 15);
  EXPECT_EQ(lines_->PasswordLogin("admin", "wrong").status().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(*lines_->PublicKeyLogin("admin", kRsaBase64), 15);
  EXPECT_FALSE(lines_->PublicKeyLogin("ops", kRsaBase64).ok());
  EXPECT_FALSE(lines_->PublicKeyLogin("admin", "not a key").ok());
}

TEST_F(DeviceLineServiceTest, VtyLinesAreHeldUntilReleasedAndSkipOpenSessions) {
  Start(" login local\n");
  auto first = lines_->ReserveVty();
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->name(), "vty 0");
  // A session that names its own line keeps it from the next lease.
  auto session = lines_->OpenExec(term_, SessionLine{.name = "vty 1"}, 1);
  auto second = lines_->ReserveVty();
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->number(), 2);
  first.reset();
  EXPECT_EQ(lines_->ReserveVty()->number(), 0);  // freed, and freed again at once
  std::vector<std::unique_ptr<LineService::VtyLease>> held;
  while (auto lease = lines_->ReserveVty()) held.push_back(std::move(lease));
  EXPECT_EQ(held.size(), static_cast<size_t>(kVtyLines - 2));  // all but vty 1 and vty 2
}

TEST_F(DeviceLineServiceTest, ExecOnItsLineAtItsPrivilegeAndTheMonitorInRommon) {
  Start(" login local\n");
  auto exec = lines_->OpenExec(term_, SessionLine{"vty 0", "admin", "127.0.0.1"}, 15);
  exec->Start();
  EXPECT_TRUE(term_.Take().ends_with("R1#"));
  ASSERT_EQ(DeviceSession::SessionsOf(*device_).size(), 1u);
  EXPECT_EQ(DeviceSession::SessionsOf(*device_)[0]->Who(), "admin on vty0 (127.0.0.1)");
  exec.reset();
  auto bare = MakeDevice("ISR4321", {.name = "R2"});
  bare->PowerOn();  // empty flash: ROMMON
  ASSERT_EQ(bare->state(), DeviceState::kRomMonitor);
  DeviceLineService bare_lines(*bare);
  auto monitor = bare_lines.OpenMonitor(term_);
  monitor->Start();
  EXPECT_EQ(term_.Take(), "rommon 1 > ");
}

// The SHUTDOWN banners of a scheduled reload reach every vty line, not only the console, and
// `reload in 5` says 5 minutes however long its dialogs took.
TEST_F(DeviceLineServiceTest, ScheduledReloadBannersReachTheVty) {
  Start(" login local\n");
  auto exec = lines_->OpenExec(term_, SessionLine{"vty 0", "admin", "127.0.0.1"}, 15);
  CaptureTerminal other_term;
  auto other = lines_->OpenExec(other_term, SessionLine{"vty 1", "ops", "127.0.0.2"}, 1);
  exec->Start();
  other->Start();
  device_->running_config().SetLine("ip domain name example.com");  // unsaved: Save? first
  exec->Input("reload in 5\r");
  clock_.Advance(std::chrono::seconds(40));  // the person thinks about saving
  exec->Input("no\r");
  EXPECT_NE(term_.out.find("Reload scheduled in 5 minutes by admin on vty0 (127.0.0.1)\n"),
            std::string::npos) << term_.out;
  term_.Take();
  exec->Input("\r");
  EXPECT_NE(term_.Take().find("R1#\n\n\n\a***\n*** --- SHUTDOWN in 0:05:00 ---\n***\n\nR1#"),
            std::string::npos);
  EXPECT_NE(other_term.Take().find("*** --- SHUTDOWN in 0:05:00 ---"), std::string::npos);
  clock_.Advance(std::chrono::minutes(4) - std::chrono::seconds(40));
  device_->Tick();
  EXPECT_NE(term_.Take().find("*** --- SHUTDOWN in 0:01:00 ---"), std::string::npos);
  exec->Input("reload cancel\r");
  EXPECT_NE(term_.Take().find("reload cancel\nR1#\n\n\n\a***\n*** --- SHUTDOWN ABORTED ---\n***\n\nR1#"),
            std::string::npos);
  EXPECT_NE(other_term.Take().find("*** --- SHUTDOWN ABORTED ---"), std::string::npos);
}

}  // namespace
}  // namespace iosup
