#include "device/config_schema.h"

#include <cctype>
#include <map>
#include <sstream>

namespace iosup {

namespace {

std::string_view WithoutNo(std::string_view line) {
  return StartsWithWords(line, "no") ? line.substr(std::min<size_t>(3, line.size())) : line;
}

// Rows by mode, built once from the table (read-only afterwards).
const std::map<std::string, std::vector<const ConfigRow*>, std::less<>>& RowsByMode() {
  static const auto* by_mode = [] {
    auto* m = new std::map<std::string, std::vector<const ConfigRow*>, std::less<>>;
    for (const ConfigRow& r : ConfigRows()) (*m)[r.mode].push_back(&r);
    return m;
  }();
  return *by_mode;
}

size_t WordCount(std::string_view s) { return ConfigWords(s).size(); }

}  // namespace

std::vector<std::string> ConfigWords(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool StartsWithWords(std::string_view line, std::string_view prefix) {
  if (prefix.empty()) return true;
  return line.substr(0, prefix.size()) == prefix &&
         (line.size() == prefix.size() || line[prefix.size()] == ' ');
}

const ConfigRow* FindConfigRow(std::string_view mode, std::string_view line) {
  auto it = RowsByMode().find(mode);
  if (it == RowsByMode().end()) return nullptr;
  const std::string_view body = WithoutNo(line);
  const ConfigRow* best = nullptr;
  size_t best_words = 0;
  for (const ConfigRow* r : it->second) {
    if (!StartsWithWords(body, r->match)) continue;
    const size_t n = WordCount(r->match);
    if (best == nullptr || n > best_words) {
      best = r;
      best_words = n;
    }
  }
  return best;
}

namespace {

// `line` with its leading words `from` replaced by `to` (a leading "no " kept).
std::string Respell(std::string_view line, std::string_view from, std::string_view to) {
  const bool no = StartsWithWords(line, "no");
  const std::string_view body = WithoutNo(line);
  return (no ? "no " : "") + std::string(to) + std::string(body.substr(from.size()));
}

}  // namespace

std::string CanonicalSpelling(std::string_view mode, std::string_view line) {
  const ConfigRow* r = FindConfigRow(mode, line);
  if (r == nullptr || r->spelling_of.empty()) return std::string(line);
  return Respell(line, r->match, r->spelling_of);
}

std::string LegacySpelling(std::string_view mode, std::string_view line) {
  const ConfigRow* r = FindConfigRow(mode, line);
  if (r == nullptr) return std::string(line);
  auto it = RowsByMode().find(mode);
  for (const ConfigRow* alias : it->second) {
    if (alias->spelling_of == r->match) return Respell(line, r->match, alias->match);
  }
  return std::string(line);
}

std::string SectionMode(std::string_view header) {
  const ConfigRow* r = FindConfigRow("config", header);
  return r != nullptr && r->kind == ConfigKind::kSection ? r->submode : "";
}

std::string LineKey(const ConfigRow* row, std::string_view line) {
  const std::vector<std::string> w = ConfigWords(WithoutNo(line));
  size_t n = w.size();
  if (row != nullptr && row->kind == ConfigKind::kSequenced) {
    return !w.empty() && std::isdigit(static_cast<unsigned char>(w[0][0])) ? w[0] : "";
  }
  if (row != nullptr && row->key_words > 0) n = std::min<size_t>(n, row->key_words);
  std::string out;
  for (size_t i = 0; i < n; ++i) out += (i ? " " : "") + w[i];
  return out;
}

}  // namespace iosup
