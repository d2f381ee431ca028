#include "lab/lab_storage.h"

#include <filesystem>
#include <set>

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

Status LabStorage::InstallImage(FlashStore& store, const std::string& path,
                                const ImageRecipe& recipe) {
  auto* disk = dynamic_cast<DiskFlashStore*>(&FaultyFlashStore::Unwrap(store));
  if (disk != nullptr) {
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
