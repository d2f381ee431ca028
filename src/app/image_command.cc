// `iosup image make` and `iosup image inspect`.
#include <cstdio>
#include <iostream>
#include <vector>

#include "app/commands.h"
#include "base/digest.h"
#include "catalog/image_name.h"
#include "device/image_format.h"
#include "lab/image_file.h"
#include "platform/posix_file.h"

namespace iosup {

namespace {

// "12582912", "512K", "12M", "1G" (binary units).
Result<uint64_t> ParseSize(const std::string& text) {
  if (text.empty()) return InvalidArgument("empty size");
  size_t used = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(text, &used);
  } catch (...) {
    return InvalidArgument("not a size: " + text);
  }
  std::string unit = text.substr(used);
  uint64_t mult = 1;
  if (unit == "K" || unit == "k" || unit == "KiB") mult = 1ULL << 10;
  else if (unit == "M" || unit == "MiB") mult = 1ULL << 20;
  else if (unit == "G" || unit == "GiB") mult = 1ULL << 30;
  else if (!unit.empty()) return InvalidArgument("unknown size unit '" + unit + "' in " + text);
  return static_cast<uint64_t>(n) * mult;
}

int MakeImage(const std::string& name, const std::string& size_text, const std::string& family,
              const std::string& version, std::string output) {
  Result<uint64_t> size = ParseSize(size_text);
  if (!size.ok()) {
    std::cerr << "iosup image make: " << size.status().message() << "\n";
    return 2;
  }
  ImageRecipe recipe;
  Result<ImageRecipe> from_name = ImageRecipe::FromName(name, *size);
  if (from_name.ok()) {
    recipe = *from_name;
  } else if (family.empty() || version.empty()) {
    std::cerr << "iosup image make: " << from_name.status().message()
              << "; give --platform and --version for a name iosup does not know\n";
    return 2;
  }
  recipe.file_name = name;
  recipe.size = *size;
  if (!family.empty()) recipe.family = family;
  if (!version.empty()) {
    Result<SoftwareVersion> v = ParseSoftwareVersion(version);
    if (!v.ok()) {
      std::cerr << "iosup image make: " << v.status().message() << "\n";
      return 2;
    }
    recipe.version = v->Long();
  }
  if (output.empty()) output = name;
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
  Hasher md5(DigestKind::kMd5), sha512(DigestKind::kSha512);
  std::vector<uint8_t> buf(kHashChunkBytes);
  for (uint64_t pos = 0; pos < (*reader)->size();) {
    Result<size_t> n = (*reader)->ReadAt(pos, buf);
    if (!n.ok() || *n == 0) {
      std::cerr << "iosup image inspect: read error\n";
      return 1;
    }
    std::span<const uint8_t> chunk(buf.data(), *n);
    md5.Update(chunk);
    sha512.Update(chunk);
    pos += *n;
  }
  std::cout << "MD5:       " << md5.FinishHex() << "\n";
  std::cout << "SHA-512:   " << sha512.FinishHex() << "\n";
  return check->good() ? 0 : 3;
}

}  // namespace

void RegisterImageCommands(CLI::App& app, int& exit_code) {
  auto* image = app.add_subcommand("image", "Build test images and inspect images");
  image->require_subcommand(1);

  struct MakeArgs {
    std::string name, size, family, version, output;
  };
  auto make_args = std::make_shared<MakeArgs>();
  auto* make = image->add_subcommand("make", "Write a test image with a Cisco name, header, body and checksum");
  make->add_option("name", make_args->name, "Image file name, e.g. c2960-lanbasek9-mz.152-7.E9.bin")->required();
  make->add_option("--size", make_args->size, "Total size: bytes, or with K/M/G")->required();
  make->add_option("--platform", make_args->family, "Platform family it is built for (default: from the name)");
  make->add_option("--version", make_args->version, "Software version (default: from the name)");
  make->add_option("-o,--output", make_args->output, "Output path (default: the name, here)");
  make->callback([&exit_code, make_args] {
    exit_code = MakeImage(make_args->name, make_args->size, make_args->family, make_args->version,
                          make_args->output);
  });

  auto path = std::make_shared<std::string>();
  auto* inspect = image->add_subcommand("inspect", "Show an image's anatomy, hashes and integrity");
  inspect->add_option("file", *path, "Image file")->required()->check(CLI::ExistingFile);
  inspect->callback([&exit_code, path] { exit_code = InspectImage(*path); });
}

}  // namespace iosup
