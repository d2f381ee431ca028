#include "device/secrets.h"

#include <crypt.h>

#include <random>

namespace iosup {

namespace {
constexpr char kSaltChars[] = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// The fixed key of IOS type 7.
constexpr char kType7Key[] = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87";

std::string Md5Crypt(std::string_view plain, std::string_view setting) {
  struct crypt_data data {};
  const char* out = crypt_r(std::string(plain).c_str(), std::string(setting).c_str(), &data);
  return out != nullptr ? std::string(out) : std::string();
}
}  // namespace

std::string MakeType5Secret(std::string_view plain) {
  static std::mt19937 rng{std::random_device{}()};
  std::string salt = "$1$";
  for (int i = 0; i < 4; ++i) salt += kSaltChars[rng() % (sizeof kSaltChars - 1)];
  return "5 " + Md5Crypt(plain, salt + "$");
}

std::string DecodeType7(std::string_view enc) {
  if (enc.size() < 4 || enc.size() % 2 != 0) return {};
  int seed = std::stoi(std::string(enc.substr(0, 2)));
  std::string out;
  for (size_t i = 2; i + 1 < enc.size(); i += 2) {
    int v = std::stoi(std::string(enc.substr(i, 2)), nullptr, 16);
    out += static_cast<char>(v ^ kType7Key[(seed++) % (sizeof kType7Key - 1)]);
  }
  return out;
}

bool SecretMatches(std::string_view configured, std::string_view candidate) {
  std::string_view value = configured;
  char type = '0';
  if (configured.size() > 2 && configured[1] == ' ' && std::isdigit(configured[0])) {
    type = configured[0];
    value = configured.substr(2);
  }
  switch (type) {
    case '0': return value == candidate;
    case '5': return !value.empty() && Md5Crypt(candidate, value) == value;
    case '7': return DecodeType7(value) == candidate;
    default: return false;
  }
}

}  // namespace iosup
