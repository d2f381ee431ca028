#!/usr/bin/python3
"""A learner's copy dialogs over Debian's telnet client (driven by python3-pexpect) on the lab's
switch: the CCNA spellings, the source-file prompt, the file's case kept, scp's user name and
password, ftp and http from the lab's server. Usage: copy_dialogs_client.py PORT SERVER_ROOT.
Exit 0 when every step matched; 77 when pexpect or telnet is missing."""
import os
import shutil
import sys

try:
    import pexpect
except ImportError:
    sys.exit(77)
if shutil.which("telnet") is None:
    sys.exit(77)

port, root = sys.argv[1], sys.argv[2]
E6 = "c2960-lanbasek9-mz.152-7.E6.bin"
E9 = "c2960-lanbasek9-mz.152-7.E9.bin"
c = pexpect.spawn("telnet", ["127.0.0.1", port], timeout=20, encoding="utf-8")
c.logfile_read = sys.stdout


def say(line, expect):
    c.send(line + "\r")
    c.expect_exact(expect)


c.expect_exact("Username: ")
say("admin", "Password: ")
say("cisco", "SW1#")  # the lab's user has privilege 15
# copy tftp flash: the colon-less spelling asks what copy tftp: flash: asks.
say("copy tftp flash", "Address or name of remote host []? ")
say("192.168.1.100", "Source filename []? ")
say(E9, "Destination filename [" + E9 + "]? ")
say("", "[OK - 70000 bytes]")
c.expect_exact("SW1#")
# copy flash: tftp: asks the source file first, and keeps its case to the server.
say("copy flash: tftp:", "Source filename []? ")
say(E6, "Address or name of remote host []? ")
say("192.168.1.100", "Destination filename [" + E6 + "]? ")
say("", "bytes copied in")
c.expect_exact("SW1#")
if not os.path.exists(os.path.join(root, E6)):
    print("\nmissing on the server: " + E6)
    sys.exit(1)
# copy scp: asks the user name and, last, the password (not echoed).
say("copy scp: flash:", "Address or name of remote host []? ")
say("192.168.1.100", "Source username [admin]? ")
say("", "Source filename []? ")
say(E9, "Destination filename [" + E9 + "]? ")
say("scp-E9.bin", "Password: ")
say("cisco", "[OK - 70000 bytes]")
c.expect_exact("SW1#")
# ftp (anonymous, as IOS without ip ftp username) and http from the same server.
say("copy ftp://192.168.1.100/" + E9 + " flash:ftp-E9.bin", "Destination filename [ftp-E9.bin]? ")
say("", "[OK - 70000 bytes]")
c.expect_exact("SW1#")
say("copy http://192.168.1.100/" + E9 + " flash:http-E9.bin", "Destination filename [http-E9.bin]? ")
say("", "[OK - 70000 bytes]")
c.expect_exact("SW1#")
say("dir flash:", "vlan.dat")
c.expect_exact("SW1#")
say("exit", "Connection closed by foreign host")
c.expect(pexpect.EOF)
sys.exit(0)
