#include "device/flash_listing.h"

#include <cstdio>

#include "device/ios_time.h"

namespace iosup {

namespace {

bool XeLayout(const PlatformSpec& p) {
  return p.version_style == VersionStyle::kIosXeRouter ||
         p.version_style == VersionStyle::kCatalyst9k;
}

std::string Name(const FileInfo& f) {
  std::string_view base = SplitParent(f.path).second;
  return std::string(base);
}

std::string Footer(const SpaceInfo& space, bool isr_style) {
  char buf[96];
  if (isr_style) {
    std::snprintf(buf, sizeof buf, "%llu bytes available (%llu bytes used)\n",
                  static_cast<unsigned long long>(space.free()),
                  static_cast<unsigned long long>(space.used));
  } else {
    std::snprintf(buf, sizeof buf, "%llu bytes total (%llu bytes free)\n",
                  static_cast<unsigned long long>(space.capacity),
                  static_cast<unsigned long long>(space.free()));
  }
  return buf;
}

}  // namespace

Result<std::string> DirListing(const ResolvedPath& where, const PlatformSpec& platform) {
  Result<std::vector<FileInfo>> entries = where.store->List(where.path);
  if (!entries.ok() && entries.status().code() == ErrorCode::kNotDirectory) {
    // `dir flash:file` lists just that file under "Directory of flash:/file".
    Result<FileInfo> file = where.store->Stat(where.path);
    if (!file.ok()) return file.status();
    entries = std::vector<FileInfo>{*file};
  }
  if (!entries.ok()) return entries.status();
  const bool xe = XeLayout(platform);
  Result<FileInfo> self = where.store->Stat(where.path);
  const bool is_file = !where.path.empty() && self.ok() && !self->is_directory;
  std::string out = "Directory of " + where.spec->name + ":/" + where.path +
                    (where.path.empty() || is_file ? "" : "/") + "\n\n";
  if (entries->empty()) out += "No files in directory\n";
  for (const FileInfo& f : *entries) {
    const char* perms = f.is_directory ? "drwx" : (xe ? "-rw-" : "-rwx");
    const uint64_t size = f.is_directory ? where.spec->dir_size : f.size;
    char row[512];
    std::snprintf(row, sizeof row, "%5u  %-4s %*llu  %s  %s\n", f.index, perms, xe ? 16 : 11,
                  static_cast<unsigned long long>(size), CatalystListingTime(f.mtime).c_str(),
                  Name(f).c_str());
    out += row;
  }
  out += "\n" + Footer(where.store->Space(), /*isr_style=*/false);
  return out;
}

Result<std::string> ShowFlash(const ResolvedPath& where, const PlatformSpec& platform) {
  if (platform.listing_style == ListingStyle::kCatalyst) return DirListing(where, platform);
  Result<std::vector<FileInfo>> entries = where.store->List(where.path);
  if (!entries.ok()) return entries.status();
  std::string out = "-#- --length-- -----date/time------ path\n";
  int n = 0;
  for (const FileInfo& f : *entries) {
    const uint64_t size = f.is_directory ? where.spec->dir_size : f.size;
    char row[512];
    std::snprintf(row, sizeof row, "%-3d %10llu %s %s%s\n", ++n,
                  static_cast<unsigned long long>(size), IsrListingTime(f.mtime).c_str(),
                  Name(f).c_str(), f.is_directory ? "/" : "");
    out += row;
  }
  out += "\n" + Footer(where.store->Space(), /*isr_style=*/true);
  return out;
}

}  // namespace iosup
