// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/GeminiDialect.h"

#include "protocol/GeminiUsageTracker.h"

#include <QUrl>

namespace {

QByteArray trimmedBase(const QString &baseUrl)
{
    QByteArray base = baseUrl.toUtf8();
    while (base.endsWith('/'))
        base.chop(1);
    return base;
}

} // namespace

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
