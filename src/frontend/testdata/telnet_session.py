"""What every telnet interop script starts with: Debian's telnet client spawned against the
emulated device on 127.0.0.1:PORT (exit 77, so the caller skips, when pexpect or telnet is
missing), and a login at its Username:/Password: prompts."""
import shutil
import sys

try:
    import pexpect
except ImportError:
    sys.exit(77)

if shutil.which("telnet") is None:
    sys.exit(77)


def spawn(port):
    c = pexpect.spawn("telnet", ["127.0.0.1", port], timeout=10, encoding="utf-8")
    c.logfile_read = sys.stdout
    return c


def login(c, user="admin", password="cisco", prompt="R1#"):
    c.expect("Username: ")
    c.send(user + "\r")
    c.expect("Password: ")
    c.send(password + "\r")
    c.expect(prompt)
