// The edits of the configuration tree, one level at a time: a line applied to, or negated in, the
// children of one node (or the global lines), by the rules of its ConfigRow. Internal to Config.
#ifndef IOSUP_DEVICE_CONFIG_EDIT_H_
#define IOSUP_DEVICE_CONFIG_EDIT_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "device/config.h"
#include "device/config_schema.h"

namespace iosup::config_edit {

// The render group of a line of `mode` (117 for an unknown global line: with the other global
// settings, before banners and lines; unknown children go last).
int GroupOf(std::string_view mode, std::string_view text);
// The key of a stored line of `mode`.
std::string NodeKey(std::string_view mode, std::string_view text);
// Whether a line of `mode` opens a section (a kSection row, or a line with children).
bool IsSection(std::string_view mode, const ConfigNode& node);

// A line typed in `mode` applied to `nodes`, the lines of that level (see Config::Apply). A line
// in another spelling of a row (ConfigRow::spelling_of) is stored in the row's own.
Status ApplyLine(std::vector<ConfigNode>& nodes, std::string_view mode, std::string_view line);
// `no LINE` in `mode` (see Config::Negate).
Status NegateLine(std::vector<ConfigNode>& nodes, std::string_view mode, std::string_view line);
// Inserts `node` after the last line of its group or an earlier one.
void InsertByGroup(std::vector<ConfigNode>& nodes, std::string_view mode, ConfigNode node);
// Gives a sequence number to every entry of a sequenced section that has none (a configuration
// saved by IOS 15, which does not print them), 10 past the one before.
void NumberEntries(std::vector<ConfigNode>& entries, std::string_view mode);
// Renumbers the entries START, START+STEP, ... in their order.
void Renumber(std::vector<ConfigNode>& entries, int start, int step);
// "10 permit ip any any" -> "permit ip any any".
std::string_view WithoutSequence(std::string_view entry);

}  // namespace iosup::config_edit

#endif  // IOSUP_DEVICE_CONFIG_EDIT_H_
