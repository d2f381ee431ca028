#include "lab/lab_scp_server.h"

#include "cli/session.h"
#include "frontend/ssh_server.h"
#include "transfer/dir_file_source.h"

namespace iosup {

namespace {

// The user's home is the root: a client's "~/x" (curl's scp) is "x".
std::string_view Home(std::string_view path) {
  return path.starts_with("~/") ? path.substr(2) : path == "~" ? std::string_view() : path;
}

Status Refused() { return Status(ErrorCode::kPermissionDenied, "not on the lab's server"); }

// A FileReader over a reader DirFileSource may share between clients.
class SharedReader : public FileReader {
 public:
  explicit SharedReader(std::shared_ptr<FileReader> r) : r_(std::move(r)) {}
  uint64_t size() const override { return r_->size(); }
  Result<size_t> ReadAt(uint64_t offset, std::span<uint8_t> out) override {
    return r_->ReadAt(offset, out);
  }

 private:
  std::shared_ptr<FileReader> r_;
};

// The server's directory as the one file system SCP sees: files read and created through
// DirFileSource (confined to the root; a new file appears only when complete), nothing else.
class DirFlashStore : public FlashStore {
 public:
  explicit DirFlashStore(std::unique_ptr<tftp::DirFileSource> dir) : dir_(std::move(dir)) {}

  // Free space is the host disk's; DirFileSource reports a full disk as it writes.
  SpaceInfo Space() const override { return {UINT64_MAX / 2, 0}; }
  uint64_t block_size() const override { return 1; }
  Result<FileInfo> Stat(std::string_view path) const override {
    path = Home(path);
    if (path.empty()) return FileInfo{.path = "", .is_directory = true};
    Result<std::shared_ptr<FileReader>> r = dir_->OpenRead(path);
    if (!r.ok()) return r.status();
    return FileInfo{.path = std::string(path), .size = (*r)->size()};
  }
  Result<std::vector<FileInfo>> List(std::string_view) const override { return Refused(); }
  Result<std::unique_ptr<FileReader>> OpenRead(std::string_view path) const override {
    path = Home(path);
    Result<std::shared_ptr<FileReader>> r = dir_->OpenRead(path);
    if (!r.ok()) return r.status();
    return std::unique_ptr<FileReader>(std::make_unique<SharedReader>(std::move(*r)));
  }
  Result<std::unique_ptr<FileWriter>> Create(std::string_view path,
                                             std::optional<uint64_t> size) override {
    return dir_->OpenWrite(Home(path), size);
  }
  Status Delete(std::string_view) override { return Refused(); }
  Status Rename(std::string_view, std::string_view) override { return Refused(); }
  Status MakeDir(std::string_view) override { return Refused(); }
  Status RemoveDir(std::string_view) override { return Refused(); }
  Status Format() override { return Refused(); }
  std::optional<std::string> ContentNote(std::string_view, std::string_view) const override {
    return std::nullopt;
  }
  void SetContentNote(std::string_view, std::string_view, std::string_view) override {}

 private:
  // OpenRead shares open files between readers, which changes the source, not the directory.
  std::unique_ptr<tftp::DirFileSource> dir_;
};

const FileSystemSpec kServerRoot{.name = "root", .type = FsType::kDisk};

// What the SSH front-end sees of the server: always up, ssh only, the lab's credentials, SCP on
// the one file system, no vty (so no shell and no command runs).
class FileServerLine : public LineService {
 public:
  FileServerLine(std::unique_ptr<DirFlashStore> store, LabCredentials credentials)
      : store_(std::move(store)), credentials_(std::move(credentials)) {
    table_.Add(&kServerRoot, store_.get());
  }

  void AddListener(DeviceListener*) override {}
  void RemoveListener(DeviceListener*) override {}
  DeviceState state() const override { return DeviceState::kRunning; }
  std::string hostname() const override { return "server"; }
  bool Accepts(Transport transport) const override { return transport == Transport::kSsh; }
  VtyPolicy vty_policy() const override {
    return {.login = VtyPolicy::Login::kLocal, .telnet = false, .exec_timeout_seconds = 0};
  }
  Result<int> PasswordLogin(std::string_view user, std::string_view password) const override {
    if (user == credentials_.username && password == credentials_.password) return 15;
    return Status(ErrorCode::kPermissionDenied, "login invalid");
  }
  Result<int> PublicKeyLogin(std::string_view, std::string_view) const override {
    return Status(ErrorCode::kPermissionDenied, "no keys on the lab's server");
  }
  WallTime Now() const override { return std::chrono::system_clock::now(); }
  SshPolicy ssh_policy() const override { return {.timeout_seconds = 30}; }
  bool LoginQuiet(const std::string&) const override { return false; }
  void RecordLoginFailure(const LoginGuard::Failure&) override {}
  std::unique_ptr<VtyLease> ReserveVty() override { return nullptr; }
  std::unique_ptr<cli::Session> OpenExec(cli::Terminal&, SessionLine, int) override {
    return nullptr;
  }
  bool scp_server_enabled() const override { return true; }
  FileSystemTable& file_systems() override { return table_; }
  std::unique_ptr<cli::Session> OpenMonitor(cli::Terminal&) override { return nullptr; }
  void Break() override {}
  bool setup_dialog_pending() const override { return false; }
  void AnswerSetupDialog(bool) override {}

 private:
  std::unique_ptr<DirFlashStore> store_;
  LabCredentials credentials_;
  FileSystemTable table_;
};

}  // namespace

struct LabScpServer::Parts {
  std::unique_ptr<FileServerLine> line;
  std::unique_ptr<SshServer> ssh;  // declared last: goes before the line it serves
};

LabScpServer::LabScpServer(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
LabScpServer::~LabScpServer() = default;
uint16_t LabScpServer::port() const { return parts_->ssh->port(); }

Result<std::unique_ptr<LabScpServer>> LabScpServer::Start(ServerLoop& loop, const std::string& root,
                                                          const std::string& host_key_file,
                                                          LabCredentials credentials,
                                                          const std::string& lab_address,
                                                          AddressMap& map) {
  Result<std::unique_ptr<tftp::DirFileSource>> dir =
      tftp::DirFileSource::Open(root, {.allow_create = true});
  if (!dir.ok()) return dir.status();
  auto parts = std::make_unique<Parts>();
  parts->line = std::make_unique<FileServerLine>(std::make_unique<DirFlashStore>(std::move(*dir)),
                                                 std::move(credentials));
  SshServer::Options options;
  options.host_key_file = host_key_file;
  Result<std::unique_ptr<SshServer>> ssh = SshServer::Start(loop.io(), *parts->line, options);
  if (!ssh.ok()) return ssh.status();
  parts->ssh = std::move(*ssh);
  IOSUP_RETURN_IF_ERROR(map.Add(lab_address, "scp", {"127.0.0.1", parts->ssh->port()}));
  return std::unique_ptr<LabScpServer>(new LabScpServer(std::move(parts)));
}

}  // namespace iosup
