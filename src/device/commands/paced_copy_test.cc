// Realistic file timing (DeviceOptions::realistic_file_timing): copies and `verify` keep the
// platform's pace on the device's clock. Driven with the manual clock and the in-memory TFTP port.
#include <gtest/gtest.h>

#include <algorithm>

#include "base/digest.h"
#include "device/commands/device_session.h"
#include "device/commands/file_helpers.h"
#include "device/commands/ios_command_set.h"
#include "testing/capture_terminal.h"
#include "testing/device_fixture.h"
#include "testing/fake_transfer_port.h"
#include "testing/test_bytes.h"

namespace iosup {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr char kServer[] = "192.168.1.100";
constexpr char kNewImage[] = "c2960-lanbasek9-mz.152-7.E9.bin";
constexpr uint64_t kSeedSwitchImageBytes = 12582912;  // seed 001's c2960 E9 image

using Capture = CaptureTerminal;

size_t Count(const std::string& s, char c) { return static_cast<size_t>(std::count(s.begin(), s.end(), c)); }

class PacedCopyTest : public DeviceFixture {
 protected:
  // SW1 (a 2960) or R1 (an ISR4321) running its factory image, reaching the seeds' TFTP server.
  std::unique_ptr<Device> Start(const std::string& platform, bool realistic) {
    const bool sw = platform == "C2960";
    auto d = MakeDevice(platform, {.name = sw ? "SW1" : "R1", .realistic_file_timing = realistic});
    PutImage(*d, sw ? "flash:c2960-lanbasek9-mz.152-7.E6.bin"
                    : "bootflash:isr4300-universalk9.16.09.06.SPA.bin");
    SetStartup(*d, {sw ? "hostname SW1" : "hostname R1"});
    d->set_transfer(&tftp_);
    d->PowerOn();
    EXPECT_EQ(d->state(), DeviceState::kRunning);
    tftp_.servers.insert(kServer);
    return d;
  }

  std::unique_ptr<DeviceSession> Open(Device& d) {
    auto s = std::make_unique<DeviceSession>(
        d, IosCommandSet(d.platform()), term_,
        cli::Session::Options{.privilege = 15, .terminal_length = 0},
        SessionLine{.name = "vty 0", .user = "admin", .peer = "127.0.0.1"});
    s->Start();
    term_.Take();
    return s;
  }

  // Types the copy of `file` from the server into flash: and accepts the offered name.
  void CopyIn(DeviceSession& s, const std::string& file, const std::string& fs = "flash:") {
    s.Input("copy tftp://" + std::string(kServer) + "/" + file + " " + fs + "\r");
    s.Input("\r");
  }

  // The server offers the new image (1 MiB); the transfer's end waits for the test.
  void ServeNewImageHeld() {
    tftp_.files[kServer][kNewImage] = PatternBytes(1024 * 1024);
    tftp_.hold_completion = true;
  }

  void Wait(Device& d, Duration how_long) {
    clock_.Advance(how_long);
    d.Tick();
  }

  Result<FileInfo> Stat(const std::string& store, const std::string& path) {
    return Store(store).Stat(path);
  }

  FakeTransferPort tftp_;
  Capture term_;
};

// Seed 001, SW1: "12582912 bytes copied in 35.211 secs (357348 bytes/sec)".
TEST_F(PacedCopyTest, SwitchCopyTakesTheSeedsTimeAndCommitsOnlyAtTheEnd) {
  auto sw = Start("C2960", /*realistic=*/true);
  const std::string image = PatternBytes(kSeedSwitchImageBytes);
  tftp_.files[kServer][kNewImage] = image;
  auto s = Open(*sw);
  const WallTime started = clock_.Now();
  CopyIn(*s, kNewImage);
  std::string out = term_.Take();
  EXPECT_NE(out.find("Loading c2960-lanbasek9-mz.152-7.E9.bin from 192.168.1.100 (via Vlan1): "),
            std::string::npos)
      << out;
  EXPECT_EQ(Count(out, '!'), 0u);
  EXPECT_EQ(sw->work_in_progress(), 1u);

  // Ten seconds in: 10 x 357348 bytes shown (7 marks of 512 KiB begun) and written, not committed.
  Wait(*sw, seconds(10));
  out = term_.Take();
  EXPECT_EQ(Count(out, '!'), 7u) << out;
  EXPECT_EQ(out.find("[OK"), std::string::npos);
  Result<FileInfo> info = Stat("flash", kNewImage);
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->partial);
  EXPECT_EQ(info->size, 3573480u);

  // Just short of the realistic time: still copying.
  const WallTime end = Pace(started, 357348).TimeFor(kSeedSwitchImageBytes);
  Wait(*sw, end - milliseconds(1) - clock_.Now());
  out = term_.Take();
  EXPECT_EQ(out, std::string(24 - 7, '!'));  // every 512 KiB begun: 24 in all
  EXPECT_TRUE(Stat("flash", kNewImage)->partial);

  Wait(*sw, milliseconds(1));
  out = term_.Take();
  EXPECT_EQ(out, "\n[OK - 12582912 bytes]\n\n12582912 bytes copied in 35.212 secs (357348 bytes/sec)\nSW1#");
  info = Stat("flash", kNewImage);
  ASSERT_TRUE(info.ok());
  EXPECT_FALSE(info->partial);
  EXPECT_EQ(*Store("flash").GetBytes(kNewImage), image);
  EXPECT_TRUE(Store("spool").List("")->empty());
  EXPECT_EQ(sw->work_in_progress(), 0u);
}

// Seed 001, R1: 521347072 bytes "in 1187.234 secs (439151 bytes/sec)". The arithmetic the copy
// uses, at the ISR4321's rate (the full-size copy would hold 1.5 GB in memory).
TEST_F(PacedCopyTest, RouterImageAtTheIsrRateTakesTheSeedsTwentyMinutes) {
  const PlatformSpec& isr = **FindPlatform("ISR4321");
  const WallTime t0 = clock_.Now();
  const Duration took = Pace(t0, isr.RealisticDownloadRate()).TimeFor(521347072) - t0;
  EXPECT_GT(took, seconds(1150));
  EXPECT_LT(took, seconds(1250));
  EXPECT_TRUE(CopiedLineFor(521347072, took).starts_with("521347072 bytes copied in 1187."))
      << CopiedLineFor(521347072, took);
  // The 2960's flash is not what limits it: its TFTP rate is.
  EXPECT_EQ((*FindPlatform("C2960"))->RealisticDownloadRate(), 357348u);
}

TEST_F(PacedCopyTest, RouterCopyShowsTheIsrRate) {
  auto r1 = Start("ISR4321", /*realistic=*/true);
  tftp_.files[kServer]["small.bin"] = PatternBytes(2 * 1024 * 1024);
  auto s = Open(*r1);
  CopyIn(*s, "small.bin", "bootflash:");
  EXPECT_NE(term_.Take().find("(via GigabitEthernet0/0/0): "), std::string::npos);
  Wait(*r1, seconds(4));
  EXPECT_EQ(term_.out.find("[OK"), std::string::npos);
  Wait(*r1, seconds(1));  // 2097152 / 439151 = 4.78 s
  EXPECT_NE(term_.Take().find("[OK - 2097152 bytes]\n\n2097152 bytes copied in 5.000 secs (419430 bytes/sec)\n"),
            std::string::npos);
  EXPECT_FALSE(Stat("bootflash", "small.bin")->partial);
}

TEST_F(PacedCopyTest, ClosingTheSessionMidwayLeavesNoFile) {
  auto sw = Start("C2960", /*realistic=*/true);
  tftp_.files[kServer][kNewImage] = PatternBytes(4 * 1024 * 1024);
  auto s = Open(*sw);
  CopyIn(*s, kNewImage);
  Wait(*sw, seconds(5));
  ASSERT_TRUE(Stat("flash", kNewImage).ok());  // partial, growing
  s.reset();  // the vty session ends (client gone, `clear line`)
  Wait(*sw, milliseconds(100));
  EXPECT_EQ(Stat("flash", kNewImage).status().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(Store("spool").List("")->empty());
  EXPECT_EQ(sw->work_in_progress(), 0u);
  Wait(*sw, seconds(60));  // nothing comes back later
  EXPECT_EQ(Stat("flash", kNewImage).status().code(), ErrorCode::kNotFound);
}

TEST_F(PacedCopyTest, ASessionEndingWhileTheTransferRunsLeavesNoFileEither) {
  auto sw = Start("C2960", /*realistic=*/true);
  ServeNewImageHeld();
  auto s = Open(*sw);
  CopyIn(*s, kNewImage);
  Wait(*sw, seconds(1));
  s.reset();
  Wait(*sw, milliseconds(100));
  EXPECT_EQ(sw->work_in_progress(), 0u);
  EXPECT_EQ(Stat("flash", kNewImage).status().code(), ErrorCode::kNotFound);
  // The transfer is cancelled with the copy, and its spool file goes at once.
  ASSERT_EQ(tftp_.transfers.size(), 1u);
  EXPECT_TRUE(tftp_.transfers[0]->cancelled);
  EXPECT_EQ(tftp_.transfers[0]->cancel_calls, 1);
  EXPECT_TRUE(Store("spool").List("")->empty());
  EXPECT_EQ(tftp_.ReleaseHeld(), 0u);
  // A port that reports the end anyway changes nothing.
  EXPECT_EQ(tftp_.ReleaseHeldEvenCancelled(), 1u);
  EXPECT_TRUE(Store("spool").List("")->empty());
  EXPECT_EQ(Stat("flash", kNewImage).status().code(), ErrorCode::kNotFound);
}

TEST_F(PacedCopyTest, AReloadMidwayKeepsTheFileThatWasBeingReplaced) {
  auto sw = Start("C2960", /*realistic=*/true);
  const std::string old_bytes = PatternBytes(1000);
  ASSERT_TRUE(Store("flash").PutBytes(kNewImage, old_bytes).ok());
  tftp_.files[kServer][kNewImage] = PatternBytes(4 * 1024 * 1024);
  auto s = Open(*sw);
  CopyIn(*s, kNewImage);
  s->Input("\r");  // [confirm] the overwrite
  EXPECT_NE(term_.Take().find("Do you want to over write? [confirm]"), std::string::npos);
  Wait(*sw, seconds(5));
  EXPECT_EQ(*Store("flash").GetBytes(kNewImage), old_bytes);  // replaced only at the end
  sw->Reload("Reload Command", "console");
  EXPECT_EQ(sw->work_in_progress(), 0u);
  EXPECT_EQ(*Store("flash").GetBytes(kNewImage), old_bytes);
  EXPECT_TRUE(Store("spool").List("")->empty());
  Wait(*sw, seconds(60));
  EXPECT_EQ(*Store("flash").GetBytes(kNewImage), old_bytes);
  EXPECT_EQ(term_.Take().find("[OK"), std::string::npos);
}

TEST_F(PacedCopyTest, ANewFileInterruptedByAReloadIsGone) {
  auto r1 = Start("ISR4321", /*realistic=*/true);
  tftp_.files[kServer]["new.bin"] = PatternBytes(4 * 1024 * 1024);
  auto s = Open(*r1);
  CopyIn(*s, "new.bin", "bootflash:");
  Wait(*r1, seconds(3));
  ASSERT_TRUE(Stat("bootflash", "new.bin")->partial);
  r1->Reload("Reload Command", "console");
  ASSERT_EQ(r1->state(), DeviceState::kRunning);
  EXPECT_EQ(Stat("bootflash", "new.bin").status().code(), ErrorCode::kNotFound);
}

TEST_F(PacedCopyTest, FlashFillingUpFailsWhenThePaceGetsThere) {
  auto sw = Start("C2960", /*realistic=*/true);
  const uint64_t free_bytes = Store("flash").Space().free();
  ASSERT_TRUE(Store("flash").PutBytes("filler", std::string(free_bytes - 1024 * 1024, 'x')).ok());
  tftp_.send_tsize = false;  // so the size is not known up front
  tftp_.files[kServer][kNewImage] = PatternBytes(2 * 1024 * 1024);
  auto s = Open(*sw);
  CopyIn(*s, kNewImage);
  Wait(*sw, seconds(2));  // 714696 bytes in: fits
  EXPECT_EQ(term_.out.find("%Error"), std::string::npos);
  Wait(*sw, seconds(2));  // 1429392: the megabyte left is exceeded
  const std::string out = term_.Take();
  EXPECT_NE(out.find("!\n%Error copying tftp://192.168.1.100/c2960-lanbasek9-mz.152-7.E9.bin (Not enough space on device)\nSW1#"),
            std::string::npos)
      << out;
  EXPECT_EQ(Stat("flash", kNewImage).status().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(Store("spool").List("")->empty());
}

TEST_F(PacedCopyTest, ConfigurationCopiedInIsMergedAtTheEnd) {
  auto r1 = Start("ISR4321", /*realistic=*/true);
  std::string config = "hostname R1-NEW\n";
  config += std::string(800 * 1024, '!') + "\n";  // comments: 1.9 s at the ISR's rate
  tftp_.files[kServer]["r1.cfg"] = config;
  auto s = Open(*r1);
  s->Input("copy tftp://192.168.1.100/r1.cfg running-config\r");
  Wait(*r1, seconds(1));
  EXPECT_EQ(r1->hostname(), "R1");
  Wait(*r1, seconds(1));
  EXPECT_EQ(r1->hostname(), "R1-NEW");
}

TEST_F(PacedCopyTest, UploadIsPacedAtTheTftpRate) {
  auto r1 = Start("ISR4321", /*realistic=*/true);
  ASSERT_TRUE(Store("bootflash").PutBytes("backup.bin", PatternBytes(1024 * 1024)).ok());
  auto s = Open(*r1);
  s->Input("copy bootflash:backup.bin tftp:\r");
  s->Input(std::string(kServer) + "\r");
  s->Input("\r");
  EXPECT_EQ(tftp_.files[kServer].count("backup.bin"), 1u);  // the transfer itself is quick
  term_.Take();
  Wait(*r1, seconds(2));
  EXPECT_EQ(term_.out.find("bytes copied"), std::string::npos);
  Wait(*r1, milliseconds(400));  // 1048576 / 439151 = 2.388 s
  EXPECT_NE(term_.Take().find("!!\n1048576 bytes copied in 2.400 secs (436907 bytes/sec)\nR1#"),
            std::string::npos);
}

TEST_F(PacedCopyTest, WithoutRealisticTimingACopyEndsAtOnce) {
  auto sw = Start("C2960", /*realistic=*/false);
  tftp_.files[kServer][kNewImage] = PatternBytes(1024 * 1024);
  auto s = Open(*sw);
  CopyIn(*s, kNewImage);
  EXPECT_NE(term_.Take().find("!!\n[OK - 1048576 bytes]\n\n1048576 bytes copied in 0.000 secs (1048576 bytes/sec)\nSW1#"),
            std::string::npos);
  EXPECT_FALSE(Stat("flash", kNewImage)->partial);
  Wait(*sw, milliseconds(1));  // the device lets go of the finished copy at its next tick
  EXPECT_EQ(sw->work_in_progress(), 0u);
  EXPECT_EQ(stores_.store("spool"), nullptr);
}

// Without realistic timing the transfer's own end finishes the copy, but the device still
// tracks it: an end of session or a reload first leaves the destination as it was.
TEST_F(PacedCopyTest, WithoutRealisticTimingASessionEndingMidTransferLeavesNoFile) {
  auto sw = Start("C2960", /*realistic=*/false);
  ServeNewImageHeld();
  auto s = Open(*sw);
  CopyIn(*s, kNewImage);
  s.reset();
  Wait(*sw, milliseconds(100));
  EXPECT_EQ(sw->work_in_progress(), 0u);
  EXPECT_EQ(tftp_.cancelled(), 1);
  EXPECT_EQ(Stat("flash", kNewImage).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(tftp_.ReleaseHeldEvenCancelled(), 1u);
  EXPECT_EQ(Stat("flash", kNewImage).status().code(), ErrorCode::kNotFound);
}

TEST_F(PacedCopyTest, WithoutRealisticTimingAReloadMidTransferKeepsTheReplacedFile) {
  auto sw = Start("C2960", /*realistic=*/false);
  const std::string old_bytes = PatternBytes(1000);
  ASSERT_TRUE(Store("flash").PutBytes(kNewImage, old_bytes).ok());
  ServeNewImageHeld();
  auto s = Open(*sw);
  CopyIn(*s, kNewImage);
  s->Input("\r");  // [confirm] the overwrite
  sw->Reload("Reload Command", "console");
  ASSERT_EQ(sw->state(), DeviceState::kRunning);
  ASSERT_EQ(tftp_.transfers.size(), 1u);
  EXPECT_TRUE(tftp_.transfers[0]->cancelled);  // the reload ends the transfer with the copy
  EXPECT_EQ(tftp_.transfers[0]->cancel_calls, 1);
  EXPECT_EQ(*Store("flash").GetBytes(kNewImage), old_bytes);
  term_.Take();
  EXPECT_EQ(tftp_.ReleaseHeldEvenCancelled(), 1u);  // a port reporting late anyway
  EXPECT_EQ(*Store("flash").GetBytes(kNewImage), old_bytes);
  EXPECT_EQ(term_.Take().find("[OK"), std::string::npos);
}

// The device goes while a copy's transfer runs: the transfer is cancelled with it, so the port
// has nothing to report to the copy, which would reach a device that is gone.
TEST_F(PacedCopyTest, TheDevicesEndCancelsItsCopy) {
  auto sw = Start("C2960", /*realistic=*/false);
  ServeNewImageHeld();
  auto s = Open(*sw);
  CopyIn(*s, kNewImage);
  ASSERT_EQ(tftp_.transfers.size(), 1u);
  s.reset();  // no tick sees the session go: the device's end is what drops the copy
  sw.reset();
  EXPECT_TRUE(tftp_.transfers[0]->cancelled);
  EXPECT_EQ(tftp_.transfers[0]->cancel_calls, 1);
  EXPECT_EQ(tftp_.ReleaseHeld(), 0u);
}

TEST_F(PacedCopyTest, WithoutRealisticTimingAHeldTransferStillCompletes) {
  auto sw = Start("C2960", /*realistic=*/false);
  ServeNewImageHeld();
  auto s = Open(*sw);
  CopyIn(*s, kNewImage);
  Wait(*sw, milliseconds(100));
  EXPECT_EQ(tftp_.ReleaseHeld(), 1u);
  EXPECT_NE(term_.Take().find("[OK - 1048576 bytes]"), std::string::npos);
  EXPECT_EQ(*Store("flash").GetBytes(kNewImage), PatternBytes(1024 * 1024));
}

TEST_F(PacedCopyTest, InputTypedDuringACopyRunsAfterIt) {
  auto sw = Start("C2960", /*realistic=*/true);
  tftp_.files[kServer][kNewImage] = PatternBytes(1024 * 1024);
  auto s = Open(*sw);
  CopyIn(*s, kNewImage);
  s->Input("show flash: | include E9\r");
  Wait(*sw, seconds(1));
  EXPECT_EQ(term_.out.find("show flash"), std::string::npos);
  Wait(*sw, seconds(2));
  const std::string out = term_.Take();
  const size_t ok = out.find("[OK - 1048576 bytes]");
  ASSERT_NE(ok, std::string::npos) << out;
  EXPECT_NE(out.find("1048576", out.find("SW1#show flash: | include E9", ok)), std::string::npos) << out;
}

TEST_F(PacedCopyTest, LocalCopyIsWrittenAtTheFlashRate) {
  auto r1 = Start("ISR4321", /*realistic=*/true);
  const std::string bytes = PatternBytes(100 * 1024 * 1024);
  ASSERT_TRUE(Store("bootflash").PutBytes("big.bin", bytes).ok());
  auto s = Open(*r1);
  s->Input("copy bootflash:big.bin usb0:\r");
  s->Input("\r");
  EXPECT_TRUE(term_.Take().ends_with("Copy in progress..."));
  Wait(*r1, seconds(1));  // 40 MiB/s: one mark at the start, one per 4 MiB since
  EXPECT_EQ(term_.Take(), std::string(11, 'C'));
  EXPECT_EQ(Stat("usb0", "big.bin")->size, 40u * 1024 * 1024);
  EXPECT_TRUE(Stat("usb0", "big.bin")->partial);
  Wait(*r1, milliseconds(1499));
  EXPECT_EQ(term_.out.find("copied"), std::string::npos);
  Wait(*r1, milliseconds(1));
  EXPECT_EQ(term_.Take(), std::string(26 - 11, 'C') + "\n104857600 bytes copied in 2.500 secs (41943040 bytes/sec)\nR1#");
  EXPECT_EQ(*Store("usb0").GetBytes("big.bin"), bytes);
}

TEST_F(PacedCopyTest, LocalCopyCutByAReloadLeavesNothing) {
  auto r1 = Start("ISR4321", /*realistic=*/true);
  ASSERT_TRUE(Store("bootflash").PutBytes("big.bin", PatternBytes(8 * 1024 * 1024)).ok());
  auto s = Open(*r1);
  s->Input("copy bootflash:big.bin usb0:\r");
  s->Input("\r");
  Wait(*r1, milliseconds(100));
  ASSERT_TRUE(Stat("usb0", "big.bin")->partial);
  r1->Reload("Reload Command", "console");
  EXPECT_EQ(Stat("usb0", "big.bin").status().code(), ErrorCode::kNotFound);
}

// Ctrl-C stops a local copy at once: the new file is gone, the prompt is back, and what was
// typed before it still runs.
TEST_F(PacedCopyTest, CtrlCAbortsALocalCopyAtOnce) {
  auto r1 = Start("ISR4321", /*realistic=*/true);
  ASSERT_TRUE(Store("bootflash").PutBytes("big.bin", PatternBytes(100 * 1024 * 1024)).ok());
  auto s = Open(*r1);
  s->Input("copy bootflash:big.bin usb0:\r");
  s->Input("\r");
  Wait(*r1, seconds(1));
  ASSERT_TRUE(Stat("usb0", "big.bin")->partial);
  term_.Take();
  s->Input("show clock\r\x03");
  EXPECT_EQ(Stat("usb0", "big.bin").status().code(), ErrorCode::kNotFound);
  const std::string out = term_.Take();
  EXPECT_TRUE(out.starts_with("\n%Error copying bootflash:big.bin (Aborted)\nR1#show clock\n"))
      << out;
  Wait(*r1, seconds(5));
  EXPECT_EQ(term_.Take().find("copied"), std::string::npos);
  EXPECT_EQ(r1->work_in_progress(), 0u);
}

// Ctrl-^ (the escape sequence) stops a TFTP copy; a file it was replacing stays as it was.
TEST_F(PacedCopyTest, CtrlCaretAbortsATftpCopyAndKeepsTheReplacedFile) {
  auto sw = Start("C2960", /*realistic=*/true);
  tftp_.files[kServer][kNewImage] = PatternBytes(kSeedSwitchImageBytes);
  ASSERT_TRUE(Store("flash").PutBytes(kNewImage, "old").ok());
  auto s = Open(*sw);
  CopyIn(*s, kNewImage);
  s->Input("\r");  // over write? [confirm]
  Wait(*sw, seconds(5));
  term_.Take();
  s->Input("\x1e");
  EXPECT_EQ(term_.Take(),
            "\n%Error copying tftp://192.168.1.100/c2960-lanbasek9-mz.152-7.E9.bin (Aborted)\nSW1#");
  EXPECT_EQ(*Store("flash").GetBytes(kNewImage), "old");
  Wait(*sw, seconds(60));
  EXPECT_EQ(term_.Take(), "");
}

class PacedVerifyTest : public PacedCopyTest {};

TEST_F(PacedVerifyTest, CtrlCAbortsAVerifyAtOnce) {
  auto sw = Start("C2960", /*realistic=*/true);
  ASSERT_TRUE(Store("flash").PutBytes(kNewImage, PatternBytes(kSeedSwitchImageBytes)).ok());
  auto s = Open(*sw);
  s->Input("verify /md5 flash:c2960-lanbasek9-mz.152-7.E9.bin\r");
  Wait(*sw, seconds(3));
  EXPECT_EQ(term_.Take().substr(0, 0), "");
  s->Input("\x03");
  EXPECT_EQ(term_.Take(),
            "\n%Error verifying flash:c2960-lanbasek9-mz.152-7.E9.bin (Aborted)\nSW1#");
  Wait(*sw, seconds(60));
  EXPECT_EQ(term_.Take(), "");
  EXPECT_EQ(sw->work_in_progress(), 0u);
}

TEST_F(PacedVerifyTest, DotsComeAtTheMd5RateAndTheAnswerAtTheEnd) {
  auto sw = Start("C2960", /*realistic=*/true);
  const std::string image = PatternBytes(kSeedSwitchImageBytes);
  ASSERT_TRUE(Store("flash").PutBytes(kNewImage, image).ok());
  auto s = Open(*sw);
  s->Input("verify /md5 flash:c2960-lanbasek9-mz.152-7.E9.bin\r");
  EXPECT_TRUE(term_.Take().ends_with(".bin\n"));  // the echo, and no dot yet
  // 512 KiB/s on a 2960: 24 dots (one per 512 KiB), one a second.
  Wait(*sw, seconds(10));
  std::string out = term_.Take();
  EXPECT_EQ(out, "..........");
  Wait(*sw, milliseconds(13999));
  EXPECT_EQ(term_.Take(), std::string(13, '.'));
  Wait(*sw, milliseconds(1));
  out = term_.Take();
  EXPECT_EQ(out, ".Done!\nverify /md5 (flash:c2960-lanbasek9-mz.152-7.E9.bin) = " +
                     DigestHex(DigestKind::kMd5, image) + "\nSW1#");
  EXPECT_EQ(sw->work_in_progress(), 0u);
}

TEST_F(PacedVerifyTest, WithAnExpectedHashTheVerdictWaitsToo) {
  auto r1 = Start("ISR4321", /*realistic=*/true);
  const std::string bytes = PatternBytes(6 * 1024 * 1024);
  ASSERT_TRUE(Store("bootflash").PutBytes("x.bin", bytes).ok());
  auto s = Open(*r1);
  s->Input("verify /md5 bootflash:x.bin " + DigestHex(DigestKind::kMd5, bytes) + "\r");
  Wait(*r1, milliseconds(1999));  // 3 MiB/s
  EXPECT_EQ(term_.out.find("Verified"), std::string::npos);
  Wait(*r1, milliseconds(1));
  EXPECT_NE(term_.Take().find("Done!\nVerified (bootflash:x.bin) = "), std::string::npos);
}

TEST_F(PacedVerifyTest, AReloadEndsItWithoutAnAnswer) {
  auto sw = Start("C2960", /*realistic=*/true);
  ASSERT_TRUE(Store("flash").PutBytes(kNewImage, PatternBytes(4 * 1024 * 1024)).ok());
  auto s = Open(*sw);
  s->Input("verify /md5 flash:c2960-lanbasek9-mz.152-7.E9.bin\r");
  Wait(*sw, seconds(3));
  sw->Reload("Reload Command", "console");
  EXPECT_EQ(sw->work_in_progress(), 0u);
  Wait(*sw, seconds(60));
  EXPECT_EQ(term_.Take().find("Done!"), std::string::npos);
}

TEST_F(PacedVerifyTest, WithoutRealisticTimingTheAnswerIsImmediate) {
  auto sw = Start("C2960", /*realistic=*/false);
  ASSERT_TRUE(Store("flash").PutBytes(kNewImage, PatternBytes(1024 * 1024)).ok());
  auto s = Open(*sw);
  s->Input("verify /md5 flash:c2960-lanbasek9-mz.152-7.E9.bin\r");
  EXPECT_NE(term_.Take().find("..Done!\nverify /md5 (flash:"), std::string::npos);
  EXPECT_EQ(sw->work_in_progress(), 0u);
}

}  // namespace
}  // namespace iosup
