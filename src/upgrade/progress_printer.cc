#include "upgrade/progress_printer.h"

#include <ctime>

namespace iosup::upgrade {

namespace {

constexpr int kMaxLiveLines = 20;

std::string TimeOfDay(WallTime now) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}

}  // namespace

std::string TransferBar(uint64_t done, uint64_t total, int width) {
  if (total == 0) return "";
  if (done > total) done = total;
  const int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width);
  char pct[8];
  std::snprintf(pct, sizeof pct, "%3d%%", static_cast<int>(done * 100 / total));
  return "[" + std::string(filled, '#') + std::string(width - filled, '-') + "] " + pct;
}

ProgressPrinter::ProgressPrinter(std::FILE* out, const Clock& clock, bool live, bool verbose)
    : out_(out), clock_(clock), live_(live), verbose_(verbose) {}

void ProgressPrinter::EraseBlock() {
  for (int i = 0; i < drawn_lines_; ++i) std::fputs("\x1b[1A\x1b[2K", out_);
  drawn_lines_ = 0;
}

void ProgressPrinter::Log(const std::string& line) {
  if (live_) EraseBlock();
  std::fprintf(out_, "%s %s\n", TimeOfDay(clock_.Now()).c_str(), line.c_str());
  if (live_) Redraw(true);
  std::fflush(out_);
}

void ProgressPrinter::Redraw(bool force) {
  if (!live_) return;
  const WallTime now = clock_.Now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  EraseBlock();
  int shown = 0;
  for (const auto& [name, a] : active_) {
    if (shown == kMaxLiveLines) {
      std::fprintf(out_, "  ... and %zu more\n", active_.size() - shown);
      ++drawn_lines_;
      break;
    }
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(now - a.since).count();
    std::fprintf(out_, "  %-16s %-11s %s %llds\n", name.c_str(), a.step.c_str(),
                 TransferBar(a.done, a.total).c_str(), static_cast<long long>(secs));
    ++drawn_lines_;
    ++shown;
  }
  std::fflush(out_);
}

void ProgressPrinter::StepStarted(const std::string& device, const std::string& step) {
  std::lock_guard lock(mu_);
  active_[device] = {.step = step, .since = clock_.Now()};
  if (verbose_) Log(device + " " + step + ": started");
  Redraw(true);
}

void ProgressPrinter::StepEnded(const std::string& device, const StepRecord& step) {
  std::lock_guard lock(mu_);
  const auto secs = std::chrono::duration<double>(step.finished - step.started).count();
  char took[32];
  std::snprintf(took, sizeof took, " (%.1f s)", secs);
  Log(device + " " + step.step + ": " + std::string(StepOutcomeName(step.outcome)) + took +
      (step.detail.empty() ? "" : " - " + step.detail));
}

void ProgressPrinter::Transfer(const std::string& device, uint64_t done, uint64_t total) {
  std::lock_guard lock(mu_);
  auto it = active_.find(device);
  if (it == active_.end()) return;
  it->second.done = done;
  it->second.total = total;
  Redraw(false);
}

void ProgressPrinter::DeviceEnded(const DeviceRecord& device) {
  std::lock_guard lock(mu_);
  active_.erase(device.name);
  Log(device.name + ": " + std::string(DeviceOutcomeName(device.outcome)) +
      (device.failure.empty() ? "" : " - " + device.failure));
}

void ProgressPrinter::Flush() {
  std::lock_guard lock(mu_);
  if (live_) EraseBlock();
  std::fflush(out_);
}

}  // namespace iosup::upgrade
