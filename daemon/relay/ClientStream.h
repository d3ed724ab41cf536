// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "upstream/UpstreamRequest.h"

#include <QByteArray>

#include <functional>
#include <memory>

// Where the relay writes its answer to the client, whatever carries it (an HTTP/1.1 response
// today). Exactly one answer per call: either send() once, or begin(), write()* and end().
// Every method is safe after the client has gone: writes then do nothing and return false.
class ClientStream
{
public:
    virtual ~ClientStream() = default;

    // A complete answer: status, headers and body at once.
    virtual void send(int status, const QByteArray &body, const QByteArray &contentType,
                      const HttpHeaderList &headers) = 0;

    // A streamed answer: status and headers, then the body piece by piece, then the end.
    virtual bool begin(int status, const HttpHeaderList &headers) = 0;
    virtual bool write(const QByteArray &data) = 0;
    virtual void end() = 0;

    // Flow control: true while the bytes waiting for the client are above its limit. The
    // writable handler runs once they have drained below half of it after being backed up.
    virtual bool isBackedUp() const = 0;
    virtual void setWritableHandler(std::function<void()> handler) = 0;

    // Runs once if the client goes away before the answer is complete.
    virtual void setDisconnectHandler(std::function<void()> handler) = 0;
};

using ClientStreamPtr = std::shared_ptr<ClientStream>;
