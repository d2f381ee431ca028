// Output pipes on show/more/dir: `| include`, `| exclude`, `| begin`, `| section`, `| count`,
// with IOS regular expressions (`_` matches a delimiter: start, end, space, comma, braces).
// Patterns come from users, so they run on RE2: matching is linear in the line's length whatever
// the pattern, and a pattern too large for the engine's memory budget is refused, never run.
#ifndef IOSUP_CLI_OUTPUT_FILTER_H_
#define IOSUP_CLI_OUTPUT_FILTER_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace re2 {
class RE2;
}

namespace iosup::cli {

struct OutputFilter {
  enum class Kind { kInclude, kExclude, kBegin, kSection, kCount };
  Kind kind = Kind::kInclude;
  std::string pattern;
  std::shared_ptr<const re2::RE2> re;  // compiled once; shared so a filter stays copyable
};

// Where a filter spec went wrong: `offset` is within `spec`, for the `^` marker.
struct FilterError {
  enum class Kind { kInvalid, kIncomplete, kBadRegex } kind;
  size_t offset = 0;
};

// The longest pattern a filter takes. RE2 stays linear in the text whatever the pattern, but its
// cost also grows with the pattern's size: a bound keeps a filter's cost small and known.
inline constexpr size_t kMaxFilterPattern = 1024;

// Parses what follows the `|`: "include boot system", "i boot", "sec interface", "count".
// kInvalidArgument, with `error` saying why, for an unknown filter keyword, a missing pattern or
// a pattern that is not a valid IOS regular expression.
Result<OutputFilter> ParseOutputFilter(std::string_view spec, FilterError* error);

// The RE2 form of an IOS pattern: `_` becomes the delimiter class outside brackets, `\_` is a
// literal underscore; everything else is POSIX extended syntax, which RE2 takes as is.
std::string TranslateIosRegex(std::string_view pattern);

std::string ApplyOutputFilter(const OutputFilter& f, std::string_view text);

}  // namespace iosup::cli

#endif  // IOSUP_CLI_OUTPUT_FILTER_H_
