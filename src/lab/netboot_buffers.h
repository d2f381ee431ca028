// Where a lab device holds a `boot system tftp:` image while it arrives through its
// TransferPort and is checked: an unnamed temporary file under `dir` (created when missing). It
// is gone as soon as the device lets go of the image, or when the process dies, so a 500 MB
// image costs the lab no memory and leaves nothing in its directory.
#ifndef IOSUP_LAB_NETBOOT_BUFFERS_H_
#define IOSUP_LAB_NETBOOT_BUFFERS_H_

#include <string>

#include "device/image_buffer.h"

namespace iosup {

ImageBufferFactory ScratchImageBuffers(std::string dir);

}  // namespace iosup

#endif  // IOSUP_LAB_NETBOOT_BUFFERS_H_
