// Passwords as IOS stores them: type 0 (clear), 5 (MD5-crypt), 7 (Vigenere-style, reversible).
// A typed `enable secret cisco` is stored as type 5.
#ifndef IOSUP_DEVICE_SECRETS_H_
#define IOSUP_DEVICE_SECRETS_H_

#include <string>
#include <string_view>

namespace iosup {

// "5 $1$abcd$..." for `plain`, with a fresh salt.
std::string MakeType5Secret(std::string_view plain);
// Whether `candidate` matches a configured secret/password value ("0 x", "5 $1$..", "7 0822..",
// or a bare clear-text value). Type 9 (scrypt) is not supported and never matches.
bool SecretMatches(std::string_view configured, std::string_view candidate);
std::string DecodeType7(std::string_view encoded);

}  // namespace iosup

#endif  // IOSUP_DEVICE_SECRETS_H_
