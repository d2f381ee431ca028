#include "upgrade/inventory.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>

namespace iosup::upgrade {
namespace {

// The environment a test sees: only these variables are set.
std::function<const char*(const char*)> FakeEnv(std::map<std::string, std::string> vars) {
  auto shared = std::make_shared<std::map<std::string, std::string>>(std::move(vars));
  return [shared](const char* name) -> const char* {
    auto it = shared->find(name);
    return it == shared->end() ? nullptr : it->second.c_str();
  };
}

constexpr char kLab[] = R"(
vars:
  username: admin
  password_env: IOSUP_PASSWORD
  enable_env: IOSUP_ENABLE
hosts:
  R1:  {address: 127.0.0.1, port: 2201, platform: ISR4321, site: lab}
  SW1: {address: 127.0.0.1, port: 2202}
groups:
  switches:
    hosts: [SW1]
    vars: {platform: C2960}
)";

TEST(Inventory, HeaderExample) {
  Result<Inventory> inv =
      ParseInventory(kLab, FakeEnv({{"IOSUP_PASSWORD", "s3cret"}, {"IOSUP_ENABLE", "en4ble"}}));
  ASSERT_TRUE(inv.ok()) << inv.status().ToString();
  ASSERT_EQ(inv->hosts.size(), 2u);
  const InventoryHost& r1 = inv->hosts[0];
  EXPECT_EQ(r1.name, "R1");
  EXPECT_EQ(r1.address, "127.0.0.1");
  EXPECT_EQ(r1.port, 2201);
  EXPECT_EQ(r1.platform, "ISR4321");
  EXPECT_EQ(r1.site, "lab");
  EXPECT_TRUE(r1.groups.empty());
  EXPECT_EQ(r1.username, "admin");
  EXPECT_EQ(r1.password, "s3cret");
  EXPECT_EQ(r1.enable, "en4ble");
  const InventoryHost* sw1 = inv->Find("SW1");
  ASSERT_NE(sw1, nullptr);
  EXPECT_EQ(sw1->port, 2202);
  EXPECT_EQ(sw1->platform, "C2960");
  EXPECT_EQ(sw1->groups, std::vector<std::string>{"switches"});
  EXPECT_EQ(sw1->site, "");
  EXPECT_EQ(inv->Find("R9"), nullptr);
}

TEST(Inventory, PrecedenceHostOverLaterGroupOverEarlierGroupOverVars) {
  Result<Inventory> inv = ParseInventory(R"(
vars: {username: admin, password: cisco, site: default-site, port: 22}
hosts:
  a: {address: 10.0.0.1}
  b: {address: 10.0.0.2, site: own-site}
  c: {address: 10.0.0.3}
  d: {address: 10.0.0.4}
groups:
  east:
    hosts: [a, b, c]
    vars: {site: east, port: 2222}
  core:
    hosts: [a, b]
    vars: {site: core}
)");
  ASSERT_TRUE(inv.ok()) << inv.status().ToString();
  EXPECT_EQ(inv->Find("a")->site, "core");  // later group wins
  EXPECT_EQ(inv->Find("a")->port, 2222);    // from the group that sets it
  EXPECT_EQ(inv->Find("a")->groups, (std::vector<std::string>{"east", "core"}));
  EXPECT_EQ(inv->Find("b")->site, "own-site");  // host wins
  EXPECT_EQ(inv->Find("c")->site, "east");
  EXPECT_EQ(inv->Find("d")->site, "default-site");
  EXPECT_EQ(inv->Find("d")->port, 22);
}

TEST(Inventory, CredentialsInheritAsOneSetting) {
  // A host's literal password replaces the file-wide password_env, whose variable is then not
  // needed; enable defaults to the password.
  Result<Inventory> inv = ParseInventory(R"(
vars: {username: admin, password_env: FLEET_PASSWORD}
hosts:
  lab1: {address: 127.0.0.1, password: cisco}
)",
                                         FakeEnv({}));
  ASSERT_TRUE(inv.ok()) << inv.status().ToString();
  EXPECT_EQ(inv->hosts[0].password, "cisco");
  EXPECT_EQ(inv->hosts[0].enable, "cisco");
  EXPECT_EQ(inv->hosts[0].port, 22);
}

TEST(Inventory, FileOrderAndPlatformByPid) {
  Result<Inventory> inv = ParseInventory(R"(
vars: {username: u, password: p}
hosts:
  zeta:  {address: 10.0.0.9, platform: isr4321/k9}
  alpha: {address: 10.0.0.1, console: /tmp/lab/alpha.console}
  mid:   {address: "::1"}
)");
  ASSERT_TRUE(inv.ok()) << inv.status().ToString();
  ASSERT_EQ(inv->hosts.size(), 3u);
  EXPECT_EQ(inv->hosts[0].name, "zeta");
  EXPECT_EQ(inv->hosts[0].platform, "ISR4321");
  EXPECT_EQ(inv->hosts[1].name, "alpha");
  EXPECT_EQ(inv->hosts[1].console, "/tmp/lab/alpha.console");
  EXPECT_EQ(inv->hosts[2].address, "::1");
}

void ExpectError(const std::string& yaml, const std::string& message,
                 std::function<const char*(const char*)> env = FakeEnv({})) {
  Result<Inventory> inv = ParseInventory(yaml, env);
  ASSERT_FALSE(inv.ok()) << "accepted:\n" << yaml;
  EXPECT_EQ(inv.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(inv.status().message(), message);
}

TEST(Inventory, ErrorsInTheFilesWords) {
  ExpectError(kLab, "host R1: password_env IOSUP_PASSWORD is not set");
  ExpectError("vars: {username: u, password: p}\nhosts:\n  SW1: {port: 2202}\n",
              "host SW1: no address");
  ExpectError(
      "vars: {username: u, password: p}\nhosts:\n  R1: {address: 10.0.0.1}\n"
      "groups:\n  core:\n    hosts: [R1, R9]\n",
      "group core: unknown host R9 (line 6)");
  ExpectError("hosts:\n  R1: {address: 10.0.0.1, password: p}\n", "host R1: no username");
  ExpectError("hosts:\n  R1: {address: 10.0.0.1, username: u}\n",
              "host R1: no password (password or password_env)");
  ExpectError(
      "vars: {username: u, password: p}\nhosts:\n  R1: {address: 10.0.0.1, platform: ISR9999}\n",
      "host R1: unknown platform 'ISR9999'");
  ExpectError("vars: {username: u, password: p}\n", "inventory: no hosts");
  ExpectError("vars: {username: u, password: p, password_env: X}\nhosts:\n  R1: {address: a}\n",
              "vars: password and password_env both given");
}

TEST(Inventory, UnknownKeysAreRejectedWithASuggestion) {
  ExpectError("vars: {username: u, password: p}\nhosts:\n  R1:\n    adress: 10.0.0.1\n",
              "host R1: unknown key 'adress' (did you mean 'address'?) (line 4)");
  ExpectError("vars: {username: u, password: p}\nhost:\n  R1: {address: 10.0.0.1}\n",
              "inventory: unknown key 'host' (did you mean 'hosts'?) (line 2)");
  ExpectError(
      "vars: {username: u, password: p}\nhosts:\n  R1: {address: a}\n"
      "groups:\n  g:\n    members: [R1]\n",
      "group g: unknown key 'members' (line 6)");
}

TEST(Inventory, BadValues) {
  ExpectError("vars: {username: u, password: p}\nhosts:\n  R1: {address: a, port: 70000}\n",
              "host R1: port '70000' is not a number from 1 to 65535 (line 3)");
  ExpectError("vars: {username: u, password: p}\nhosts:\n  R1: {address: a, port: ssh}\n",
              "host R1: port 'ssh' is not a number from 1 to 65535 (line 3)");
  ExpectError("vars: {username: u, password: p}\nhosts:\n  R1: {address: [a, b]}\n",
              "host R1: address must be a single value (line 3)");
  ExpectError("vars: {username: u, password: p}\nhosts:\n  R1: {address: a}\n  R1: {address: b}\n",
              "host R1: listed twice (line 4)");
  ExpectError("vars: {username: u, password: p}\nhosts:\n  ? [a, b]\n  : {address: x}\n",
              "hosts: a host name must be a single value (line 3)");
  ExpectError("vars: {username: u, password: p}\nhosts: [R1, R2]\n",
              "hosts: expected host names (line 2)");
}

TEST(Inventory, YamlSyntaxErrorNamesTheLine) {
  Result<Inventory> inv =
      ParseInventory("vars:\n  username: admin\nhosts:\n  R1: {address: 10.0.0.1\n");
  ASSERT_FALSE(inv.ok());
  EXPECT_EQ(inv.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(inv.status().message().starts_with("line ")) << inv.status().message();
}

TEST(Inventory, LoadPrefixesErrorsWithThePath) {
  const std::string path =
      ::testing::TempDir() + "/inventory_test_" + std::to_string(::getpid()) + ".yaml";
  {
    std::ofstream out(path);
    out << "vars: {username: u, password: p}\nhosts:\n  R1: {address: 10.0.0.1}\n";
  }
  Result<Inventory> ok = LoadInventory(path);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->hosts[0].address, "10.0.0.1");
  {
    std::ofstream out(path);
    out << "hosts:\n  R1: {port: 22}\n";
  }
  Result<Inventory> bad = LoadInventory(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), path + ": host R1: no address");
  std::remove(path.c_str());
  Result<Inventory> missing = LoadInventory(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find(path), std::string::npos);
}

}  // namespace
}  // namespace iosup::upgrade
