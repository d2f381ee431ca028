// The files a lab server's root holds (the topology's `files`: generated test images) and the
// MD5SUMS manifest publishing their hashes. Staging them is the one slow part of a lab's first
// start (the seed's 521 MB ISR image), so the lab runs it on a thread of its own while it
// provisions its devices (StageServerFilesAsync), and is up only once both are done: nothing
// reads a server's root before its files are whole and published.
#ifndef IOSUP_LAB_SERVER_FILES_H_
#define IOSUP_LAB_SERVER_FILES_H_

#include <future>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "lab/topology.h"

namespace iosup {

// File name -> MD5, as the manifest lists them.
using PublishedFiles = std::map<std::string, std::string>;

struct ServerRoot {
  std::string root;      // directory served (exists)
  std::string manifest;  // root/MD5SUMS
  std::vector<ServedFile> files;
};

// Makes every file of `server` whole in its root, each hashed at most once: while it is
// generated (first start), or read back when it changed since the manifest recorded its hash;
// an unchanged file is neither rewritten nor read. Then writes the manifest, atomically.
Result<PublishedFiles> StageServerFiles(const ServerRoot& server);

// StageServerFiles for every server, in order, on a thread of its own; get() waits for it. The
// caller must not touch those roots' files until then.
std::future<Result<std::vector<PublishedFiles>>> StageServerFilesAsync(std::vector<ServerRoot> servers);

}  // namespace iosup

#endif  // IOSUP_LAB_SERVER_FILES_H_
