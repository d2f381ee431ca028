#include "lab/lab_storage.h"

#include <unistd.h>

#include <filesystem>
#include <set>

#include "base/digest.h"
#include "platform/disk_flash_store.h"

namespace iosup {

Result<std::unique_ptr<LabStorage>> LabStorage::Open(const std::string& dir, const Clock& clock) {
  std::unique_ptr<LabStorage> lab(new LabStorage(dir, clock));
  Result<std::unique_ptr<BlobStore>> blobs = BlobStore::Open(dir);
  if (!blobs.ok()) return blobs.status();
  lab->blobs_ = std::move(*blobs);
  IOSUP_RETURN_IF_ERROR(lab->RemoveAbandonedWrites());
  return lab;
}

Status LabStorage::RemoveAbandonedWrites() {
  std::error_code ec;
  // Most starts find nothing to collect: then no manifest is read twice (a fleet has thousands).
  if (std::filesystem::is_empty(dir_ + "/staging", ec) || ec) return Status::Ok();
  std::set<std::string> partials;
  for (const auto& device : std::filesystem::directory_iterator(dir_ + "/devices", ec)) {
    std::error_code inner;
    for (const auto& file : std::filesystem::directory_iterator(device.path(), inner)) {
      if (file.path().extension() != ".json") continue;
      Result<std::vector<std::string>> names = DiskFlashStore::StagingNamesIn(file.path().string());
      // A manifest that cannot be read keeps everything: nothing it may name is removed.
      if (!names.ok()) return Status::Ok();
      partials.insert(names->begin(), names->end());
    }
  }
  (void)blobs_->RemoveAbandonedStaging(partials);
  return Status::Ok();
}

Result<std::unique_ptr<Device>> LabStorage::OpenDevice(const PlatformSpec& platform,
                                                       DeviceOptions options,
                                                       std::function<FlashFaults()> flash_faults) {
  if (options.name.empty() || options.name.find('/') != std::string::npos ||
      options.name[0] == '.') {
    return InvalidArgument("invalid device name '" + options.name + "'");
  }
  std::unique_ptr<StoreProvider> disk =
      std::make_unique<DiskStoreProvider>(*blobs_, dir_ + "/devices/" + options.name, clock_);
  if (flash_faults) {
    disk = std::make_unique<FaultyStoreProvider>(std::move(disk), std::move(flash_faults));
  }
  providers_.push_back(std::move(disk));
  Result<std::unique_ptr<Device>> device =
      Device::Create(platform, std::move(options), clock_, *providers_.back());
  // Packages that install operations expand are generated once per lab and shared after.
  if (device.ok()) {
    (*device)->set_image_installer(
        [this](FlashStore& store, const std::string& path, const ImageRecipe& recipe) {
          return InstallImage(store, path, recipe);
        });
  }
  return device;
}

bool LabStorage::HasDevice(const std::string& name) const {
  std::error_code ec;
  return std::filesystem::exists(dir_ + "/devices/" + name, ec);
}

Status LabStorage::PrepareImages(const std::vector<ImageRecipe>& recipes) {
  for (const ImageRecipe& recipe : recipes) {
    const std::string key = recipe.Key();
    if (prepared_.contains(key) || blobs_->Named(key)) continue;
    Result<std::string> staging = blobs_->NewStaging();
    if (!staging.ok()) return staging.status();
    std::future<Result<WrittenImage>> written =
        std::async(std::launch::async, [path = blobs_->StagingPath(*staging), recipe] {
          return WriteImageForBlob(path, recipe);
        });
    prepared_.emplace(key, PreparedImage{*staging, std::move(written)});
  }
  return Status::Ok();
}

bool LabStorage::AdoptPrepared(const std::string& key) {
  auto it = prepared_.find(key);
  if (it == prepared_.end()) return false;
  Result<WrittenImage> written = it->second.written.get();
  const std::string staging = it->second.staging;
  prepared_.erase(it);
  if (!written.ok() || !blobs_->Adopt(staging, written->sha256).ok()) {
    ::unlink(blobs_->StagingPath(staging).c_str());
    return false;
  }
  (void)blobs_->SetNote(written->sha256, kImageCheckNote, written->check.Encode());
  return blobs_->SetNamed(key, written->sha256).ok();
}

Status LabStorage::InstallFile(FlashStore& store, std::string_view path, std::string_view bytes) {
  auto* disk = dynamic_cast<DiskFlashStore*>(&FaultyFlashStore::Unwrap(store));
  const std::string blob = DigestHex(DigestKind::kSha256, bytes);
  if (disk != nullptr && blobs_->Has(blob)) return disk->LinkBlob(path, blob);
  return WriteWholeFile(store, path, bytes);
}

Status LabStorage::InstallImage(FlashStore& store, const std::string& path,
                                const ImageRecipe& recipe) {
  auto* disk = dynamic_cast<DiskFlashStore*>(&FaultyFlashStore::Unwrap(store));
  if (disk != nullptr) {
    (void)AdoptPrepared(recipe.Key());
    if (std::optional<std::string> blob = blobs_->Named(recipe.Key())) {
      return disk->LinkBlob(path, *blob);
    }
  }
  IOSUP_RETURN_IF_ERROR(Device::WriteGeneratedImage(store, path, recipe));
  if (disk != nullptr) {
    if (std::optional<std::string> blob = disk->BlobIdOf(path)) {
      return blobs_->SetNamed(recipe.Key(), *blob);
    }
  }
  return Status::Ok();
}

}  // namespace iosup
