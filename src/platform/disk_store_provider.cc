#include "platform/disk_store_provider.h"

#include "platform/posix_file.h"

namespace iosup {

Result<std::unique_ptr<FlashStore>> DiskStoreProvider::Open(std::string_view name,
                                                            uint64_t capacity,
                                                            uint64_t block_size) {
  IOSUP_RETURN_IF_ERROR(MakeDirs(dir_));
  Result<std::unique_ptr<DiskFlashStore>> store = DiskFlashStore::Open(
      blobs_, dir_ + "/" + std::string(name) + ".json", clock_, capacity, block_size);
  if (!store.ok()) return store.status();
  return std::unique_ptr<FlashStore>(std::move(*store));
}

}  // namespace iosup
