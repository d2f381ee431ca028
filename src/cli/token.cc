#include "cli/token.h"

#include <cctype>
#include <charconv>
#include <regex>

namespace iosup::cli {

namespace {

bool ParseInt(std::string_view s, int64_t& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool IsIpv4(std::string_view w) {
  int parts = 0;
  size_t i = 0;
  while (i <= w.size()) {
    size_t j = w.find('.', i);
    if (j == std::string_view::npos) j = w.size();
    std::string_view part = w.substr(i, j - i);
    int64_t v = 0;
    if (part.empty() || part.size() > 3 || !ParseInt(part, v) || v > 255) return false;
    ++parts;
    i = j + 1;
  }
  return parts == 4;
}

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

std::optional<Token> ParseTokenSpec(std::string_view spec) {
  Token t;
  t.text = std::string(spec);
  if (spec.empty()) return std::nullopt;
  if (spec == "WORD") {
    t.kind = TokenKind::kWord;
  } else if (spec == "LINE") {
    t.kind = TokenKind::kLine;
  } else if (spec == "HEX") {
    t.kind = TokenKind::kHex;
  } else if (spec == "A.B.C.D") {
    t.kind = TokenKind::kIpv4;
  } else if (spec == "URL") {
    t.kind = TokenKind::kUrl;
  } else if (spec == "HH:MM") {
    t.kind = TokenKind::kTime;
  } else if (spec == "NAME=VALUE") {
    t.kind = TokenKind::kAssign;
  } else if (spec.front() == '<' && spec.back() == '>') {
    std::string_view body = spec.substr(1, spec.size() - 2);
    size_t dash = body.find('-', 1);
    if (dash == std::string_view::npos) return std::nullopt;
    t.kind = TokenKind::kRange;
    if (!ParseInt(body.substr(0, dash), t.min) || !ParseInt(body.substr(dash + 1), t.max)) {
      return std::nullopt;
    }
  } else {
    t.kind = TokenKind::kKeyword;
  }
  return t;
}

bool KeywordPrefix(const Token& keyword, std::string_view word) {
  if (word.empty() || word.size() > keyword.text.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (Lower(word[i]) != Lower(keyword.text[i])) return false;
  }
  return true;
}

// A file system's keyword is whole without its colon: `show flash` is `show flash:` even where
// flash0: is a keyword too (a 1941), as on IOS.
bool KeywordExact(const Token& keyword, std::string_view word) {
  const std::string& k = keyword.text;
  const bool whole = word.size() == k.size() ||
                     (k.size() > 1 && k.back() == ':' && word.size() + 1 == k.size());
  return whole && KeywordPrefix(keyword, word);
}

bool VariableMatches(const Token& t, std::string_view w) {
  if (w.empty()) return false;
  switch (t.kind) {
    case TokenKind::kKeyword: return false;
    case TokenKind::kWord:
    case TokenKind::kLine: return true;
    case TokenKind::kRange: {
      int64_t v = 0;
      return ParseInt(w, v) && v >= t.min && v <= t.max;
    }
    case TokenKind::kHex: {
      if (w.size() < 3 || w.size() > 10 || w[0] != '0' || Lower(w[1]) != 'x') return false;
      for (char c : w.substr(2)) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
      }
      return true;
    }
    case TokenKind::kIpv4: return IsIpv4(w);
    case TokenKind::kUrl: return true;  // the handler resolves it and reports IOS's own error
    case TokenKind::kTime: {
      static const std::regex kTime(R"(^([01]?\d|2[0-3]):[0-5]\d$)");
      return std::regex_match(std::string(w), kTime);
    }
    case TokenKind::kAssign: {
      const size_t eq = w.find('=');
      if (eq == 0 || eq == std::string_view::npos) return false;
      if (std::isdigit(static_cast<unsigned char>(w[0]))) return false;
      for (char c : w.substr(0, eq)) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
      }
      return true;
    }
  }
  return false;
}

int VariableRank(TokenKind kind) {
  switch (kind) {
    case TokenKind::kAssign:
    case TokenKind::kRange: return 0;
    case TokenKind::kHex: return 1;
    case TokenKind::kIpv4: return 2;
    case TokenKind::kTime: return 3;
    case TokenKind::kUrl: return 4;
    case TokenKind::kWord: return 5;
    case TokenKind::kLine: return 6;
    case TokenKind::kKeyword: return -1;
  }
  return 9;
}

}  // namespace iosup::cli
