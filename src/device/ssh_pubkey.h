// SSH public keys as IOS takes them in `ip ssh pubkey-chain` / `username X` / `key-string`: the
// pasted text (base64 key blob, optionally "ssh-rsa " before it and a key name after it, split
// over any number of lines) becomes `key-hash ssh-rsa <MD5 of the blob, upper-case hex> [name]`,
// the only form IOS keeps. A login offers a key blob; it is accepted when its hash is listed for
// that user. Shared by the configuration commands and the SSH front-end.
#ifndef IOSUP_DEVICE_SSH_PUBKEY_H_
#define IOSUP_DEVICE_SSH_PUBKEY_H_

#include <string>
#include <string_view>

#include "base/status.h"
#include "device/config.h"

namespace iosup {

inline constexpr const char* kPubkeyChainHeader = "ip ssh pubkey-chain";
// What IOS prints when `exit` ends key data it cannot use.
inline constexpr const char* kKeyDecodeError = "%SSH: Failed to decode the Key Value";

struct SshPublicKey {
  std::string type;     // "ssh-rsa"
  std::string blob;     // the decoded key blob (what the SSH protocol carries)
  std::string comment;  // the key name after the base64, if any ("user@host")
};

// Parses the key data typed after `key-string`, lines already joined. kInvalidArgument when it
// is not one RSA public key (IOS 15 and 16 take RSA keys only).
Result<SshPublicKey> ParseSshPublicKey(std::string_view text);

// "5D24EA1D261C1836E437F4E67E2CEBEB": the MD5 of the blob, as `key-hash` shows it.
std::string SshKeyHash(std::string_view blob);

// The `key-hash` line IOS stores for `key`.
std::string KeyHashLine(const SshPublicKey& key);

// A public-key login: whether `user` may log in with the key `blob` (its type as the blob
// names it), and at which privilege (the user's `username X privilege N`, else 1).
// kPermissionDenied when the key is not configured for that user.
Result<int> PubkeyLogin(const Config& config, std::string_view user, std::string_view blob);

}  // namespace iosup

#endif  // IOSUP_DEVICE_SSH_PUBKEY_H_
