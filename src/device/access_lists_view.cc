#include "device/access_lists_view.h"

#include <algorithm>
#include <map>
#include <vector>

#include "device/config_edit.h"
#include "device/config_schema.h"

namespace iosup {

namespace {

bool IsNumber(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// IOS's ranges of numbered standard lists: 1-99 and 1300-1999 (the expanded range).
bool IsStandardNumber(std::string_view number) {
  if (!IsNumber(number) || number.size() > 4) return false;
  const int n = std::stoi(std::string(number));
  return (n >= 1 && n <= 99) || (n >= 1300 && n <= 1999);
}

std::string Join(const std::vector<std::string>& w, size_t from) {
  std::string out;
  for (size_t i = from; i < w.size(); ++i) out += (out.empty() ? "" : " ") + w[i];
  return out;
}

// One entry's line under its list's header, or "" for a remark.
std::string EntryLine(long long seq, std::string_view body, bool standard) {
  std::vector<std::string> w = ConfigWords(body);
  if (w.empty() || w[0] == "remark") return "";
  std::string out = "    " + std::to_string(seq) + " ";
  if (!standard) return out + Join(w, 0) + "\n";
  out += w[0] + std::string(w[0].size() < 7 ? 7 - w[0].size() : 1, ' ');
  size_t i = 1;
  if (i < w.size() && w[i] == "any") {
    out += "any";
    ++i;
  } else if (i < w.size()) {
    out += w[i++];
    if (i < w.size() && w[i] != "log") out += ", wildcard bits " + w[i++];
  }
  const std::string rest = Join(w, i);
  return out + (rest.empty() ? "" : " " + rest) + "\n";
}

struct ListView {
  std::string name;
  bool standard = true;
  std::vector<std::pair<long long, std::string>> entries;  // sequence, body
};

long long SequenceOf(std::string_view entry) {
  const std::vector<std::string> w = ConfigWords(entry);
  return !w.empty() && IsNumber(w[0]) ? std::stoll(w[0]) : -1;
}

// The lists of `config` in configuration order; numbered lines grouped under their number.
std::vector<ListView> Lists(const Config& config) {
  std::vector<ListView> lists;
  std::map<std::string, size_t> numbered;
  for (const ConfigNode& n : config.nodes()) {
    const std::vector<std::string> w = ConfigWords(n.text);
    if (w.size() == 4 && w[0] == "ip" && w[1] == "access-list" &&
        (w[2] == "standard" || w[2] == "extended")) {
      ListView list{.name = w[3], .standard = w[2] == "standard"};
      for (const ConfigNode& e : n.children) {
        list.entries.emplace_back(SequenceOf(e.text), std::string(config_edit::WithoutSequence(e.text)));
      }
      lists.push_back(std::move(list));
    } else if (w.size() >= 3 && w[0] == "access-list" && IsNumber(w[1])) {
      auto [it, added] = numbered.emplace(w[1], lists.size());
      if (added) lists.push_back({.name = w[1], .standard = IsStandardNumber(w[1])});
      ListView& list = lists[it->second];
      const long long last = list.entries.empty() ? 0 : list.entries.back().first;
      list.entries.emplace_back(w[2] == "remark" ? last : last + 10, Join(w, 2));
    }
  }
  return lists;
}

}  // namespace

std::string ShowAccessLists(const Config& config, std::string_view name) {
  std::string out;
  for (const ListView& list : Lists(config)) {
    if (!name.empty() && list.name != name) continue;
    out += std::string(list.standard ? "Standard" : "Extended") + " IP access list " + list.name + "\n";
    for (const auto& [seq, body] : list.entries) out += EntryLine(seq, body, list.standard);
  }
  return out;
}

}  // namespace iosup
