// The behaviour every FlashStore owes its callers, as a typed test suite. A test file instantiates
// it with a fixture that makes a fresh store of a given capacity and block size:
//   struct MyFactory { std::unique_ptr<FlashStore> Make(const Clock&, uint64_t cap, uint64_t blk); };
#ifndef IOSUP_TESTING_FLASH_STORE_CONTRACT_H_
#define IOSUP_TESTING_FLASH_STORE_CONTRACT_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "base/digest.h"
#include "base/flash_store.h"
#include "testing/manual_clock.h"

namespace iosup {

inline std::span<const uint8_t> Bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

inline Status WriteWhole(FlashStore& fs, std::string_view path, std::string_view data) {
  auto w = fs.Create(path, data.size());
  if (!w.ok()) return w.status();
  IOSUP_RETURN_IF_ERROR((*w)->Append(Bytes(data)));
  return (*w)->Commit();
}

inline std::string ReadAll(const FlashStore& fs, std::string_view path) {
  auto r = fs.OpenRead(path);
  if (!r.ok()) return "<" + r.status().ToString() + ">";
  std::string out((*r)->size(), '\0');
  auto n = (*r)->ReadAt(0, std::span<uint8_t>(reinterpret_cast<uint8_t*>(out.data()), out.size()));
  if (!n.ok()) return "<" + n.status().ToString() + ">";
  out.resize(*n);
  return out;
}

template <typename Factory>
class FlashStoreContract : public ::testing::Test {
 protected:
  std::unique_ptr<FlashStore> Make(uint64_t capacity, uint64_t block = 512) {
    return factory_.Make(clock_, capacity, block);
  }
  ManualClock clock_;
  Factory factory_;
};

TYPED_TEST_SUITE_P(FlashStoreContract);

TYPED_TEST_P(FlashStoreContract, AccountsSpaceInBlocks) {
  auto fs = this->Make(10 * 512, 512);
  ASSERT_TRUE(WriteWhole(*fs, "a.bin", std::string(513, 'x')).ok());
  EXPECT_EQ(fs->Space().used, 1024u);
  EXPECT_EQ(fs->Space().free(), 10u * 512 - 1024);
  ASSERT_TRUE(fs->MakeDir("dir").ok());
  EXPECT_EQ(fs->Space().used, 1536u);
  ASSERT_TRUE(fs->Delete("a.bin").ok());
  EXPECT_EQ(fs->Space().used, 512u);
}

TYPED_TEST_P(FlashStoreContract, RefusesWhatDoesNotFit) {
  auto fs = this->Make(4 * 512, 512);
  EXPECT_EQ(fs->Create("big", 5 * 512).status().code(), ErrorCode::kNoSpace);
  EXPECT_EQ(fs->Stat("big").status().code(), ErrorCode::kNotFound);
  auto w = fs->Create("grow", std::nullopt);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->Append(Bytes(std::string(4 * 512, 'a'))).ok());
  EXPECT_EQ((*w)->Append(Bytes("z")).code(), ErrorCode::kNoSpace);
  (*w)->Abort();
  EXPECT_EQ(fs->Stat("grow").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(fs->Space().used, 0u);
}

TYPED_TEST_P(FlashStoreContract, InterruptedNewFileStaysPartial) {
  auto fs = this->Make(1 << 20);
  {
    auto w = fs->Create("img.bin", 1000);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Append(Bytes("half")).ok());
  }  // destroyed without Commit: an interruption
  auto info = fs->Stat("img.bin");
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->partial);
  EXPECT_EQ(info->size, 4u);
  EXPECT_EQ(ReadAll(*fs, "img.bin"), "half");
  EXPECT_FALSE(fs->ContentNote("img.bin", "md5").has_value());
}

TYPED_TEST_P(FlashStoreContract, ReplacementIsAtomic) {
  auto fs = this->Make(1 << 20);
  ASSERT_TRUE(WriteWhole(*fs, "startup-config", "old").ok());
  uint32_t index = fs->Stat("startup-config")->index;
  {
    auto w = fs->Create("startup-config", std::nullopt);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Append(Bytes("new but interrupted")).ok());
    EXPECT_EQ(ReadAll(*fs, "startup-config"), "old");
  }
  EXPECT_EQ(ReadAll(*fs, "startup-config"), "old");
  EXPECT_FALSE(fs->Stat("startup-config")->partial);
  ASSERT_TRUE(WriteWhole(*fs, "startup-config", "new").ok());
  EXPECT_EQ(ReadAll(*fs, "startup-config"), "new");
  EXPECT_EQ(fs->Stat("startup-config")->index, index);
  EXPECT_EQ(fs->Space().used, 512u);
}

TYPED_TEST_P(FlashStoreContract, ListsInCreationOrderWithDirectories) {
  auto fs = this->Make(1 << 20);
  ASSERT_TRUE(WriteWhole(*fs, "zeta.bin", "z").ok());
  ASSERT_TRUE(fs->MakeDir(".installer").ok());
  ASSERT_TRUE(WriteWhole(*fs, "alpha.bin", "a").ok());
  ASSERT_TRUE(WriteWhole(*fs, ".installer/x", "x").ok());
  auto root = fs->List("");
  ASSERT_TRUE(root.ok());
  ASSERT_EQ(root->size(), 3u);
  EXPECT_EQ((*root)[0].path, "zeta.bin");
  EXPECT_EQ((*root)[1].path, ".installer");
  EXPECT_TRUE((*root)[1].is_directory);
  EXPECT_EQ((*root)[2].path, "alpha.bin");
  EXPECT_EQ(fs->List(".installer")->size(), 1u);
  EXPECT_EQ(fs->RemoveDir(".installer").code(), ErrorCode::kNotEmpty);
  EXPECT_EQ(fs->Create("nodir/f", 1).status().code(), ErrorCode::kNotFound);
}

TYPED_TEST_P(FlashStoreContract, RenameAndDelete) {
  auto fs = this->Make(1 << 20);
  ASSERT_TRUE(WriteWhole(*fs, "a", "alpha").ok());
  ASSERT_TRUE(fs->Rename("a", "b").ok());
  EXPECT_EQ(fs->Stat("a").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(ReadAll(*fs, "b"), "alpha");
  EXPECT_EQ(fs->Delete("a").code(), ErrorCode::kNotFound);
  ASSERT_TRUE(fs->Format().ok());
  EXPECT_TRUE(fs->List("")->empty());
  EXPECT_EQ(fs->Space().used, 0u);
}

TYPED_TEST_P(FlashStoreContract, NotesFollowContent) {
  auto fs = this->Make(1 << 20);
  ASSERT_TRUE(WriteWhole(*fs, "a", "payload").ok());
  fs->SetContentNote("a", "md5", DigestHex(DigestKind::kMd5, "payload"));
  EXPECT_EQ(fs->ContentNote("a", "md5"), DigestHex(DigestKind::kMd5, "payload"));
  ASSERT_TRUE(WriteWhole(*fs, "a", "other").ok());
  EXPECT_FALSE(fs->ContentNote("a", "md5").has_value());
}

REGISTER_TYPED_TEST_SUITE_P(FlashStoreContract, AccountsSpaceInBlocks, RefusesWhatDoesNotFit,
                            InterruptedNewFileStaysPartial, ReplacementIsAtomic,
                            ListsInCreationOrderWithDirectories, RenameAndDelete,
                            NotesFollowContent);

}  // namespace iosup

#endif  // IOSUP_TESTING_FLASH_STORE_CONTRACT_H_
