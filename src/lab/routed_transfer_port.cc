#include "lab/routed_transfer_port.h"

#include <asio/post.hpp>
#include <asio/steady_timer.hpp>

namespace iosup {

namespace {

// A transfer nobody answers: fails with kTimedOut when its timer ends, unless cancelled first.
class Unanswered : public TransferHandle {
 public:
  Unanswered(asio::io_context& io, TransferPort::Done done) : timer_(io), done_(std::move(done)) {}
  void Start(Duration after, std::shared_ptr<Unanswered> self) {
    timer_.expires_after(after);
    timer_.async_wait([self](const asio::error_code&) {
      if (!self->done_) return;
      TransferPort::Done done = std::move(self->done_);
      self->done_ = nullptr;
      done(Status(ErrorCode::kTimedOut, "Timed out"));
    });
  }
  void Cancel() override {
    done_ = nullptr;
    timer_.cancel();
  }

 private:
  asio::steady_timer timer_;
  TransferPort::Done done_;
};

}  // namespace

std::shared_ptr<TransferHandle> RoutedTransferPort::TimeOut(Done done) {
  auto handle = std::make_shared<Unanswered>(io_, std::move(done));
  handle->Start(give_up_, handle);
  return handle;
}

std::shared_ptr<TransferHandle> RoutedTransferPort::Download(const RemoteFile& file,
                                                             const TransferSettings& settings,
                                                             FileWriter& sink,
                                                             TransferProgress& progress,
                                                             Done done) {
  if (!reaches_(file.host)) return TimeOut(std::move(done));
  return inner_.Download(file, settings, sink, progress, std::move(done));
}

std::shared_ptr<TransferHandle> RoutedTransferPort::Upload(const RemoteFile& file,
                                                           const TransferSettings& settings,
                                                           std::shared_ptr<FileReader> source,
                                                           TransferProgress& progress, Done done) {
  if (!reaches_(file.host)) return TimeOut(std::move(done));
  return inner_.Upload(file, settings, std::move(source), progress, std::move(done));
}

}  // namespace iosup
