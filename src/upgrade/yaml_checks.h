// What the inventory and policy readers share: errors that point at the YAML line (theirs and
// yaml-cpp's), and a check that a mapping holds only known keys (a typo such as "relaod" names the
// closest known key instead of leaving a setting silently at its default).
#ifndef IOSUP_UPGRADE_YAML_CHECKS_H_
#define IOSUP_UPGRADE_YAML_CHECKS_H_

#include <yaml-cpp/yaml.h>

#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace iosup::upgrade {

// A yaml-cpp error as kInvalidArgument: "line N: <yaml-cpp's message>" when yaml-cpp knows the
// position, else "<document>: <yaml-cpp's message>".
Status YamlError(const YAML::Exception& e, std::string_view document);

// Parses `text` and returns `build(root)` (a Result<T>); yaml-cpp's exceptions, from the parse or
// from `build`'s reads, stop here as YamlError(e, document).
template <typename T, typename Build>
Result<T> ParseYaml(const std::string& text, std::string_view document, Build build) {
  try {
    return build(YAML::Load(text));
  } catch (const YAML::Exception& e) {
    return YamlError(e, document);
  }
}

// " (line N)" for a node read from text, "" otherwise.
std::string AtLine(const YAML::Node& n);

// The node's text; kInvalidArgument "<what> must be a single value (line N)" for a list, a
// mapping or a missing node.
Result<std::string> ScalarText(const YAML::Node& n, const std::string& what);

// Levenshtein distance.
size_t EditDistance(std::string_view a, std::string_view b);

// kInvalidArgument "<where>: unknown key 'k' (did you mean 'x'?) (line N)" for the first key of
// `map` not in `allowed` (the hint only for a key within two edits).
Status CheckKeys(const YAML::Node& map, std::span<const std::string_view> allowed,
                 const std::string& where);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_YAML_CHECKS_H_
