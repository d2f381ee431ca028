// Network recovery from a monitor prompt, through the device's TransferPort:
// ROMMON `tftpdnld` (writes TFTP_FILE to the primary file system, formatting it first where the
// platform's tftpdnld does, then boots it) and the switch loader's `boot tftp://HOST/FILE`
// (loads the image into memory and boots it). Both keep the prompt waiting until the transfer
// ends; the device tracks them as its work, so a reset, power-off or the device's end cancels the
// transfer and nothing is written or booted. Wording: formats.md 5.9 (real 1841 / C831 tftpdnld) and seed 001 section 8.
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "device/commands/loader_session.h"
#include "device/commands/monitor_commands.h"
#include "device/ios_errors.h"
#include "device/transfer_progress_text.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::PendingCommand;
using cli::Question;

constexpr int kBangsPerLine = 80;

constexpr const char* kRequired[] = {"IP_ADDRESS", "IP_SUBNET_MASK", "DEFAULT_GATEWAY",
                                     "TFTP_SERVER", "TFTP_FILE"};
constexpr const char* kOptional[] = {"TFTP_MACADDR", "TFTP_VERBOSE", "TFTP_RETRY_COUNT",
                                     "TFTP_TIMEOUT", "TFTP_CHECKSUM", "GE_PORT", "FE_PORT"};

constexpr char kTftpdnldUsage[] =
    "usage: tftpdnld [-r]\n"
    "  Use this command for disaster recovery only to recover an image via TFTP.\n"
    "  Monitor variables are used to set up parameters for the transfer.\n"
    "  (Syntax: \"VARIABLE_NAME=value\" and use \"set\" to show current variables.)\n"
    "  \"ctrl-c\" or \"break\" stops the transfer before flash erase begins.\n\n"
    "  The following variables are REQUIRED to be set for tftpdnld:\n"
    "            IP_ADDRESS: The IP address for this unit\n"
    "        IP_SUBNET_MASK: The subnet mask for this unit\n"
    "       DEFAULT_GATEWAY: The default gateway for this unit\n"
    "           TFTP_SERVER: The IP address of the server to fetch from\n"
    "             TFTP_FILE: The filename to fetch\n";

// Prints '!' as data arrives, wrapped at 80 columns as ROMMON does.
class BangProgress : public TransferProgress {
 public:
  explicit BangProgress(std::shared_ptr<PendingCommand> out) : out_(std::move(out)) {}
  Status OnStart(std::optional<uint64_t>) override { return Status::Ok(); }
  void OnProgress(uint64_t bytes) override {
    const uint64_t first = marks_.printed();
    const uint64_t end = first + marks_.Advance(bytes);
    for (uint64_t i = first; i < end; ++i) {
      out_->Print(i > 0 && i % kBangsPerLine == 0 ? "\n!" : "!");
    }
  }
  void OnTimeout() override { out_->Print("."); }
  PendingCommand& out() { return *out_; }

 private:
  std::shared_ptr<PendingCommand> out_;
  ProgressMarks marks_{kRommonBytesPerMark};
};

// A monitor command's transfer as the device's work: over when the transfer has ended (Done),
// cancelled when the device leaves the monitor before that.
class MonitorTransfer : public BangProgress, public TimedWork {
 public:
  using BangProgress::BangProgress;
  // Starts the transfer through `start` (the port's Download), once the device tracks this work,
  // unless the device abandoned it already.
  void Launch(const std::function<std::shared_ptr<TransferHandle>()>& start) {
    if (over_) return;
    transfer_ = start();
    if (abandoned_) transfer_->Cancel();  // abandoned while starting
  }
  bool Advance(WallTime) override { return over_; }
  std::optional<WallTime> NextWakeup() const override { return std::nullopt; }
  void Abandon() override {
    if (over_) return;
    over_ = abandoned_ = true;
    if (transfer_) transfer_->Cancel();
    ReleaseSink();
  }

 protected:
  // The transfer's end: true when it is this command's to handle (not abandoned before).
  bool End() { return !std::exchange(over_, true); }
  // What the transfer filled, dropped unused: the port no longer touches it.
  virtual void ReleaseSink() = 0;

 private:
  std::shared_ptr<TransferHandle> transfer_;
  bool over_ = false;       // ended or abandoned
  bool abandoned_ = false;  // by the device, before the end
};

struct Tftpdnld : MonitorTransfer {
  using MonitorTransfer::MonitorTransfer;
  Device* device = nullptr;
  RemoteFile remote;
  ResolvedPath dest;
  std::unique_ptr<FileWriter> writer;

  void ReleaseSink() override { writer->Abort(); }  // ended while the device's store exists

  void Done(const Result<uint64_t>& r) {
    if (!End()) return;
    Status s = r.status();
    if (s.ok()) s = writer->Commit();
    if (!s.ok()) {
      writer->Abort();
      out().Print("\nERROR: " + remote.path + ": " + IosReason(s) + "\n");
      return out().Finish();
    }
    const std::string n = std::to_string(*r);
    out().Print("\n[OK - " + n + "/" + n + " bytes]\n\nFile reception completed.\n"
                "Validating checksum.\nCopying file " + remote.path + " to flash.\n");
    if (device->platform().tftpdnld_erases_flash) {
      out().Print("Format: Operation completed successfully.\nFormat of flash: complete\n");
    }
    out().Print("Booting " + dest.Display() + "\n");
    if (!device->MonitorBoot({BootStatement{.kind = BootStatement::Kind::kFile, .path = dest.Display(), .host = ""}})) {
      out().Finish();
    }
  }
};

void StartTftpdnld(CommandContext& c) {
  Device& d = Loader(c).device();
  MonitorVariables& vars = d.monitor_variables();
  auto job = std::make_shared<Tftpdnld>(c.Detach());
  job->device = &d;
  job->remote.host = *vars.Get("TFTP_SERVER");
  job->remote.path = *vars.Get("TFTP_FILE");
  const ResolvedPath& primary = d.file_systems().primary();
  if (d.platform().tftpdnld_erases_flash) (void)primary.store->Format();
  job->dest = primary;
  job->dest.path = std::string(SplitParent(job->remote.path).second);
  Result<std::unique_ptr<FileWriter>> w = primary.store->Create(job->dest.path, std::nullopt);
  if (!w.ok() || d.transfer() == nullptr) {
    job->out().Print("ERROR: " + (w.ok() ? std::string("no network") : IosReason(w.status())) + "\n");
    return job->out().Finish();
  }
  job->writer = std::move(*w);
  job->out().Print("Receiving " + job->remote.path + " from " + job->remote.host + " ");
  d.StartWork(job);
  job->Launch([&] {
    return d.transfer()->Download(
        job->remote, {.tftp_blocksize = 512, .source_interface = d.platform().management_interface},
        *job->writer, *job, [job](Result<uint64_t> r) { job->Done(r); });
  });
}

}  // namespace

void RommonTftpdnld(CommandContext& c) {
  MonitorVariables& vars = Loader(c).device().monitor_variables();
  for (const char* name : kRequired) {
    if (vars.Get(name).value_or("").empty()) {
      c.Print(std::string("\nMissing or illegal ip address for variable ") + name + "\n" +
              kTftpdnldUsage);
      return;
    }
  }
  std::string out = "\n";
  for (const char* name : kRequired) out += std::string(name) + ": " + *vars.Get(name) + "\n";
  for (const char* name : kOptional) {
    if (auto v = vars.Get(name)) out += std::string(name) + ": " + *v + "\n";
  }
  out += "\nInvoke this command for disaster recovery only.\n"
         "WARNING: all existing data in all partitions on flash will be lost!\n";
  c.Print(out);
  c.Ask({Question::Kind::kLine, "Do you wish to continue? y/n: [n]: ", "n"},
        [](CommandContext& c2, const std::string& a) {
          if (!a.empty() && (a[0] == 'y' || a[0] == 'Y')) StartTftpdnld(c2);
        });
}

namespace {

struct TftpBoot : MonitorTransfer {
  using MonitorTransfer::MonitorTransfer;
  Device* device = nullptr;
  RemoteFile remote;
  std::unique_ptr<ImageBuffer> image;  // the device's (a scratch file in a lab)

  void ReleaseSink() override { image.reset(); }

  void Done(const Result<uint64_t>& r) {
    if (!End()) return;
    if (!r.ok()) {
      out().Print("\nError loading \"" + remote.Url() + "\" (" + IosReason(r.status()) + ")\n");
      return out().Finish();
    }
    out().Print(" [OK]\nBooting image...\n");
    if (!device->BootReceivedImage(remote.host, remote.path, image->TakeReader())) {
      out().Finish();
    }
  }
};

}  // namespace

void LoaderTftpBoot(CommandContext& c, const std::string& url) {
  Device& d = Loader(c).device();
  Result<RemoteFile> remote = ParseRemoteUrl(url);
  Result<std::unique_ptr<ImageBuffer>> image = d.NewImageBuffer();
  if (!remote.ok() || remote->scheme != "tftp" || d.transfer() == nullptr || !image.ok()) {
    c.Print("Error loading \"" + url + "\"\n");
    return;
  }
  auto job = std::make_shared<TftpBoot>(c.Detach());
  job->image = std::move(*image);
  job->device = &d;
  job->remote = *remote;
  job->out().Print("Loading " + remote->path + " from " + remote->host + ": ");
  d.StartWork(job);
  job->Launch([&] {
    return d.transfer()->Download(
        *remote, {.tftp_blocksize = 512, .source_interface = d.platform().management_interface},
        *job->image, *job, [job](Result<uint64_t> r) { job->Done(r); });
  });
}

}  // namespace iosup
