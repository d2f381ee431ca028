#include "cli/command_set.h"

namespace iosup::cli {

void CommandSet::AddMode(ModeSpec mode) {
  trees_[mode.id];
  modes_[mode.id] = std::move(mode);
}

Status CommandSet::Add(const std::vector<std::string>& modes, CommandSpec spec, Handler handler) {
  spec.id = static_cast<int>(handlers_.size());
  handlers_.push_back(std::move(handler));
  for (const std::string& m : modes) {
    auto it = trees_.find(m);
    if (it == trees_.end()) return NotFound("no mode " + m);
    IOSUP_RETURN_IF_ERROR(it->second.Add(spec));
  }
  return Status::Ok();
}

const ModeSpec* CommandSet::Mode(const std::string& id) const {
  auto it = modes_.find(id);
  return it == modes_.end() ? nullptr : &it->second;
}

const CommandTree* CommandSet::Tree(const std::string& mode) const {
  auto it = trees_.find(mode);
  return it == trees_.end() ? nullptr : &it->second;
}

}  // namespace iosup::cli
