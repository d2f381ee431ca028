#include "upgrade/cli_dialog.h"

#include <algorithm>
#include <cctype>

namespace iosup::upgrade {

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view LastLine(std::string_view s) {
  const size_t nl = s.rfind('\n');
  return nl == std::string_view::npos ? s : s.substr(nl + 1);
}

bool IsPrompt(std::string_view line, std::string_view hostname) {
  if (line.size() < 2 || (line.back() != '>' && line.back() != '#')) return false;
  line.remove_suffix(1);
  if (line.back() == ')') {
    const size_t open = line.rfind('(');
    if (open == std::string_view::npos || open + 2 >= line.size()) return false;
    const std::string_view mode = line.substr(open + 1, line.size() - open - 2);
    if (!std::all_of(mode.begin(), mode.end(), [](char c) {
          return std::islower(static_cast<unsigned char>(c)) ||
                 std::isdigit(static_cast<unsigned char>(c)) || c == '-';
        })) {
      return false;
    }
    line = line.substr(0, open);
  }
  if (!hostname.empty()) return line == hostname;
  return !line.empty() && std::isalnum(static_cast<unsigned char>(line[0])) &&
         std::all_of(line.begin(), line.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
         });
}

std::string_view QuestionAtEnd(std::string_view pending) {
  const std::string_view line = TrimRight(LastLine(pending));
  if (line.empty() || IsPrompt(line, "")) return {};
  // A copy's progress line ("Loading F from H (via I): !!!", after any retry '.') waits for
  // the network, not for an answer: a lossy path may leave it idle after its ':'.
  const std::string_view text = line.substr(std::min(line.find_first_not_of(".!"), line.size()));
  if (text.starts_with("Loading ") || text.starts_with("Accessing ")) return {};
  for (std::string_view end : {"?", "[confirm]", "[yes/no]:", "]?", ":"}) {
    if (line.ends_with(end)) return line;
  }
  return {};
}

const DialogAnswer* MatchAnswer(std::span<const DialogAnswer> answers, std::string_view pending) {
  const std::string_view text = TrimRight(pending);
  const std::string_view question = QuestionAtEnd(pending);
  for (const DialogAnswer& row : answers) {
    const std::string_view wanted = TrimRight(row.prompt);
    if (wanted.empty()) continue;
    if (text.ends_with(wanted)) return &row;
    if (!question.empty() && question.find(wanted) != std::string_view::npos) return &row;
  }
  return nullptr;
}

}  // namespace iosup::upgrade
