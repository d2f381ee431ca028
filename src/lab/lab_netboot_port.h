// The device's NetbootPort in a lab: `boot system tftp:FILE HOST` fetched with the transfer
// layer's TFTP client from wherever the address map says HOST really is, as LabTransferPort does
// for copies. A host the map does not know fails as an unreachable one (kTimedOut) without a
// packet sent; packets only ever go to loopback.
//
// The boot sequence waits for FetchImage on the device's thread, so each fetch runs the client on
// a private io_context; the server it talks to must run on another thread (ServerLoop). The image
// lands in a temporary file under `temp_dir`, unlinked as soon as it is created: it is gone when
// the returned reader is, or when the process dies. Thread-safe (no state besides the map, which
// must not change while fetches run).
#ifndef IOSUP_LAB_LAB_NETBOOT_PORT_H_
#define IOSUP_LAB_LAB_NETBOOT_PORT_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "device/boot_sequence.h"
#include "lab/address_map.h"

namespace iosup {

class LabNetbootPort : public NetbootPort {
 public:
  struct Options {
    std::string temp_dir;  // created when missing
    uint32_t blksize = 8192;
    // Per packet, then max_retries retransmissions: a server that never answers costs about
    // (max_retries + 1) * retransmit_timeout of the device's boot.
    std::chrono::milliseconds retransmit_timeout{1000};
    int max_retries = 3;
  };
  // `map` must outlive the port.
  LabNetbootPort(const AddressMap& map, Options options)
      : map_(map), options_(std::move(options)) {}

  Result<std::unique_ptr<FileReader>> FetchImage(const std::string& host,
                                                 const std::string& file) override;

 private:
  const AddressMap& map_;
  Options options_;
};

}  // namespace iosup

#endif  // IOSUP_LAB_LAB_NETBOOT_PORT_H_
