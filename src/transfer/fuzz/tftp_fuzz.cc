// libFuzzer target over the packet codec and both session state machines. The input is split
// into datagrams (2-byte length prefix each); a flag byte per datagram also advances the fake
// clock and fires timers, so retransmission, pacing and dally paths are reached. Invariants
// checked: nothing crashes, every datagram produced fits a TFTP packet, a window never exceeds
// what was negotiated, a finished session stays finished.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <span>
#include <string>

#include "base/memory_file.h"
#include "transfer/client_session.h"
#include "transfer/server_session.h"
#include "transfer/tftp_packet.h"

namespace iosup::tftp {
namespace {

class MemSource : public FileSource {
 public:
  Result<std::shared_ptr<FileReader>> OpenRead(std::string_view name) override {
    if (name == "missing") return NotFound("missing");
    std::string content(name.size() * 700 + 3, 'x');
    for (size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>(i * 31 + name.size());
    return std::shared_ptr<FileReader>(StringReader(content));
  }
  Result<std::unique_ptr<FileWriter>> OpenWrite(std::string_view name,
                                                std::optional<uint64_t>) override {
    if (name == "exists") return AlreadyExists("exists");
    return std::unique_ptr<FileWriter>(std::make_unique<DiscardingWriter>(1u << 20));
  }
};

void Check(const Outbox& out, uint32_t window) {
  size_t data = 0;
  for (const OutDatagram& d : out.datagrams) {
    if (d.size() > kMaxPacketBytes) std::abort();
    if (d.header_len == 4 && d.header[1] == 3) ++data;
  }
  if (data > window) std::abort();
}

// Yields (flags, datagram) pairs from the input.
struct Splitter {
  std::span<const uint8_t> in;
  bool Next(uint8_t& flags, std::span<const uint8_t>& dgram) {
    if (in.size() < 3) return false;
    flags = in[0];
    size_t len = std::min<size_t>((in[1] << 8 | in[2]) % 1200, in.size() - 3);
    dgram = in.subspan(3, len);
    in = in.subspan(3 + len);
    return true;
  }
};

template <typename Session>
void Drive(Session& s, Splitter& split, SteadyTime& now, uint32_t window) {
  uint8_t flags;
  std::span<const uint8_t> d;
  Outbox out;
  while (split.Next(flags, d)) {
    const bool was_finished = s.finished();
    out.clear();
    if (flags & 1) {
      now += std::chrono::microseconds((flags >> 1) * 997);
      s.OnTimer(now, out);
    } else {
      s.OnDatagram(d, now, out);
    }
    Check(out, window);
    if (was_finished && !s.finished()) std::abort();
  }
  if (!s.finished()) {
    out.clear();
    now = s.deadline() == SteadyTime::max() ? now : s.deadline();
    s.OnTimer(now, out);
  }
}

void FuzzServer(std::span<const uint8_t> data) {
  if (data.size() < 2) return;
  const size_t req_len = std::min<size_t>(data[0], data.size() - 1);
  Result<Packet> p = ParsePacket(data.subspan(1, req_len));
  if (!p.ok() || !std::holds_alternative<Request>(*p)) return;
  MemSource source;
  SessionConfig config;
  config.limits.max_windowsize = 16;
  config.retransmit_timeout = std::chrono::milliseconds(50);
  ServerSession session(config, source);
  SteadyTime now{};
  Outbox out;
  session.Start(std::get<Request>(*p), now, out);
  Check(out, 16);
  Splitter split{data.subspan(1 + req_len)};
  Drive(session, split, now, 16);
}

void FuzzClient(std::span<const uint8_t> data) {
  if (data.size() < 4) return;
  ClientRequest req;
  req.is_write = data[0] & 1;
  req.remote_file = "f";
  req.mode = (data[0] & 2) ? Mode::kNetascii : Mode::kOctet;
  if (data[0] & 4) req.wants.blksize = 8 + data[1] % 100;
  if (data[0] & 8) req.wants.windowsize = 1 + data[2] % 8;
  req.wants.tsize = data[0] & 16;
  req.retransmit_timeout = std::chrono::milliseconds(50);
  DiscardingWriter sink(1u << 20);
  std::shared_ptr<FileReader> source = StringReader(std::string(data[3] * 13, 'y'));
  ClientSession session(req, &sink, source, nullptr);
  SteadyTime now{};
  Outbox out;
  session.Start(now, out);
  Splitter split{data.subspan(4)};
  Drive(session, split, now,
        req.wants.windowsize.value_or(req.is_write ? kDefaultWriteWindow : kDefaultReadWindow));
}

}  // namespace
}  // namespace iosup::tftp

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> in(data, size);
  (void)iosup::tftp::ParsePacket(in);
  if (size == 0) return 0;
  if (data[0] & 1) {
    iosup::tftp::FuzzServer(in.subspan(1));
  } else {
    iosup::tftp::FuzzClient(in.subspan(1));
  }
  return 0;
}
