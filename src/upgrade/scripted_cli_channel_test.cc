#include "upgrade/scripted_cli_channel.h"

#include <gtest/gtest.h>

#include "testing/manual_clock.h"
#include "upgrade/cli_dialog.h"
#include "upgrade/upgrade_commands.h"

namespace iosup::upgrade {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class ScriptedCliChannelTest : public ::testing::Test {
 protected:
  std::unique_ptr<CliChannel> Connect() {
    Result<std::unique_ptr<CliChannel>> c = device_.Connect();
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(*c) : nullptr;
  }
  ManualClock clock_;
  ScriptedDevice device_{"SW1", "old", clock_};
};

TEST_F(ScriptedCliChannelTest, AnswersFromThePhaseThenTheCommonRulesNewestFirst) {
  device_.On(ScriptedDevice::kAnyPhase, "show (version|ver)", "common\n")
      .On("old", "show version", "old\n")
      .On("old", "show ver.*", "newest\n");
  std::unique_ptr<CliChannel> c = Connect();
  EXPECT_EQ(*c->Run("show version", seconds(5)), "newest\n");
  EXPECT_EQ(*c->Run("show ver", seconds(5)), "newest\n");
  EXPECT_EQ(*c->Run("show versionx", seconds(5)), "newest\n");
  device_.On("old", "show version", "old again\n");
  EXPECT_EQ(*c->Run("show version", seconds(5)), "old again\n");
  EXPECT_EQ(c->prompt(), "SW1#");
  EXPECT_EQ(device_.commands().size(), 4u);
}

TEST_F(ScriptedCliChannelTest, PatternsMatchTheWholeCommand) {
  device_.On("old", "dir", "listing\n");
  std::unique_ptr<CliChannel> c = Connect();
  Result<std::string> out = c->Run("dir flash:", seconds(5));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "    ^\n% Invalid input detected at '^' marker.\n\n");
}

TEST_F(ScriptedCliChannelTest, RuleWithTimesIsPassedOverOnceUsedUp) {
  device_.On("old", "show clock", "always\n");
  device_.On("old", "show clock", ScriptedReply{.output = "twice\n"}, 2);
  std::unique_ptr<CliChannel> c = Connect();
  EXPECT_EQ(*c->Run("show clock", seconds(5)), "twice\n");
  EXPECT_EQ(*c->Run("show clock", seconds(5)), "twice\n");
  EXPECT_EQ(*c->Run("show clock", seconds(5)), "always\n");
}

TEST_F(ScriptedCliChannelTest, QuestionsAreAnsweredFromThePromptTableAndEchoed) {
  device_.On("old", "copy running-config startup-config",
             ScriptedReply{.questions = {"Destination filename [startup-config]? "},
                           .output = "Building configuration...\n[OK]\n"});
  std::unique_ptr<CliChannel> c = Connect();
  Result<std::string> out = c->Run("copy running-config startup-config", seconds(5), kSaveAnswers);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "Destination filename [startup-config]? \nBuilding configuration...\n[OK]\n");
  EXPECT_EQ(device_.log().back().answers, std::vector<std::string>{""});
}

TEST_F(ScriptedCliChannelTest, UnansweredQuestionIsUnsupportedAndTheSessionStays) {
  device_.On(
      "old", "reload",
      ScriptedReply{.questions = {"\nSystem configuration has been modified. Save? [yes/no]: "},
                    .reboot_to = "new"});
  std::unique_ptr<CliChannel> c = Connect();
  const std::vector<DialogAnswer> confirm_only = {{"Proceed with reload? [confirm]", ""}};
  Result<std::string> out = c->Run("reload", seconds(5), confirm_only);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(out.status().message(), "System configuration has been modified. Save? [yes/no]:");
  EXPECT_TRUE(c->open());
  EXPECT_EQ(device_.reboots(), 0) << "an unanswered command has no effect";
  // With the table of the orchestrator, "no" is sent and the device reloads.
  out = c->Run("reload", seconds(5), kReloadAnswers);
  EXPECT_EQ(out.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(device_.log().back().answers, std::vector<std::string>{"no"});
}

TEST_F(ScriptedCliChannelTest, TextThatIsNoQuestionWaitsUntilTheTimeout) {
  device_.On("old", "copy flash:a flash:b", ScriptedReply{.questions = {"Copy in progress..."}});
  std::unique_ptr<CliChannel> c = Connect();
  const WallTime start = clock_.Now();
  Result<std::string> out = c->Run("copy flash:a flash:b", seconds(7));
  EXPECT_EQ(out.status().code(), ErrorCode::kTimedOut);
  EXPECT_EQ(clock_.Now() - start, seconds(7));
}

TEST_F(ScriptedCliChannelTest, DelaysRunOnTheClockAndTimeOutAtTheTimeout) {
  device_.On("old", "verify /md5 flash:x", ScriptedReply{.output = "Done!\n", .delay = minutes(3)});
  std::unique_ptr<CliChannel> c = Connect();
  WallTime start = clock_.Now();
  EXPECT_TRUE(c->Run("verify /md5 flash:x", minutes(5)).ok());
  EXPECT_EQ(clock_.Now() - start, minutes(3));
  start = clock_.Now();
  Result<std::string> out = c->Run("verify /md5 flash:x", minutes(2));
  EXPECT_EQ(out.status().code(), ErrorCode::kTimedOut);
  EXPECT_EQ(clock_.Now() - start, minutes(2));
}

TEST_F(ScriptedCliChannelTest, ObserverSeesTheOutputAsItIsPrinted) {
  device_.On("old", "copy tftp://h/f flash:f",
             ScriptedReply{.questions = {"Destination filename [f]? "},
                           .output = "!!!!\n[OK - 4 bytes]\n"});
  std::unique_ptr<CliChannel> c = Connect();
  std::string seen;
  c->set_output_observer([&](std::string_view s) { seen += s; });
  Result<std::string> out = c->Run("copy tftp://h/f flash:f", seconds(5), kCopyAnswers);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(seen, *out);
}

TEST_F(ScriptedCliChannelTest, DropClosesOnlyThatSession) {
  device_.On("old", "show flash:", "files\n")
      .On("old", "show flash:", ScriptedReply{.drop = true}, 1);
  std::unique_ptr<CliChannel> c = Connect();
  Result<std::string> out = c->Run("show flash:", seconds(5));
  EXPECT_EQ(out.status().code(), ErrorCode::kUnavailable);
  EXPECT_FALSE(c->open());
  EXPECT_EQ(c->Run("show flash:", seconds(5)).status().code(), ErrorCode::kUnavailable);
  std::unique_ptr<CliChannel> again = Connect();
  EXPECT_EQ(*again->Run("show flash:", seconds(5)), "files\n");
}

TEST_F(ScriptedCliChannelTest, ReloadClosesTheSessionAndTheDeviceReturnsOnTheOtherPhase) {
  device_.set_boot_time(minutes(2));
  device_.On("old", "show version", "old image\n").On("new", "show version", "new image\n");
  device_.On("old", "reload",
             ScriptedReply{.questions = {"Proceed with reload? [confirm]"}, .reboot_to = "new"});
  std::unique_ptr<CliChannel> c = Connect();
  std::unique_ptr<CliChannel> other = Connect();
  EXPECT_EQ(c->Run("reload", seconds(5), kReloadAnswers).status().code(), ErrorCode::kUnavailable);
  EXPECT_FALSE(c->open());
  EXPECT_FALSE(other->open()) << "a reload ends every session";
  EXPECT_EQ(device_.Connect().status().code(), ErrorCode::kUnavailable);
  clock_.Advance(minutes(2));
  std::unique_ptr<CliChannel> back = Connect();
  EXPECT_EQ(*back->Run("show version", seconds(5)), "new image\n");
  EXPECT_EQ(device_.reboots(), 1);
}

TEST_F(ScriptedCliChannelTest, ScheduledReloadHappensWhenTheClockGetsThere) {
  device_.set_boot_time(minutes(1));
  device_.On("old", "show version", "old image\n").On("new", "show version", "new image\n");
  device_.On(
      "old", "reload in 5",
      ScriptedReply{.questions = {"Reload scheduled in 5 minutes by admin on vty0 (192.0.2.10)\n"
                                  "Proceed with reload? [confirm]"},
                    .reboot_to = "new",
                    .reboot_after = minutes(5)});
  std::unique_ptr<CliChannel> c = Connect();
  Result<std::string> out = c->Run("reload in 5", seconds(5), kReloadAnswers);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_NE(out->find("Reload scheduled in 5 minutes"), std::string::npos);
  clock_.Advance(minutes(4));
  EXPECT_EQ(*c->Run("show version", seconds(5)), "old image\n");
  clock_.Advance(minutes(1));
  EXPECT_FALSE(c->open());
  EXPECT_EQ(device_.phase(), "new");
  clock_.Advance(minutes(1));
  EXPECT_EQ(*Connect()->Run("show version", seconds(5)), "new image\n");
}

TEST_F(ScriptedCliChannelTest, RefusedConnectionsAreCountedDown) {
  device_.RefuseConnections(2);
  EXPECT_EQ(device_.Connect().status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(device_.Connect().status().code(), ErrorCode::kUnavailable);
  EXPECT_TRUE(device_.Connect().ok());
  EXPECT_EQ(device_.connects(), 3);
}

TEST_F(ScriptedCliChannelTest, ACommandIsOneLine) {
  std::unique_ptr<CliChannel> c = Connect();
  EXPECT_EQ(c->Run("show version\nreload", seconds(5)).status().code(),
            ErrorCode::kInvalidArgument);
}

// A copy stalled on a lossy path stops after "Loading ...: " (and any retry dots): no question.
TEST(CliDialog, ACopysProgressLineIsNoQuestion) {
  EXPECT_EQ(QuestionAtEnd("Loading c2960.bin from 192.168.1.100 (via Vlan1): "), "");
  EXPECT_EQ(QuestionAtEnd("Accessing tftp://192.168.1.100/c2960.bin...\n.Loading c2960.bin from "
                          "192.168.1.100 (via Vlan1): !!."),
            "");
  EXPECT_EQ(QuestionAtEnd("Destination filename [c2960.bin]? "), "Destination filename [c2960.bin]?");
  EXPECT_EQ(QuestionAtEnd("Address or name of remote host []: "), "Address or name of remote host []:");
}

}  // namespace
}  // namespace iosup::upgrade
