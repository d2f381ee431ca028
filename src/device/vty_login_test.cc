#include "device/vty_login.h"

#include <gtest/gtest.h>

#include "device/secrets.h"

namespace iosup {
namespace {

TEST(VtyLogin, LocalUsersWithPrivilege) {
  Config c = Config::Parse(
      "username admin privilege 15 secret " + MakeType5Secret("cisco") + "\n"
      "username ops password 0 ops\n"
      "line vty 0 4\n login local\n transport input ssh\n exec-timeout 5 0\n");
  EXPECT_EQ(*VtyLogin(c, "admin", "cisco"), 15);
  EXPECT_EQ(*VtyLogin(c, "ops", "ops"), 1);
  EXPECT_EQ(VtyLogin(c, "admin", "wrong").status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(VtyLogin(c, "nobody", "cisco").status().code(), ErrorCode::kPermissionDenied);
  VtyPolicy p = VtyPolicyOf(c);
  EXPECT_TRUE(p.ssh);
  EXPECT_FALSE(p.telnet);
  EXPECT_EQ(p.exec_timeout_seconds, 300);
}

TEST(VtyLogin, LinePasswordOrNone) {
  Config with = Config::Parse("line vty 0 4\n password lab\n login\n");
  EXPECT_EQ(*VtyLogin(with, "", "lab"), 1);
  EXPECT_EQ(VtyLogin(with, "", "x").status().code(), ErrorCode::kPermissionDenied);
  Config none = Config::Parse("line vty 0 4\n login\n");
  EXPECT_EQ(VtyLogin(none, "", "x").status().code(), ErrorCode::kUnsupported);
  EXPECT_TRUE(VtyPolicyOf(Config()).telnet);
}

TEST(SshPolicy, DefaultsAndConfiguredValuesThatReplaceEachOther) {
  SshPolicy d = SshPolicyOf(Config());
  EXPECT_EQ(d.timeout_seconds, 120);
  EXPECT_EQ(d.authentication_retries, 3);
  Config c = Config::Parse("ip ssh time-out 60\nip ssh authentication-retries 5\n");
  c.SetLine("ip ssh time-out 30");
  c.SetLine("ip ssh authentication-retries 2");
  SshPolicy p = SshPolicyOf(c);
  EXPECT_EQ(p.timeout_seconds, 30);
  EXPECT_EQ(p.authentication_retries, 2);
  EXPECT_TRUE(c.RemoveLine("ip ssh time-out"));
  EXPECT_EQ(SshPolicyOf(c).timeout_seconds, 120);
}

}  // namespace
}  // namespace iosup
