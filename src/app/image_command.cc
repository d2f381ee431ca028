// `iosup image make NAME --size SIZE [--platform F] [--version V] [-o PATH]` and
// `iosup image inspect FILE`: lab/image_tool.h.
#include <iostream>
#include <memory>

#include "app/commands.h"
#include "base/status.h"
#include "lab/image_tool.h"

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

}  // namespace

ToolRun DeclareImage(CLI::App& image) {
  image.require_subcommand(1);

  struct MakeArgs {
    MakeImageOptions options;
    std::string size;
  };
  auto make_args = std::make_shared<MakeArgs>();
  MakeImageOptions& m = make_args->options;
  auto* make = image.add_subcommand("make", "Write a test image with a Cisco name, header, body and checksum");
  make->add_option("name", m.name, "Image file name, e.g. c2960-lanbasek9-mz.152-7.E9.bin")->required();
  make->add_option("--size", make_args->size, "Total size: bytes, or with K/M/G")->required();
  make->add_option("--platform", m.family, "Platform family it is built for (default: from the name)");
  make->add_option("--version", m.version, "Software version (default: from the name)");
  make->add_option("-o,--output", m.output, "Output path (default: the name, here)");

  auto path = std::make_shared<std::string>();
  auto* inspect = image.add_subcommand("inspect", "Show an image's anatomy, hashes and integrity");
  inspect->add_option("file", *path, "Image file")->required()->check(CLI::ExistingFile);

  return [make, make_args, path] {
    if (!make->parsed()) return InspectImage(*path);
    Result<uint64_t> size = ParseSize(make_args->size);
    if (!size.ok()) {
      std::cerr << "iosup image make: " << size.status().message() << "\n";
      return 2;
    }
    MakeImageOptions options = make_args->options;
    options.size = *size;
    return MakeImage(options);
  };
}

}  // namespace iosup
