// A forwarding FlashStore that fails as a full or failing flash does while a fault says so
// (leveldb's fault-injection Env is the model): full, it reports no free space and refuses new
// content with kNoSpace; failing, every write (create, append, delete, rename, ...) fails with
// kIoError. Reads always work. The fault is asked at each call, so a fault injected during a copy
// breaks that copy at its next write.
#ifndef IOSUP_LAB_FAULTY_FLASH_STORE_H_
#define IOSUP_LAB_FAULTY_FLASH_STORE_H_

#include <functional>
#include <memory>

#include "base/flash_store.h"

namespace iosup {

struct FlashFaults {
  bool full = false;
  bool write_error = false;
};

class FaultyFlashStore : public FlashStore {
 public:
  using Probe = std::function<FlashFaults()>;
  FaultyFlashStore(std::unique_ptr<FlashStore> inner, Probe probe)
      : inner_(std::move(inner)), probe_(std::move(probe)) {}

  FlashStore& inner() { return *inner_; }
  // `store` itself, or the store a FaultyFlashStore wraps.
  static const FlashStore& Unwrap(const FlashStore& store);
  static FlashStore& Unwrap(FlashStore& store);

  SpaceInfo Space() const override;
  uint64_t block_size() const override { return inner_->block_size(); }
  Result<FileInfo> Stat(std::string_view path) const override { return inner_->Stat(path); }
  Result<std::vector<FileInfo>> List(std::string_view dir) const override { return inner_->List(dir); }
  Result<std::unique_ptr<FileReader>> OpenRead(std::string_view path) const override {
    return inner_->OpenRead(path);
  }
  Result<std::unique_ptr<FileWriter>> Create(std::string_view path,
                                             std::optional<uint64_t> expected_size) override;
  Status Delete(std::string_view path) override;
  Status Rename(std::string_view from, std::string_view to) override;
  Status MakeDir(std::string_view path) override;
  Status RemoveDir(std::string_view path) override;
  Status Format() override;
  std::optional<std::string> ContentNote(std::string_view path, std::string_view key) const override {
    return inner_->ContentNote(path, key);
  }
  void SetContentNote(std::string_view path, std::string_view key, std::string_view value) override {
    inner_->SetContentNote(path, key, value);
  }
  Status ShareCopy(const FlashStore& from, std::string_view from_path, std::string_view path) override;

 private:
  // kIoError while writes fail; else OK.
  Status WriteCheck(std::string_view path) const;

  std::unique_ptr<FlashStore> inner_;
  Probe probe_;
};

// Opens stores through `inner` and wraps each flash one (not "nvram", not "env") in a
// FaultyFlashStore asking `probe`.
class FaultyStoreProvider : public StoreProvider {
 public:
  FaultyStoreProvider(std::unique_ptr<StoreProvider> inner, FaultyFlashStore::Probe probe)
      : inner_(std::move(inner)), probe_(std::move(probe)) {}
  Result<std::unique_ptr<FlashStore>> Open(std::string_view name, uint64_t capacity,
                                           uint64_t block_size) override;

 private:
  std::unique_ptr<StoreProvider> inner_;
  FaultyFlashStore::Probe probe_;
};

}  // namespace iosup

#endif  // IOSUP_LAB_FAULTY_FLASH_STORE_H_
