// A reference point for bench/tftp_bench.sh, not a server anyone should run: the least CPU a
// TFTP server can spend per stop-and-wait block on this machine. One download at a time, read
// requests only, `blksize` and `tsize` and nothing else; per block exactly one blocking send()
// of the DATA packet straight from the mapped file and one blocking recv() of the ACK on a
// connected socket. No timeouts, no retransmission, no event loop, no other clients served
// meanwhile: everything a real server must do costs more than this.
//
//   tftp_floor_server ROOT PORT
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct Request {
  std::string file;
  size_t blksize = 512;
  bool wants_tsize = false;
  bool has_options = false;
};

// RRQ: opcode 1, file NUL, mode NUL, then option/value pairs.
bool ParseReadRequest(const char* p, size_t n, Request* out) {
  if (n < 4 || p[0] != 0 || p[1] != 1 || p[n - 1] != 0) return false;
  std::vector<std::string> fields;
  for (size_t i = 2; i < n;) {
    fields.emplace_back(p + i);
    i += fields.back().size() + 1;
  }
  if (fields.size() < 2) return false;
  out->file = fields[0];
  for (size_t i = 2; i + 1 < fields.size(); i += 2) {
    if (strcasecmp(fields[i].c_str(), "blksize") == 0) {
      out->blksize = std::strtoul(fields[i + 1].c_str(), nullptr, 10);
      out->has_options = true;
    } else if (strcasecmp(fields[i].c_str(), "tsize") == 0) {
      out->wants_tsize = out->has_options = true;
    }
  }
  return out->blksize >= 8 && out->blksize <= 65464;
}

void Serve(const std::string& root, const sockaddr_in& peer, const Request& req) {
  const std::string path = root + "/" + req.file;
  const int fd = ::open(path.c_str(), O_RDONLY);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0 || st.st_size == 0) {
    if (fd >= 0) ::close(fd);
    return;
  }
  const size_t size = static_cast<size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return;
  const auto* data = static_cast<const uint8_t*>(map);

  const int s = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<const sockaddr*>(&local), sizeof local);
  ::connect(s, reinterpret_cast<const sockaddr*>(&peer), sizeof peer);
  uint8_t ack[516];
  if (req.has_options) {
    std::string oack("\0\6", 2);
    oack += "blksize" + std::string(1, '\0') + std::to_string(req.blksize) + '\0';
    if (req.wants_tsize) oack += "tsize" + std::string(1, '\0') + std::to_string(size) + '\0';
    ::send(s, oack.data(), oack.size(), 0);
    ::recv(s, ack, sizeof ack, 0);
  }
  std::vector<uint8_t> packet(req.blksize + 4);
  uint16_t block = 1;
  for (size_t offset = 0;; ++block) {
    const size_t len = std::min(req.blksize, size - offset);
    packet[0] = 0;
    packet[1] = 3;
    packet[2] = static_cast<uint8_t>(block >> 8);
    packet[3] = static_cast<uint8_t>(block);
    std::memcpy(packet.data() + 4, data + offset, len);
    ::send(s, packet.data(), len + 4, 0);
    if (::recv(s, ack, sizeof ack, 0) < 4) break;
    offset += len;
    if (len < req.blksize) break;
  }
  ::close(s);
  ::munmap(map, size);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: tftp_floor_server ROOT PORT\n");
    return 2;
  }
  const int listener = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(std::atoi(argv[2])));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listener, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    std::perror("bind");
    return 1;
  }
  for (;;) {
    char buf[1024];
    sockaddr_in peer{};
    socklen_t peer_len = sizeof peer;
    const ssize_t n =
        ::recvfrom(listener, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&peer), &peer_len);
    Request req;
    if (n > 0 && ParseReadRequest(buf, static_cast<size_t>(n), &req)) Serve(argv[1], peer, req);
  }
}
