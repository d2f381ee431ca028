#!/usr/bin/python3
"""What the learner met over Debian's telnet: IOS's vocabulary (`s` is ambiguous, `?` lists IOS's
words, Tab completes, a word IOS has but the device does not emulate answers one clear line), and
a saved interface shutdown / no shutdown that leaves reload no Save? to ask. Usage:
telnet_vocabulary.py PORT. Exit 0 when every step matched; 77 when pexpect or telnet is missing."""
import re
import sys

from telnet_session import login, pexpect, spawn

port = sys.argv[1]
c = spawn(port)
login(c)

c.send("s\r")
c.expect(re.escape('% Ambiguous command:  "s"'))
c.expect("R1#")
c.send("setup\r")
c.expect(re.escape('% Error: "setup" exists on IOS but is not emulated by this device'))
c.expect("R1#")
c.send("?")
c.expect("Exec commands:")
for word in ["send", "set", "setup", "show", "ssh"]:
    c.expect(r"\n  " + word + r" +\S")
c.expect("R1#")
c.send("\x15")  # Ctrl-U: an empty line again
c.send("sh\t")
c.expect("show ")
c.send("privilege\r")
c.expect("Current privilege level is 15")
c.expect("R1#")


def reload_asks_no_save():
    c.send("reload\r")
    i = c.expect([r"Save\? \[yes/no\]", r"Proceed with reload\? \[confirm\]"])
    if i == 0:
        print("\n*** reload asked Save? after write memory", file=sys.stderr)
        sys.exit(1)
    c.send("n")
    c.expect("R1#")


for change in ["shutdown", "no shutdown"]:
    c.send("configure terminal\r")
    c.expect(r"R1\(config\)#")
    c.send("interface GigabitEthernet0/0/1\r")
    c.expect(r"R1\(config-if\)#")
    c.send(change + "\r")
    c.expect(r"R1\(config-if\)#")
    c.send("end\r")
    c.expect("R1#")
    c.send("write memory\r")
    c.expect(re.escape("[OK]"))
    c.expect("R1#")
    reload_asks_no_save()

c.send("exit\r")
c.expect(pexpect.EOF)
sys.exit(0)
