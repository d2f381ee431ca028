#include "cli/output_filter.h"

#include <gtest/gtest.h>

namespace iosup::cli {
namespace {

constexpr const char* kConfig =
    "hostname R1\n"
    "boot-start-marker\n"
    "boot system bootflash:new.bin\n"
    "boot system bootflash:old.bin\n"
    "boot-end-marker\n"
    "interface GigabitEthernet0/0/0\n"
    " ip address 192.168.1.1 255.255.255.0\n"
    "interface GigabitEthernet0/0/1\n"
    " shutdown\n"
    "end\n";

std::string Filtered(const std::string& spec) {
  FilterError err{};
  auto f = ParseOutputFilter(spec, &err);
  EXPECT_TRUE(f.ok()) << spec;
  return f.ok() ? ApplyOutputFilter(*f, kConfig) : "";
}

TEST(OutputFilter, IncludeExcludeBeginCount) {
  EXPECT_EQ(Filtered(" include boot system"),
            "boot system bootflash:new.bin\nboot system bootflash:old.bin\n");
  EXPECT_EQ(Filtered(" i boot"), "boot-start-marker\nboot system bootflash:new.bin\n"
                            "boot system bootflash:old.bin\nboot-end-marker\n");
  EXPECT_EQ(Filtered(" exclude ^ |boot|interface|end|hostname"), "");
  EXPECT_EQ(Filtered(" begin interface"), "interface GigabitEthernet0/0/0\n"
                                     " ip address 192.168.1.1 255.255.255.0\n"
                                     "interface GigabitEthernet0/0/1\n shutdown\nend\n");
  EXPECT_EQ(Filtered(" count boot"), "Number of lines which match regexp = 4\n");
}

TEST(OutputFilter, SectionKeepsChildren) {
  EXPECT_EQ(Filtered(" section 0/0/1"), "interface GigabitEthernet0/0/1\n shutdown\n");
  EXPECT_EQ(Filtered(" section ip address"), " ip address 192.168.1.1 255.255.255.0\n");
}

TEST(OutputFilter, IosUnderscoreMatchesDelimiters) {
  EXPECT_EQ(Filtered(" include _R1$"), "hostname R1\n");
  EXPECT_EQ(Filtered(" include ^end_"), "end\n");
}

TEST(OutputFilter, Errors) {
  FilterError err{};
  EXPECT_FALSE(ParseOutputFilter(" frobnicate x", &err).ok());
  EXPECT_EQ(err.kind, FilterError::Kind::kInvalid);
  EXPECT_EQ(err.offset, 1u);
  EXPECT_FALSE(ParseOutputFilter(" include", &err).ok());
  EXPECT_EQ(err.kind, FilterError::Kind::kIncomplete);
  EXPECT_FALSE(ParseOutputFilter(" include ([", &err).ok());
  EXPECT_EQ(err.kind, FilterError::Kind::kBadRegex);
}

TEST(OutputFilter, UnderscoreInBracketsAndEscapedIsLiteral) {
  FilterError err{};
  auto f = ParseOutputFilter(" include a[_]b|c\\_d", &err);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(ApplyOutputFilter(*f, "a_b\na b\nc_d\nc d\n"), "a_b\nc_d\n");
}

// A pattern of 100,000 characters used to overflow the stack of std::regex's compiler and take
// the whole lab down. Patterns have a bound, past which IOS's marker points at the character that
// is one too many; up to it they compile and match.
TEST(OutputFilter, PatternsBeyondTheBoundAreRefusedWithTheMarker) {
  FilterError err{};
  const std::string longest(kMaxFilterPattern, 'x');
  auto f = ParseOutputFilter(" include " + longest, &err);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(ApplyOutputFilter(*f, "a\n" + longest + "\nb\n"), longest + "\n");
  EXPECT_FALSE(ParseOutputFilter(" include " + std::string(100000, 'x'), &err).ok());
  EXPECT_EQ(err.kind, FilterError::Kind::kBadRegex);
  EXPECT_EQ(err.offset, std::string(" include ").size() + kMaxFilterPattern);
}

// Nested repetition made std::regex backtrack exponentially (seconds to minutes of CPU on the
// lab's loop for 30-odd characters); RE2 answers in time linear in the line.
TEST(OutputFilter, BacktrackingPatternRunsInLinearTime) {
  const std::string line(64, 'x');
  FilterError err{};
  auto f = ParseOutputFilter(" include (x+x+)+y", &err);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(ApplyOutputFilter(*f, line + "\n" + line + "y\n"), line + "y\n");
  auto g = ParseOutputFilter(" count S.*.*.*.*.*.*.*.*.*.*.*.*.*.*z", &err);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(ApplyOutputFilter(*g, "System image file is " + std::string(200, 'S') + "\n"),
            "Number of lines which match regexp = 0\n");
}

// A repetition of a repetition (`t********`) is taken as one repetition and runs in linear time;
// it made std::regex spin for 39 s with eight stars.
TEST(OutputFilter, RepeatedStarsAreOneRepetition) {
  FilterError err{};
  auto f = ParseOutputFilter(" include Syst********em image", &err);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(ApplyOutputFilter(*f, "System image file is \"x\"\nSysem\n" + std::string(5000, 't') + "\n"),
            "System image file is \"x\"\n");
}

// A pattern that does not parse gets the marker at its start.
TEST(OutputFilter, BadPatternsAreMarked) {
  FilterError err{};
  EXPECT_FALSE(ParseOutputFilter(" include boot system)", &err).ok());
  EXPECT_EQ(err.kind, FilterError::Kind::kBadRegex);
  EXPECT_EQ(err.offset, std::string(" include ").size());
  EXPECT_FALSE(ParseOutputFilter(" include boot (system", &err).ok());
  EXPECT_EQ(err.kind, FilterError::Kind::kBadRegex);
  EXPECT_EQ(err.offset, std::string(" include ").size());
}

}  // namespace
}  // namespace iosup::cli
