#include "device/config_edit.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace iosup::config_edit {

namespace {

constexpr int kUnknownGroup = 117;

bool IsNumber(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// The entry's sequence number; -1 when it has none.
long long SequenceOf(std::string_view text) {
  const size_t sp = text.find(' ');
  const std::string_view first = text.substr(0, sp);
  return IsNumber(first) ? std::atoll(std::string(first).c_str()) : -1;
}

size_t EraseByKey(std::vector<ConfigNode>& nodes, std::string_view mode, const std::string& key) {
  return std::erase_if(nodes, [&](const ConfigNode& n) { return NodeKey(mode, n.text) == key; });
}

ConfigNode* FindByKey(std::vector<ConfigNode>& nodes, std::string_view mode, const std::string& key) {
  for (ConfigNode& n : nodes) {
    if (NodeKey(mode, n.text) == key) return &n;
  }
  return nullptr;
}

// kAttributes: the words after the key, split into attributes ("privilege 15", "secret 5 $1$x").
// Words no attribute claims are kept, each as its own attribute, in their order.
std::vector<std::pair<const ConfigAttribute*, std::string>> Attributes(const ConfigRow& row,
                                                                         std::string_view line) {
  std::vector<std::string> w = ConfigWords(line);
  std::vector<std::pair<const ConfigAttribute*, std::string>> out;
  for (size_t i = static_cast<size_t>(row.key_words); i < w.size();) {
    auto a = std::find_if(row.attributes.begin(), row.attributes.end(),
                          [&](const ConfigAttribute& at) { return at.keyword == w[i]; });
    const size_t n = a == row.attributes.end() ? 1 : a->words < 0 ? w.size() - i : 1 + a->words;
    std::string text;
    for (size_t j = i; j < std::min(w.size(), i + n); ++j) text += (text.empty() ? "" : " ") + w[j];
    out.emplace_back(a == row.attributes.end() ? nullptr : &*a, text);
    i += n;
  }
  return out;
}

// `username X privilege 15` over `username X secret 5 $1$...`: one line holding both.
std::string MergeAttributes(const ConfigRow& row, std::string_view old_line, std::string_view line) {
  auto merged = Attributes(row, old_line);
  for (const auto& entry : Attributes(row, line)) {
    // Named copies: clang before 16 cannot capture structured bindings in a lambda.
    const auto* attr = entry.first;
    const auto& text = entry.second;
    std::erase_if(merged, [&](const auto& m) {
      if (attr == nullptr || m.first == nullptr) return m.second == text;
      return m.first == attr || (attr->exclusive != 0 && m.first->exclusive == attr->exclusive);
    });
    merged.emplace_back(attr, text);
  }
  std::string out = LineKey(&row, line);
  for (const ConfigAttribute& a : row.attributes) {
    for (const auto& m : merged) {
      if (m.first == &a) out += " " + m.second;
    }
  }
  for (const auto& m : merged) {
    if (m.first == nullptr) out += " " + m.second;
  }
  return out;
}

// An ACL entry: "10 permit ..." at its number, or "permit ..." 10 past the last.
Status ApplyEntry(std::vector<ConfigNode>& entries, std::string_view line) {
  long long seq = SequenceOf(line);
  const std::string_view body = WithoutSequence(line);
  for (const ConfigNode& e : entries) {
    if (seq < 0 && WithoutSequence(e.text) == body) return Status::Ok();  // already there
    if (seq >= 0 && SequenceOf(e.text) == seq) {
      return WithoutSequence(e.text) == body ? Status::Ok()
                                             : InvalidArgument("% Duplicate sequence number");
    }
  }
  if (seq < 0) seq = (entries.empty() ? 0 : std::max(0LL, SequenceOf(entries.back().text))) + 10;
  auto pos = std::find_if(entries.begin(), entries.end(),
                          [&](const ConfigNode& e) { return SequenceOf(e.text) > seq; });
  entries.insert(pos, {std::to_string(seq) + " " + std::string(body), {}});
  return Status::Ok();
}

Status NegateEntry(std::vector<ConfigNode>& entries, std::string_view body) {
  const long long seq = SequenceOf(body);
  const size_t n = std::erase_if(entries, [&](const ConfigNode& e) {
    return seq >= 0 ? SequenceOf(e.text) == seq : WithoutSequence(e.text) == body;
  });
  return n > 0 ? Status::Ok() : NotFound("no such entry");
}

// kValues: the values after the key, in order.
std::vector<std::string> ValuesOf(const ConfigRow& row, std::string_view line) {
  std::vector<std::string> w = ConfigWords(line);
  w.erase(w.begin(), w.begin() + std::min<long>(row.key_words, static_cast<long>(w.size())));
  return w;
}

std::string LineOf(const std::string& key, const std::vector<std::string>& values) {
  std::string out = key;
  for (const std::string& v : values) out += " " + v;
  return out;
}

Status ApplyValues(std::vector<ConfigNode>& nodes, std::string_view mode, const ConfigRow& row,
                   std::string_view line) {
  const std::string key = LineKey(&row, line);
  ConfigNode* n = FindByKey(nodes, mode, key);
  if (n == nullptr) {
    InsertByGroup(nodes, mode, {LineOf(key, ValuesOf(row, line)), {}});
    return Status::Ok();
  }
  std::vector<std::string> values = ValuesOf(row, n->text);
  for (const std::string& v : ValuesOf(row, line)) {
    if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
  }
  n->text = LineOf(key, values);
  return Status::Ok();
}

Status NegateValues(std::vector<ConfigNode>& nodes, std::string_view mode, const ConfigRow& row,
                    std::string_view line) {
  const std::string key = LineKey(&row, line);
  ConfigNode* n = FindByKey(nodes, mode, key);
  if (n == nullptr) return NotFound("nothing to negate");
  const std::vector<std::string> gone = ValuesOf(row, line);
  std::vector<std::string> values = ValuesOf(row, n->text);
  const size_t before = values.size();
  std::erase_if(values, [&](const std::string& v) {
    return gone.empty() || std::find(gone.begin(), gone.end(), v) != gone.end();
  });
  if (values.size() == before) return NotFound("no such value");
  if (values.empty()) {
    EraseByKey(nodes, mode, key);
  } else {
    n->text = LineOf(key, values);
  }
  return Status::Ok();
}

}  // namespace

std::string_view WithoutSequence(std::string_view entry) {
  if (SequenceOf(entry) < 0) return entry;
  const size_t sp = entry.find(' ');
  return sp == std::string_view::npos ? std::string_view() : entry.substr(sp + 1);
}

int GroupOf(std::string_view mode, std::string_view text) {
  const ConfigRow* r = FindConfigRow(mode, text);
  return r != nullptr ? r->group : kUnknownGroup;
}

std::string NodeKey(std::string_view mode, std::string_view text) {
  return LineKey(FindConfigRow(mode, text), text);
}

bool IsSection(std::string_view mode, const ConfigNode& node) {
  const ConfigRow* r = FindConfigRow(mode, node.text);
  return !node.children.empty() || (r != nullptr && r->kind == ConfigKind::kSection);
}

void InsertByGroup(std::vector<ConfigNode>& nodes, std::string_view mode, ConfigNode node) {
  const int group = GroupOf(mode, node.text);
  auto pos = nodes.begin();
  for (auto it = nodes.begin(); it != nodes.end(); ++it) {
    if (GroupOf(mode, it->text) <= group) pos = it + 1;
  }
  nodes.insert(pos, std::move(node));
}

Status ApplyLine(std::vector<ConfigNode>& nodes, std::string_view mode, std::string_view typed) {
  const std::string canonical = CanonicalSpelling(mode, typed);
  const std::string_view line = canonical;
  if (StartsWithWords(line, "no")) return NegateLine(nodes, mode, line.substr(std::min<size_t>(3, line.size())));
  const ConfigRow* row = FindConfigRow(mode, line);
  const ConfigKind kind = row != nullptr ? row->kind : ConfigKind::kSetting;
  const std::string key = LineKey(row, line);
  if (kind == ConfigKind::kSequenced) return ApplyEntry(nodes, line);
  if (kind == ConfigKind::kValues) return ApplyValues(nodes, mode, *row, line);
  if (kind == ConfigKind::kList) {
    if (std::any_of(nodes.begin(), nodes.end(), [&](const ConfigNode& n) { return n.text == line; })) {
      return Status::Ok();
    }
    auto last = std::find_if(nodes.rbegin(), nodes.rend(),
                             [&](const ConfigNode& n) { return NodeKey(mode, n.text) == key; });
    if (last != nodes.rend()) {
      nodes.insert(last.base(), {std::string(line), {}});
    } else {
      InsertByGroup(nodes, mode, {std::string(line), {}});
    }
    return Status::Ok();
  }
  if (row != nullptr && line == row->default_line) {
    EraseByKey(nodes, mode, key);
    return Status::Ok();
  }
  if (ConfigNode* n = FindByKey(nodes, mode, key)) {
    n->text = kind == ConfigKind::kAttributes ? MergeAttributes(*row, n->text, line) : std::string(line);
    return Status::Ok();
  }
  InsertByGroup(nodes, mode, {std::string(line), {}});
  return Status::Ok();
}

Status NegateLine(std::vector<ConfigNode>& nodes, std::string_view mode, std::string_view typed) {
  const std::string canonical = CanonicalSpelling(mode, typed);
  const std::string_view line = canonical;
  const ConfigRow* row = FindConfigRow(mode, line);
  if (row != nullptr && row->kind == ConfigKind::kValues) return NegateValues(nodes, mode, *row, line);
  if (row != nullptr && row->kind == ConfigKind::kSequenced) return NegateEntry(nodes, line);
  const std::string key = LineKey(row, line);
  if (row != nullptr && row->kind == ConfigKind::kList &&
      ConfigWords(key).size() < static_cast<size_t>(row->key_words)) {
    const size_t n = std::erase_if(nodes, [&](const ConfigNode& node) {
      return FindConfigRow(mode, node.text) == row && StartsWithWords(node.text, key);
    });
    return n > 0 ? Status::Ok() : NotFound("nothing to negate");
  }
  const std::string negated = "no " + key;
  if (row != nullptr && row->no_is_stored && row->default_line != negated) {
    if (ConfigNode* n = FindByKey(nodes, mode, key)) {
      n->text = negated;
      n->children.clear();
    } else {
      InsertByGroup(nodes, mode, {negated, {}});
    }
    return Status::Ok();
  }
  return EraseByKey(nodes, mode, key) > 0 ? Status::Ok() : NotFound("nothing to negate");
}

void NumberEntries(std::vector<ConfigNode>& entries, std::string_view mode) {
  long long last = 0;
  for (ConfigNode& e : entries) {
    const ConfigRow* r = FindConfigRow(mode, e.text);
    if (r == nullptr || r->kind != ConfigKind::kSequenced) continue;
    const long long seq = SequenceOf(e.text);
    if (seq < 0) e.text = std::to_string(last + 10) + " " + e.text;
    last = seq < 0 ? last + 10 : seq;
  }
}

void Renumber(std::vector<ConfigNode>& entries, int start, int step) {
  long long seq = start;
  for (ConfigNode& e : entries) {
    e.text = std::to_string(seq) + " " + std::string(WithoutSequence(e.text));
    seq += step;
  }
}

}  // namespace iosup::config_edit
