#include "platform/blob_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "base/digest.h"
#include "platform/posix_file.h"

namespace iosup {

namespace {
bool ValidId(const std::string& id) {
  if (id.size() != 64) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}
}  // namespace

Result<std::unique_ptr<BlobStore>> BlobStore::Open(const std::string& root) {
  for (const char* sub : {"/blobs", "/staging", "/names"}) {
    IOSUP_RETURN_IF_ERROR(MakeDirs(root + sub));
  }
  return std::unique_ptr<BlobStore>(new BlobStore(root));
}

Result<std::string> BlobStore::NewStaging() {
  static std::mt19937_64 rng{std::random_device{}()};
  for (int attempt = 0; attempt < 16; ++attempt) {
    char name[40];
    std::snprintf(name, sizeof name, "w-%d-%016llx", static_cast<int>(::getpid()),
                  static_cast<unsigned long long>(rng()));
    std::string path = StagingPath(name);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::close(fd);
      return std::string(name);
    }
    if (errno != EEXIST) return IoError("create " + path + ": " + std::strerror(errno));
  }
  return IoError("cannot create a staging file under " + root_);
}

namespace {
// Staging names are "w-PID-RANDOM" (NewStaging); the writer is alive while PID is.
bool WriterAlive(const std::string& name) {
  if (!name.starts_with("w-")) return false;
  const size_t dash = name.find('-', 2);
  if (dash == std::string::npos) return false;
  const long pid = std::strtol(name.substr(2, dash - 2).c_str(), nullptr, 10);
  if (pid <= 0) return false;
  return pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}
}  // namespace

uint64_t BlobStore::RemoveAbandonedStaging(const std::set<std::string>& keep) {
  uint64_t freed = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(root_ + "/staging", ec)) {
    const std::string name = entry.path().filename().string();
    if (keep.contains(name) || WriterAlive(name)) continue;
    std::error_code size_ec;
    const uintmax_t size = entry.file_size(size_ec);
    if (::unlink(entry.path().c_str()) == 0 && !size_ec) freed += size;
  }
  return freed;
}

std::string BlobStore::StagingPath(const std::string& name) const {
  return root_ + "/staging/" + name;
}

std::string BlobStore::BlobPath(const std::string& id) const {
  return root_ + "/blobs/" + id.substr(0, 2) + "/" + id;
}

bool BlobStore::Has(const std::string& id) const {
  struct stat st;
  return ValidId(id) && ::stat(BlobPath(id).c_str(), &st) == 0;
}

Status BlobStore::Adopt(const std::string& staging_name, const std::string& sha256) {
  if (!ValidId(sha256)) return InvalidArgument("blob id " + sha256);
  std::string from = StagingPath(staging_name);
  if (Has(sha256)) {
    ::unlink(from.c_str());
    return Status::Ok();
  }
  std::string to = BlobPath(sha256);
  IOSUP_RETURN_IF_ERROR(MakeDirs(root_ + "/blobs/" + sha256.substr(0, 2)));
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return IoError("rename " + from + ": " + std::strerror(errno));
  }
  ::chmod(to.c_str(), 0444);
  return SyncParentDir(to);
}

Result<std::unique_ptr<FileReader>> BlobStore::OpenBlob(const std::string& id) const {
  if (!ValidId(id)) return InvalidArgument("blob id " + id);
  return OpenPosixReader(BlobPath(id));
}

const std::map<std::string, std::string, std::less<>>& BlobStore::NotesOf(
    const std::string& id) const {
  auto it = notes_cache_.find(id);
  if (it != notes_cache_.end()) return it->second;
  auto& notes = notes_cache_[id];
  Result<std::string> text = ReadWholeFile(BlobPath(id) + ".notes");
  if (text.ok()) {
    nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (j.is_object()) {
      for (auto& [k, v] : j.items()) {
        if (v.is_string()) notes[k] = v.get<std::string>();
      }
    }
  }
  return notes;
}

std::optional<std::string> BlobStore::Note(const std::string& id, std::string_view key) const {
  if (!ValidId(id)) return std::nullopt;
  const auto& notes = NotesOf(id);
  auto it = notes.find(key);
  if (it == notes.end()) return std::nullopt;
  return it->second;
}

Status BlobStore::SetNote(const std::string& id, std::string_view key, std::string_view value) {
  if (!Has(id)) return NotFound("blob " + id);
  NotesOf(id);
  auto& notes = notes_cache_[id];
  notes[std::string(key)] = std::string(value);
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : notes) j[k] = v;
  return WriteFileAtomically(BlobPath(id) + ".notes", j.dump());
}

std::optional<std::string> BlobStore::Named(const std::string& key) const {
  Result<std::string> id = ReadWholeFile(root_ + "/names/" + DigestHex(DigestKind::kSha256, key));
  if (!id.ok() || !Has(*id)) return std::nullopt;
  return *id;
}

Status BlobStore::SetNamed(const std::string& key, const std::string& id) {
  return WriteFileAtomically(root_ + "/names/" + DigestHex(DigestKind::kSha256, key), id);
}

}  // namespace iosup
