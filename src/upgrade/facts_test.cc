#include "upgrade/facts.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace iosup::upgrade {
namespace {

// --- show version, real formats (hand-written in each platform's layout)

constexpr char kIsr4321XeVersion[] = R"(Cisco IOS XE Software, Version 16.09.06
Cisco IOS Software [Fuji], ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 16.9.6, RELEASE SOFTWARE (fc3)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2020 by Cisco Systems, Inc.

ROM: IOS-XE ROMMON

edge-r7 uptime is 3 weeks, 1 day, 2 hours, 14 minutes
Uptime for this control processor is 3 weeks, 1 day, 2 hours, 16 minutes
System returned to ROM by Reload Command at 11:02:10 UTC Mon Feb 2 2026
System restarted at 11:04:51 UTC Mon Feb 2 2026
System image file is "bootflash:isr4300-universalk9.16.09.06.SPA.bin"
Last reload reason: Reload Command

cisco ISR4321/K9 (1RU) processor with 1647778K/6147K bytes of memory.
Processor board ID FLM2207W0QX
2 Gigabit Ethernet interfaces
32768K bytes of non-volatile configuration memory.
4194304K bytes of physical memory.
7090175K bytes of flash memory at bootflash:.

Configuration register is 0x2102
)";

TEST(ShowVersion, IosXeRouter) {
  Result<VersionFacts> v = ParseShowVersion(kIsr4321XeVersion);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->hostname, "edge-r7");
  EXPECT_EQ(v->version, "16.09.06");  // the XE line, not the IOSd "16.9.6"
  EXPECT_EQ(v->system_image, "bootflash:isr4300-universalk9.16.09.06.SPA.bin");
  EXPECT_EQ(v->model, "ISR4321/K9");
  EXPECT_EQ(v->config_register, "0x2102");
  EXPECT_EQ(v->next_config_register, "");
  EXPECT_EQ(v->uptime, "3 weeks, 1 day, 2 hours, 14 minutes");
  EXPECT_EQ(v->restarted_at, "11:04:51 UTC Mon Feb 2 2026");
}

constexpr char kIsr1941Version[] =
    R"(Cisco IOS Software, C1900 Software (C1900-UNIVERSALK9-M), Version 15.4(3)M2, RELEASE SOFTWARE (fc2)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2014 by Cisco Systems, Inc.
Compiled Fri 06-Feb-15 17:01 by prod_rel_team

ROM: System Bootstrap, Version 15.0(1r)M15, RELEASE SOFTWARE (fc1)

branch-12 uptime is 1 year, 2 weeks, 3 days, 4 hours, 5 minutes
System returned to ROM by power-on
System image file is "flash0:c1900-universalk9-mz.SPA.154-3.M2.bin"
Last reload type: Normal Reload
Last reload reason: power-on

Cisco CISCO1941/K9 (revision 1.0) with 446464K/77824K bytes of memory.
Processor board ID FTX1840ALB2
2 Gigabit Ethernet interfaces
255K bytes of non-volatile configuration memory.
250880K bytes of ATA System CompactFlash 0 (Read/Write)

Configuration register is 0x2142 (will be 0x2102 at next reload)
)";

TEST(ShowVersion, IsrG2WithPendingConfigRegister) {
  Result<VersionFacts> v = ParseShowVersion(kIsr1941Version);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->hostname, "branch-12");
  EXPECT_EQ(v->version, "15.4(3)M2");  // not the ROM line's 15.0(1r)M15
  EXPECT_EQ(v->system_image, "flash0:c1900-universalk9-mz.SPA.154-3.M2.bin");
  EXPECT_EQ(v->model, "CISCO1941/K9");
  EXPECT_EQ(v->config_register, "0x2142");
  EXPECT_EQ(v->next_config_register, "0x2102");
  EXPECT_EQ(v->uptime, "1 year, 2 weeks, 3 days, 4 hours, 5 minutes");
  EXPECT_EQ(v->restarted_at, "");  // this output has no "System restarted" line
}

constexpr char kCat9300Version[] = R"(Cisco IOS XE Software, Version 17.09.04a
Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc3)
Technical Support: http://www.cisco.com/techsupport

BOOTLDR: System Bootstrap, Version 17.9.1r, RELEASE SOFTWARE (P)

acc-sw-3 uptime is 6 minutes
Uptime for this control processor is 8 minutes
System returned to ROM by Reload Command
System image file is "flash:cat9k_iosxe.17.09.04a.SPA.bin"
Last reload reason: Reload Command

cisco C9300-48P (X86) processor (revision V02) with 1863083K/6147K bytes of memory.
Processor board ID FOC2417X0AB
2048K bytes of non-volatile configuration memory.
8388608K bytes of physical memory.
1638400K bytes of Crash Files at crashinfo:.
11264000K bytes of Flash at flash:.

Switch Ports Model              SW Version        SW Image              Mode
------ ----- -----              ----------        ----------            ----
*    1 65    C9300-48P          17.09.04a         CAT9K_IOSXE           BUNDLE

Configuration register is 0x102
)";

TEST(ShowVersion, Catalyst9300) {
  Result<VersionFacts> v = ParseShowVersion(kCat9300Version);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->hostname, "acc-sw-3");
  EXPECT_EQ(v->version, "17.09.04a");
  EXPECT_EQ(v->model, "C9300-48P");
  EXPECT_EQ(v->system_image, "flash:cat9k_iosxe.17.09.04a.SPA.bin");
  EXPECT_EQ(v->config_register, "0x102");
  EXPECT_EQ(v->uptime, "6 minutes");  // not the control processor's "8 minutes"
  EXPECT_EQ(v->installation_mode, "BUNDLE");  // from the switch table's Mode column
}

TEST(ShowVersion, InstallationModeLineWinsAndClassicIosHasNone) {
  std::string text = kIsr4321XeVersion;
  text.replace(text.find("Last reload reason"), 0, "Installation mode is INSTALL\n");
  Result<VersionFacts> v = ParseShowVersion(text);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->installation_mode, "INSTALL");
  Result<VersionFacts> classic = ParseShowVersion(kIsr1941Version);
  ASSERT_TRUE(classic.ok());
  EXPECT_EQ(classic->installation_mode, "");
}

constexpr char kOld2600Version[] = R"(Cisco Internetwork Operating System Software
IOS (tm) C2600 Software (C2600-IPBASE-M), Version 12.3(6f), RELEASE SOFTWARE (fc1)
Copyright (c) 1986-2006 by cisco Systems, Inc.

ROM: System Bootstrap, Version 12.2(8r) [cmong 8r], RELEASE SOFTWARE (fc1)

lab-2611 uptime is 2 years, 1 week, 1 hour, 1 minute
System returned to ROM by power-on
System image file is "flash:c2600-ipbase-mz.123-6f.bin"

cisco 2611XM (MPC860P) processor (revision 0x401) with 126976K/4096K bytes of memory.
Processor board ID JAE0817AB3C (1293451043)

Configuration register is 0x2102
)";

TEST(ShowVersion, OldIosTmFormat) {
  Result<VersionFacts> v = ParseShowVersion(kOld2600Version);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->version, "12.3(6f)");
  EXPECT_EQ(v->model, "2611XM");
  EXPECT_EQ(v->hostname, "lab-2611");
  EXPECT_EQ(v->uptime, "2 years, 1 week, 1 hour, 1 minute");
}

// Nothing depends on the uptime: a wording this parser has never seen (a truncated line, a
// release that counts seconds, another language) still gives the facts that matter.
TEST(ShowVersion, UnknownUptimeWordingStillParses) {
  for (const std::string uptime : {"4 weeks, 2 days, 7 hours, 56", "3 Wochen, 1 Tag, 2 Stunden",
                                   "less than a minute", "1 day, 02:14:09"}) {
    std::string text = kIsr4321XeVersion;
    text.replace(text.find("3 weeks, 1 day, 2 hours, 14 minutes"), 35, uptime);
    Result<VersionFacts> v = ParseShowVersion(text);
    ASSERT_TRUE(v.ok()) << uptime << ": " << v.status().ToString();
    EXPECT_EQ(v->hostname, "edge-r7");
    EXPECT_EQ(v->version, "16.09.06");
    EXPECT_EQ(v->system_image, "bootflash:isr4300-universalk9.16.09.06.SPA.bin");
    EXPECT_EQ(v->config_register, "0x2102");
    EXPECT_EQ(v->uptime, uptime);
  }
}

TEST(ShowVersion, MissingFieldsAreErrorsNotGuesses) {
  std::string no_register = kIsr4321XeVersion;
  no_register.erase(no_register.find("Configuration register"));
  Result<VersionFacts> v = ParseShowVersion(no_register);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("Configuration register"), std::string::npos);

  std::string no_image = kIsr1941Version;
  const size_t image_line = no_image.find("System image file");
  no_image.erase(image_line, no_image.find('\n', image_line) - image_line);
  v = ParseShowVersion(no_image);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("System image"), std::string::npos) << v.status().message();

  v = ParseShowVersion("show versoin\n        ^\n% Invalid input detected at '^' marker.\n");
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("% Invalid input"), std::string::npos)
      << v.status().message();
  EXPECT_FALSE(ParseShowVersion("").ok());
}

// --- dir / show flash:

TEST(Dir, CatalystStyle) {
  Result<FlashListing> l = ParseDir(R"(Directory of flash:/

    2  -rwx         616   Mar 1 1993 00:01:45 +00:00  vlan.dat
    3  -rwx    12582912  Jan 12 2024 14:02:11 +00:00  c2960-lanbasek9-mz.152-7.E6.bin
    4  drwx         512   Mar 1 1993 00:09:12 +00:00  c2960-lanbasek9-mz.150-2.SE11
    5  -rwx        3096  Jan 12 2024 14:20:07 +00:00  config.text

64016384 bytes total (38849024 bytes free)
)");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->file_system, "flash:");
  ASSERT_EQ(l->files.size(), 4u);
  EXPECT_EQ(l->free_bytes, 38849024u);
  const FlashFile* image = l->Find("c2960-lanbasek9-mz.152-7.E6.bin");
  ASSERT_NE(image, nullptr);
  EXPECT_EQ(image->size, 12582912u);
  EXPECT_FALSE(image->directory);
  const FlashFile* dir = l->Find("c2960-lanbasek9-mz.150-2.SE11");
  ASSERT_NE(dir, nullptr);
  EXPECT_TRUE(dir->directory);
  EXPECT_EQ(l->Find("c2960-lanbasek9-mz.152-7.E9.bin"), nullptr);
}

TEST(Dir, IosXeWideInodesAndOffsets) {
  Result<FlashListing> l = ParseDir(R"(Directory of bootflash:/

   11  drwx            16384   Nov 3 2021 09:12:40 -07:00  lost+found
786433  drwx             4096  Feb 19 2026 18:02:03 -07:00  .installer
   12  -rw-        521347072  Feb 19 2026 18:30:55 -07:00  isr4300-universalk9.16.12.04.SPA.bin

7194652672 bytes total (5985779712 bytes free)
)");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->file_system, "bootflash:");
  ASSERT_EQ(l->files.size(), 3u);
  EXPECT_EQ(l->files[1].name, ".installer");
  EXPECT_TRUE(l->files[1].directory);
  EXPECT_EQ(l->files[2].size, 521347072u);
  EXPECT_EQ(l->free_bytes, 5985779712u);
}

TEST(Dir, IsrG2ShowFlash) {
  Result<FlashListing> l = ParseDir(R"(-#- --length-- -----date/time------ path
1     80041416 Oct 14 2025 09:31:02 c1900-universalk9-mz.SPA.154-3.M2.bin
2         3012 Oct 14 2025 09:40:55 pre-upgrade.cfg
3            0 Nov 02 2025 11:03:20 ipsdir/

174247936 bytes available (81911808 bytes used)
)");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->file_system, "");
  ASSERT_EQ(l->files.size(), 3u);
  EXPECT_EQ(l->files[0].name, "c1900-universalk9-mz.SPA.154-3.M2.bin");
  EXPECT_EQ(l->files[0].size, 80041416u);
  EXPECT_EQ(l->files[2].name, "ipsdir");
  EXPECT_TRUE(l->files[2].directory);
  EXPECT_EQ(l->free_bytes, 174247936u);
}

TEST(Dir, Isr4kShowFlashFullPaths) {
  Result<FlashListing> l = ParseDir(R"(-#- --length-- ---------date/time--------- path
1          4096 Feb 19 2026 18:02:03 +00:00 /bootflash/
2         16384 Nov 03 2021 09:12:40 +00:00 /bootflash/lost+found
3     521347072 Feb 19 2026 18:30:55 +00:00 /bootflash/isr4300-universalk9.16.12.04.SPA.bin

6420000768 bytes available (1042698240 bytes used)
)");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  ASSERT_EQ(l->files.size(), 2u);  // the root itself is not a file
  EXPECT_EQ(l->files[0].name, "lost+found");
  EXPECT_NE(l->Find("isr4300-universalk9.16.12.04.SPA.bin"), nullptr);
}

TEST(Dir, EmptyDirectoryAndErrors) {
  Result<FlashListing> empty = ParseDir(
      "Directory of bootflash:/\r\n\r\nNo files in directory\r\n\r\n60817408 bytes total (16626160 "
      "bytes free)\r\n");
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->files.empty());
  EXPECT_EQ(empty->free_bytes, 16626160u);

  Result<FlashListing> missing =
      ParseDir("%Error opening flash:/nope (No such file or directory)\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("No such file"), std::string::npos);
}

// --- boot variables

TEST(Boot, StatementsFromRunningConfig) {
  EXPECT_EQ(ParseBootStatements("boot-start-marker\n"
                                "boot system bootflash:isr4300-universalk9.16.12.04.SPA.bin\n"
                                "boot system bootflash:isr4300-universalk9.16.09.06.SPA.bin\n"
                                "boot-end-marker\n"),
            (std::vector<std::string>{"bootflash:isr4300-universalk9.16.12.04.SPA.bin",
                                      "bootflash:isr4300-universalk9.16.09.06.SPA.bin"}));
  EXPECT_EQ(ParseBootStatements("boot system flash c2600-ipbase-mz.123-6f.bin\n"
                                "boot system tftp c2600-backup.bin 192.168.1.100\n"
                                "boot system tftp:r1.bin 192.168.1.100\n"
                                "boot system switch all flash:cat3k.bin\n"
                                "boot system rom\n"
                                " boot system inside-a-banner.bin\n"
                                "no boot system flash:x.bin\n"),
            (std::vector<std::string>{"flash:c2600-ipbase-mz.123-6f.bin",
                                      "tftp:c2600-backup.bin 192.168.1.100",
                                      "tftp:r1.bin 192.168.1.100", "flash:cat3k.bin", "rom"}));
  EXPECT_TRUE(ParseBootStatements("boot-start-marker\nboot-end-marker\n").empty());
}

// --- verify, ping

TEST(Verify, ComputedDigestWithDots) {
  Result<std::string> d = ParseVerifyDigest(
      "......................................................................\n"
      "..........Done!\n"
      "verify /md5 (flash:c2960-lanbasek9-mz.152-7.E9.bin) = 0F1E2D3C4B5A69788796A5B4C3D2E1F0\n");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(*d, "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
}

TEST(Verify, VerifiedAndMismatchAndSha512) {
  Result<std::string> ok = ParseVerifyDigest(
      ".....Done!\nVerified (bootflash:x.bin) = 8307d56881931c08c3fed66d169823a4\n");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "8307d56881931c08c3fed66d169823a4");

  Result<std::string> mismatch = ParseVerifyDigest(
      ".....Done!\n%Error verifying bootflash:x.bin\n"
      "Computed signature = 8307d56881931c08c3fed66d169823a4\n"
      "Submitted signature = 00000000000000000000000000000000\n");
  ASSERT_TRUE(mismatch.ok());
  EXPECT_EQ(*mismatch, "8307d56881931c08c3fed66d169823a4");

  const std::string sha512(128, 'a');
  Result<std::string> s =
      ParseVerifyDigest("..Done!\nverify /sha512 (flash:x.bin) = " + sha512 + "\n");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, sha512);
}

TEST(Verify, Errors) {
  Result<std::string> missing =
      ParseVerifyDigest("%Error opening flash:nope.bin (No such file or directory)\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(ParseVerifyDigest("verify /md5 (flash:x.bin) = 12ab\n").ok());  // truncated digest
  EXPECT_FALSE(ParseVerifyDigest("....\n").ok());
}

TEST(Ping, SuccessRate) {
  Result<int> p = ParsePingSuccessPercent(
      "Type escape sequence to abort.\n"
      "Sending 5, 100-byte ICMP Echos to 192.168.1.100, timeout is 2 seconds:\n"
      ".!!!!\n"
      "Success rate is 80 percent (4/5), round-trip min/avg/max = 1/2/4 ms\n");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, 80);
  Result<int> none =
      ParsePingSuccessPercent("Sending 5, ...\n.....\nSuccess rate is 0 percent (0/5)\n");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
  Result<int> bad =
      ParsePingSuccessPercent("% Unrecognized host or address, or protocol not running.\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("Unrecognized host"), std::string::npos);
}

// --- interfaces, neighbours

TEST(Interfaces, IpInterfaceBrief) {
  Result<std::vector<InterfaceState>> r = ParseIpInterfaceBrief(
      "Interface              IP-Address      OK? Method Status                Protocol\n"
      "GigabitEthernet0/0/0   192.168.1.1     YES NVRAM  up                    up\n"
      "GigabitEthernet0/0/1   10.0.12.1       YES NVRAM  down                  down\n"
      "GigabitEthernet0       unassigned      YES unset  administratively down down\n"
      "Tunnel100              172.16.0.1      YES manual up                    up\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ((*r)[0].name, "GigabitEthernet0/0/0");
  EXPECT_EQ((*r)[0].address, "192.168.1.1");
  EXPECT_EQ((*r)[1].status, "down");
  EXPECT_EQ((*r)[2].status, "administratively down");
  EXPECT_EQ((*r)[2].protocol, "down");
  EXPECT_EQ((*r)[3].status, "up");
  EXPECT_FALSE(ParseIpInterfaceBrief("% Invalid input detected at '^' marker.\n").ok());
}

TEST(Neighbors, Cdp) {
  EXPECT_EQ(ParseCdpNeighbors(
                "Capability Codes: R - Router, T - Trans Bridge, B - Source Route Bridge\n"
                "                  S - Switch, H - Host, I - IGMP, r - Repeater, P - Phone\n"
                "\n"
                "Device ID        Local Intrfce     Holdtme    Capability  Platform  Port ID\n"
                "SW1              Gig 0/0/0         143             S I   WS-C2960- Fas 0/24\n"
                "core-01.campus.example.net\n"
                "                 Gig 0/0/1         171              R S I C9300-48P Gig 1/0/48\n"
                "R2               Gig 0/0/1         129              R B   ISR4331/K Gig 0/0/0\n"
                "\n"
                "Total cdp entries displayed : 3\n"),
            (std::vector<std::string>{"SW1", "core-01.campus.example.net", "R2"}));
  EXPECT_TRUE(ParseCdpNeighbors("% CDP is not enabled\n").empty());
  EXPECT_TRUE(ParseCdpNeighbors("").empty());
}

TEST(Neighbors, Ospf) {
  std::vector<OspfNeighbor> n = ParseOspfNeighbors(
      "\nNeighbor ID     Pri   State           Dead Time   Address         Interface\n"
      "2.2.2.2           1   FULL/DR         00:00:37    10.0.12.2       GigabitEthernet0/0/1\n"
      "3.3.3.3           0   FULL/  -        00:00:33    10.0.13.2       Tunnel100\n"
      "4.4.4.4           1   2WAY/DROTHER    00:00:31    10.0.12.4       GigabitEthernet0/0/1\n");
  ASSERT_EQ(n.size(), 3u);
  EXPECT_EQ(n[0].neighbor_id, "2.2.2.2");
  EXPECT_EQ(n[0].state, "FULL/DR");
  EXPECT_EQ(n[0].interface, "GigabitEthernet0/0/1");
  EXPECT_EQ(n[1].state, "FULL/-");
  EXPECT_EQ(n[1].interface, "Tunnel100");
  EXPECT_EQ(n[2].state, "2WAY/DROTHER");
  EXPECT_TRUE(ParseOspfNeighbors("").empty());
}

// --- copy

TEST(Copy, SuccessIsEmpty) {
  EXPECT_EQ(
      CopyFailure("Accessing tftp://192.168.1.100/c2960-lanbasek9-mz.152-7.E9.bin...\n"
                  "Loading c2960-lanbasek9-mz.152-7.E9.bin from 192.168.1.100 (via Vlan1): !!!!!!\n"
                  "[OK - 12582912 bytes]\n\n"
                  "12582912 bytes copied in 31.518 secs (399229 bytes/sec)\n"),
      "");
  EXPECT_EQ(CopyFailure("%Warning:There is a file already existing with this name \n"
                        "Do you want to over write? [confirm]\n"
                        "Copy in progress...CCCCC\n"
                        "4096 bytes copied in 0.120 secs (34133 bytes/sec)\n"),
            "");
  EXPECT_EQ(
      CopyFailure("Destination filename [startup-config]? \nBuilding configuration...\n[OK]\n"),
      "");
}

TEST(Copy, IosErrorWordings) {
  EXPECT_EQ(CopyFailure("Accessing tftp://192.168.1.100/x.bin...\n"
                        "%Error opening tftp://192.168.1.100/x.bin (Timed out)\n"),
            "%Error opening tftp://192.168.1.100/x.bin (Timed out)");
  EXPECT_EQ(
      CopyFailure(
          "Destination filename [c2960-backup.bin]? \n"
          "%Error copying flash:c2960-lanbasek9-mz.152-7.E6.bin (Not enough space on device)\n"),
      "%Error copying flash:c2960-lanbasek9-mz.152-7.E6.bin (Not enough space on device)");
  EXPECT_EQ(
      CopyFailure("Loading x.bin from 192.168.1.100 (via Gi0/0/0): !!!!!!!!!O.O.O.%Error reading "
                  "tftp://192.168.1.100/x.bin (Timed out)\n"),
      "%Error reading tftp://192.168.1.100/x.bin (Timed out)");
}

TEST(Copy, NoSuccessLineIsAFailure) {
  EXPECT_EQ(
      CopyFailure(
          "Accessing tftp://192.168.1.100/x.bin...\nLoading x.bin from 192.168.1.100: !!!!\n"),
      "copy did not report success: Loading x.bin from 192.168.1.100: !!!!");
  EXPECT_EQ(CopyFailure(""), "copy did not report success: no output");
  EXPECT_EQ(CopyFailure("%Warning: image is not compatible with this platform\n"),
            "%Warning: image is not compatible with this platform");
}

// --- before/after

TEST(Diff, NoChangeNoEntries) {
  Snapshot s{.interfaces = {{"Gi0/0/0", "192.168.1.1", "up", "up"}},
             .cdp_neighbors = {"SW1"},
             .ospf_neighbors = {{"2.2.2.2", "FULL/DR", "Gi0/0/1"}}};
  EXPECT_TRUE(DiffSnapshots(s, s).empty());
}

TEST(Diff, LossesFirstAndImprovementsAreNotLosses) {
  Snapshot before{
      .interfaces = {{"Gi0/0/0", "192.168.1.1", "up", "up"},
                     {"Gi0/0/1", "10.0.12.1", "up", "up"},
                     {"Gi0", "unassigned", "administratively down", "down"}},
      .cdp_neighbors = {"SW1", "R2", "R2"},
      .ospf_neighbors = {{"2.2.2.2", "FULL/DR", "Gi0/0/1"}, {"3.3.3.3", "FULL/BDR", "Gi0/0/1"}}};
  Snapshot after{.interfaces = {{"Gi0/0/0", "192.168.1.1", "up", "up"},
                                {"Gi0/0/1", "10.0.12.1", "down", "down"},
                                {"Gi0", "unassigned", "up", "up"},
                                {"Loopback0", "1.1.1.1", "up", "up"}},
                 .cdp_neighbors = {"SW1", "R2", "SW9"},
                 .ospf_neighbors = {{"2.2.2.2", "FULL/BDR", "Gi0/0/1"}}};
  std::vector<SnapshotChange> d = DiffSnapshots(before, after);
  ASSERT_EQ(d.size(), 7u);
  // Losses, in the order interfaces, CDP, OSPF.
  EXPECT_EQ(d[0].what, "interface Gi0/0/1");
  EXPECT_EQ(d[0].before, "up/up");
  EXPECT_EQ(d[0].after, "down/down");
  EXPECT_TRUE(d[0].loss);
  EXPECT_EQ(d[1].what, "CDP neighbour R2");
  EXPECT_EQ(d[1].before, "present (2 entries)");
  EXPECT_EQ(d[1].after, "present");
  EXPECT_TRUE(d[1].loss);
  EXPECT_EQ(d[2].what, "OSPF neighbour 3.3.3.3 on Gi0/0/1");
  EXPECT_EQ(d[2].after, "missing");
  EXPECT_TRUE(d[2].loss);
  // Then the changes that are not losses.
  EXPECT_EQ(d[3].what, "interface Gi0");
  EXPECT_EQ(d[3].after, "up/up");
  EXPECT_FALSE(d[3].loss);
  EXPECT_EQ(d[4].what, "interface Loopback0");
  EXPECT_EQ(d[4].before, "missing");
  EXPECT_FALSE(d[4].loss);
  EXPECT_EQ(d[5].what, "CDP neighbour SW9");
  EXPECT_FALSE(d[5].loss);
  EXPECT_EQ(d[6].what, "OSPF neighbour 2.2.2.2 on Gi0/0/1");  // DR -> BDR: still adjacent
  EXPECT_EQ(d[6].before, "FULL/DR");
  EXPECT_EQ(d[6].after, "FULL/BDR");
  EXPECT_FALSE(d[6].loss);
  // What neighbours send may still arrive after a boot; an interface's state is what it is.
  for (size_t i : {1, 2, 5, 6}) EXPECT_TRUE(d[i].heard) << d[i].what;
  for (size_t i : {0, 3, 4}) EXPECT_FALSE(d[i].heard) << d[i].what;
}

TEST(Diff, MissingInterfaceAndLostAddress) {
  Snapshot before{
      .interfaces = {{"Gi0/0/0", "192.168.1.1", "up", "up"}, {"Gi0/0/1", "10.0.12.1", "up", "up"}}};
  Snapshot after{.interfaces = {{"Gi0/0/0", "unassigned", "up", "up"}}};
  std::vector<SnapshotChange> d = DiffSnapshots(before, after);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].what, "interface Gi0/0/0 address");
  EXPECT_EQ(d[0].after, "unassigned");
  EXPECT_TRUE(d[0].loss);
  EXPECT_EQ(d[1].what, "interface Gi0/0/1");
  EXPECT_EQ(d[1].after, "missing");
  EXPECT_TRUE(d[1].loss);
}

TEST(Robustness, HugeOrAbsurdInputIsAnErrorNotACrash) {
  // A broken session can hand a parser megabytes on one line; std::regex would recurse per
  // character and overflow the stack.
  const std::string huge(2'000'000, 'x');
  EXPECT_TRUE(ParseShowVersion(std::string(kIsr1941Version) + huge + "\n").ok());  // skipped
  Result<VersionFacts> v = ParseShowVersion("edge uptime is " + huge + "\n");
  EXPECT_FALSE(v.ok());
  EXPECT_FALSE(ParseDir("Directory of flash:/\n\n" + huge + " bytes total (1 bytes free)\n").ok());
  EXPECT_FALSE(ParseDir("99999999999999999999999 bytes total (1 bytes free)\n").ok());
  EXPECT_FALSE(ParseVerifyDigest("verify /md5 (flash:" + huge + ") = 00\n").ok());
  EXPECT_TRUE(ParseOspfNeighbors("2.2.2.2 1 FULL/" + huge + "\n").empty());
  const std::string failure = CopyFailure("%Error copying " + huge + "\n");
  EXPECT_TRUE(failure.starts_with("%Error copying xxx"));
  EXPECT_LT(failure.size(), 400u);  // quoted, not copied whole
}

// --- captured from the emulator (`iosup device --platform P`; legal notices cut), for the
// platforms the golden transcripts do not cover.

constexpr char kEmulatorC9300Version[] = R"(Cisco IOS XE Software, Version 17.06.05
Cisco IOS Software [Bengaluru], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.6.5, RELEASE SOFTWARE (fc2)
Technical Support: http://www.cisco.com/techsupport

ROM: IOS-XE ROMMON
BOOTLDR: System Bootstrap, Version 17.9.1r, RELEASE SOFTWARE (P)

C9300 uptime is 0 minutes
Uptime for this control processor is 0 minutes
System returned to ROM by power-on
System restarted at 02:39:19 UTC Sat Nov 21 2026
System image file is "flash:cat9k_iosxe.17.06.05.SPA.bin"
Last reload reason: power-on

cisco C9300-24P (X86) processor with 1333273K/6147K bytes of memory.
Processor board ID FCW0775RZR1
11087104K bytes of Flash at flash:.
Base ethernet MAC Address       : 00:25:83:57:c8:31
Model number                    : C9300-24P

Switch Ports Model              SW Version        SW Image              Mode   
------ ----- -----              ----------        ----------            ----   
*    1 41    C9300-24P          17.06.05          CAT9K_IOSXE           BUNDLE 

Configuration register is 0x102
)";

constexpr char kEmulatorAsr1001Version[] = R"(Cisco IOS XE Software, Version 03.16.08.S
Cisco IOS Software [Everest], ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 3.16.8S, RELEASE SOFTWARE (fc1)

ROM: IOS-XE ROMMON

ASR1001 uptime is 0 minutes
Uptime for this control processor is 0 minutes
System returned to ROM by power-on
System restarted at 02:39:28 UTC Sat Nov 21 2026
System image file is "bootflash:asr1001-universalk9.03.16.08.S.155-3.S8-ext.SPA.bin"
Last reload reason: power-on

cisco ASR1001 (1RU) processor with 1133939K/6147K bytes of memory.
7741439K bytes of eUSB flash at bootflash:.
78085207K bytes of SATA hard disk at harddisk:.

Configuration register is 0x2102
)";

constexpr char kEmulatorC3750Version[] =
    R"(Cisco IOS Software, C3750E Software (C3750E-UNIVERSALK9-M), Version 15.2(4)E8, RELEASE SOFTWARE (fc1)

ROM: Bootstrap program is C3750E boot loader
BOOTLDR: C3750E Boot Loader (C3750X-HBOOT-M) Version 12.2(58r)SE, RELEASE SOFTWARE (fc1)

C3750 uptime is 0 minutes
System returned to ROM by power-on
System restarted at 02:39:32 UTC Sat Nov 21 2026
System image file is "flash:c3750e-universalk9-mz.152-4.E8.bin"
Last reload reason: power-on

cisco WS-C3750X-24S (PowerPC405) processor (revision A0) with 524288K bytes of memory.
Processor board ID FDO7008A1M6

Switch Ports Model                     SW Version            SW Image
------ ----- -----                     ----------            ----------
*    1 26    WS-C3750X-24S             15.2(4)E8             C3750E-UNIVERSALK9-M

Configuration register is 0xF (will be 0x2142 at next reload)
)";

TEST(EmulatorSamples, ShowVersion) {
  struct Case {
    const char* text;
    const char* hostname;
    const char* version;
    const char* image;
    const char* model;
    const char* reg;
    const char* next_reg;
  };
  const Case cases[] = {
      {kEmulatorC9300Version, "C9300", "17.06.05", "flash:cat9k_iosxe.17.06.05.SPA.bin",
       "C9300-24P", "0x102", ""},
      {kEmulatorAsr1001Version, "ASR1001", "03.16.08.S",
       "bootflash:asr1001-universalk9.03.16.08.S.155-3.S8-ext.SPA.bin", "ASR1001", "0x2102", ""},
      {kEmulatorC3750Version, "C3750", "15.2(4)E8", "flash:c3750e-universalk9-mz.152-4.E8.bin",
       "WS-C3750X-24S", "0xF", "0x2142"},
  };
  for (const Case& c : cases) {
    Result<VersionFacts> v = ParseShowVersion(c.text);
    ASSERT_TRUE(v.ok()) << c.hostname << ": " << v.status().ToString();
    EXPECT_EQ(v->hostname, c.hostname);
    EXPECT_EQ(v->version, c.version);
    EXPECT_EQ(v->system_image, c.image);
    EXPECT_EQ(v->model, c.model);
    EXPECT_EQ(v->config_register, c.reg);
    EXPECT_EQ(v->next_config_register, c.next_reg);
    EXPECT_EQ(v->uptime, "0 minutes");
  }
}

TEST(EmulatorSamples, BootStatements) {
  EXPECT_EQ(
      ParseBootStatements(
          "boot-start-marker\nboot system flash0:new.bin\n"
          "boot system flash0:c1900-universalk9-mz.SPA.154-3.M2.bin\nboot-end-marker\n"),
      (std::vector<std::string>{"flash0:new.bin", "flash0:c1900-universalk9-mz.SPA.154-3.M2.bin"}));
}

TEST(EmulatorSamples, Listings) {
  Result<FlashListing> isr = ParseDir(
      "-#- --length-- -----date/time------ path\n"
      "1     83540800 Nov 21 2026 02:39:01 c1900-universalk9-mz.SPA.154-3.M2.bin\n\n"
      "184893440 bytes available (83542016 bytes used)\n");
  ASSERT_TRUE(isr.ok()) << isr.status().ToString();
  ASSERT_EQ(isr->files.size(), 1u);
  EXPECT_EQ(isr->files[0].size, 83540800u);
  EXPECT_EQ(isr->free_bytes, 184893440u);

  Result<FlashListing> asr = ParseDir(
      "Directory of bootflash:/\n\n"
      "    1  -rw-        447283200  Nov 21 2026 02:39:08 +00:00  "
      "asr1001-universalk9.03.16.08.S.155-3.S8-ext.SPA.bin\n\n"
      "7927233536 bytes total (7479950336 bytes free)\n");
  ASSERT_TRUE(asr.ok()) << asr.status().ToString();
  const FlashFile* image = asr->Find("asr1001-universalk9.03.16.08.S.155-3.S8-ext.SPA.bin");
  ASSERT_NE(image, nullptr);
  EXPECT_EQ(image->size, 447283200u);
  EXPECT_EQ(asr->free_bytes, 7479950336u);
}

TEST(EmulatorSamples, Sha512AndCommandsTheEmulatorLacks) {
  Result<std::string> d = ParseVerifyDigest(
      "........................Done!\n"
      "verify /sha512 (flash:c2960-lanbasek9-mz.152-7.E6.bin) = "
      "e78d461965898419cca841c98a1a4df839154e89640dca2ca25e6b6fbf6b2e47810e4badcef05f141f7e50fa0c79"
      "ee25d7"
      "4e6b0037b4619c3845d0844de97700\n");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->size(), 128u);
  // `show cdp neighbors` / `show ip ospf neighbor` are not emulated: "% Invalid input" lists no
  // neighbour (the caller tells "unsupported" from "none" by the '%' line).
  const char* invalid = "           ^\n% Invalid input detected at '^' marker.\n\n";
  EXPECT_TRUE(ParseCdpNeighbors(invalid).empty());
  EXPECT_TRUE(ParseOspfNeighbors(invalid).empty());
}

// --- the emulator's own answers, from the golden transcripts (tests/transcripts/*.txt): every
// exchange a parser here reads must parse, so an emulator change that breaks the orchestrator's
// view of a device fails this test.

struct Exchange {
  std::string hostname, command, output;
};

// A transcript's privileged-EXEC exchanges: "HOST#command", then what the device printed up to
// the next prompt of the same host.
std::vector<Exchange> PrivilegedExchanges(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<Exchange> out;
  std::string line, hostname;
  bool session = false;
  Exchange* current = nullptr;
  while (std::getline(in, line)) {
    if (!session) {
      session = line == "---";
      continue;
    }
    if (hostname.empty()) hostname = line.substr(0, line.find_first_of(">#"));
    const bool prompt = line.starts_with(hostname + "#") || line.starts_with(hostname + ">") ||
                        line.starts_with(hostname + "(");
    if (prompt) {
      current = nullptr;
      if (line.starts_with(hostname + "#")) {
        out.push_back({hostname, line.substr(hostname.size() + 1), ""});
        current = &out.back();
      }
    } else if (current != nullptr) {
      current->output += line + "\n";
    }
  }
  return out;
}

std::filesystem::path TranscriptDir() { return IOSUP_TRANSCRIPT_DIR; }

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> w;
  for (std::string x; in >> x;) w.push_back(x);
  return w;
}

// Checks one exchange with the parser for its command; returns the kind checked or "".
std::string CheckExchange(const Exchange& e) {
  const std::vector<std::string> w = Words(e.command);
  if (w.empty() || e.command.find('|') != std::string::npos) return "";
  // The parser's own answers ("% Incomplete command.", "% Invalid input ...") are not the
  // command's output: the command never ran.
  if (e.output.starts_with("% ") || e.output.find("\n% Invalid input") != std::string::npos) return "";
  const bool error = e.output.starts_with("%");
  if (e.command == "show version") {
    Result<VersionFacts> v = ParseShowVersion(e.output);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    if (!v.ok()) return "show version";
    EXPECT_EQ(v->hostname, e.hostname);
    EXPECT_TRUE(v->config_register.starts_with("0x"));
    EXPECT_NE(v->system_image.find(':'), std::string::npos);
    return "show version";
  }
  if ((w[0] == "dir" || e.command.starts_with("show flash") ||
       e.command.starts_with("show bootflash")) &&
      !error) {
    Result<FlashListing> l = ParseDir(e.output);
    EXPECT_TRUE(l.ok()) << l.status().ToString();
    if (!l.ok()) return "dir";
    EXPECT_FALSE(l->files.empty()) << e.output;
    return "dir";
  }
  if (w[0] == "verify" && e.output.find("%Error opening") == std::string::npos) {
    Result<std::string> d = ParseVerifyDigest(e.output);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    if (d.ok() && w.size() == 4) {
      EXPECT_EQ(*d == w[3], e.output.find("Verified (") != std::string::npos);
    }
    return "verify";
  }
  if (w[0] == "ping" && !error && e.output.find("\n%") == std::string::npos) {
    Result<int> p = ParsePingSuccessPercent(e.output);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return "ping";
  }
  if (e.command == "show ip interface brief") {
    Result<std::vector<InterfaceState>> r = ParseIpInterfaceBrief(e.output);
    EXPECT_TRUE(r.ok() && !r->empty()) << e.output;
    return "interfaces";
  }
  if (w[0] == "copy") {
    const bool succeeded = e.output.find("bytes copied in") != std::string::npos ||
                           e.output.find("[OK]") != std::string::npos;
    const std::string failure = CopyFailure(e.output);
    EXPECT_EQ(failure.empty(), succeeded) << e.command << "\n" << e.output;
    if (!succeeded) {
      EXPECT_TRUE(failure.starts_with("%Error")) << failure;
    }
    return succeeded ? "copy ok" : "copy failed";
  }
  return "";
}

TEST(EmulatorTranscripts, EveryParsedExchangeParses) {
  ASSERT_TRUE(std::filesystem::is_directory(TranscriptDir())) << TranscriptDir();
  std::map<std::string, int> checked;
  for (const auto& entry : std::filesystem::directory_iterator(TranscriptDir())) {
    if (entry.path().extension() != ".txt") continue;
    for (const Exchange& e : PrivilegedExchanges(entry.path())) {
      SCOPED_TRACE(entry.path().filename().string() + ": " + e.command);
      const std::string kind = CheckExchange(e);
      if (!kind.empty()) ++checked[kind];
    }
  }
  for (const auto& [kind, n] : checked) RecordProperty(kind, n);
  for (const char* kind : {"show version", "dir", "verify", "ping", "interfaces",
                           "copy ok", "copy failed"}) {
    EXPECT_GT(checked[kind], 0) << "no transcript exercises " << kind;
  }
}

}  // namespace
}  // namespace iosup::upgrade

namespace iosup::upgrade {
namespace {

constexpr char kRouteTable[] =
    "Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP\n"
    "       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area \n"
    "\n"
    "Gateway of last resort is 192.168.1.254 to network 0.0.0.0\n"
    "\n"
    "S*    0.0.0.0/0 [1/0] via 192.168.1.254\n"
    "      10.0.0.0/8 is variably subnetted, 4 subnets, 3 masks\n"
    "C        10.0.12.0/30 is directly connected, GigabitEthernet0/0/1\n"
    "L        10.0.12.1/32 is directly connected, GigabitEthernet0/0/1\n"
    "O        10.0.23.0/30 [110/2] via 10.0.12.2, 00:04:11, GigabitEthernet0/0/1\n"
    "O IA     10.9.0.0/16 [110/3] via 10.0.12.2, 00:04:11, GigabitEthernet0/0/1\n"
    "      192.168.1.0/24 is variably subnetted, 2 subnets, 2 masks\n"
    "C        192.168.1.0/24 is directly connected, GigabitEthernet0/0/0\n"
    "L        192.168.1.1/32 is directly connected, GigabitEthernet0/0/0\n";

TEST(Routes, CountsEveryPrefixNotTheHeaders) {
  EXPECT_EQ(CountRoutes(kRouteTable), 7);
  EXPECT_EQ(CountRoutes(""), 0);
}

TEST(Lldp, NeighborsAndTheirLossAreDiffed) {
  const std::string table =
      "Capability codes:\n"
      "    (R) Router, (B) Bridge, (T) Telephone, (C) DOCSIS Cable Device\n\n"
      "Device ID           Local Intf     Hold-time  Capability      Port ID\n"
      "SW1                 Gi0/0/0        120        B               Gi0/1\n"
      "R2                  Gi0/0/1        120        R               Gi0/0/1\n\n"
      "Total entries displayed: 2\n";
  Snapshot before{.lldp_neighbors = ParseLldpNeighbors(table), .routes = 7};
  EXPECT_EQ(before.lldp_neighbors, (std::vector<std::string>{"SW1", "R2"}));
  Snapshot after{.lldp_neighbors = {"SW1"}, .routes = 5};
  const std::vector<SnapshotChange> changes = DiffSnapshots(before, after);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].what, "LLDP neighbour R2");
  EXPECT_EQ(changes[0].after, "missing");
  EXPECT_TRUE(changes[0].loss);
  EXPECT_EQ(changes[1].what, "routes");
  EXPECT_EQ(changes[1].before, "7");
  EXPECT_EQ(changes[1].after, "5");
  EXPECT_TRUE(changes[1].loss);
  after.routes = 9;  // more routes is a change, not a loss
  after.lldp_neighbors = before.lldp_neighbors;
  const std::vector<SnapshotChange> more = DiffSnapshots(before, after);
  ASSERT_EQ(more.size(), 1u);
  EXPECT_FALSE(more[0].loss);
}

}  // namespace
}  // namespace iosup::upgrade
