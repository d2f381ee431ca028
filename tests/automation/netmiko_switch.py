#!/usr/bin/python3
"""Drives an emulated Catalyst 2960 the way Netmiko users do (Debian's python3-netmiko).

Usage: netmiko_switch.py PORT IMAGE_PATH HOSTNAME SESSION_LOG

Connects to 127.0.0.1:PORT as admin/cisco (enable secret cisco) with device_type cisco_ios:
checks the prompt and show version, sets `boot system flash:<image>` with send_config_set, saves
with save_config, pushes IMAGE_PATH with file_transfer() (SCP plus the `verify /md5` check), then
transfers it again without overwrite (Netmiko must find it in place with the same MD5), and
checks the boot line in the running and startup configurations. Prints "OK <md5>" on success;
any failure raises (non-zero exit status). SESSION_LOG records the whole CLI session.
"""
import hashlib
import os
import sys

from netmiko import ConnectHandler, file_transfer


def check(condition, what, output):
    if not condition:
        raise AssertionError("%s; device said:\n%s" % (what, output))


def main():
    port, image, hostname, session_log = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    name = os.path.basename(image)
    with open(image, "rb") as f:
        md5 = hashlib.md5(f.read()).hexdigest()
    conn = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=port,
                          username="admin", password="cisco", secret="cisco",
                          timeout=20, banner_timeout=20, auth_timeout=20,
                          session_log=session_log)
    conn.enable()
    prompt = conn.find_prompt()
    check(prompt == hostname + "#", "prompt", prompt)

    version = conn.send_command("show version")
    check("C2960 Software" in version and "Version 15.2(7)E6" in version, "show version", version)
    check(hostname + " uptime is" in version, "hostname in show version", version)

    boot_line = "boot system flash:" + name
    out = conn.send_config_set([boot_line])
    check("Invalid" not in out and "(config)#" in out, "send_config_set", out)
    check(not conn.check_config_mode(), "left config mode", out)

    out = conn.save_config()
    check("[OK]" in out, "save_config", out)

    result = file_transfer(conn, source_file=image, dest_file=name, direction="put",
                           overwrite_file=True)
    check(result["file_transferred"] and result["file_verified"], "file_transfer", result)

    # Already there with the same MD5: nothing is sent, the copy on flash is verified.
    result = file_transfer(conn, source_file=image, dest_file=name, direction="put",
                           overwrite_file=False)
    check(result == {"file_exists": True, "file_transferred": False, "file_verified": True},
          "file_transfer of a file already in place", result)

    out = conn.send_command("verify /md5 flash:" + name)
    check(md5 in out, "verify /md5", out)
    out = conn.send_command("dir flash:" + name)
    check(str(os.path.getsize(image)) in out and name in out, "dir of the new image", out)
    for source in ("running-config", "startup-config"):
        out = conn.send_command("show %s | include boot system" % source)
        check(boot_line in out, "boot line in " + source, out)
    conn.disconnect()
    print("OK " + md5)


if __name__ == "__main__":
    main()
