// Message digests over OpenSSL EVP, fed in large sequential chunks.
#ifndef IOSUP_BASE_DIGEST_H_
#define IOSUP_BASE_DIGEST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "base/flash_store.h"
#include "base/status.h"

namespace iosup {

enum class DigestKind { kMd5, kSha256, kSha512 };

std::string_view DigestName(DigestKind kind);  // "md5", "sha256", "sha512"
size_t DigestHexLength(DigestKind kind);

// Incremental digest. Not copyable; one per stream.
class Hasher {
 public:
  explicit Hasher(DigestKind kind);
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  void Update(std::span<const uint8_t> data);
  void Update(std::string_view data);
  std::string FinishHex();  // lower-case hex; the Hasher is spent afterwards

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string DigestHex(DigestKind kind, std::string_view data);

// Chunk size for sequential hashing: large enough that per-call overhead vanishes, small enough
// to stay in L2/L3.
inline constexpr size_t kHashChunkBytes = 1 << 20;

// Hashes a whole file through `reader`. `on_progress(done, total)` is called after each chunk.
Result<std::string> DigestReader(FileReader& reader, DigestKind kind,
                                 const std::function<void(uint64_t, uint64_t)>& on_progress = {});

}  // namespace iosup

#endif  // IOSUP_BASE_DIGEST_H_
