// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/PublicAddress.h"

namespace {

bool inRange(quint32 ip, quint32 network, int prefix)
{
    const quint32 mask = prefix == 0 ? 0 : ~quint32(0) << (32 - prefix);
    return (ip & mask) == (network & mask);
}

bool isPublicIPv4(quint32 ip)
{
    static const struct
    {
        quint32 network;
        int prefix;
    } blocked[] = {
        {0x00000000, 8},  // "this network", 0.0.0.0
        {0x0A000000, 8},  // 10/8
        {0x64400000, 10}, // 100.64/10, shared address space
        {0x7F000000, 8},  // loopback
        {0xA9FE0000, 16}, // link-local, cloud metadata (169.254.169.254)
        {0xAC100000, 12}, // 172.16/12
        {0xC0000000, 24}, // 192.0.0/24, protocol assignments
        {0xC0A80000, 16}, // 192.168/16
        {0xC6120000, 15}, // 198.18/15, benchmarking
        {0xE0000000, 4},  // multicast
        {0xF0000000, 4},  // reserved, broadcast
    };
    for (const auto &b : blocked) {
        if (inRange(ip, b.network, b.prefix))
            return false;
    }
    return true;
}

} // namespace

bool PublicAddress::isPublic(const QHostAddress &address)
{
    if (address.isNull())
        return false;
    bool v4 = false;
    const quint32 ip4 = address.toIPv4Address(&v4); // IPv4, or IPv4-mapped IPv6
    if (v4)
        return isPublicIPv4(ip4);
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return false;
    const Q_IPV6ADDR ip6 = address.toIPv6Address();
    bool zero = true;
    for (int i = 0; i < 16; ++i)
        zero = zero && ip6[i] == 0;
    if (zero)
        return false; // ::
    if (address.isLoopback() || address.isMulticast())
        return false;
    if ((ip6[0] & 0xfe) == 0xfc)
        return false; // fc00::/7, unique local
    if (ip6[0] == 0xfe && (ip6[1] & 0xc0) == 0x80)
        return false; // fe80::/10, link-local
    if (ip6[0] == 0xfe && (ip6[1] & 0xc0) == 0xc0)
        return false; // fec0::/10, deprecated site-local
    return true;
}
