#include "lab/fault_control.h"

namespace iosup {

namespace {

using nlohmann::json;

json Failure(const Status& s) {
  return {{"ok", false},
          {"error", s.message()},
          {"code", s.code() == ErrorCode::kNotFound ? "not-found" : "invalid"}};
}

std::string StringField(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

json Add(FaultRegistry& registry, const json& request, const std::string& origin) {
  FaultRequest r{StringField(request, "target"), StringField(request, "kind"), {}, origin};
  if (r.target.empty() || r.kind.empty()) return Failure(InvalidArgument("add needs target and kind"));
  auto args = request.find("args");
  if (args != request.end() && args->is_array()) {
    for (const json& a : *args) {
      if (a.is_string()) r.args.push_back(a.get<std::string>());
      else if (a.is_number()) r.args.push_back(a.dump());
      else return Failure(InvalidArgument("args are strings or numbers"));
    }
  } else if (args != request.end() && args->is_object()) {
    for (const auto& [key, value] : args->items()) {
      r.args.push_back(key + "=" + (value.is_string() ? value.get<std::string>() : value.dump()));
    }
  } else if (args != request.end() && !args->is_null()) {
    return Failure(InvalidArgument("args is a list or an object"));
  }
  Result<Fault> fault = registry.Add(r);
  if (!fault.ok()) return Failure(fault.status());
  return {{"ok", true}, {"fault", FaultToJson(*fault)}};
}

json Clear(FaultRegistry& registry, const json& request, const std::string& origin) {
  auto all = request.find("all");
  if (all != request.end() && all->is_boolean() && all->get<bool>()) {
    return {{"ok", true}, {"cleared", registry.ClearAll(origin)}};
  }
  auto id = request.find("id");
  if (id == request.end() || !id->is_number_unsigned()) {
    return Failure(InvalidArgument("clear needs an id or all"));
  }
  Status s = registry.Clear(id->get<uint64_t>(), origin);
  if (!s.ok()) return Failure(s);
  return {{"ok", true}, {"cleared", 1}};
}

json Kinds() {
  json kinds = json::array();
  for (const FaultKindInfo& k : FaultKinds()) {
    json args = json::array();
    for (const auto& [name, fallback] : k.args) args.push_back({{"name", name}, {"default", fallback}});
    const char* target = k.target == FaultTarget::kLink   ? "link"
                         : k.target == FaultTarget::kPath ? "device-or-path"
                                                          : "device";
    kinds.push_back({{"kind", k.name}, {"target", target}, {"args", args},
                     {"one_shot", k.one_shot}, {"help", k.help}});
  }
  return {{"ok", true}, {"kinds", kinds}};
}

}  // namespace

json FaultToJson(const Fault& f) {
  return {{"id", f.id},         {"target", f.target},          {"kind", InfoOf(f.kind).name},
          {"args", f.args},     {"started", IsoTime(f.started)}, {"origin", f.origin},
          {"one_shot", InfoOf(f.kind).one_shot}};
}

json HandleFaultRequest(FaultRegistry& registry, const json& request, const std::string& origin) {
  if (!request.is_object()) return Failure(InvalidArgument("a request is a JSON object"));
  const std::string op = StringField(request, "op");
  if (op == "add") return Add(registry, request, origin);
  if (op == "clear") return Clear(registry, request, origin);
  if (op == "kinds") return Kinds();
  if (op == "list") {
    json faults = json::array();
    for (const Fault& f : registry.active()) faults.push_back(FaultToJson(f));
    return {{"ok", true}, {"faults", faults}};
  }
  return Failure(InvalidArgument("unknown op '" + op + "' (add, list, clear, kinds)"));
}

std::string HandleFaultRequestText(FaultRegistry& registry, const std::string& request,
                                   const std::string& origin) {
  const json parsed = json::parse(request, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Failure(InvalidArgument("not JSON")).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return HandleFaultRequest(registry, parsed, origin)
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace iosup
