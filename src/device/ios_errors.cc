#include "device/ios_errors.h"

namespace iosup {

std::string IosReason(const Status& status) {
  switch (status.code()) {
    case ErrorCode::kOk: return "";
    case ErrorCode::kNotFound: return "No such file or directory";
    case ErrorCode::kAlreadyExists: return "File exists";
    case ErrorCode::kNoSpace: return "Not enough space on device";
    case ErrorCode::kInvalidArgument: return "Invalid argument";
    case ErrorCode::kPermissionDenied: return "Permission denied";
    case ErrorCode::kIoError: return "I/O error";
    case ErrorCode::kCorrupt: return "Bad file";
    case ErrorCode::kTimedOut: return "Timed out";
    case ErrorCode::kUnsupported: return "Operation not supported";
    case ErrorCode::kBusy: return "Device or resource busy";
    case ErrorCode::kAborted: return "Aborted";
    case ErrorCode::kIsDirectory: return "Is a directory";
    case ErrorCode::kNotDirectory: return "Not a directory";
    case ErrorCode::kNotEmpty: return "Can't delete a directory that has files in it";
    case ErrorCode::kUnavailable: return "Connection refused by remote host";
  }
  return "I/O error";
}

}  // namespace iosup
