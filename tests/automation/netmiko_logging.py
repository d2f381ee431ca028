#!/usr/bin/python3
"""Syslog on vty lines and tclsh, the way Netmiko users meet them (Debian's python3-netmiko).

Usage: netmiko_logging.py PORT HOSTNAME SESSION_LOG

Two SSH sessions to 127.0.0.1:PORT as admin/cisco (enable secret cisco), device_type cisco_ios:
  1. A configuration change (send_config_set) writes no %SYS message into the session that made
     it, nor into another session without `terminal monitor`: Netmiko's reads stay in step.
  2. After `terminal monitor` the other session receives the %SYS-5-CONFIG_I of the first, and a
     `send log`; after `terminal no monitor`, nothing more.
  3. `show logging` holds both messages in the buffer `logging buffered` configured.
  4. InLineTransfer (tclsh: puts [open "bootflash:F" w+] {...}, tclquit) writes a file whose MD5
     is the one Netmiko computes, checked with `verify /md5`.
Prints "OK" on success; any failure raises (non-zero exit status).
"""
import sys
import time

from netmiko import ConnectHandler
from netmiko.cisco.cisco_ios import InLineTransfer


def check(condition, what, output):
    if not condition:
        raise AssertionError("%s; device said:\n%s" % (what, output))


def connect(port, session_log):
    conn = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=port,
                          username="admin", password="cisco", secret="cisco",
                          timeout=20, banner_timeout=20, auth_timeout=20,
                          session_log=session_log)
    conn.enable()
    return conn


def drain(conn, wait=1.5):
    """What arrived on the channel unasked within `wait` seconds."""
    end = time.time() + wait
    out = ""
    while time.time() < end:
        out += conn.read_channel()
        time.sleep(0.1)
    return out


def main():
    port, hostname, session_log = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    worker = connect(port, session_log)
    watcher = connect(port, session_log + ".watcher")
    check(worker.find_prompt() == hostname + "#", "prompt", worker.find_prompt())

    # 1. No syslog in a session without terminal monitor.
    out = worker.send_config_set(["logging buffered 16384 informational"])
    check("Invalid" not in out, "send_config_set", out)
    out += worker.send_command("show clock")
    out += drain(worker)
    check("%SYS" not in out, "a syslog message in the configuring session", out)
    unasked = drain(watcher)
    check("%SYS" not in unasked, "a syslog message in a session without terminal monitor",
          unasked)

    # 2. terminal monitor: the watcher sees the worker's messages, until terminal no monitor.
    watcher.send_command("terminal monitor")
    worker.send_config_set(["logging console informational"])
    worker.send_command("send log 6 netmiko was here")
    seen = drain(watcher, 3)
    check("%SYS-5-CONFIG_I: Configured from console by admin on vty" in seen,
          "CONFIG_I on the monitoring session", seen)
    check("%SYS-6-USERLOG_INFO: Message from tty" in seen and "netmiko was here" in seen,
          "send log on the monitoring session", seen)
    watcher.send_command("terminal no monitor")
    worker.send_command("send log 6 after no monitor")
    seen = drain(watcher)
    check("after no monitor" not in seen, "a message after terminal no monitor", seen)

    # 3. The buffer holds what was logged since logging buffered.
    log = worker.send_command("show logging")
    check("Log Buffer (16384 bytes):" in log, "show logging buffer header", log)
    check("%SYS-5-CONFIG_I: Configured from console by admin on vty" in log, "CONFIG_I", log)
    check("netmiko was here" in log and "after no monitor" in log, "send log in buffer", log)

    # 4. tclsh file transfer.
    config = "hostname TCL_TEST\n!\ninterface Loopback7\n description via tclsh\n!\nend"
    with InLineTransfer(worker, source_config=config, dest_file="tcl_test.cfg",
                        file_system="bootflash:") as transfer:
        transfer.put_file()
    check(worker.find_prompt() == hostname + "#", "prompt after tclquit", worker.find_prompt())
    transfer = InLineTransfer(worker, source_config=config, dest_file="tcl_test.cfg",
                              file_system="bootflash:")
    check(transfer.verify_file(), "verify /md5 of the tclsh file",
          worker.send_command("verify /md5 bootflash:tcl_test.cfg"))

    worker.disconnect()
    watcher.disconnect()
    print("OK")


if __name__ == "__main__":
    main()
