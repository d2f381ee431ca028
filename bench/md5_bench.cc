// MD5 of a large image: iosup's hashing path (OpenSSL EVP fed by 1 MiB sequential preads, what
// `verify /md5` and `image inspect` use) against `openssl dgst -md5` on the same file, warm page
// cache for both, best of N runs each. Prints one line per tool and the ratio.
//
//   md5_bench [--size-mib 512] [--runs 3] [--dir /tmp]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/digest.h"
#include "device/image_format.h"
#include "platform/posix_file.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

std::string RunOpenssl(const std::string& file, double& seconds) {
  std::string cmd = "openssl dgst -md5 -r " + file;
  auto start = Clock::now();
  FILE* p = ::popen(cmd.c_str(), "r");
  char out[256] = {};
  size_t n = p ? std::fread(out, 1, sizeof out - 1, p) : 0;
  int rc = p ? ::pclose(p) : -1;
  seconds = Seconds(start, Clock::now());
  if (rc != 0 || n < 32) return "";
  return std::string(out, 32);
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t size_mib = 512;
  int runs = 3;
  std::string dir = "/tmp";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--size-mib")) size_mib = std::strtoull(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  const std::string file = dir + "/iosup-md5-bench-" + std::to_string(::getpid()) + ".bin";
  auto recipe = iosup::ImageRecipe::FromName("isr4300-universalk9.16.12.04.SPA.bin", size_mib << 20);
  auto out = iosup::AtomicFileWriter::Open(file);
  if (!recipe.ok() || !out.ok()) return 1;
  iosup::Status s = iosup::GenerateImage(*recipe, [&](std::span<const uint8_t> c) {
    return (*out)->Append(c);
  });
  if (!s.ok() || !(*out)->Commit().ok()) {
    std::fprintf(stderr, "cannot write %s\n", file.c_str());
    return 1;
  }

  double best_ours = 1e9, best_openssl = 1e9;
  std::string ours_hex, openssl_hex;
  for (int r = 0; r < runs; ++r) {
    auto reader = iosup::OpenPosixReader(file);
    auto start = Clock::now();
    auto hex = iosup::DigestReader(**reader, iosup::DigestKind::kMd5);
    best_ours = std::min(best_ours, Seconds(start, Clock::now()));
    ours_hex = hex.ok() ? *hex : "error";
    double t = 0;
    openssl_hex = RunOpenssl(file, t);
    best_openssl = std::min(best_openssl, t);
  }
  std::remove(file.c_str());

  const double mib = static_cast<double>(size_mib);
  std::printf("md5 of a %llu MiB image, best of %d runs (warm cache)\n",
              static_cast<unsigned long long>(size_mib), runs);
  std::printf("  iosup (EVP, 1 MiB preads) %7.3f s  %7.1f MiB/s  %s\n", best_ours,
              mib / best_ours, ours_hex.c_str());
  std::printf("  openssl dgst -md5         %7.3f s  %7.1f MiB/s  %s\n", best_openssl,
              mib / best_openssl, openssl_hex.c_str());
  std::printf("  ratio iosup/openssl time: %.3f (target: at most 1.10)\n", best_ours / best_openssl);
  if (ours_hex != openssl_hex) {
    std::printf("  DIGESTS DIFFER\n");
    return 1;
  }
  return 0;
}
