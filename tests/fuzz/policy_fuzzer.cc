// libFuzzer target: an upgrade policy file (`iosup upgrade --policy FILE`). Anything but a crash,
// a sanitizer report or a hang is acceptable; a refused file says why.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "upgrade/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto policy = iosup::upgrade::ParsePolicy(std::string(reinterpret_cast<const char*>(data), size));
  if (!policy.ok() && policy.status().message().empty()) std::abort();
  return 0;
}
