#include <gtest/gtest.h>

#include "device/commands/ios_command_set.h"
#include "device/secrets.h"

namespace iosup {
namespace {

// Every declaration of every platform compiles (a malformed one aborts at build time of the set).
TEST(IosCommandSet, BuildsForEveryPlatform) {
  for (const PlatformSpec& p : AllPlatforms()) {
    const cli::CommandSet& set = IosCommandSet(p);
    for (const char* mode : {"exec", "config", "config-if", "config-line", "config-router"}) {
      ASSERT_NE(set.Tree(mode), nullptr) << p.id << " " << mode;
    }
    auto r = set.Tree("exec")->Parse("sh ver", 1);
    EXPECT_EQ(r.outcome, cli::ParseResult::Outcome::kOk) << p.id;
    r = set.Tree("exec")->Parse("show " + p.primary_fs().name + ":", 1);
    EXPECT_EQ(r.outcome, cli::ParseResult::Outcome::kOk) << p.id;
    EXPECT_EQ(set.Tree("exec")->Parse("wr", 15).outcome, cli::ParseResult::Outcome::kOk);
    EXPECT_EQ(set.Tree("exec")->Parse("copy run start", 15).outcome, cli::ParseResult::Outcome::kOk);
    EXPECT_EQ(set.Tree("exec")->Parse("conf t", 15).outcome, cli::ParseResult::Outcome::kOk);
    // Catalyst classic has no `show bootvar` (pyntc relies on the error to fall back).
    EXPECT_EQ(set.Tree("exec")->Parse("show bootvar", 15).outcome == cli::ParseResult::Outcome::kOk,
              !p.is_switch())
        << p.id;
  }
}

TEST(Secrets, Type5And7AndClear) {
  std::string five = MakeType5Secret("cisco");
  ASSERT_TRUE(five.starts_with("5 $1$"));
  EXPECT_TRUE(SecretMatches(five, "cisco"));
  EXPECT_FALSE(SecretMatches(five, "Cisco"));
  EXPECT_NE(MakeType5Secret("cisco"), five);  // fresh salt each time
  EXPECT_TRUE(SecretMatches("0 cisco", "cisco"));
  EXPECT_TRUE(SecretMatches("cisco", "cisco"));
  // A well-known type 7 value of "cisco".
  EXPECT_EQ(DecodeType7("02050D480809"), "cisco");
  EXPECT_TRUE(SecretMatches("7 02050D480809", "cisco"));
  EXPECT_FALSE(SecretMatches("9 $9$whatever", "cisco"));
}

}  // namespace
}  // namespace iosup
