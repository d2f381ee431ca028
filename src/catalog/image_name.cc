#include "catalog/image_name.h"

#include <regex>

namespace iosup {

namespace {

// "universalk9_npe" -> {universal, k9, npe}; "lanbasek9" -> {lanbase, k9}.
void SplitFeature(const std::string& token, ImageName& out) {
  std::string f = token;
  if (f.size() > 4 && f.ends_with("_npe")) {
    out.npe = true;
    f.resize(f.size() - 4);
  }
  if (f.size() > 2 && f.ends_with("k9")) {
    out.k9 = true;
    f.resize(f.size() - 2);
  }
  out.feature_set = f;
}

std::string Basename(std::string_view path) {
  size_t cut = path.find_last_of("/:");
  return std::string(cut == std::string_view::npos ? path : path.substr(cut + 1));
}

}  // namespace

Result<ImageName> ParseImageName(std::string_view file_name) {
  ImageName n;
  n.file = Basename(file_name);
  const std::string& s = n.file;
  std::smatch m;
  // Classic: platform-feature-format[.SPA].VVV-M.TR.bin
  static const std::regex kClassic(
      R"(^([a-z][a-z0-9]*)-([a-z0-9_]+)-(mz|mzs|m|tz|z)(?:\.(SPA))?\.(\d{2,3}-\d{1,3}\.[A-Z]{1,3}\d{1,3}[a-z]?)\.bin$)");
  // XE 3.x with IOS version: platform-feature.XX.YY.ZZ.S.VVV-M.TR.bin
  static const std::regex kXe3(
      R"(^([a-z][a-z0-9]*)-([a-z0-9_]+)\.(\d{2}\.\d{2}\.\d{2}\.[A-Z]{1,2})\.(\d{2,3}-\d{1,3}\.[A-Z]{1,3}\d{1,3}[a-z]?)(?:-ext)?(?:\.(SPA))?\.bin$)");
  // XE 16+: platform-feature.XX.YY.ZZ[a].SPA.bin
  static const std::regex kXe(
      R"(^([a-z][a-z0-9]*)-([a-z0-9_]+)\.(\d{2}\.\d{2}\.\d{2}[a-z]?)\.(SPA)\.bin$)");
  // Catalyst 9000: cat9k_iosxe.XX.YY.ZZ[a].SPA.bin, cat9k_lite_iosxe...
  static const std::regex kCat9k(
      R"(^(cat9k)_((?:lite_)?iosxe(?:_npe)?)\.(\d{2}\.\d{2}\.\d{2}[a-z]?)\.(SPA)\.bin$)");
  if (std::regex_match(s, m, kClassic)) {
    n.platform = m[1];
    SplitFeature(m[2], n);
    n.format = m[3];
    n.software_type = m[4];
    Result<SoftwareVersion> v = ParseSoftwareVersion(m[5].str());
    if (!v.ok()) return v.status();
    n.version = *v;
    return n;
  }
  if (std::regex_match(s, m, kXe3)) {
    n.platform = m[1];
    SplitFeature(m[2], n);
    Result<SoftwareVersion> xe = ParseSoftwareVersion(m[3].str());
    Result<SoftwareVersion> ios = ParseSoftwareVersion(m[4].str());
    if (!xe.ok()) return xe.status();
    if (!ios.ok()) return ios.status();
    n.version = *xe;
    n.ios_version = *ios;
    n.software_type = m[5];
    return n;
  }
  if (std::regex_match(s, m, kXe) || std::regex_match(s, m, kCat9k)) {
    n.platform = m[1];
    SplitFeature(m[2], n);
    n.software_type = m[4];
    Result<SoftwareVersion> v = ParseSoftwareVersion(m[3].str());
    if (!v.ok()) return v.status();
    n.version = *v;
    return n;
  }
  return InvalidArgument("unknown image name: " + s);
}

std::string ImageName::Explain() const {
  std::string out;
  auto line = [&](std::string_view part, std::string_view meaning) {
    out += "  " + std::string(part);
    out.append(part.size() < 18 ? 18 - part.size() : 1, ' ');
    out += "-> " + std::string(meaning) + "\n";
  };
  line(platform, "platform");
  line(feature_set, "feature set");
  if (k9) line("k9", "strong encryption (SSH, IPsec)");
  if (npe) line("npe", "no payload encryption");
  if (format == "mz") line("mz", "m = runs from RAM, z = compressed in flash");
  else if (!format.empty()) line(format, "image format");
  if (version.scheme == SoftwareVersion::Scheme::kXe) {
    line(version.Long(), "IOS-XE version " + version.Short());
  } else {
    line(version.Short(), "IOS version");
  }
  if (ios_version) line(ios_version->Short(), "IOS version inside the XE bundle");
  if (software_type == "SPA") line("SPA", "software type: signed platform-aggregated");
  line(".bin", "binary image");
  return out;
}

}  // namespace iosup
