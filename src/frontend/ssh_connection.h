// One SSH connection to an emulated device, driven by libssh in non-blocking mode on the
// caller's asio io_context: the socket is watched with a posix::stream_descriptor and libssh is
// pumped (ssh_handle_key_exchange, ssh_event_dopoll) whenever it is readable, or writable while
// libssh holds unsent bytes. No thread of its own.
//
// What the client may do, as IOS allows it:
//  - password authentication against the device's running-config (VtyLogin); a failed attempt
//    is answered at once and the next one is not read for a second; the last failure allowed
//    (`ip ssh authentication-retries`, 3 by default) disconnects at once. Each failure counts
//    towards the device's `login block-for`; one that starts quiet mode also disconnects;
//  - authenticating before the Login's deadline (`ip ssh time-out`): the server closes the
//    connection once it has passed (TimeOut);
//  - public-key authentication against `ip ssh pubkey-chain` (PubkeyLogin): a key whose hash is
//    listed for the user logs in at that user's privilege; other keys are refused at once (ten
//    per connection; they are not failed attempts, so the password can follow);
//  - password authentication against the device's running-config (PasswordLogin); a failed
//    attempt is answered at once and the next one is not read for a second; the third failure
//    disconnects at once (IOS `ip ssh authentication-retries 3`);
//  - public-key authentication against `ip ssh pubkey-chain` (PublicKeyLogin): a key whose hash
//    is listed for the user logs in at that user's privilege; other keys are refused at once (ten
//    per connection; they are not failed attempts, so the password can follow);
//  - one session channel: PTY + shell (an EXEC session at the user's privilege, its prompt sent
//    unprompted), or exec: one CLI command then exit status 0, or an SCP server request
//    (`scp -t` / `scp -f`, only with `ip scp server enable`). A shell or exec holds the lowest
//    vty line free on the device, telnet's included (ReserveVty); with none free it is refused.
// exec-timeout on the vty lines drops an idle shell (Drop). Not thread-safe: one io_context thread.
#ifndef IOSUP_FRONTEND_SSH_CONNECTION_H_
#define IOSUP_FRONTEND_SSH_CONNECTION_H_

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include <asio.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cli/session.h"
#include "device/line_service.h"
#include "frontend/login_slots.h"
#include "frontend/scp_protocol.h"

namespace iosup {

class SshConnection : public std::enable_shared_from_this<SshConnection> {
 public:
  using ClosedFn = std::function<void(SshConnection*)>;
  // What bounds the connection until it authenticates.
  struct Login {
    std::optional<LoginSlot> slot;  // given back once authenticated
    WallTime deadline;              // on the device's clock
    int max_failures = 3;
    uint16_t local_port = 0;        // for the SEC_LOGIN messages
  };

  // `session` is accepted on its socket (ssh_bind_accept_fd) and now owned by the connection.
  // `device` must outlive it. `on_closed` runs once, when the connection is gone (never from
  // inside Start()).
  SshConnection(asio::io_context& io, LineService& device, ssh_session session, std::string peer,
                Login login, ClosedFn on_closed);
  ~SshConnection();
  SshConnection(const SshConnection&) = delete;
  SshConnection& operator=(const SshConnection&) = delete;

  // Begins the key exchange. Call once, on a connection held by a shared_ptr.
  void Start();
  // Ends the connection (reload, exec-timeout, server stop): the CLI session is silenced at once,
  // what it already wrote is flushed, then the client is disconnected. Safe from inside a CLI
  // handler of this very connection (the teardown is deferred to the io_context).
  void Shutdown();
  // Ends the connection as exec-timeout does: the CLI is silenced, its output flushed, then the
  // TCP connection is closed with no channel close and no SSH disconnect message.
  void Drop();
  // Tears down immediately without calling on_closed (server destruction).
  void Abandon();
  // Closes at once a connection still unauthenticated at its deadline, as IOS does when
  // `ip ssh time-out` expires: no message. Calls on_closed. Never from inside a libssh callback.
  void TimeOut();
  bool closed() const { return closed_; }
  bool authenticated() const { return authenticated_; }
  // SshServer::Options::drop_at_command.
  void set_drop_at_command(std::function<bool()> probe) { drop_at_command_ = std::move(probe); }
  WallTime login_deadline() const { return login_.deadline; }

 private:
  // The CLI session's terminal: bytes go to the channel's output buffer.
  class ChannelTerminal : public cli::Terminal {
   public:
    explicit ChannelTerminal(SshConnection& c) : conn_(c) {}
    void Write(std::string_view bytes) override;
    void Close() override;
    bool closed = false;

   private:
    SshConnection& conn_;
  };

  // libssh callbacks (trampolines cast userdata back to the connection).
  static int AuthPassword(ssh_session, const char* user, const char* password, void* self);
  static int AuthPubkey(ssh_session, const char* user, ssh_key key, char signature_state,
                        void* self);
  static ssh_channel ChannelOpen(ssh_session, void* self);
  static int PtyRequest(ssh_session, ssh_channel, const char*, int, int, int, int, void* self);
  static int ShellRequest(ssh_session, ssh_channel, void* self);
  static int ExecRequest(ssh_session, ssh_channel, const char* command, void* self);
  static int Data(ssh_session, ssh_channel, void* data, uint32_t len, int is_stderr, void* self);
  static void Eof(ssh_session, ssh_channel, void* self);
  static void ChannelClosed(ssh_session, ssh_channel, void* self);
  static int WindowChange(ssh_session, ssh_channel, int, int, int, int, void* self);

  int OnAuthPassword(const std::string& user, const std::string& password);
  int OnAuthPubkey(const std::string& user, const std::string& key_base64, char signature_state);
  int OnShell();
  int OnExec(const std::string& command);
  void OnData(std::string_view bytes);
  void OnEof();

  void Pump();            // drives libssh; the only place the connection is torn down
  bool PumpLibssh();      // key exchange, then packets; false on a fatal error
  void Flush();           // output buffer (and SCP data) -> channel, within the window
  void FinishChannel();   // exit status, EOF and close once the channel's work is done
  void Arm();             // waits for the socket as libssh needs
  void ArmDrainLimit();
  void RequestPump();     // a deferred Pump(), coalesced
  void Close();           // frees everything; calls on_closed_
  void Release();         // frees libssh and asio resources
  bool PeerGone() const;

  bool OpenCli();         // an EXEC session on the lowest free vty line; false when none
  void RetireCli();
  void ResetIdleTimer();
  bool CountFailure(const std::string& user);
  void Authenticated(const std::string& user, int privilege);
  void PauseAfterFailure();
  uint32_t MaxWrite() const;

  asio::io_context& io_;
  LineService& device_;
  ssh_session session_;
  ssh_event event_ = nullptr;
  ssh_channel channel_ = nullptr;
  std::string peer_;
  Login login_;
  ClosedFn on_closed_;
  asio::posix::stream_descriptor socket_;
  asio::steady_timer pause_timer_;
  asio::steady_timer idle_timer_;
  std::function<bool()> drop_at_command_;
  asio::steady_timer drain_timer_;
  ssh_server_callbacks_struct server_cb_{};
  ssh_channel_callbacks_struct channel_cb_{};

  bool kex_done_ = false;
  bool authenticated_ = false;
  std::string user_;
  int privilege_ = 1;
  int failures_ = 0;
  bool last_attempt_ = false;  // no more attempts: close once the denial is out
  int refused_keys_ = 0;
  bool paused_ = false;
  bool read_waiting_ = false;
  bool write_waiting_ = false;
  bool pump_posted_ = false;
  bool exec_ran_ = false;       // an exec command ran: close once its output is out
  bool channel_finished_ = false;
  bool closing_ = false;        // disconnect once the output is out
  bool dropping_ = false;       // ... by closing the socket alone (Drop)
  bool drain_armed_ = false;
  bool closed_ = false;

  std::string out_;  // channel stdout not yet written
  std::unique_ptr<LineService::VtyLease> vty_;  // the CLI session's line, shared with telnet
  std::unique_ptr<ChannelTerminal> terminal_;
  std::unique_ptr<cli::Session> cli_;
  std::unique_ptr<ScpTransfer> scp_;
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_SSH_CONNECTION_H_
