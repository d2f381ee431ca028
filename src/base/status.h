// Errors as values. A Status is either OK or carries a code from a small enum plus a detail
// message; Result<T> is a value or a non-OK Status. The mapping of codes to IOS wording lives in
// one place (device/ios_errors.h), not here.
#ifndef IOSUP_BASE_STATUS_H_
#define IOSUP_BASE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace iosup {

enum class ErrorCode {
  kOk = 0,
  kNotFound,          // no such file, directory, device or entry
  kAlreadyExists,     // target exists and may not be replaced
  kNoSpace,           // file system full
  kInvalidArgument,   // malformed input (a name, a value, a packet)
  kPermissionDenied,  // refused by policy (read-only, outside the root, ...)
  kIoError,           // the underlying store failed
  kCorrupt,           // content failed an integrity check
  kTimedOut,          // a peer did not answer in time
  kUnsupported,       // valid request this implementation does not do
  kBusy,              // resource in use (e.g. deleting the running image)
  kAborted,           // cancelled by the user or by a reload
  kIsDirectory,       // expected a file
  kNotDirectory,      // expected a directory
  kNotEmpty,          // directory not empty
  kUnavailable,       // a peer refused or dropped the connection
};

std::string_view ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "NotFound: flash:x.bin" style, for logs and test failures.
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

inline Status NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {ErrorCode::kAlreadyExists, std::move(m)}; }
inline Status NoSpace(std::string m) { return {ErrorCode::kNoSpace, std::move(m)}; }
inline Status InvalidArgument(std::string m) {
  return {ErrorCode::kInvalidArgument, std::move(m)};
}
inline Status PermissionDenied(std::string m) {
  return {ErrorCode::kPermissionDenied, std::move(m)};
}
inline Status IoError(std::string m) { return {ErrorCode::kIoError, std::move(m)}; }
inline Status Corrupt(std::string m) { return {ErrorCode::kCorrupt, std::move(m)}; }
inline Status Unsupported(std::string m) { return {ErrorCode::kUnsupported, std::move(m)}; }
inline Status Busy(std::string m) { return {ErrorCode::kBusy, std::move(m)}; }
inline Status Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }

// A value of T or the Status explaining why there is none. Constructing from an OK Status is a
// programming error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(data_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace iosup

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define IOSUP_RETURN_IF_ERROR(expr)          \
  do {                                       \
    ::iosup::Status iosup_status_ = (expr);  \
    if (!iosup_status_.ok()) return iosup_status_; \
  } while (0)

#endif  // IOSUP_BASE_STATUS_H_
