#include "upgrade/yaml_checks.h"

#include <algorithm>
#include <vector>

namespace iosup::upgrade {

Status YamlError(const YAML::Exception& e, std::string_view document) {
  if (e.mark.is_null()) return InvalidArgument(std::string(document) + ": " + e.msg);
  return InvalidArgument("line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
}

std::string AtLine(const YAML::Node& n) {
  return n.Mark().is_null() ? "" : " (line " + std::to_string(n.Mark().line + 1) + ")";
}

Result<std::string> ScalarText(const YAML::Node& n, const std::string& what) {
  if (!n.IsScalar()) return InvalidArgument(what + " must be a single value" + AtLine(n));
  return n.Scalar();
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

Status CheckKeys(const YAML::Node& map, std::span<const std::string_view> allowed,
                 const std::string& where) {
  for (const auto& kv : map) {
    const std::string key = kv.first.Scalar();
    if (std::ranges::find(allowed, key) != allowed.end()) continue;
    std::string hint;
    size_t best = 3;  // suggest only a key within two edits
    for (std::string_view candidate : allowed) {
      if (const size_t d = EditDistance(key, candidate); d < best) {
        best = d;
        hint = " (did you mean '" + std::string(candidate) + "'?)";
      }
    }
    return InvalidArgument(where + ": unknown key '" + key + "'" + hint + AtLine(kv.first));
  }
  return Status::Ok();
}

}  // namespace iosup::upgrade
