#include "base/digest.h"

#include <openssl/evp.h>

#include <vector>

namespace iosup {

namespace {
const EVP_MD* Md(DigestKind kind) {
  switch (kind) {
    case DigestKind::kMd5: return EVP_md5();
    case DigestKind::kSha256: return EVP_sha256();
    case DigestKind::kSha512: return EVP_sha512();
  }
  return EVP_md5();
}
}  // namespace

std::string_view DigestName(DigestKind kind) {
  switch (kind) {
    case DigestKind::kMd5: return "md5";
    case DigestKind::kSha256: return "sha256";
    case DigestKind::kSha512: return "sha512";
  }
  return "md5";
}

size_t DigestHexLength(DigestKind kind) {
  switch (kind) {
    case DigestKind::kMd5: return 32;
    case DigestKind::kSha256: return 64;
    case DigestKind::kSha512: return 128;
  }
  return 32;
}

struct Hasher::Impl {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~Impl() { EVP_MD_CTX_free(ctx); }
};

Hasher::Hasher(DigestKind kind) : impl_(std::make_unique<Impl>()) {
  EVP_DigestInit_ex(impl_->ctx, Md(kind), nullptr);
}

Hasher::~Hasher() = default;

void Hasher::Update(std::span<const uint8_t> data) {
  EVP_DigestUpdate(impl_->ctx, data.data(), data.size());
}

void Hasher::Update(std::string_view data) {
  EVP_DigestUpdate(impl_->ctx, data.data(), data.size());
}

std::string Hasher::FinishHex() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(impl_->ctx, md, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(len * 2, '0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[md[i] >> 4];
    out[2 * i + 1] = kHex[md[i] & 15];
  }
  return out;
}

std::string DigestHex(DigestKind kind, std::string_view data) {
  Hasher h(kind);
  h.Update(data);
  return h.FinishHex();
}

Result<std::string> DigestReader(FileReader& reader, DigestKind kind,
                                 const std::function<void(uint64_t, uint64_t)>& on_progress) {
  Hasher hasher(kind);
  std::vector<uint8_t> buf(kHashChunkBytes);
  const uint64_t total = reader.size();
  uint64_t offset = 0;
  while (offset < total) {
    Result<size_t> n = reader.ReadAt(offset, buf);
    if (!n.ok()) return n.status();
    if (*n == 0) return IoError("short read at offset " + std::to_string(offset));
    hasher.Update(std::span<const uint8_t>(buf.data(), *n));
    offset += *n;
    if (on_progress) on_progress(offset, total);
  }
  return hasher.FinishHex();
}

}  // namespace iosup
