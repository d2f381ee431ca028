// Output pipes on show/more/dir: `| include`, `| exclude`, `| begin`, `| section`, `| count`,
// with IOS regular expressions (`_` matches a delimiter: start, end, space, comma, braces).
#ifndef IOSUP_CLI_OUTPUT_FILTER_H_
#define IOSUP_CLI_OUTPUT_FILTER_H_

#include <regex>
#include <string>
#include <string_view>

#include "base/status.h"

namespace iosup::cli {

struct OutputFilter {
  enum class Kind { kInclude, kExclude, kBegin, kSection, kCount };
  Kind kind = Kind::kInclude;
  std::string pattern;
  std::regex re;
};

// Parses what follows the `|`: "include boot system", "i boot", "sec interface", "count".
// kInvalidArgument with the offset (within `spec`) of the bad word in the message's first field
// when the filter keyword is unknown; kInvalidArgument "incomplete" when the regex is missing.
struct FilterError {
  enum class Kind { kInvalid, kIncomplete, kBadRegex } kind;
  size_t offset = 0;
};
Result<OutputFilter> ParseOutputFilter(std::string_view spec, FilterError* error);

std::regex IosRegex(std::string_view pattern);  // may throw std::regex_error
std::string ApplyOutputFilter(const OutputFilter& f, std::string_view text);

}  // namespace iosup::cli

#endif  // IOSUP_CLI_OUTPUT_FILTER_H_
