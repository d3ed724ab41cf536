// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpResponder.h"
#include "relay/ClientStream.h"

// The relay's client stream over an HTTP/1.1 responder: a complete answer is one response with
// Content-Length, a streamed one uses chunked transfer coding.
class ResponderClientStream final : public ClientStream
{
public:
    explicit ResponderClientStream(HttpResponderPtr responder);

    void send(int status, const QByteArray &body, const QByteArray &contentType,
              const HttpHeaderList &headers) override;
    bool begin(int status, const HttpHeaderList &headers) override;
    bool write(const QByteArray &data) override;
    void end() override;
    bool isBackedUp() const override;
    void setWritableHandler(std::function<void()> handler) override;
    void setDisconnectHandler(std::function<void()> handler) override;

private:
    HttpResponderPtr m_responder;
};
