// File transfers over ftp, http(s) and scp with libcurl, for the emulated devices' copy
// commands. Each transfer runs curl on a worker thread; data, progress and the result are handed
// to the caller's io_context, so the device's flash store is only ever touched on its loop.
#ifndef IOSUP_TRANSFER_CURL_TRANSFER_H_
#define IOSUP_TRANSFER_CURL_TRANSFER_H_

#ifndef ASIO_STANDALONE
#define ASIO_STANDALONE
#endif
#include <asio/io_context.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/flash_store.h"
#include "base/status.h"

namespace iosup {

struct CurlRequest {
  std::string url;          // a real URL on loopback: "ftp://127.0.0.1:2121/dir/file"
  std::string user, password;
  std::string ssh_private_key;  // scp: key file used when password authentication is refused
};

// Progress hooks, called on the io_context.
struct CurlHooks {
  // Size known (FTP SIZE, HTTP Content-Length) or not; non-OK aborts before data is written.
  std::function<Status(std::optional<uint64_t>)> on_start;
  std::function<void(uint64_t)> on_progress;
};

class CurlTransfers {
 public:
  explicit CurlTransfers(asio::io_context& io);
  ~CurlTransfers();  // waits for transfers still running (their callbacks are dropped)
  CurlTransfers(const CurlTransfers&) = delete;
  CurlTransfers& operator=(const CurlTransfers&) = delete;

  struct Job;

  // One transfer. Cancel(), on the io_context's thread: from then on neither a hook nor `done`
  // runs and the sink is not touched again; the worker drops the connection at curl's next
  // callback (within about a second even when the peer is silent). A no-op once `done` ran.
  class Handle {
   public:
    Handle() = default;
    void Cancel();

   private:
    friend class CurlTransfers;
    explicit Handle(std::shared_ptr<Job> job) : job_(std::move(job)) {}
    std::shared_ptr<Job> job_;
  };

  using Done = std::function<void(Result<uint64_t>)>;
  // Downloads into `sink` (appended on the io_context; not committed). `sink` must stay valid
  // until `done` runs or the transfer is cancelled.
  Handle Download(CurlRequest request, FileWriter& sink, CurlHooks hooks, Done done);
  Handle Upload(CurlRequest request, std::shared_ptr<FileReader> source, CurlHooks hooks,
                Done done);

 private:
  Handle Launch(std::shared_ptr<Job> job);

  asio::io_context& io_;
  std::shared_ptr<bool> alive_;
  std::vector<std::shared_ptr<Job>> jobs_;
};

// The Status for a curl result code (and HTTP/FTP response code), in terms IOS reports.
Status CurlStatus(int curl_code, long response_code, const std::string& detail);

}  // namespace iosup

#endif  // IOSUP_TRANSFER_CURL_TRANSFER_H_
