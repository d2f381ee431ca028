#include "device/image_format.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "base/digest.h"
#include "catalog/image_name.h"

namespace iosup {

namespace {

constexpr char kHeaderMagic[8] = {'I', 'O', 'S', 'U', 'P', 'I', 'M', 'G'};
constexpr char kTrailerMagic[8] = {'I', 'O', 'S', 'U', 'P', 'E', 'N', 'D'};
constexpr uint32_t kFormatVersion = 1;

// Header field offsets.
constexpr size_t kOffFormat = 8, kOffTotal = 16, kOffSeed = 24;
constexpr size_t kOffFamily = 32, kOffVersion = 64, kOffFeature = 96, kOffName = 128;
constexpr size_t kFieldShort = 32, kFieldName = 256;

void PutU64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
uint64_t GetU64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
void PutText(uint8_t* p, size_t width, std::string_view s) {
  std::memcpy(p, s.data(), std::min(width - 1, s.size()));
}
std::string GetText(const uint8_t* p, size_t width) {
  size_t n = 0;
  while (n < width && p[n] != 0) ++n;
  return std::string(reinterpret_cast<const char*>(p), n);
}

// splitmix64: fast, well-distributed, and trivially reproducible.
struct BodyStream {
  uint64_t state;
  uint64_t Next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
};

uint64_t SeedOf(const ImageRecipe& r) {
  std::string sha = DigestHex(DigestKind::kSha256, r.Key());
  return std::stoull(sha.substr(0, 16), nullptr, 16);
}

}  // namespace

Result<ImageRecipe> ImageRecipe::FromName(std::string file_name, uint64_t size) {
  ImageRecipe r;
  r.file_name = std::move(file_name);
  r.size = size;
  Result<ImageName> n = ParseImageName(r.file_name);
  if (!n.ok()) return n.status();
  r.family = n->platform;
  r.version = n->version.Long();
  r.feature_set = n->feature_set + (n->k9 ? "k9" : "");
  return r;
}

std::string ImageRecipe::Key() const {
  return "iosup-image/v1|" + file_name + "|" + family + "|" + version + "|" + feature_set + "|" +
         std::to_string(size);
}

Status GenerateImage(const ImageRecipe& r,
                     const std::function<Status(std::span<const uint8_t>)>& sink) {
  if (r.size < kMinImageBytes) {
    return InvalidArgument("an image needs at least " + std::to_string(kMinImageBytes) + " bytes");
  }
  if (r.family.empty() || r.version.empty()) return InvalidArgument("image family and version");
  Hasher sha(DigestKind::kSha256);
  std::vector<uint8_t> buf(1 << 20);

  std::fill(buf.begin(), buf.begin() + kImageHeaderBytes, 0);
  uint8_t* h = buf.data();
  std::memcpy(h, kHeaderMagic, 8);
  PutU64(h + kOffFormat, kFormatVersion | (uint64_t{kImageHeaderBytes} << 32));
  PutU64(h + kOffTotal, r.size);
  const uint64_t seed = SeedOf(r);
  PutU64(h + kOffSeed, seed);
  PutText(h + kOffFamily, kFieldShort, r.family);
  PutText(h + kOffVersion, kFieldShort, r.version);
  PutText(h + kOffFeature, kFieldShort, r.feature_set);
  PutText(h + kOffName, kFieldName, r.file_name);

  BodyStream body{seed};
  const uint64_t body_end = r.size - kImageTrailerBytes;
  uint64_t pos = 0;
  size_t fill = kImageHeaderBytes;  // bytes already in buf
  while (pos < body_end) {
    size_t want = static_cast<size_t>(std::min<uint64_t>(buf.size(), body_end - pos));
    for (size_t i = fill; i < want; i += 8) {
      uint64_t v = body.Next();
      std::memcpy(buf.data() + i, &v, std::min<size_t>(8, want - i));
    }
    std::span<const uint8_t> chunk(buf.data(), want);
    sha.Update(chunk);
    IOSUP_RETURN_IF_ERROR(sink(chunk));
    pos += want;
    fill = 0;
  }

  uint8_t t[kImageTrailerBytes] = {};
  std::memcpy(t, kTrailerMagic, 8);
  PutU64(t + 8, body_end);
  std::string digest = sha.FinishHex();
  for (size_t i = 0; i < 32; ++i) {
    t[16 + i] = static_cast<uint8_t>(std::stoi(digest.substr(2 * i, 2), nullptr, 16));
  }
  return sink(std::span<const uint8_t>(t, kImageTrailerBytes));
}

std::string ImageCheck::Encode() const {
  const char* k = kind == ImageKind::kIosup ? "iosup" : kind == ImageKind::kElf ? "elf" : "unknown";
  return std::string(k) + "|" + family + "|" + version + "|" + feature_set + "|" + built_name +
         "|" + (checksum_ok ? "1" : "0") + "|" + problem;
}

std::optional<ImageCheck> ImageCheck::Decode(std::string_view text) {
  std::vector<std::string> f;
  size_t i = 0;
  for (int n = 0; n < 6; ++n) {
    size_t j = text.find('|', i);
    if (j == std::string_view::npos) return std::nullopt;
    f.emplace_back(text.substr(i, j - i));
    i = j + 1;
  }
  ImageCheck c;
  c.kind = f[0] == "iosup" ? ImageKind::kIosup : f[0] == "elf" ? ImageKind::kElf : ImageKind::kUnknown;
  c.family = f[1];
  c.version = f[2];
  c.feature_set = f[3];
  c.built_name = f[4];
  c.checksum_ok = f[5] == "1";
  c.problem = std::string(text.substr(i));
  return c;
}

Result<ImageCheck> CheckImage(FileReader& reader) {
  ImageCheck c;
  const uint64_t size = reader.size();
  uint8_t head[kImageHeaderBytes] = {};
  Result<size_t> n = reader.ReadAt(0, std::span<uint8_t>(head, sizeof head));
  if (!n.ok()) return n.status();
  if (*n >= 4 && std::memcmp(head, "\x7f" "ELF", 4) == 0) {
    c.kind = ImageKind::kElf;
    c.checksum_ok = true;
    return c;
  }
  if (*n < kImageHeaderBytes || std::memcmp(head, kHeaderMagic, 8) != 0) {
    c.problem = "not a bootable image (unknown format)";
    return c;
  }
  c.kind = ImageKind::kIosup;
  c.family = GetText(head + kOffFamily, kFieldShort);
  c.version = GetText(head + kOffVersion, kFieldShort);
  c.feature_set = GetText(head + kOffFeature, kFieldShort);
  c.built_name = GetText(head + kOffName, kFieldName);
  const uint64_t declared = GetU64(head + kOffTotal);
  if (declared != size || size < kMinImageBytes) {
    c.problem = "image size " + std::to_string(size) + " differs from header " +
                std::to_string(declared) + " (truncated or padded)";
    return c;
  }
  uint8_t tail[kImageTrailerBytes];
  n = reader.ReadAt(size - kImageTrailerBytes, std::span<uint8_t>(tail, sizeof tail));
  if (!n.ok()) return n.status();
  if (*n != kImageTrailerBytes || std::memcmp(tail, kTrailerMagic, 8) != 0 ||
      GetU64(tail + 8) != size - kImageTrailerBytes) {
    c.problem = "image trailer missing";
    return c;
  }
  Hasher sha(DigestKind::kSha256);
  std::vector<uint8_t> buf(kHashChunkBytes);
  for (uint64_t pos = 0; pos < size - kImageTrailerBytes;) {
    size_t want = static_cast<size_t>(std::min<uint64_t>(buf.size(), size - kImageTrailerBytes - pos));
    n = reader.ReadAt(pos, std::span<uint8_t>(buf.data(), want));
    if (!n.ok()) return n.status();
    if (*n == 0) return IoError("short read");
    sha.Update(std::span<const uint8_t>(buf.data(), *n));
    pos += *n;
  }
  std::string digest = sha.FinishHex();
  std::string stored;
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < 32; ++i) {
    stored += kHex[tail[16 + i] >> 4];
    stored += kHex[tail[16 + i] & 15];
  }
  c.checksum_ok = digest == stored;
  if (!c.checksum_ok) c.problem = "internal checksum mismatch (corrupt image)";
  return c;
}

Result<ImageCheck> CheckStoredImage(FlashStore& store, std::string_view path) {
  if (std::optional<std::string> note = store.ContentNote(path, kImageCheckNote)) {
    if (std::optional<ImageCheck> cached = ImageCheck::Decode(*note)) return *cached;
  }
  Result<FileInfo> info = store.Stat(path);
  if (!info.ok()) return info.status();
  Result<std::unique_ptr<FileReader>> reader = store.OpenRead(path);
  if (!reader.ok()) return reader.status();
  Result<ImageCheck> check = CheckImage(**reader);
  if (!check.ok()) return check.status();
  if (info->partial) {
    check->checksum_ok = false;
    check->problem = "incomplete file (interrupted copy)";
    return check;
  }
  store.SetContentNote(path, kImageCheckNote, check->Encode());
  return check;
}

}  // namespace iosup
