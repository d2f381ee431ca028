#include "device/install/package_check.h"

#include "device/image_format.h"
#include "device/install/provisioning_file.h"

namespace iosup {

Result<ProvisionedRelease> CheckProvisionedSet(FlashStore& store, std::string_view conf_path,
                                               const PlatformSpec& platform) {
  Result<std::string> text = ReadWholeStoreFile(store, conf_path);
  if (!text.ok()) return text.status();
  Result<ProvisioningFile> conf = ProvisioningFile::Parse(*text);
  if (!conf.ok()) return conf.status();
  const std::string dir(SplitParent(conf_path).first);
  ProvisionedRelease out{.family = "", .version = conf->version, .image = conf->image};
  for (const ProvisionedPackage& p : conf->packages) {
    const std::string path = dir.empty() ? p.file : dir + "/" + p.file;
    Result<FileInfo> info = store.Stat(path);
    if (!info.ok() || info->is_directory) return NotFound("package " + p.file + " is missing");
    Result<ImageCheck> check = CheckStoredImage(store, path);
    if (!check.ok()) return check.status();
    if (!check->good()) return Corrupt("package " + p.file + " failed validation: " + check->problem);
    if (!platform.Boots(check->family) || check->version != conf->version) {
      return InvalidArgument("package " + p.file + " is not part of " + conf->version +
                             " for this platform");
    }
    out.family = check->family;
  }
  return out;
}

}  // namespace iosup
