#include "base/status.h"

namespace iosup {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "OK";
    case ErrorCode::kNotFound: return "NotFound";
    case ErrorCode::kAlreadyExists: return "AlreadyExists";
    case ErrorCode::kNoSpace: return "NoSpace";
    case ErrorCode::kInvalidArgument: return "InvalidArgument";
    case ErrorCode::kPermissionDenied: return "PermissionDenied";
    case ErrorCode::kIoError: return "IoError";
    case ErrorCode::kCorrupt: return "Corrupt";
    case ErrorCode::kTimedOut: return "TimedOut";
    case ErrorCode::kUnsupported: return "Unsupported";
    case ErrorCode::kBusy: return "Busy";
    case ErrorCode::kAborted: return "Aborted";
    case ErrorCode::kIsDirectory: return "IsDirectory";
    case ErrorCode::kNotDirectory: return "NotDirectory";
    case ErrorCode::kNotEmpty: return "NotEmpty";
    case ErrorCode::kUnavailable: return "Unavailable";
  }
  return "Unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string s(ErrorCodeName(code_));
  if (!message_.empty()) s += ": " + message_;
  return s;
}

}  // namespace iosup
