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

// Found by tests/fuzz/config_fuzzer: a line holding only a carriage return and blanks ("\r ")
// was kept as a line "\r", which the saved file then lost on reading back.
TEST(Config, BlankLinesWithCarriageReturnsAreNotLines) {
  Config c = Config::Parse("hostname R1\n\r \n \r\ninterface Gi0/0/0\n \r \n shutdown\r\n");
  std::string rendered = c.Render("version 16.9", /*boot_markers=*/true);
  EXPECT_EQ(Config::Parse(rendered), c);
  EXPECT_EQ(rendered.find('\r'), std::string::npos);
  ASSERT_NE(c.Section("interface Gi0/0/0"), nullptr);
  EXPECT_EQ(c.Section("interface Gi0/0/0")->children.size(), 1u);
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

TEST(Config, StackBootStatementKeepsItsSwitchesAndIsRemovedByItsFile) {
  auto all = ParseBootStatement("switch all flash:packages.conf");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->path, "flash:packages.conf");
  EXPECT_EQ(all->ConfigLine(), "boot system switch all flash:packages.conf");
  EXPECT_FALSE(ParseBootStatement("switch all packages.conf").ok());
  Config c;
  c.AddBootStatement(*all);
  c.AddBootStatement(*ParseBootStatement("switch 2 flash:cat9k_iosxe.17.06.05.SPA.bin"));
  EXPECT_TRUE(c.RemoveBootStatement(*ParseBootStatement("flash:packages.conf")));
  ASSERT_EQ(c.boot_statements().size(), 1u);
  EXPECT_EQ(c.boot_statements()[0].ConfigLine(), "boot system switch 2 flash:cat9k_iosxe.17.06.05.SPA.bin");
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

namespace iosup {
namespace {

std::string Rendered(const Config& c, bool defaults = false, bool acl_numbers = true) {
  return c.Render({.version_line = "version 16.9", .boot_markers = true, .defaults = defaults,
                   .acl_sequence_numbers = acl_numbers});
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ConfigModel, ASettingIsReplacedByItsKey) {
  Config c = Config::Factory("R1", {"GigabitEthernet0/0/0"});
  ASSERT_TRUE(c.Apply("", "logging buffered 20000").ok());
  ASSERT_TRUE(c.Apply("", "logging buffered 20010").ok());
  const std::string r = Rendered(c);
  EXPECT_EQ(Count(r, "logging buffered"), 1u) << r;
  EXPECT_NE(r.find("logging buffered 20010\n"), std::string::npos);
  // A list keeps one line per value, never the same line twice.
  c.SetLine("logging host 10.1.1.1");
  c.SetLine("logging host 10.1.1.2");
  c.SetLine("logging host 10.1.1.1");
  EXPECT_EQ(Count(Rendered(c), "logging host"), 2u);
}

TEST(ConfigModel, NoRemovesByKeyWhateverFollows) {
  Config c = Config::Factory("R1", {"GigabitEthernet0/0/0"});
  c.SetLine("logging buffered 20000");
  c.SetLine("file prompt quiet");
  c.SetLine("logging host 10.1.1.1");
  c.SetLine("logging host 10.1.1.2 transport udp port 514");
  EXPECT_TRUE(c.Negate("", "logging buffered").ok());
  EXPECT_TRUE(c.Negate("", "file prompt quiet").ok());
  EXPECT_TRUE(c.Negate("", "hostname R1").ok());
  EXPECT_TRUE(c.Negate("", "logging host 10.1.1.2").ok());
  const std::string r = Rendered(c);
  EXPECT_EQ(r.find("logging buffered"), std::string::npos);
  EXPECT_EQ(r.find("10.1.1.2"), std::string::npos);
  EXPECT_NE(r.find("logging host 10.1.1.1\n"), std::string::npos);
  EXPECT_FALSE(c.file_prompt_quiet());
  EXPECT_EQ(c.hostname(), "Router");
  EXPECT_EQ(c.Negate("", "logging buffered").code(), ErrorCode::kNotFound);
  // A section goes with its children.
  c.SetSectionLine("interface Loopback999", "ip address 10.9.9.9 255.255.255.255");
  EXPECT_TRUE(c.HasSection("interface Loopback999"));
  EXPECT_TRUE(c.Negate("", "interface Loopback999").ok());
  EXPECT_FALSE(c.HasSection("interface Loopback999"));
  EXPECT_EQ(Rendered(c).find("10.9.9.9"), std::string::npos);
}

TEST(ConfigModel, DefaultsAreHiddenUnlessAll) {
  Config c = Config::Factory("R1", {"GigabitEthernet0/0/0"});
  c.SetLine("logging on");  // the default: nothing to show
  EXPECT_EQ(Rendered(c).find("logging on"), std::string::npos);
  EXPECT_NE(Rendered(c, /*defaults=*/true).find("\nlogging on\n"), std::string::npos);
  EXPECT_NE(Rendered(c, true).find("\nip domain lookup\n"), std::string::npos);
  c.SetLine("no logging on");  // off is shown, and `all` no longer shows the default
  EXPECT_NE(Rendered(c).find("\nno logging on\n"), std::string::npos);
  EXPECT_EQ(Rendered(c, true).find("\nlogging on\n"), std::string::npos);
  c.SetLine("logging on");
  EXPECT_EQ(Rendered(c).find("logging on"), std::string::npos);
  // Interface defaults: `no shutdown` is never stored, only shown by `all`.
  c.SetSectionLine("interface GigabitEthernet0/0/0", "no shutdown");
  EXPECT_EQ(Rendered(c).find("no shutdown"), std::string::npos);
  EXPECT_NE(Rendered(c, true).find("interface GigabitEthernet0/0/0\n no ip address\n no shutdown\n"),
            std::string::npos)
      << Rendered(c, true);
  EXPECT_EQ(Config::Parse(Rendered(c)), c);  // saved means saved: nothing hidden differs
}

TEST(ConfigModel, NoIsKeptWhereIosShowsIt) {
  Config c;
  ASSERT_TRUE(c.Apply("", "no ip domain lookup").ok());
  ASSERT_TRUE(c.Apply("", "no logging console").ok());
  std::string r = Rendered(c);
  EXPECT_NE(r.find("\nno ip domain lookup\n"), std::string::npos);
  EXPECT_NE(r.find("\nno logging console\n"), std::string::npos);
  c.SetLine("ip domain lookup");
  c.SetLine("logging console informational");
  r = Rendered(c);
  EXPECT_EQ(r.find("domain lookup"), std::string::npos);
  EXPECT_NE(r.find("\nlogging console informational\n"), std::string::npos);
  EXPECT_EQ(r.find("no logging console"), std::string::npos);
}

TEST(ConfigModel, SectionsAndGroupsRenderInIosOrder) {
  Config c = Config::Factory("R1", {"GigabitEthernet0/0/0"});
  c.SetLine("ntp server 10.0.0.1");
  c.SetLine("snmp-server community public RO");
  c.SetLine("access-list 10 permit 10.0.0.0 0.255.255.255");
  c.SetSectionLine("ip access-list extended EDGE", "permit ip any any");
  c.SetLine("banner motd ^CHello^C");
  c.SetLine("logging buffered 20000");
  c.SetLine("username bob privilege 15 secret 5 $1$abcd$xyz");
  const std::string r = Rendered(c);
  const std::vector<std::string> order = {
      "hostname R1",         "boot-start-marker",  "logging buffered 20000", "username bob",
      "interface GigabitEthernet0/0/0", "ip access-list extended EDGE", "access-list 10",
      "snmp-server community", "banner motd ^CHello^C", "line con 0", "ntp server 10.0.0.1"};
  size_t prev = 0;
  for (const std::string& what : order) {
    const size_t at = r.find(what);
    ASSERT_NE(at, std::string::npos) << what << "\n" << r;
    EXPECT_GT(at, prev) << what << "\n" << r;
    prev = at;
  }
  EXPECT_NE(r.find("ip access-list extended EDGE\n 10 permit ip any any\n!\n"), std::string::npos);
}

TEST(ConfigModel, AclEntriesHaveSequenceNumbers) {
  Config c;
  const std::string acl = "ip access-list extended EDGE";
  ASSERT_TRUE(c.Apply(acl, "permit tcp any any eq 22").ok());
  ASSERT_TRUE(c.Apply(acl, "remark web").ok());
  ASSERT_TRUE(c.Apply(acl, "permit tcp any any eq 80").ok());
  ASSERT_TRUE(c.Apply(acl, "15 deny ip host 10.1.1.1 any").ok());
  ASSERT_TRUE(c.Apply(acl, "permit tcp any any eq 22").ok());  // already there: unchanged
  EXPECT_EQ(c.Apply(acl, "15 permit ip any any").message(), "% Duplicate sequence number");
  std::vector<std::string> entries;
  for (const ConfigNode& e : c.Section(acl)->children) entries.push_back(e.text);
  EXPECT_EQ(entries, (std::vector<std::string>{"10 permit tcp any any eq 22", "15 deny ip host 10.1.1.1 any",
                                               "20 remark web", "30 permit tcp any any eq 80"}));
  EXPECT_TRUE(c.Negate(acl, "20").ok());
  EXPECT_TRUE(c.Negate(acl, "deny ip host 10.1.1.1 any").ok());
  ASSERT_TRUE(c.Resequence("EDGE", 100, 5).ok());
  EXPECT_EQ(c.Resequence("NONE", 1, 1).code(), ErrorCode::kNotFound);
  const std::string r = Rendered(c);
  EXPECT_NE(r.find(acl + "\n 100 permit tcp any any eq 22\n 105 permit tcp any any eq 80\n!\n"),
            std::string::npos)
      << r;
  // Classic IOS prints no numbers; its saved text numbers again as the entries are read.
  const std::string classic = Rendered(c, false, /*acl_numbers=*/false);
  EXPECT_NE(classic.find(acl + "\n permit tcp any any eq 22\n permit tcp any any eq 80\n"),
            std::string::npos);
  Config reread = Config::Parse(classic);
  EXPECT_EQ(reread.Section(acl)->children[1].text, "20 permit tcp any any eq 80");
  // Numbered lists: `no access-list 10 ...` removes the whole list, as IOS does.
  c.SetLine("access-list 10 permit 10.0.0.0 0.255.255.255");
  c.SetLine("access-list 10 deny any");
  c.SetLine("access-list 11 deny any");
  EXPECT_TRUE(c.Negate("", "access-list 10 deny any").ok());
  EXPECT_EQ(Rendered(c).find("access-list 10 "), std::string::npos);
  EXPECT_NE(Rendered(c).find("access-list 11 deny any\n"), std::string::npos);
}

// Found by tests/fuzz/config_fuzzer: a banner left open at the end of the text was saved open,
// and reading the saved file back made "!" and "end" (and any later line) part of the banner.
TEST(ConfigModel, UnterminatedBannerIsClosedAtTheEnd) {
  for (const char* text : {"banner e c", "hostname R1\nbanner motd ^C\nWelcome\n"}) {
    Config c = Config::Parse(text);
    const std::string r = Rendered(c);
    EXPECT_EQ(Config::Parse(r), c) << r;
    EXPECT_EQ(Rendered(Config::Parse(r)), r);
    EXPECT_TRUE(r.ends_with("\nend\n")) << r;
  }
}

TEST(ConfigModel, BannerSpansLinesAndRoundTrips) {
  const std::string text =
      "hostname R1\n!\nbanner motd ^C\nAuthorized access only\n  indented line\n^C\n!\nline con 0\n!\nend\n";
  Config c = Config::Parse(text);
  const std::string r = Rendered(c);
  EXPECT_NE(r.find("banner motd ^C\nAuthorized access only\n  indented line\n^C\n"), std::string::npos) << r;
  EXPECT_EQ(Config::Parse(r), c);
  c.SetLine("banner motd ^CReplaced^C");
  c.SetLine("banner login ^CLogin^C");
  EXPECT_EQ(Count(Rendered(c), "banner motd"), 1u);
  EXPECT_NE(Rendered(c).find("banner motd ^CReplaced^C\nbanner login ^CLogin^C\n"), std::string::npos)
      << Rendered(c);
  EXPECT_TRUE(c.Negate("", "banner motd").ok());
  EXPECT_EQ(Rendered(c).find("Replaced"), std::string::npos);
}

TEST(ConfigModel, UsernameAttributesMerge) {
  Config c;
  c.SetLine("username bob privilege 15");
  c.SetLine("username bob secret 5 $1$abcd$xyz");
  c.SetLine("username bob view ops");
  EXPECT_TRUE(c.Has("username bob view ops privilege 15 secret 5 $1$abcd$xyz"));
  c.SetLine("username bob password 0 clear");  // a password replaces the secret
  EXPECT_TRUE(c.Has("username bob view ops privilege 15 password 0 clear"));
  ASSERT_EQ(c.users().size(), 1u);
  EXPECT_EQ(c.users()[0].privilege, 15);
  EXPECT_FALSE(c.users()[0].is_secret);
  EXPECT_TRUE(c.Negate("", "username bob secret x").ok());
  EXPECT_TRUE(c.users().empty());
}

TEST(ConfigModel, MergeAppliesEachLineAsTyped) {
  Config running = Config::Factory("R1", {"GigabitEthernet0/0/0"});
  running.SetLine("logging buffered 20000");
  running.SetSectionLine("ip access-list standard MGMT", "permit 10.0.0.0 0.0.0.255");
  Config other = Config::Parse(
      "hostname R2\nlogging buffered 30000\nno ip domain lookup\n"
      "ip access-list standard MGMT\n 10 permit 10.0.0.0 0.0.0.255\n 20 deny any\n"
      "interface GigabitEthernet0/0/0\n description uplink\n no shutdown\n");
  running.Merge(other);
  const std::string r = Rendered(running);
  EXPECT_EQ(running.hostname(), "R2");
  EXPECT_EQ(Count(r, "logging buffered"), 1u);
  EXPECT_NE(r.find("logging buffered 30000\n"), std::string::npos);
  EXPECT_NE(r.find("no ip domain lookup\n"), std::string::npos);
  EXPECT_NE(r.find(" 10 permit 10.0.0.0 0.0.0.255\n 20 deny any\n"), std::string::npos) << r;
  EXPECT_NE(r.find("interface GigabitEthernet0/0/0\n description uplink\n no ip address\n!"),
            std::string::npos)
      << r;
}

TEST(ConfigModel, RenderSectionIsOneSection) {
  Config c = Config::Factory("R1", {"GigabitEthernet0/0/0", "GigabitEthernet0/0/1"});
  c.SetSectionLine("interface GigabitEthernet0/0/1", "description core");
  EXPECT_EQ(c.RenderSection("interface GigabitEthernet0/0/1", {}),
            "interface GigabitEthernet0/0/1\n description core\n no ip address\n shutdown\n");
  EXPECT_FALSE(c.RenderSection("interface Loopback0", {}).has_value());
}

}  // namespace
}  // namespace iosup

namespace iosup {
namespace {

// Families whose behaviour is only their rows: a key that replaces, lists that accumulate, and
// the SSH settings other commands set through SetLine.
TEST(ConfigModel, FamiliesBehaveByTheirRows) {
  Config c;
  c.SetLine("ntp server 10.0.0.1");
  c.SetLine("ntp server 10.0.0.1 prefer");  // same server: replaced
  c.SetLine("ntp server 10.0.0.2");
  c.SetLine("snmp-server contact ops");
  c.SetLine("snmp-server contact noc");
  c.SetLine("ip ssh time-out 60");
  c.SetLine("ip ssh time-out 90");
  c.SetLine("login block-for 60 attempts 3 within 30");
  c.SetLine("login block-for 120 attempts 5 within 60");
  c.SetLine("aaa new-model");
  c.SetLine("ip domain list a.example");
  c.SetLine("ip domain list b.example");
  const std::string r = Rendered(c);
  EXPECT_EQ(Count(r, "ntp server 10.0.0.1"), 1u);
  EXPECT_NE(r.find("ntp server 10.0.0.1 prefer\nntp server 10.0.0.2\n"), std::string::npos) << r;
  EXPECT_EQ(Count(r, "snmp-server contact"), 1u);
  EXPECT_EQ(Count(r, "ip ssh time-out"), 1u);
  EXPECT_EQ(Count(r, "login block-for"), 1u);
  EXPECT_EQ(Count(r, "ip domain list"), 2u);
  EXPECT_TRUE(c.Negate("", "ip domain list a.example").ok());
  EXPECT_TRUE(c.Negate("", "aaa new-model").ok());
  EXPECT_TRUE(c.Negate("", "ntp server 10.0.0.1").ok());
  EXPECT_EQ(Rendered(c).find("a.example"), std::string::npos);
  EXPECT_EQ(Rendered(c).find("aaa"), std::string::npos);
  EXPECT_EQ(Rendered(c).find("10.0.0.1"), std::string::npos);
}

}  // namespace
}  // namespace iosup

namespace iosup {
namespace {

TEST(ConfigModel, BlocksInsideASectionRoundTrip) {
  const std::string text =
      "policy-map WAN-EDGE\n class VOICE\n  priority percent 10\n class class-default\n"
      "  shape average 10000000\n!\nend\n";
  Config c = Config::Parse(text);
  ASSERT_NE(c.Section("policy-map WAN-EDGE"), nullptr);
  ASSERT_EQ(c.Section("policy-map WAN-EDGE")->children.size(), 2u);
  c.SetSubsectionLine("policy-map WAN-EDGE", "class VOICE", "priority percent 20");  // by key
  EXPECT_TRUE(c.RemoveSubsectionLine("policy-map WAN-EDGE", "class class-default", "shape average"));
  const std::string r = Rendered(c);
  EXPECT_NE(r.find("policy-map WAN-EDGE\n class VOICE\n  priority percent 20\n class class-default\n!\n"),
            std::string::npos)
      << r;
  EXPECT_EQ(Config::Parse(r), c);
}

}  // namespace
}  // namespace iosup

namespace iosup {
namespace {

// kValues: `ip name-server` is one line of servers, added to and removed from by value.
TEST(ConfigModel, NameServersShareOneLine) {
  Config c;
  ASSERT_TRUE(c.Apply("", "ip name-server 10.0.0.53").ok());
  ASSERT_TRUE(c.Apply("", "ip name-server 10.0.0.54 10.0.0.53 10.0.0.55").ok());
  EXPECT_TRUE(c.Has("ip name-server 10.0.0.53 10.0.0.54 10.0.0.55")) << Rendered(c);
  ASSERT_TRUE(c.Negate("", "ip name-server 10.0.0.54").ok());
  EXPECT_TRUE(c.Has("ip name-server 10.0.0.53 10.0.0.55")) << Rendered(c);
  EXPECT_FALSE(c.Negate("", "ip name-server 10.9.9.9").ok());
  ASSERT_TRUE(c.Negate("", "ip name-server 10.0.0.53 10.0.0.55").ok());
  EXPECT_EQ(Rendered(c).find("name-server"), std::string::npos) << Rendered(c);
  ASSERT_TRUE(c.Apply("", "ip name-server 10.0.0.1 10.0.0.2").ok());
  ASSERT_TRUE(c.Negate("", "ip name-server").ok());
  EXPECT_EQ(Rendered(c).find("name-server"), std::string::npos) << Rendered(c);
}

// spelling_of: IOS 15's `ip domain-name` and IOS-XE's `ip domain name` are one line, stored in
// the XE spelling and printed in the release's own.
TEST(ConfigModel, DomainSpellingsAreOneLinePrintedPerRelease) {
  Config c = Config::Parse("ip domain-name old.example\nno ip domain-lookup\n");
  EXPECT_TRUE(c.Has("ip domain name old.example"));
  EXPECT_TRUE(c.Has("no ip domain lookup"));
  ASSERT_TRUE(c.Apply("", "ip domain name new.example").ok());
  ASSERT_TRUE(c.Apply("", "ip domain-list a.example").ok());
  ASSERT_TRUE(c.Apply("", "ip domain-lookup source-interface Vlan1").ok());
  const std::string xe = c.Render(RenderOptions{});
  EXPECT_NE(xe.find("\nip domain name new.example\n"), std::string::npos) << xe;
  EXPECT_EQ(xe.find("old.example"), std::string::npos) << xe;
  EXPECT_NE(xe.find("\nip domain list a.example\n"), std::string::npos) << xe;
  EXPECT_NE(xe.find("\nno ip domain lookup\n"), std::string::npos) << xe;
  EXPECT_NE(xe.find("\nip domain lookup source-interface Vlan1\n"), std::string::npos) << xe;
  const std::string ios15 = c.Render(RenderOptions{.legacy_spellings = true});
  EXPECT_NE(ios15.find("\nip domain-name new.example\n"), std::string::npos) << ios15;
  EXPECT_NE(ios15.find("\nip domain-list a.example\n"), std::string::npos) << ios15;
  EXPECT_NE(ios15.find("\nno ip domain-lookup\n"), std::string::npos) << ios15;
  EXPECT_NE(ios15.find("\nip domain-lookup source-interface Vlan1\n"), std::string::npos) << ios15;
  ASSERT_TRUE(c.Negate("", "ip domain-name").ok());
  ASSERT_TRUE(c.Apply("", "ip domain-lookup").ok());  // the default: the `no` line goes
  EXPECT_EQ(c.Render(RenderOptions{}).find("domain name"), std::string::npos);
  EXPECT_EQ(c.Render(RenderOptions{}).find("no ip domain"), std::string::npos);
}

}  // namespace
}  // namespace iosup

namespace iosup {
namespace {

// kList with a partial key: `no ip domain list` (IOS 15: `no ip domain-list`) removes every
// name of the search list, as IOS does; with a name, only that one.
TEST(ConfigModel, NoWithPartOfAListKeyRemovesTheWholeList) {
  Config c;
  ASSERT_TRUE(c.Apply("", "ip domain list a.example").ok());
  ASSERT_TRUE(c.Apply("", "ip domain-list b.example").ok());
  ASSERT_TRUE(c.Apply("", "ip domain list c.example").ok());
  ASSERT_TRUE(c.Negate("", "ip domain-list b.example").ok());
  EXPECT_EQ(Count(Rendered(c), "ip domain list"), 2u) << Rendered(c);
  ASSERT_TRUE(c.Negate("", "ip domain list").ok());
  EXPECT_EQ(Rendered(c).find("domain list"), std::string::npos) << Rendered(c);
  EXPECT_FALSE(c.Negate("", "ip domain-list").ok());  // nothing left to remove
}

// After `no hostname` IOS still prints a hostname line: the platform's default name.
TEST(ConfigModel, NoHostnameShowsTheDefaultName) {
  Config c = Config::Parse("hostname R1\n");
  ASSERT_TRUE(c.Negate("", "hostname R1").ok());
  EXPECT_EQ(c.hostname("Switch"), "Switch");
  const std::string r = c.Render({.unset_hostname = "Switch"});
  EXPECT_EQ(Count(r, "hostname"), 1u) << r;
  EXPECT_NE(r.find("\nhostname Switch\n"), std::string::npos) << r;
  EXPECT_EQ(Count(Config::Parse("hostname R2\n").Render({.unset_hostname = "Router"}), "hostname"), 1u);
}

}  // namespace
}  // namespace iosup
