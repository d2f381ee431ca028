#include "base/digest.h"

#include <gtest/gtest.h>

#include "testing/mem_flash_store.h"
#include "testing/manual_clock.h"

namespace iosup {
namespace {

TEST(Digest, KnownVectors) {
  EXPECT_EQ(DigestHex(DigestKind::kMd5, ""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(DigestHex(DigestKind::kMd5, "abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(DigestHex(DigestKind::kSha256, "abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(DigestHex(DigestKind::kSha512, "abc").substr(0, 16), "ddaf35a193617aba");
}

TEST(Digest, ReaderMatchesOneShotAcrossChunks) {
  ManualClock clock;
  MemFlashStore fs(clock, 64 << 20);
  std::string data(3 * kHashChunkBytes + 17, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 131 + 7);
  ASSERT_TRUE(fs.PutBytes("f", data).ok());
  auto reader = fs.OpenRead("f");
  ASSERT_TRUE(reader.ok());
  int calls = 0;
  auto md5 = DigestReader(**reader, DigestKind::kMd5, [&](uint64_t, uint64_t) { ++calls; });
  ASSERT_TRUE(md5.ok());
  EXPECT_EQ(*md5, DigestHex(DigestKind::kMd5, data));
  EXPECT_EQ(calls, 4);
}

}  // namespace
}  // namespace iosup
