// libFuzzer target: configuration text as a startup-config file or a paste gives it. The text is
// parsed, rendered both ways, merged over a factory configuration (`copy start run`) and typed
// line by line through the model's entry points (Apply/Negate). Invariant: what the device saves
// reads back as the same configuration (render, parse, render is stable).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "device/config.h"

namespace {

using iosup::Config;

// Each line typed in the mode it belongs to: an indented line under the last top-level one.
void TypeLines(std::string_view text) {
  Config typed = Config::Factory("R1", {"GigabitEthernet0/0/0", "GigabitEthernet0/0/1"});
  std::string section;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    const bool child = !line.empty() && line[0] == ' ';
    while (!line.empty() && line[0] == ' ') line.remove_prefix(1);
    if (line.empty()) continue;
    const std::string_view in = child ? std::string_view(section) : std::string_view();
    if (line.substr(0, 3) == "no ") {
      (void)typed.Negate(in, line.substr(3));
    } else {
      (void)typed.Apply(in, line);
    }
    if (!child) section = std::string(line);
  }
  (void)typed.Render({.version_line = "version 16.9", .boot_markers = true, .defaults = true});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Config config = Config::Parse(text);
  const iosup::RenderOptions saved{.version_line = "version 16.9", .boot_markers = true};
  const std::string rendered = config.Render(saved);
  if (Config::Parse(rendered).Render(saved) != rendered) std::abort();
  (void)config.Render({.defaults = true, .acl_sequence_numbers = false});
  for (const iosup::ConfigNode& node : config.nodes()) {
    if (!node.children.empty()) (void)config.RenderSection(node.text, saved);
  }
  Config running = Config::Factory("Router", {"GigabitEthernet0/0/0"});
  running.Merge(config);
  (void)running.Render(saved);
  TypeLines(text);
  return 0;
}
