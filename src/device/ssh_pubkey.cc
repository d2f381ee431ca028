#include "device/ssh_pubkey.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <sstream>
#include <vector>

#include "base/digest.h"

namespace iosup {

namespace {

constexpr std::string_view kRsa = "ssh-rsa";

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Strict RFC 4648 base64 (padding optional at the very end, nothing after it).
std::optional<std::string> DecodeBase64(std::string_view in) {
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = Base64Value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

// Reads one SSH "string" (uint32 length, then bytes) at `pos`; nullopt when it overruns.
std::optional<std::string_view> ReadSshString(std::string_view blob, size_t& pos) {
  if (blob.size() - pos < 4) return std::nullopt;
  uint32_t len = 0;
  for (int i = 0; i < 4; ++i) len = (len << 8) | static_cast<uint8_t>(blob[pos + i]);
  pos += 4;
  if (len > blob.size() - pos) return std::nullopt;
  std::string_view s = blob.substr(pos, len);
  pos += len;
  return s;
}

// The key type a blob names in its first field ("ssh-rsa"), empty when malformed.
std::string BlobType(std::string_view blob) {
  size_t pos = 0;
  std::optional<std::string_view> type = ReadSshString(blob, pos);
  return type ? std::string(*type) : "";
}

// An RSA public key blob: "ssh-rsa", e, n and nothing else.
bool IsRsaBlob(std::string_view blob) {
  size_t pos = 0;
  std::optional<std::string_view> type = ReadSshString(blob, pos);
  if (!type || *type != kRsa) return false;
  std::optional<std::string_view> e = ReadSshString(blob, pos);
  std::optional<std::string_view> n = ReadSshString(blob, pos);
  return e && n && !e->empty() && n->size() >= 64 && pos == blob.size();
}

}  // namespace

Result<SshPublicKey> ParseSshPublicKey(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  size_t i = 0;
  if (!words.empty() && words[0] == kRsa) ++i;  // the .pub file's "ssh-rsa " prefix
  if (i >= words.size()) return InvalidArgument(kKeyDecodeError);
  std::optional<std::string> blob = DecodeBase64(words[i]);
  if (!blob || !IsRsaBlob(*blob)) return InvalidArgument(kKeyDecodeError);
  SshPublicKey key{.type = std::string(kRsa), .blob = std::move(*blob)};
  for (size_t j = i + 1; j < words.size(); ++j) key.comment += (j > i + 1 ? " " : "") + words[j];
  return key;
}

std::string SshKeyHash(std::string_view blob) {
  std::string hex = DigestHex(DigestKind::kMd5, blob);
  std::transform(hex.begin(), hex.end(), hex.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return hex;
}

std::string KeyHashLine(const SshPublicKey& key) {
  std::string line = "key-hash " + key.type + " " + SshKeyHash(key.blob);
  if (!key.comment.empty()) line += " " + key.comment;
  return line;
}

Result<int> PubkeyLogin(const Config& config, std::string_view user, std::string_view blob) {
  const std::string offered = BlobType(blob) + " " + SshKeyHash(blob);
  for (const SshPubkeyUser& u : config.ssh_pubkey_users()) {
    if (u.name != user) continue;
    if (std::find(u.key_hashes.begin(), u.key_hashes.end(), offered) == u.key_hashes.end()) break;
    for (const UserConfig& local : config.users()) {
      if (local.name == user) return local.privilege;
    }
    return 1;
  }
  return PermissionDenied("public key not configured for this user");
}

}  // namespace iosup
