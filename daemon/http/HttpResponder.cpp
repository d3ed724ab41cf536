// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/HttpResponder.h"

#include "http/HttpConnection.h"

#include <QDateTime>
#include <QJsonDocument>

#include <charconv>
#include <cstring>
#include <ctime>

namespace {

// The Date header changes once a second; format it once per second, not per response.
const QByteArray &httpDate()
{
    static thread_local QByteArray cached;
    static thread_local std::time_t cachedAt = 0;
    const std::time_t now = std::time(nullptr);
    if (now != cachedAt) {
        cachedAt = now;
        cached = QDateTime::fromSecsSinceEpoch(now, Qt::UTC)
                     .toString(QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                     .toLatin1();
    }
    return cached;
}

QByteArray statusLine(int status)
{
    QByteArray line;
    line.reserve(256);
    line.append("HTTP/1.1 ");
    line.append(QByteArray::number(status));
    line.append(' ');
    line.append(HttpResponder::reasonPhrase(status));
    line.append("\r\nDate: ");
    line.append(httpDate());
    line.append("\r\nServer: aicarpoold\r\n");
    return line;
}

void appendHeaders(QByteArray &out, const HttpHeaderList &headers)
{
    for (const auto &h : headers) {
        out.append(h.first);
        out.append(": ");
        out.append(h.second);
        out.append("\r\n");
    }
}

} // namespace

HttpResponder::HttpResponder(HttpConnection *connection, quint64 requestSerial, bool headRequest)
    : m_connection(connection), m_serial(requestSerial), m_head(headRequest)
{
}

HttpResponder::~HttpResponder()
{
    // A handler that dropped its responder without answering must not hang the connection.
    if (!m_finished && m_connection && m_connection->isCurrent(m_serial)) {
        if (!m_started) {
            HttpConnection *c = m_connection;
            m_connection = nullptr;
            HttpResponder fallback(c, m_serial, m_head);
            fallback.sendError(500, QStringLiteral("internal_error"),
                               QStringLiteral("The request was not answered."));
        } else {
            m_connection->finishResponse(m_serial, true);
        }
    }
}

bool HttpResponder::isOpen() const
{
    return !m_finished && m_connection && m_connection->isCurrent(m_serial);
}

qint64 HttpResponder::pendingBytes() const
{
    return m_connection ? m_connection->bytesToWrite() : 0;
}

bool HttpResponder::isBackedUp() const
{
    return m_connection && m_connection->isBackedUp();
}

void HttpResponder::setWritableHandler(std::function<void()> handler)
{
    m_onWritable = std::move(handler);
}

void HttpResponder::notifyWritable()
{
    if (m_finished || !m_onWritable)
        return;
    // A copy: the handler may replace itself.
    const std::function<void()> handler = m_onWritable;
    handler();
}

void HttpResponder::setDisconnectHandler(std::function<void()> handler)
{
    m_onDisconnect = std::move(handler);
}

void HttpResponder::setAnswerObserver(std::function<void(int status)> observer)
{
    m_onAnswer = std::move(observer);
}

void HttpResponder::notifyAnswer(int status)
{
    if (!m_onAnswer || m_started)
        return;
    auto observer = std::move(m_onAnswer);
    m_onAnswer = nullptr;
    observer(status);
}

void HttpResponder::notifyDisconnected()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_onDisconnect) {
        auto handler = std::move(m_onDisconnect);
        m_onDisconnect = nullptr;
        handler();
    }
}

void HttpResponder::send(int status, const QByteArray &body, const QByteArray &contentType,
                         const HttpHeaderList &extraHeaders)
{
    notifyAnswer(status);
    if (!isOpen() || m_started)
        return;
    m_started = true;
    m_finished = true;
    const bool close = m_connection->currentWantsClose();
    const bool framed = status != 204 && status != 304;
    const bool typed = !contentType.isEmpty() && framed;
    const bool http10 = !close && m_connection->currentIsHttp10();
    const QByteArray reason = reasonPhrase(status);
    const QByteArray &date = httpDate();
    const QByteArray length = framed ? QByteArray::number(body.size()) : QByteArray();
    qsizetype headerBytes = 0;
    for (const auto &h : extraHeaders)
        headerBytes += h.first.size() + h.second.size() + 4;
    // One buffer of the answer's exact size, written through a cursor: an answer is a dozen
    // pieces, and appending them one by one cost more than building the JSON body.
    QByteArray out(128 + reason.size() + date.size() + (typed ? contentType.size() : 0) +
                       headerBytes + length.size() + (m_head ? 0 : body.size()),
                   Qt::Uninitialized);
    char *o = out.data();
    auto put = [&o](QByteArrayView bytes) {
        if (!bytes.isEmpty()) // an empty view may have no data pointer at all
            std::memcpy(o, bytes.data(), size_t(bytes.size()));
        o += bytes.size();
    };
    char code[16];
    char *codeEnd = std::to_chars(code, code + sizeof code - 1, status).ptr;
    *codeEnd++ = ' ';
    put("HTTP/1.1 ");
    put(QByteArrayView(code, codeEnd - code));
    put(reason);
    put("\r\nDate: ");
    put(date);
    put("\r\nServer: aicarpoold\r\n");
    if (typed) {
        put("Content-Type: ");
        put(contentType);
        put("\r\n");
    }
    for (const auto &h : extraHeaders) {
        put(h.first);
        put(": ");
        put(h.second);
        put("\r\n");
    }
    if (framed) {
        put("Content-Length: ");
        put(length);
        put("\r\n");
    }
    if (close)
        put("Connection: close\r\n");
    else if (http10)
        put("Connection: keep-alive\r\n");
    put("\r\n");
    if (!m_head)
        put(body);
    out.truncate(o - out.constData());
    HttpConnection *c = m_connection;
    c->writeData(m_serial, out);
    c->finishResponse(m_serial, close);
}

void HttpResponder::sendJson(int status, const QJsonObject &object,
                             const HttpHeaderList &extraHeaders)
{
    send(status, QJsonDocument(object).toJson(QJsonDocument::Compact),
         QByteArrayLiteral("application/json"), extraHeaders);
}

void HttpResponder::sendJson(int status, const QJsonDocument &document,
                             const HttpHeaderList &extraHeaders)
{
    send(status, document.toJson(QJsonDocument::Compact), QByteArrayLiteral("application/json"),
         extraHeaders);
}

void HttpResponder::sendError(int status, const QString &type, const QString &message,
                              const HttpHeaderList &extraHeaders)
{
    const QJsonObject error{{QStringLiteral("type"), type}, {QStringLiteral("message"), message}};
    sendJson(status, QJsonObject{{QStringLiteral("error"), error}}, extraHeaders);
}

bool HttpResponder::beginChunked(int status, const HttpHeaderList &headers)
{
    notifyAnswer(status);
    if (!isOpen() || m_started)
        return false;
    m_started = true;
    QByteArray out = statusLine(status);
    appendHeaders(out, headers);
    if (m_connection->currentIsHttp10()) {
        // HTTP/1.0 has no chunked coding: the body ends when the connection closes.
        out.append("Connection: close\r\n\r\n");
    } else {
        out.append("Transfer-Encoding: chunked\r\n");
        if (m_connection->currentWantsClose())
            out.append("Connection: close\r\n");
        out.append("\r\n");
    }
    return m_connection->writeData(m_serial, out);
}

bool HttpResponder::writeChunk(const QByteArray &data)
{
    if (!isOpen() || !m_started)
        return false;
    if (data.isEmpty() || m_head)
        return true;
    if (m_connection->currentIsHttp10())
        return m_connection->writeData(m_serial, data);
    QByteArray out;
    out.reserve(data.size() + 12);
    out.append(QByteArray::number(data.size(), 16));
    out.append("\r\n");
    out.append(data);
    out.append("\r\n");
    return m_connection->writeData(m_serial, out);
}

void HttpResponder::endChunked()
{
    if (!isOpen() || !m_started)
        return;
    m_finished = true;
    HttpConnection *c = m_connection;
    const bool http10 = c->currentIsHttp10();
    if (!http10 && !m_head)
        c->writeData(m_serial, QByteArrayLiteral("0\r\n\r\n"));
    c->finishResponse(m_serial, http10 || c->currentWantsClose());
}

QByteArray HttpResponder::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 499:
        return "Client Closed Request";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    case 529:
        return "Overloaded";
    default:
        return status < 400 ? "OK" : "Error";
    }
}
