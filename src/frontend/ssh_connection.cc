#include "frontend/ssh_connection.h"

#include <algorithm>

namespace iosup {
namespace {

constexpr auto kFailedLoginDelay = std::chrono::seconds(1);
// Key offers a client makes before its password (one per key of an agent): not guesses, so not
// counted as failures, but bounded.
constexpr int kMaxRefusedKeys = 10;
constexpr auto kDrainLimit = std::chrono::seconds(3);
constexpr uint32_t kMaxChunk = 32 * 1024;

SshConnection* Self(void* userdata) { return static_cast<SshConnection*>(userdata); }

}  // namespace

void SshConnection::ChannelTerminal::Write(std::string_view bytes) {
  if (closed) return;
  conn_.out_ += bytes;
  conn_.RequestPump();
}

void SshConnection::ChannelTerminal::Close() {
  if (closed) return;
  closed = true;  // `exit`: the channel closes once the output is out
  conn_.RequestPump();
}

SshConnection::SshConnection(asio::io_context& io, LineService& device, ssh_session session,
                             std::string peer, Login login, ClosedFn on_closed)
    : io_(io), device_(device), session_(session), peer_(std::move(peer)),
      login_(std::move(login)), on_closed_(std::move(on_closed)), socket_(io), pause_timer_(io), idle_timer_(io),
      drain_timer_(io) {}

SshConnection::~SshConnection() { Release(); }

void SshConnection::Start() {
  ssh_set_blocking(session_, 0);
  server_cb_.userdata = this;
  server_cb_.auth_password_function = &SshConnection::AuthPassword;
  server_cb_.auth_pubkey_function = &SshConnection::AuthPubkey;
  server_cb_.channel_open_request_session_function = &SshConnection::ChannelOpen;
  ssh_callbacks_init(&server_cb_);
  ssh_set_server_callbacks(session_, &server_cb_);
  ssh_set_auth_methods(session_, SSH_AUTH_METHOD_PUBLICKEY | SSH_AUTH_METHOD_PASSWORD);
  asio::error_code ec;
  socket_.assign(ssh_get_fd(session_), ec);
  if (ec) {
    closing_ = true;
    return RequestPump();
  }
  RequestPump();
}

// --- libssh trampolines

int SshConnection::AuthPassword(ssh_session, const char* user, const char* password, void* self) {
  return Self(self)->OnAuthPassword(user ? user : "", password ? password : "");
}

int SshConnection::AuthPubkey(ssh_session, const char* user, ssh_key key, char signature_state,
                              void* self) {
  char* base64 = nullptr;
  if (key == nullptr || ssh_pki_export_pubkey_base64(key, &base64) != SSH_OK) {
    return SSH_AUTH_DENIED;
  }
  const std::string text = base64;
  ssh_string_free_char(base64);
  return Self(self)->OnAuthPubkey(user ? user : "", text, signature_state);
}

ssh_channel SshConnection::ChannelOpen(ssh_session, void* self) {
  SshConnection& c = *Self(self);
  if (!c.authenticated_ || c.channel_ != nullptr || c.closing_) return nullptr;
  c.channel_ = ssh_channel_new(c.session_);
  if (c.channel_ == nullptr) return nullptr;
  c.channel_cb_.userdata = &c;
  c.channel_cb_.channel_data_function = &SshConnection::Data;
  c.channel_cb_.channel_eof_function = &SshConnection::Eof;
  c.channel_cb_.channel_close_function = &SshConnection::ChannelClosed;
  c.channel_cb_.channel_pty_request_function = &SshConnection::PtyRequest;
  c.channel_cb_.channel_shell_request_function = &SshConnection::ShellRequest;
  c.channel_cb_.channel_exec_request_function = &SshConnection::ExecRequest;
  c.channel_cb_.channel_pty_window_change_function = &SshConnection::WindowChange;
  ssh_callbacks_init(&c.channel_cb_);
  ssh_set_channel_callbacks(c.channel_, &c.channel_cb_);
  return c.channel_;
}

int SshConnection::PtyRequest(ssh_session, ssh_channel, const char*, int, int, int, int, void*) {
  return SSH_OK;
}
int SshConnection::WindowChange(ssh_session, ssh_channel, int, int, int, int, void*) {
  return SSH_OK;
}
int SshConnection::ShellRequest(ssh_session, ssh_channel, void* self) {
  return Self(self)->OnShell();
}
int SshConnection::ExecRequest(ssh_session, ssh_channel, const char* command, void* self) {
  return Self(self)->OnExec(command ? command : "");
}
int SshConnection::Data(ssh_session, ssh_channel, void* data, uint32_t len, int is_stderr,
                        void* self) {
  if (!is_stderr) Self(self)->OnData({static_cast<const char*>(data), len});
  return static_cast<int>(len);
}
void SshConnection::Eof(ssh_session, ssh_channel, void* self) { Self(self)->OnEof(); }
void SshConnection::ChannelClosed(ssh_session, ssh_channel, void* self) {
  Self(self)->channel_finished_ = true;
  Self(self)->Shutdown();
}

// --- what the client asks for

int SshConnection::OnAuthPassword(const std::string& user, const std::string& password) {
  if (device_.state() != DeviceState::kRunning || closing_) return SSH_AUTH_DENIED;
  Result<int> privilege = device_.PasswordLogin(user, password);
  if (privilege.ok()) {
    Authenticated(user, *privilege);
    return SSH_AUTH_SUCCESS;
  }
  if (!CountFailure(user)) PauseAfterFailure();
  return SSH_AUTH_DENIED;
}

void SshConnection::Authenticated(const std::string& user, int privilege) {
  authenticated_ = true;
  user_ = user;
  privilege_ = privilege;
  login_.slot.reset();  // no longer a pre-authentication connection
}

// A key offer (signature_state NONE) is answered "acceptable" only for a key configured for that
// user; the signed attempt that follows logs in. A refused key is no guess: it costs no failed
// attempt and no pause (a client with several keys still reaches its password), up to
// kMaxRefusedKeys. A configured key with a bad signature is a forged login: a failure.
int SshConnection::OnAuthPubkey(const std::string& user, const std::string& key_base64,
                                char signature_state) {
  if (device_.state() != DeviceState::kRunning || closing_) return SSH_AUTH_DENIED;
  Result<int> privilege = device_.PublicKeyLogin(user, key_base64);  // RSA keys only, as IOS
  if (privilege.ok() && signature_state == SSH_PUBLICKEY_STATE_NONE) return SSH_AUTH_SUCCESS;
  if (privilege.ok() && signature_state == SSH_PUBLICKEY_STATE_VALID) {
    Authenticated(user, *privilege);
    return SSH_AUTH_SUCCESS;
  }
  if (!privilege.ok()) {
    if (++refused_keys_ >= kMaxRefusedKeys) closing_ = true;
  } else if (!CountFailure(user)) {
    PauseAfterFailure();
  }
  return SSH_AUTH_DENIED;
}

// Returns whether that was the last attempt allowed, or one that put the device in quiet mode:
// the connection then ends right after the denial goes out (Pump), before the client's next
// attempt is read.
bool SshConnection::CountFailure(const std::string& user) {
  device_.RecordLoginFailure({user, peer_, login_.local_port});
  if (++failures_ < login_.max_failures && !device_.LoginQuiet(peer_)) return false;
  closing_ = true;
  last_attempt_ = true;
  return true;
}

// The denial goes out at once; the next attempt is read a second later.
void SshConnection::PauseAfterFailure() {
  paused_ = true;
  pause_timer_.expires_after(kFailedLoginDelay);
  pause_timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
    if (ec || self->closed_) return;
    self->paused_ = false;
    self->Pump();
  });
}

int SshConnection::OnShell() {
  if (cli_ || scp_ || exec_ran_) return SSH_ERROR;
  if (!OpenCli()) return SSH_ERROR;
  out_ += "\r\n";
  cli_->Start();
  ResetIdleTimer();
  return SSH_OK;
}

int SshConnection::OnExec(const std::string& command) {
  if (cli_ || scp_ || exec_ran_) return SSH_ERROR;
  if (std::optional<ScpCommand> scp = ParseScpCommand(command)) {
    if (!device_.scp_server_enabled() || scp->recursive) {
      scp_ = MakeScpRefusal();
    } else if (scp->mode == ScpCommand::Mode::kSink) {
      scp_ = MakeScpSink(device_.file_systems(), scp->path);
    } else {
      scp_ = MakeScpSource(device_.file_systems(), scp->path, scp->preserve_times);
    }
    return SSH_OK;
  }
  if (drop_at_command_ && drop_at_command_()) {
    Drop();
    return SSH_OK;
  }
  if (!OpenCli()) return SSH_ERROR;
  exec_ran_ = true;
  cli_->set_terminal_length(0);  // one command's whole output: an exec channel never pages
  cli_->Execute(command);
  RequestPump();
  return SSH_OK;
}

void SshConnection::OnData(std::string_view bytes) {
  if (scp_) return scp_->Feed(bytes);
  if (!cli_ || exec_ran_ || terminal_->closed) return;
  ResetIdleTimer();
  if (drop_at_command_ && bytes.find_first_of("\r\n") != std::string_view::npos &&
      drop_at_command_()) {
    return Drop();  // the line never reaches the CLI: no answer, no prompt
  }
  cli_->Input(bytes);
}

void SshConnection::OnEof() {
  if (scp_) return scp_->EndOfInput();
  if (cli_ && !exec_ran_) Shutdown();  // the client will send nothing more
}

bool SshConnection::OpenCli() {
  vty_ = device_.ReserveVty();
  if (!vty_) return false;
  terminal_ = std::make_unique<ChannelTerminal>(*this);
  cli_ = device_.OpenExec(*terminal_, SessionLine{vty_->name(), user_, peer_}, privilege_);
  return true;
}

void SshConnection::ResetIdleTimer() {
  const int seconds = device_.vty_policy().exec_timeout_seconds;
  if (seconds <= 0) return;
  idle_timer_.expires_after(std::chrono::seconds(seconds));
  idle_timer_.async_wait([weak = weak_from_this()](const asio::error_code& ec) {
    auto self = weak.lock();
    if (!ec && self && !self->closed_) self->Drop();
  });
}

// --- life cycle

// IOS ends an idle vty without a word and without closing the channel: the client sees the
// connection go ("Connection to R1 closed by remote host.").
void SshConnection::Drop() {
  if (closed_) return;
  dropping_ = true;
  Shutdown();
}

void SshConnection::Shutdown() {
  if (closed_) return;
  RetireCli();
  closing_ = true;
  RequestPump();
}

// Silences the CLI session; it is destroyed in Close(), never inside its own handler.
void SshConnection::RetireCli() {
  if (terminal_) terminal_->closed = true;
}

void SshConnection::RequestPump() {
  if (pump_posted_ || closed_) return;
  pump_posted_ = true;
  asio::post(io_, [self = shared_from_this()] {
    self->pump_posted_ = false;
    self->Pump();
  });
}

void SshConnection::Pump() {
  if (closed_) return;
  if (!paused_ && !PumpLibssh()) return Close();
  if (!authenticated_ && (last_attempt_ || refused_keys_ >= kMaxRefusedKeys)) {
    return Close();  // the last denial is out; the client's next attempt is never read
  }
  Flush();
  if (!dropping_) FinishChannel();
  if (PeerGone()) return Close();
  if (closing_) {
    // With a channel closed by us, the client hangs up itself once it has read everything;
    // closing first could reset the connection under data it has not read yet.
    const bool await_peer = channel_ != nullptr && channel_finished_ && !dropping_;
    if (!await_peer && out_.empty() && !(ssh_get_poll_flags(session_) & SSH_WRITE_PENDING)) {
      return Close();
    }
    ArmDrainLimit();
  }
  Arm();
}

// A closing connection gets a few seconds to flush; a client that stops reading loses the rest.
void SshConnection::ArmDrainLimit() {
  if (drain_armed_) return;
  drain_armed_ = true;
  drain_timer_.expires_after(kDrainLimit);
  drain_timer_.async_wait([weak = weak_from_this()](const asio::error_code& ec) {
    auto self = weak.lock();
    if (!ec && self && !self->closed_) self->Close();
  });
}

bool SshConnection::PumpLibssh() {
  if (!kex_done_) {
    const int rc = ssh_handle_key_exchange(session_);
    if (rc == SSH_ERROR) return false;
    if (rc != SSH_OK) return true;  // SSH_AGAIN
    kex_done_ = true;
    event_ = ssh_event_new();
    if (event_ == nullptr || ssh_event_add_session(event_, session_) != SSH_OK) return false;
  }
  if (ssh_event_dopoll(event_, 0) == SSH_ERROR) return false;
  ssh_execute_message_callbacks(session_);  // default replies to anything not handled
  return true;
}

bool SshConnection::PeerGone() const {
  const int status = ssh_get_status(session_);
  return (status & (SSH_CLOSED | SSH_CLOSED_ERROR)) != 0 ||
         (kex_done_ && !ssh_is_connected(session_));
}

uint32_t SshConnection::MaxWrite() const {
  if (channel_ == nullptr || channel_finished_ || ssh_channel_is_closed(channel_)) return 0;
  if (ssh_get_poll_flags(session_) & SSH_WRITE_PENDING) return 0;  // socket full: wait
  return std::min(ssh_channel_window_size(channel_), kMaxChunk);
}

void SshConnection::Flush() {
  while (uint32_t budget = MaxWrite()) {
    if (out_.empty() && scp_ && scp_->HasOutput()) out_ = scp_->TakeOutput(budget);
    if (out_.empty()) return;
    const uint32_t n = std::min<uint32_t>(budget, out_.size());
    const int written = ssh_channel_write(channel_, out_.data(), n);
    if (written == SSH_ERROR) {
      closing_ = true;
      return;
    }
    out_.erase(0, static_cast<size_t>(written));
    if (static_cast<uint32_t>(written) < n) return;
  }
  if (channel_ == nullptr || channel_finished_) out_.clear();  // nobody to send it to
}

void SshConnection::FinishChannel() {
  if (channel_ == nullptr || channel_finished_ || !out_.empty()) return;
  int status = 0;
  if (scp_) {
    if (!scp_->done()) return;
    status = scp_->exit_status();
  } else if (!exec_ran_ && !(terminal_ && terminal_->closed) && !closing_) {
    return;  // an interactive shell still open
  }
  ssh_channel_request_send_exit_status(channel_, status);
  ssh_channel_send_eof(channel_);
  ssh_channel_close(channel_);
  channel_finished_ = true;
  closing_ = true;
}

void SshConnection::Arm() {
  if (!read_waiting_ && !paused_) {
    read_waiting_ = true;
    socket_.async_wait(asio::posix::stream_descriptor::wait_read,
                       [self = shared_from_this()](const asio::error_code& ec) {
                         self->read_waiting_ = false;
                         if (!ec) self->Pump();
                       });
  }
  if (!write_waiting_ && (ssh_get_poll_flags(session_) & SSH_WRITE_PENDING)) {
    write_waiting_ = true;
    socket_.async_wait(asio::posix::stream_descriptor::wait_write,
                       [self = shared_from_this()](const asio::error_code& ec) {
                         self->write_waiting_ = false;
                         if (!ec) self->Pump();
                       });
  }
}

void SshConnection::Close() {
  if (closed_) return;
  Release();
  if (on_closed_) std::exchange(on_closed_, nullptr)(this);
}

void SshConnection::TimeOut() {
  if (closed_) return;
  dropping_ = true;  // no SSH disconnect message: the TCP connection just ends
  Close();
}

void SshConnection::Abandon() {
  on_closed_ = nullptr;
  Release();
}

void SshConnection::Release() {
  if (closed_) return;
  closed_ = true;
  login_.slot.reset();  // handlers may keep the object a while; the slot goes now
  pause_timer_.cancel();
  idle_timer_.cancel();
  drain_timer_.cancel();
  if (socket_.is_open()) {
    socket_.cancel();
    socket_.release();  // libssh owns the descriptor and closes it in ssh_free
  }
  cli_.reset();
  terminal_.reset();
  vty_.reset();
  scp_.reset();  // an upload in progress is aborted: nothing stays
  if (event_ != nullptr) {
    ssh_event_remove_session(event_, session_);
    ssh_event_free(event_);
    event_ = nullptr;
  }
  if (ssh_is_connected(session_) && !dropping_) ssh_disconnect(session_);
  ssh_free(session_);  // frees the channel too
  session_ = nullptr;
  channel_ = nullptr;
}

}  // namespace iosup
