#include "transfer/ftp_file_server.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "transfer/dir_file_source.h"
#include "transfer/tcp_file_service.h"

namespace iosup {

namespace {

using asio::redirect_error;
using asio::use_awaitable;
using asio::ip::tcp;

// One control connection's state.
struct Session {
  std::shared_ptr<ServerConnection> control;
  std::string user;
  bool logged_in = false;
  bool may_write = false;
  std::string cwd;                         // relative to the root, "" = the root
  std::shared_ptr<tcp::acceptor> passive;  // after PASV/EPSV, for one transfer
  std::string out;                         // the reply being sent
};

// "x" in "dir" -> "dir/x"; "/x" -> "x". The FileSource confines the result.
std::string Join(const std::string& cwd, const std::string& arg) {
  if (arg.starts_with("/")) return arg;
  return cwd.empty() ? arg : cwd + "/" + arg;
}

}  // namespace

struct FtpFileServer::State {
  std::unique_ptr<tftp::FileSource> files;
  Options options;
  std::shared_ptr<TcpFileService> service;

  asio::awaitable<void> Serve(std::shared_ptr<ServerConnection> c);
  asio::awaitable<bool> Handle(Session& s, const std::string& cmd, const std::string& arg);
  // The reply to a command that moves no data (updating the session).
  std::string Answer(Session& s, const std::string& cmd, const std::string& arg);
  std::string ChangeDirectory(Session& s, const std::string& to);
  // Sends s.out and a CRLF. A reply is put in s.out by a statement of its own: GCC 12 destroys
  // class-type temporaries of a co_await expression twice, so no co_await here has one.
  asio::awaitable<void> Write(Session& s);
  asio::awaitable<void> Passive(Session& s, bool extended);
  asio::awaitable<std::shared_ptr<ServerConnection>> AcceptData(Session& s);
  asio::awaitable<void> Retrieve(Session& s, const std::string& name);
  asio::awaitable<void> Store(Session& s, const std::string& name);
};

asio::awaitable<void> FtpFileServer::State::Write(Session& s) {
  asio::error_code ec;
  s.out += "\r\n";
  co_await asio::async_write(s.control->socket(), asio::buffer(s.out),
                             redirect_error(use_awaitable, ec));
  if (ec) s.control->Close();
  s.control->Touch();
}

asio::awaitable<void> FtpFileServer::State::Serve(std::shared_ptr<ServerConnection> c) {
  Session s{.control = c};
  s.out = "220 iosup lab FTP server ready.";
  co_await Write(s);
  std::string in;
  for (;;) {
    asio::error_code ec;
    const size_t n = co_await asio::async_read_until(
        c->socket(), asio::dynamic_buffer(in, options.limits.max_request_bytes), "\n",
        redirect_error(use_awaitable, ec));
    if (ec) break;  // closed, idle, or a line too long
    c->Touch();
    std::string line = in.substr(0, n);
    in.erase(0, n);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    const size_t space = line.find(' ');
    std::string cmd = line.substr(0, space);
    std::transform(cmd.begin(), cmd.end(), cmd.begin(),
                   [](unsigned char ch) { return std::toupper(ch); });
    const std::string arg = space == std::string::npos ? "" : line.substr(space + 1);
    if (!co_await Handle(s, cmd, arg)) break;
  }
  if (s.passive) s.passive->close();
}

asio::awaitable<bool> FtpFileServer::State::Handle(Session& s, const std::string& cmd,
                                                   const std::string& arg) {
  if (s.logged_in && (cmd == "PASV" || cmd == "EPSV")) {
    co_await Passive(s, cmd == "EPSV");
  } else if (s.logged_in && (cmd == "RETR" || cmd == "STOR")) {
    const std::string path = Join(s.cwd, arg);  // a local: no temporary in the co_await
    if (cmd == "RETR") {
      co_await Retrieve(s, path);
    } else {
      co_await Store(s, path);
    }
  } else {
    s.out = Answer(s, cmd, arg);
    co_await Write(s);
  }
  co_return cmd != "QUIT";
}

std::string FtpFileServer::State::Answer(Session& s, const std::string& cmd,
                                         const std::string& arg) {
  if (cmd == "QUIT") return "221 Goodbye.";
  if (cmd == "USER") {
    s.user = arg;
    s.logged_in = s.may_write = false;
    return "331 Password required for " + arg + ".";
  }
  if (cmd == "PASS") {
    if (!options.username.empty() && s.user == options.username && arg == options.password) {
      s.logged_in = s.may_write = true;
      return "230 User " + s.user + " logged in.";
    }
    if (s.user == "anonymous" || s.user == "ftp") {
      s.logged_in = true;
      return "230 Anonymous access granted, read only.";
    }
    return "530 Login incorrect.";
  }
  if (cmd == "SYST") return "215 UNIX Type: L8";
  if (cmd == "FEAT") return "211-Features:\r\n EPSV\r\n PASV\r\n SIZE\r\n211 End";
  if (!s.logged_in) return "530 Please login with USER and PASS.";
  if (cmd == "PWD" || cmd == "XPWD") return "257 \"/" + s.cwd + "\" is the current directory.";
  if (cmd == "CWD" || cmd == "CDUP") return ChangeDirectory(s, cmd == "CDUP" ? ".." : arg);
  if (cmd == "TYPE" || cmd == "MODE" || cmd == "STRU" || cmd == "NOOP" || cmd == "OPTS") {
    return "200 " + cmd + " ok.";
  }
  if (cmd == "SIZE") {
    Result<std::shared_ptr<FileReader>> r = files->OpenRead(Join(s.cwd, arg));
    return r.ok() ? "213 " + std::to_string((*r)->size()) : "550 " + arg + ": No such file.";
  }
  return "502 " + cmd + " not implemented.";
}

// Directories are names only: the FileSource confines what is later opened beneath them.
std::string FtpFileServer::State::ChangeDirectory(Session& s, const std::string& to) {
  const size_t up = s.cwd.rfind('/');
  const std::string next =
      to == ".." ? s.cwd.substr(0, up == std::string::npos ? 0 : up) : Join(s.cwd, to);
  if (to == "/" || next.empty()) {
    s.cwd.clear();
    return "250 Directory changed to /.";
  }
  Result<std::string> normal = tftp::NormalizeRequestPath(next + "/x");
  if (!normal.ok()) return "550 " + to + ": No such directory.";
  s.cwd = normal->substr(0, normal->size() - 2);
  return "250 Directory changed to /" + s.cwd + ".";
}

asio::awaitable<void> FtpFileServer::State::Passive(Session& s, bool extended) {
  if (s.passive) s.passive->close();
  auto acceptor = std::make_shared<tcp::acceptor>(service->io());
  asio::error_code ec;
  const tcp::endpoint at(asio::ip::make_address(options.address, ec), 0);
  if (!ec) acceptor->open(at.protocol(), ec);
  if (!ec) acceptor->bind(at, ec);
  if (!ec) acceptor->listen(1, ec);
  if (ec) {
    s.out = "425 Cannot open a data connection.";
    co_return co_await Write(s);
  }
  s.passive = acceptor;
  const uint16_t port = acceptor->local_endpoint().port();
  if (extended) {
    s.out = "229 Entering Extended Passive Mode (|||" + std::to_string(port) + "|)";
    co_return co_await Write(s);
  }
  std::string h = options.address;
  std::replace(h.begin(), h.end(), '.', ',');
  s.out = "227 Entering Passive Mode (" + h + "," + std::to_string(port / 256) + "," +
          std::to_string(port % 256) + ")";
  co_await Write(s);
}

asio::awaitable<std::shared_ptr<ServerConnection>> FtpFileServer::State::AcceptData(Session& s) {
  std::shared_ptr<tcp::acceptor> acceptor = std::exchange(s.passive, nullptr);
  if (!acceptor) co_return nullptr;
  asio::steady_timer deadline(service->io());
  deadline.expires_after(options.limits.idle);
  deadline.async_wait([acceptor](const asio::error_code& ec) {
    if (!ec) acceptor->close();  // the client never connected
  });
  asio::error_code ec;
  tcp::socket data = co_await acceptor->async_accept(redirect_error(use_awaitable, ec));
  deadline.cancel();
  acceptor->close();
  if (ec) co_return nullptr;
  auto c = std::make_shared<ServerConnection>(std::move(data), options.limits.idle);
  c->Touch();
  co_return c;
}

asio::awaitable<void> FtpFileServer::State::Retrieve(Session& s, const std::string& name) {
  if (!s.passive) {
    s.out = "425 Use PASV or EPSV first.";
    co_return co_await Write(s);
  }
  Result<std::shared_ptr<FileReader>> file = files->OpenRead(name);
  if (!file.ok()) {
    s.passive.reset();
    s.out = "550 " + name + ": No such file or not readable.";
    co_return co_await Write(s);
  }
  std::shared_ptr<FileReader> reader = *file;
  s.out = "150 Opening BINARY mode data connection (" + std::to_string(reader->size()) + " bytes).";
  co_await Write(s);
  std::shared_ptr<ServerConnection> data = co_await AcceptData(s);
  if (!data) {
    s.out = "425 No data connection.";
    co_return co_await Write(s);
  }
  std::vector<uint8_t> chunk(options.limits.chunk_bytes);
  asio::error_code ec;
  uint64_t at = 0;
  while (at < reader->size()) {
    Result<size_t> n = reader->ReadAt(at, chunk);
    if (!n.ok() || *n == 0) break;
    co_await asio::async_write(data->socket(), asio::buffer(chunk.data(), *n),
                               redirect_error(use_awaitable, ec));
    if (ec) break;
    data->Touch();
    s.control->Touch();  // a long transfer is activity on the control connection too
    at += *n;
  }
  data->Close();
  s.out = at == reader->size() ? "226 Transfer complete." : "426 Transfer aborted.";
  co_await Write(s);
}

asio::awaitable<void> FtpFileServer::State::Store(Session& s, const std::string& name) {
  if (!s.may_write) {
    s.passive.reset();
    s.out = "550 " + name + ": Permission denied.";
    co_return co_await Write(s);
  }
  if (!s.passive) {
    s.out = "425 Use PASV or EPSV first.";
    co_return co_await Write(s);
  }
  Result<std::unique_ptr<FileWriter>> file = files->OpenWrite(name, std::nullopt);
  if (!file.ok()) {
    s.passive.reset();
    s.out = "550 " + name + ": " + file.status().message();
    co_return co_await Write(s);
  }
  std::unique_ptr<FileWriter> writer = std::move(*file);
  s.out = "150 Opening BINARY mode data connection.";
  co_await Write(s);
  std::shared_ptr<ServerConnection> data = co_await AcceptData(s);
  if (!data) {
    writer->Abort();
    s.out = "425 No data connection.";
    co_return co_await Write(s);
  }
  std::vector<uint8_t> chunk(options.limits.chunk_bytes);
  Status st = Status::Ok();
  for (;;) {
    asio::error_code ec;
    const size_t n = co_await data->socket().async_read_some(asio::buffer(chunk),
                                                             redirect_error(use_awaitable, ec));
    if (ec == asio::error::eof) break;  // the whole file
    if (ec) {
      st = Status(ErrorCode::kAborted, "data connection lost");
      break;
    }
    data->Touch();
    s.control->Touch();
    if (writer->written() + n > options.limits.max_upload_bytes) {
      st = NoSpace("upload too large");
      break;
    }
    st = writer->Append({chunk.data(), n});
    if (!st.ok()) break;
  }
  data->Close();
  if (st.ok()) st = writer->Commit();
  if (!st.ok()) {
    writer->Abort();
    s.out = st.code() == ErrorCode::kNoSpace ? "552 Exceeded storage allocation."
                                             : "451 Transfer aborted.";
    co_return co_await Write(s);
  }
  s.out = "226 Transfer complete.";
  co_await Write(s);
}

Result<std::unique_ptr<FtpFileServer>> FtpFileServer::Start(asio::io_context& io,
                                                            std::unique_ptr<tftp::FileSource> files,
                                                            Options options) {
  auto state = std::make_shared<State>();
  state->files = std::move(files);
  state->options = options;
  Result<std::shared_ptr<TcpFileService>> service =
      TcpFileService::Listen(io, options.address, options.port, options.limits,
                             [weak = std::weak_ptr<State>(state)](
                                 std::shared_ptr<ServerConnection> c) -> asio::awaitable<void> {
                               std::shared_ptr<State> s = weak.lock();
                               if (s) co_await s->Serve(std::move(c));
                             });
  if (!service.ok()) return service.status();
  state->service = *service;
  const uint16_t port = state->service->port();
  return std::unique_ptr<FtpFileServer>(new FtpFileServer(std::move(state), port));
}

FtpFileServer::~FtpFileServer() {
  if (state_->service) state_->service->Close();
}

}  // namespace iosup
