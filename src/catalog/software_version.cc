#include "catalog/software_version.h"

#include <cctype>
#include <cstdio>
#include <regex>

namespace iosup {

namespace {
std::string Two(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}
}  // namespace

std::string SoftwareVersion::Long() const {
  if (scheme == Scheme::kXe) {
    std::string s = Two(major) + "." + Two(minor) + "." + Two(maint) + letter;
    if (!train.empty()) s += "." + train;
    return s;
  }
  return Short();
}

std::string SoftwareVersion::Short() const {
  if (scheme == Scheme::kXe) {
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(maint) +
           letter + train;
  }
  std::string s = std::to_string(major) + "." + std::to_string(minor) + "(" +
                  std::to_string(maint) + ")" + train;
  if (rebuild > 0 || !train.empty()) s += std::to_string(rebuild);
  return s + letter;
}

std::string SoftwareVersion::Release() const {
  return std::to_string(major) + "." + std::to_string(minor);
}

Result<SoftwareVersion> ParseSoftwareVersion(std::string_view text) {
  const std::string s(text);
  std::smatch m;
  SoftwareVersion v;
  // IOS-XE: 16.12.04, 16.12.4, 17.09.04a, 03.08.02.S, 3.8.2S
  static const std::regex kXe(R"(^(\d{1,2})\.(\d{1,2})\.(\d{1,2})([a-z]?)(?:\.?(S|E|SE))?$)");
  // classic display: 15.2(7)E9, 12.2(55)SE12, 15.4(3)M2, 15.2(4)E10a
  static const std::regex kClassic(R"(^(\d{1,2})\.(\d)\((\d{1,3})\)([A-Z]{1,3})(\d{1,3})([a-z]?)$)");
  // classic file form: 152-7.E9, 154-3.M2, 122-55.SE12
  static const std::regex kClassicFile(R"(^(\d{1,2})(\d)-(\d{1,3})\.([A-Z]{1,3})(\d{1,3})([a-z]?)$)");
  if (std::regex_match(s, m, kXe)) {
    v.scheme = SoftwareVersion::Scheme::kXe;
    v.major = std::stoi(m[1]);
    v.minor = std::stoi(m[2]);
    v.maint = std::stoi(m[3]);
    v.letter = m[4];
    v.train = m[5];
    return v;
  }
  if (std::regex_match(s, m, kClassic) || std::regex_match(s, m, kClassicFile)) {
    v.scheme = SoftwareVersion::Scheme::kClassic;
    v.major = std::stoi(m[1]);
    v.minor = std::stoi(m[2]);
    v.maint = std::stoi(m[3]);
    v.train = m[4];
    v.rebuild = std::stoi(m[5]);
    v.letter = m[6];
    return v;
  }
  return InvalidArgument("not a Cisco software version: " + s);
}

}  // namespace iosup
