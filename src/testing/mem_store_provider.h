// A StoreProvider whose stores live in memory. It keeps a pointer to every store it opened so a
// test can reach in (corrupt a file, look at bytes); the stores are owned by the device.
#ifndef IOSUP_TESTING_MEM_STORE_PROVIDER_H_
#define IOSUP_TESTING_MEM_STORE_PROVIDER_H_

#include <map>
#include <memory>
#include <string>

#include "testing/mem_flash_store.h"

namespace iosup {

class MemStoreProvider : public StoreProvider {
 public:
  explicit MemStoreProvider(const Clock& clock) : clock_(clock) {}
  Result<std::unique_ptr<FlashStore>> Open(std::string_view name, uint64_t capacity,
                                           uint64_t block_size) override {
    auto store = std::make_unique<MemFlashStore>(clock_, capacity, block_size);
    opened_[std::string(name)] = store.get();
    return std::unique_ptr<FlashStore>(std::move(store));
  }
  // The store opened under `name` ("bootflash", "nvram", "env"), or nullptr.
  MemFlashStore* store(const std::string& name) {
    auto it = opened_.find(name);
    return it == opened_.end() ? nullptr : it->second;
  }

 private:
  const Clock& clock_;
  std::map<std::string, MemFlashStore*> opened_;
};

}  // namespace iosup

#endif  // IOSUP_TESTING_MEM_STORE_PROVIDER_H_
