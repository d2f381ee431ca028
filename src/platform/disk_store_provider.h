// A StoreProvider for one device of a lab: manifests under the device's directory
// (DIR/<name>.json), bytes in the lab's shared BlobStore.
#ifndef IOSUP_PLATFORM_DISK_STORE_PROVIDER_H_
#define IOSUP_PLATFORM_DISK_STORE_PROVIDER_H_

#include <string>

#include "platform/disk_flash_store.h"

namespace iosup {

class DiskStoreProvider : public StoreProvider {
 public:
  // `blobs` and `clock` must outlive the provider and the stores it opens.
  DiskStoreProvider(BlobStore& blobs, std::string device_dir, const Clock& clock)
      : blobs_(blobs), dir_(std::move(device_dir)), clock_(clock) {}
  Result<std::unique_ptr<FlashStore>> Open(std::string_view name, uint64_t capacity,
                                           uint64_t block_size) override;

 private:
  BlobStore& blobs_;
  std::string dir_;
  const Clock& clock_;
};

}  // namespace iosup

#endif  // IOSUP_PLATFORM_DISK_STORE_PROVIDER_H_
