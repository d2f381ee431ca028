#include "frontend/scp_protocol.h"

#include <chrono>

#include <algorithm>
#include <charconv>
#include <vector>

namespace iosup {
namespace {

constexpr size_t kMaxHeaderLine = 1024;
constexpr size_t kReadChunk = 32 * 1024;

std::vector<std::string> SplitWords(std::string_view line) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size()) break;
    size_t end = line.find(' ', i);
    if (end == std::string_view::npos) end = line.size();
    words.emplace_back(line.substr(i, end - i));
    i = end;
  }
  return words;
}

std::string Unquote(const std::string& s) {
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front()) {
    return s.substr(1, s.size() - 2);
  }
  return s;
}

// Shared by sink and source: the output queue and the ending.
class TransferBase : public ScpTransfer {
 public:
  std::string TakeOutput(size_t budget) override {
    const size_t n = std::min(budget, out_.size());
    std::string chunk = out_.substr(0, n);
    out_.erase(0, n);
    return chunk;
  }
  bool HasOutput() const override { return !out_.empty(); }
  bool done() const override { return done_ && out_.empty(); }
  int exit_status() const override { return exit_status_; }

 protected:
  void Ack() { out_ += '\0'; }
  // A fatal error: the client prints `message` and gives up.
  void Fail(const std::string& message) {
    out_ += '\x02';
    out_ += message + "\n";
    Finish(1);
  }
  void Finish(int status) {
    done_ = true;
    exit_status_ = status;
  }

  std::string out_;
  bool done_ = false;
  int exit_status_ = 0;
};

class ScpSink : public TransferBase {
 public:
  ScpSink(FileSystemTable& table, std::string path) : table_(table), path_(std::move(path)) {
    Ack();  // ready for the first header
  }
  ~ScpSink() override { AbortWriter(); }

  void Feed(std::string_view in) override {
    while (!in.empty() && !done_) {
      if (state_ == State::kHeader) {
        in = FeedHeader(in);
      } else if (state_ == State::kData) {
        in = FeedData(in);
      } else {  // kDataAck
        OnDataAck(in.front());
        in.remove_prefix(1);
      }
    }
  }

  void EndOfInput() override {
    if (done_) return;
    // Every byte the header announced came, then EOF instead of the closing '\0': libssh2 (so
    // curl) ends an upload that way, and OpenSSH's scp -t keeps such a file too.
    if (state_ == State::kDataAck) {
      Status s = writer_->Commit();
      writer_.reset();
      return Finish(s.ok() ? 0 : 1);
    }
    if (state_ != State::kHeader || !line_.empty()) {
      AbortWriter();
      return Finish(1);  // broken upload: nothing stays
    }
    Finish(0);
  }

 private:
  enum class State { kHeader, kData, kDataAck };

  std::string_view FeedHeader(std::string_view in) {
    const size_t nl = in.find('\n');
    line_ += in.substr(0, nl == std::string_view::npos ? in.size() : nl);
    if (line_.size() > kMaxHeaderLine) {
      Fail("scp: protocol error: header too long");
      return {};
    }
    if (nl == std::string_view::npos) return {};
    std::string line = std::move(line_);
    line_.clear();
    OnHeader(line);
    return in.substr(nl + 1);
  }

  void OnHeader(const std::string& line) {
    if (line.empty()) return Fail("scp: protocol error: empty header");
    switch (line[0]) {
      case 'C': return OnFileHeader(line);
      case 'T': return Ack();  // times (-p): IOS keeps its own
      case 'E': return Ack();
      case 'D': return Fail("scp: " + path_ + ": directories are not supported");
      case '\x01':
      case '\x02': return Finish(1);  // the client reports its own error
      default: return Fail("scp: protocol error: unexpected header");
    }
  }

  // "C0644 <size> <name>"
  void OnFileHeader(const std::string& line) {
    std::vector<std::string> w = SplitWords(line);
    uint64_t size = 0;
    if (w.size() < 3 ||
        std::from_chars(w[1].data(), w[1].data() + w[1].size(), size).ec != std::errc()) {
      return Fail("scp: protocol error: bad file header");
    }
    Result<ResolvedPath> target = Target(w[2]);
    if (!target.ok()) return Fail("%Error opening " + path_ + " (" + IosReason(target.status()) + ")");
    auto writer = target->store->Create(target->path, size);
    if (!writer.ok()) {
      return Fail("%Error opening " + target->Display() + " (" + IosReason(writer.status()) + ")");
    }
    writer_ = std::move(*writer);
    display_ = target->Display();
    remaining_ = size;
    state_ = size == 0 ? State::kDataAck : State::kData;
    Ack();
  }

  // The file the header names: `path_` itself, or `name` inside it when it is a directory.
  Result<ResolvedPath> Target(const std::string& name) {
    Result<ResolvedPath> r = table_.Resolve(path_);
    if (!r.ok()) return r.status();
    bool is_dir = r->path.empty();
    if (!is_dir) {
      Result<FileInfo> info = r->store->Stat(r->path);
      is_dir = info.ok() && info->is_directory;
    }
    if (!is_dir) return r;
    if (name.find('/') != std::string::npos || name == "." || name == "..") {
      return InvalidArgument("bad file name");
    }
    r->path = r->path.empty() ? name : r->path + "/" + name;
    return r;
  }

  std::string_view FeedData(std::string_view in) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(remaining_, in.size()));
    Status s = writer_->Append({reinterpret_cast<const uint8_t*>(in.data()), n});
    if (!s.ok()) {
      AbortWriter();
      Fail("%Error writing " + display_ + " (" + IosReason(s) + ")");
      return {};
    }
    remaining_ -= n;
    if (remaining_ == 0) state_ = State::kDataAck;
    return in.substr(n);
  }

  void OnDataAck(char c) {
    if (c != '\0') {  // the client could not read its file: drop ours
      AbortWriter();
      return Finish(1);
    }
    Status s = writer_->Commit();
    writer_.reset();
    if (!s.ok()) return Fail("%Error writing " + display_ + " (" + IosReason(s) + ")");
    state_ = State::kHeader;
    Ack();
  }

  void AbortWriter() {
    if (writer_) writer_->Abort();
    writer_.reset();
  }

  FileSystemTable& table_;
  std::string path_;
  State state_ = State::kHeader;
  std::string line_;
  std::unique_ptr<FileWriter> writer_;
  std::string display_;
  uint64_t remaining_ = 0;
};

class ScpSource : public TransferBase {
 public:
  ScpSource(FileSystemTable& table, std::string path, bool preserve_times)
      : table_(table), path_(std::move(path)), preserve_times_(preserve_times) {}

  void Feed(std::string_view in) override {
    for (char c : in) {
      if (done_) return;
      if (c != '\0') return Finish(1);  // the client refused
      OnAck();
    }
  }
  void EndOfInput() override {
    if (!done_) Finish(state_ == State::kFinalAck ? 0 : 1);
  }

  std::string TakeOutput(size_t budget) override {
    if (state_ == State::kSending && out_.size() < budget) Produce(budget - out_.size());
    return TransferBase::TakeOutput(budget);
  }
  bool HasOutput() const override { return !out_.empty() || state_ == State::kSending; }

 private:
  enum class State { kStart, kTimesAck, kHeaderAck, kSending, kFinalAck };

  void OnAck() {
    switch (state_) {
      case State::kStart: return preserve_times_ ? SendTimes() : SendHeader();
      case State::kTimesAck: return SendHeader();
      case State::kHeaderAck: state_ = State::kSending; return;
      case State::kSending: return Finish(1);  // unexpected
      case State::kFinalAck: return Finish(0);
    }
  }

  void SendTimes() {
    Result<ResolvedPath> r = table_.Resolve(path_);
    Result<FileInfo> info = r.ok() ? r->store->Stat(r->path) : Result<FileInfo>(r.status());
    if (!info.ok()) return SendHeader();  // which reports the error
    const long long t =
        std::chrono::duration_cast<std::chrono::seconds>(info->mtime.time_since_epoch()).count();
    out_ += "T" + std::to_string(t) + " 0 " + std::to_string(t) + " 0\n";
    state_ = State::kTimesAck;
  }

  void SendHeader() {
    Result<ResolvedPath> r = table_.Resolve(path_);
    Result<std::unique_ptr<FileReader>> reader =
        r.ok() ? r->store->OpenRead(r->path) : Result<std::unique_ptr<FileReader>>(r.status());
    if (!reader.ok()) {
      out_ += "\x01%Error opening " + path_ + " (" + IosReason(reader.status()) + ")\n";
      return Finish(1);
    }
    reader_ = std::move(*reader);
    // The name as the client asked for it (its last '/' component): OpenSSH checks that the
    // header names what it requested ("flash:/x.bin" -> "x.bin", "flash:x.bin" -> itself).
    const size_t slash = path_.rfind('/');
    const std::string name = slash == std::string::npos ? path_ : path_.substr(slash + 1);
    out_ += "C0644 " + std::to_string(reader_->size()) + " " + name + "\n";
    state_ = State::kHeaderAck;
  }

  void Produce(size_t budget) {
    const uint64_t left = reader_->size() - offset_;
    std::string chunk(static_cast<size_t>(std::min<uint64_t>({left, budget, kReadChunk})), '\0');
    if (!chunk.empty()) {
      Result<size_t> n = reader_->ReadAt(
          offset_, {reinterpret_cast<uint8_t*>(chunk.data()), chunk.size()});
      if (!n.ok() || *n == 0) {
        out_ += '\x02';
        out_ += "%Error reading " + path_ + " (" + IosReason(n.status()) + ")\n";
        return Finish(1);
      }
      chunk.resize(*n);
      offset_ += *n;
      out_ += chunk;
    }
    if (offset_ == reader_->size()) {
      Ack();
      state_ = State::kFinalAck;
    }
  }

  FileSystemTable& table_;
  std::string path_;
  bool preserve_times_;
  State state_ = State::kStart;
  std::unique_ptr<FileReader> reader_;
  uint64_t offset_ = 0;
};

// IOS without `ip scp server enable`: the client reads this and the channel closes.
class ScpRefusal : public TransferBase {
 public:
  ScpRefusal() {
    out_ += "\x01" "Administratively disabled.\n";
    Finish(1);
  }
  void Feed(std::string_view) override {}
  void EndOfInput() override {}
};

}  // namespace

std::optional<ScpCommand> ParseScpCommand(std::string_view line) {
  std::vector<std::string> w = SplitWords(line);
  if (w.empty() || w[0] != "scp") return std::nullopt;
  ScpCommand cmd;
  bool have_mode = false;
  size_t i = 1;
  for (; i < w.size() && w[i].size() > 1 && w[i][0] == '-'; ++i) {
    if (w[i] == "--") {
      ++i;
      break;
    }
    for (char c : std::string_view(w[i]).substr(1)) {
      if (c == 't') cmd.mode = ScpCommand::Mode::kSink, have_mode = true;
      if (c == 'f') cmd.mode = ScpCommand::Mode::kSource, have_mode = true;
      if (c == 'r') cmd.recursive = true;
      if (c == 'p') cmd.preserve_times = true;
    }
  }
  if (!have_mode || i >= w.size()) return std::nullopt;
  std::string path = w[i];
  for (++i; i < w.size(); ++i) path += " " + w[i];
  cmd.path = Unquote(path);
  return cmd;
}

std::unique_ptr<ScpTransfer> MakeScpSink(FileSystemTable& table, std::string path) {
  return std::make_unique<ScpSink>(table, std::move(path));
}
std::unique_ptr<ScpTransfer> MakeScpSource(FileSystemTable& table, std::string path,
                                           bool preserve_times) {
  return std::make_unique<ScpSource>(table, std::move(path), preserve_times);
}
std::unique_ptr<ScpTransfer> MakeScpRefusal() { return std::make_unique<ScpRefusal>(); }

}  // namespace iosup
