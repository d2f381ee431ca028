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
