# SPDX-License-Identifier: GPL-3.0-or-later
getent group aicarpool >/dev/null || groupadd --system aicarpool
getent passwd aicarpool >/dev/null ||
    useradd --system --gid aicarpool --home-dir /var/lib/aicarpool --no-create-home \
        --shell /sbin/nologin --comment "aicarpool daemon" aicarpool
if [ -f /etc/aicarpool/aicarpoold.conf ]; then
    chown root:aicarpool /etc/aicarpool/aicarpoold.conf
    chmod 0640 /etc/aicarpool/aicarpoold.conf
fi
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || true
    if [ "$1" -gt 1 ] && systemctl is-active --quiet aicarpoold.service; then
        systemctl restart aicarpoold.service || true
    fi
fi
exit 0
