#!/usr/bin/python3
"""Debian's telnet client and syslog: a vty gets no %SYS message until `terminal monitor`, gets
them after it, and none after `terminal no monitor`; then tclsh writes a file over telnet, and
ping without a target runs its interactive dialog on Enter alone.
Usage: telnet_monitor_client.py PORT. Exit 0 when every step matched, 1 on a mismatch; 77 when
pexpect or telnet is missing (the caller skips)."""
import sys

from telnet_session import login, pexpect, spawn


def fail(what, seen):
    print("\nMISMATCH: %s; saw:\n%r" % (what, seen))
    sys.exit(1)


port = sys.argv[1]
c = spawn(port)
login(c)
c.send("configure terminal\r")
c.expect(r"R1\(config\)#")
c.send("end\r")
c.expect("R1#")
c.send("show privilege\r")
c.expect("Current privilege level is 15")
c.expect("R1#")
if "%SYS" in c.before:
    fail("syslog without terminal monitor", c.before)

c.send("terminal monitor\r")
c.expect("R1#")
c.send("send log 6 over telnet\r")
c.expect(r"%SYS-6-USERLOG_INFO: Message from tty2\(user id: admin\): over telnet")
c.send("terminal no monitor\r")
c.expect("terminal no monitor")
c.expect("R1#")
c.send("send log 6 hidden now\r")
c.expect("R1#")
c.send("show privilege\r")
c.expect("Current privilege level is 15")
c.expect("R1#")
if "USERLOG" in c.before:
    fail("syslog after terminal no monitor", c.before)

c.send("tclsh\r")
c.expect(r"R1\(tcl\)#")
c.send('puts [open "flash:telnet.txt" w+] {first line\r')
c.expect(r"\+>")
c.send("second line}\r")
c.expect(r"R1\(tcl\)#")
c.send("tclquit\r")
c.expect("R1#")
c.send("more flash:telnet.txt\r")
c.expect("first line\r\nsecond line\r\n")
c.expect("R1#")
# ping without a target: the interactive dialog, Enter (CR NUL from telnet) taking each default.
c.send("ping\r")
c.expect_exact("Protocol [ip]: ")
c.send("\r")
c.expect_exact("Target IP address: ")
c.send("192.0.2.1\r")
for prompt in ("Repeat count [5]: ", "Datagram size [100]: ", "Timeout in seconds [2]: ",
               "Extended commands [n]: ", "Sweep range of sizes [n]: "):
    c.expect_exact(prompt)
    c.send("\r")
c.expect_exact("Sending 5, 100-byte ICMP Echos to 192.0.2.1, timeout is 2 seconds:")
c.expect_exact("Success rate is 0 percent (0/5)")
c.expect("R1#")
c.send("exit\r")
c.expect(pexpect.EOF)
sys.exit(0)
