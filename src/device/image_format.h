// The layout of an iosup test image (DESIGN.md "Images"):
//   [header 512 B: magic, platform family, version, feature set, name, size, seed]
//   [body: deterministic pseudo-random bytes, so MD5 means something and nothing compresses]
//   [trailer 64 B: magic, covered length, SHA-256 of everything before the trailer]
// The trailer's hash is the "internal checksum" the boot sequence checks, as IOS does while
// "Self decompressing the image". A real Cisco image (ELF) is recognised by its name instead.
#ifndef IOSUP_DEVICE_IMAGE_FORMAT_H_
#define IOSUP_DEVICE_IMAGE_FORMAT_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "base/flash_store.h"
#include "base/status.h"

namespace iosup {

inline constexpr uint64_t kImageHeaderBytes = 512;
inline constexpr uint64_t kImageTrailerBytes = 64;
inline constexpr uint64_t kMinImageBytes = kImageHeaderBytes + kImageTrailerBytes;

struct ImageRecipe {
  std::string file_name;    // "isr4300-universalk9.16.12.04.SPA.bin"
  std::string family;       // platform family the image is built for: "isr4300"
  std::string version;      // long form: "16.12.04", "15.2(7)E9"
  std::string feature_set;  // "universalk9"
  uint64_t size = 0;        // total bytes, header and trailer included

  // Fills family, version and feature set from the file name when they are empty.
  static Result<ImageRecipe> FromName(std::string file_name, uint64_t size);
  // Identifies the exact bytes Generate() produces (for caching generated blobs).
  std::string Key() const;
};

// Streams the image to `sink` in chunks of at most 1 MiB. Deterministic: the same recipe gives
// the same bytes on every machine.
Status GenerateImage(const ImageRecipe& recipe,
                     const std::function<Status(std::span<const uint8_t>)>& sink);

enum class ImageKind { kIosup, kElf, kUnknown };

struct ImageCheck {
  ImageKind kind = ImageKind::kUnknown;
  std::string family;        // from the header (iosup images)
  std::string version;
  std::string feature_set;
  std::string built_name;    // the name it was built under
  bool checksum_ok = false;  // trailer matches content (iosup); true for ELF
  std::string problem;       // why it is not good, in words, when it is not

  bool good() const { return kind != ImageKind::kUnknown && checksum_ok; }
  // Compact form kept as a content note, so each content is checked once per lab.
  std::string Encode() const;
  static std::optional<ImageCheck> Decode(std::string_view text);
};

// The content note CheckStoredImage keeps an image's check under (ImageCheck::Encode()).
inline constexpr std::string_view kImageCheckNote = "image-check";

// Reads the whole file once (header, then hashing everything up to the trailer).
Result<ImageCheck> CheckImage(FileReader& reader);

// CheckImage for a file on a flash store, remembered as a content note: the same content is
// checked once per lab however many devices boot it. Partial files are checked every time (they
// have no notes) and always fail.
Result<ImageCheck> CheckStoredImage(FlashStore& store, std::string_view path);

}  // namespace iosup

#endif  // IOSUP_DEVICE_IMAGE_FORMAT_H_
