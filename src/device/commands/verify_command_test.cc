// `verify` with a work pool: the digest of content not yet hashed is computed off the caller's
// loop, the command waits for it, and a reload meanwhile abandons it. Driven with a manual pool.
#include <gtest/gtest.h>

#include "base/digest.h"
#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "testing/capture_terminal.h"
#include "testing/device_fixture.h"
#include "testing/manual_work_pool.h"

namespace iosup {
namespace {

constexpr char kImage[] = "flash:c2960-lanbasek9-mz.152-7.E6.bin";

class VerifyCommandTest : public DeviceFixture {
 protected:
  void SetUp() override {
    device_ = MakeDevice("C2960", {.name = "SW1"});
    PutImage(*device_, kImage);
    SetStartup(*device_, {"hostname SW1"});
    device_->PowerOn();
    ASSERT_EQ(device_->state(), DeviceState::kRunning);
    session_ = std::make_unique<DeviceSession>(
        *device_, IosCommandSet(device_->platform()), term_,
        cli::Session::Options{.privilege = 15, .terminal_length = 0},
        SessionLine{.name = "vty 0", .user = "admin", .peer = "127.0.0.1"});
    session_->Start();
    term_.Take();
  }

  std::string ImageMd5() {
    auto where = device_->file_systems().Resolve(kImage);
    auto reader = where->store->OpenRead(where->path);
    return *DigestReader(**reader, DigestKind::kMd5);
  }

  std::unique_ptr<Device> device_;
  CaptureTerminal term_;
  std::unique_ptr<DeviceSession> session_;
  ManualWorkPool pool_;
};

TEST_F(VerifyCommandTest, HashRunsOnThePoolAndTheCommandWaitsForIt) {
  device_->set_work_pool(&pool_);
  session_->Input(std::string("verify /md5 ") + kImage + "\r");
  EXPECT_EQ(pool_.pending(), 1u);
  const std::string before = term_.Take();
  EXPECT_EQ(before.find("Done!"), std::string::npos) << before;
  EXPECT_EQ(before.find("SW1#"), std::string::npos) << "no prompt while hashing: " << before;

  session_->Input("show clock\r");  // typed ahead: runs once verify ends
  EXPECT_EQ(pool_.RunAll(), 1u);
  const std::string after = term_.Take();
  const std::string answer = std::string("verify /md5 (") + kImage + ") = " + ImageMd5();
  const size_t at = after.find(answer);
  ASSERT_NE(at, std::string::npos) << after;
  EXPECT_NE(after.find("Done!"), std::string::npos);
  EXPECT_NE(after.find("SW1#show clock", at), std::string::npos) << after;

  // The digest is remembered with the content: the next verify answers without the pool.
  session_->Input(std::string("verify /md5 ") + kImage + " " + ImageMd5() + "\r");
  EXPECT_EQ(pool_.pending(), 0u);
  EXPECT_NE(term_.Take().find(std::string("Verified (") + kImage + ")"), std::string::npos);
}

TEST_F(VerifyCommandTest, AReloadWhileHashingAbandonsTheVerify) {
  device_->set_work_pool(&pool_);
  session_->Input(std::string("verify /md5 ") + kImage + "\r");
  ASSERT_EQ(pool_.pending(), 1u);
  device_->Reload("Reload Command", "test");
  term_.Take();
  pool_.RunAll();
  EXPECT_EQ(term_.Take().find("verify /md5"), std::string::npos);
  auto where = device_->file_systems().Resolve(kImage);
  EXPECT_FALSE(where->store->ContentNote(where->path, DigestName(DigestKind::kMd5)).has_value())
      << "an abandoned result is not remembered";
}

// A copy over the file while it is hashed: the answer is for the bytes read, but the new content
// does not inherit that digest.
TEST_F(VerifyCommandTest, AFileReplacedWhileHashingDoesNotInheritTheDigest) {
  device_->set_work_pool(&pool_);
  session_->Input(std::string("verify /md5 ") + kImage + "\r");
  ASSERT_EQ(pool_.pending(), 1u);
  auto where = device_->file_systems().Resolve(kImage);
  clock_.Advance(std::chrono::seconds(1));
  auto w = where->store->Create(where->path, 3);
  ASSERT_TRUE((*w)->Append({reinterpret_cast<const uint8_t*>("new"), 3}).ok());
  ASSERT_TRUE((*w)->Commit().ok());
  pool_.RunAll();
  EXPECT_NE(term_.Take().find("verify /md5 ("), std::string::npos);
  EXPECT_FALSE(where->store->ContentNote(where->path, DigestName(DigestKind::kMd5)).has_value());
}

TEST_F(VerifyCommandTest, WithoutAPoolTheAnswerComesAtOnce) {
  session_->Input(std::string("verify /md5 ") + kImage + "\r");
  const std::string out = term_.Take();
  EXPECT_NE(out.find(std::string("verify /md5 (") + kImage + ") = " + ImageMd5()), std::string::npos)
      << out;
  EXPECT_NE(out.find("SW1#"), std::string::npos);
}

}  // namespace
}  // namespace iosup
