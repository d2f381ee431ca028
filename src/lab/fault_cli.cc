#include "lab/fault_cli.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "lab/control_socket.h"

namespace iosup {

namespace {

using nlohmann::json;

std::string Args(const json& args) {
  std::string out;
  if (!args.is_object()) return out;
  for (const auto& [k, v] : args.items()) {
    out += (out.empty() ? "" : " ") + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
  }
  return out.empty() ? "-" : out;
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::string FaultWordsToRequest(const std::vector<std::string>& words, std::string* error) {
  const std::string first = words.empty() ? "" : words[0];
  if (first == "list" && words.size() == 1) return json{{"op", "list"}}.dump();
  if (first == "kinds" && words.size() == 1) return json{{"op", "kinds"}}.dump();
  if (first == "clear" && words.size() <= 2) {
    const std::string which = words.size() == 2 ? words[1] : "all";
    if (which == "all") return json{{"op", "clear"}, {"all", true}}.dump();
    if (!which.empty() && which.size() < 19 && which.find_first_not_of("0123456789") == std::string::npos) {
      return json{{"op", "clear"}, {"id", std::stoull(which)}}.dump();
    }
    *error = "clear takes a fault id or all, not " + which;
    return "";
  }
  if (words.size() < 2 || first == "list" || first == "clear" || first == "kinds") {
    *error = "usage: iosup fault list | clear [ID|all] | kinds | TARGET KIND [ARGS...]";
    return "";
  }
  json args = json::array();
  for (size_t i = 2; i < words.size(); ++i) args.push_back(words[i]);
  return json{{"op", "add"}, {"target", words[0]}, {"kind", words[1]}, {"args", args}}.dump();
}

int PrintFaultAnswer(const std::string& answer, std::string& out) {
  const json a = json::parse(answer, nullptr, false);
  if (a.is_discarded() || !a.is_object()) {
    out += "iosup fault: the lab answered something else than JSON\n";
    return 1;
  }
  if (!a.value("ok", false)) {
    out += "iosup fault: " + Str(a, "error") + "\n";
    return 1;
  }
  char line[512];
  if (a.contains("fault")) {
    const json& f = a["fault"];
    std::snprintf(line, sizeof line, "fault #%llu: %s %s %s (since %s)\n",
                  static_cast<unsigned long long>(f.value("id", 0ull)), Str(f, "target").c_str(),
                  Str(f, "kind").c_str(), Args(f["args"]).c_str(), Str(f, "started").c_str());
    out += line;
  } else if (a.contains("faults")) {
    if (a["faults"].empty()) out += "no active faults\n";
    else out += "ID    TARGET                    KIND                  ARGS                 SINCE                 ORIGIN\n";
    for (const json& f : a["faults"]) {
      std::snprintf(line, sizeof line, "%-5llu %-25s %-21s %-20s %-21s %s\n",
                    static_cast<unsigned long long>(f.value("id", 0ull)), Str(f, "target").c_str(),
                    Str(f, "kind").c_str(), Args(f["args"]).c_str(), Str(f, "started").c_str(),
                    Str(f, "origin").c_str());
      out += line;
    }
  } else if (a.contains("cleared")) {
    out += "cleared " + a["cleared"].dump() + " fault(s)\n";
  } else if (a.contains("kinds")) {
    for (const json& k : a["kinds"]) {
      std::string args;
      for (const json& arg : k["args"]) args += " [" + Str(arg, "name") + "]";
      std::snprintf(line, sizeof line, "%-21s %-15s%s\n    %s\n", Str(k, "kind").c_str(),
                    Str(k, "target").c_str(), args.c_str(), Str(k, "help").c_str());
      out += line;
    }
  }
  return 0;
}

int RunFaultCommand(const std::string& lab_dir, const std::vector<std::string>& words) {
  std::string error;
  const std::string request = FaultWordsToRequest(words, &error);
  if (request.empty()) {
    std::cerr << "iosup fault: " << error << "\n";
    return 2;
  }
  Result<std::string> answer = ControlRequest(ControlSocketPath(lab_dir), request);
  if (!answer.ok()) {
    std::cerr << "iosup fault: no lab answers in " << lab_dir << " ("
              << answer.status().message() << ")\n";
    return 3;
  }
  std::string out;
  const int status = PrintFaultAnswer(*answer, out);
  (status == 0 ? std::cout : std::cerr) << out;
  return status;
}

}  // namespace iosup
