#include "upgrade/scp_push.h"

#include <algorithm>
#include <span>
#include <vector>

#include "platform/posix_file.h"
#include "upgrade/ssh_session.h"

namespace iosup::upgrade {
namespace {

// The least an SCP acknowledgement is awaited: the last one comes after the device wrote the
// whole file to flash.
constexpr auto kScpAckFloor = std::chrono::seconds(60);
constexpr size_t kScpChunk = 64 * 1024;
constexpr size_t kMaxAckLine = 1024;

// --- SCP sink protocol: every step is acknowledged by \0, or \1 / \2 and a message line.

// The device's refusal, with a code from its wording.
Status ScpRefusal(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
  if (message.find("space") != std::string::npos) return NoSpace(message);
  if (message.find("disabled") != std::string::npos ||
      message.find("denied") != std::string::npos) {
    return PermissionDenied(message);
  }
  if (message.find("No such file") != std::string::npos) return NotFound(message);
  return IoError(message);
}

class ScpUpload {
 public:
  ScpUpload(ssh_session session, ssh_channel channel, std::string where, Duration ack_wait)
      : session_(session), channel_(channel), where_(std::move(where)), ack_wait_(ack_wait) {}

  Status Ack() {
    const Deadline deadline = After(ack_wait_);
    char c = 0;
    IOSUP_RETURN_IF_ERROR(ReadByte(deadline, c));
    if (c == '\0') return Status::Ok();
    std::string message;
    while (message.size() < kMaxAckLine) {
      IOSUP_RETURN_IF_ERROR(ReadByte(deadline, c));
      if (c == '\n') break;
      message += c;
    }
    if (message.empty()) message = "scp: the device refused the transfer";
    return ScpRefusal(std::move(message));
  }

  Status Write(std::string_view bytes) {
    while (!bytes.empty()) {
      const int n = ssh_channel_write(channel_, bytes.data(), static_cast<uint32_t>(bytes.size()));
      if (n == SSH_ERROR) return WriteFailed();
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return Status::Ok();
  }

 private:
  Status ReadByte(Deadline deadline, char& c) {
    QuickAck(session_);
    const int n = ssh_channel_read_timeout(channel_, &c, 1, 0, MillisUntil(deadline));
    if (n == 1) return Status::Ok();
    if (n == SSH_ERROR) return SessionError(session_, where_, "scp");
    if (ssh_channel_is_eof(channel_) || ssh_channel_is_closed(channel_)) {
      return Unavailable(where_ + ": scp: the device closed the transfer");
    }
    return Status(ErrorCode::kTimedOut, where_ + ": scp: no acknowledgement from the device");
  }

  // A write fails when the device gave up: its reason may already be waiting to be read.
  Status WriteFailed() {
    Status write = SessionError(session_, where_, "scp write");
    ack_wait_ = std::chrono::seconds(1);
    Status reason = Ack();
    return reason.ok() ? write : reason;
  }

  ssh_session session_;
  ssh_channel channel_;
  std::string where_;
  Duration ack_wait_;
};

// An error returns before the end: the channel closes unfinished and the device drops the
// partial file.
Status StreamFile(FileReader& file, ScpUpload& upload,
                  const std::function<void(uint64_t)>& progress, const std::string& local_path) {
  std::vector<uint8_t> chunk(kScpChunk);
  for (uint64_t sent = 0; sent < file.size();) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(chunk.size(), file.size() - sent));
    Result<size_t> n = file.ReadAt(sent, std::span(chunk).first(want));
    if (!n.ok()) return n.status();
    if (*n == 0) return IoError(local_path + ": file shrank while sending");
    IOSUP_RETURN_IF_ERROR(upload.Write({reinterpret_cast<const char*>(chunk.data()), *n}));
    sent += *n;
    if (progress) progress(sent);
  }
  return Status::Ok();
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

Status ScpPush(const SshEndpoint& endpoint, const std::string& local_path,
               const std::string& remote_path, const std::function<void(uint64_t)>& progress) {
  Result<std::unique_ptr<FileReader>> file = OpenPosixReader(local_path);
  if (!file.ok()) {
    if (file.status().code() == ErrorCode::kIsDirectory) {
      return InvalidArgument(local_path + ": not a regular file");
    }
    return file.status();
  }
  if (remote_path.empty() || remote_path.find_first_of("\r\n") != std::string::npos) {
    return InvalidArgument("bad remote path: " + remote_path);
  }
  const std::string name = BaseName(local_path);
  if (name.empty() || name.find('\n') != std::string::npos) {
    return InvalidArgument(local_path + ": no file name to send");
  }
  Result<SshConnection> c = OpenConnection(endpoint);
  if (!c.ok()) return c.status();
  ssh_session session = c->session.get();
  ssh_channel channel = c->channel.get();
  const std::string& where = c->where;
  if (ssh_channel_request_exec(channel, ("scp -t " + remote_path).c_str()) != SSH_OK) {
    return SessionError(session, where, "scp -t " + remote_path);
  }
  ScpUpload upload(session, channel, where,
                   std::max<Duration>(endpoint.connect_timeout, kScpAckFloor));
  const uint64_t size = (*file)->size();
  IOSUP_RETURN_IF_ERROR(upload.Ack());
  IOSUP_RETURN_IF_ERROR(upload.Write("C0644 " + std::to_string(size) + " " + name + "\n"));
  IOSUP_RETURN_IF_ERROR(upload.Ack());
  IOSUP_RETURN_IF_ERROR(StreamFile(**file, upload, progress, local_path));
  IOSUP_RETURN_IF_ERROR(upload.Write(std::string_view("\0", 1)));
  IOSUP_RETURN_IF_ERROR(upload.Ack());
  ssh_channel_send_eof(channel);
  return Status::Ok();
}

}  // namespace iosup::upgrade
