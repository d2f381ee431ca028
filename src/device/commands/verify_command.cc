// verify /md5|/sha512 URL [EXPECTED]: a file's digest with IOS's dots and answer. A digest is
// remembered with the content (FlashStore::ContentNote), so it is computed once per image. On a
// device with a work pool (a lab) that computation runs off the event loop: the command waits,
// every other session and device goes on, and a reload meanwhile abandons it.
#include <algorithm>
#include <memory>
#include <string>

#include "base/digest.h"
#include "base/work_pool.h"
#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/ios_errors.h"
#include "device/paced_work.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::PendingCommand;

// Verify's progress: one dot per 512 KiB hashed (at most 2000), 66 to a line, as IOS draws them.
uint64_t VerifyDotCount(uint64_t size) { return std::clamp<uint64_t>(size >> 19, 1, 2000); }

// Dots `from`+1 .. `to` of `total`.
std::string VerifyDots(uint64_t from, uint64_t to, uint64_t total) {
  std::string out;
  for (uint64_t i = from + 1; i <= to; ++i) out += (i % 66 == 0 && i != total) ? ".\n" : ".";
  return out;
}

// What follows the last of `total` dots.
std::string VerifyDone(uint64_t total) { return std::string(total % 66 == 0 ? "\n" : "") + "Done!\n"; }

// A `verify` under realistic file timing: the answer is known at once, but the dots come at the
// platform's MD5 rate and the answer only when the whole file would have been read.
class PacedVerify : public TimedWork {
 public:
  PacedVerify(std::shared_ptr<cli::PendingCommand> out, Pace pace, uint64_t size, std::string answer)
      : out_(std::move(out)), pace_(pace), size_(size), dots_(VerifyDotCount(size)),
        answer_(std::move(answer)) {}

  bool Advance(WallTime now) override {
    if (over_) return true;
    if (!out_->alive()) {  // the session ended: nobody is waiting for the answer
      over_ = true;
      return true;
    }
    const uint64_t hashed = std::min(size_, pace_.BytesBy(now));
    const uint64_t due = size_ == 0 ? dots_ : hashed * dots_ / size_;
    out_->Print(VerifyDots(printed_, due, dots_));
    printed_ = due;
    if (hashed < size_) return false;
    over_ = true;
    out_->Print(VerifyDone(dots_) + answer_);
    out_->Finish();
    return true;
  }
  std::optional<WallTime> NextWakeup() const override {
    if (over_) return std::nullopt;
    if (printed_ >= dots_) return pace_.TimeFor(size_);
    // Dot i is due once i/dots of the file is hashed.
    return pace_.TimeFor(((printed_ + 1) * size_ + dots_ - 1) / dots_);
  }
  void Abandon() override { over_ = true; }
  // Ctrl-C / Ctrl-^: the verify stops at once with no answer.
  void Interrupt(const std::string& url) {
    if (over_) return;
    over_ = true;
    out_->Print("\n%Error verifying " + url + " (Aborted)\n");
    out_->Finish();
  }

 private:
  std::shared_ptr<cli::PendingCommand> out_;
  Pace pace_;
  uint64_t size_;
  uint64_t dots_;
  std::string answer_;
  uint64_t printed_ = 0;
  bool over_ = false;
};

struct VerifyRequest {
  std::string url;
  std::string expected;  // empty: print the digest
  DigestKind kind;
  uint64_t size;
};

std::string Answer(const VerifyRequest& r, const std::string& digest) {
  const std::string verb = r.kind == DigestKind::kMd5 ? "/md5" : "/sha512";
  if (r.expected.empty()) return "verify " + verb + " (" + r.url + ") = " + digest + "\n";
  if (r.expected == digest) return "Verified (" + r.url + ") = " + digest + "\n";
  return "%Error verifying " + r.url + "\nComputed signature = " + digest +
         "\nSubmitted signature = " + r.expected + "\n";
}

// All the dots and the answer, for a digest known at once.
std::string ImmediateText(const VerifyRequest& r, const std::string& digest) {
  const uint64_t dots = VerifyDotCount(r.size);
  return VerifyDots(0, dots, dots) + VerifyDone(dots) + Answer(r, digest);
}

// Under realistic timing (or an injected slow hash) the dots come at the platform's MD5 pace (SHA-512 is given MD5's rate:
// both are CPU-bound and the platforms' figures are MD5's); the work ends the command.
void StartPacedVerify(Device& d, std::shared_ptr<PendingCommand> out, const VerifyRequest& r,
                      const std::string& digest) {
  const uint64_t rate = d.verify_rate().value_or(d.platform().md5_bytes_per_sec);
  auto work = std::make_shared<PacedVerify>(out, Pace(d.clock().Now(), rate), r.size,
                                            Answer(r, digest));
  out->OnInterrupt([weak = std::weak_ptr<PacedVerify>(work), url = r.url] {
    if (std::shared_ptr<PacedVerify> w = weak.lock()) w->Interrupt(url);
  });
  d.StartWork(work);
  work->Advance(d.clock().Now());
}

// Ends `ctx`'s command with the answer for `digest`.
void Conclude(CommandContext& ctx, const VerifyRequest& r, const std::string& digest) {
  Device& d = Dev(ctx);
  if (d.verify_rate()) return StartPacedVerify(d, ctx.Detach(), r, digest);
  ctx.Print(ImmediateText(r, digest));
}

// A digest being computed on the work pool. The device holds it as work so that a reload, a
// power-off or the device's end abandons it: its result then changes nothing.
class PooledDigest : public TimedWork {
 public:
  explicit PooledDigest(std::shared_ptr<PendingCommand> out) : out_(std::move(out)) {}
  bool Advance(WallTime) override { return over_; }
  std::optional<WallTime> NextWakeup() const override { return std::nullopt; }
  void Abandon() override { over_ = true; }
  // Ctrl-C / Ctrl-^ while the pool hashes: the command ends at once; the digest, when it comes,
  // changes nothing.
  void Interrupt(const std::string& url) {
    if (over_) return;
    over_ = true;
    out_->Print("%Error verifying " + url + " (Aborted)\n");
    out_->Finish();
  }

  // On the device's loop, when the pool is done. `store` is only touched if not abandoned. The
  // digest is remembered only if the file is still the one hashed (`hashed`): a copy over it
  // meanwhile must not inherit it.
  void Finish(Device& d, FlashStore& store, const std::string& path, const FileInfo& hashed,
              const VerifyRequest& r, const Result<std::string>& hex) {
    if (over_) return;
    over_ = true;  // dropped at the device's next tick
    if (!out_->alive()) return;
    if (!hex.ok()) {
      out_->Print("%Error reading " + r.url + " (" + IosReason(hex.status()) + ")\n");
      out_->Finish();
      return;
    }
    Result<FileInfo> now = store.Stat(path);
    if (now.ok() && now->size == hashed.size && now->mtime == hashed.mtime && !now->partial) {
      store.SetContentNote(path, DigestName(r.kind), *hex);
    }
    if (d.verify_rate()) return StartPacedVerify(d, std::move(out_), r, *hex);
    out_->Print(ImmediateText(r, *hex));
    out_->Finish();
  }

 private:
  std::shared_ptr<PendingCommand> out_;
  bool over_ = false;
};

void HashOnPool(CommandContext& ctx, WorkPool& pool, const ResolvedPath& where,
                const FileInfo& info, std::unique_ptr<FileReader> reader, const VerifyRequest& r) {
  Device& d = Dev(ctx);
  std::shared_ptr<PendingCommand> pending = ctx.Detach();
  auto work = std::make_shared<PooledDigest>(pending);
  pending->OnInterrupt([weak = std::weak_ptr<PooledDigest>(work), url = r.url] {
    if (std::shared_ptr<PooledDigest> w = weak.lock()) w->Interrupt(url);
  });
  d.StartWork(work);
  auto source = std::shared_ptr<FileReader>(std::move(reader));
  auto hex = std::make_shared<Result<std::string>>(Status(ErrorCode::kIoError, "not run"));
  FlashStore* store = where.store;
  pool.Submit([source, hex, kind = r.kind] { *hex = DigestReader(*source, kind); },
              [work, &d, store, path = where.path, info, r, hex] {
                work->Finish(d, *store, path, info, r, *hex);
              });
}

void Verify(CommandContext& ctx) {
  Device& d = Dev(ctx);
  VerifyRequest r{.url = ctx.Var(0),
                  .expected = ctx.VarCount() > 1 ? ctx.Var(1) : "",
                  .kind = ctx.Has("/md5") ? DigestKind::kMd5 : DigestKind::kSha512,
                  .size = 0};
  Result<ResolvedPath> where = d.file_systems().Resolve(r.url);
  Result<FileInfo> info = where.ok() ? where->store->Stat(where->path) : where.status();
  if (info.ok() && info->is_directory) info = Status(ErrorCode::kIsDirectory, r.url);
  if (!info.ok()) {
    ctx.Print("%Error opening " + r.url + " (" + IosReason(info.status()) + ")\n");
    return;
  }
  r.size = info->size;
  const std::string note(DigestName(r.kind));
  if (std::optional<std::string> known = where->store->ContentNote(where->path, note)) {
    return Conclude(ctx, r, *known);
  }
  Result<std::unique_ptr<FileReader>> reader = where->store->OpenRead(where->path);
  if (reader.ok() && d.work_pool() != nullptr) {
    return HashOnPool(ctx, *d.work_pool(), *where, *info, std::move(*reader), r);
  }
  Result<std::string> hex = reader.ok() ? DigestReader(**reader, r.kind) : reader.status();
  if (!hex.ok()) {
    ctx.Print("%Error reading " + r.url + " (" + IosReason(hex.status()) + ")\n");
    return;
  }
  where->store->SetContentNote(where->path, note, *hex);
  Conclude(ctx, r, *hex);
}

}  // namespace

void RegisterVerifyCommand(cli::CommandSet& set) {
  Declare(set, {"exec"},
          {.syntax = "verify (/md5|/sha512) URL [WORD]",
           .help = {"Verify a file", "Compute an MD5 signature for a file",
                    "Compute a SHA-512 signature for a file", "File to verify",
                    "Expected signature"},
           .privilege = 15, .pipeable = true},
          Verify);
}

}  // namespace iosup
