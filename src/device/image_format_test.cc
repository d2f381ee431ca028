#include "device/image_format.h"

#include <gtest/gtest.h>

#include "base/digest.h"
#include "testing/manual_clock.h"
#include "testing/mem_flash_store.h"

namespace iosup {
namespace {

std::string Generate(const ImageRecipe& r) {
  std::string out;
  Status s = GenerateImage(r, [&](std::span<const uint8_t> c) {
    out.append(reinterpret_cast<const char*>(c.data()), c.size());
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

class ImageFormatTest : public ::testing::Test {
 protected:
  Result<ImageCheck> Check(const std::string& bytes) {
    (void)fs_.Delete("img");
    EXPECT_TRUE(fs_.PutBytes("img", bytes).ok());
    auto reader = fs_.OpenRead("img");
    return CheckImage(**reader);
  }
  ManualClock clock_;
  MemFlashStore fs_{clock_, 64 << 20};
};

TEST_F(ImageFormatTest, GeneratedImageChecksOutWithHeaderFields) {
  auto recipe = ImageRecipe::FromName("c2960-lanbasek9-mz.152-7.E9.bin", 3 * 1024 * 1024 + 5);
  ASSERT_TRUE(recipe.ok());
  std::string bytes = Generate(*recipe);
  ASSERT_EQ(bytes.size(), recipe->size);
  auto check = Check(bytes);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->kind, ImageKind::kIosup);
  EXPECT_TRUE(check->checksum_ok);
  EXPECT_TRUE(check->good());
  EXPECT_EQ(check->family, "c2960");
  EXPECT_EQ(check->version, "15.2(7)E9");
  EXPECT_EQ(check->feature_set, "lanbasek9");
  EXPECT_EQ(check->built_name, "c2960-lanbasek9-mz.152-7.E9.bin");
}

TEST_F(ImageFormatTest, DeterministicAndDistinctPerRecipe) {
  auto a = *ImageRecipe::FromName("isr4300-universalk9.16.12.04.SPA.bin", 100000);
  auto b = *ImageRecipe::FromName("isr4300-universalk9.16.09.06.SPA.bin", 100000);
  EXPECT_EQ(DigestHex(DigestKind::kMd5, Generate(a)), DigestHex(DigestKind::kMd5, Generate(a)));
  EXPECT_NE(Generate(a), Generate(b));
}

TEST_F(ImageFormatTest, AnyFlippedBitIsCaught) {
  auto recipe = *ImageRecipe::FromName("isr4300-universalk9.16.12.04.SPA.bin", 200000);
  const std::string good = Generate(recipe);
  for (size_t offset : {size_t{600}, good.size() / 2, good.size() - 65}) {
    std::string bad = good;
    bad[offset] ^= 0x10;
    auto check = Check(bad);
    ASSERT_TRUE(check.ok());
    EXPECT_FALSE(check->checksum_ok) << "offset " << offset;
    EXPECT_NE(check->problem.find("checksum"), std::string::npos);
  }
}

TEST_F(ImageFormatTest, TruncatedAndForeignFilesAreNotGood) {
  auto recipe = *ImageRecipe::FromName("isr4300-universalk9.16.12.04.SPA.bin", 200000);
  auto truncated = Check(Generate(recipe).substr(0, 150000));
  ASSERT_TRUE(truncated.ok());
  EXPECT_FALSE(truncated->good());
  auto text = Check("hostname R1\nend\n");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->kind, ImageKind::kUnknown);
  auto elf = Check(std::string("\x7f" "ELF", 4) + std::string(1000, 'x'));
  EXPECT_EQ(elf->kind, ImageKind::kElf);
  EXPECT_TRUE(elf->good());
}

TEST_F(ImageFormatTest, RefusesTooSmallAndUnknownNames) {
  EXPECT_FALSE(ImageRecipe::FromName("whatever.bin", 10000).ok());
  ImageRecipe tiny = *ImageRecipe::FromName("c2960-lanbasek9-mz.152-7.E9.bin", 100);
  EXPECT_EQ(GenerateImage(tiny, [](auto) { return Status::Ok(); }).code(),
            ErrorCode::kInvalidArgument);
}

TEST_F(ImageFormatTest, StoredCheckIsRememberedWithTheContent) {
  auto recipe = *ImageRecipe::FromName("c2960-lanbasek9-mz.152-7.E9.bin", 100000);
  ASSERT_TRUE(fs_.PutBytes("a.bin", Generate(recipe)).ok());
  auto first = CheckStoredImage(fs_, "a.bin");
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->good());
  ASSERT_TRUE(fs_.ContentNote("a.bin", "image-check").has_value());
  auto decoded = ImageCheck::Decode(*fs_.ContentNote("a.bin", "image-check"));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->version, "15.2(7)E9");
  ASSERT_TRUE(fs_.FlipBit("a.bin", 5000).ok());  // forgets the note with the old content
  auto second = CheckStoredImage(fs_, "a.bin");
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->good());
}

}  // namespace
}  // namespace iosup
