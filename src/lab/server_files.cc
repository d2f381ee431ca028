#include "lab/server_files.h"

#include <filesystem>
#include <sstream>

#include "base/digest.h"
#include "device/image_format.h"
#include "lab/image_file.h"
#include "platform/posix_file.h"

namespace iosup {

namespace {

// The published hashes of a server root, as md5sum writes them, if the manifest exists.
PublishedFiles ReadManifest(const std::string& path) {
  PublishedFiles out;
  Result<std::string> text = ReadWholeFile(path);
  if (!text.ok()) return out;
  std::istringstream in(*text);
  for (std::string md5, name; in >> md5 >> name;) out[name] = md5;
  return out;
}

// Makes `dir`/`f.name` a whole image of `f.size` and returns its MD5, hashing at most once.
Result<std::string> StageImage(const std::string& dir, const ServedFile& f,
                               const PublishedFiles& published, const std::string& manifest) {
  const std::string path = dir + "/" + f.name;
  std::error_code ec, mec;
  if (std::filesystem::file_size(path, ec) == f.size && !ec) {
    auto known = published.find(f.name);
    const auto file_time = std::filesystem::last_write_time(path, ec);
    const auto manifest_time = std::filesystem::last_write_time(manifest, mec);
    if (known != published.end() && !ec && !mec && file_time <= manifest_time) return known->second;
    Result<std::unique_ptr<FileReader>> reader = OpenPosixReader(path);
    if (!reader.ok()) return reader.status();
    return DigestReader(**reader, DigestKind::kMd5);
  }
  Result<ImageRecipe> recipe = ImageRecipe::FromName(f.name, f.size);
  if (!recipe.ok()) return recipe.status();
  return WriteImageFile(path, *recipe);
}

}  // namespace

Result<PublishedFiles> StageServerFiles(const ServerRoot& server) {
  const PublishedFiles known = ReadManifest(server.manifest);
  PublishedFiles published;
  std::string sums;
  for (const ServedFile& f : server.files) {
    Result<std::string> md5 = StageImage(server.root, f, known, server.manifest);
    if (!md5.ok()) return Status(md5.status().code(), f.name + ": " + md5.status().message());
    sums += *md5 + "  " + f.name + "\n";
    published[f.name] = *md5;
  }
  IOSUP_RETURN_IF_ERROR(WriteFileAtomically(server.manifest, sums));
  return published;
}

std::future<Result<std::vector<PublishedFiles>>> StageServerFilesAsync(std::vector<ServerRoot> servers) {
  return std::async(std::launch::async,
                    [servers = std::move(servers)]() -> Result<std::vector<PublishedFiles>> {
                      std::vector<PublishedFiles> all;
                      for (const ServerRoot& s : servers) {
                        Result<PublishedFiles> published = StageServerFiles(s);
                        if (!published.ok()) return published.status();
                        all.push_back(std::move(*published));
                      }
                      return all;
                    });
}

}  // namespace iosup
