#include "transfer/curl_transfer.h"

#include <curl/curl.h>

#include <asio/post.hpp>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace iosup {

struct CurlTransfers::Job {
  CurlRequest request;
  bool upload = false;
  FileWriter* sink = nullptr;
  std::shared_ptr<FileReader> source;
  CurlHooks hooks;
  Done done;
  std::thread thread;
  std::atomic<bool> abort{false};     // set on the io side: the sink refused data, or cancelled
  std::atomic<bool> finished{false};
  bool cancelled = false;             // io side only
  Status sink_error;                  // why (io side only)
  bool started = false;               // on_start called (io side only)
  uint64_t upload_offset = 0;         // worker side only
};

namespace {

std::once_flag g_curl_init;

size_t OnData(char* data, size_t size, size_t n, void* userdata);

}  // namespace

Status CurlStatus(int curl_code, long response, const std::string& detail) {
  switch (curl_code) {
    case CURLE_OK: return Status::Ok();
    case CURLE_REMOTE_FILE_NOT_FOUND:
    case CURLE_FILE_COULDNT_READ_FILE: return NotFound(detail);
    case CURLE_LOGIN_DENIED:
    case CURLE_REMOTE_ACCESS_DENIED: return PermissionDenied(detail);
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST: return Status(ErrorCode::kTimedOut, detail);
    case CURLE_REMOTE_DISK_FULL: return NoSpace(detail);
    case CURLE_HTTP_RETURNED_ERROR:
      if (response == 404) return NotFound(detail);
      if (response == 401 || response == 403) return PermissionDenied(detail);
      return IoError(detail);
    default: return IoError(detail);
  }
}

namespace {

// Worker-side view passed to curl callbacks.
struct Context {
  CurlTransfers::Job* job;
  asio::io_context* io;
  std::shared_ptr<CurlTransfers::Job> keep;
  CURL* curl;
  bool announced = false;
};

size_t OnData(char* data, size_t size, size_t n, void* userdata) {
  auto* ctx = static_cast<Context*>(userdata);
  if (ctx->job->abort) return 0;
  const size_t bytes = size * n;
  if (!ctx->announced) {
    ctx->announced = true;
    curl_off_t length = -1;
    curl_easy_getinfo(ctx->curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    std::optional<uint64_t> known;
    if (length >= 0) known = static_cast<uint64_t>(length);
    asio::post(*ctx->io, [job = ctx->keep, known] {
      if (job->cancelled) return;
      if (job->hooks.on_start) {
        Status s = job->hooks.on_start(known);
        if (!s.ok()) {
          job->sink_error = s;
          job->abort = true;
        }
      }
      job->started = true;
    });
  }
  auto chunk = std::make_shared<std::string>(data, bytes);
  asio::post(*ctx->io, [job = ctx->keep, chunk] {
    if (job->abort) return;
    Status s = job->sink->Append({reinterpret_cast<const uint8_t*>(chunk->data()), chunk->size()});
    if (!s.ok()) {
      job->sink_error = s;
      job->abort = true;
      return;
    }
    if (job->hooks.on_progress) job->hooks.on_progress(job->sink->written());
  });
  return bytes;
}

size_t OnRead(char* buffer, size_t size, size_t n, void* userdata) {
  auto* ctx = static_cast<Context*>(userdata);
  if (ctx->job->abort) return CURL_READFUNC_ABORT;
  Result<size_t> got = ctx->job->source->ReadAt(
      ctx->job->upload_offset, {reinterpret_cast<uint8_t*>(buffer), size * n});
  if (!got.ok()) return CURL_READFUNC_ABORT;
  ctx->job->upload_offset += *got;
  const uint64_t done = ctx->job->upload_offset;
  asio::post(*ctx->io, [job = ctx->keep, done] {
    if (!job->cancelled && job->hooks.on_progress) job->hooks.on_progress(done);
  });
  return *got;
}

// Called by curl about once a second even while the peer is silent, and on every data event:
// a cancelled or refused transfer stops here when no data callback comes to stop it.
int OnTransferInfo(void* userdata, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<Context*>(userdata)->job->abort ? 1 : 0;
}

void Configure(CURL* curl, Context& ctx, char* errors) {
  const CurlRequest& r = ctx.job->request;
  curl_easy_setopt(curl, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errors);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 30L);
  curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "ftp,http,https,scp,sftp");
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, OnTransferInfo);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &ctx);
  if (!r.user.empty()) curl_easy_setopt(curl, CURLOPT_USERNAME, r.user.c_str());
  if (!r.password.empty()) curl_easy_setopt(curl, CURLOPT_PASSWORD, r.password.c_str());
  if (!r.ssh_private_key.empty()) {
    curl_easy_setopt(curl, CURLOPT_SSH_PRIVATE_KEYFILE, r.ssh_private_key.c_str());
  }
  if (ctx.job->upload) {
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, OnRead);
    curl_easy_setopt(curl, CURLOPT_READDATA, &ctx);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE,
                     static_cast<curl_off_t>(ctx.job->source->size()));
  } else {
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnData);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &ctx);
  }
}

}  // namespace

CurlTransfers::CurlTransfers(asio::io_context& io)
    : io_(io), alive_(std::make_shared<bool>(true)) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

CurlTransfers::~CurlTransfers() {
  *alive_ = false;
  for (auto& job : jobs_) {
    job->abort = true;
    if (job->thread.joinable()) job->thread.join();
  }
}

void CurlTransfers::Handle::Cancel() {
  if (!job_) return;
  job_->cancelled = true;
  job_->abort = true;
}

CurlTransfers::Handle CurlTransfers::Download(CurlRequest request, FileWriter& sink,
                                              CurlHooks hooks, Done done) {
  auto job = std::make_shared<Job>();
  job->request = std::move(request);
  job->sink = &sink;
  job->hooks = std::move(hooks);
  job->done = std::move(done);
  return Launch(job);
}

CurlTransfers::Handle CurlTransfers::Upload(CurlRequest request,
                                            std::shared_ptr<FileReader> source, CurlHooks hooks,
                                            Done done) {
  auto job = std::make_shared<Job>();
  job->request = std::move(request);
  job->upload = true;
  job->source = std::move(source);
  job->hooks = std::move(hooks);
  job->done = std::move(done);
  return Launch(job);
}

CurlTransfers::Handle CurlTransfers::Launch(std::shared_ptr<Job> job) {
  std::erase_if(jobs_, [](const std::shared_ptr<Job>& j) {
    if (!j->finished) return false;
    if (j->thread.joinable()) j->thread.join();
    return true;
  });
  jobs_.push_back(job);
  asio::io_context* io = &io_;
  std::shared_ptr<bool> alive = alive_;
  // The io_context must not run out of work while the worker still has results to hand over.
  auto work = std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
      io_.get_executor());
  job->thread = std::thread([job, io, alive, work] {
    CURL* curl = curl_easy_init();
    Context ctx{job.get(), io, job, curl};
    char errors[CURL_ERROR_SIZE] = {};
    Configure(curl, ctx, errors);
    const CURLcode code = curl_easy_perform(curl);
    long response = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
    curl_off_t bytes = 0;
    curl_easy_getinfo(curl, job->upload ? CURLINFO_SIZE_UPLOAD_T : CURLINFO_SIZE_DOWNLOAD_T, &bytes);
    curl_easy_cleanup(curl);
    const std::string detail = errors[0] ? errors : curl_easy_strerror(code);
    asio::post(*io, [job, alive, work, code, response, detail, bytes] {
      job->finished = true;
      if (!*alive) return;
      if (job->cancelled) return work->reset();
      Status s = job->sink_error.ok() ? CurlStatus(code, response, detail) : job->sink_error;
      if (s.ok() && !job->upload && !job->started && job->hooks.on_start) {
        s = job->hooks.on_start(uint64_t{0});  // an empty file: no data callback ran
      }
      if (s.ok()) {
        job->done(static_cast<uint64_t>(bytes));
      } else {
        job->done(s);
      }
      work->reset();
    });
  });
  return Handle(job);
}

}  // namespace iosup
