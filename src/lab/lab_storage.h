// A lab's directory: the blob store shared by all its devices, one sub-directory of manifests
// per device, and generated images built once per lab and linked into every device that holds
// them.
//   DIR/blobs/...        content (BlobStore)
//   DIR/devices/<name>/  one manifest per file system, plus env.json's store
#ifndef IOSUP_LAB_LAB_STORAGE_H_
#define IOSUP_LAB_LAB_STORAGE_H_

#include <future>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "device/device.h"
#include "platform/blob_store.h"
#include "platform/disk_store_provider.h"
#include "lab/faulty_flash_store.h"
#include "lab/image_file.h"

namespace iosup {

class LabStorage {
 public:
  // `clock` must outlive the storage and every device it creates.
  static Result<std::unique_ptr<LabStorage>> Open(const std::string& dir, const Clock& clock);

  // Opens (creating on first use) the device `name`; devices created here must not outlive the
  // storage. With `flash_faults`, its flash file systems fail as that probe says
  // (faulty_flash_store.h).
  Result<std::unique_ptr<Device>> OpenDevice(const PlatformSpec& platform, DeviceOptions options,
                                             std::function<FlashFaults()> flash_faults = nullptr);

  // Device::ImageInstaller that generates each recipe once per lab and links the blob after.
  // A recipe PrepareImages is generating is waited for, then linked.
  Status InstallImage(FlashStore& store, const std::string& path, const ImageRecipe& recipe);

  // Device::FileInstaller that links the lab's blob of `bytes` when it holds one (a file every
  // device ships with, such as a switch's vlan.dat), else writes them.
  Status InstallFile(FlashStore& store, std::string_view path, std::string_view bytes);

  // Starts generating, on a thread of its own, each of `recipes` the lab holds no blob for yet
  // (a first start's flash images: the ISR's is 521 MB), so the devices that need other images
  // are provisioned meanwhile. The image's check (image_format.h) is computed there as well, so
  // the first boot from it reads nothing again.
  Status PrepareImages(const std::vector<ImageRecipe>& recipes);
  // Whether the device `name` has been opened in this lab before.
  bool HasDevice(const std::string& name) const;

  const std::string& dir() const { return dir_; }
  BlobStore& blobs() { return *blobs_; }

 private:
  LabStorage(std::string dir, const Clock& clock) : dir_(std::move(dir)), clock_(clock) {}
  // A lab killed during a copy leaves its staging file behind; at the next start every staging
  // file no manifest names as a partial file, and no running writer holds, is removed.
  Status RemoveAbandonedWrites();

  // Waits for the prepared `key`'s blob and adds it to the store under that key; false when none
  // was prepared or its generation failed (the caller generates it then).
  bool AdoptPrepared(const std::string& key);

  struct PreparedImage {
    std::string staging;  // BlobStore staging name being written
    std::future<Result<WrittenImage>> written;
  };

  std::string dir_;
  const Clock& clock_;
  // By recipe key. Its threads touch only their staging file; destroying it waits for them.
  std::map<std::string, PreparedImage> prepared_;
  std::unique_ptr<BlobStore> blobs_;
  std::vector<std::unique_ptr<StoreProvider>> providers_;
};

}  // namespace iosup

#endif  // IOSUP_LAB_LAB_STORAGE_H_
