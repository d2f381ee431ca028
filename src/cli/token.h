// The kinds of words a command syntax is made of, and how a typed word matches each.
//   keyword        show, running-config       (matched by unique prefix, case-insensitive)
//   WORD           any single word
//   LINE           the rest of the line (must be last)
//   <1-65535>      a decimal number in range
//   HEX            0x2102
//   A.B.C.D        an IPv4 address
//   URL            a file-system path or URL: flash:, bootflash:/d/f.bin, tftp://h/f, x.bin
//   HH:MM          a time of day
//   NAME=VALUE     a variable assignment as one word: IP_ADDRESS=10.1.1.1 (ROM monitors)
#ifndef IOSUP_CLI_TOKEN_H_
#define IOSUP_CLI_TOKEN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace iosup::cli {

enum class TokenKind { kKeyword, kWord, kLine, kRange, kHex, kIpv4, kUrl, kTime, kAssign };

struct Token {
  TokenKind kind = TokenKind::kKeyword;
  std::string text;  // the keyword, or the placeholder as written ("WORD", "<1-100>")
  int64_t min = 0, max = 0;  // kRange bounds
  std::string help;

  // How a variable is listed by `?`: "WORD", "<0-4294967295>", "A.B.C.D".
  const std::string& display() const { return text; }
  bool SameShape(const Token& o) const {
    return kind == o.kind && text == o.text && min == o.min && max == o.max;
  }
};

// Parses one syntax element ("show", "WORD", "<1-24>", "HEX", ...). Keywords are anything that
// is not a placeholder.
std::optional<Token> ParseTokenSpec(std::string_view spec);

// For keywords: whether `word` is a (case-insensitive) prefix of the keyword, and whether it is
// all of it (a keyword ending in ':' is also all there without the colon: "flash" of "flash:").
bool KeywordPrefix(const Token& keyword, std::string_view word);
bool KeywordExact(const Token& keyword, std::string_view word);
// For variables: whether `word` is an acceptable value.
bool VariableMatches(const Token& variable, std::string_view word);
// Preference among variables that match the same word: more specific first (lower wins).
int VariableRank(TokenKind kind);

}  // namespace iosup::cli

#endif  // IOSUP_CLI_TOKEN_H_
