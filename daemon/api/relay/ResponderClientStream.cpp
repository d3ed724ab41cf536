// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/relay/ResponderClientStream.h"

ResponderClientStream::ResponderClientStream(HttpResponderPtr responder)
    : m_responder(std::move(responder))
{
}

void ResponderClientStream::send(int status, const QByteArray &body, const QByteArray &contentType,
                                 const HttpHeaderList &headers)
{
    m_responder->send(status, body, contentType, headers);
}

bool ResponderClientStream::begin(int status, const HttpHeaderList &headers)
{
    return m_responder->beginChunked(status, headers);
}

bool ResponderClientStream::write(const QByteArray &data)
{
    return m_responder->writeChunk(data);
}

void ResponderClientStream::end()
{
    m_responder->endChunked();
}

bool ResponderClientStream::isBackedUp() const
{
    return m_responder->isBackedUp();
}

void ResponderClientStream::setWritableHandler(std::function<void()> handler)
{
    m_responder->setWritableHandler(std::move(handler));
}

void ResponderClientStream::setDisconnectHandler(std::function<void()> handler)
{
    m_responder->setDisconnectHandler(std::move(handler));
}
