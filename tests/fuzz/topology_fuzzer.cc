// libFuzzer target: a lab topology file (`iosup lab --topology FILE`). Anything but a crash, a
// sanitizer report or a hang is acceptable; a refused file says why.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lab/topology.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto topology = iosup::ParseTopology(std::string(reinterpret_cast<const char*>(data), size));
  if (!topology.ok() && topology.status().message().empty()) std::abort();
  return 0;
}
