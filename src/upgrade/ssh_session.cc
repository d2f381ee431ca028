#include "upgrade/ssh_session.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <climits>

namespace iosup::upgrade {
namespace {

constexpr int kMaxKbdintRounds = 4;

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

}  // namespace

Deadline After(Duration d) {
  return SteadyClock::now() + std::clamp<Duration>(d, Duration::zero(), kLongestWait);
}

int MillisUntil(Deadline d) {
  const auto left = d - SteadyClock::now();
  if (left <= SteadyClock::duration::zero()) return 0;
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
  return static_cast<int>(std::min<int64_t>(ms, INT_MAX));
}

std::string Where(const SshEndpoint& ep) {
  const bool v6 = ep.host.find(':') != std::string::npos;
  return (v6 ? "[" + ep.host + "]" : ep.host) + ":" + std::to_string(ep.port);
}

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

Result<SshConnection> OpenConnection(const SshEndpoint& ep) {
  Result<Session> session = OpenSession(ep);
  if (!session.ok()) return session.status();
  std::string where = Where(ep);
  Result<Channel> channel = OpenChannel(session->get(), where);
  if (!channel.ok()) return channel.status();
  QuickAck(session->get());
  return SshConnection{std::move(*session), std::move(*channel), std::move(where)};
}

}  // namespace iosup::upgrade
