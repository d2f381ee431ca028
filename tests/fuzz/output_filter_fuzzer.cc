// libFuzzer target: what a user types after `|` on a show command. The input's first line is the
// filter spec; it is parsed and, when valid, applied to a fixed `show running-config`-like text
// and to the rest of the input. Invariants: a refused spec names an offset inside the spec; a
// filter never makes text up (include/exclude/begin/section keep a subset of the lines, in order).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cli/output_filter.h"

namespace {

constexpr std::string_view kText =
    "Building configuration...\n\nCurrent configuration : 1234 bytes\n!\nversion 16.9\n"
    "hostname R1\n!\nboot-start-marker\nboot system bootflash:isr4300-universalk9.16.09.06.SPA.bin\n"
    "boot-end-marker\n!\ninterface GigabitEthernet0/0/0\n ip address 192.168.1.1 255.255.255.0\n"
    " negotiation auto\n!\ninterface GigabitEthernet0/0/1\n no ip address\n shutdown\n!\n"
    "ip access-list extended EDGE_IN\n 10 permit tcp any host 10.0.0.1 eq 22\n!\n"
    "line vty 0 4\n login local\n transport input ssh telnet\n!\nend\n";

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
  }
  return lines;
}

// The lines of `out` are lines of `in`, in the same order.
bool IsSubsequence(std::string_view out, std::string_view in) {
  const std::vector<std::string_view> in_lines = SplitLines(in);
  size_t next = 0;
  for (std::string_view line : SplitLines(out)) {
    while (next < in_lines.size() && in_lines[next] != line) ++next;
    if (next == in_lines.size()) return false;
    ++next;
  }
  return true;
}

void Run(const iosup::cli::OutputFilter& f, std::string_view text) {
  const std::string out = iosup::cli::ApplyOutputFilter(f, text);
  if (f.kind != iosup::cli::OutputFilter::Kind::kCount && !IsSubsequence(out, text)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const size_t nl = in.find('\n');
  const std::string_view spec = in.substr(0, nl);
  const std::string_view rest = nl == std::string_view::npos ? "" : in.substr(nl + 1);
  (void)iosup::cli::TranslateIosRegex(spec);
  iosup::cli::FilterError error{};
  auto filter = iosup::cli::ParseOutputFilter(spec, &error);
  if (!filter.ok()) {
    if (error.offset > spec.size()) std::abort();
    return 0;
  }
  Run(*filter, kText);
  Run(*filter, rest);
  return 0;
}
