// The bytes a front-end sends on one stream socket (TCP, Unix), written in order with at most one
// async_write in flight: what is queued meanwhile goes out with the next write. The owner holds
// the queue beside its socket, on the socket's one thread; each write keeps the owner alive
// through the shared_ptr it is given.
#ifndef IOSUP_FRONTEND_WRITE_QUEUE_H_
#define IOSUP_FRONTEND_WRITE_QUEUE_H_

#include <asio.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace iosup {

template <typename Stream>
class WriteQueue {
 public:
  // Runs on the socket's thread when a write failed (`ec` set: the owner closes) or when
  // everything queued has been written (the owner may close now if it was waiting to).
  using IdleFn = std::function<void(const asio::error_code& ec)>;

  // `stream` must outlive the queue; `on_idle` may capture the owner, which the writes keep
  // alive.
  WriteQueue(Stream& stream, IdleFn on_idle) : stream_(stream), on_idle_(std::move(on_idle)) {}
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  // Queues `bytes` and writes them unless a write is in flight or Stop() was called.
  void Send(std::string_view bytes, std::shared_ptr<void> owner) {
    out_ += bytes;
    Flush(std::move(owner));
  }
  // Nothing more is written (the socket is closing). A write in flight completes as it may.
  void Stop() { stopped_ = true; }
  // Nothing is queued or being written.
  bool idle() const { return !writing_ && out_.empty(); }

 private:
  void Flush(std::shared_ptr<void> owner) {
    if (writing_ || out_.empty() || stopped_) return;
    writing_ = true;
    inflight_ = std::exchange(out_, {});
    asio::async_write(stream_, asio::buffer(inflight_),
                      [this, owner = std::move(owner)](asio::error_code ec, size_t) mutable {
                        writing_ = false;
                        if (ec) return on_idle_(ec);
                        if (!out_.empty() && !stopped_) return Flush(std::move(owner));
                        on_idle_(ec);
                      });
  }

  Stream& stream_;
  IdleFn on_idle_;
  std::string out_;       // queued
  std::string inflight_;  // being written
  bool writing_ = false;
  bool stopped_ = false;
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_WRITE_QUEUE_H_
