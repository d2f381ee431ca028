// The lab's HTTP listener (`iosup lab --http 127.0.0.1:PORT`), serving the fault operations of
// fault_control.h as a JSON API (cpp-httplib, on its own threads; each request is carried out on
// the lab's loop through `run`):
//   GET    /api/v1/faults        the active faults        {"faults": [...]}
//   POST   /api/v1/faults        {"target","kind","args"} 201 {"fault": {...}}
//   DELETE /api/v1/faults/ID     clears one               404 when it is not active
//   DELETE /api/v1/faults        clears all
//   GET    /api/v1/fault-kinds   what can be injected
// It listens on loopback unless a token is given; with a token every request must carry
// "Authorization: Bearer TOKEN" (401 otherwise).
#ifndef IOSUP_LAB_HTTP_API_H_
#define IOSUP_LAB_HTTP_API_H_

#include <functional>
#include <memory>
#include <string>

#include "base/status.h"

namespace iosup {

class LabHttpApi {
 public:
  struct Options {
    std::string address = "127.0.0.1";
    uint16_t port = 0;  // 0: the kernel picks
    std::string token;  // required for a non-loopback address
  };
  // Runs a fault-control JSON request (fault_control.h) where the lab lives and returns the
  // answer; called from the listener's threads.
  using Runner = std::function<std::string(const std::string& request_json)>;
  // kPermissionDenied for a non-loopback address without a token; kUnavailable when the address
  // cannot be bound.
  static Result<std::unique_ptr<LabHttpApi>> Start(const Options& options, Runner run);
  ~LabHttpApi();  // stops listening and joins its threads

  uint16_t port() const { return port_; }

 private:
  struct Impl;
  explicit LabHttpApi(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  uint16_t port_ = 0;
};

// "127.0.0.1:8080" / "[::1]:8080" / "8080" (loopback) into Options' address and port.
Result<LabHttpApi::Options> ParseHttpListen(const std::string& spec);

}  // namespace iosup

#endif  // IOSUP_LAB_HTTP_API_H_
