#!/usr/bin/python3
"""Drives Debian's telnet client against the emulated device: login, a command, a wrong
password, logout. Usage: telnet_client.py PORT. Exit 0 when every step matched; 77 when pexpect
or telnet is missing (the caller skips)."""
import sys

from telnet_session import pexpect, spawn

port = sys.argv[1]
c = spawn(port)
c.expect("User Access Verification")
c.expect("Username: ")
c.send("admin\r")
c.expect("Password: ")
c.send("wrong\r")
c.expect("% Login invalid")
c.expect("Username: ")
c.send("admin\r")
c.expect("Password: ")
c.send("cisco\r")
c.expect("R1#")
c.send("show version | include Configuration register\r")
c.expect("Configuration register is 0x2102")
c.expect("R1#")
c.send("exit\r")
c.expect("Connection closed by foreign host")
c.expect(pexpect.EOF)
sys.exit(0)
