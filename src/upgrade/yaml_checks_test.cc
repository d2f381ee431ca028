#include "upgrade/yaml_checks.h"

#include <gtest/gtest.h>

namespace iosup::upgrade {
namespace {

Result<int> ReadCount(const std::string& text) {
  return ParseYaml<int>(text, "settings", [](const YAML::Node& root) -> Result<int> {
    return root["count"].as<int>();
  });
}

TEST(ParseYamlTest, HandsTheRootToBuild) {
  Result<int> count = ReadCount("name: x\ncount: 42\n");
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 42);
}

TEST(ParseYamlTest, ASyntaxErrorNamesItsLine) {
  Result<int> count = ReadCount("name: x\ncount: [1, 2\n");
  EXPECT_EQ(count.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(count.status().message().starts_with("line 3: ")) << count.status().message();
}

// yaml-cpp's own errors thrown while `build` reads the tree stop at ParseYaml too.
TEST(ParseYamlTest, AReadThatFailsInBuildNamesItsLine) {
  Result<int> count = ReadCount("name: x\ncount: many\n");
  EXPECT_EQ(count.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(count.status().message(), "line 2: bad conversion");
}

TEST(YamlErrorTest, WithoutAPositionNamesTheDocument) {
  Status s = YamlError(YAML::Exception(YAML::Mark::null_mark(), "bad file"), "policy");
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "policy: bad file");
  EXPECT_EQ(YamlError(YAML::ParserException(YAML::Mark(), "oops"), "policy").message(),
            "line 1: oops");
}

}  // namespace
}  // namespace iosup::upgrade
