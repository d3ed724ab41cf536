// SPDX-License-Identifier: GPL-3.0-or-later
#include "upstream/PlainHttpConnection.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/uio.h>
#include <unistd.h>

namespace {

// Bytes a request line may carry in its target: visible ASCII only (the relay percent-encodes
// what it puts into URLs; anything else is left to curl, which refuses or encodes it).
bool isTargetByte(char c)
{
    return c > 0x20 && c < 0x7f && c != '#';
}

} // namespace

bool PlainHttpTarget::parse(const QByteArray &url, PlainHttpTarget *out)
{
    static constexpr char Scheme[] = "http://";
    constexpr qsizetype SchemeLength = sizeof(Scheme) - 1;
    if (url.size() <= SchemeLength || qstrnicmp(url.constData(), Scheme, SchemeLength) != 0)
        return false;
    const QByteArrayView rest = QByteArrayView(url).sliced(SchemeLength);
    qsizetype end = 0;
    while (end < rest.size() && rest[end] != '/' && rest[end] != '?' && rest[end] != '#')
        ++end;
    const QByteArrayView authority = rest.first(end);
    if (authority.isEmpty() || authority.contains('@'))
        return false;

    QByteArrayView host;
    QByteArrayView port;
    bool v6 = false;
    if (authority.startsWith('[')) {
        const qsizetype close = authority.indexOf(']');
        if (close < 0)
            return false;
        host = authority.sliced(1, close - 1);
        const QByteArrayView after = authority.sliced(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(':'))
                return false;
            port = after.sliced(1);
        }
        v6 = true;
    } else {
        const qsizetype colon = authority.indexOf(':');
        host = colon < 0 ? authority : authority.first(colon);
        if (colon >= 0)
            port = authority.sliced(colon + 1);
    }
    if (host.isEmpty() || host.size() > 64)
        return false;
    int portNumber = 80;
    if (!port.isEmpty()) {
        if (port.size() > 5)
            return false;
        portNumber = 0;
        for (char c : port) {
            if (c < '0' || c > '9')
                return false;
            portNumber = portNumber * 10 + (c - '0');
        }
        if (portNumber < 1 || portNumber > 65535)
            return false;
    }
    char hostText[65];
    std::memcpy(hostText, host.data(), size_t(host.size()));
    hostText[host.size()] = '\0';

    PlainHttpTarget t;
    if (v6) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&t.address);
        if (::inet_pton(AF_INET6, hostText, &a->sin6_addr) != 1)
            return false;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(quint16(portNumber));
        t.addressLength = sizeof(sockaddr_in6);
    } else {
        auto *a = reinterpret_cast<sockaddr_in *>(&t.address);
        if (::inet_pton(AF_INET, hostText, &a->sin_addr) != 1)
            return false;
        a->sin_family = AF_INET;
        a->sin_port = htons(quint16(portNumber));
        t.addressLength = sizeof(sockaddr_in);
    }

    QByteArrayView target = rest.sliced(end);
    if (target.contains('#'))
        return false;
    for (char c : target) {
        if (!isTargetByte(c))
            return false;
    }
    t.path = target.isEmpty()         ? QByteArray("/")
             : target.startsWith('?') ? "/" + target.toByteArray()
                                      : target.toByteArray();
    const QByteArray hostPart = v6 ? "[" + host.toByteArray() + "]" : host.toByteArray();
    t.hostHeader = portNumber == 80 ? hostPart : hostPart + ':' + QByteArray::number(portNumber);
    t.poolKey = hostPart + ' ' + QByteArray::number(portNumber);
    *out = std::move(t);
    return true;
}

PlainHttpConnection::PlainHttpConnection(int fd, QByteArray poolKey)
    : m_fd(fd), m_poolKey(std::move(poolKey))
{
}

PlainHttpConnection::~PlainHttpConnection()
{
    closeSocket();
}

void PlainHttpConnection::closeSocket()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

PlainHttpConnection *PlainHttpConnection::open(const PlainHttpTarget &target, int *error)
{
    const int fd =
        ::socket(target.address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
    if (fd < 0) {
        *error = errno;
        return nullptr;
    }
    // As curl sets them: no Nagle delay for the small writes of a request, and TCP keep-alive
    // probes so a connection that died silently while idle is found.
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
    const int idle = 60;
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &idle, sizeof idle);
    auto *c = new PlainHttpConnection(fd, target.poolKey);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&target.address), target.addressLength) ==
        0) {
        c->m_connecting = false;
    } else if (errno != EINPROGRESS) {
        *error = errno;
        delete c;
        return nullptr;
    }
    return c;
}

int PlainHttpConnection::connectResult() const
{
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        return errno;
    return error;
}

void PlainHttpConnection::setRequest(const QByteArray &head, const QByteArray &body)
{
    m_head = head;
    m_body = body;
    m_sent = 0;
    m_abandoned = false;
}

void PlainHttpConnection::abandonRequest()
{
    m_abandoned = true;
    m_head = QByteArray();
    m_body = QByteArray();
}

int PlainHttpConnection::sendPending()
{
    while (wantsToSend()) {
        iovec pieces[2];
        int count = 0;
        if (m_sent < m_head.size()) {
            pieces[count++] = {const_cast<char *>(m_head.constData()) + m_sent,
                               size_t(m_head.size() - m_sent)};
        }
        const qint64 bodySent = qMax<qint64>(0, m_sent - m_head.size());
        if (bodySent < m_body.size()) {
            pieces[count++] = {const_cast<char *>(m_body.constData()) + bodySent,
                               size_t(m_body.size() - bodySent)};
        }
        msghdr message{};
        message.msg_iov = pieces;
        message.msg_iovlen = size_t(count);
        const ssize_t n = ::sendmsg(m_fd, &message, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : errno;
        }
        m_sent += n;
    }
    if (requestSent()) {
        // Sent: the buffers are not needed any more (a large body is freed now, not at the end).
        m_head = QByteArray();
        m_body = QByteArray();
    }
    return 0;
}

qsizetype PlainHttpConnection::receive(char *buffer, qsizetype capacity, int *error)
{
    for (;;) {
        const ssize_t n = ::recv(m_fd, buffer, size_t(capacity), 0);
        if (n >= 0)
            return n;
        if (errno == EINTR)
            continue;
        *error = errno;
        return -1;
    }
}
