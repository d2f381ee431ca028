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

Status CommandSet::AddVocabulary(const std::string& mode, const std::vector<VocabularyWord>& words,
                                 const Handler& not_emulated) {
  const CommandTree* tree = Tree(mode);
  const ModeSpec* spec = Mode(mode);
  if (tree == nullptr || spec == nullptr) return NotFound("no mode " + mode);
  for (const VocabularyWord& w : words) {
    if (!tree->StartsCommand(w.word)) {
      IOSUP_RETURN_IF_ERROR(Add({mode},
                                {.syntax = w.word + " [LINE]", .help = {w.help, "Arguments"},
                                 .privilege = w.privilege, .not_emulated = true},
                                not_emulated));
    }
    // In configuration modes the word's `no` form is IOS's too.
    if (spec->is_config && !tree->StartsCommand("no " + w.word)) {
      IOSUP_RETURN_IF_ERROR(Add({mode},
                                {.syntax = "no " + w.word + " [LINE]",
                                 .help = {"Negate a command or set its defaults", w.help, "Arguments"},
                                 .privilege = w.privilege, .not_emulated = true},
                                not_emulated));
    }
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
