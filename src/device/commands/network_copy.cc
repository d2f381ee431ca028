// copy between the network (tftp:, ftp:, http:, scp:) and the device, through the device's
// TransferPort: IOS's prompts, "Accessing ...", "Loading F from H (via IF): !!!", "[OK - N bytes]",
// and its errors. The command stays pending (the prompt waits) until the transfer ends.
#include <algorithm>

#include "device/commands/device_session.h"
#include "device/commands/file_helpers.h"
#include "device/ios_errors.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::PendingCommand;
using cli::Question;

constexpr uint64_t kBangBytes = 512 * 1024;  // one '!' per this much data

TransferSettings SettingsOf(const Device& d) {
  TransferSettings s;
  s.tftp_blocksize = d.running_config().tftp_blocksize().value_or(512);
  s.source_interface = d.running_config().tftp_source_interface().value_or(
      d.platform().management_interface);
  return s;
}

// Prints progress for one transfer and finishes the command when it ends.
class CopyJob : public TransferProgress, public std::enable_shared_from_this<CopyJob> {
 public:
  CopyJob(Device& d, std::shared_ptr<PendingCommand> out, RemoteFile remote, bool download)
      : device_(d), out_(std::move(out)), remote_(std::move(remote)), download_(download),
        started_(d.clock().Now()) {}

  Status OnStart(std::optional<uint64_t> size) override {
    if (download_ && size && free_for_file_ && *size > *free_for_file_) {
      return NoSpace("tsize " + std::to_string(*size));
    }
    if (download_) {
      out_->Print("Loading " + remote_.path + " from " + remote_.host + " (via " +
                  SettingsOf(device_).source_interface + "): ");
    }
    return Status::Ok();
  }
  void OnProgress(uint64_t bytes) override {
    while (bangs_ * kBangBytes < bytes) {
      out_->Print("!");
      ++bangs_;
    }
  }
  void OnTimeout() override { out_->Print("."); }

  // What the destination can take (free space plus what a replaced file frees); unset = no check.
  void set_free_for_file(uint64_t bytes) { free_for_file_ = bytes; }
  std::unique_ptr<FileWriter> writer;  // download destination, committed here
  std::function<void(const std::string&)> on_bytes;  // download into memory (running-config)
  StringWriter memory;

  void Done(const Result<uint64_t>& r) {
    Status s = r.status();
    if (s.ok() && writer) s = writer->Commit();
    if (!s.ok()) {
      if (writer) writer->Abort();
      const bool space = s.code() == ErrorCode::kNoSpace;
      out_->Print(std::string(bangs_ > 0 ? "\n" : "") + (space ? "%Error copying " : "%Error opening ") +
                  remote_.Url() + " (" + IosReason(s) + ")\n");
    } else {
      const uint64_t n = *r;
      if (on_bytes) on_bytes(memory.bytes());
      const double secs =
          std::chrono::duration<double>(device_.clock().Now() - started_).count();
      const uint64_t rate = secs > 0 ? static_cast<uint64_t>(n / secs) : 0;
      out_->Print(download_ ? "\n[OK - " + std::to_string(n) + " bytes]\n\n" : "\n");
      out_->Print(CopiedLine(n, rate));
    }
    out_->Finish();
  }

 private:
  Device& device_;
  std::shared_ptr<PendingCommand> out_;
  RemoteFile remote_;
  bool download_;
  WallTime started_;
  std::optional<uint64_t> free_for_file_;
  uint64_t bangs_ = 0;
};

void StartDownload(CommandContext& ctx, const RemoteFile& remote, const std::string& dst) {
  Device& d = Dev(ctx);
  ctx.Print("Accessing " + remote.Url() + "...\n");
  TransferPort* port = d.transfer();
  if (port == nullptr) {
    ctx.Print("%Error opening " + remote.Url() + " (Timed out)\n");
    return;
  }
  auto job = std::make_shared<CopyJob>(d, ctx.Detach(), remote, /*download=*/true);
  FileWriter* sink = &job->memory;
  if (dst == "running-config") {
    job->on_bytes = [&d](const std::string& text) { d.running_config().Merge(Config::Parse(text)); };
  } else {
    Result<ResolvedPath> where = d.file_systems().Resolve(dst);
    Result<std::unique_ptr<FileWriter>> w =
        where.ok() ? where->store->Create(where->path, std::nullopt) : where.status();
    if (!w.ok()) {
      job->Done(w.status());
      return;
    }
    job->set_free_for_file(where->store->Space().free());
    job->writer = std::move(*w);
    sink = job->writer.get();
  }
  port->Download(remote, SettingsOf(d), *sink, *job,
                 [job](Result<uint64_t> r) { job->Done(r); });
}

void StartUpload(CommandContext& ctx, const std::string& src, const RemoteFile& remote) {
  Device& d = Dev(ctx);
  std::shared_ptr<FileReader> reader;
  if (src == "running-config") {
    reader = StringReader(d.RenderRunning());
  } else {
    Result<ResolvedPath> where = d.file_systems().Resolve(
        src == "startup-config" ? d.platform().startup_config_path : src);
    Result<std::unique_ptr<FileReader>> r =
        where.ok() ? where->store->OpenRead(where->path) : where.status();
    if (!r.ok()) {
      ctx.Print("%Error opening " + src + " (" + IosReason(r.status()) + ")\n");
      return;
    }
    reader = std::move(*r);
  }
  TransferPort* port = d.transfer();
  if (port == nullptr) {
    ctx.Print("%Error opening " + remote.Url() + " (Timed out)\n");
    return;
  }
  auto job = std::make_shared<CopyJob>(d, ctx.Detach(), remote, /*download=*/false);
  port->Upload(remote, SettingsOf(d), reader, *job, [job](Result<uint64_t> r) { job->Done(r); });
}

// Asks to overwrite an existing destination file, then downloads.
void DownloadTo(CommandContext& ctx, const RemoteFile& remote, const std::string& dst) {
  if (dst != "running-config") {
    Result<ResolvedPath> where = Dev(ctx).file_systems().Resolve(dst);
    if (where.ok() && where->store->Stat(where->path).ok() && !QuietFilePrompts(ctx)) {
      ctx.Ask({Question::Kind::kConfirm,
               "%Warning:There is a file already existing with this name \nDo you want to over write? [confirm]", ""},
              [remote, dst](CommandContext& c, const std::string& yes) {
                // The old file stays until the new one is complete (the store replaces it at
                // commit): a failed transfer never costs the image that was there.
                if (yes == "y") StartDownload(c, remote, dst);
              });
      return;
    }
  }
  StartDownload(ctx, remote, dst);
}

// The destination in the device, from what was typed and the file name chosen.
std::string LocalDestination(const std::string& dst, const std::string& name) {
  if (dst == "running-config" || dst == "startup-config") return dst;
  return TypedDirectory(dst) + name;
}

}  // namespace

void NetworkCopy(CommandContext& ctx, const std::string& src, const std::string& dst) {
  const bool download = IsNetworkUrl(src);
  const std::string url = download ? src : dst;
  const std::string scheme = url.substr(0, url.find(':'));
  Result<RemoteFile> full = ParseRemoteUrl(url);
  if (full.ok()) {  // host and file in the URL: only the local name is asked
    if (!download) return StartUpload(ctx, src, *full);
    if (dst == "running-config") return DownloadTo(ctx, *full, dst);
    // "copy tftp://h/f flash:name" offers "name"; "copy tftp://h/f flash:" offers "f".
    const std::string typed_name = dst.substr(TypedDirectory(dst).size());
    const std::string def = typed_name.empty() ? BaseName(full->path) : typed_name;
    auto go = [remote = *full, dst](CommandContext& c, const std::string& name) {
      DownloadTo(c, remote, LocalDestination(dst, name));
    };
    if (QuietFilePrompts(ctx)) return go(ctx, def);
    ctx.Ask({Question::Kind::kLine, "Destination filename [" + def + "]? ", def}, go);
    return;
  }
  ctx.Ask({Question::Kind::kLine, "Address or name of remote host []? ", ""},
          [download, src, dst, scheme](CommandContext& c, const std::string& host) {
            if (host.empty()) {
              c.Print("%Error parsing filename (Invalid argument)\n");
              return;
            }
            RemoteFile remote{.scheme = scheme, .host = host};
            if (!download) {
              std::string def = src == "running-config" || src == "startup-config"
                                    ? Dev(c).hostname() + "-confg"
                                    : BaseName(src);
              std::transform(def.begin(), def.end(), def.begin(), ::tolower);
              c.Ask({Question::Kind::kLine, "Destination filename [" + def + "]? ", def},
                    [remote, src](CommandContext& c2, const std::string& f) mutable {
                      remote.path = f;
                      StartUpload(c2, src, remote);
                    });
              return;
            }
            c.Ask({Question::Kind::kLine, "Source filename []? ", ""},
                  [remote, dst](CommandContext& c2, const std::string& f) mutable {
                    remote.path = f;
                    if (dst == "running-config") return DownloadTo(c2, remote, dst);
                    c2.Ask({Question::Kind::kLine, "Destination filename [" + BaseName(f) + "]? ", BaseName(f)},
                           [remote, dst](CommandContext& c3, const std::string& name) {
                             DownloadTo(c3, remote, LocalDestination(dst, name));
                           });
                  });
          });
}

}  // namespace iosup
