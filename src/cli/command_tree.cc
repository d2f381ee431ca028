#include "cli/command_tree.h"

#include <algorithm>
#include <set>

namespace iosup::cli {

struct CommandTree::Node {
  Token token;
  std::vector<std::unique_ptr<Node>> children;
  const CommandSpec* command = nullptr;  // terminal: the command this node completes
  int min_privilege = 16;                // lowest privilege of any command through this node
};

namespace {

using Node = CommandTree::Node;

struct Word {
  std::string_view text;
  size_t offset;
};

std::vector<Word> SplitWords(std::string_view line) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size()) break;
    size_t j = line.find(' ', i);
    if (j == std::string_view::npos) j = line.size();
    out.push_back({line.substr(i, j - i), i});
    i = j;
  }
  return out;
}

// --- syntax expansion: every path through optionals and choices, as token sequences.
struct SpecToken {
  std::string text;
  size_t help_index;
};
using Sequence = std::vector<SpecToken>;

class SyntaxExpander {
 public:
  explicit SyntaxExpander(std::string_view syntax) {
    std::string cur;
    for (char c : syntax) {
      if (c == ' ' || c == '[' || c == ']' || c == '(' || c == ')' || c == '|') {
        if (!cur.empty()) items_.push_back(std::move(cur)), cur.clear();
        if (c != ' ') items_.push_back(std::string(1, c));
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) items_.push_back(std::move(cur));
  }

  Result<std::vector<Sequence>> Expand() {
    auto seqs = ParseSeq();
    if (!ok_ || pos_ != items_.size()) return InvalidArgument("malformed command syntax");
    return seqs;
  }

 private:
  // seq := element* ; stops at ']' ')' '|' or end.
  std::vector<Sequence> ParseSeq() {
    std::vector<Sequence> acc = {{}};
    while (pos_ < items_.size() && ok_) {
      const std::string& it = items_[pos_];
      if (it == "]" || it == ")" || it == "|") break;
      std::vector<Sequence> part;
      if (it == "[") {
        ++pos_;
        part = ParseSeq();
        if (!Expect("]")) return {};
        part.push_back({});  // optional: also nothing
      } else if (it == "(") {
        ++pos_;
        part = ParseSeq();
        while (pos_ < items_.size() && items_[pos_] == "|") {
          ++pos_;
          for (auto& s : ParseSeq()) part.push_back(std::move(s));
        }
        if (!Expect(")")) return {};
      } else {
        part = {{SpecToken{it, help_next_++}}};
        ++pos_;
      }
      std::vector<Sequence> next;
      for (const Sequence& a : acc) {
        for (const Sequence& b : part) {
          Sequence s = a;
          s.insert(s.end(), b.begin(), b.end());
          next.push_back(std::move(s));
        }
      }
      acc = std::move(next);
    }
    return acc;
  }
  bool Expect(const char* c) {
    if (pos_ < items_.size() && items_[pos_] == c) {
      ++pos_;
      return true;
    }
    ok_ = false;
    return false;
  }

  std::vector<std::string> items_;
  size_t pos_ = 0;
  size_t help_next_ = 0;
  bool ok_ = true;
};

bool Visible(const Node& n, int privilege) { return n.min_privilege <= privilege; }

// Children of `node` that `word` matches, best first. `ambiguous` is set when two or more
// keywords share the prefix, none is exact, and no variable takes the word.
std::vector<const Node*> Candidates(const Node& node, std::string_view word, int privilege,
                                    bool& ambiguous) {
  ambiguous = false;
  std::vector<const Node*> exact, prefix, vars;
  for (const auto& c : node.children) {
    if (!Visible(*c, privilege)) continue;
    if (c->token.kind == TokenKind::kKeyword) {
      if (KeywordExact(c->token, word)) exact.push_back(c.get());
      else if (KeywordPrefix(c->token, word)) prefix.push_back(c.get());
    } else if (VariableMatches(c->token, word)) {
      vars.push_back(c.get());
    }
  }
  std::stable_sort(vars.begin(), vars.end(), [](const Node* a, const Node* b) {
    return VariableRank(a->token.kind) < VariableRank(b->token.kind);
  });
  std::vector<const Node*> out = exact;
  if (exact.empty() && prefix.size() == 1) out.push_back(prefix[0]);
  if (exact.empty() && prefix.size() > 1 && vars.empty()) ambiguous = true;
  out.insert(out.end(), vars.begin(), vars.end());
  return out;
}

struct Walker {
  std::string_view line;
  const std::vector<Word>& words;
  int privilege;
  // Best failure so far: deepest word index; at equal depth ambiguous beats the others.
  ParseResult::Outcome fail = ParseResult::Outcome::kInvalid;
  size_t fail_index = 0;
  bool have_fail = false;
  std::vector<Arg> path;

  void Fail(ParseResult::Outcome o, size_t index) {
    if (!have_fail || index > fail_index ||
        (index == fail_index && o == ParseResult::Outcome::kAmbiguous)) {
      fail = o;
      fail_index = index;
      have_fail = true;
    }
  }

  // Returns the terminal node reached by matching words[i..] from `node`, or nullptr.
  const Node* Walk(const Node& node, size_t i) {
    if (i == words.size()) {
      if (node.command != nullptr && node.command->privilege <= privilege) return &node;
      Fail(ParseResult::Outcome::kIncomplete, i);
      return nullptr;
    }
    bool ambiguous = false;
    std::vector<const Node*> cands = Candidates(node, words[i].text, privilege, ambiguous);
    if (ambiguous) {
      Fail(ParseResult::Outcome::kAmbiguous, i);
      return nullptr;
    }
    if (cands.empty()) {
      Fail(ParseResult::Outcome::kInvalid, i);
      return nullptr;
    }
    for (const Node* c : cands) {
      if (c->token.kind == TokenKind::kLine) {
        path.push_back({&c->token, std::string(line.substr(words[i].offset))});
        while (!path.back().value.empty() && path.back().value.back() == ' ') {
          path.back().value.pop_back();
        }
        if (c->command != nullptr && c->command->privilege <= privilege) return c;
        path.pop_back();
        continue;
      }
      path.push_back({&c->token, c->token.kind == TokenKind::kKeyword ? c->token.text
                                                                       : std::string(words[i].text)});
      if (const Node* t = Walk(*c, i + 1)) return t;
      path.pop_back();
    }
    return nullptr;
  }

  // Every node reached by matching all of `words` (for help and completion).
  void Reach(const Node& node, size_t i, std::vector<const Node*>& out) {
    if (i == words.size()) {
      out.push_back(&node);
      return;
    }
    bool ambiguous = false;
    std::vector<const Node*> cands = Candidates(node, words[i].text, privilege, ambiguous);
    if (ambiguous) Fail(ParseResult::Outcome::kAmbiguous, i);
    if (cands.empty()) Fail(ParseResult::Outcome::kInvalid, i);
    for (const Node* c : cands) {
      if (c->token.kind == TokenKind::kLine) continue;  // LINE swallows everything after it
      Reach(*c, i + 1, out);
    }
  }
};

}  // namespace

CommandTree::CommandTree() : root_(std::make_unique<Node>()) {}
CommandTree::~CommandTree() = default;
CommandTree::CommandTree(CommandTree&&) noexcept = default;
CommandTree& CommandTree::operator=(CommandTree&&) noexcept = default;

Status CommandTree::Add(CommandSpec spec) {
  Result<std::vector<Sequence>> seqs = SyntaxExpander(spec.syntax).Expand();
  if (!seqs.ok()) return InvalidArgument("malformed syntax: " + spec.syntax);
  specs_.push_back(std::make_unique<CommandSpec>(std::move(spec)));
  const CommandSpec* cmd = specs_.back().get();
  for (const Sequence& seq : *seqs) {
    if (seq.empty()) return InvalidArgument("empty command: " + cmd->syntax);
    Node* node = root_.get();
    node->min_privilege = std::min(node->min_privilege, cmd->privilege);
    for (size_t k = 0; k < seq.size(); ++k) {
      std::optional<Token> tok = ParseTokenSpec(seq[k].text);
      if (!tok) return InvalidArgument("bad token '" + seq[k].text + "' in " + cmd->syntax);
      if (tok->kind == TokenKind::kLine && k + 1 != seq.size()) {
        return InvalidArgument("LINE must be last: " + cmd->syntax);
      }
      if (seq[k].help_index < cmd->help.size()) tok->help = cmd->help[seq[k].help_index];
      Node* next = nullptr;
      for (auto& c : node->children) {
        if (c->token.SameShape(*tok)) next = c.get();
      }
      if (next == nullptr) {
        node->children.push_back(std::make_unique<Node>());
        next = node->children.back().get();
        next->token = *tok;
      } else if (next->token.help.empty()) {
        next->token.help = tok->help;
      }
      next->min_privilege = std::min(next->min_privilege, cmd->privilege);
      node = next;
    }
    if (node->command != nullptr && node->command != cmd) {
      return AlreadyExists("duplicate command: " + cmd->syntax);
    }
    node->command = cmd;
  }
  return Status::Ok();
}

ParseResult CommandTree::Parse(std::string_view line, int privilege) const {
  ParseResult r;
  std::vector<Word> words = SplitWords(line);
  if (words.empty()) return r;
  Walker w{line, words, privilege};
  if (const Node* t = w.Walk(*root_, 0)) {
    r.outcome = ParseResult::Outcome::kOk;
    r.command = t->command;
    r.args = std::move(w.path);
    return r;
  }
  r.outcome = w.fail;
  r.error_offset = w.fail_index < words.size() ? words[w.fail_index].offset : line.size();
  return r;
}

HelpResult CommandTree::Help(std::string_view line, int privilege) const {
  HelpResult h;
  const bool partial = !line.empty() && line.back() != ' ';
  std::vector<Word> words = SplitWords(line);
  std::string_view last;
  if (partial) {
    last = words.back().text;
    words.pop_back();
  }
  Walker w{line, words, privilege};
  std::vector<const Node*> reached;
  w.Reach(*root_, 0, reached);
  if (reached.empty()) {
    h.outcome = w.fail == ParseResult::Outcome::kAmbiguous ? HelpResult::Outcome::kAmbiguous
                                                             : HelpResult::Outcome::kInvalid;
    h.error_offset = w.fail_index < words.size() ? words[w.fail_index].offset : line.size();
    return h;
  }
  std::set<std::string> seen;
  std::vector<HelpEntry> keywords, variables;
  bool cr = false;
  for (const Node* n : reached) {
    if (!partial && n->command != nullptr && n->command->privilege <= privilege) cr = true;
    for (const auto& c : n->children) {
      if (!Visible(*c, privilege)) continue;
      bool is_kw = c->token.kind == TokenKind::kKeyword;
      if (partial && !(is_kw && KeywordPrefix(c->token, last))) continue;
      if (!seen.insert(c->token.text).second) continue;
      (is_kw ? keywords : variables).push_back({c->token.text, c->token.help});
    }
  }
  std::sort(keywords.begin(), keywords.end(),
            [](const HelpEntry& a, const HelpEntry& b) { return a.word < b.word; });
  h.entries = std::move(keywords);
  h.entries.insert(h.entries.end(), variables.begin(), variables.end());
  if (cr) h.entries.push_back({"<cr>", "<cr>"});
  h.completions = partial;
  if (partial && h.entries.empty()) h.outcome = HelpResult::Outcome::kUnrecognized;
  return h;
}

std::optional<std::string> CommandTree::Complete(std::string_view line, int privilege) const {
  if (line.empty() || line.back() == ' ') return std::nullopt;
  HelpResult h = Help(line, privilege);
  if (h.outcome != HelpResult::Outcome::kOk || h.entries.size() != 1) return std::nullopt;
  size_t start = line.find_last_of(' ');
  start = start == std::string_view::npos ? 0 : start + 1;
  return std::string(line.substr(0, start)) + h.entries[0].word + " ";
}

bool CommandTree::StartsCommand(std::string_view words) const {
  const Node* node = root_.get();
  for (const Word& w : SplitWords(words)) {
    auto it = std::ranges::find_if(node->children, [&](const std::unique_ptr<Node>& c) {
      return c->token.kind == TokenKind::kKeyword && c->token.text.size() == w.text.size() &&
             KeywordPrefix(c->token, w.text);
    });
    if (it == node->children.end()) return false;
    node = it->get();
  }
  return node != root_.get();
}

std::string FormatHelp(const HelpResult& help) {
  std::string out;
  if (help.completions) {
    for (const HelpEntry& e : help.entries) out += e.word + "  ";
    return out + "\n";
  }
  size_t width = 0;
  for (const HelpEntry& e : help.entries) width = std::max(width, e.word.size());
  width = std::max<size_t>(width + 2, 16);
  for (const HelpEntry& e : help.entries) {
    if (e.word == "<cr>") {
      out += "  <cr>\n";
      continue;
    }
    out += "  " + e.word + std::string(width - e.word.size(), ' ') + e.help + "\n";
  }
  return out;
}

}  // namespace iosup::cli
