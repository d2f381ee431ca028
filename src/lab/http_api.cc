#include "lab/http_api.h"

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "lab/address_map.h"

namespace iosup {

namespace {

using nlohmann::json;

constexpr const char* kJson = "application/json";

// The status code for a fault-control answer: 200, else 404 / 400 from its error code.
int StatusFor(const json& answer, int ok_status) {
  if (answer.value("ok", false)) return ok_status;
  return answer.value("code", "") == "not-found" ? 404 : 400;
}

}  // namespace

struct LabHttpApi::Impl {
  httplib::Server server;
  std::thread thread;
};

LabHttpApi::LabHttpApi(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LabHttpApi::~LabHttpApi() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

Result<std::unique_ptr<LabHttpApi>> LabHttpApi::Start(const Options& options, Runner run) {
  if (!IsLoopbackAddress(options.address) && options.token.empty()) {
    return PermissionDenied("the HTTP API listens on " + options.address +
                            " only with --token: anyone who reaches it can break the lab");
  }
  auto impl = std::make_unique<Impl>();
  httplib::Server& s = impl->server;
  s.set_read_timeout(std::chrono::seconds(5));
  s.set_write_timeout(std::chrono::seconds(5));
  s.set_payload_max_length(64 * 1024);
  const std::string token = options.token;
  s.set_pre_routing_handler([token](const httplib::Request& req, httplib::Response& res) {
    if (token.empty() || req.get_header_value("Authorization") == "Bearer " + token) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    res.status = 401;
    res.set_header("WWW-Authenticate", "Bearer");
    res.set_content(R"({"ok": false, "error": "a bearer token is required"})", kJson);
    return httplib::Server::HandlerResponse::Handled;
  });
  // Runs `request` on the lab and answers with its JSON and the status it calls for.
  auto answer = [run](const json& request, httplib::Response& res, int ok_status) {
    const json parsed = json::parse(run(request.dump()), nullptr, false);
    res.status = parsed.is_discarded() ? 500 : StatusFor(parsed, ok_status);
    res.set_content(parsed.is_discarded() ? R"({"ok": false})" : parsed.dump(2) + "\n", kJson);
  };
  s.Get("/api/v1/faults", [answer](const httplib::Request&, httplib::Response& res) {
    answer({{"op", "list"}}, res, 200);
  });
  s.Get("/api/v1/fault-kinds", [answer](const httplib::Request&, httplib::Response& res) {
    answer({{"op", "kinds"}}, res, 200);
  });
  s.Post("/api/v1/faults", [answer](const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      res.status = 400;
      res.set_content(R"({"ok": false, "error": "the body is a JSON object"})", kJson);
      return;
    }
    body["op"] = "add";
    answer(body, res, 201);
  });
  s.Delete(R"(/api/v1/faults/(\d{1,18}))", [answer](const httplib::Request& req, httplib::Response& res) {
    answer({{"op", "clear"}, {"id", std::stoull(req.matches[1].str())}}, res, 200);
  });
  s.Delete("/api/v1/faults", [answer](const httplib::Request&, httplib::Response& res) {
    answer({{"op", "clear"}, {"all", true}}, res, 200);
  });
  int port = options.port;
  if (port == 0) {
    port = s.bind_to_any_port(options.address);
  } else if (!s.bind_to_port(options.address, port)) {
    port = -1;
  }
  if (port <= 0) {
    return Unavailable("cannot listen on " + options.address + ":" + std::to_string(options.port));
  }
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->server.listen_after_bind(); });
  std::unique_ptr<LabHttpApi> api(new LabHttpApi(std::move(impl)));
  api->port_ = static_cast<uint16_t>(port);
  return api;
}

Result<LabHttpApi::Options> ParseHttpListen(const std::string& spec) {
  LabHttpApi::Options o;
  std::string port = spec;
  const size_t colon = spec.rfind(':');
  if (colon != std::string::npos) {
    o.address = spec.substr(0, colon);
    if (o.address.size() >= 2 && o.address.front() == '[' && o.address.back() == ']') {
      o.address = o.address.substr(1, o.address.size() - 2);
    }
    port = spec.substr(colon + 1);
  }
  if (o.address.empty() || port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535) {
    return InvalidArgument("--http takes [ADDRESS:]PORT, not " + spec);
  }
  o.port = static_cast<uint16_t>(std::stoi(port));
  return o;
}

}  // namespace iosup
