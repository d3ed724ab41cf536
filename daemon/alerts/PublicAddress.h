// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>

// Whether an address is one an enterprise's alert channel may connect to: not the unspecified
// address, loopback, a private network (10/8, 172.16/12, 192.168/16, 100.64/10 shared address
// space, fc00::/7), link-local (169.254/16 — cloud metadata services — and fe80::/10),
// multicast, broadcast or reserved (240/4). IPv4-mapped IPv6 addresses are judged as IPv4.
namespace PublicAddress {
bool isPublic(const QHostAddress &address);
} // namespace PublicAddress
