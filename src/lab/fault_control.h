// The fault operations of a running lab as JSON requests and answers, shared by the control
// socket (`iosup fault`) and the HTTP API:
//   {"op": "add", "target": "R1", "kind": "loss", "args": ["30"]}  -> {"ok": true, "fault": {...}}
//   {"op": "list"}                                                  -> {"ok": true, "faults": [...]}
//   {"op": "clear", "id": 3}  or  {"op": "clear", "all": true}      -> {"ok": true, "cleared": N}
//   {"op": "kinds"}                                                 -> {"ok": true, "kinds": [...]}
// A request that fails answers {"ok": false, "error": "...", "code": "not-found"|"invalid"}.
#ifndef IOSUP_LAB_FAULT_CONTROL_H_
#define IOSUP_LAB_FAULT_CONTROL_H_

#include <nlohmann/json.hpp>
#include <string>

#include "lab/fault_registry.h"

namespace iosup {

nlohmann::json FaultToJson(const Fault& fault);
// Runs one request against `registry`; `origin` says who asked ("cli", "http").
nlohmann::json HandleFaultRequest(FaultRegistry& registry, const nlohmann::json& request,
                                  const std::string& origin);
// The same for request text; malformed JSON is an "invalid" answer.
std::string HandleFaultRequestText(FaultRegistry& registry, const std::string& request,
                                   const std::string& origin);

}  // namespace iosup

#endif  // IOSUP_LAB_FAULT_CONTROL_H_
