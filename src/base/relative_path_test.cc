#include "base/relative_path.h"

#include <gtest/gtest.h>

namespace iosup {
namespace {

TEST(ParseRelativePath, CollapsesEmptyAndDotComponents) {
  EXPECT_EQ(ParseRelativePath("/a//b/./c")->path, "a/b/c");
  EXPECT_EQ(ParseRelativePath("a")->path, "a");
  EXPECT_EQ(ParseRelativePath("")->path, "");
  EXPECT_EQ(ParseRelativePath("/")->path, "");
  EXPECT_EQ(ParseRelativePath("./.")->path, "");
}

TEST(ParseRelativePath, RefusesDotDotAnywhere) {
  EXPECT_FALSE(ParseRelativePath("..").has_value());
  EXPECT_FALSE(ParseRelativePath("../etc/passwd").has_value());
  EXPECT_FALSE(ParseRelativePath("a/../../b").has_value());
  EXPECT_FALSE(ParseRelativePath("a/..").has_value());
  EXPECT_TRUE(ParseRelativePath("a/..b/...").has_value());  // only ".." itself
}

TEST(ParseRelativePath, TrailingSlashOrDotNamesADirectory) {
  for (std::string_view d : {"good.bin/", "good.bin/.", "good.bin//", "good.bin/./", "/", ".",
                             "a/b/."}) {
    EXPECT_TRUE(ParseRelativePath(d)->names_directory) << d;
  }
  for (std::string_view f : {"good.bin", "/good.bin", "a/.b", "a/b.", ""}) {
    EXPECT_FALSE(ParseRelativePath(f)->names_directory) << f;
  }
  EXPECT_EQ(ParseRelativePath("good.bin/.")->path, "good.bin");
}

}  // namespace
}  // namespace iosup
