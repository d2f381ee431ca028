#include "lab/server_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>

#include "base/digest.h"
#include "device/image_format.h"
#include "platform/posix_file.h"
#include "testing/temp_dir.h"

namespace iosup {
namespace {

constexpr const char* kSwitchImage = "c2960-lanbasek9-mz.152-7.E9.bin";
constexpr const char* kRouterImage = "isr4300-universalk9.16.12.04.SPA.bin";

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// The MD5 of the bytes the recipe named by `name` generates, hashed here from the generator.
std::string GeneratedMd5(const std::string& name, uint64_t size) {
  Hasher md5(DigestKind::kMd5);
  EXPECT_TRUE(GenerateImage(*ImageRecipe::FromName(name, size), [&](std::span<const uint8_t> c) {
                md5.Update(c);
                return Status::Ok();
              }).ok());
  return md5.FinishHex();
}

struct FileIdentity {
  ino_t inode = 0;
  timespec mtime{};
};
FileIdentity IdentityOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return {st.st_ino, st.st_mtim};
}

ServerRoot RootIn(const std::string& dir, std::vector<ServedFile> files) {
  EXPECT_TRUE(MakeDirs(dir).ok());
  return {dir, dir + "/MD5SUMS", std::move(files)};
}

// A served file is generated once with the generator's exact bytes, and published with their
// MD5; staging the root again neither rewrites nor changes it.
TEST(ServerFiles, GeneratesEachFileOnceWithTheGeneratorsBytes) {
  TempDir dir;
  const ServerRoot root = RootIn(dir.path() + "/srv", {{kRouterImage, 300000}, {kSwitchImage, 150000}});
  Result<PublishedFiles> first = StageServerFiles(root);
  ASSERT_TRUE(first.ok()) << first.status().ToString();

  const std::string router_md5 = GeneratedMd5(kRouterImage, 300000);
  const std::string switch_md5 = GeneratedMd5(kSwitchImage, 150000);
  EXPECT_EQ(first->at(kRouterImage), router_md5);
  EXPECT_EQ(first->at(kSwitchImage), switch_md5);
  const std::string router_bytes = ReadBytes(root.root + "/" + kRouterImage);
  EXPECT_EQ(router_bytes.size(), 300000u);
  EXPECT_EQ(DigestHex(DigestKind::kMd5, router_bytes), router_md5);
  EXPECT_EQ(DigestHex(DigestKind::kMd5, ReadBytes(root.root + "/" + kSwitchImage)), switch_md5);
  EXPECT_EQ(ReadBytes(root.manifest), router_md5 + "  " + kRouterImage + "\n" + switch_md5 + "  " +
                                          kSwitchImage + "\n");

  const FileIdentity before = IdentityOf(root.root + "/" + kRouterImage);
  Result<PublishedFiles> again = StageServerFiles(root);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, *first);
  const FileIdentity after = IdentityOf(root.root + "/" + kRouterImage);
  EXPECT_EQ(after.inode, before.inode);
  EXPECT_EQ(after.mtime.tv_sec, before.mtime.tv_sec);
  EXPECT_EQ(after.mtime.tv_nsec, before.mtime.tv_nsec);
}

// The lab's way: every root staged, in order, on a thread of its own; a file that cannot be
// generated fails the staging and is named.
TEST(ServerFiles, StagesEveryRootOffTheCallersThread) {
  TempDir dir;
  std::vector<ServerRoot> roots = {RootIn(dir.path() + "/a", {{kSwitchImage, 150000}}),
                                   RootIn(dir.path() + "/b", {{kRouterImage, 200000}})};
  Result<std::vector<PublishedFiles>> staged = StageServerFilesAsync(roots).get();
  ASSERT_TRUE(staged.ok()) << staged.status().ToString();
  ASSERT_EQ(staged->size(), 2u);
  EXPECT_EQ((*staged)[0].at(kSwitchImage), GeneratedMd5(kSwitchImage, 150000));
  EXPECT_EQ((*staged)[1].at(kRouterImage), GeneratedMd5(kRouterImage, 200000));
  EXPECT_EQ(DigestHex(DigestKind::kMd5, ReadBytes(dir.path() + "/b/" + kRouterImage)),
            (*staged)[1].at(kRouterImage));

  roots.push_back(RootIn(dir.path() + "/c", {{"not-an-image-name", 150000}}));
  Result<std::vector<PublishedFiles>> failed = StageServerFilesAsync(roots).get();
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("not-an-image-name"), std::string::npos)
      << failed.status().ToString();
}

}  // namespace
}  // namespace iosup
