// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/HeaderList.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>

class UpstreamClient;

// One upstream transfer. Callbacks run on the thread of the UpstreamClient, in order:
// onHeaders once (final status and headers), onData zero or more times (bytes exactly as the
// upstream sent them; transfer coding removed, content coding untouched), then onFinished once.
class UpstreamCall
{
public:
    enum class Error
    {
        None,
        Connect,  // could not connect (refused, DNS, proxy)
        Tls,      // TLS handshake or certificate failure
        Timeout,  // connect, total or stall timeout
        Transfer, // the connection broke mid-response
        Aborted,  // aborted by us
        Other
    };

    std::function<void(int status, const HttpHeaderList &headers)> onHeaders;
    std::function<void(const QByteArray &data)> onData;
    std::function<void(Error error, const QString &message)> onFinished;

    // Flow control: pause() stops reading from the upstream (the next data that arrives is held
    // by curl, and the upstream's TCP window closes); resume() continues, and held data may be
    // delivered through onData right away. Both are for the client's thread; they may be called
    // from inside onHeaders/onData.
    void pause();
    void resume();
    bool isPaused() const { return m_pauseRequested; }

    bool headersDone() const { return m_headersDone; }
    int status() const { return m_status; }
    bool isFinished() const { return m_finished; }
    // Carried by curl (false: by PlainHttpClient).
    bool viaCurl() const { return !m_plain; }
    static QString errorName(Error e);

private:
    friend class UpstreamClient;
    friend class PlainHttpClient;
    UpstreamClient *m_client = nullptr;
    bool m_plain = false; // carried by PlainHttpClient, not curl
    bool m_pauseRequested = false;
    bool m_pausedInCurl = false; // paused and holding data (in curl, or in the socket)
    void *m_easy = nullptr;
    void *m_headerList = nullptr;
    QByteArray m_url;
    QByteArray m_body;
    QByteArray m_proxy;
    HttpHeaderList m_responseHeaders;
    int m_status = 0;
    bool m_headersDone = false;
    bool m_finished = false;
    bool m_aborted = false;
};

using UpstreamCallPtr = std::shared_ptr<UpstreamCall>;
