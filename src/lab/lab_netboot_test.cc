// A device's `boot system tftp:` boot in a lab, on loopback with every peer started here: the
// image fetched through the lab's TransferPort on the caller's loop into an unnamed scratch file
// (byte-exact from the real tftpd-hpa, as the image's own checksum proves), a file the server
// does not have, and a server that never answers ('.' per retransmission timeout, then the
// flash fallback).
#include <gtest/gtest.h>

#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <iterator>

#include "device/image_format.h"
#include "lab/image_file.h"
#include "lab/lab_transfer_port.h"
#include "lab/netboot_buffers.h"
#include "testing/device_fixture.h"
#include "testing/loopback_peer.h"
#include "testing/open_files.h"
#include "testing/temp_dir.h"

namespace iosup {
namespace {

constexpr const char* kImage = "isr4300-universalk9.16.12.04.SPA.bin";
constexpr const char* kOld = "isr4300-universalk9.16.09.06.SPA.bin";

std::string UserName() {
  passwd* pw = ::getpwuid(::getuid());
  return pw ? pw->pw_name : "root";
}

size_t Entries(const std::string& dir) {
  std::error_code ec;
  auto it = std::filesystem::directory_iterator(dir, ec);
  return ec ? 0 : static_cast<size_t>(std::distance(it, std::filesystem::directory_iterator()));
}

class LabNetbootTest : public DeviceFixture {
 protected:
  // R1 with the old image in bootflash:, booting `statements`, its transfers on io_ through the
  // lab's port, its netboot images in scratch files under netboot_dir_.
  void MakeR1(const std::vector<std::string>& statements) {
    r1_ = MakeDevice("ISR4321", {.name = "R1"});
    PutImage(*r1_, std::string("bootflash:") + kOld);
    SetStartup(*r1_, statements);
    r1_->set_transfer(&port_);
    r1_->set_image_buffers(ScratchImageBuffers(netboot_dir_));
    r1_->AddListener(&console_);
  }
  // Runs the loop until R1's boot is decided; false when it is not within 20 s.
  bool RunBoot() {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (r1_->state() == DeviceState::kBooting || r1_->state() == DeviceState::kOff) {
      if (std::chrono::steady_clock::now() > give_up) return false;
      io_.restart();
      io_.run_for(std::chrono::milliseconds(10));
    }
    return true;
  }

  // Maps 192.168.1.100's TFTP to a loopback socket that never answers, and powers R1 on to boot
  // kImage from it, then kOld from flash. Returns the socket (which sees R1's requests).
  int PowerOnAgainstSilentServer() {
    uint16_t port = 0;
    const int sock = BoundLoopbackSocket(SOCK_DGRAM, &port);
    if (sock < 0 || !map_.Add("192.168.1.100", "tftp", {"127.0.0.1", port}).ok()) return -1;
    MakeR1({std::string("boot system tftp:") + kImage + " 192.168.1.100",
            std::string("boot system bootflash:") + kOld});
    r1_->PowerOn();
    return sock;
  }

  TempDir lab_;
  const std::string netboot_dir_ = lab_.path() + "/netboot";
  asio::io_context io_;
  AddressMap map_;
  LabTransferPort port_{io_, map_};
  ConsoleCapture console_;
  std::unique_ptr<Device> r1_;
};

TEST_F(LabNetbootTest, BootsAnImageFromTftpdHpaThroughAScratchFile) {
  if (::access("/usr/sbin/in.tftpd", X_OK) != 0) {
    GTEST_FAIL() << "missing install step: " << "tftpd-hpa not installed (scripts/setup.sh)";
  }
  TempDir root;
  const uint64_t size = (5 << 20) + 12345;  // not a multiple of any block size
  Result<ImageRecipe> recipe = ImageRecipe::FromName(kImage, size);
  ASSERT_TRUE(recipe.ok());
  ASSERT_TRUE(WriteImageFile(root.path() + "/" + kImage, *recipe).ok());
  const uint16_t port = FreeLoopbackPort(SOCK_DGRAM);
  PeerProcess server({"/usr/sbin/in.tftpd", "-L", "-u", UserName(), "-s", root.path(), "-a",
                      "127.0.0.1:" + std::to_string(port)});
  ASSERT_TRUE(server.running());
  ASSERT_TRUE(map_.Add("192.168.1.100", "tftp", {"127.0.0.1", port}).ok());
  MakeR1({std::string("boot system tftp:") + kImage + " 192.168.1.100",
          std::string("boot system bootflash:") + kOld});

  r1_->PowerOn();
  EXPECT_TRUE(r1_->fetching_image());
  EXPECT_EQ(OpenFilesUnder(netboot_dir_), 1u);  // the image's unnamed scratch file
  ASSERT_TRUE(RunBoot());
  EXPECT_EQ(OpenFilesUnder(netboot_dir_), 0u);  // checked and booted: let go
  EXPECT_EQ(r1_->state(), DeviceState::kRunning);
  EXPECT_EQ(r1_->image().path, std::string("tftp://192.168.1.100/") + kImage);
  EXPECT_EQ(r1_->image().version.Long(), "16.12.04");
  const std::string out = console_.Take();
  EXPECT_NE(out.find(std::string("Loading ") + kImage + " from 192.168.1.100 (via " +
                     r1_->platform().management_interface + "): " + std::string(11, '!') +
                     "\n[OK - " + std::to_string(size) + " bytes]\n"),
            std::string::npos)
      << out;
  // The image lived in an unnamed file: nothing of it is visible on disk.
  EXPECT_EQ(Entries(netboot_dir_), 0u);

  // A file the server does not have: the fallback boots.
  SetStartup(*r1_, {"boot system tftp:isr4300-universalk9.17.03.01.SPA.bin 192.168.1.100",
                    std::string("boot system bootflash:") + kOld});
  r1_->Reload("Reload Command", "console");
  ASSERT_TRUE(RunBoot());
  EXPECT_EQ(r1_->image().path, std::string("bootflash:") + kOld);
  EXPECT_NE(console_.Take().find("%Error opening tftp://192.168.1.100/isr4300-universalk9.17.03.01"
                                 ".SPA.bin (No such file or directory)\n"),
            std::string::npos);
  EXPECT_EQ(Entries(netboot_dir_), 0u);
}

// A server that never answers: the request goes out (to loopback, where the test listens) and is
// sent again after each timeout, each timeout shows as a '.', then the statement fails as timed
// out and the flash fallback boots.
TEST_F(LabNetbootTest, SilentServerShowsADotPerTimeoutThenTheFallbackBoots) {
  const int sock = PowerOnAgainstSilentServer();
  ASSERT_GE(sock, 0);
  const std::string before = console_.Take();
  EXPECT_TRUE(before.ends_with("Kbytes of main memory\n\n")) << before;
  ASSERT_TRUE(RunBoot());
  EXPECT_EQ(r1_->image().path, std::string("bootflash:") + kOld);
  int requests = 0;
  char buf[1024];
  for (ssize_t n; (n = ::recv(sock, buf, sizeof buf, MSG_DONTWAIT)) > 0; ++requests) {
    EXPECT_EQ(buf[1], 1) << "not a read request";  // opcode 1 (RRQ), big-endian
    EXPECT_EQ(std::string(buf + 2), kImage);
  }
  ::close(sock);
  ASSERT_GT(requests, 1);
  const std::string out = console_.Take();
  EXPECT_TRUE(out.starts_with(std::string(requests - 1, '.') + "\n%Error opening tftp://192.168.1.100/" +
                              kImage + " (Timed out)\nboot: cannot load \"tftp:" + kImage +
                              " 192.168.1.100\"\n\nLocated bootflash:" + kOld))
      << requests << " requests\n" << out;
  EXPECT_EQ(Entries(netboot_dir_), 0u);
}

// A fetch against a server that never answers, abandoned by a reload once its first request is
// out: the transfer is cancelled, so no retransmission follows (the loop runs dry without one).
TEST_F(LabNetbootTest, AReloadCancelsAFetchSoNoMoreRequestsGoOut) {
  const int sock = PowerOnAgainstSilentServer();
  ASSERT_GE(sock, 0);
  ASSERT_TRUE(r1_->fetching_image());
  char buf[1024];
  ssize_t first = -1;
  for (int i = 0; i < 2000 && first <= 0; ++i) {
    io_.run_for(std::chrono::milliseconds(1));
    first = ::recv(sock, buf, sizeof buf, MSG_DONTWAIT);
  }
  ASSERT_GT(first, 0) << "no request";
  EXPECT_EQ(buf[1], 1) << "not a read request";

  EXPECT_EQ(OpenFilesUnder(netboot_dir_), 1u);
  SetStartup(*r1_, {std::string("boot system bootflash:") + kOld});
  r1_->Reload("Reload Command", "console");
  ASSERT_EQ(r1_->state(), DeviceState::kRunning);
  EXPECT_EQ(OpenFilesUnder(netboot_dir_), 0u) << "the abandoned fetch's scratch file is kept";
  // Until the loop runs dry (the cancelled client's last step), or 30 s pass.
  io_.restart();
  for (int i = 0; i < 3000 && !io_.stopped(); ++i) io_.run_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(io_.stopped()) << "the fetch is still going";
  int later = 0;
  while (::recv(sock, buf, sizeof buf, MSG_DONTWAIT) > 0) ++later;
  ::close(sock);
  EXPECT_EQ(later, 0) << "requests sent after the reload";
  EXPECT_EQ(r1_->image().path, std::string("bootflash:") + kOld);
}

}  // namespace
}  // namespace iosup
