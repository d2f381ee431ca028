#include "upgrade/scripted_cli_channel.h"

#include <re2/re2.h>

#include <cstdio>
#include <cstdlib>

#include "upgrade/cli_dialog.h"

namespace iosup::upgrade {

struct ScriptedDevice::Rule {
  std::string phase;
  std::unique_ptr<RE2> pattern;
  ScriptedReply reply;
  int times = 0;  // 0: unlimited
  int used = 0;
};

// One session. Open until closed, dropped, or its device reloads (a later generation).
class ScriptedChannel final : public CliChannel {
 public:
  ScriptedChannel(ScriptedDevice* device, uint64_t generation)
      : device_(device), generation_(generation) {}

  Result<std::string> Run(std::string_view command, Duration timeout,
                          std::span<const DialogAnswer> answers) override;
  void set_output_observer(std::function<void(std::string_view)> observer) override {
    observer_ = std::move(observer);
  }
  std::string prompt() const override { return device_->hostname_ + "#"; }
  bool open() const override { return !closed_ && device_->SessionOpen(generation_); }
  void Close() override { closed_ = true; }

 private:
  // The conversation for one command; `given` collects the answers sent.
  Result<std::string> Answer(const std::string& command, Duration timeout,
                             std::span<const DialogAnswer> answers,
                             std::vector<std::string>& given);
  // What the device prints; the observer sees it as it comes.
  void Print(std::string& out, std::string_view text) {
    out += text;
    if (observer_ && !text.empty()) observer_(text);
  }
  Status Closed(const std::string& command, const std::string& output) {
    closed_ = true;
    return Unavailable(device_->hostname_ + ": session closed after `" + command +
                       "`; output: " + output);
  }

  ScriptedDevice* device_;
  uint64_t generation_;
  bool closed_ = false;
  std::function<void(std::string_view)> observer_;
};

Result<std::string> ScriptedChannel::Run(std::string_view command, Duration timeout,
                                         std::span<const DialogAnswer> answers) {
  if (command.find_first_of("\r\n") != std::string_view::npos) {
    return InvalidArgument("a command is one line: " + std::string(command));
  }
  if (!open()) return Unavailable(device_->hostname_ + ": session closed");
  ScriptedDevice::Exchange exchange{
      .at = device_->clock_.Now(), .phase = device_->phase_, .command = std::string(command)};
  Result<std::string> out = Answer(exchange.command, timeout, answers, exchange.answers);
  exchange.status = out.ok() ? Status::Ok() : out.status();
  device_->log_.push_back(std::move(exchange));
  return out;
}

Result<std::string> ScriptedChannel::Answer(const std::string& command, Duration timeout,
                                            std::span<const DialogAnswer> answers,
                                            std::vector<std::string>& given) {
  Clock& clock = device_->clock_;
  ScriptedDevice::Rule* rule = device_->Find(command);
  if (rule == nullptr) {
    return std::string(prompt().size(), ' ') + "^\n% Invalid input detected at '^' marker.\n\n";
  }
  const ScriptedReply& reply = rule->reply;
  if (reply.drop) return Closed(command, "");
  const WallTime deadline = clock.Now() + timeout;
  std::string out;
  for (const std::string& question : reply.questions) {
    Print(out, question);
    const DialogAnswer* row = MatchAnswer(answers, question);
    if (row == nullptr) {
      // As on SSH: a recognisable question is interrupted, anything else waits for the prompt.
      const std::string_view asked = QuestionAtEnd(question);
      if (!asked.empty()) return Unsupported(std::string(asked));
      clock.SleepFor(timeout);
      return Status(ErrorCode::kTimedOut,
                    "`" + command + "` gave no prompt in time; last output: " + out);
    }
    given.push_back(row->answer);
    Print(out, row->answer + "\n");
  }
  if (clock.Now() + reply.delay > deadline) {
    clock.SleepFor(deadline - clock.Now());
    return Status(ErrorCode::kTimedOut,
                  "`" + command + "` gave no prompt in time; last output: " + out);
  }
  if (reply.delay > Duration::zero()) clock.SleepFor(reply.delay);
  Print(out, reply.output);
  if (reply.then_phase) device_->phase_ = *reply.then_phase;
  if (reply.reboot_to) {
    if (reply.reboot_at || reply.reboot_after > Duration::zero()) {
      const WallTime at = reply.reboot_at.value_or(clock.Now() + reply.reboot_after);
      device_->scheduled_ = {at, *reply.reboot_to};
    } else {
      device_->Reboot(*reply.reboot_to, clock.Now());
      return Closed(command, out);
    }
  }
  return out;
}

ScriptedDevice::ScriptedDevice(std::string hostname, std::string phase, Clock& clock)
    : hostname_(std::move(hostname)), phase_(std::move(phase)), clock_(clock) {}

ScriptedDevice::~ScriptedDevice() = default;

ScriptedDevice& ScriptedDevice::On(const std::string& phase, const std::string& pattern,
                                   ScriptedReply reply, int times) {
  auto rule = std::make_unique<Rule>();
  rule->phase = phase;
  rule->pattern = std::make_unique<RE2>(pattern, RE2::Quiet);
  if (!rule->pattern->ok()) {
    std::fprintf(stderr, "ScriptedDevice: bad pattern /%s/: %s\n", pattern.c_str(),
                 rule->pattern->error().c_str());
    std::abort();
  }
  rule->reply = std::move(reply);
  rule->times = times;
  rules_.push_back(std::move(rule));
  return *this;
}

ScriptedDevice::Rule* ScriptedDevice::Find(const std::string& command) {
  for (const std::string& phase : {phase_, std::string(kAnyPhase)}) {
    for (auto it = rules_.rbegin(); it != rules_.rend(); ++it) {
      Rule* rule = it->get();
      if (rule->phase != phase || (rule->times > 0 && rule->used >= rule->times)) continue;
      if (!RE2::FullMatch(command, *rule->pattern)) continue;
      ++rule->used;
      return rule;
    }
  }
  return nullptr;
}

void ScriptedDevice::Tick() {
  if (scheduled_ && clock_.Now() >= scheduled_->first)
    Reboot(scheduled_->second, scheduled_->first);
}

void ScriptedDevice::Reboot(const std::string& phase, WallTime at) {
  ++generation_;
  ++reboots_;
  phase_ = phase;
  down_until_ = at + boot_time_;
  scheduled_.reset();
}

Result<std::unique_ptr<CliChannel>> ScriptedDevice::Connect() {
  Tick();
  ++connects_;
  if (clock_.Now() < down_until_)
    return Unavailable(hostname_ + ": connection refused (reloading)");
  if (refusals_ > 0) {
    --refusals_;
    return Unavailable(hostname_ + ": connection refused");
  }
  return std::unique_ptr<CliChannel>(std::make_unique<ScriptedChannel>(this, generation_));
}

std::string ScriptedDevice::phase() {
  Tick();
  return phase_;
}

int ScriptedDevice::reboots() {
  Tick();
  return reboots_;
}

std::vector<std::string> ScriptedDevice::commands() const {
  std::vector<std::string> out;
  for (const Exchange& e : log_) out.push_back(e.command);
  return out;
}

}  // namespace iosup::upgrade
