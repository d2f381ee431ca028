// The bodies of `iosup image make` (a test image with a Cisco name, header, body and checksum)
// and `iosup image inspect` (an image's anatomy, format, integrity and hashes). Each returns the
// process exit status and reports on stdout/stderr.
#ifndef IOSUP_LAB_IMAGE_TOOL_H_
#define IOSUP_LAB_IMAGE_TOOL_H_

#include <cstdint>
#include <string>

namespace iosup {

struct MakeImageOptions {
  std::string name;     // the image's file name, e.g. c2960-lanbasek9-mz.152-7.E9.bin
  uint64_t size = 0;    // total bytes
  std::string family;   // platform family; empty: from the name
  std::string version;  // software version; empty: from the name
  std::string output;   // path written; empty: the name, here
};

// 0 when written, 2 for a name iosup does not know without family and version or a bad version,
// 1 when the file cannot be written.
int MakeImage(const MakeImageOptions& options);

// 0 for a good image, 3 for one that fails its internal checks, 1 when it cannot be read.
int InspectImage(const std::string& path);

}  // namespace iosup

#endif  // IOSUP_LAB_IMAGE_TOOL_H_
