#include "lab/image_tool.h"

#include <cstdio>
#include <iostream>
#include <vector>

#include "base/digest.h"
#include "catalog/image_name.h"
#include "device/image_format.h"
#include "lab/image_file.h"
#include "platform/posix_file.h"

namespace iosup {

namespace {

// The MD5 and SHA-512 of the whole file, on stdout; false on a read error.
bool PrintHashes(FileReader& reader) {
  Hasher md5(DigestKind::kMd5), sha512(DigestKind::kSha512);
  std::vector<uint8_t> buf(kHashChunkBytes);
  for (uint64_t pos = 0; pos < reader.size();) {
    Result<size_t> n = reader.ReadAt(pos, buf);
    if (!n.ok() || *n == 0) return false;
    std::span<const uint8_t> chunk(buf.data(), *n);
    md5.Update(chunk);
    sha512.Update(chunk);
    pos += *n;
  }
  std::cout << "MD5:       " << md5.FinishHex() << "\n";
  std::cout << "SHA-512:   " << sha512.FinishHex() << "\n";
  return true;
}

}  // namespace

int MakeImage(const MakeImageOptions& options) {
  const std::string& name = options.name;
  const std::string& family = options.family;
  const std::string& version = options.version;
  ImageRecipe recipe;
  Result<ImageRecipe> from_name = ImageRecipe::FromName(name, options.size);
  if (from_name.ok()) {
    recipe = *from_name;
  } else if (family.empty() || version.empty()) {
    std::cerr << "iosup image make: " << from_name.status().message()
              << "; give --platform and --version for a name iosup does not know\n";
    return 2;
  }
  recipe.file_name = name;
  recipe.size = options.size;
  if (!family.empty()) recipe.family = family;
  if (!version.empty()) {
    Result<SoftwareVersion> v = ParseSoftwareVersion(version);
    if (!v.ok()) {
      std::cerr << "iosup image make: " << v.status().message() << "\n";
      return 2;
    }
    recipe.version = v->Long();
  }
  const std::string& output = options.output.empty() ? name : options.output;
  Result<std::string> md5 = WriteImageFile(output, recipe);
  if (!md5.ok()) {
    std::cerr << "iosup image make: " << md5.status().ToString() << "\n";
    return 1;
  }
  std::cout << output << ": " << recipe.size << " bytes, " << recipe.family << " "
            << recipe.version << ", md5 " << *md5 << "\n";
  return 0;
}

int InspectImage(const std::string& path) {
  Result<std::unique_ptr<FileReader>> reader = OpenPosixReader(path);
  if (!reader.ok()) {
    std::cerr << "iosup image inspect: " << reader.status().ToString() << "\n";
    return 1;
  }
  const std::string base = path.substr(path.find_last_of('/') + 1);
  std::cout << "File:      " << base << "\n";
  std::cout << "Size:      " << (*reader)->size() << " bytes\n";
  Result<ImageName> name = ParseImageName(base);
  if (name.ok()) {
    std::cout << "Anatomy:\n" << name->Explain();
  } else {
    std::cout << "Anatomy:   unknown image name (not a Cisco naming pattern iosup knows)\n";
  }
  Result<ImageCheck> check = CheckImage(**reader);
  if (!check.ok()) {
    std::cerr << "iosup image inspect: " << check.status().ToString() << "\n";
    return 1;
  }
  switch (check->kind) {
    case ImageKind::kIosup:
      std::cout << "Format:    iosup test image for " << check->family << ", version "
                << check->version << ", feature set " << check->feature_set << "\n";
      std::cout << "Checksum:  " << (check->checksum_ok ? "internal checksum OK" : check->problem)
                << "\n";
      break;
    case ImageKind::kElf:
      std::cout << "Format:    ELF executable (a real Cisco image; recognised by its name)\n";
      break;
    case ImageKind::kUnknown:
      std::cout << "Format:    " << check->problem << "\n";
      break;
  }
  if (!PrintHashes(**reader)) {
    std::cerr << "iosup image inspect: read error\n";
    return 1;
  }
  return check->good() ? 0 : 3;
}

}  // namespace iosup
