#include "device/install/provisioning_file.h"

#include <algorithm>

#include "base/digest.h"

namespace iosup {

namespace {

constexpr std::string_view kDigestPrefix = "sha256sum: ";
constexpr std::string_view kImagePrefix = "# iosup: image ";

std::string Body(const ProvisioningFile& f) {
  std::string out = "# sha256sum above - used to verify that this file is not corrupted.\n#\n";
  out += "# package.conf: provisioned software file for build " + f.version + "\n#\n";
  out += "# NOTE: Editing this file by hand is not supported.\n#\n";
  out += std::string(kImagePrefix) + f.image + " version " + f.version + "\n#\n";
  for (const ProvisionedPackage& p : f.packages) out += p.role + "   " + p.file + "\n";
  return out;
}

// Splits on whitespace.
std::vector<std::string> Words(std::string_view line) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) out.emplace_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

std::string ProvisioningFile::Render() const {
  const std::string body = Body(*this);
  return "#! /usr/binos/bin/packages_conf.sh\n" + std::string(kDigestPrefix) +
         DigestHex(DigestKind::kSha256, body) + "\n" + body;
}

Result<ProvisioningFile> ProvisioningFile::Parse(std::string_view text) {
  const size_t first = text.find('\n');
  const size_t second = first == std::string_view::npos ? first : text.find('\n', first + 1);
  if (second == std::string_view::npos) return Corrupt("provisioning file truncated");
  std::string_view digest_line = text.substr(first + 1, second - first - 1);
  std::string_view body = text.substr(second + 1);
  if (!digest_line.starts_with(kDigestPrefix) ||
      digest_line.substr(kDigestPrefix.size()) != DigestHex(DigestKind::kSha256, body)) {
    return Corrupt("provisioning file checksum mismatch");
  }
  ProvisioningFile f;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(pos, end - pos);
    pos = end + 1;
    if (line.starts_with(kImagePrefix)) {
      std::vector<std::string> w = Words(line.substr(kImagePrefix.size()));
      if (w.size() != 3 || w[1] != "version") return Corrupt("provisioning file image line");
      f.image = w[0];
      f.version = w[2];
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> w = Words(line);
    if (w.size() != 6) return Corrupt("provisioning file package line");
    std::string role = w[0];
    role.resize(std::max<size_t>(role.size(), 6), ' ');  // "iso   rp 0 0   rp_base"
    f.packages.push_back({role + w[1] + " " + w[2] + " " + w[3] + "   " + w[4], w[5]});
  }
  if (f.version.empty() || f.packages.empty()) return Corrupt("provisioning file lists nothing");
  return f;
}

std::string ConfNameFor(std::string_view image) {
  std::string out(image);
  if (out.ends_with(".bin")) out.resize(out.size() - 4);
  return out + ".conf";
}

}  // namespace iosup
