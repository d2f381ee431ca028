#include "transfer/http_file_server.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "transfer/tcp_file_service.h"

namespace iosup {

namespace {

using asio::redirect_error;
using asio::use_awaitable;

struct Request {
  std::string method, target;
  std::optional<uint64_t> content_length;
};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The request line and the one header this server needs. nullopt: not HTTP/1.x.
std::optional<Request> ParseHead(std::string_view head) {
  Request r;
  const size_t eol = head.find("\r\n");
  const std::string_view line = head.substr(0, eol);
  const size_t a = line.find(' '), b = line.rfind(' ');
  if (a == std::string_view::npos || b <= a || !line.substr(b + 1).starts_with("HTTP/1.")) {
    return std::nullopt;
  }
  r.method = std::string(line.substr(0, a));
  r.target = std::string(line.substr(a + 1, b - a - 1));
  for (size_t at = eol; at != std::string_view::npos && at + 2 < head.size();) {
    const size_t next = head.find("\r\n", at + 2);
    const std::string_view h = head.substr(at + 2, next - at - 2);
    const size_t colon = h.find(':');
    if (colon != std::string_view::npos &&
        Lower(std::string(h.substr(0, colon))) == "content-length") {
      std::string v(h.substr(colon + 1));
      v.erase(0, v.find_first_not_of(' '));
      if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 19) {
        return std::nullopt;
      }
      r.content_length = std::stoull(v);
    }
    at = next;
  }
  return r;
}

std::string Answer(int code, std::string_view reason, uint64_t length, std::string_view body = {}) {
  return "HTTP/1.1 " + std::to_string(code) + " " + std::string(reason) +
         "\r\nServer: iosup-lab\r\nContent-Length: " + std::to_string(length) +
         "\r\nContent-Type: " + (body.empty() ? "application/octet-stream" : "text/plain") +
         "\r\nConnection: close\r\n\r\n" + std::string(body);
}

std::string ErrorAnswer(const Status& s) {
  switch (s.code()) {
    case ErrorCode::kNotFound:
      return Answer(404, "Not Found", 10, "not found\n");
    case ErrorCode::kAlreadyExists:
      return Answer(409, "Conflict", 15, "already exists\n");
    case ErrorCode::kNoSpace:
      return Answer(507, "Insufficient Storage", 9, "no space\n");
    case ErrorCode::kPermissionDenied:
    case ErrorCode::kIsDirectory:
      return Answer(403, "Forbidden", 10, "forbidden\n");
    default:
      return Answer(500, "Internal Server Error", 9, "failed: \n");
  }
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      return std::nullopt;
    }
    const char c = static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
    if (c == '\0') return std::nullopt;
    out += c;
    i += 2;
  }
  return out;
}

struct HttpFileServer::State {
  std::unique_ptr<tftp::FileSource> files;
  std::shared_ptr<TcpFileService> service;

  asio::awaitable<void> Serve(std::shared_ptr<ServerConnection> c);
  // Sends `bytes`, which the caller names (a local, never a temporary: GCC 12 destroys class-type
  // temporaries of a co_await expression twice).
  asio::awaitable<void> Send(ServerConnection& c, const std::string& bytes, asio::error_code& ec);
  asio::awaitable<void> Get(ServerConnection& c, const std::string& name, bool body);
  asio::awaitable<void> Put(ServerConnection& c, const std::string& name, uint64_t length,
                            const std::string& already);
};

asio::awaitable<void> HttpFileServer::State::Send(ServerConnection& c, const std::string& bytes,
                                                  asio::error_code& ec) {
  co_await asio::async_write(c.socket(), asio::buffer(bytes), redirect_error(use_awaitable, ec));
  c.Touch();
}

asio::awaitable<void> HttpFileServer::State::Serve(std::shared_ptr<ServerConnection> c) {
  const FileServerLimits& limits = service->limits();
  std::string in;
  asio::error_code ec;
  co_await asio::async_read_until(c->socket(), asio::dynamic_buffer(in, limits.max_request_bytes),
                                  "\r\n\r\n", redirect_error(use_awaitable, ec));
  if (ec) co_return;  // closed, idle, or a head too long
  c->Touch();
  const size_t head_end = in.find("\r\n\r\n") + 4;
  std::optional<Request> r = ParseHead(std::string_view(in).substr(0, head_end));
  std::optional<std::string> name;
  if (r) name = PercentDecode(r->target.substr(0, r->target.find('?')));
  std::string reply;  // an answer without a file: a local, sent below
  if (!r || !name) {
    reply = Answer(400, "Bad Request", 12, "bad request\n");
  } else if (r->method == "GET" || r->method == "HEAD") {
    co_await Get(*c, *name, r->method == "GET");
  } else if (r->method != "PUT") {
    reply = Answer(405, "Method Not Allowed", 12, "GET/HEAD/PUT");
  } else if (!r->content_length) {
    reply = Answer(411, "Length Required", 16, "length required\n");
  } else if (*r->content_length > limits.max_upload_bytes) {
    reply = Answer(413, "Payload Too Large", 9, "too big.\n");
  } else {
    const std::string body_start = in.substr(head_end);
    co_await Put(*c, *name, *r->content_length, body_start);
  }
  if (!reply.empty()) co_await Send(*c, reply, ec);
}

asio::awaitable<void> HttpFileServer::State::Get(ServerConnection& c, const std::string& name,
                                                 bool body) {
  asio::error_code ec;
  Result<std::shared_ptr<FileReader>> file = files->OpenRead(name);
  if (!file.ok()) {
    const std::string reply = ErrorAnswer(file.status());
    co_return co_await Send(c, reply, ec);
  }
  std::shared_ptr<FileReader> reader = *file;
  const std::string head = Answer(200, "OK", reader->size());
  co_await Send(c, head, ec);
  std::vector<uint8_t> chunk(service->limits().chunk_bytes);
  for (uint64_t at = 0; body && !ec && at < reader->size();) {
    Result<size_t> n = reader->ReadAt(at, chunk);
    if (!n.ok() || *n == 0) co_return;  // the client sees a short body
    const std::string data(reinterpret_cast<const char*>(chunk.data()), *n);
    co_await Send(c, data, ec);
    at += *n;
  }
}

asio::awaitable<void> HttpFileServer::State::Put(ServerConnection& c, const std::string& name,
                                                 uint64_t length, const std::string& body_start) {
  asio::error_code ec;
  Result<std::unique_ptr<FileWriter>> file = files->OpenWrite(name, length);
  if (!file.ok()) {
    const std::string reply = ErrorAnswer(file.status());
    co_return co_await Send(c, reply, ec);
  }
  std::unique_ptr<FileWriter> writer = std::move(*file);
  const std::string already =
      body_start.substr(0, static_cast<size_t>(std::min<uint64_t>(body_start.size(), length)));
  std::vector<uint8_t> chunk(service->limits().chunk_bytes);
  Status s = writer->Append({reinterpret_cast<const uint8_t*>(already.data()), already.size()});
  while (s.ok() && writer->written() < length) {
    const size_t want =
        static_cast<size_t>(std::min<uint64_t>(chunk.size(), length - writer->written()));
    const size_t n = co_await c.socket().async_read_some(asio::buffer(chunk.data(), want),
                                                         redirect_error(use_awaitable, ec));
    if (ec) {  // the client went: nothing appears
      writer->Abort();
      co_return;
    }
    c.Touch();
    s = writer->Append({chunk.data(), n});
  }
  if (s.ok()) s = writer->Commit();
  if (!s.ok()) {
    writer->Abort();
  }
  const std::string reply = s.ok() ? Answer(201, "Created", 8, "created\n") : ErrorAnswer(s);
  co_await Send(c, reply, ec);
}

Result<std::unique_ptr<HttpFileServer>> HttpFileServer::Start(
    asio::io_context& io, std::unique_ptr<tftp::FileSource> files, const std::string& address,
    uint16_t port, FileServerLimits limits) {
  auto state = std::make_shared<State>();
  state->files = std::move(files);
  State* raw = state.get();
  // The service holds the state through each client's coroutine, never the other way round
  // beyond `service` (which Close() empties of clients).
  Result<std::shared_ptr<TcpFileService>> service =
      TcpFileService::Listen(io, address, port, limits,
                             [weak = std::weak_ptr<State>(state)](
                                 std::shared_ptr<ServerConnection> c) -> asio::awaitable<void> {
                               std::shared_ptr<State> s = weak.lock();
                               if (s) co_await s->Serve(std::move(c));
                             });
  if (!service.ok()) return service.status();
  raw->service = *service;
  return std::unique_ptr<HttpFileServer>(new HttpFileServer(state, raw->service->port()));
}

HttpFileServer::~HttpFileServer() {
  if (state_->service) state_->service->Close();
}

}  // namespace iosup
