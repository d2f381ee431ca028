#!/usr/bin/python3
"""Drives an emulated IOS device the way Netmiko users do (Debian's python3-netmiko).

Usage: netmiko_ios.py PORT IMAGE_PATH. Connects to 127.0.0.1:PORT as admin/cisco, runs
show version, sets a boot system line, saves, transfers IMAGE_PATH with file_transfer() and its
MD5 check, then checks the boot line and the file on the device. Prints OK on success; any
failure raises (non-zero exit status).
"""
import os
import sys

from netmiko import ConnectHandler, file_transfer


def main():
    port, image = int(sys.argv[1]), sys.argv[2]
    name = os.path.basename(image)
    conn = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=port,
                          username="admin", password="cisco", secret="cisco",
                          timeout=20, banner_timeout=20, auth_timeout=20)
    prompt = conn.find_prompt()
    assert prompt == "R1#", prompt
    version = conn.send_command("show version")
    assert "uptime is" in version, version
    out = conn.send_config_set(["boot system flash:" + name])
    assert "Invalid" not in out, out
    out = conn.save_config()
    assert "[OK]" in out or "OK" in out, out
    result = file_transfer(conn, source_file=image, dest_file=name, direction="put",
                           overwrite_file=True)
    assert result["file_transferred"] and result["file_verified"], result
    boot = conn.send_command("show running-config | include boot system")
    assert "boot system flash:" + name in boot, boot
    conn.disconnect()
    print("OK")


if __name__ == "__main__":
    main()
