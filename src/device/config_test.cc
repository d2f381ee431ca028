#include "device/config.h"

#include <gtest/gtest.h>

namespace iosup {
namespace {

constexpr const char* kSeedRouterConfig = R"(Building configuration...

Current configuration : 1823 bytes
!
version 16.9
service timestamps debug datetime msec
service timestamps log datetime msec
platform qfp utilization monitor load 80
!
hostname NetsTuts_R1
!
boot-start-marker
boot system bootflash:isr4300-universalk9.16.09.06.SPA.bin
boot-end-marker
!
enable secret 5 $1$abcd$0123456789abcdefghijk.
!
username admin privilege 15 secret 0 cisco
!
interface GigabitEthernet0/0/0
 ip address 192.168.1.1 255.255.255.0
 negotiation auto
!
interface GigabitEthernet0/0/1
 description to SW1
 ip address 10.0.12.1 255.255.255.0
 shutdown
!
router ospf 1
 network 10.0.12.0 0.0.0.255 area 0
!
ip scp server enable
ip tftp blocksize 8192
ip tftp source-interface GigabitEthernet0/0/0
!
line con 0
 transport input none
line vty 0 4
 exec-timeout 5 30
 login local
 transport input ssh telnet
!
end
)";

TEST(Config, ParsesTheLinesThatMatter) {
  Config c = Config::Parse(kSeedRouterConfig);
  EXPECT_EQ(c.hostname(), "NetsTuts_R1");
  ASSERT_EQ(c.boot_statements().size(), 1u);
  EXPECT_EQ(c.boot_statements()[0].path, "bootflash:isr4300-universalk9.16.09.06.SPA.bin");
  EXPECT_EQ(c.enable_secret(), "5 $1$abcd$0123456789abcdefghijk.");
  ASSERT_EQ(c.users().size(), 1u);
  EXPECT_EQ(c.users()[0].name, "admin");
  EXPECT_EQ(c.users()[0].privilege, 15);
  EXPECT_EQ(c.users()[0].secret, "0 cisco");
  auto gi1 = c.interface("GigabitEthernet0/0/1");
  ASSERT_TRUE(gi1.has_value());
  EXPECT_TRUE(gi1->shutdown);
  EXPECT_EQ(gi1->description, "to SW1");
  EXPECT_EQ(gi1->ip_address, "10.0.12.1");
  EXPECT_FALSE(c.interface("GigabitEthernet0/0/0")->shutdown);
  EXPECT_TRUE(c.scp_server_enabled());
  EXPECT_FALSE(c.file_prompt_quiet());
  EXPECT_EQ(c.tftp_blocksize(), 8192);
  EXPECT_EQ(c.tftp_source_interface(), "GigabitEthernet0/0/0");
  auto lines = c.lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[1].login_local);
  EXPECT_EQ(lines[1].exec_timeout_seconds, 330);
  EXPECT_EQ(lines[1].transport_input, (std::vector<std::string>{"ssh", "telnet"}));
}

TEST(Config, RoundTripsThroughRender) {
  Config c = Config::Parse(kSeedRouterConfig);
  std::string rendered = c.Render("version 16.9", /*boot_markers=*/true);
  EXPECT_EQ(Config::Parse(rendered), c);
  EXPECT_EQ(Config::Parse(rendered).Render("version 16.9", true), rendered);
  // Unknown lines survive verbatim and in order.
  EXPECT_NE(rendered.find("platform qfp utilization monitor load 80\n"), std::string::npos);
  EXPECT_NE(rendered.find("router ospf 1\n network 10.0.12.0 0.0.0.255 area 0\n!"),
            std::string::npos);
  EXPECT_NE(rendered.find("boot-start-marker\nboot system bootflash:isr4300-universalk9.16.09.06.SPA.bin\nboot-end-marker\n"),
            std::string::npos);
  EXPECT_TRUE(rendered.starts_with("!\nversion 16.9\n"));
  EXPECT_TRUE(rendered.ends_with("!\nend\n"));
}

TEST(Config, BootStatementsKeepOrderAndFallback) {
  Config c = Config::Parse(kSeedRouterConfig);
  // Seed 001 step 5: remove old, add new, add old back as fallback.
  BootStatement old_image = *ParseBootStatement("bootflash:isr4300-universalk9.16.09.06.SPA.bin");
  BootStatement new_image = *ParseBootStatement("bootflash:isr4300-universalk9.16.12.04.SPA.bin");
  EXPECT_TRUE(c.RemoveBootStatement(old_image));
  c.AddBootStatement(new_image);
  c.AddBootStatement(old_image);
  c.AddBootStatement(old_image);  // duplicates are ignored, as on IOS
  auto boots = c.boot_statements();
  ASSERT_EQ(boots.size(), 2u);
  EXPECT_EQ(boots[0], new_image);
  EXPECT_EQ(boots[1], old_image);
  std::string r = c.Render("", true);
  EXPECT_NE(r.find("boot-start-marker\nboot system bootflash:isr4300-universalk9.16.12.04.SPA.bin\n"
                   "boot system bootflash:isr4300-universalk9.16.09.06.SPA.bin\nboot-end-marker"),
            std::string::npos);
  c.ClearBootStatements();
  EXPECT_TRUE(c.boot_statements().empty());
  EXPECT_NE(c.Render("", true).find("boot-start-marker\nboot-end-marker"), std::string::npos);
}

TEST(Config, BootStatementForms) {
  auto tftp = ParseBootStatement("tftp:isr4300-universalk9.16.12.04.SPA.bin 192.168.1.100");
  ASSERT_TRUE(tftp.ok());
  EXPECT_EQ(tftp->kind, BootStatement::Kind::kTftp);
  EXPECT_EQ(tftp->host, "192.168.1.100");
  EXPECT_EQ(tftp->ConfigLine(), "boot system tftp:isr4300-universalk9.16.12.04.SPA.bin 192.168.1.100");
  auto url = ParseBootStatement("tftp://192.168.1.100/x.bin");
  EXPECT_EQ(url->path, "x.bin");
  EXPECT_EQ(ParseBootStatement("rom")->kind, BootStatement::Kind::kRom);
  EXPECT_EQ(ParseBootStatement("flash c2960.bin")->path, "flash:c2960.bin");
  EXPECT_FALSE(ParseBootStatement("").ok());
  EXPECT_FALSE(ParseBootStatement("tftp:x.bin").ok());
}

TEST(Config, NewLinesGoWhereIosPutsThem) {
  Config c = Config::Factory("R1", {"GigabitEthernet0/0/0"});
  c.SetLine("ip scp server enable");
  c.SetLine("enable secret 0 cisco");
  c.SetLine("hostname NetsTuts_R1");  // replaces in place
  c.SetLine("file prompt quiet");
  std::string r = c.Render("version 16.9", true);
  size_t host = r.find("hostname NetsTuts_R1"), boot = r.find("boot-start-marker"),
         enable = r.find("enable secret"), prompt = r.find("file prompt quiet"),
         intf = r.find("interface GigabitEthernet0/0/0"), scp = r.find("ip scp server enable"),
         line = r.find("line con 0");
  EXPECT_LT(host, boot);
  EXPECT_LT(boot, enable);
  EXPECT_LT(enable, prompt);
  EXPECT_LT(prompt, intf);
  EXPECT_LT(intf, scp);
  EXPECT_LT(scp, line);
  EXPECT_EQ(r.find("hostname R1"), std::string::npos);
  EXPECT_TRUE(c.file_prompt_quiet());
  EXPECT_TRUE(c.RemoveLine("no file prompt"));
  EXPECT_FALSE(c.file_prompt_quiet());
}

TEST(Config, InterfaceChildrenReplaceByKey) {
  Config c = Config::Factory("R1", {"GigabitEthernet0/0/0"});
  c.SetSectionLine("interface GigabitEthernet0/0/0", "ip address 192.168.1.1 255.255.255.0");
  c.SetSectionLine("interface GigabitEthernet0/0/0", "shutdown");
  auto gi = c.interface("GigabitEthernet0/0/0");
  EXPECT_EQ(gi->ip_address, "192.168.1.1");
  EXPECT_TRUE(gi->shutdown);
  c.SetSectionLine("interface GigabitEthernet0/0/0", "no shutdown");
  EXPECT_FALSE(c.interface("GigabitEthernet0/0/0")->shutdown);
  EXPECT_EQ(c.Render("", true).find("no shutdown"), std::string::npos);  // IOS never prints it
  c.SetSectionLine("interface GigabitEthernet0/0/0", "no ip address");
  EXPECT_EQ(c.interface("GigabitEthernet0/0/0")->ip_address, "");
  EXPECT_EQ(ConfigKey("no ip address"), "ip address");
  EXPECT_EQ(ConfigKey("username bob privilege 15 secret 0 x"), "username bob");
}

TEST(Config, DefaultHostnameWhenNone) {
  EXPECT_EQ(Config::Parse("").hostname(), "Router");
  EXPECT_TRUE(Config::Parse("").boot_statements().empty());
}

}  // namespace
}  // namespace iosup
