"""Reads the inventories an iosup lab writes with the parser the tools use (PyYAML) and prints,
for each, one line per device: TOOL NAME HOST PORT USER. When Nornir is installed, its
SimpleInventory loads them too. Usage: check_inventories.py LAB_DIR"""
import sys

import yaml

lab = sys.argv[1]


def load(path):
    with open(path) as f:
        return yaml.safe_load(f)


inv = load(lab + "/ansible-inventory.yaml")["all"]
for group, body in inv["children"].items():
    for name, h in (body.get("hosts") or {}).items():
        assert inv["vars"]["ansible_network_os"] == "cisco.ios.ios"
        print("ansible", name, h["ansible_host"], h["ansible_port"], h["ansible_user"], group)

hosts = load(lab + "/nornir/hosts.yaml")
groups = load(lab + "/nornir/groups.yaml")
for name, h in hosts.items():
    for g in h["groups"]:
        assert g in groups, g
    print("nornir", name, h["hostname"], h["port"], h["username"], h["platform"])

testbed = load(lab + "/pyats-testbed.yaml")
for name, d in testbed["devices"].items():
    cli = d["connections"]["cli"]
    print("pyats", d["alias"], cli["ip"], cli["port"], d["credentials"]["default"]["username"], d["os"])

try:
    from nornir import InitNornir
except ImportError:
    print("nornir-absent")
else:
    nr = InitNornir(config_file=lab + "/nornir/config.yaml")
    for name, h in nr.inventory.hosts.items():
        print("nornir-loaded", name, h.hostname, h.port, h.username, h.platform)
