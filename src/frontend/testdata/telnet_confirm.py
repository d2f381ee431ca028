#!/usr/bin/python3
"""Debian's telnet client answers IOS's dialogs with Enter, which it sends as CR NUL in character
mode: `reload in 5` (its SHUTDOWN banners reach this vty), `reload cancel`, `delete` and its
[confirm], then `reload`. Usage: telnet_confirm.py PORT. Exit 0 when every step matched; 77 when
pexpect or telnet is missing (the caller skips)."""
import sys

from telnet_session import login, pexpect, spawn

port = sys.argv[1]
c = spawn(port)
login(c)

c.send("reload in 5\r")
c.expect(r"Reload scheduled in 5 minutes by admin on vty0 \(127\.0\.0\.1\)")
c.expect(r"Proceed with reload\? \[confirm\]")
c.send("\r")
# The countdown and its end reach the vty that scheduled it (no `terminal monitor` here).
c.expect(r"\*\*\* --- SHUTDOWN in 0:05:00 ---")
c.expect("R1#")
c.send("show reload\r")
c.expect(r"Reload scheduled for .* by admin on vty0 \(127\.0\.0\.1\)")
c.expect("R1#")
c.send("reload cancel\r")
c.expect(r"\*\*\* --- SHUTDOWN ABORTED ---")
c.expect("R1#")

c.send("copy running-config bootflash:enter.cfg\r")
c.expect("bytes copied")
c.expect("R1#")
c.send("delete bootflash:enter.cfg\r")
c.expect(r"Delete filename \[enter\.cfg\]\? ")
c.send("\r")
c.expect(r"Delete bootflash:/?enter\.cfg\? \[confirm\]")
c.send("\r")
c.expect("R1#")
c.send("dir bootflash:\r")
i = c.expect(["enter.cfg", "bytes free"])
if i == 0:
    print("\n*** the file is still there", file=sys.stderr)
    sys.exit(1)
c.expect("R1#")

c.send("reload\r")
c.expect(r"Proceed with reload\? \[confirm\]")
c.send("\r")
c.expect("Connection closed by foreign host")
c.expect(pexpect.EOF)
sys.exit(0)
