#include "lab/lab_device.h"

#include <algorithm>
#include <span>
#include <vector>

#include "catalog/software_version.h"
#include "device/secrets.h"
#include "lab/faulty_flash_store.h"
#include "platform/disk_flash_store.h"

namespace iosup {

namespace {

// Saves the running-config as the device will print it once `image` runs: with that image's
// `version` line, which every saved IOS configuration carries. (Before its first boot the device
// runs no image and would save none.)
Status SaveStartupFor(Device& d, const ImageRecipe& image) {
  Result<SoftwareVersion> version = ParseSoftwareVersion(image.version);
  if (!version.ok()) return version.status();
  const std::string text =
      d.running_config().Render("version " + version->Release(), d.platform().boot_markers);
  Result<ResolvedPath> where = d.StartupConfigLocation();
  if (!where.ok()) return where.status();
  return WriteWholeFile(*where->store, where->path, text);
}

// Holds back the manifests of a device's disk file systems while it lives: a first provisioning
// changes each several times (image, VLAN database, startup-config) and is only useful whole, so
// each manifest is written once, at End() (or when it dies on an error path).
class ManifestBatch {
 public:
  explicit ManifestBatch(Device& d) {
    for (const ResolvedPath& fs : d.file_systems().all()) {
      auto* disk = dynamic_cast<DiskFlashStore*>(&FaultyFlashStore::Unwrap(*fs.store));
      if (disk == nullptr || std::find(stores_.begin(), stores_.end(), disk) != stores_.end()) continue;
      disk->BeginBatch();
      stores_.push_back(disk);
    }
  }
  ManifestBatch(const ManifestBatch&) = delete;
  ManifestBatch& operator=(const ManifestBatch&) = delete;
  ~ManifestBatch() { (void)End(); }
  Status End() {
    Status first = Status::Ok();
    for (DiskFlashStore* s : stores_) {
      Status saved = s->EndBatch();
      if (first.ok()) first = saved;
    }
    stores_.clear();
    return first;
  }

 private:
  std::vector<DiskFlashStore*> stores_;
};

}  // namespace

Config LabDeviceConfig(const DeviceDefinition& def, const PlatformSpec& platform,
                       const std::string& boot_image_url) {
  Config c = Config::Factory(def.hostname, InterfaceNames(platform), platform.is_switch());
  c.AddBootStatement(*ParseBootStatement(boot_image_url));
  if (!def.enable.empty()) c.SetLine("enable secret " + MakeType5Secret(def.enable));
  if (!def.username.empty()) {
    c.SetLine("username " + def.username + " privilege 15 secret " + MakeType5Secret(def.password));
  }
  c.SetLine("ip ssh version 2");
  // The lab's defaults against abuse of a shared lab, shown in running-config and changeable as
  // on IOS: an SSH connection must authenticate within 30 s (IOS: 120 s), and ten failed vty
  // logins within a minute refuse new telnet and SSH connections to the device for 15 s
  // (%SEC_LOGIN-1-QUIET_MODE_ON), which holds a guessing storm to under one guess a second.
  c.SetLine("ip ssh time-out 30");
  c.SetLine("login block-for 15 attempts 10 within 60");
  c.SetLine("ip scp server enable");
  if (!def.address.empty()) {
    const std::string header = "interface " + def.interface;
    c.SetSectionLine(header, "ip address " + def.address + " " + def.netmask);
    c.SetSectionLine(header, "no shutdown");
  }
  c.SetSectionLine("line vty 0 4", "login local");
  c.SetSectionLine("line vty 0 4", "transport input ssh telnet");
  // A line with line breaks is a block ("router ospf 1\n network ..."), merged as pasted.
  for (const std::string& line : def.config) {
    if (line.find('\n') != std::string::npos) {
      c.Merge(Config::Parse(line));
    } else {
      c.SetLine(line);
    }
  }
  return c;
}

Result<ImageRecipe> LabDeviceImage(const DeviceDefinition& def, const PlatformSpec& platform) {
  return ImageRecipe::FromName(def.image.empty() ? platform.default_image : def.image,
                               def.image_size ? def.image_size : platform.default_image_size);
}

Status ProvisionLabDevice(LabStorage& storage, Device& d, const DeviceDefinition& def) {
  if (d.ReadStartupText().status().code() != ErrorCode::kNotFound) return Status::Ok();
  const PlatformSpec& platform = d.platform();
  Result<ImageRecipe> recipe = LabDeviceImage(def, platform);
  if (!recipe.ok()) return recipe.status();
  const std::string& image = recipe->file_name;
  ManifestBatch batch(d);
  const ResolvedPath& primary = d.file_systems().primary();
  IOSUP_RETURN_IF_ERROR(storage.InstallImage(*primary.store, image, *recipe));
  for (FlashStore* member : d.install().member_flash()) {  // every stack member has the image
    IOSUP_RETURN_IF_ERROR(storage.InstallImage(*member, image, *recipe));
  }
  // A switch ships with its VLAN database, the same bytes on every switch of the lab.
  IOSUP_RETURN_IF_ERROR(d.ProvisionVlanDatabase(
      [&](FlashStore& store, std::string_view path, std::string_view bytes) {
        return storage.InstallFile(store, path, bytes);
      }));
  std::string boot = primary.spec->name + ":" + image;
  if (def.mode == "install" || (def.mode.empty() && platform.install_mode_default)) {
    IOSUP_RETURN_IF_ERROR(d.ExpandShippedImage(image));
    boot = primary.spec->name + ":packages.conf";
  }
  if (d.stack_members() > 1) boot = "switch all " + boot;  // a stack boots every member alike
  d.running_config() = LabDeviceConfig(def, platform, boot);
  IOSUP_RETURN_IF_ERROR(SaveStartupFor(d, *recipe));
  return batch.End();
}

}  // namespace iosup
