#include "lab/fault_registry.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <ctime>

namespace iosup {

namespace {

const std::vector<FaultKindInfo>& KindTable() {
  static const std::vector<FaultKindInfo> kinds = {
      {FaultKind::kLoss, "loss", FaultTarget::kPath, {{"percent", "30"}}, false,
       "lose datagrams on the device's path to a server (DEVICE or DEVICE->SERVER)"},
      {FaultKind::kDelay, "delay", FaultTarget::kPath, {{"ms", "200"}}, false,
       "hold back datagrams on the device's path to a server"},
      {FaultKind::kDuplicate, "duplicate", FaultTarget::kPath, {{"percent", "50"}}, false,
       "send datagrams twice on the device's path to a server"},
      {FaultKind::kCorruptCopy, "corrupt", FaultTarget::kDevice, {{"file", ""}}, true,
       "the next copy onto the device (of FILE, if given) flips bytes"},
      {FaultKind::kFlashFull, "flash-full", FaultTarget::kDevice, {}, false,
       "the device's file systems report no free space"},
      {FaultKind::kFlashWriteError, "flash-write-error", FaultTarget::kDevice, {}, false,
       "writes to the device's file systems fail"},
      {FaultKind::kSlowHash, "slow-hash", FaultTarget::kDevice, {{"rate", ""}}, false,
       "verify hashes at the platform's real rate (or RATE bytes/s)"},
      {FaultKind::kBootCrash, "boot-crash", FaultTarget::kDevice, {{"image", ""}}, true,
       "the next boot of an image (IMAGE, if given) crashes; the next boot statement follows"},
      {FaultKind::kPowerLost, "power-lost", FaultTarget::kDevice, {}, false,
       "the device does not come back from its next reload (until cleared)"},
      {FaultKind::kSlowReturn, "slow-return", FaultTarget::kDevice, {{"minutes", "10"}}, true,
       "the device comes back from its next reload only after MINUTES"},
      {FaultKind::kSshDrop, "ssh-drop", FaultTarget::kDevice, {}, true,
       "the SSH server drops the session running the device's next command"},
      {FaultKind::kLinkDownAfterBoot, "link-down-after-boot", FaultTarget::kLink, {}, false,
       "the interface (DEVICE:INTERFACE) has no link from the device's next boot until cleared"},
      {FaultKind::kOspfNeighborLost, "ospf-neighbor-lost", FaultTarget::kLink, {}, false,
       "the OSPF neighbour over the interface (DEVICE:INTERFACE) does not come back from the "
       "device's next boot until cleared: no hellos either way, the link stays up"},
      {FaultKind::kFileLost, "file-lost", FaultTarget::kDevice, {{"file", ""}}, true,
       "the device's next reload loses FILE from its flash (* matches any characters), as a "
       "file deleted or a flash card damaged while it was off", 1},
  };
  return kinds;
}

bool IsNumber(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

}  // namespace

std::span<const FaultKindInfo> FaultKinds() { return KindTable(); }

const FaultKindInfo* FindFaultKind(const std::string& name) {
  for (const FaultKindInfo& k : KindTable()) {
    if (name == k.name) return &k;
  }
  return nullptr;
}

const FaultKindInfo& InfoOf(FaultKind kind) {
  for (const FaultKindInfo& k : KindTable()) {
    if (k.kind == kind) return k;
  }
  return KindTable().front();
}

std::string IsoTime(WallTime t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Fault::device() const {
  const size_t arrow = target.find("->");
  if (arrow != std::string::npos) return target.substr(0, arrow);
  return target.substr(0, target.find(':'));
}

std::string Fault::server() const {
  const size_t arrow = target.find("->");
  return arrow == std::string::npos ? "" : target.substr(arrow + 2);
}

std::string Fault::Arg(const std::string& name) const {
  auto it = args.find(name);
  return it == args.end() ? "" : it->second;
}

double Fault::NumberArg(const std::string& name) const {
  const std::string v = Arg(name);
  return IsNumber(v) ? std::strtod(v.c_str(), nullptr) : 0;
}

std::string Fault::Describe() const {
  std::string out = "#" + std::to_string(id) + " " + target + " " + InfoOf(kind).name;
  for (const auto& [k, v] : args) out += " " + k + "=" + v;
  return out + " (since " + IsoTime(started) + ", " + origin + ")";
}

FaultRegistry::FaultRegistry(const Clock& clock, std::function<bool(const std::string&)> known,
                             EventSink events)
    : clock_(clock), known_device_(std::move(known)), events_(std::move(events)) {}

Status FaultRegistry::Parse(const FaultRequest& request, const FaultKindInfo& info,
                            Fault& out) const {
  out.target = request.target;
  out.kind = info.kind;
  out.origin = request.origin;
  const bool link = request.target.find(':') != std::string::npos;
  const bool path = request.target.find("->") != std::string::npos;
  if (info.target == FaultTarget::kLink && !link) {
    return InvalidArgument(std::string(info.name) + " needs a link: DEVICE:INTERFACE");
  }
  if (info.target == FaultTarget::kDevice && (link || path)) {
    return InvalidArgument(std::string(info.name) + " needs a device name");
  }
  if (info.target == FaultTarget::kPath && link) {
    return InvalidArgument(std::string(info.name) + " needs DEVICE or DEVICE->SERVER");
  }
  if (out.device().empty() || !known_device_(out.device())) {
    return NotFound("no device " + out.device() + " in this lab");
  }
  if (path && out.server().empty()) return InvalidArgument("no server after -> in " + request.target);
  size_t position = 0;
  for (const std::string& a : request.args) {
    const size_t eq = a.find('=');
    std::string key, value = a;
    if (eq != std::string::npos) {
      key = a.substr(0, eq);
      value = a.substr(eq + 1);
    } else if (position < info.args.size()) {
      key = info.args[position++].first;
    } else {
      return InvalidArgument(std::string(info.name) + " takes no argument " + a);
    }
    auto known = std::find_if(info.args.begin(), info.args.end(),
                              [&](const auto& arg) { return arg.first == key; });
    if (known == info.args.end()) return InvalidArgument(std::string(info.name) + " has no argument " + key);
    if (value.empty()) return InvalidArgument(key + " needs a value");
    out.args[key] = value;
  }
  for (size_t i = 0; i < info.required && i < info.args.size(); ++i) {
    if (!out.args.count(info.args[i].first)) {
      return InvalidArgument(std::string(info.name) + " needs " + info.args[i].first);
    }
  }
  for (const auto& [key, fallback] : info.args) {
    if (!out.args.count(key) && !fallback.empty()) out.args[key] = fallback;
  }
  for (const char* numeric : {"percent", "ms", "minutes", "rate"}) {
    if (out.args.count(numeric) && (!IsNumber(out.args[numeric]) || out.NumberArg(numeric) < 0)) {
      return InvalidArgument(std::string(numeric) + " must be a number, not " + out.args[numeric]);
    }
  }
  if (out.NumberArg("percent") > 100) return InvalidArgument("percent must be at most 100");
  return Status::Ok();
}

Result<Fault> FaultRegistry::Add(const FaultRequest& request) {
  const FaultKindInfo* info = FindFaultKind(request.kind);
  if (info == nullptr) return InvalidArgument("no fault kind " + request.kind);
  Fault fault;
  IOSUP_RETURN_IF_ERROR(Parse(request, *info, fault));
  fault.id = next_id_++;
  fault.started = clock_.Now();
  active_.push_back(fault);
  if (events_) events_(fault.started, "fault " + fault.Describe() + " injected");
  if (observer_) observer_(fault, true);
  return fault;
}

void FaultRegistry::Remove(std::vector<Fault>::iterator it, const std::string& how) {
  const Fault fault = *it;
  active_.erase(it);
  if (events_) events_(clock_.Now(), "fault " + fault.Describe() + " " + how);
  if (observer_) observer_(fault, false);
}

Status FaultRegistry::Clear(uint64_t id, const std::string& by) {
  auto it = std::find_if(active_.begin(), active_.end(), [&](const Fault& f) { return f.id == id; });
  if (it == active_.end()) return NotFound("no active fault #" + std::to_string(id));
  Remove(it, "cleared by " + by);
  return Status::Ok();
}

size_t FaultRegistry::ClearAll(const std::string& by) {
  const size_t n = active_.size();
  while (!active_.empty()) Remove(active_.begin(), "cleared by " + by);
  return n;
}

void FaultRegistry::Consume(uint64_t id, const std::string& what) {
  auto it = std::find_if(active_.begin(), active_.end(), [&](const Fault& f) { return f.id == id; });
  if (it != active_.end()) Remove(it, "consumed: " + what);
}

const Fault* FaultRegistry::Find(const std::string& device, FaultKind kind) const {
  for (const Fault& f : active_) {
    if (f.kind == kind && f.device() == device) return &f;
  }
  return nullptr;
}

}  // namespace iosup
