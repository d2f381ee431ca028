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

}  // namespace
}  // namespace iosup::cli
