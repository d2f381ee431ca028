#include "frontend/ssh_host_key.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace iosup {

Result<ssh_key> LoadOrCreateHostKey(const std::string& path) {
  ssh_key key = nullptr;
  if (!path.empty() && std::filesystem::exists(path)) {
    if (ssh_pki_import_privkey_file(path.c_str(), nullptr, nullptr, nullptr, &key) != SSH_OK) {
      return Corrupt("cannot read SSH host key " + path);
    }
    return key;
  }
  if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK) {
    return IoError("cannot generate an SSH host key");
  }
  if (path.empty()) return key;
  const std::string tmp = path + ".tmp." + std::to_string(getpid());
  const mode_t old_mask = umask(077);
  const int rc = ssh_pki_export_privkey_file(key, nullptr, nullptr, nullptr, tmp.c_str());
  umask(old_mask);
  if (rc != SSH_OK || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    ssh_key_free(key);
    return IoError("cannot write SSH host key " + path);
  }
  return key;
}

}  // namespace iosup
