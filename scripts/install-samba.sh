#!/usr/bin/env bash
# Installs what the Active Directory tests and benchmark need (a Samba AD DC with its VFS modules —
# provisioning sets sysvol ACLs through acl_xattr, a "recommended" package apt skips here —, ldap-utils, ldb-tools,
# openssl) from Debian's packages when missing. Idempotent and non-interactive; needs root or sudo.
set -euo pipefail

packages=(samba samba-dsdb-modules samba-vfs-modules samba-common-bin ldb-tools ldap-utils openssl)
# samba-ad-provision holds the provisioning templates (split out in Debian 12).
optional=(samba-ad-provision)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
for tool in samba samba-tool ldbmodify ldapsearch openssl; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing+=("__tool_$tool")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-samba: samba, ldap-utils and ldb-tools already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo -n); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
for p in "${optional[@]}"; do
  if apt-cache show "$p" >/dev/null 2>&1; then packages+=("$p"); fi
done
# krb5-config asks for a realm otherwise; the tests never use the system's Kerberos configuration.
echo "krb5-config krb5-config/default_realm string EXAMPLE.TEST" | "${sudo[@]}" debconf-set-selections 2>/dev/null || true
"${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${packages[@]}"
# Later Debian releases moved the AD DC binary into samba-ad-dc.
if ! command -v samba >/dev/null 2>&1 && [ ! -x /usr/sbin/samba ] && apt-cache show samba-ad-dc >/dev/null 2>&1; then
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends samba-ad-dc
fi
echo "install-samba: installed ${packages[*]}"
