#include "tests/transcript_runner.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "device/commands/device_line_service.h"
#include "device/commands/ios_command_set.h"
#include "frontend/console_line.h"
#include "lab/network_model.h"
#include "platform/blob_store.h"
#include "platform/disk_flash_store.h"
#include "platform/disk_store_provider.h"
#include "testing/fake_transfer_port.h"
#include "testing/manual_clock.h"
#include "testing/temp_dir.h"

namespace iosup {

namespace {

class CaptureTerminal : public cli::Terminal {
 public:
  void Write(std::string_view b) override {
    for (char c : b) {
      if (c != '\r') out_ += c;
    }
  }
  std::string Take() { return std::exchange(out_, {}); }

 private:
  std::string out_;
};

class SetReachable : public NetworkPort {
 public:
  std::set<std::string> addresses;
  bool Reachable(const std::string& a) override { return addresses.count(a) > 0; }
};

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// A device cabled to the transcript's own (@peer): it runs beside it, unseen.
struct PeerDevice {
  std::string name, hostname, image;
  uint64_t image_size = 0;
  Duration boot_time = Duration::zero();
  std::unique_ptr<DiskStoreProvider> stores;
  std::unique_ptr<Device> device;
  std::vector<std::string> startup;
};

struct Lab {
  TempDir dir;
  ManualClock clock;
  // With peers, the devices are a network: the links and the model that carries them (declared
  // before the devices, which it outlives).
  Topology topology;
  AddressMap addresses;
  std::unique_ptr<NetworkModel> model;
  std::unique_ptr<BlobStore> blobs;
  std::unique_ptr<DiskStoreProvider> stores;
  std::unique_ptr<Device> device;
  std::unique_ptr<DeviceLineService> lines;  // the console's port to `device`
  SetReachable network;
  FakeTransferPort tftp;
  std::vector<std::string> startup;
  bool show_boot = false;
  std::string error;
  std::vector<PeerDevice> peers;

  // The devices leave the network first: none tells the model about another that is gone.
  ~Lab() {
    for (PeerDevice& p : peers) {
      if (p.device) p.device->set_link_state(nullptr);
    }
    if (device) device->set_link_state(nullptr);
  }
};

PeerDevice* FindPeer(Lab& lab, const std::string& name) {
  for (PeerDevice& p : lab.peers) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

// "R2:GigabitEthernet0/0/1" -> {R2, GigabitEthernet0/0/1}
LinkEndpoint Endpoint(const std::string& text, const std::string& own) {
  const size_t colon = text.find(':');
  if (colon == std::string::npos) return {own, text};
  return {text.substr(0, colon), text.substr(colon + 1)};
}

// A startup-config line of the transcript's form: "boot system X", " interface X|child", or a
// global line.
void AddStartupLine(Config& startup, const std::string& l) {
  if (l.starts_with("boot system ")) {
    startup.AddBootStatement(*ParseBootStatement(l.substr(12)));
  } else if (l.starts_with(" ")) {
    const size_t bar = l.find('|');
    startup.SetSectionLine(l.substr(1, bar - 1), l.substr(bar + 1));
  } else {
    startup.SetLine(l);
  }
}

Status WriteText(FlashStore& store, const std::string& path, const std::string& text) {
  auto w = store.Create(path, text.size());
  if (!w.ok()) return w.status();
  IOSUP_RETURN_IF_ERROR((*w)->Append({reinterpret_cast<const uint8_t*>(text.data()), text.size()}));
  return (*w)->Commit();
}

// Generated once per blob cache, linked after (images and the packages install mode expands).
Status InstallRecipe(Lab& lab, FlashStore& store, const std::string& path,
                     const ImageRecipe& recipe) {
  auto* disk = dynamic_cast<DiskFlashStore*>(&store);
  if (auto blob = lab.blobs->Named(recipe.Key())) return disk->LinkBlob(path, *blob);
  IOSUP_RETURN_IF_ERROR(Device::WriteGeneratedImage(store, path, recipe));
  return lab.blobs->SetNamed(recipe.Key(), *disk->BlobIdOf(path));
}

Status InstallImage(Lab& lab, const ResolvedPath& where, uint64_t size) {
  auto recipe = ImageRecipe::FromName(std::string(SplitParent(where.path).second), size);
  if (!recipe.ok()) return recipe.status();
  return InstallRecipe(lab, *where.store, where.path, *recipe);
}

// Rewrites a file with one bit flipped in its middle.
Status Corrupt(const ResolvedPath& where) {
  auto r = where.store->OpenRead(where.path);
  if (!r.ok()) return r.status();
  std::string bytes((*r)->size(), '\0');
  auto n = (*r)->ReadAt(0, {reinterpret_cast<uint8_t*>(bytes.data()), bytes.size()});
  if (!n.ok()) return n.status();
  bytes[bytes.size() / 2] ^= 0x04;
  IOSUP_RETURN_IF_ERROR(where.store->Delete(where.path));
  return WriteText(*where.store, where.path, bytes);
}

Status ApplySetup(Lab& lab, const std::string& line) {
  std::vector<std::string> w = Split(line);
  const std::string& op = w[0];
  auto arg = [&](size_t i) { return i < w.size() ? w[i] : std::string(); };
  auto resolve = [&](const std::string& url) { return lab.device->file_systems().Resolve(url); };
  if (op == "@startup") return (lab.startup.push_back(line.substr(9)), Status::Ok());
  if (op == "@peer" || op == "@link") return Status::Ok();  // read by BuildLab
  if (op == "@peer-startup") {  // @peer-startup NAME LINE
    PeerDevice* p = FindPeer(lab, arg(1));
    if (p == nullptr) return InvalidArgument("no @peer " + arg(1));
    return (p->startup.push_back(line.substr(line.find(arg(1)) + arg(1).size() + 1)), Status::Ok());
  }
  if (op == "@reachable") return (lab.network.addresses.insert(arg(1)), Status::Ok());
  if (op == "@tftp-server") {
    lab.tftp.servers.insert(arg(1));
    lab.network.addresses.insert(arg(1));
    return Status::Ok();
  }
  if (op == "@tftp-image") {  // @tftp-image HOST FILE SIZE: a generated image on that server
    auto recipe = ImageRecipe::FromName(arg(2), std::stoull(arg(3)));
    if (!recipe.ok()) return recipe.status();
    std::string bytes;
    IOSUP_RETURN_IF_ERROR(GenerateImage(*recipe, [&](std::span<const uint8_t> c) {
      bytes.append(reinterpret_cast<const char*>(c.data()), c.size());
      return Status::Ok();
    }));
    lab.tftp.files[arg(1)][arg(2)] = std::move(bytes);
    return Status::Ok();
  }
  if (op == "@tftp-no-tsize") return (lab.tftp.send_tsize = false, Status::Ok());
  if (op == "@show-boot") return (lab.show_boot = true, Status::Ok());
  if (op == "@confreg") return lab.device->SetConfigRegister(std::stoul(arg(1), nullptr, 16));
  auto where = resolve(arg(1));
  if (!where.ok()) return where.status();
  if (op == "@image") return InstallImage(lab, *where, std::stoull(arg(2)));
  // @install-mode FILE: the bundle FILE (already there) expanded and committed, as shipped.
  if (op == "@install-mode") return lab.device->ExpandShippedImage(where->path);
  if (op == "@dir") return where->store->MakeDir(where->path);
  if (op == "@corrupt") return Corrupt(*where);
  if (op == "@file") return WriteText(*where->store, where->path, line.substr(line.find(arg(2))));
  if (op == "@fill" || op == "@partial") {
    auto w = where->store->Create(where->path, std::nullopt);
    if (!w.ok()) return w.status();
    std::string chunk(1 << 20, 'f');
    for (uint64_t left = std::stoull(arg(2)); left > 0;) {
      size_t n = std::min<uint64_t>(left, chunk.size());
      IOSUP_RETURN_IF_ERROR((*w)->Append({reinterpret_cast<const uint8_t*>(chunk.data()), n}));
      left -= n;
    }
    return op == "@fill" ? (*w)->Commit() : Status::Ok();  // a partial one is abandoned
  }
  return InvalidArgument("unknown directive " + op);
}

Status BuildLab(Lab& lab, const std::vector<std::string>& setup, const std::string& cache) {
  std::string platform = "ISR4321", name = "R1", hostname;
  Duration boot_time = Duration::zero();
  int stack = 1;
  std::vector<StackMemberSpec> members;
  for (const std::string& l : setup) {
    auto w = Split(l);
    if (w.size() > 1 && w[0] == "@boot-time") {
      boot_time = std::chrono::duration_cast<Duration>(std::chrono::seconds(std::stol(w[1])));
    }
    if (w.size() > 1 && w[0] == "@platform") platform = w[1];
    if (w.size() > 1 && w[0] == "@name") name = w[1];
    if (w.size() > 1 && w[0] == "@hostname") hostname = w[1];
    if (w.size() > 1 && w[0] == "@stack") stack = std::stoi(w[1]);
    if (w.size() > 3 && w[0] == "@member") {  // @member N version V | join-delay SECONDS | flash-bytes N
      StackMemberSpec m{.number = std::stoi(w[1])};
      for (const StackMemberSpec& known : members) {
        if (known.number == m.number) m = known;
      }
      std::erase_if(members, [&](const StackMemberSpec& k) { return k.number == m.number; });
      if (w[2] == "version") m.version = w[3];
      if (w[2] == "join-delay") m.join_delay = std::chrono::seconds(std::stoi(w[3]));
      if (w[2] == "flash-bytes") m.flash_bytes = std::stoull(w[3]);
      members.push_back(m);
    }
    // @peer NAME PLATFORM HOSTNAME IMAGE SIZE [BOOT-SECONDS]
    if (w.size() >= 6 && w[0] == "@peer") {
      PeerDevice p{.name = w[1], .hostname = w[3], .image = w[4], .image_size = std::stoull(w[5])};
      if (w.size() > 6) {
        p.boot_time = std::chrono::duration_cast<Duration>(std::chrono::seconds(std::stol(w[6])));
      }
      lab.topology.devices.push_back({.name = w[1], .platform = w[2]});
      lab.peers.push_back(std::move(p));
    }
    if (w.size() == 3 && w[0] == "@link") {  // @link IF PEER:IF (or A:IF B:IF)
      lab.topology.links.push_back({Endpoint(w[1], name), Endpoint(w[2], name)});
    }
  }
  auto blobs = BlobStore::Open(cache);
  if (!blobs.ok()) return blobs.status();
  lab.blobs = std::move(*blobs);
  lab.stores = std::make_unique<DiskStoreProvider>(*lab.blobs, lab.dir.path() + "/" + name, lab.clock);
  auto spec = FindPlatform(platform);
  if (!spec.ok()) return spec.status();
  auto device = Device::Create(**spec, {.name = name, .boot_time = boot_time, .stack_members = stack, .stack_specs = members}, lab.clock,
                               *lab.stores);
  if (!device.ok()) return device.status();
  lab.device = std::move(*device);
  lab.device->set_image_installer(
      [&lab](FlashStore& store, const std::string& path, const ImageRecipe& recipe) {
        return InstallRecipe(lab, store, path, recipe);
      });
  lab.device->set_network(&lab.network);
  lab.device->set_transfer(&lab.tftp);
  if (!lab.peers.empty()) {
    lab.topology.devices.push_back({.name = name, .platform = platform});
    lab.model = std::make_unique<NetworkModel>(lab.topology, lab.addresses);
    lab.device->set_network(lab.model.get());
    lab.device->set_link_state(lab.model.get());
    lab.model->AddDevice(lab.device.get(), "");
  }
  for (size_t i = 0; i < lab.peers.size(); ++i) {
    PeerDevice& p = lab.peers[i];
    auto peer_spec = FindPlatform(lab.topology.devices[i].platform);
    if (!peer_spec.ok()) return peer_spec.status();
    p.stores = std::make_unique<DiskStoreProvider>(*lab.blobs, lab.dir.path() + "/" + p.name, lab.clock);
    auto made = Device::Create(**peer_spec, {.name = p.name}, lab.clock, *p.stores);
    if (!made.ok()) return made.status();
    p.device = std::move(*made);
    p.device->set_network(lab.model.get());
    p.device->set_link_state(lab.model.get());
    lab.model->AddDevice(p.device.get(), "");
  }
  for (const std::string& l : setup) {
    if (l.empty() || l[0] == '#' || Split(l)[0] == "@platform" || Split(l)[0] == "@name" ||
        Split(l)[0] == "@hostname" || Split(l)[0] == "@boot-time" || Split(l)[0] == "@stack" ||
        Split(l)[0] == "@member") {
      continue;
    }
    Status s = ApplySetup(lab, l);
    if (!s.ok()) return Status(s.code(), l + ": " + s.ToString());
  }
  for (PeerDevice& p : lab.peers) {
    Device& d = *p.device;
    Result<ResolvedPath> where = d.file_systems().Resolve(p.image);
    if (!where.ok()) return where.status();
    IOSUP_RETURN_IF_ERROR(InstallImage(lab, *where, p.image_size));
    Config config = Config::Factory(p.hostname, InterfaceNames(d.platform()), d.platform().is_switch());
    AddStartupLine(config, "boot system " + p.image);
    for (const std::string& l : p.startup) AddStartupLine(config, l);
    d.running_config() = config;
    IOSUP_RETURN_IF_ERROR(d.SaveRunningConfig());
  }
  Config startup = Config::Factory(hostname.empty() ? name : hostname, InterfaceNames(**spec),
                                   (*spec)->is_switch());
  for (const std::string& l : lab.startup) AddStartupLine(startup, l);
  lab.device->running_config() = startup;
  return lab.device->SaveRunningConfig();
}

void RunDirective(Lab& lab, ConsoleLine& console, const std::string& text) {
  std::vector<std::string> w = Split(text);
  if (w.size() == 1 && w[0] == "break") {  // BREAK on the console line (Ctrl-\ byte)
    console.Input(std::string(1, ConsoleLine::kBreakByte));
    return;
  }
  if (w.size() == 3 && w[0] == "cable") {  // the far end of an interface's cable goes or comes
    lab.device->SetLinkUp(w[1], w[2] == "up");
    return;
  }
  if (w.size() == 2 && w[0] == "reload") {  // a peer reloads (its boot takes its boot time)
    if (PeerDevice* p = FindPeer(lab, w[1])) p->device->Reload("Reload Command", "console");
    return;
  }
  if (w.size() == 2 && w[0] == "advance") {
    const char unit = w[1].back();
    const long n = std::stol(w[1]);
    lab.clock.Advance(unit == 'h'   ? std::chrono::duration_cast<Duration>(std::chrono::hours(n))
                      : unit == 'm' ? std::chrono::duration_cast<Duration>(std::chrono::minutes(n))
                                    : std::chrono::duration_cast<Duration>(std::chrono::seconds(n)));
  }
  for (PeerDevice& p : lab.peers) p.device->Tick();
  lab.device->Tick();
}

// The input for one transcript line given what the session waits for.
std::string InputFor(const std::string& typed, cli::Session* session, bool hidden) {
  const bool keystroke = session != nullptr && session->WantsKeystroke();
  if (hidden) return keystroke ? typed : typed + "\r";
  if (keystroke) return typed.empty() ? "\r" : typed.substr(0, 1);
  if (!typed.empty() && typed.back() == '?') return typed;
  return typed + "\r";
}

std::string Context(const std::string& expected, size_t pos, const std::string& got) {
  size_t start = expected.rfind('\n', pos > 200 ? pos - 200 : 0);
  start = start == std::string::npos ? 0 : start;
  return "expected (from byte " + std::to_string(pos) + "):\n" + expected.substr(pos, 300) +
         "\n----- got:\n" + got.substr(0, 300) + "\n----- after:\n" +
         expected.substr(start, pos - start);
}

struct Parsed {
  std::vector<std::string> setup;
  std::string body;
};

Result<Parsed> ReadTranscript(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot read " + path);
  Parsed p;
  std::string line;
  bool body = false;
  while (std::getline(in, line)) {
    if (!body && line == "---") {
      body = true;
    } else if (body) {
      p.body += line + "\n";
    } else {
      p.setup.push_back(line);
    }
  }
  if (!p.body.empty()) p.body.pop_back();  // the file's last newline is not output
  return p;
}

// Builds the lab and starts the console; the session is at its first prompt.
Status Start(Lab& lab, const std::vector<std::string>& setup, const std::string& cache,
             CaptureTerminal& term, std::unique_ptr<ConsoleLine>& console) {
  IOSUP_RETURN_IF_ERROR(BuildLab(lab, setup, cache));
  // Peers are up before the transcript's device, at once; their reloads take their boot time.
  for (PeerDevice& p : lab.peers) {
    p.device->PowerOn();
    p.device->set_boot_time(p.boot_time);
  }
  lab.lines = std::make_unique<DeviceLineService>(*lab.device);
  if (lab.show_boot) console = std::make_unique<ConsoleLine>(*lab.lines, term);
  lab.device->PowerOn();
  if (!console) console = std::make_unique<ConsoleLine>(*lab.lines, term);
  console->Activate();
  return Status::Ok();
}

}  // namespace

Result<std::string> RecordTranscript(const std::string& path, const std::string& cache) {
  Result<Parsed> p = ReadTranscript(path);
  if (!p.ok()) return p.status();
  Lab lab;
  CaptureTerminal term;
  std::unique_ptr<ConsoleLine> console;
  Status s = Start(lab, p->setup, cache, term, console);
  if (!s.ok()) return s;
  std::string out;
  for (const std::string& l : p->setup) out += l + "\n";
  out += "---\n" + term.Take();
  std::istringstream in(p->body + "\n");  // ReadTranscript dropped the last line break
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("@@ ")) {
      out += "\n" + line + "\n";
      RunDirective(lab, *console, line.substr(3));
    } else if (line.starts_with("{{") && line.ends_with("}}")) {
      out += line;
      console->Input(InputFor(line.substr(2, line.size() - 4), console->active_session(), true));
    } else {
      console->Input(InputFor(line, console->active_session(), false));
    }
    out += term.Take();
  }
  return out + "\n";
}

TranscriptResult RunTranscript(const std::string& path, const std::string& cache) {
  Result<Parsed> p = ReadTranscript(path);
  if (!p.ok()) return {false, p.status().ToString()};
  std::string expected = p->body;
  Lab lab;
  CaptureTerminal term;
  std::unique_ptr<ConsoleLine> console;
  Status s = Start(lab, p->setup, cache, term, console);
  if (!s.ok()) return {false, "set-up: " + s.ToString()};

  size_t pos = 0;
  for (int steps = 0; steps < 100000; ++steps) {
    std::string got = term.Take();
    if (expected.compare(pos, got.size(), got) != 0) return {false, Context(expected, pos, got)};
    pos += got.size();
    if (pos >= expected.size()) return {true, ""};
    size_t eol = expected.find('\n', pos);
    if (eol == std::string::npos) eol = expected.size();
    std::string typed = expected.substr(pos, eol - pos);
    // A directive on the next line, after a prompt the device left waiting. The line and the
    // line breaks around it are not output.
    if (typed.empty() && expected.compare(eol + 1, 3, "@@ ") == 0) {
      size_t end = expected.find('\n', eol + 1);
      RunDirective(lab, *console, expected.substr(eol + 4, end - eol - 4));
      expected.erase(eol, end == std::string::npos ? std::string::npos : end - eol + 1);
      continue;
    }
    const bool hidden = typed.starts_with("{{") && typed.find("}}") != std::string::npos;
    if (hidden) {
      size_t close = typed.find("}}");
      typed = typed.substr(2, close - 2);
      expected.erase(pos, close + 2);
    }
    console->Input(InputFor(typed, console->active_session(), hidden));
  }
  return {false, "transcript did not finish"};
}

}  // namespace iosup
