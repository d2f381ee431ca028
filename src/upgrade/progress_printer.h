// Progress of a run for a person: on a terminal, one live line per active device (step and a
// transfer bar) redrawn in place under the log of finished steps; elsewhere (a pipe, CI) plain
// time-stamped log lines only. Time stamps, step ages and the redraw rate are on the run's clock.
// Thread-safe: every device's worker reports here.
#ifndef IOSUP_UPGRADE_PROGRESS_PRINTER_H_
#define IOSUP_UPGRADE_PROGRESS_PRINTER_H_

#include <cstdio>
#include <map>
#include <mutex>
#include <string>

#include "upgrade/upgrade_env.h"

namespace iosup::upgrade {

class ProgressPrinter : public ProgressSink {
 public:
  // `live`: redraw in place (a terminal). `verbose`: also log every step start. `clock` outlives
  // the printer.
  ProgressPrinter(std::FILE* out, const Clock& clock, bool live, bool verbose = false);

  void StepStarted(const std::string& device, const std::string& step) override;
  void StepEnded(const std::string& device, const StepRecord& step) override;
  void Transfer(const std::string& device, uint64_t done, uint64_t total) override;
  void DeviceEnded(const DeviceRecord& device) override;
  // Clears the live block (call before printing anything else).
  void Flush();

 private:
  struct Active {
    std::string step;
    uint64_t done = 0, total = 0;
    WallTime since;
  };
  void Log(const std::string& line);  // above the live block
  void Redraw(bool force);
  void EraseBlock();

  std::FILE* out_;
  const Clock& clock_;
  bool live_, verbose_;
  std::mutex mu_;
  std::map<std::string, Active> active_;
  int drawn_lines_ = 0;
  WallTime last_draw_{};
};

// "[#########-----------]  45%" for done/total; a spinner-less "copying..." when total is 0.
std::string TransferBar(uint64_t done, uint64_t total, int width = 20);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_PROGRESS_PRINTER_H_
