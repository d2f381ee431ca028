#!/usr/bin/python3
"""Writes the Ansible inventory of a running `iosup lab` fleet from what the lab printed.

Usage: make_inventory.py LAB_OUTPUT N IMAGE > inventory.yml

LAB_OUTPUT is the standard output of `iosup lab --devices M --platform C2960 --lab-dir DIR`
(M >= N): one row per device with its `ssh -p PORT USER@127.0.0.1` column, the line
`server tftp ADDRESS -> ..., published hashes in MD5SUMS_PATH` and the `credentials:` line. The
first N devices go into the group `switches`; IMAGE must be listed in the server's MD5SUMS, whose
hash becomes image_md5. Exits non-zero with a message when something is missing.
"""
import json
import os
import re
import sys

DEVICE_ROW = re.compile(r"^(\S+)\s+C2960\s+\S+\s+ssh -p (\d+) (\S+)@(127\.0\.0\.1)\s")
SERVER_ROW = re.compile(r"^server tftp (\S+) -> \S+, root (\S+), published hashes in (\S+)$")
CREDENTIALS = re.compile(r"^credentials: (\S+) / (\S+), enable secret (\S+)$")
# c2960-lanbasek9-mz.152-7.E9.bin -> 15.2(7)E9
CLASSIC_IMAGE = re.compile(r"^[a-z0-9]+-[a-z0-9]+-m[a-z]*\.(\d\d)(\d+)-(\d+)\.(\w+)\.bin$")


def fail(message):
    sys.stderr.write("make_inventory.py: %s\n" % message)
    sys.exit(2)


def version_of(image):
    m = CLASSIC_IMAGE.match(image)
    if not m:
        fail("cannot read a classic IOS version from the image name %s" % image)
    return "%s.%s(%s)%s" % m.groups()


def main():
    if len(sys.argv) != 4:
        fail("usage: make_inventory.py LAB_OUTPUT N IMAGE")
    lab_output, count, image = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    devices, server, credentials = [], None, None
    with open(lab_output) as f:
        for line in f:
            line = line.rstrip("\n")
            if m := DEVICE_ROW.match(line):
                devices.append((m.group(1), int(m.group(2)), m.group(3)))
            elif m := SERVER_ROW.match(line):
                server = m.groups()
            elif m := CREDENTIALS.match(line):
                credentials = m.groups()
    if len(devices) < count:
        fail("%s lists %d C2960 devices, %d wanted" % (lab_output, len(devices), count))
    if not server or not credentials:
        fail("%s has no TFTP server or credentials line" % lab_output)
    address, root, manifest = server
    published = {}
    with open(manifest) as f:
        for line in f:
            md5, name = line.split()
            published[name] = md5
    if image not in published:
        fail("%s is not published in %s" % (image, manifest))
    _, password, secret = credentials
    hosts = {name: {"ansible_port": port, "ansible_user": user}
             for name, port, user in devices[:count]}
    inventory = {
        "switches": {
            "hosts": hosts,
            "vars": {
                "ansible_host": "127.0.0.1",
                "ansible_password": password,
                "ansible_connection": "ansible.netcommon.network_cli",
                "ansible_network_os": "cisco.ios.ios",
                "ansible_become": True,
                "ansible_become_method": "enable",
                "ansible_become_password": secret,
                "tftp_server": address,
                "image": image,
                "image_size": os.path.getsize(os.path.join(root, image)),
                "image_md5": published[image],
                "new_version": version_of(image),
            },
        }
    }
    json.dump(inventory, sys.stdout, indent=2)  # JSON is YAML
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
