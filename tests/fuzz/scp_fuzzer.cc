// libFuzzer target: the SCP server side (`ip scp server enable`) fed by a hostile client. Byte 0
// picks the transfer (upload into the flash root, upload to a named file, download, refusal),
// byte 1 the size of the pieces the channel delivers and the output budget; the rest is what
// the client sends, after which it closes its side. The exec line's parser gets the input's
// first line too. Invariants: a finished transfer stays finished; once the client has closed
// and the output is drained, the transfer is finished; the flash's accounting stays in bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "device/file_systems.h"
#include "frontend/scp_protocol.h"
#include "testing/manual_clock.h"
#include "testing/mem_flash_store.h"

namespace {

using namespace iosup;

constexpr uint64_t kCapacity = 64 * 1024;

std::unique_ptr<ScpTransfer> MakeTransfer(uint8_t which, FileSystemTable& table) {
  switch (which % 4) {
    case 0: return MakeScpSink(table, "flash:");
    case 1: return MakeScpSink(table, "bootflash:up.bin");
    case 2: return MakeScpSource(table, "flash:image.bin");
    default: return MakeScpRefusal();
  }
}

// Takes what the transfer has to say, in pieces of `budget` bytes.
void Drain(ScpTransfer& t, size_t budget) {
  for (int i = 0; i < 64 && t.HasOutput(); ++i) (void)t.TakeOutput(budget);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)ParseScpCommand(in.substr(0, in.find('\n')));
  if (size < 2) return 0;
  ManualClock clock;
  MemFlashStore flash(clock, kCapacity);
  (void)flash.PutBytes("image.bin", std::string(3000, 'i'));
  const FileSystemSpec spec{.name = "bootflash", .aliases = {"flash"}, .capacity = kCapacity};
  FileSystemTable table;
  table.Add(&spec, &flash);
  std::unique_ptr<ScpTransfer> t = MakeTransfer(data[0], table);
  const size_t piece = 1 + data[1] % 64;
  const size_t budget = 1 + data[1] * 97 % 40000;
  in.remove_prefix(2);
  while (!in.empty()) {
    const bool was_done = t->done();
    t->Feed(in.substr(0, piece));
    in.remove_prefix(std::min(piece, in.size()));
    Drain(*t, budget);
    if (was_done && !t->done()) std::abort();
  }
  t->EndOfInput();
  Drain(*t, 1 << 20);
  if (!t->done() || flash.Space().used > kCapacity) std::abort();
  return 0;
}
