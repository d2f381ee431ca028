#include "upgrade/progress_printer.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "testing/manual_clock.h"

namespace iosup::upgrade {
namespace {

std::string Drain(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string s;
  for (int c; (c = std::fgetc(f)) != EOF;) s += static_cast<char>(c);
  return s;
}

StepRecord Step(std::string name, StepOutcome o, std::string detail) {
  const WallTime t = std::chrono::system_clock::now();
  return {.step = std::move(name), .outcome = o, .started = t, .finished = t + std::chrono::milliseconds(1500),
          .detail = std::move(detail)};
}

TEST(TransferBar, FillsInProportionAndCapsAtTheTotal) {
  EXPECT_EQ(TransferBar(50, 100, 10), "[#####-----]  50%");
  EXPECT_EQ(TransferBar(0, 100, 4), "[----]   0%");
  EXPECT_EQ(TransferBar(200, 100, 4), "[####] 100%");
  EXPECT_EQ(TransferBar(5, 0), "");
}

TEST(ProgressPrinter, PlainModeLogsStepEndsAndOutcomesOnly) {
  std::FILE* f = std::tmpfile();
  ManualClock clock;
  ProgressPrinter p(f, clock, /*live=*/false);
  p.StepStarted("SW1", "stage");
  p.Transfer("SW1", 10, 100);
  p.StepEnded("SW1", Step("stage", StepOutcome::kDone, "12582912 bytes copied in 0.1 s"));
  p.DeviceEnded({.name = "SW1", .outcome = DeviceOutcome::kFailed, .failure = "verify: MD5 mismatch"});
  const std::string out = Drain(f);
  std::fclose(f);
  EXPECT_NE(out.find("SW1 stage: done (1.5 s) - 12582912 bytes copied in 0.1 s\n"), std::string::npos) << out;
  EXPECT_NE(out.find("SW1: failed - verify: MD5 mismatch\n"), std::string::npos) << out;
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << "no terminal codes in a log";
  EXPECT_EQ(out.find("started"), std::string::npos);
}

TEST(ProgressPrinter, LiveModeRedrawsOneLinePerActiveDeviceWithItsBar) {
  std::FILE* f = std::tmpfile();
  ManualClock clock;
  ProgressPrinter p(f, clock, /*live=*/true);
  p.StepStarted("R1", "stage");
  p.StepStarted("SW1", "verify");
  p.Transfer("R1", 10, 100);  // within 100 ms of the last redraw: not drawn (throttled)
  clock.Advance(std::chrono::milliseconds(120));
  p.Transfer("R1", 50, 100);
  p.Flush();
  const std::string out = Drain(f);
  std::fclose(f);
  EXPECT_NE(out.find("  R1               stage       [##########----------]  50%"), std::string::npos) << out;
  EXPECT_NE(out.find("  SW1              verify"), std::string::npos) << out;
  EXPECT_NE(out.find("\x1b[1A\x1b[2K"), std::string::npos) << "the block is erased before a redraw";
  EXPECT_EQ(out.find("  10%"), std::string::npos) << "throttled";
}

}  // namespace
}  // namespace iosup::upgrade
