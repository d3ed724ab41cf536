// SPDX-License-Identifier: GPL-3.0-or-later
#include "UpstreamDialects.h"

#include "protocol/AnthropicUsageTracker.h"
#include "protocol/GeminiUsageTracker.h"
#include "protocol/OpenAiUsageTracker.h"

#include <QUrl>

namespace {

QByteArray headerValue(const HttpHeaderList &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

QByteArray trimmedBase(const QString &baseUrl)
{
    QByteArray base = baseUrl.toUtf8();
    while (base.endsWith('/'))
        base.chop(1);
    return base;
}

} // namespace

void UpstreamDialect::addAccessToken(const QByteArray &token, HttpHeaderList *headers) const
{
    headers->push_back({"authorization", "Bearer " + token});
}

std::unique_ptr<UpstreamDialect> UpstreamDialect::forProvider(const QString &provider)
{
    if (provider == QLatin1String("anthropic-oauth"))
        return std::make_unique<AnthropicOAuthDialect>();
    switch (RelayProtocol::kindOfProvider(provider)) {
    case RelayProtocol::Anthropic:
        return std::make_unique<AnthropicDialect>();
    case RelayProtocol::Gemini:
        return std::make_unique<GeminiDialect>();
    case RelayProtocol::OpenAi:
        break;
    }
    return std::make_unique<OpenAiDialect>();
}

// Anthropic

std::optional<QByteArray> AnthropicDialect::url(const RelayAccount &account,
                                                const UpstreamTarget &target, QString *) const
{
    // The model travels in the JSON body; the path is one of two constants.
    return RelayProtocol::upstreamUrl(kind(), account.baseUrl,
                                      target.countTokens ? QByteArray("/v1/messages/count_tokens")
                                                         : QByteArray("/v1/messages"));
}

QByteArray AnthropicDialect::beta(const UpstreamTarget &target, const QByteArray &extra)
{
    QByteArray beta = target.client == RelayProtocol::Anthropic
                          ? headerValue(target.clientHeaders, "anthropic-beta")
                          : QByteArray();
    if (!extra.isEmpty())
        beta = beta.isEmpty() ? extra : beta + ',' + extra;
    return beta;
}

void AnthropicDialect::addHeaders(const RelayAccount &account, const UpstreamTarget &target,
                                  HttpHeaderList *headers) const
{
    const QByteArray version = target.client == RelayProtocol::Anthropic
                                   ? headerValue(target.clientHeaders, "anthropic-version")
                                   : QByteArray();
    headers->push_back(
        {"anthropic-version", version.isEmpty() ? QByteArray("2023-06-01") : version});
    const QByteArray b = beta(target, {});
    if (!b.isEmpty())
        headers->push_back({"anthropic-beta", b});
    headers->push_back({"x-api-key", account.apiKey});
}

std::unique_ptr<UsageTracker> AnthropicDialect::usageTracker() const
{
    return std::make_unique<UsageTrackerOf<AnthropicUsageTracker>>();
}

void AnthropicOAuthDialect::addHeaders(const RelayAccount &, const UpstreamTarget &target,
                                       HttpHeaderList *headers) const
{
    const QByteArray version = target.client == RelayProtocol::Anthropic
                                   ? headerValue(target.clientHeaders, "anthropic-version")
                                   : QByteArray();
    headers->push_back(
        {"anthropic-version", version.isEmpty() ? QByteArray("2023-06-01") : version});
    headers->push_back({"anthropic-beta", beta(target, "oauth-2025-04-20")});
    // The Bearer token is added by addAccessToken() once fetched.
}

// OpenAI

std::optional<QByteArray> OpenAiDialect::url(const RelayAccount &account, const UpstreamTarget &,
                                             QString *) const
{
    return RelayProtocol::upstreamUrl(kind(), account.baseUrl, "/v1/chat/completions");
}

void OpenAiDialect::addHeaders(const RelayAccount &account, const UpstreamTarget &,
                               HttpHeaderList *headers) const
{
    headers->push_back({"authorization", "Bearer " + account.apiKey});
}

std::unique_ptr<UsageTracker> OpenAiDialect::usageTracker() const
{
    return std::make_unique<UsageTrackerOf<OpenAiUsageTracker>>();
}

// Gemini

std::optional<QByteArray> GeminiDialect::url(const RelayAccount &account,
                                             const UpstreamTarget &target, QString *error) const
{
    QString model = target.upstreamModel;
    if (model.startsWith(QLatin1String("models/")))
        model = model.mid(7);
    if (!RelayProtocol::isSafeModelName(model)) {
        *error = QStringLiteral("The model name \"%1\" cannot be used with a Gemini account; "
                                "model names consist of letters, digits, '.', '-' and '_'.")
                     .arg(model.left(200));
        return std::nullopt;
    }
    QString action;
    QList<QPair<QString, QString>> query;
    if (target.native) {
        action = target.geminiAction;
        query = target.geminiQuery;
    } else if (target.countTokens) {
        action = QStringLiteral("countTokens");
    } else if (target.stream) {
        action = QStringLiteral("streamGenerateContent");
        query.append({QStringLiteral("alt"), QStringLiteral("sse")});
    } else {
        action = QStringLiteral("generateContent");
    }
    if (!RelayProtocol::isGeminiAction(action)) {
        *error = QStringLiteral("Unknown Gemini action \"%1\".").arg(action.left(100));
        return std::nullopt;
    }
    // Every part encoded on its own: the model is one path segment, the action a constant.
    QByteArray url = trimmedBase(account.baseUrl) + "/v1beta/models/" +
                     QUrl::toPercentEncoding(model, "-._~") + ':' + action.toLatin1();
    QByteArray q;
    for (const auto &item : std::as_const(query)) {
        if (!q.isEmpty())
            q += '&';
        q += QUrl::toPercentEncoding(item.first, "-._~") + '=' +
             QUrl::toPercentEncoding(item.second, "-._~");
    }
    if (!q.isEmpty())
        url += '?' + q;
    return url;
}

void GeminiDialect::addHeaders(const RelayAccount &account, const UpstreamTarget &,
                               HttpHeaderList *headers) const
{
    // In a header, not the URL: URLs end up in logs.
    headers->push_back({"x-goog-api-key", account.apiKey});
}

std::unique_ptr<UsageTracker> GeminiDialect::usageTracker() const
{
    return std::make_unique<UsageTrackerOf<GeminiUsageTracker>>();
}
