#!/usr/bin/python3
"""Drives install mode on an emulated Catalyst 9300 the way pyntc and Netmiko users do.

Usage: netmiko_install.py PORT IMAGE HOSTNAME SESSION_LOG [MEMBERS]

Connects to 127.0.0.1:PORT as admin/cisco (enable secret cisco), checks the switch runs 17.06.05
in install mode, sends `install add file flash:IMAGE activate commit` with send_command and an
expect_string on the [y/n] reload question, answers `y` with send_command_timing and reads the
run to its SUCCESS line until the switch drops the session to reload. Then reconnects (retrying
while the switch boots) and checks show version and show install summary: 17.09.04a committed,
INSTALL mode. With MEMBERS (a stack of that many switches): the add, activate and commit ran on
every member, and after the reload it polls show switch until every member is Ready (a late one
is Progressing meanwhile; no timing is asserted) and finds the release committed on [ Switch 1 .. MEMBERS ].
Prints "OK" on success; any failure raises (non-zero exit status).
"""
import sys
import time

from netmiko import ConnectHandler


def check(condition, what, output):
    if not condition:
        raise AssertionError("%s; device said:\n%s" % (what, output))


def connect(port, session_log):
    return ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=port,
                          username="admin", password="cisco", secret="cisco",
                          timeout=20, banner_timeout=20, auth_timeout=20,
                          session_log=session_log)


def reconnect(port, session_log):
    deadline = time.time() + 60
    while True:
        try:
            conn = connect(port, session_log)
            conn.enable()
            return conn
        except Exception:  # the switch is still booting: connections are refused meanwhile
            if time.time() > deadline:
                raise
            time.sleep(1)


def wait_for_members(conn, members):
    """show switch until every member is Ready (a late joiner is Progressing meanwhile)."""
    deadline = time.time() + 60
    while True:
        out = conn.send_command("show switch")
        rows = [line.split() for line in out.splitlines()
                if line[:2].strip().lstrip("*").isdigit() and len(line.split()) >= 5]
        states = {int(r[0].lstrip("*")): r[-1] for r in rows}
        check(sorted(states) == list(range(1, members + 1)), "every member listed", out)
        if all(s == "Ready" for s in states.values()):
            return
        check(time.time() < deadline, "members Ready within 60 s", out)
        time.sleep(1)


def main():
    port, image, hostname, session_log = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    members = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    ids = " ".join(str(k) for k in range(1, members + 1))
    conn = connect(port, session_log)
    conn.enable()
    version = conn.send_command("show version")
    check("Version 17.06.05" in version and "INSTALL" in version, "install mode 17.6", version)

    out = conn.send_command("install add file flash:%s activate commit" % image,
                            expect_string=r"\[y/n\]", delay_factor=4)
    check("Image added. Version: 17.09.04a" in out, "add passed", out)
    check("Following packages shall be activated:" in out, "package list", out)
    check("/flash/cat9k-rpbase.17.09.04a.SPA.pkg" in out, "rpbase listed", out)
    if members > 1:
        check("Checking status of Add on [%s]" % ids in out, "add on every member", out)
    try:
        out = conn.send_command_timing("y", delay_factor=4)
    except Exception as e:  # the reload may close the channel under Netmiko
        out = conn.session_log.getvalue() if hasattr(conn.session_log, "getvalue") else str(e)
    check("FAILED" not in out, "no failure", out)
    check("SUCCESS: install_add_activate_commit" in out, "success line", out)
    try:
        conn.disconnect()
    except Exception:
        pass

    conn = reconnect(port, session_log + ".after")
    check(conn.find_prompt() == hostname + "#", "prompt after reload", conn.find_prompt())
    version = conn.send_command("show version")
    check("Version 17.09.04a" in version, "new version", version)
    check('System image file is "flash:packages.conf"' in version, "packages.conf boot", version)
    if members > 1:
        wait_for_members(conn, members)
    summary = conn.send_command("show install summary")
    check("IMG   C    17.09.04a" in summary, "17.9 committed", summary)
    if members > 1:
        check("[ Switch %s ] Installed" % ids in summary, "committed on every member", summary)
    check("Auto abort timer: inactive" in summary, "no timer", summary)
    conn.disconnect()
    print("OK")


if __name__ == "__main__":
    main()
