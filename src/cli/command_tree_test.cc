#include "cli/command_tree.h"

#include <gtest/gtest.h>

namespace iosup::cli {
namespace {

class CommandTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Add("show version", {"Show running system information", "System hardware and software status"}, 1);
    Add("show running-config", {"", "Current operating configuration"}, 15);
    Add("show startup-config", {"", "Contents of startup configuration"}, 15);
    Add("show ip interface brief", {"", "IP information", "IP interface status and configuration",
                                    "Brief summary of IP status and configuration"}, 1);
    Add("copy running-config startup-config", {"Copy from one file to another", "Copy from current system configuration", "Copy to startup configuration"}, 15);
    Add("copy URL URL", {"", "Source", "Destination"}, 15);
    Add("configure terminal", {"Enter configuration mode", "Configure from the terminal"}, 15);
    Add("reload [in LINE]", {"Halt and perform a cold restart", "Reload after a time interval", "Delay"}, 15);
    Add("verify (/md5|/sha512) URL [WORD]", {"Verify a file", "MD5 signature", "SHA-512 signature", "File to verify", "Expected signature"}, 15);
    Add("terminal length <0-512>", {"Set terminal line parameters", "Set number of lines on a screen", "Number of lines"}, 1);
    Add("ping A.B.C.D", {"Send echo messages", "Ping destination address"}, 1);
  }
  void Add(const std::string& syntax, std::vector<std::string> help, int priv) {
    ASSERT_TRUE(tree_.Add({.syntax = syntax, .help = help, .privilege = priv, .id = next_++}).ok())
        << syntax;
  }
  CommandTree tree_;
  int next_ = 0;
};

// A 1941 has flash0: and its alias flash:; `show flash` names flash: (IOS takes a file
// system's keyword without its colon), while `show fla` still fits both.
TEST_F(CommandTreeTest, FileSystemKeywordIsWholeWithoutItsColon) {
  Add("show flash0:", {"", "display information about flash0: file system"}, 1);
  Add("show flash:", {"", "display information about flash: file system"}, 1);
  auto r = tree_.Parse("show flash", 1);
  ASSERT_EQ(r.outcome, ParseResult::Outcome::kOk);
  EXPECT_EQ(r.command->syntax, "show flash:");
  EXPECT_EQ(tree_.Parse("show flash0", 1).command->syntax, "show flash0:");
  EXPECT_EQ(tree_.Parse("show flash:", 1).command->syntax, "show flash:");
  EXPECT_EQ(tree_.Parse("show fla", 1).outcome, ParseResult::Outcome::kAmbiguous);
}

TEST_F(CommandTreeTest, AbbreviationsResolve) {
  auto r = tree_.Parse("sh ver", 15);
  ASSERT_EQ(r.outcome, ParseResult::Outcome::kOk);
  EXPECT_EQ(r.command->syntax, "show version");
  EXPECT_EQ(tree_.Parse("conf t", 15).command->syntax, "configure terminal");
  r = tree_.Parse("copy run start", 15);
  ASSERT_EQ(r.outcome, ParseResult::Outcome::kOk);
  EXPECT_EQ(r.command->syntax, "copy running-config startup-config");
  r = tree_.Parse("copy flash:a.bin flash:b.bin", 15);
  ASSERT_EQ(r.outcome, ParseResult::Outcome::kOk);
  EXPECT_EQ(r.command->syntax, "copy URL URL");
  EXPECT_EQ(r.args[1].value, "flash:a.bin");
  EXPECT_EQ(tree_.Parse("SH VER", 15).outcome, ParseResult::Outcome::kOk);
}

TEST_F(CommandTreeTest, ErrorsAsIosReportsThem) {
  EXPECT_EQ(tree_.Parse("show", 15).outcome, ParseResult::Outcome::kIncomplete);
  auto r = tree_.Parse("show verzion", 15);
  EXPECT_EQ(r.outcome, ParseResult::Outcome::kInvalid);
  EXPECT_EQ(r.error_offset, 5u);
  EXPECT_EQ(tree_.Parse("sh s", 15).outcome, ParseResult::Outcome::kOk);  // startup-config only
  EXPECT_EQ(tree_.Parse("c", 15).outcome, ParseResult::Outcome::kAmbiguous);
  EXPECT_EQ(tree_.Parse("   ", 15).outcome, ParseResult::Outcome::kEmpty);
  r = tree_.Parse("terminal length 600", 1);
  EXPECT_EQ(r.outcome, ParseResult::Outcome::kInvalid);
  EXPECT_EQ(r.error_offset, 16u);
  EXPECT_EQ(tree_.Parse("ping 192.168.1.300", 1).outcome, ParseResult::Outcome::kInvalid);
}

TEST_F(CommandTreeTest, PrivilegeHidesCommands) {
  EXPECT_EQ(tree_.Parse("show running-config", 1).outcome, ParseResult::Outcome::kInvalid);
  EXPECT_EQ(tree_.Parse("conf t", 1).outcome, ParseResult::Outcome::kInvalid);
  auto h = tree_.Help("show ", 1);
  for (const auto& e : h.entries) EXPECT_NE(e.word, "running-config");
}

TEST_F(CommandTreeTest, OptionalsChoicesAndLine) {
  auto r = tree_.Parse("reload in 5", 15);
  ASSERT_EQ(r.outcome, ParseResult::Outcome::kOk);
  EXPECT_EQ(r.args.back().value, "5");
  r = tree_.Parse("reload in 1:30 reason maintenance window", 15);
  ASSERT_EQ(r.outcome, ParseResult::Outcome::kOk);
  EXPECT_EQ(r.args.back().value, "1:30 reason maintenance window");
  EXPECT_EQ(tree_.Parse("reload", 15).outcome, ParseResult::Outcome::kOk);
  r = tree_.Parse("verify /md5 bootflash:x.bin a3f8c12d", 15);
  ASSERT_EQ(r.outcome, ParseResult::Outcome::kOk);
  EXPECT_EQ(r.args[1].value, "/md5");
  EXPECT_EQ(r.args[3].value, "a3f8c12d");
  EXPECT_EQ(tree_.Parse("verify /sha bootflash:x.bin", 15).args[1].value, "/sha512");
}

TEST_F(CommandTreeTest, HelpListsNextTokensWithCr) {
  auto h = tree_.Help("show ", 15);
  ASSERT_EQ(h.outcome, HelpResult::Outcome::kOk);
  std::vector<std::string> words;
  for (auto& e : h.entries) words.push_back(e.word);
  EXPECT_EQ(words, (std::vector<std::string>{"ip", "running-config", "startup-config", "version"}));
  h = tree_.Help("reload ", 15);
  EXPECT_EQ(h.entries.back().word, "<cr>");
  std::string formatted = FormatHelp(tree_.Help("reload ", 15));
  EXPECT_EQ(formatted, "  in              Reload after a time interval\n  <cr>\n");
  h = tree_.Help("sh", 15);
  EXPECT_TRUE(h.completions);
  ASSERT_EQ(h.entries.size(), 1u);
  EXPECT_EQ(FormatHelp(h), "show  \n");
  h = tree_.Help("show verzion ", 15);
  EXPECT_EQ(h.outcome, HelpResult::Outcome::kInvalid);
  EXPECT_EQ(h.error_offset, 5u);
  EXPECT_EQ(tree_.Help("xyz", 15).outcome, HelpResult::Outcome::kUnrecognized);
  h = tree_.Help("terminal length ", 1);
  EXPECT_EQ(h.entries[0].word, "<0-512>");
}

TEST_F(CommandTreeTest, TabCompletesUniquePrefix) {
  EXPECT_EQ(tree_.Complete("sh", 15), "show ");
  EXPECT_EQ(tree_.Complete("show ver", 15), "show version ");
  EXPECT_EQ(tree_.Complete("c", 15), std::nullopt);  // copy / configure
  EXPECT_EQ(tree_.Complete("show ", 15), std::nullopt);
}

TEST(CommandTreeHex, TakesOnlyHexNumbers) {
  CommandTree t;
  ASSERT_TRUE(t.Add({.syntax = "config-register HEX", .id = 0}).ok());
  ASSERT_TRUE(t.Add({.syntax = "configure terminal", .id = 1}).ok());
  EXPECT_EQ(t.Parse("config-register 2102", 15).outcome, ParseResult::Outcome::kInvalid);
  EXPECT_EQ(t.Parse("config-register 0x2142", 15).outcome, ParseResult::Outcome::kOk);
  EXPECT_EQ(t.Parse("conf t", 15).outcome, ParseResult::Outcome::kAmbiguous);  // as on IOS
}

TEST(CommandTreeSyntax, RejectsMalformed) {
  CommandTree t;
  EXPECT_FALSE(t.Add({.syntax = "show [version"}).ok());
  EXPECT_FALSE(t.Add({.syntax = "show (a|b"}).ok());
  EXPECT_FALSE(t.Add({.syntax = "do LINE more"}).ok());
  EXPECT_FALSE(t.Add({.syntax = "x <5>"}).ok());
  EXPECT_TRUE(t.Add({.syntax = "show version", .id = 1}).ok());
  EXPECT_FALSE(t.Add({.syntax = "show version", .id = 2}).ok());
}

}  // namespace
}  // namespace iosup::cli
