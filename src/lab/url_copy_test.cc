// copy ftp:// / http:// / scp:// on an emulated device, against real servers the test starts on
// loopback (python3 http.server, pyftpdlib, OpenSSH sshd), through the lab's address map.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/digest.h"
#include "device/commands/device_line_service.h"
#include "frontend/console_line.h"
#include "lab/lab_transfer_port.h"
#include "testing/capture_terminal.h"
#include "testing/device_fixture.h"
#include "testing/manual_clock.h"
#include "testing/mem_store_provider.h"
#include "testing/loopback_peer.h"
#include "testing/temp_dir.h"
#include "testing/test_bytes.h"

namespace iosup {
namespace {

using Capture = RawCaptureTerminal;

class UrlCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    image_ = WritePatternFile(dir_.path() + "/image.bin", 1 << 20);
    device_ = std::move(*Device::Create(**FindPlatform("ISR4321"), {.name = "R1"}, clock_, stores_));
    ASSERT_TRUE(device_->ProvisionFactoryDefaults(SmallImages(65536)).ok());
    device_->set_transfer(&port_);
    device_->PowerOn();
    lines_ = std::make_unique<DeviceLineService>(*device_);
    console_ = std::make_unique<ConsoleLine>(*lines_, term_);
    console_->Activate();
    console_->Input("enable\r");
  }
  std::string Run(const std::string& input) {
    term_.out.clear();
    console_->Input(input);
    for (int i = 0; i < 1000; ++i) {
      io_.restart();  // a loop that ran out of work stays stopped until restarted
      io_.run_for(std::chrono::milliseconds(10));
      if (term_.out.size() > 3 && term_.out.ends_with("R1#")) break;
    }
    return term_.out;
  }
  std::string FlashMd5(const std::string& name) {
    auto bytes = stores_.store("bootflash")->GetBytes(name);
    return bytes.ok() ? DigestHex(DigestKind::kMd5, *bytes) : "<missing>";
  }

  TempDir dir_;
  std::string image_;
  asio::io_context io_;
  AddressMap map_;
  LabTransferPort port_{io_, map_};
  ManualClock clock_;
  MemStoreProvider stores_{clock_};
  std::unique_ptr<Device> device_;
  std::unique_ptr<DeviceLineService> lines_;
  Capture term_;
  std::unique_ptr<ConsoleLine> console_;
};

TEST_F(UrlCopyTest, HttpPull) {
  const uint16_t port = FreeLoopbackPort(SOCK_STREAM);
  PeerProcess http({"/usr/bin/python3", "-m", "http.server", std::to_string(port), "--bind", "127.0.0.1",
             "--directory", dir_.path()}, port);
  ASSERT_TRUE(map_.Add("192.168.1.100", "http", {"127.0.0.1", port}).ok());
  std::string out = Run("copy http://192.168.1.100/image.bin bootflash:\r\r");
  EXPECT_NE(out.find("[OK - 1048576 bytes]"), std::string::npos) << out;
  EXPECT_EQ(FlashMd5("image.bin"), DigestHex(DigestKind::kMd5, image_));
  out = Run("copy http://192.168.1.100/missing.bin bootflash:\r\r");
  EXPECT_NE(out.find("%Error opening http://192.168.1.100/missing.bin (No such file or directory)"),
            std::string::npos) << out;
}

TEST_F(UrlCopyTest, FtpPullWithCredentialsMasked) {
  const uint16_t port = FreeLoopbackPort(SOCK_STREAM);
  PeerProcess ftp({"/usr/bin/python3", "-m", "pyftpdlib", "-i", "127.0.0.1", "-p", std::to_string(port),
            "-d", dir_.path(), "-u", "admin", "-P", "cisco"}, port);
  ASSERT_TRUE(map_.Add("192.168.1.100", "ftp", {"127.0.0.1", port}).ok());
  std::string out = Run("copy ftp://admin:cisco@192.168.1.100/image.bin bootflash:\r\r");
  EXPECT_NE(out.find("Accessing ftp://*:*@192.168.1.100/image.bin..."), std::string::npos) << out;
  EXPECT_EQ(out.find("cisco@"), out.rfind("cisco@"));  // the password shows only in the echo
  EXPECT_NE(out.find("[OK - 1048576 bytes]"), std::string::npos) << out;
  EXPECT_EQ(FlashMd5("image.bin"), DigestHex(DigestKind::kMd5, image_));
  out = Run("copy ftp://admin:wrong@192.168.1.100/image.bin bootflash:x.bin\r\r");
  EXPECT_NE(out.find("%Error opening ftp://*:*@192.168.1.100/image.bin (Permission denied)"),
            std::string::npos) << out;
  EXPECT_EQ(FlashMd5("x.bin"), "<missing>");
}

TEST_F(UrlCopyTest, ScpPullFromOpenSsh) {
  const std::string d = dir_.path();
  auto sh = [](const std::string& cmd) { return std::system(cmd.c_str()); };
  ASSERT_EQ(sh("ssh-keygen -q -t ecdsa -b 256 -m PEM -N '' -f " + d + "/host_key"), 0);
  ASSERT_EQ(sh("ssh-keygen -q -t ecdsa -b 256 -m PEM -N '' -f " + d + "/lab_key"), 0);
  ASSERT_EQ(sh("cp " + d + "/lab_key.pub " + d + "/authorized_keys"), 0);
  const uint16_t port = FreeLoopbackPort(SOCK_STREAM);
  std::ofstream(d + "/sshd_config")
      << "Port " << port << "\nListenAddress 127.0.0.1\nHostKey " << d << "/host_key\n"
      << "PidFile " << d << "/sshd.pid\nAuthorizedKeysFile " << d << "/authorized_keys\n"
      << "PermitRootLogin yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
      << "UsePAM no\nStrictModes no\n";
  std::filesystem::create_directories("/run/sshd");  // sshd's privilege-separation directory
  PeerProcess sshd({"/usr/sbin/sshd", "-D", "-e", "-f", d + "/sshd_config"}, port);
  ASSERT_TRUE(map_.Add("192.168.1.100", "scp", {"127.0.0.1", port}).ok());
  port_.set_scp_identity(d + "/lab_key");
  const std::string user = std::getenv("USER") ? std::getenv("USER") : "root";
  // IOS asks the password last; an empty one leaves the lab's key to log in.
  std::string out = Run("copy scp://" + user + "@192.168.1.100/" + d + "/image.bin bootflash:\r\r\r");
  EXPECT_NE(out.find("[OK - 1048576 bytes]"), std::string::npos) << out;
  EXPECT_EQ(FlashMd5("image.bin"), DigestHex(DigestKind::kMd5, image_));
  out = Run("copy scp://" + user + "@192.168.1.100/" + d + "/nope.bin bootflash:\r\r\r");
  EXPECT_NE(out.find("%Error opening scp://"), std::string::npos) << out;
  EXPECT_EQ(FlashMd5("nope.bin"), "<missing>");
}

}  // namespace
}  // namespace iosup

namespace iosup {
namespace {

// copy usbflash0: flash: : an image brought on the USB stick of an ISR 1941.
TEST(UsbCopy, FromUsbStickToFlash) {
  ManualClock clock;
  MemStoreProvider stores(clock);
  auto device = Device::Create(**FindPlatform("ISR1941"), {.name = "R2"}, clock, stores);
  ASSERT_TRUE(device.ok());
  auto recipe = ImageRecipe::FromName("c1900-universalk9-mz.SPA.154-3.M2.bin", 70000);
  ASSERT_TRUE(Device::WriteGeneratedImage(*stores.store("flash0"), recipe->file_name, *recipe).ok());
  auto next = ImageRecipe::FromName("c1900-universalk9-mz.SPA.158-3.M7.bin", 90000);
  ASSERT_TRUE(Device::WriteGeneratedImage(*stores.store("usbflash0"), next->file_name, *next).ok());
  (*device)->running_config() = Config::Factory("R2", InterfaceNames((*device)->platform()));
  ASSERT_TRUE((*device)->SaveRunningConfig().ok());  // a configured router: no setup dialog
  (*device)->PowerOn();
  Capture term;
  DeviceLineService lines(**device);
  ConsoleLine console(lines, term);
  console.Activate();
  console.Input("enable\rcopy usbflash0:c1900-universalk9-mz.SPA.158-3.M7.bin flash:\r\r");
  EXPECT_NE(term.out.find("90000 bytes copied in"), std::string::npos) << term.out;
  auto copied = stores.store("flash0")->GetBytes(next->file_name);
  ASSERT_TRUE(copied.ok());
  EXPECT_EQ(*copied, *stores.store("usbflash0")->GetBytes(next->file_name));
  term.out.clear();
  console.Input("show file systems\r");
  EXPECT_NE(term.out.find("usbflash   "), std::string::npos) << term.out;
}

}  // namespace
}  // namespace iosup
