#include "lab/faulty_flash_store.h"

namespace iosup {

namespace {

// A writer whose appends fail while the store is full or failing; committing or aborting it
// is left to the inner writer (the content already written stays as a partial file would).
class FaultyWriter : public FileWriter {
 public:
  FaultyWriter(std::unique_ptr<FileWriter> inner, FaultyFlashStore::Probe probe, std::string path)
      : inner_(std::move(inner)), probe_(std::move(probe)), path_(std::move(path)) {}
  Status Append(std::span<const uint8_t> data) override {
    const FlashFaults f = probe_();
    if (f.write_error) return IoError(path_);
    if (f.full) return NoSpace(path_);
    return inner_->Append(data);
  }
  void ExpectContent(const std::string& local_file) override { inner_->ExpectContent(local_file); }
  Status Commit() override {
    if (probe_().write_error) return IoError(path_);
    return inner_->Commit();
  }
  void Abort() override { inner_->Abort(); }
  uint64_t written() const override { return inner_->written(); }

 private:
  std::unique_ptr<FileWriter> inner_;
  FaultyFlashStore::Probe probe_;
  std::string path_;
};

}  // namespace

const FlashStore& FaultyFlashStore::Unwrap(const FlashStore& store) {
  const auto* faulty = dynamic_cast<const FaultyFlashStore*>(&store);
  return faulty != nullptr ? *faulty->inner_ : store;
}

FlashStore& FaultyFlashStore::Unwrap(FlashStore& store) {
  auto* faulty = dynamic_cast<FaultyFlashStore*>(&store);
  return faulty != nullptr ? *faulty->inner_ : store;
}

SpaceInfo FaultyFlashStore::Space() const {
  SpaceInfo space = inner_->Space();
  if (probe_().full) space.used = space.capacity;
  return space;
}

Status FaultyFlashStore::WriteCheck(std::string_view path) const {
  if (probe_().write_error) return IoError(std::string(path));
  return Status::Ok();
}

Result<std::unique_ptr<FileWriter>> FaultyFlashStore::Create(std::string_view path,
                                                             std::optional<uint64_t> expected_size) {
  IOSUP_RETURN_IF_ERROR(WriteCheck(path));
  if (probe_().full) return NoSpace(std::string(path));
  Result<std::unique_ptr<FileWriter>> writer = inner_->Create(path, expected_size);
  if (!writer.ok()) return writer;
  return std::unique_ptr<FileWriter>(
      std::make_unique<FaultyWriter>(std::move(*writer), probe_, std::string(path)));
}

Status FaultyFlashStore::Delete(std::string_view path) {
  IOSUP_RETURN_IF_ERROR(WriteCheck(path));
  return inner_->Delete(path);
}

Status FaultyFlashStore::Rename(std::string_view from, std::string_view to) {
  IOSUP_RETURN_IF_ERROR(WriteCheck(to));
  return inner_->Rename(from, to);
}

Status FaultyFlashStore::MakeDir(std::string_view path) {
  IOSUP_RETURN_IF_ERROR(WriteCheck(path));
  if (probe_().full) return NoSpace(std::string(path));
  return inner_->MakeDir(path);
}

Status FaultyFlashStore::RemoveDir(std::string_view path) {
  IOSUP_RETURN_IF_ERROR(WriteCheck(path));
  return inner_->RemoveDir(path);
}

Status FaultyFlashStore::Format() {
  IOSUP_RETURN_IF_ERROR(WriteCheck(""));
  return inner_->Format();
}

Status FaultyFlashStore::ShareCopy(const FlashStore& from, std::string_view from_path,
                                   std::string_view path) {
  IOSUP_RETURN_IF_ERROR(WriteCheck(path));
  if (probe_().full) return NoSpace(std::string(path));
  return inner_->ShareCopy(Unwrap(from), from_path, path);
}

Result<std::unique_ptr<FlashStore>> FaultyStoreProvider::Open(std::string_view name,
                                                              uint64_t capacity,
                                                              uint64_t block_size) {
  Result<std::unique_ptr<FlashStore>> store = inner_->Open(name, capacity, block_size);
  // NVRAM (and the variables kept beside it) is not flash: its writes never fail here.
  if (!store.ok() || name == "env" || name == "nvram") return store;
  return std::unique_ptr<FlashStore>(std::make_unique<FaultyFlashStore>(std::move(*store), probe_));
}

}  // namespace iosup
