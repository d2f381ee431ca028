// libFuzzer target: an upgrade inventory file (`iosup upgrade --inventory FILE`), with every
// password variable set. Anything but a crash, a sanitizer report or a hang is acceptable; a
// refused file says why.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "upgrade/inventory.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto inventory = iosup::upgrade::ParseInventory(
      std::string(reinterpret_cast<const char*>(data), size),
      [](const char* name) -> const char* { return name[0] == 'U' ? nullptr : "secret"; });
  if (!inventory.ok() && inventory.status().message().empty()) std::abort();
  return 0;
}
