#include "cli/output_filter.h"

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

bool Matches(const std::regex& re, const std::string& line) { return std::regex_search(line, re); }

}  // namespace

std::regex IosRegex(std::string_view pattern) {
  std::string p;
  for (char c : pattern) {
    if (c == '_') {
      p += R"((^|$|[ ,{}()]))";
    } else {
      p += c;
    }
  }
  return std::regex(p, std::regex::extended);
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
  try {
    f.re = IosRegex(f.pattern);
  } catch (const std::regex_error&) {
    if (error) *error = {FilterError::Kind::kBadRegex, j + 1};
    return InvalidArgument("bad regular expression");
  }
  return f;
}

std::string ApplyOutputFilter(const OutputFilter& f, std::string_view text) {
  std::vector<std::string> lines = Lines(text);
  std::string out;
  switch (f.kind) {
    case OutputFilter::Kind::kInclude:
    case OutputFilter::Kind::kExclude:
      for (const std::string& l : lines) {
        if (Matches(f.re, l) == (f.kind == OutputFilter::Kind::kInclude)) out += l + "\n";
      }
      break;
    case OutputFilter::Kind::kBegin: {
      bool on = false;
      for (const std::string& l : lines) {
        on = on || Matches(f.re, l);
        if (on) out += l + "\n";
      }
      break;
    }
    case OutputFilter::Kind::kSection: {
      // A section is a top-level line and the indented lines under it.
      bool in_section = false;
      for (const std::string& l : lines) {
        const bool top = !l.empty() && l[0] != ' ';
        if (top) in_section = Matches(f.re, l);
        if (in_section || (!top && Matches(f.re, l))) out += l + "\n";
      }
      break;
    }
    case OutputFilter::Kind::kCount: {
      int n = 0;
      for (const std::string& l : lines) n += Matches(f.re, l);
      out = "Number of lines which match regexp = " + std::to_string(n) + "\n";
      break;
    }
  }
  return out;
}

}  // namespace iosup::cli
