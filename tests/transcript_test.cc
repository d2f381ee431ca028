// Replays every golden transcript in tests/transcripts/ against an emulated device.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/transcript_runner.h"

namespace iosup {
namespace {

std::vector<std::string> Transcripts() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(IOSUP_TRANSCRIPT_DIR)) {
    if (e.path().extension() == ".txt") out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class TranscriptTest : public ::testing::TestWithParam<std::string> {};

TEST_P(TranscriptTest, Replays) {
  TranscriptResult r = RunTranscript(std::string(IOSUP_TRANSCRIPT_DIR) + "/" + GetParam(),
                                     IOSUP_TEST_BLOB_CACHE);
  EXPECT_TRUE(r.ok) << GetParam() << "\n" << r.message;
}

INSTANTIATE_TEST_SUITE_P(Golden, TranscriptTest, ::testing::ValuesIn(Transcripts()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(0, info.param.size() - 4);
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace iosup

namespace iosup {
namespace {

// The runner must fail on any difference, or the golden tests prove nothing.
TEST(TranscriptRunner, DetectsDifferences) {
  const std::string dir = ::testing::TempDir();
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir + "/" + name) << text;
    return dir + "/" + name;
  };
  const std::string setup =
      "@platform C2960\n@name SW9\n@hostname SW9\n"
      "@image flash:c2960-lanbasek9-mz.152-7.E6.bin 65536\n---\n";
  EXPECT_TRUE(RunTranscript(write("good.txt", setup + "SW9>show privilege\n"
                                              "Current privilege level is 1\nSW9>"),
                            IOSUP_TEST_BLOB_CACHE).ok);
  auto wrong_output = RunTranscript(write("bad1.txt", setup + "SW9>show privilege\n"
                                                              "Current privilege level is 15\nSW9>"),
                                    IOSUP_TEST_BLOB_CACHE);
  EXPECT_FALSE(wrong_output.ok);
  EXPECT_NE(wrong_output.message.find("Current privilege level is 1\n"), std::string::npos);
  EXPECT_FALSE(RunTranscript(write("bad2.txt", setup + "SW9>show privilege\n"
                                                       "Current privilege level is 1\nSW9>extra"),
                             IOSUP_TEST_BLOB_CACHE).ok);
  EXPECT_FALSE(RunTranscript(write("bad3.txt", "@frobnicate x\n---\n"), IOSUP_TEST_BLOB_CACHE).ok);
}

}  // namespace
}  // namespace iosup
