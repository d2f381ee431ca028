// Splitting device output into lines and words: the small helpers every parser of IOS text uses.
#ifndef IOSUP_UPGRADE_DEVICE_TEXT_H_
#define IOSUP_UPGRADE_DEVICE_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace iosup::upgrade {

// Lines without their "\r" and trailing blanks; leading blanks are kept (they carry meaning in
// `show cdp neighbors`, where a wrapped row continues on an indented line).
std::vector<std::string> Lines(std::string_view text);
// Blank-separated words.
std::vector<std::string> Words(std::string_view line);
std::string Trim(std::string_view s);
bool AllDigits(std::string_view s);
std::string Lower(std::string s);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_DEVICE_TEXT_H_
