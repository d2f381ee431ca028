// LabNetbootPort on loopback, every peer started here: an image fetched byte-exact from the
// real tftpd-hpa, a file the server does not have, a lab address outside the map and a server
// that never answers, both failing as IOS's "Timed out" within a bounded time.
#include "lab/lab_netboot_port.h"

#include <gtest/gtest.h>

#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <iterator>

#include "base/digest.h"
#include "device/image_format.h"
#include "lab/image_file.h"
#include "testing/loopback_peer.h"
#include "testing/temp_dir.h"

namespace iosup {
namespace {

constexpr const char* kImage = "isr4300-universalk9.16.12.04.SPA.bin";

std::string UserName() {
  passwd* pw = ::getpwuid(::getuid());
  return pw ? pw->pw_name : "root";
}

size_t Entries(const std::string& dir) {
  std::error_code ec;
  auto it = std::filesystem::directory_iterator(dir, ec);
  return ec ? 0 : static_cast<size_t>(std::distance(it, std::filesystem::directory_iterator()));
}

// A generated image of `size` bytes at `path`; returns its MD5.
std::string WriteImage(const std::string& path, const std::string& name, uint64_t size) {
  Result<ImageRecipe> recipe = ImageRecipe::FromName(name, size);
  EXPECT_TRUE(recipe.ok()) << recipe.status().ToString();
  Result<std::string> md5 = WriteImageFile(path, *recipe);
  EXPECT_TRUE(md5.ok()) << md5.status().ToString();
  return md5.ok() ? *md5 : "";
}

TEST(LabNetbootPort, FetchesAnImageFromTftpdHpaByteExact) {
  if (::access("/usr/sbin/in.tftpd", X_OK) != 0) {
    GTEST_SKIP() << "tftpd-hpa not installed (scripts/setup.sh)";
  }
  TempDir root, lab;
  const uint64_t size = (5 << 20) + 12345;  // not a multiple of any block size
  const std::string md5 = WriteImage(root.path() + "/" + kImage, kImage, size);
  const uint16_t port = FreeLoopbackPort(SOCK_DGRAM);
  PeerProcess server({"/usr/sbin/in.tftpd", "-L", "-u", UserName(), "-s", root.path(), "-a",
                      "127.0.0.1:" + std::to_string(port)});
  ASSERT_TRUE(server.running());
  AddressMap map;
  ASSERT_TRUE(map.Add("192.168.1.100", "tftp", {"127.0.0.1", port}).ok());
  const std::string temp = lab.path() + "/netboot";
  LabNetbootPort netboot(map, {.temp_dir = temp, .blksize = 1468});

  Result<std::unique_ptr<FileReader>> image = netboot.FetchImage("192.168.1.100", kImage);
  ASSERT_TRUE(image.ok()) << image.status().ToString();
  EXPECT_EQ((*image)->size(), size);
  Result<std::string> got = DigestReader(**image, DigestKind::kMd5);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, md5);
  Result<ImageCheck> check = CheckImage(**image);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->checksum_ok);
  EXPECT_EQ(check->version, "16.12.04");
  // The image lives in an unnamed file: nothing of it is visible on disk, even while in use.
  EXPECT_EQ(Entries(temp), 0u);

  Result<std::unique_ptr<FileReader>> missing =
      netboot.FetchImage("192.168.1.100", "isr4300-universalk9.17.03.01.SPA.bin");
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound) << missing.status().ToString();
  EXPECT_EQ(Entries(temp), 0u);
}

TEST(LabNetbootPort, AddressOutsideTheMapFailsAsTimedOut) {
  TempDir lab;
  AddressMap map;
  ASSERT_TRUE(map.Add("192.168.1.100", "tftp", {"127.0.0.1", 6969}).ok());
  LabNetbootPort netboot(map, {.temp_dir = lab.path() + "/netboot"});
  Result<std::unique_ptr<FileReader>> image = netboot.FetchImage("10.9.9.9", kImage);
  EXPECT_EQ(image.status().code(), ErrorCode::kTimedOut) << image.status().ToString();
  // Known address, other service: no TFTP server there either.
  AddressMap ftp_only;
  ASSERT_TRUE(ftp_only.Add("192.168.1.100", "ftp", {"127.0.0.1", 2121}).ok());
  LabNetbootPort no_tftp(ftp_only, {.temp_dir = lab.path() + "/netboot"});
  EXPECT_EQ(no_tftp.FetchImage("192.168.1.100", kImage).status().code(), ErrorCode::kTimedOut);
}

// A server that never answers: the request goes out (to loopback, where the test listens), is
// sent again max_retries times, then the fetch fails as timed out.
TEST(LabNetbootPort, SilentServerTimesOutAfterItsRetries) {
  TempDir lab;
  uint16_t port = 0;
  const int sock = BoundLoopbackSocket(SOCK_DGRAM, &port);
  ASSERT_GE(sock, 0);
  AddressMap map;
  ASSERT_TRUE(map.Add("192.168.1.100", "tftp", {"127.0.0.1", port}).ok());
  LabNetbootPort netboot(map, {.temp_dir = lab.path() + "/netboot",
                               .retransmit_timeout = std::chrono::milliseconds(200),
                               .max_retries = 2});
  Result<std::unique_ptr<FileReader>> image = netboot.FetchImage("192.168.1.100", kImage);
  EXPECT_EQ(image.status().code(), ErrorCode::kTimedOut) << image.status().ToString();
  int requests = 0;
  char buf[1024];
  for (ssize_t n; (n = ::recv(sock, buf, sizeof buf, MSG_DONTWAIT)) > 0; ++requests) {
    EXPECT_EQ(buf[1], 1) << "not a read request";  // opcode 1 (RRQ), big-endian
    EXPECT_EQ(std::string(buf + 2), kImage);
  }
  ::close(sock);
  EXPECT_EQ(requests, 3);  // the request and its two retransmissions
  EXPECT_EQ(Entries(lab.path() + "/netboot"), 0u);
}

}  // namespace
}  // namespace iosup
