#include "cli/output_filter.h"

#include <re2/re2.h>

#include <array>
#include <sstream>
#include <vector>

namespace iosup::cli {

namespace {

struct FilterWord {
  std::string_view word;
  OutputFilter::Kind kind;
};
constexpr std::array kFilters = {
    FilterWord{"begin", OutputFilter::Kind::kBegin},
    FilterWord{"count", OutputFilter::Kind::kCount},
    FilterWord{"exclude", OutputFilter::Kind::kExclude},
    FilterWord{"include", OutputFilter::Kind::kInclude},
    FilterWord{"section", OutputFilter::Kind::kSection},
};

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

bool Matches(const re2::RE2& re, const std::string& line) {
  return re2::RE2::PartialMatch(line, re);
}

// The compiled program's memory budget: a pattern of tens of thousands of characters compiles
// within it; one that does not is refused with the `^` marker rather than run.
constexpr int64_t kMaxRegexMemory = 32 << 20;

re2::RE2::Options IosRegexOptions() {
  re2::RE2::Options o;
  o.set_posix_syntax(true);
  o.set_longest_match(false);
  o.set_log_errors(false);
  o.set_max_mem(kMaxRegexMemory);
  return o;
}

// Where in `pattern` the marker goes for a compile error: at the fragment RE2 names when the
// pattern holds it, else at the pattern's start.
size_t ErrorOffsetIn(std::string_view pattern, const re2::RE2& re) {
  const std::string& arg = re.error_arg();
  size_t at = arg.empty() ? std::string_view::npos : pattern.find(arg);
  return at == std::string_view::npos ? 0 : at;
}

}  // namespace

std::string TranslateIosRegex(std::string_view pattern) {
  std::string p;
  bool in_brackets = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (in_brackets) {
      p += c;
      // A `]` right after `[` or `[^` is a member, not the end.
      const bool first = pattern[i - 1] == '[' || (pattern[i - 1] == '^' && pattern[i - 2] == '[');
      if (c == ']' && !first) in_brackets = false;
    } else if (c == '\\' && i + 1 < pattern.size()) {
      const char next = pattern[++i];
      if (next != '_') p += '\\';
      p += next;
    } else if (c == '[') {
      in_brackets = true;
      p += c;
    } else if (c == '_') {
      p += "(^|$|[ ,{}()])";
    } else {
      p += c;
    }
  }
  return p;
}

Result<OutputFilter> ParseOutputFilter(std::string_view spec, FilterError* error) {
  size_t i = spec.find_first_not_of(' ');
  if (i == std::string_view::npos) {
    if (error) *error = {FilterError::Kind::kIncomplete, spec.size()};
    return InvalidArgument("incomplete");
  }
  size_t j = spec.find(' ', i);
  std::string_view word = spec.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i);
  const FilterWord* found = nullptr;
  int hits = 0;
  for (const FilterWord& f : kFilters) {
    if (f.word.substr(0, word.size()) == word) {
      found = &f;
      ++hits;
    }
  }
  if (hits != 1) {
    if (error) *error = {FilterError::Kind::kInvalid, i};
    return InvalidArgument("unknown filter");
  }
  OutputFilter f;
  f.kind = found->kind;
  std::string_view rest = j == std::string_view::npos ? std::string_view() : spec.substr(j + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
  if (rest.empty() && f.kind != OutputFilter::Kind::kCount) {
    if (error) *error = {FilterError::Kind::kIncomplete, spec.size()};
    return InvalidArgument("incomplete");
  }
  f.pattern = std::string(rest.empty() ? "." : rest);
  const size_t start = static_cast<size_t>(rest.data() - spec.data());
  if (f.pattern.size() > kMaxFilterPattern) {
    if (error) *error = {FilterError::Kind::kBadRegex, start + kMaxFilterPattern};
    return InvalidArgument("regular expression too long");
  }
  auto re = std::make_shared<const re2::RE2>(TranslateIosRegex(f.pattern), IosRegexOptions());
  if (!re->ok()) {
    if (error) *error = {FilterError::Kind::kBadRegex, start + ErrorOffsetIn(rest, *re)};
    return InvalidArgument("bad regular expression");
  }
  f.re = std::move(re);
  return f;
}

std::string ApplyOutputFilter(const OutputFilter& f, std::string_view text) {
  std::vector<std::string> lines = Lines(text);
  std::string out;
  switch (f.kind) {
    case OutputFilter::Kind::kInclude:
    case OutputFilter::Kind::kExclude:
      for (const std::string& l : lines) {
        if (Matches(*f.re, l) == (f.kind == OutputFilter::Kind::kInclude)) out += l + "\n";
      }
      break;
    case OutputFilter::Kind::kBegin: {
      bool on = false;
      for (const std::string& l : lines) {
        on = on || Matches(*f.re, l);
        if (on) out += l + "\n";
      }
      break;
    }
    case OutputFilter::Kind::kSection: {
      // A section is a top-level line and the indented lines under it.
      bool in_section = false;
      for (const std::string& l : lines) {
        const bool top = !l.empty() && l[0] != ' ';
        if (top) in_section = Matches(*f.re, l);
        if (in_section || (!top && Matches(*f.re, l))) out += l + "\n";
      }
      break;
    }
    case OutputFilter::Kind::kCount: {
      int n = 0;
      for (const std::string& l : lines) n += Matches(*f.re, l);
      out = "Number of lines which match regexp = " + std::to_string(n) + "\n";
      break;
    }
  }
  return out;
}

}  // namespace iosup::cli
