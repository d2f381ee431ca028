#include "upgrade/ssh_cli_channel.h"

#include <libssh/libssh.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "upgrade/cli_dialog.h"
#include "upgrade/ssh_session.h"

namespace iosup::upgrade {
namespace {

// Output idle this long while its last line asks something: the device waits for an answer.
constexpr auto kQuestionIdle = std::chrono::milliseconds(300);
// How long Ctrl-C gets to bring the prompt back after a question nobody answered.
constexpr auto kInterruptWait = std::chrono::seconds(5);
constexpr size_t kReadChunk = 16 * 1024;
constexpr size_t kErrorTail = 600;
constexpr int kMaxEnableAttempts = 3;  // IOS asks "Password: " three times
constexpr int kTerminalWidth = 511;
constexpr int kTerminalRows = 24;

std::string Tail(std::string_view s) {
  return std::string(s.size() > kErrorTail ? s.substr(s.size() - kErrorTail) : s);
}

std::string HostnameOf(std::string_view prompt) {
  const size_t cut = prompt.find('(');
  prompt.remove_suffix(1);  // > or #
  return std::string(prompt.substr(0, std::min(cut, prompt.size())));
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

}  // namespace

Result<std::unique_ptr<CliChannel>> ConnectSsh(const SshEndpoint& endpoint) {
  Result<SshConnection> c = OpenConnection(endpoint);
  if (!c.ok()) return c.status();
  ssh_session session = c->session.get();
  ssh_channel channel = c->channel.get();
  if (ssh_channel_request_pty_size(channel, "vt100", kTerminalWidth, kTerminalRows) != SSH_OK) {
    return SessionError(session, c->where, "pty");
  }
  QuickAck(session);
  if (ssh_channel_request_shell(channel) != SSH_OK) return SessionError(session, c->where, "shell");
  auto cli = std::make_unique<SshCliChannel>(std::move(c->session), std::move(c->channel), c->where);
  IOSUP_RETURN_IF_ERROR(cli->Start(endpoint));
  return std::unique_ptr<CliChannel>(std::move(cli));
}

}  // namespace iosup::upgrade
