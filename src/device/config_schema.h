// The configuration model's table: every configuration command IOS keeps in its running-config
// is one ConfigRow, declared once as data. The same row drives
//   - the CLI: its syntax and help are declared in its mode, and its `no` form is derived from it
//     (`no` + the key words + any trailing arguments, which IOS ignores: `no logging buffered
//     20000`, `no hostname R1`, `no username bob secret x`);
//   - the model: which stored line a new one replaces (its key), whether `no` removes the line or
//     is kept as a line of its own (`no ip domain lookup`), its default (hidden in show
//     running-config, shown by `show running-config all`), and where it is rendered (the order
//     groups of IOS's running-config);
//   - sections: a row of kind kSection opens a sub-mode whose rows are the section's children.
// A line no row matches is kept verbatim and is its own key, so a real configuration pasted in
// survives. Adding a command family is adding rows here (config_rows*.cc).
#ifndef IOSUP_DEVICE_CONFIG_SCHEMA_H_
#define IOSUP_DEVICE_CONFIG_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

namespace iosup {

enum class ConfigKind {
  kSetting,     // one line per key; a new value replaces the old line where it stands
  kList,        // many lines share the key (`logging host 10.1.1.1 ...`, `access-list 10 ...`):
                // a line is added once; `no KEY ...` removes every line of that key, and `no`
                // with only part of the key every line it starts (`no ip domain list`)
  kAttributes,  // `username X privilege 15` then `username X secret s`: one line per key whose
                // attributes (ConfigRow::attributes) merge
  kSection,     // a header that enters `submode`; its children are lines of that mode
  kSequenced,   // an entry of an ordered list (ACL): keyed by its sequence number, stored as
                // "10 permit ...", numbered 10 past the last when typed without one
  kBanner,      // text between two delimiters, one or many lines; stored as IOS prints it
  kValues,      // one line per key holding a list (`ip name-server 10.0.0.53 10.0.0.54`): a new
                // line adds the values it does not hold yet, in order; `no KEY V...` removes
                // those values (the line goes with its last one), `no KEY` the line
};

enum class ConfigPlatforms { kAll, kSwitch, kRouter };

// An attribute of a kAttributes line: its keyword and how many words follow it (-1: the rest of
// the line). Attributes of the same nonzero `exclusive` group replace one another (secret vs
// password). Rendered in table order.
struct ConfigAttribute {
  std::string keyword;
  int words = 1;
  int exclusive = 0;
};

// Turns a line as typed (keywords expanded) into the line IOS stores: hashes a secret, fills in
// IOS's implied words. Returns the empty string to reject the line.
using ConfigNormalizer = std::string (*)(std::string_view typed);

struct ConfigRow {
  std::string mode;     // where it is typed: "config", "config-if", "config-ext-nacl", ...
  std::string syntax;   // CLI syntax of the positive form; empty: declared with its own handler
  std::vector<std::string> help;  // per token of `syntax`
  std::string match;    // leading words of a stored line that select this row ("logging buffered")
  int key_words = 0;    // leading words that identify the line; 0: the whole line
  ConfigKind kind = ConfigKind::kSetting;
  int group = 117;      // render order: among global lines (mode "config"), or among a section's
  std::string default_line;   // IOS's default: typing it removes the line; shown only by `all`
  bool no_is_stored = false;  // `no KEY` is kept and shown ("no ip domain lookup")
  std::string submode;  // kSection: the mode the header enters
  ConfigPlatforms platforms = ConfigPlatforms::kAll;
  ConfigNormalizer normalize = nullptr;
  std::vector<ConfigAttribute> attributes;  // kAttributes
  bool nested = false;  // kSection whose children are blocks (ip ssh pubkey-chain): no closing "!"
  bool bang_after = true;     // kSection: a "!" follows it (not after `line` sections)
  std::string no_syntax;      // the `no` form after "no"; empty: derived from `match`/`key_words`
  // Another spelling of the row whose `match` this is (`ip domain-name` of `ip domain name`):
  // lines typed so, and their `no` forms, are stored under that row's words; a release that
  // prints the old spellings (RenderOptions::legacy_spellings) shows them with this row's.
  std::string spelling_of;
};

// Every row, in declaration order: the global rows (config_rows.cc), then the sections and their
// sub-modes (config_rows_sections.cc).
const std::vector<ConfigRow>& ConfigRows();
std::vector<ConfigRow> GlobalConfigRows();
std::vector<ConfigRow> SectionConfigRows();
std::vector<ConfigRow> NeighborConfigRows();  // CDP, LLDP, interface OSPF (config_rows_neighbors.cc)
// The row of `line` (a leading "no " ignored) in `mode`: the one whose `match` words are the
// longest prefix of the line's words. nullptr for a line no row knows.
const ConfigRow* FindConfigRow(std::string_view mode, std::string_view line);
// The sub-mode a section header enters ("" when unknown).
std::string SectionMode(std::string_view header);
// The key of `line` under `row` (a leading "no " ignored): its first key_words words, its
// sequence number (kSequenced), or the whole line (no row, or key_words 0).
std::string LineKey(const ConfigRow* row, std::string_view line);

// `line` (a leading "no " kept) with the words of a spelling_of row replaced by its row's:
// "ip domain-name x" -> "ip domain name x". Other lines are returned as given.
std::string CanonicalSpelling(std::string_view mode, std::string_view line);
// A stored line as a release that prints the old spellings shows it: "no ip domain lookup" ->
// "no ip domain-lookup". Other lines are returned as given.
std::string LegacySpelling(std::string_view mode, std::string_view line);

// Splits on spaces.
std::vector<std::string> ConfigWords(std::string_view s);
// "hostname R1" starts with "hostname"; "hostnameX" does not.
bool StartsWithWords(std::string_view line, std::string_view prefix);

}  // namespace iosup

#endif  // IOSUP_DEVICE_CONFIG_SCHEMA_H_
