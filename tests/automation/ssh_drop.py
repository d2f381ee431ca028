"""Drives an emulated device over SSH with Debian's paramiko as a person's session does, to see an
injected ssh-drop fault: a first session sends `show version` and reports whether any answer came
before the connection ended; a second session then runs the same command normally.
Usage: ssh_drop.py PORT USER PASSWORD. Prints FIRST <closed|open> <answered|silent>, SECOND <...>."""
import sys
import time

import paramiko

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]


def session():
    c = paramiko.SSHClient()
    c.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    c.connect("127.0.0.1", port=port, username=user, password=password, look_for_keys=False,
              allow_agent=False, timeout=10)
    ch = c.invoke_shell()
    ch.settimeout(10)
    buf = b""
    while not buf.rstrip().endswith((b">", b"#")):
        buf += ch.recv(4096)
    return c, ch


def run(name):
    c, ch = session()
    ch.send("show version\r")
    got, closed = b"", False
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            data = ch.recv(4096)
        except Exception:
            break
        if not data:
            closed = True
            break
        got += data
        if b"uptime is" in got:
            break
    print(name, "closed" if closed else "open", "answered" if b"uptime is" in got else "silent")
    c.close()


run("FIRST")
run("SECOND")
