// copy between the network (tftp:, ftp:, http:, scp:) and the device, through the device's
// TransferPort: IOS's prompts, "Accessing ...", "Loading F from H (via IF): !!!", "[OK - N bytes]",
// and its errors. The command stays pending (the prompt waits) until the transfer ends.
//
// With realistic file timing (DeviceOptions) the copy keeps the platform's pace on the device's
// clock: the transfer itself runs as fast as the host allows, into the device's spool, and the
// device shows the '!' marks, writes the flash and reports "[OK]" at the platform's rate.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <functional>

#include "device/commands/device_session.h"
#include "device/commands/file_helpers.h"
#include "device/ios_errors.h"
#include "device/transfer_progress_text.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::PendingCommand;
using cli::Question;


std::atomic<uint64_t> next_spool_file{1};

TransferSettings SettingsOf(const Device& d) {
  TransferSettings s;
  s.tftp_blocksize = d.running_config().tftp_blocksize().value_or(512);
  s.source_interface = d.running_config().tftp_source_interface().value_or(
      d.platform().management_interface);
  return s;
}

// Prints progress for one transfer and finishes the command when it ends. Unpaced, the end is
// the transfer's; paced, it is the platform's (see the file comment) and a download goes
// through the spool. Either way the device tracks the copy: one whose session ends or whose
// device reloads (or goes) first cancels its transfer and leaves nothing behind (a new file
// vanishes, a replaced one stays); the device is never reached again.
class CopyJob : public TransferProgress, public TimedWork {
 public:
  CopyJob(Device& d, std::shared_ptr<PendingCommand> out, RemoteFile remote, bool download)
      : device_(d), out_(std::move(out)), remote_(std::move(remote)), download_(download),
        started_(d.clock().Now()) {}

  // Keeps the copy at `bytes_per_sec` from its start. Call before the transfer starts.
  void PaceAt(uint64_t bytes_per_sec) { pace_.emplace(started_, bytes_per_sec); }
  // Sends the download to `spool` first; returns the sink the transfer should fill.
  Result<FileWriter*> SpoolThrough(FlashStore* spool) {
    if (spool == nullptr) return Status(ErrorCode::kUnavailable, "no spool");
    spool_path_ = "copy-" + std::to_string(next_spool_file++);
    Result<std::unique_ptr<FileWriter>> w = spool->Create(spool_path_, std::nullopt);
    if (!w.ok()) return w.status();
    spool_ = spool;
    spool_writer_ = std::move(*w);
    return spool_writer_.get();
  }

  Status OnStart(std::optional<uint64_t> size) override {
    if (over_) return Status(ErrorCode::kAborted, "copy abandoned");
    if (download_ && size && free_for_file_ && *size > *free_for_file_) {
      return NoSpace("tsize " + std::to_string(*size));
    }
    if (download_) {
      out_->Print(LoadingLine(remote_.path, remote_.host, SettingsOf(device_).source_interface));
    }
    return Status::Ok();
  }
  void OnProgress(uint64_t bytes) override {
    received_ = bytes;
    if (!pace_) PrintBangs(bytes);
  }
  void OnTimeout() override {
    if (!over_) out_->Print(".");
  }

  // What the destination can take (free space plus what a replaced file frees); unset = no check.
  void set_free_for_file(uint64_t bytes) { free_for_file_ = bytes; }
  std::unique_ptr<FileWriter> writer;  // download destination, committed here
  std::function<void(const std::string&)> on_bytes;  // download into memory (running-config)
  StringWriter memory;

  // Starts the transfer through `start` (the port's Download or Upload) unless the copy is over
  // already, and keeps it to cancel.
  void Launch(const std::function<std::shared_ptr<TransferHandle>()>& start) {
    if (over_) return;
    transfer_ = start();
    if (dropped_) transfer_->Cancel();  // dropped while starting
  }

  // The transfer ended (the port's `done`).
  void Done(const Result<uint64_t>& r) {
    if (over_) return;  // dropped while the port was starting the transfer
    if (!pace_) return Finish(r);
    result_ = r;
    if (r.ok()) received_ = *r;
    if (spool_writer_) {
      Status s = r.ok() ? spool_writer_->Commit() : r.status();
      spool_committed_ = r.ok() && s.ok();
      Result<std::unique_ptr<FileReader>> in =
          s.ok() ? spool_->OpenRead(spool_path_) : Result<std::unique_ptr<FileReader>>(s);
      if (in.ok()) {
        mover_.emplace(std::move(*in), *writer);
      } else if (r.ok()) {
        result_ = in.status();
      }
    }
    Advance(device_.clock().Now());
  }

  bool Advance(WallTime now) override {
    if (over_) return true;
    if (!out_->alive()) {  // the session ended: the copy ends with it
      Drop();
      return true;
    }
    if (!pace_) return false;  // the transfer's end finishes it
    const uint64_t shown = std::min(received_, pace_->BytesBy(now));
    PrintBangs(shown);
    if (mover_) {
      if (Status s = mover_->MoveUpTo(shown); !s.ok()) {
        Finish(s);
        return true;
      }
    }
    if (!result_ || shown < received_ || (mover_ && !mover_->complete())) return false;
    Finish(*result_);
    return true;
  }

  std::optional<WallTime> NextWakeup() const override {
    if (over_ || !pace_) return std::nullopt;
    if (mover_ && mover_->moved() < std::min(received_, pace_->BytesBy(device_.clock().Now()))) {
      return device_.clock().Now();  // catching up
    }
    std::optional<WallTime> next;
    if (marks_.next_mark_at() <= received_) next = pace_->TimeFor(marks_.next_mark_at());
    if (result_) next = std::min(next.value_or(WallTime::max()), pace_->TimeFor(received_));
    return next;
  }

  void Abandon() override { Drop(); }

 private:
  void PrintBangs(uint64_t bytes) {
    if (const uint64_t n = marks_.Advance(bytes); n > 0) out_->Print(std::string(n, '!'));
  }

  void Finish(const Result<uint64_t>& r) {
    over_ = true;
    mover_.reset();
    ReleaseSpool();
    Status s = r.status();
    if (s.ok() && writer) s = writer->Commit();
    if (!s.ok()) {
      if (writer) writer->Abort();
      const bool space = s.code() == ErrorCode::kNoSpace;
      out_->Print(std::string(marks_.printed() > 0 ? "\n" : "") + (space ? "%Error copying " : "%Error opening ") +
                  remote_.Url() + " (" + IosReason(s) + ")\n");
    } else {
      const uint64_t n = *r;
      if (on_bytes) on_bytes(memory.bytes());
      out_->Print(download_ ? "\n[OK - " + std::to_string(n) + " bytes]\n\n" : "\n");
      out_->Print(CopiedLineFor(n, device_.clock().Now() - started_));
    }
    out_->Finish();
  }

  // Ends a copy without a word when its session or its device's run ends: the transfer is
  // cancelled, the destination left as it was (a new file vanishes, a replaced one stays), a
  // configuration not merged. Every writer is ended here, while the device's stores exist: the
  // port may hold this job (through its `done`) after the device is gone.
  void Drop() {
    if (over_) return;
    over_ = dropped_ = true;
    mover_.reset();
    if (transfer_) transfer_->Cancel();  // from now on the port leaves the sinks alone
    ReleaseSpool();
    if (writer) writer->Abort();
  }

  void ReleaseSpool() {
    if (!spool_writer_) return;
    if (spool_committed_) {
      (void)spool_->Delete(spool_path_);  // a leftover is swept at the next start
    } else {
      spool_writer_->Abort();
    }
    spool_writer_.reset();
  }

  Device& device_;
  std::shared_ptr<PendingCommand> out_;
  RemoteFile remote_;
  bool download_;
  WallTime started_;
  std::optional<uint64_t> free_for_file_;
  ProgressMarks marks_{kCopyBytesPerMark};
  uint64_t received_ = 0;  // by the transfer, which runs ahead of a paced copy

  std::shared_ptr<TransferHandle> transfer_;  // cancelled when the copy is dropped
  bool over_ = false;  // finished or dropped: nothing more is printed or written
  bool dropped_ = false;

  // Paced copies only.
  std::optional<Pace> pace_;
  std::optional<Result<uint64_t>> result_;  // the transfer's, held until the pace gets there
  FlashStore* spool_ = nullptr;
  std::string spool_path_;
  std::unique_ptr<FileWriter> spool_writer_;
  bool spool_committed_ = false;
  std::optional<FileMover> mover_;  // spool -> writer, at the pace
};

// Hands `job` to the device (which drops it when its session or its run ends), paced when the
// device asks for realistic timing.
void Track(Device& d, const std::shared_ptr<CopyJob>& job, uint64_t bytes_per_sec) {
  if (d.realistic_file_timing()) job->PaceAt(bytes_per_sec);
  d.StartWork(job);
}

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
    if (d.realistic_file_timing()) {
      Result<FileWriter*> spooled = job->SpoolThrough(d.spool());
      if (!spooled.ok()) return job->Done(spooled.status());
      sink = *spooled;
    }
  }
  Track(d, job, d.platform().RealisticDownloadRate());
  job->Launch([&] {
    return port->Download(remote, SettingsOf(d), *sink, *job,
                          [job](Result<uint64_t> r) { job->Done(r); });
  });
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
  Track(d, job, d.platform().tftp_copy_bytes_per_sec);
  job->Launch([&] {
    return port->Upload(remote, SettingsOf(d), reader, *job,
                        [job](Result<uint64_t> r) { job->Done(r); });
  });
}

// Fills in what IOS takes from the configuration when the URL has no credentials: ftp uses
// `ip ftp username` / `ip ftp password`, else logs in as anonymous with "user@hostname" as its
// password. Credentials not typed stay out of the URL IOS echoes.
RemoteFile WithConfiguredCredentials(CommandContext& ctx, RemoteFile remote) {
  if (remote.scheme != "ftp") return remote;
  const Config& config = Dev(ctx).running_config();
  const bool typed = !remote.user.empty() || !remote.password.empty();
  if (remote.user.empty()) remote.user = config.ftp_username().value_or("anonymous");
  if (remote.password.empty()) {
    remote.password =
        config.ftp_password().value_or(DevSession(ctx).line().user + "@" + Dev(ctx).hostname());
  }
  remote.credentials_typed = typed;
  return remote;
}

// scp asks for the password last, after the file names (and an overwrite), as IOS does; a
// password in the URL is used as given.
void WithPassword(CommandContext& ctx, RemoteFile remote,
                  std::function<void(CommandContext&, const RemoteFile&)> then) {
  if (remote.scheme != "scp" || !remote.password.empty()) return then(ctx, remote);
  ctx.Ask({Question::Kind::kSecret, "Password: ", ""},
          [remote, then](CommandContext& c, const std::string& password) mutable {
            remote.password = password;
            then(c, remote);
          });
}

void Upload(CommandContext& ctx, const std::string& src, const RemoteFile& remote) {
  WithPassword(ctx, WithConfiguredCredentials(ctx, remote),
               [src](CommandContext& c, const RemoteFile& r) { StartUpload(c, src, r); });
}

void Download(CommandContext& ctx, const RemoteFile& remote, const std::string& dst) {
  WithPassword(ctx, WithConfiguredCredentials(ctx, remote),
               [dst](CommandContext& c, const RemoteFile& r) { StartDownload(c, r, dst); });
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
                if (yes == "y") Download(c, remote, dst);
              });
      return;
    }
  }
  Download(ctx, remote, dst);
}

// The destination in the device, from what was typed and the file name chosen.
std::string LocalDestination(const std::string& dst, const std::string& name) {
  if (dst == "running-config" || dst == "startup-config") return dst;
  return TypedDirectory(dst) + name;
}

// The user name `copy scp:` offers: `ip rcmd remote-username`, else the session's user, else the
// hostname (IOS's order for rcp and scp).
std::string DefaultRemoteUser(CommandContext& ctx) {
  if (auto u = Dev(ctx).running_config().rcmd_remote_username()) return *u;
  const std::string& user = DevSession(ctx).line().user;
  return user.empty() ? Dev(ctx).hostname() : user;
}

// The rest of a copy's dialog once the remote end is known as far as it was typed: IOS asks
// for what is missing, one question at a time, in its order (host, user name for scp, file
// names; the password last).
struct CopyDialog {
  bool download = true;
  std::string src, dst;  // as typed (the network one only names the scheme when not a full URL)
  RemoteFile remote;
  bool full_url = false;  // host and file came in the URL

  void AskHost(CommandContext& ctx) const {
    if (full_url) return AskUser(ctx);
    ctx.Ask({Question::Kind::kLine, "Address or name of remote host []? ", ""},
            [d = *this](CommandContext& c, const std::string& host) mutable {
              if (host.empty()) return c.Print("%Error parsing filename (Invalid argument)\n");
              d.remote.host = host;
              d.AskUser(c);
            });
  }
  void AskUser(CommandContext& ctx) const {
    if (remote.scheme != "scp" || !remote.user.empty()) return AskFile(ctx);
    const std::string def = DefaultRemoteUser(ctx);
    ctx.Ask({Question::Kind::kLine,
             std::string(download ? "Source" : "Destination") + " username [" + def + "]? ", def},
            [d = *this](CommandContext& c, const std::string& user) mutable {
              d.remote.user = user;
              d.AskFile(c);
            });
  }
  void AskFile(CommandContext& ctx) const {
    if (!download) return AskUploadName(ctx);
    if (full_url) return AskLocalName(ctx);
    ctx.Ask({Question::Kind::kLine, "Source filename []? ", ""},
            [d = *this](CommandContext& c, const std::string& f) mutable {
              d.remote.path = f;
              d.AskLocalName(c);
            });
  }
  void AskLocalName(CommandContext& ctx) const {
    if (dst == "running-config") return DownloadTo(ctx, remote, dst);
    // "copy tftp://h/f flash:name" offers "name"; "copy tftp://h/f flash:" offers "f".
    const std::string typed_name = dst.substr(TypedDirectory(dst).size());
    const std::string def = typed_name.empty() ? BaseName(remote.path) : typed_name;
    auto go = [remote = remote, dst = dst](CommandContext& c, const std::string& name) {
      DownloadTo(c, remote, LocalDestination(dst, name));
    };
    if (full_url && QuietFilePrompts(ctx)) return go(ctx, def);
    ctx.Ask({Question::Kind::kLine, "Destination filename [" + def + "]? ", def}, go);
  }
  void AskUploadName(CommandContext& ctx) const {
    if (full_url) return Upload(ctx, src, remote);
    // IOS offers a configuration under the hostname in lower case ("r1-confg"); a file keeps
    // its own name, case and all.
    std::string def = BaseName(src);
    if (src == "running-config" || src == "startup-config") {
      def = Dev(ctx).hostname() + "-confg";
      std::transform(def.begin(), def.end(), def.begin(),
                     [](unsigned char ch) { return std::tolower(ch); });
    }
    ctx.Ask({Question::Kind::kLine, "Destination filename [" + def + "]? ", def},
            [d = *this](CommandContext& c, const std::string& f) mutable {
              d.remote.path = f;
              Upload(c, d.src, d.remote);
            });
  }
};

}  // namespace

void NetworkCopy(CommandContext& ctx, const std::string& src, const std::string& dst) {
  CopyDialog dialog;
  dialog.download = IsNetworkUrl(src);
  dialog.src = src;
  dialog.dst = dst;
  const std::string url = dialog.download ? src : dst;
  Result<RemoteFile> full = ParseRemoteUrl(url);
  dialog.full_url = full.ok();
  dialog.remote = full.ok() ? *full : RemoteFile{.scheme = url.substr(0, url.find(':'))};
  dialog.AskHost(ctx);
}

}  // namespace iosup
