#include "base/flash_store.h"

#include <gtest/gtest.h>

#include "testing/flash_store_contract.h"
#include "testing/mem_flash_store.h"

namespace iosup {
namespace {

struct MemFactory {
  std::unique_ptr<FlashStore> Make(const Clock& clock, uint64_t capacity, uint64_t block) {
    return std::make_unique<MemFlashStore>(clock, capacity, block);
  }
};
INSTANTIATE_TYPED_TEST_SUITE_P(Mem, FlashStoreContract, MemFactory);

TEST(NormalizeFlashPath, CollapsesAndRefusesEscapes) {
  EXPECT_EQ(*NormalizeFlashPath("/dir//./x.bin"), "dir/x.bin");
  EXPECT_EQ(*NormalizeFlashPath(""), "");
  EXPECT_EQ(NormalizeFlashPath("../etc/passwd").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(NormalizeFlashPath("a/../../b").status().code(), ErrorCode::kInvalidArgument);
}

TEST(MemFlashStore, FlipBitForgetsNotes) {
  ManualClock clock;
  MemFlashStore fs(clock, 1 << 20);
  ASSERT_TRUE(fs.PutBytes("f", "abc").ok());
  fs.SetContentNote("f", "md5", "x");
  ASSERT_TRUE(fs.FlipBit("f", 1).ok());
  EXPECT_EQ(*fs.GetBytes("f"), "acc");
  EXPECT_FALSE(fs.ContentNote("f", "md5").has_value());
}

}  // namespace
}  // namespace iosup
