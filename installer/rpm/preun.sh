# SPDX-License-Identifier: GPL-3.0-or-later
# $1 is 0 on erase, 1 on upgrade.
if [ "$1" -eq 0 ] && [ -d /run/systemd/system ]; then
    systemctl stop aicarpoold.service >/dev/null 2>&1 || true
    systemctl disable aicarpoold.service >/dev/null 2>&1 || true
fi
exit 0
