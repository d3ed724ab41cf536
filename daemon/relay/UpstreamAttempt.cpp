// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/UpstreamAttempt.h"

#include "relay/ContentDecoding.h"
#include "upstream/UpstreamClient.h"

namespace {

QByteArray headerValue(const HttpHeaderList &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

} // namespace

UpstreamAttempt::UpstreamAttempt(const RelayAccount &account, const QString &upstreamModel,
                                 const Input &input)
    : m_account(&account), m_upstreamModel(upstreamModel), m_in(input),
      m_dialect(UpstreamDialect::forProvider(account.provider)),
      m_translation(
          ProtocolTranslation::create(input.client, m_dialect->kind(), input.translation)),
      m_tracker(m_dialect->usageTracker())
{
}

UpstreamAttempt::~UpstreamAttempt() = default;

bool UpstreamAttempt::prepare(UpstreamRequest *request, QString *error) const
{
    request->method = "POST";
    request->connectTimeoutMs = m_in.connectTimeoutMs;
    request->timeoutMs = m_in.timeoutMs;
    request->proxyUrl = m_in.proxyUrl;

    bool upstreamStream = m_in.stream;
    const auto body =
        m_translation->request(m_in.body, m_upstreamModel, m_in.stream, error, &upstreamStream);
    if (!body)
        return false;
    request->body = *body;

    UpstreamTarget target;
    target.client = m_in.client;
    target.countTokens = m_in.countTokens;
    target.native = m_translation->isPassthrough();
    target.stream = upstreamStream;
    target.upstreamModel = m_upstreamModel;
    target.geminiAction = m_in.geminiAction;
    target.geminiQuery = m_in.geminiQuery;
    target.clientHeaders = m_in.clientHeaders;
    const auto url = m_dialect->url(*m_account, target, error);
    if (!url)
        return false;
    request->url = *url;

    HttpHeaderList &h = request->headers;
    h.push_back({"content-type", "application/json"});
    m_dialect->addHeaders(*m_account, target, &h);
    // Pass-through of the client's identifying headers when the protocols match.
    if (target.native) {
        for (const auto &ch : m_in.clientHeaders) {
            const QByteArrayView name(ch.first); // compared by size first
            if (name == QByteArrayView("user-agent") ||
                name == QByteArrayView("openai-organization") ||
                name == QByteArrayView("openai-project") || name == QByteArrayView("openai-beta"))
                h.push_back(ch);
        }
    }
    if (m_in.stream || !target.native) {
        // Streams are read event by event and translated bodies must be read: uncompressed.
        if (m_in.stream)
            h.push_back({"accept", "text/event-stream"});
        h.push_back({"accept-encoding", "identity"});
    } else {
        const QByteArray ae = headerValue(m_in.clientHeaders, "accept-encoding");
        h.push_back({"accept-encoding", ae.isEmpty() ? QByteArray("identity")
                                                     : ContentDecoding::filterAcceptEncoding(ae)});
    }
    return true;
}

UpstreamCallPtr UpstreamAttempt::start(UpstreamClient *client, const UpstreamRequest &request)
{
    m_call = client->start(request);
    return m_call;
}

void UpstreamAttempt::abort(UpstreamClient *client)
{
    if (m_call)
        client->abort(m_call);
}

void UpstreamAttempt::pause()
{
    if (m_call && !m_paused) {
        m_paused = true;
        m_call->pause();
    }
}

void UpstreamAttempt::resume()
{
    if (m_call && m_paused) {
        m_paused = false;
        m_call->resume();
    }
}

bool UpstreamAttempt::onHeaders(int status, const HttpHeaderList &headers)
{
    m_status = status;
    for (const auto &h : headers) {
        if (RelayProtocol::isRelayableResponseHeader(h.first))
            m_responseHeaders.append(h);
    }
    m_streaming = m_in.stream && status == 200 &&
                  headerValue(headers, "content-type").startsWith("text/event-stream");
    return m_streaming;
}

HttpHeaderList UpstreamAttempt::clientStreamHeaders() const
{
    HttpHeaderList out;
    if (m_translation->isPassthrough())
        out = m_responseHeaders;
    else
        out.push_back({"content-type", "text/event-stream; charset=utf-8"});
    out.push_back({"cache-control", "no-cache"});
    out.push_back({"x-accel-buffering", "no"});
    return out;
}

QByteArray UpstreamAttempt::streamData(const QByteArray &data)
{
    QByteArray out;
    for (const SseEvent &e : m_parser.feed(data)) {
        m_tracker->addEvent(e);
        out.append(m_translation->streamEvent(e));
    }
    return out;
}

QByteArray UpstreamAttempt::finishStream()
{
    if (m_translation->isPassthrough())
        return m_parser.pending();
    QByteArray out;
    if (m_parser.pendingSize() > 0) // an unterminated last event still counts
        out = streamData("\n\n");
    out.append(m_translation->finishStream());
    return out;
}

QByteArray UpstreamAttempt::cutStream() const
{
    const QByteArray tail = m_parser.pending();
    if (!tail.isEmpty() && m_translation->isPassthrough() && !tail.endsWith("\n\n"))
        return "\n\n";
    return {};
}

bool UpstreamAttempt::appendBody(const QByteArray &data, qint64 maxBytes)
{
    if (m_buffer.size() + data.size() > maxBytes)
        return false;
    m_buffer.append(data);
    return true;
}

UpstreamAttempt::Answer UpstreamAttempt::finishBody()
{
    QByteArray encoding;
    QByteArray contentType = "application/json";
    HttpHeaderList headers;
    for (const auto &h : std::as_const(m_responseHeaders)) {
        if (h.first == "content-type")
            contentType = h.second;
        else
            headers.append(h);
        if (h.first == "content-encoding")
            encoding = h.second;
    }
    const auto decoded = ContentDecoding::decode(m_buffer, encoding);
    if (decoded)
        m_tracker->addResponseBody(*decoded);
    Answer a;
    a.status = m_status;
    if (m_translation->isPassthrough()) {
        a.body = m_buffer;
        a.contentType = contentType;
        a.headers = headers;
        return a;
    }
    // Translated: the client gets its own protocol; codings and lengths are recomputed.
    a.body = m_translation->response(decoded.value_or(QByteArray()), m_status);
    a.contentType = "application/json";
    for (const auto &h : std::as_const(headers)) {
        if (h.first == "retry-after" || h.first.startsWith("x-request-id") ||
            h.first == "request-id")
            a.headers.append(h);
    }
    return a;
}
