// copy tftp: on an emulated device against the real TFTP server of the transfer layer, on
// loopback, through the lab's address map: the device sees 192.168.1.100.
#include "lab/lab_transfer_port.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/digest.h"
#include "device/commands/device_line_service.h"
#include "frontend/console_line.h"
#include "testing/capture_terminal.h"
#include "testing/device_fixture.h"
#include "testing/loopback_peer.h"
#include "testing/manual_clock.h"
#include "testing/mem_store_provider.h"
#include "testing/temp_dir.h"
#include "testing/test_bytes.h"
#include "transfer/dir_file_source.h"
#include "transfer/tftp_server.h"

namespace iosup {
namespace {

using Capture = RawCaptureTerminal;

class LabTransferPortTest : public ::testing::Test {
 protected:
  void SetUp() override {
    image_ = WritePatternFile(root_.path() + "/c2960-lanbasek9-mz.152-7.E9.bin", 2 << 20);
    // Larger than the 2960's whole flash: refused from tsize before any byte is written.
    std::filesystem::resize_file(
        (std::ofstream(root_.path() + "/huge.bin"), root_.path() + "/huge.bin"), 70'000'000);
    source_ = std::move(*tftp::DirFileSource::Open(root_.path(), {.allow_create = true}));
    tftp::ServerOptions options;
    options.listen = {asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
    server_ = std::move(*tftp::TftpServer::Start(io_, *source_, options));
    ASSERT_TRUE(map_.Add("192.168.1.100", "tftp",
                         {"127.0.0.1", server_->local_endpoints()[0].port()}).ok());
    device_ = std::move(*Device::Create(**FindPlatform("C2960"), {.name = "SW1"}, clock_, stores_));
    ASSERT_TRUE(device_->ProvisionFactoryDefaults(SmallImages(65536)).ok());
    device_->set_transfer(&port_);
    device_->set_network(&port_);
    device_->PowerOn();
    // The switch reaches the server from its management address, as in the seeds' lab.
    device_->running_config().SetSectionLine("interface Vlan1", "ip address 192.168.1.10 255.255.255.0");
    lines_ = std::make_unique<DeviceLineService>(*device_);
    console_ = std::make_unique<ConsoleLine>(*lines_, term_);
    console_->Activate();
    console_->Input("enable\r");
  }

  // Types `line` and runs the lab's loop until the prompt is back (or 20 s pass).
  std::string Run(const std::string& input) {
    term_.out.clear();
    console_->Input(input);
    for (int i = 0; i < 2000 && term_.out.find("SW1#", term_.out.size() > 4 ? term_.out.size() - 4 : 0) == std::string::npos; ++i) {
      io_.run_for(std::chrono::milliseconds(10));
    }
    return term_.out;
  }

  TempDir root_;
  asio::io_context io_;
  std::unique_ptr<tftp::DirFileSource> source_;
  std::unique_ptr<tftp::TftpServer> server_;
  AddressMap map_;
  LabTransferPort port_{io_, map_};
  ManualClock clock_;
  MemStoreProvider stores_{clock_};
  std::unique_ptr<Device> device_;
  std::unique_ptr<DeviceLineService> lines_;
  Capture term_;
  std::unique_ptr<ConsoleLine> console_;
  std::string image_;
};

TEST_F(LabTransferPortTest, CopyTftpToFlashIsByteExact) {
  std::string out = Run("copy tftp://192.168.1.100/c2960-lanbasek9-mz.152-7.E9.bin flash:\r\r");
  EXPECT_NE(out.find("Accessing tftp://192.168.1.100/c2960-lanbasek9-mz.152-7.E9.bin...\r\n"
                     "Loading c2960-lanbasek9-mz.152-7.E9.bin from 192.168.1.100 (via Vlan1): !!!!"),
            std::string::npos) << out;
  EXPECT_NE(out.find("[OK - 2097152 bytes]"), std::string::npos) << out;
  auto bytes = stores_.store("flash")->GetBytes("c2960-lanbasek9-mz.152-7.E9.bin");
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(DigestHex(DigestKind::kMd5, *bytes), DigestHex(DigestKind::kMd5, image_));
  EXPECT_TRUE(device_->Reachable("192.168.1.100"));
  EXPECT_FALSE(device_->Reachable("192.168.1.99"));
}

TEST_F(LabTransferPortTest, BackupRunningConfigToServer) {
  std::string out = Run("copy running-config tftp://192.168.1.100/sw1-confg\r");
  EXPECT_NE(out.find("bytes copied in"), std::string::npos) << out;
  std::ifstream in(root_.path() + "/sw1-confg");
  std::string saved((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(saved, device_->RenderRunning());
}

TEST_F(LabTransferPortTest, ErrorsInIosWords) {
  std::string out = Run("copy tftp://192.168.1.100/nope.bin flash:\r\r");
  EXPECT_NE(out.find("%Error opening tftp://192.168.1.100/nope.bin (No such file or directory)"),
            std::string::npos) << out;
  out = Run("copy tftp://192.168.1.99/x.bin flash:\r\r");
  EXPECT_NE(out.find("%Error opening tftp://192.168.1.99/x.bin (Timed out)"), std::string::npos);
  out = Run("copy tftp://192.168.1.100/huge.bin flash:\r\r");
  EXPECT_NE(out.find("%Error copying tftp://192.168.1.100/huge.bin (Not enough space on device)"),
            std::string::npos) << out;
  EXPECT_EQ(stores_.store("flash")->Stat("huge.bin").status().code(), ErrorCode::kNotFound);
}

// Cancels its transfer at the first data, and counts what the port does afterwards.
class CancelAtFirstData : public TransferProgress, public FileWriter {
 public:
  std::shared_ptr<TransferHandle> handle;
  bool cancelled = false;
  int calls_after_cancel = 0;  // hooks and sink calls

  Status OnStart(std::optional<uint64_t>) override { return After(); }
  void OnProgress(uint64_t) override {
    (void)After();
    if (cancelled) return;
    cancelled = true;
    handle->Cancel();
  }
  void OnTimeout() override { (void)After(); }
  Status Append(std::span<const uint8_t> data) override { return After(); }
  Status Commit() override { return After(); }
  void Abort() override { (void)After(); }
  uint64_t written() const override { return 0; }

 private:
  Status After() {
    if (cancelled) ++calls_after_cancel;
    return Status::Ok();
  }
};

// A download cancelled midway, against the transfer layer's server: `done` never runs, the port
// leaves the sink and progress alone, and the server sees the transfer end (an ERROR from the
// client) and lets go of the file.
TEST_F(LabTransferPortTest, ACancelledDownloadEndsAtTheServerAndIsNeverReported) {
  const uint64_t size = 4 << 20;  // 8192 blocks of 512: far from over at the first
  WritePatternFile(root_.path() + "/big.bin", size);
  std::optional<tftp::TransferRecord> record;
  tftp::ServerOptions options;
  options.listen = {asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  options.on_transfer = [&](const tftp::TransferRecord& r) { record = r; };
  std::unique_ptr<tftp::TftpServer> server = std::move(*tftp::TftpServer::Start(io_, *source_, options));
  AddressMap map;
  ASSERT_TRUE(map.Add("192.168.1.100", "tftp", {"127.0.0.1", server->local_endpoints()[0].port()}).ok());
  LabTransferPort port(io_, map);

  CancelAtFirstData watcher;
  bool reported = false;
  watcher.handle = port.Download({.scheme = "tftp", .host = "192.168.1.100", .path = "big.bin"}, {},
                                 watcher, watcher, [&](Result<uint64_t>) { reported = true; });
  for (int i = 0; i < 2000 && !record; ++i) io_.run_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(record.has_value());
  EXPECT_TRUE(watcher.cancelled);
  EXPECT_EQ(record->outcome, tftp::Outcome::kPeerError) << record->error;
  EXPECT_LT(record->bytes, size);
  EXPECT_EQ(server->active_sessions(), 0u);
  EXPECT_EQ(source_->open_shared_files(), 0u);
  io_.restart();
  io_.poll();  // whatever the client still had queued
  EXPECT_FALSE(reported);
  EXPECT_EQ(watcher.calls_after_cancel, 0);
  watcher.handle->Cancel();  // again: a no-op
  EXPECT_FALSE(reported);
}

// An http download cancelled midway: as with TFTP nothing is reported, and the port lets go of
// `done` (and with it of whatever the caller kept alive in it) although curl never reports a
// cancelled job's end.
TEST_F(LabTransferPortTest, ACancelledHttpDownloadLetsGoOfItsCaller) {
  WritePatternFile(root_.path() + "/big.bin", 64 << 20);
  const uint16_t port_number = FreeLoopbackPort(SOCK_STREAM);
  PeerProcess http({"/usr/bin/python3", "-m", "http.server", std::to_string(port_number), "--bind",
                    "127.0.0.1", "--directory", root_.path()},
                   port_number);
  AddressMap map;
  ASSERT_TRUE(map.Add("192.168.1.100", "http", {"127.0.0.1", port_number}).ok());
  auto caller = std::make_shared<int>(0);
  const std::weak_ptr<int> caller_alive = caller;
  CancelAtFirstData watcher;
  bool reported = false;
  {
    LabTransferPort port(io_, map);
    watcher.handle =
        port.Download({.scheme = "http", .host = "192.168.1.100", .path = "big.bin"}, {}, watcher,
                      watcher, [&reported, caller](Result<uint64_t>) { reported = true; });
    caller.reset();
    for (int i = 0; i < 2000 && !(watcher.cancelled && caller_alive.expired()); ++i) {
      io_.restart();
      io_.run_for(std::chrono::milliseconds(10));
    }
    EXPECT_TRUE(watcher.cancelled);
    EXPECT_TRUE(caller_alive.expired()) << "the cancelled transfer still holds its caller";
  }  // the port's curl worker is joined
  io_.restart();
  io_.poll();
  EXPECT_FALSE(reported);
  EXPECT_EQ(watcher.calls_after_cancel, 0);
}

}  // namespace
}  // namespace iosup
