// The iosup binary itself, run as a user runs it.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "testing/temp_dir.h"

namespace iosup {
namespace {

struct CommandRun {
  int code;
  std::string out;
};

CommandRun Iosup(const std::string& args) {
  std::string cmd = std::string(IOSUP_BINARY_PATH) + " " + args + " 2>&1";
  CommandRun r{-1, ""};
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf;
  for (size_t n; (n = std::fread(buf.data(), 1, buf.size(), p)) > 0;) r.out.append(buf.data(), n);
  int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(ImageCommand, MakeThenInspect) {
  TempDir dir;
  const std::string file = dir.path() + "/c2960-lanbasek9-mz.152-7.E9.bin";
  CommandRun make = Iosup("image make c2960-lanbasek9-mz.152-7.E9.bin --size 1M -o " + file);
  ASSERT_EQ(make.code, 0) << make.out;
  CommandRun inspect = Iosup("image inspect " + file);
  ASSERT_EQ(inspect.code, 0) << inspect.out;
  EXPECT_NE(inspect.out.find("Size:      1048576 bytes"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("lanbase"), std::string::npos);
  EXPECT_NE(inspect.out.find("15.2(7)E9"), std::string::npos);
  EXPECT_NE(inspect.out.find("internal checksum OK"), std::string::npos);
  // md5sum of the file must equal what inspect prints.
  FILE* p = ::popen(("md5sum " + file).c_str(), "r");
  char sum[64] = {};
  ASSERT_EQ(std::fread(sum, 1, 32, p), 32u);
  ::pclose(p);
  EXPECT_NE(inspect.out.find(std::string("MD5:       ") + sum), std::string::npos);
}

TEST(ImageCommand, CorruptImageIsReportedWithNonZeroExit) {
  TempDir dir;
  const std::string file = dir.path() + "/isr4300-universalk9.16.12.04.SPA.bin";
  ASSERT_EQ(Iosup("image make isr4300-universalk9.16.12.04.SPA.bin --size 100000 -o " + file).code, 0);
  FILE* f = std::fopen(file.c_str(), "r+b");
  std::fseek(f, 50000, SEEK_SET);
  std::fputc('!', f);
  std::fclose(f);
  CommandRun inspect = Iosup("image inspect " + file);
  EXPECT_EQ(inspect.code, 3);
  EXPECT_NE(inspect.out.find("internal checksum mismatch"), std::string::npos) << inspect.out;
}

TEST(ImageCommand, UnknownNameNeedsPlatformAndVersion) {
  TempDir dir;
  CommandRun r = Iosup("image make lab.bin --size 4096 -o " + dir.path() + "/lab.bin");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("unknown image name: lab.bin"), std::string::npos) << r.out;
  r = Iosup("image make lab.bin --size 4096 --platform c2960 --version '15.2(7)E9' -o " +
            dir.path() + "/lab.bin");
  EXPECT_EQ(r.code, 0) << r.out;
  r = Iosup("image make c2960-lanbasek9-mz.152-7.E9.bin --size 12Q -o " + dir.path() + "/x");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("unknown size unit 'Q'"), std::string::npos);
}

TEST(PlatformsCommand, ListsEveryRow) {
  CommandRun r = Iosup("platforms");
  ASSERT_EQ(r.code, 0);
  for (const char* id : {"ISR4321", "ISR1941", "C2960", "C3750", "C9300", "ASR1001"}) {
    EXPECT_NE(r.out.find(id), std::string::npos) << id;
  }
}

}  // namespace
}  // namespace iosup

namespace iosup {
namespace {

// `iosup lab` in the foreground with a small topology; `iosup console` reaches a device through
// its console socket; SIGINT stops the lab and keeps its state.
TEST(LabCommand, RunsReachableByConsoleAndStopsOnSigint) {
  TempDir dir;
  const std::string topo = dir.path() + "/lab.yaml";
  FILE* f = std::fopen(topo.c_str(), "w");
  std::fputs("devices:\n  - {name: SW, platform: C2960, count: 2, image_size: 100000}\n"
             "servers:\n  - address: 192.168.1.100\n"
             "    files: [{name: c2960-lanbasek9-mz.152-7.E9.bin, size: 200000}]\n", f);
  std::fclose(f);
  const std::string lab = dir.path() + "/state", out = dir.path() + "/lab.out";
  const std::string bin = IOSUP_BINARY_PATH, script = dir.path() + "/run.sh";
  f = std::fopen(script.c_str(), "w");
  std::fputs((bin + " lab " + topo + " --lab-dir " + lab + " > " + out + " 2>&1 & pid=$!\n"
              "for i in $(seq 1 100); do grep -q 'devices up' " + out + " && break; sleep 0.1; done\n"
              "printf '\\rshow privilege\\r' | " + bin + " console SW1 --lab-dir " + lab + "\n"
              "kill -INT $pid; wait $pid; echo \"lab exit $?\"; cat " + out + "\n").c_str(), f);
  std::fclose(f);
  FILE* p = ::popen(("sh " + script + " 2>&1").c_str(), "r");
  CommandRun r{-1, ""};
  std::array<char, 4096> buf;
  for (size_t n; (n = std::fread(buf.data(), 1, buf.size(), p)) > 0;) r.out.append(buf.data(), n);
  ::pclose(p);
  EXPECT_NE(r.out.find("Current privilege level is 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("lab exit 0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 devices up in"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("iosup console SW1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("server tftp 192.168.1.100 -> 127.0.0.1:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("stopped; state kept in"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace iosup
