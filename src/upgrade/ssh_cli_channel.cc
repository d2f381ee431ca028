#include "upgrade/ssh_cli_channel.h"

#include <fcntl.h>
#include <libssh/libssh.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>
#include <vector>

namespace iosup::upgrade {
namespace {

using SteadyClock = std::chrono::steady_clock;
using Deadline = SteadyClock::time_point;

// Output idle this long while its last line asks something: the device waits for an answer.
constexpr auto kQuestionIdle = std::chrono::milliseconds(300);
// How long Ctrl-C gets to bring the prompt back after a question nobody answered.
constexpr auto kInterruptWait = std::chrono::seconds(5);
// The least an SCP acknowledgement is awaited: the last one comes after the device wrote the
// whole file to flash.
constexpr auto kScpAckFloor = std::chrono::seconds(60);
constexpr auto kLongestWait = std::chrono::hours(24 * 30);
constexpr size_t kReadChunk = 16 * 1024;
constexpr size_t kScpChunk = 64 * 1024;
constexpr size_t kErrorTail = 600;
constexpr size_t kMaxAckLine = 1024;
constexpr int kMaxEnableAttempts = 3;  // IOS asks "Password: " three times
constexpr int kMaxKbdintRounds = 4;
constexpr int kTerminalWidth = 511;
constexpr int kTerminalRows = 24;

// libssh 0.10's defaults, then what older IOS releases offer (15.x: DH group 14/1 and
// group-exchange with SHA-1, ssh-rsa host keys, CBC ciphers, hmac-sha1), so modern peers still
// negotiate modern algorithms.
constexpr const char* kKeyExchange =
    "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,"
    "ecdh-sha2-nistp521,diffie-hellman-group18-sha512,diffie-hellman-group16-sha512,"
    "diffie-hellman-group-exchange-sha256,diffie-hellman-group14-sha256,"
    "diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1,diffie-hellman-group1-sha1";
constexpr const char* kHostKeys =
    "ssh-ed25519,ecdsa-sha2-nistp521,ecdsa-sha2-nistp384,ecdsa-sha2-nistp256,rsa-sha2-512,"
    "rsa-sha2-256,ssh-rsa";
constexpr const char* kCiphers =
    "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,"
    "aes192-ctr,aes128-ctr,aes256-cbc,aes192-cbc,aes128-cbc";
constexpr const char* kMacs =
    "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512,"
    "hmac-sha1";

struct SessionCloser {
  void operator()(ssh_session s) const {
    ssh_disconnect(s);
    ssh_free(s);
  }
};
using Session = std::unique_ptr<ssh_session_struct, SessionCloser>;
struct ChannelCloser {
  void operator()(ssh_channel c) const { ssh_channel_free(c); }
};
using Channel = std::unique_ptr<ssh_channel_struct, ChannelCloser>;

Deadline After(Duration d) {
  return SteadyClock::now() + std::clamp<Duration>(d, Duration::zero(), kLongestWait);
}

// Milliseconds left until `d`, rounded up so a wait never ends just short of it.
int MillisUntil(Deadline d) {
  const auto left = d - SteadyClock::now();
  if (left <= SteadyClock::duration::zero()) return 0;
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
  return static_cast<int>(std::min<int64_t>(ms, INT_MAX));
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view LastLine(std::string_view s) {
  const size_t nl = s.rfind('\n');
  return nl == std::string_view::npos ? s : s.substr(nl + 1);
}

std::string Tail(std::string_view s) {
  return std::string(s.size() > kErrorTail ? s.substr(s.size() - kErrorTail) : s);
}

// "R1#", "R1>", "R1(config-if)#": `hostname` (any name when empty), an optional mode, > or #.
bool IsPrompt(std::string_view line, std::string_view hostname) {
  if (line.size() < 2 || (line.back() != '>' && line.back() != '#')) return false;
  line.remove_suffix(1);
  if (line.back() == ')') {
    const size_t open = line.rfind('(');
    if (open == std::string_view::npos || open + 2 >= line.size()) return false;
    const std::string_view mode = line.substr(open + 1, line.size() - open - 2);
    if (!std::all_of(mode.begin(), mode.end(), [](char c) {
          return std::islower(static_cast<unsigned char>(c)) ||
                 std::isdigit(static_cast<unsigned char>(c)) || c == '-';
        })) {
      return false;
    }
    line = line.substr(0, open);
  }
  if (!hostname.empty()) return line == hostname;
  return !line.empty() && std::isalnum(static_cast<unsigned char>(line[0])) &&
         std::all_of(line.begin(), line.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
         });
}

std::string HostnameOf(std::string_view prompt) {
  const size_t cut = prompt.find('(');
  prompt.remove_suffix(1);  // > or #
  return std::string(prompt.substr(0, std::min(cut, prompt.size())));
}

// The last line, when it reads as a question waiting for an answer; "" otherwise.
std::string_view QuestionAtEnd(std::string_view pending) {
  const std::string_view line = TrimRight(LastLine(pending));
  if (line.empty() || IsPrompt(line, "")) return {};
  for (std::string_view end : {"?", "[confirm]", "[yes/no]:", "]?", ":"}) {
    if (line.ends_with(end)) return line;
  }
  return {};
}

// A row answers when the pending output (trailing spaces ignored) ends with its prompt, or,
// for prompts whose end varies with a default ("Destination filename ["), when the question
// on the last line contains it.
const DialogAnswer* MatchAnswer(std::span<const DialogAnswer> answers, std::string_view pending) {
  const std::string_view text = TrimRight(pending);
  const std::string_view question = QuestionAtEnd(pending);
  for (const DialogAnswer& row : answers) {
    const std::string_view wanted = TrimRight(row.prompt);
    if (wanted.empty()) continue;
    if (text.ends_with(wanted)) return &row;
    if (!question.empty() && question.find(wanted) != std::string_view::npos) return &row;
  }
  return nullptr;
}

// The device's own complaint lines ("% Bad secrets") in `text`, for error messages.
std::string Complaints(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = TrimRight(text.substr(start, end - start));
    if (line.starts_with("%")) out += (out.empty() ? "" : "; ") + std::string(line);
    start = end + 1;
  }
  return out;
}

std::string Where(const SshEndpoint& ep) {
  const bool v6 = ep.host.find(':') != std::string::npos;
  return (v6 ? "[" + ep.host + "]" : ep.host) + ":" + std::to_string(ep.port);
}

// A failed libssh call: kTimedOut when libssh gave up waiting, else kUnavailable.
Status SessionError(ssh_session s, const std::string& where, const std::string& doing) {
  const std::string why = ssh_get_error(s);
  const std::string message = where + ": " + doing + ": " + why;
  if (why.find("Timeout") != std::string::npos || why.find("timed out") != std::string::npos) {
    return Status(ErrorCode::kTimedOut, message);
  }
  return Unavailable(message);
}

// Acknowledges the next segments at once. A peer that sends two small segments back to back
// without TCP_NODELAY holds the second until the first is acknowledged, and Linux delays that
// acknowledgement up to 40 ms in request/response traffic; set before each wait for an answer
// (the kernel leaves quick-ack mode again by itself).
void QuickAck(ssh_session s) {
  const int fd = ssh_get_fd(s), one = 1;
  if (fd >= 0) ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
}

Status SetOptions(ssh_session s, const SshEndpoint& ep) {
  if (ep.host.empty() || ep.username.empty()) {
    return InvalidArgument("SSH endpoint needs a host and a username");
  }
  const int64_t usec = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::clamp<Duration>(ep.connect_timeout, std::chrono::milliseconds(1),
                                                kLongestWait))
                           .count();
  const long seconds = static_cast<long>(usec / 1000000), micros = static_cast<long>(usec % 1000000);
  const unsigned int port = ep.port;
  const int quiet = SSH_LOG_NOLOG, one = 1;
  const bool no = false;
  const struct {
    ssh_options_e option;
    const void* value;
  } settings[] = {
      {SSH_OPTIONS_LOG_VERBOSITY, &quiet}, {SSH_OPTIONS_PROCESS_CONFIG, &no},
      {SSH_OPTIONS_HOST, ep.host.c_str()}, {SSH_OPTIONS_PORT, &port},
      {SSH_OPTIONS_USER, ep.username.c_str()}, {SSH_OPTIONS_TIMEOUT, &seconds},
      {SSH_OPTIONS_TIMEOUT_USEC, &micros}, {SSH_OPTIONS_KNOWNHOSTS, "/dev/null"},
      {SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null"}, {SSH_OPTIONS_KEY_EXCHANGE, kKeyExchange},
      {SSH_OPTIONS_HOSTKEYS, kHostKeys}, {SSH_OPTIONS_CIPHERS_C_S, kCiphers},
      {SSH_OPTIONS_CIPHERS_S_C, kCiphers}, {SSH_OPTIONS_HMAC_C_S, kMacs},
      {SSH_OPTIONS_HMAC_S_C, kMacs}, {SSH_OPTIONS_NODELAY, &one},
  };
  for (const auto& [option, value] : settings) {
    if (ssh_options_set(s, option, value) < 0) {
      return InvalidArgument(Where(ep) + ": SSH option rejected: " + ssh_get_error(s));
    }
  }
  return Status::Ok();
}

Status KeyboardInteractive(ssh_session s, const std::string& password, int* rc) {
  *rc = ssh_userauth_kbdint(s, nullptr, nullptr);
  for (int round = 0; *rc == SSH_AUTH_INFO && round < kMaxKbdintRounds; ++round) {
    const int prompts = ssh_userauth_kbdint_getnprompts(s);
    for (int i = 0; i < prompts; ++i) {
      if (ssh_userauth_kbdint_setanswer(s, static_cast<unsigned>(i), password.c_str()) < 0) {
        return IoError(std::string("keyboard-interactive: ") + ssh_get_error(s));
      }
    }
    *rc = ssh_userauth_kbdint(s, nullptr, nullptr);
  }
  return Status::Ok();
}

// Password when offered, else keyboard-interactive answering every prompt with the password.
// A refused password is not retried by another method: it would only count one more failure.
Status Authenticate(ssh_session s, const SshEndpoint& ep) {
  QuickAck(s);
  int rc = ssh_userauth_none(s, nullptr);
  if (rc == SSH_AUTH_SUCCESS) return Status::Ok();
  if (rc == SSH_AUTH_ERROR) return SessionError(s, Where(ep), "authentication");
  const int methods = ssh_userauth_list(s, nullptr);
  QuickAck(s);
  if (methods & SSH_AUTH_METHOD_PASSWORD) {
    rc = ssh_userauth_password(s, nullptr, ep.password.c_str());
  } else if (methods & SSH_AUTH_METHOD_INTERACTIVE) {
    IOSUP_RETURN_IF_ERROR(KeyboardInteractive(s, ep.password, &rc));
  } else {
    return PermissionDenied(Where(ep) + ": the device offers neither password nor "
                            "keyboard-interactive authentication");
  }
  if (rc == SSH_AUTH_SUCCESS) return Status::Ok();
  if (rc == SSH_AUTH_ERROR) return SessionError(s, Where(ep), "authentication");
  return PermissionDenied(Where(ep) + ": authentication refused for user " + ep.username);
}

// Connected and authenticated. Host keys are not checked (see the header).
Result<Session> OpenSession(const SshEndpoint& ep) {
  Session s(ssh_new());
  if (!s) return IoError("cannot create an SSH session");
  IOSUP_RETURN_IF_ERROR(SetOptions(s.get(), ep));
  if (ssh_connect(s.get()) != SSH_OK) return SessionError(s.get(), Where(ep), "connect");
  IOSUP_RETURN_IF_ERROR(Authenticate(s.get(), ep));
  return s;
}

Result<Channel> OpenChannel(ssh_session s, const std::string& where) {
  Channel c(ssh_channel_new(s));
  if (!c) return IoError(where + ": cannot create an SSH channel");
  QuickAck(s);
  if (ssh_channel_open_session(c.get()) != SSH_OK) return SessionError(s, where, "open channel");
  return c;
}

class SshCliChannel final : public CliChannel {
 public:
  SshCliChannel(Session session, Channel channel, std::string where)
      : session_(std::move(session)), channel_(std::move(channel)), where_(std::move(where)) {}
  ~SshCliChannel() override { Close(); }

  // First prompt, `enable` when needed, paging off.
  Status Start(const SshEndpoint& ep);

  Result<std::string> Run(std::string_view command, Duration timeout,
                          std::span<const DialogAnswer> answers) override;
  std::string prompt() const override { return prompt_; }
  bool open() const override { return channel_ != nullptr; }
  void set_output_observer(std::function<void(std::string_view)> observer) override {
    observer_ = std::move(observer);
  }
  void Close() override {
    channel_.reset();
    session_.reset();
  }

 private:
  enum class Read { kData, kIdle, kClosed };
  // Waits until `until` at most for output and appends what came to buffer_.
  Read ReadSome(Deadline until);
  Status Send(std::string_view bytes);
  void Append(std::string_view raw);
  bool AtPrompt(std::string_view hostname) const {
    return IsPrompt(LastLine(buffer_), hostname);
  }
  // Reads until the output ends with a prompt (of any host name when `hostname` is empty).
  Status AwaitPrompt(Deadline deadline, std::string_view hostname);
  Status Enable(const SshEndpoint& ep, Deadline deadline);
  // Output of a finished command: buffer_ minus the echo and the prompt, which becomes prompt_.
  std::string TakeOutput(std::string_view command);
  Status Interrupt(std::string question);
  Status Closed(std::string_view command);

  Session session_;
  Channel channel_;
  std::string where_;
  std::string hostname_, prompt_;
  std::function<void(std::string_view)> observer_;
  std::string buffer_;  // output read and not yet returned, "\r\n" already turned into "\n"
  bool carriage_return_ = false;  // the last byte read was a '\r' not yet written to buffer_
  Deadline last_data_{};
};

void SshCliChannel::Append(std::string_view raw) {
  // "\r\n" and "\r\r\n" become "\n"; a lone '\r' stays.
  for (char c : raw) {
    if (carriage_return_ && c != '\n' && c != '\r') buffer_ += '\r';
    carriage_return_ = c == '\r';
    if (!carriage_return_) buffer_ += c;
  }
}

SshCliChannel::Read SshCliChannel::ReadSome(Deadline until) {
  if (!channel_) return Read::kClosed;
  char chunk[kReadChunk];
  QuickAck(session_.get());
  const int n = ssh_channel_read_timeout(channel_.get(), chunk, sizeof chunk, 0, MillisUntil(until));
  if (n > 0) {
    Append({chunk, static_cast<size_t>(n)});
    if (observer_) observer_({chunk, static_cast<size_t>(n)});
    last_data_ = SteadyClock::now();
    return Read::kData;
  }
  if (n == SSH_ERROR || ssh_channel_is_eof(channel_.get()) || ssh_channel_is_closed(channel_.get())) {
    Close();
    return Read::kClosed;
  }
  return Read::kIdle;
}

Status SshCliChannel::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    if (!channel_) return Unavailable(where_ + ": session closed");
    const int n = ssh_channel_write(channel_.get(), bytes.data(), static_cast<uint32_t>(bytes.size()));
    if (n == SSH_ERROR) {
      Status s = SessionError(session_.get(), where_, "send");
      Close();
      return s;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status SshCliChannel::AwaitPrompt(Deadline deadline, std::string_view hostname) {
  while (!AtPrompt(hostname)) {
    const Read r = ReadSome(deadline);
    if (r == Read::kClosed) return Unavailable(where_ + ": session closed: " + Tail(buffer_));
    if (r == Read::kIdle && SteadyClock::now() >= deadline) {
      return Status(ErrorCode::kTimedOut, where_ + ": no prompt; last output: " + Tail(buffer_));
    }
  }
  prompt_ = std::string(LastLine(buffer_));
  hostname_ = HostnameOf(prompt_);
  return Status::Ok();
}

Status SshCliChannel::Start(const SshEndpoint& ep) {
  const Deadline deadline = After(ep.connect_timeout);
  IOSUP_RETURN_IF_ERROR(AwaitPrompt(deadline, ""));
  buffer_.clear();
  if (prompt_.ends_with('>')) IOSUP_RETURN_IF_ERROR(Enable(ep, deadline));
  for (std::string setting : {std::string("terminal length 0"),
                              "terminal width " + std::to_string(kTerminalWidth)}) {
    Result<std::string> r = Run(setting, deadline - SteadyClock::now(), {});
    if (!r.ok()) return r.status();
  }
  return Status::Ok();
}

// `enable`, answering each "Password: " with the secret; refused when the prompt stays '>'.
Status SshCliChannel::Enable(const SshEndpoint& ep, Deadline deadline) {
  IOSUP_RETURN_IF_ERROR(Send("enable\n"));
  std::string transcript;
  int attempts = 0;
  while (!(buffer_.find('\n') != std::string::npos && AtPrompt(hostname_))) {
    if (TrimRight(buffer_).ends_with("Password:") && attempts < kMaxEnableAttempts) {
      ++attempts;
      transcript += std::exchange(buffer_, {});
      IOSUP_RETURN_IF_ERROR(Send(ep.enable_secret + "\n"));
      continue;
    }
    const Read r = ReadSome(deadline);
    if (r == Read::kClosed) return Unavailable(where_ + ": session closed during enable");
    if (r == Read::kIdle && SteadyClock::now() >= deadline) {
      return Status(ErrorCode::kTimedOut, where_ + ": no answer to enable: " + Tail(buffer_));
    }
  }
  transcript += buffer_;
  prompt_ = std::string(LastLine(buffer_));
  buffer_.clear();
  if (!prompt_.ends_with('#')) {
    const std::string why = Complaints(transcript);
    return PermissionDenied(where_ + ": enable refused" + (why.empty() ? "" : ": " + why));
  }
  return Status::Ok();
}

std::string SshCliChannel::TakeOutput(std::string_view command) {
  std::string out = std::exchange(buffer_, {});
  const size_t last_nl = out.rfind('\n');
  prompt_ = out.substr(last_nl + 1);
  hostname_ = HostnameOf(prompt_);
  out.resize(last_nl + 1);
  const size_t echo_end = out.find('\n');
  const std::string_view echo(out.data(), echo_end);
  if (echo.find(TrimRight(command)) != std::string_view::npos) out.erase(0, echo_end + 1);
  return out;
}

Status SshCliChannel::Interrupt(std::string question) {
  if (Send("\x03").ok()) (void)AwaitPrompt(After(kInterruptWait), hostname_);
  buffer_.clear();
  return Unsupported(std::move(question));
}

Status SshCliChannel::Closed(std::string_view command) {
  std::string out = std::exchange(buffer_, {});
  return Unavailable(where_ + ": session closed after `" + std::string(command) +
                     "`; output: " + Tail(out));
}

Result<std::string> SshCliChannel::Run(std::string_view command, Duration timeout,
                                       std::span<const DialogAnswer> answers) {
  if (command.find_first_of("\r\n") != std::string_view::npos) {
    return InvalidArgument("a command is one line: " + std::string(command));
  }
  if (!open()) return Unavailable(where_ + ": session closed");
  const Deadline deadline = After(timeout);
  // Late output of an earlier command (a timed-out one, an extra prompt) is not this one's.
  while (ReadSome(SteadyClock::now()) == Read::kData) {}
  buffer_.clear();
  IOSUP_RETURN_IF_ERROR(Send(std::string(command) + "\n"));
  size_t answered = 0;  // output before this offset was already matched against the table
  last_data_ = SteadyClock::now();
  while (true) {
    const Read r = ReadSome(std::min(deadline, SteadyClock::now() + kQuestionIdle));
    if (r == Read::kClosed) return Closed(command);
    // The echo ends with a newline: a prompt before it would be a stale one. When the output
    // is idle, a prompt of another name counts too: the hostname changed.
    if (buffer_.find('\n') != std::string::npos && AtPrompt(r == Read::kData ? hostname_ : "")) {
      return TakeOutput(command);
    }
    const auto now = SteadyClock::now();
    if (now >= deadline) {
      return Status(ErrorCode::kTimedOut, where_ + ": `" + std::string(command) +
                                              "` gave no prompt in time; last output: " +
                                              Tail(buffer_));
    }
    const std::string_view pending = std::string_view(buffer_).substr(answered);
    if (const DialogAnswer* row = MatchAnswer(answers, pending)) {
      answered = buffer_.size();
      IOSUP_RETURN_IF_ERROR(Send(row->answer + "\n"));
      continue;
    }
    const std::string_view question = QuestionAtEnd(pending);
    if (r == Read::kIdle && now - last_data_ >= kQuestionIdle && !question.empty()) {
      return Interrupt(std::string(question));
    }
  }
}

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

Status StreamFile(int fd, uint64_t size, ScpUpload& upload,
                  const std::function<void(uint64_t)>& progress, const std::string& local_path) {
  std::vector<char> chunk(kScpChunk);
  uint64_t sent = 0;
  while (sent < size) {
    const ssize_t n = ::read(fd, chunk.data(), std::min<uint64_t>(chunk.size(), size - sent));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {  // the channel closes unfinished: the device drops the partial file
      return IoError(local_path + ": " + (n == 0 ? "file shrank while sending" : std::strerror(errno)));
    }
    IOSUP_RETURN_IF_ERROR(upload.Write({chunk.data(), static_cast<size_t>(n)}));
    sent += static_cast<uint64_t>(n);
    if (progress) progress(sent);
  }
  return Status::Ok();
}

struct FdCloser {
  int fd;
  ~FdCloser() { ::close(fd); }
};

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

Result<std::unique_ptr<CliChannel>> ConnectSsh(const SshEndpoint& endpoint) {
  Result<Session> session = OpenSession(endpoint);
  if (!session.ok()) return session.status();
  const std::string where = Where(endpoint);
  Result<Channel> channel = OpenChannel(session->get(), where);
  if (!channel.ok()) return channel.status();
  QuickAck(session->get());
  if (ssh_channel_request_pty_size(channel->get(), "vt100", kTerminalWidth, kTerminalRows) !=
      SSH_OK) {
    return SessionError(session->get(), where, "pty");
  }
  QuickAck(session->get());
  if (ssh_channel_request_shell(channel->get()) != SSH_OK) {
    return SessionError(session->get(), where, "shell");
  }
  auto cli = std::make_unique<SshCliChannel>(std::move(*session), std::move(*channel), where);
  IOSUP_RETURN_IF_ERROR(cli->Start(endpoint));
  return std::unique_ptr<CliChannel>(std::move(cli));
}

Status ScpPush(const SshEndpoint& endpoint, const std::string& local_path,
               const std::string& remote_path, const std::function<void(uint64_t)>& progress) {
  const int fd = ::open(local_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const std::string why = local_path + ": " + std::strerror(errno);
    return errno == ENOENT ? NotFound(why) : IoError(why);
  }
  const FdCloser closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    return InvalidArgument(local_path + ": not a regular file");
  }
  if (remote_path.empty() || remote_path.find_first_of("\r\n") != std::string::npos) {
    return InvalidArgument("bad remote path: " + remote_path);
  }
  const std::string name = BaseName(local_path);
  if (name.empty() || name.find('\n') != std::string::npos) {
    return InvalidArgument(local_path + ": no file name to send");
  }
  Result<Session> session = OpenSession(endpoint);
  if (!session.ok()) return session.status();
  const std::string where = Where(endpoint);
  Result<Channel> channel = OpenChannel(session->get(), where);
  if (!channel.ok()) return channel.status();
  QuickAck(session->get());
  if (ssh_channel_request_exec(channel->get(), ("scp -t " + remote_path).c_str()) != SSH_OK) {
    return SessionError(session->get(), where, "scp -t " + remote_path);
  }
  ScpUpload upload(session->get(), channel->get(), where,
                   std::max<Duration>(endpoint.connect_timeout, kScpAckFloor));
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  IOSUP_RETURN_IF_ERROR(upload.Ack());
  IOSUP_RETURN_IF_ERROR(upload.Write("C0644 " + std::to_string(size) + " " + name + "\n"));
  IOSUP_RETURN_IF_ERROR(upload.Ack());
  IOSUP_RETURN_IF_ERROR(StreamFile(fd, size, upload, progress, local_path));
  IOSUP_RETURN_IF_ERROR(upload.Write(std::string_view("\0", 1)));
  IOSUP_RETURN_IF_ERROR(upload.Ack());
  ssh_channel_send_eof(channel->get());
  return Status::Ok();
}

}  // namespace iosup::upgrade
