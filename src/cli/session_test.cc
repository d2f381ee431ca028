#include "cli/session.h"

#include <gtest/gtest.h>

namespace iosup::cli {
namespace {

class StringTerminal : public Terminal {
 public:
  void Write(std::string_view b) override { out += b; }
  void Close() override { closed = true; }
  std::string Take() {
    std::string s;
    for (char c : out) {
      if (c != '\r') s += c;  // compare with "\n" line ends
    }
    out.clear();
    return s;
  }
  std::string out;
  bool closed = false;
};

class TestSession : public Session {
 public:
  using Session::Session;
  std::string Hostname() const override { return "R1"; }
};

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    set_.AddMode({.id = "exec"});
    set_.AddMode({.id = "config", .prompt_suffix = "(config)", .parent = "exec", .is_config = true});
    set_.AddMode({.id = "config-if", .prompt_suffix = "(config-if)", .parent = "config", .is_config = true});
    Add({"exec"}, "show version", {"Show", "Version"}, 1, [](CommandContext& c) {
      c.Print("Cisco IOS XE Software, Version 16.09.06\nline two\nline three\nline four\n");
    }, true);
    Add({"exec"}, "enable", {"Turn on privileged commands"}, 1,
        [](CommandContext& c) { c.session().set_privilege(15); });
    Add({"exec"}, "configure terminal", {"Enter configuration mode", "From the terminal"}, 15,
        [](CommandContext& c) {
          c.Print("Enter configuration commands, one per line.  End with CNTL/Z.\n");
          c.session().SetMode("config");
        });
    Add({"exec"}, "delete URL", {"Delete a file", "File"}, 15, [this](CommandContext& c) {
      std::string file = c.Var(0);
      c.Ask({Question::Kind::kLine, "Delete filename [" + file + "]? ", file},
            [this](CommandContext& c2, const std::string& name) {
              c2.Ask({Question::Kind::kConfirm, "Delete flash:" + name + "? [confirm]", ""},
                     [this, name](CommandContext&, const std::string& yes) {
                       deleted_ = yes == "y" ? name : "aborted";
                     });
            });
    });
    Add({"exec"}, "reload", {"Reload"}, 15, [this](CommandContext& c) {
      c.Ask({Question::Kind::kYesNo, "System configuration has been modified. Save? [yes/no]: ", ""},
            [this](CommandContext&, const std::string& a) { answer_ = a; });
    });
    Add({"config"}, "hostname WORD", {"Set system's network name", "This system's network name"}, 15,
        [this](CommandContext& c) { hostname_ = c.Var(0); });
    Add({"config"}, "interface WORD", {"Select an interface", "Name"}, 15,
        [](CommandContext& c) { c.session().SetMode("config-if"); });
    Add({"config", "config-if"}, "end", {"Exit configuration mode"}, 15,
        [](CommandContext& c) { c.session().SetMode("exec"); });
    Add({"config-if"}, "shutdown", {"Shutdown the selected interface"}, 15, [](CommandContext&) {});
    session_ = std::make_unique<TestSession>(set_, term_, Session::Options{});
    session_->Start();
    term_.Take();
  }
  void Add(std::vector<std::string> modes, std::string syntax, std::vector<std::string> help,
           int priv, Handler h, bool pipeable = false) {
    ASSERT_TRUE(set_.Add(modes, {.syntax = syntax, .help = help, .privilege = priv,
                                 .pipeable = pipeable}, std::move(h)).ok());
  }
  std::string Type(const std::string& s) {
    session_->Input(s);
    return term_.Take();
  }

  CommandSet set_;
  StringTerminal term_;
  std::unique_ptr<TestSession> session_;
  std::string deleted_, answer_, hostname_;
};

TEST_F(SessionTest, EchoAndPromptsAcrossModes) {
  EXPECT_EQ(Type("enable\r"), "enable\nR1#");
  EXPECT_EQ(Type("conf t\r"),
            "conf t\nEnter configuration commands, one per line.  End with CNTL/Z.\nR1(config)#");
  EXPECT_EQ(Type("interface Gi0/0/0\r"), "interface Gi0/0/0\nR1(config-if)#");
  // A global command typed in interface mode runs in global mode.
  EXPECT_EQ(Type("hostname EDGE\r"), "hostname EDGE\nR1(config)#");
  EXPECT_EQ(hostname_, "EDGE");
  EXPECT_EQ(Type("interface Gi0/0/1\r\x1a"), "interface Gi0/0/1\nR1(config-if)#^Z\nR1#");
}

// IOS's words the emulation lacks: they make abbreviations ambiguous as on IOS, answer in one line,
// show in `?`, and never shadow a real command of an enclosing mode.
TEST_F(SessionTest, VocabularyWordsAreAmbiguousListedAndAnswer) {
  Handler not_emulated = [](CommandContext& c) {
    std::string words;
    for (const Arg& a : c.args()) words += a.is_keyword() ? "<" + a.value + ">" : "";
    c.Print("not emulated " + words + "\n");
  };
  ASSERT_TRUE(set_.AddVocabulary("exec",
                                 {{"ssh", "Open a secure shell client connection"},
                                  {"send", "Send a message to other tty lines", 15},
                                  {"show", "Shadowed: a command starts with it"}},
                                 not_emulated).ok());
  ASSERT_TRUE(set_.AddVocabulary("config-if", {{"hostname", "Not an interface word"}}, not_emulated)
                  .ok());
  ASSERT_TRUE(set_.AddVocabulary("config", {{"snmp-server", "Modify SNMP engine parameters", 15}},
                                 not_emulated).ok());
  // At privilege 1 `se` is `send`'s only if send is visible: it is not, so `s` is show|ssh.
  EXPECT_EQ(Type("s\r"), "s\n% Ambiguous command:  \"s\"\nR1>");
  EXPECT_EQ(Type("sh version | include two\r"), "sh version | include two\nline two\nR1>");
  Type("enable\r");
  EXPECT_EQ(Type("se hello\r"), "se hello\nnot emulated <send>\nR1#");
  EXPECT_EQ(Type("s?"), "s?\nsend  show  ssh  \n\nR1#s");
  Type("\x15");  // Ctrl-U: the line is empty again
  EXPECT_EQ(Type("conf t\r"), "conf t\nEnter configuration commands, one per line.  End with CNTL/Z.\nR1(config)#");
  EXPECT_EQ(Type("no snmp community x\r"), "no snmp community x\nnot emulated <no><snmp-server>\nR1(config)#");
  EXPECT_EQ(Type("interface Gi0/0/0\r"), "interface Gi0/0/0\nR1(config-if)#");
  // The real `hostname` of global configuration wins over the interface's not-emulated word.
  EXPECT_EQ(Type("hostname EDGE\r"), "hostname EDGE\nR1(config)#");
  EXPECT_EQ(hostname_, "EDGE");
}

TEST_F(SessionTest, InvalidInputCaretCountsThePrompt) {
  Type("enable\r");
  EXPECT_EQ(Type("show verzion\r"),
            "show verzion\n        ^\n% Invalid input detected at '^' marker.\n\nR1#");
  EXPECT_EQ(Type("show\r"), "show\n% Incomplete command.\n\nR1#");
  EXPECT_EQ(Type("frobnicate\r"),
            "frobnicate\nTranslating \"frobnicate\"...domain server (255.255.255.255)\n"
            "% Unknown command or computer name, or unable to find computer address\nR1#");
}

// A telnet client's Enter is CR NUL or CR LF: the second byte, arriving after the CR brought up a
// [confirm], is part of the same Enter, not a "no".
TEST_F(SessionTest, SecondHalfOfEnterDoesNotAnswerTheNextConfirm) {
  Type("enable\r");
  Type(std::string("delete flash:x.bin\r\0", 20));
  EXPECT_EQ(Type(std::string("\r\0", 2)), "\nDelete flash:flash:x.bin? [confirm]");
  EXPECT_EQ(Type(std::string("\r\0", 2)), "\nR1#");
  EXPECT_EQ(deleted_, "flash:x.bin");
  deleted_.clear();
  Type("delete y.bin\r");
  Type("\r");  // the LF comes in the next read
  EXPECT_EQ(Type("\n"), "");
  EXPECT_EQ(Type("\r\n"), "\nR1#");
  EXPECT_EQ(deleted_, "y.bin");
}

TEST_F(SessionTest, QuestionMarkAnswersAtOnce) {
  EXPECT_EQ(Type("show ?"), "show ?\n  version         Version\n\nR1>show ");
  EXPECT_EQ(Type("\x15"), "\b\b\b\b\b     \b\b\b\b\b");  // Ctrl-U erases the line
  EXPECT_EQ(Type("sh?"), "sh?\nshow  \n\nR1>sh");
  EXPECT_EQ(Type("\t"), "ow ");  // Tab completes
}

TEST_F(SessionTest, DialogsWithDefaultsAndConfirm) {
  Type("enable\r");
  EXPECT_EQ(Type("delete flash:x.bin\r"), "delete flash:x.bin\nDelete filename [flash:x.bin]? ");
  EXPECT_EQ(Type("\r"), "\nDelete flash:flash:x.bin? [confirm]");
  EXPECT_EQ(Type("\r\n"), "\nR1#");  // the LF of CR LF does not run an empty command
  EXPECT_EQ(deleted_, "flash:x.bin");
  Type("delete a\r");
  Type("b\r");
  EXPECT_EQ(Type("n"), "n\nR1#");
  EXPECT_EQ(deleted_, "aborted");
}

TEST_F(SessionTest, YesNoIsAskedAgainUntilAnswered) {
  Type("enable\r");
  Type("reload\r");
  EXPECT_EQ(Type("maybe\r"),
            "maybe\n% Please answer 'yes' or 'no'.\nSystem configuration has been modified. Save? [yes/no]: ");
  EXPECT_EQ(Type("n\r"), "n\nR1#");
  EXPECT_EQ(answer_, "no");
}

TEST_F(SessionTest, PagingWithMore) {
  session_->set_terminal_length(3);
  std::string out = Type("show version\r");
  EXPECT_EQ(out, "show version\nCisco IOS XE Software, Version 16.09.06\nline two\n --More-- ");
  out = Type(" ");
  EXPECT_EQ(out, "\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bline three\nline four\nR1>");
  session_->set_terminal_length(3);
  Type("show version\r");
  EXPECT_EQ(Type("q"), "\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bR1>");
  session_->set_terminal_length(0);
  EXPECT_EQ(Type("show version\r"), "show version\nCisco IOS XE Software, Version 16.09.06\n"
                                    "line two\nline three\nline four\nR1>");
}

TEST_F(SessionTest, PipesFilterOutput) {
  EXPECT_EQ(Type("show version | include three|four\r"),
            "show version | include three|four\nline three\nline four\nR1>");
  EXPECT_EQ(Type("show version | count line\r"),
            "show version | count line\nNumber of lines which match regexp = 3\nR1>");
  EXPECT_EQ(Type("enable | include x\r"),
            "enable | include x\n          ^\n% Invalid input detected at '^' marker.\n\nR1>");
}

TEST_F(SessionTest, AsyncMessageRedrawsTheLineBeingTyped) {
  Type("sho");
  session_->Notify("*Mar  5 09:14:22.000: %SYS-5-CONFIG_I: Configured from console by console");
  EXPECT_EQ(term_.Take(),
            "\n*Mar  5 09:14:22.000: %SYS-5-CONFIG_I: Configured from console by console\nR1>sho");
  EXPECT_EQ(Type("w version | i Version\r"),
            "w version | i Version\nCisco IOS XE Software, Version 16.09.06\nR1>");
}

TEST_F(SessionTest, HistoryWithArrows) {
  Type("show version | i two\r");
  EXPECT_EQ(Type("\x1b[A"), "show version | i two");
  EXPECT_EQ(Type("\x1b[B"), std::string(20, '\b') + std::string(20, ' ') + std::string(20, '\b'));
}

}  // namespace
}  // namespace iosup::cli

namespace iosup::cli {
namespace {

TEST(SessionAsync, DetachedCommandHoldsPromptAndTypeahead) {
  CommandSet set;
  set.AddMode({.id = "exec"});
  std::shared_ptr<PendingCommand> pending;
  int shows = 0;
  ASSERT_TRUE(set.Add({"exec"}, {.syntax = "copy"}, [&](CommandContext& c) {
    c.Print("Accessing...\n");
    pending = c.Detach();
  }).ok());
  ASSERT_TRUE(set.Add({"exec"}, {.syntax = "show"}, [&](CommandContext& c) { ++shows; }).ok());
  StringTerminal term;
  TestSession s(set, term, Session::Options{.privilege = 15});
  s.Start();
  term.Take();
  s.Input("copy\rshow\r");
  EXPECT_EQ(term.Take(), "copy\nAccessing...\n");  // no prompt, `show` waits
  EXPECT_EQ(shows, 0);
  pending->Print("!!!!\n[OK - 4 bytes]\n");
  pending->Finish();
  EXPECT_EQ(term.Take(), "!!!!\n[OK - 4 bytes]\nR1#show\nR1#");
  EXPECT_EQ(shows, 1);
  pending->Finish();  // twice is harmless
  s.Input("copy\r");
  auto orphan = pending;
  {
    StringTerminal t2;
    auto gone = std::make_unique<TestSession>(set, t2, Session::Options{});
    gone->Input("copy\r");
    orphan = pending;
  }
  orphan->Print("late\n");  // the session is gone: nothing happens
  orphan->Finish();
}

}  // namespace
}  // namespace iosup::cli

namespace iosup::cli {
namespace {

TEST(LineEditor, CursorAndWordKeys) {
  LineEditor e;
  for (char c : std::string("show verzion")) e.Feed(c);
  EXPECT_EQ(e.Feed(0x01).echo, std::string(12, '\b'));  // Ctrl-A: to the start
  EXPECT_EQ(e.cursor(), 0u);
  EXPECT_EQ(e.Feed(0x05).echo, "show verzion");          // Ctrl-E: to the end
  e.Feed(0x17);                                          // Ctrl-W: the last word goes
  EXPECT_EQ(e.line(), "show ");
  for (char c : std::string("version")) e.Feed(c);
  e.Feed(0x1b), e.Feed('['), e.Feed('D');                // left arrow
  e.Feed(0x7f);                                          // backspace deletes before the cursor
  EXPECT_EQ(e.line(), "show versin");
  EXPECT_EQ(e.Feed('\r').action, LineEditor::Action::kEnter);
  EXPECT_EQ(e.Feed('\n').action, LineEditor::Action::kNone);  // LF of CR LF
}

}  // namespace
}  // namespace iosup::cli
