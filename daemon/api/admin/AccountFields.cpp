// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AccountFields.h"
#include "domain/Provider.h"

#include "api/admin/JsonNumbers.h"

#include "base/ProxyUrl.h"
#include "crypto/SecretBox.h"

#include <QJsonArray>
#include <QSet>
#include <QUrl>

const QStringList &AccountFields::providers()
{
    return Providers::names();
}

QString AccountFields::defaultBaseUrl(const QString &provider)
{
    if (Providers::is(provider, Provider::OpenAi))
        return QStringLiteral("https://api.openai.com/v1");
    if (Providers::is(provider, Provider::Gemini))
        return QStringLiteral("https://generativelanguage.googleapis.com");
    return QStringLiteral("https://api.anthropic.com");
}

static bool wholeNumber(const QJsonValue &v, int min, int max)
{
    return JsonNumbers::wholeNumber(v, min, max).has_value();
}

QString AccountFields::apply(const QJsonObject &body, AccountRow &row, Secrets *secrets, Mode mode)
{
    static const QStringList known = {
        QStringLiteral("name"),        QStringLiteral("provider"), QStringLiteral("baseUrl"),
        QStringLiteral("apiKey"),      QStringLiteral("models"),   QStringLiteral("enabled"),
        QStringLiteral("priority"),    QStringLiteral("weight"),   QStringLiteral("maxConcurrency"),
        QStringLiteral("modelMap"),    QStringLiteral("proxy"),    QStringLiteral("proxyId"),
        QStringLiteral("enterpriseId")};
    const bool creating = mode != Mode::Update;
    if (body.contains(QLatin1String("enterpriseId"))) {
        if (!creating)
            return QStringLiteral("\"enterpriseId\" is set when the account is created and "
                                  "cannot change.");
        row.enterpriseId = body.value(QLatin1String("enterpriseId")).toInteger(0);
    }
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            return QStringLiteral("Unknown field \"%1\". Known fields: %2.")
                .arg(it.key(), known.join(QStringLiteral(", ")));
    }
    const bool create = mode != Mode::Update;
    if (body.contains(QLatin1String("name")) || create) {
        row.name = body.value(QLatin1String("name")).toString().trimmed();
        if (row.name.isEmpty() || row.name.size() > 100)
            return QStringLiteral("\"name\" is required (1 to 100 characters).");
    }
    const bool wasOAuth = Providers::is(row.provider, Provider::AnthropicOAuth);
    if (mode == Mode::OAuthCreate) {
        if (body.contains(QLatin1String("provider")) &&
            !Providers::is(body.value(QLatin1String("provider")).toString(),
                           Provider::AnthropicOAuth))
            return QStringLiteral("\"provider\" is anthropic-oauth for accounts created through "
                                  "the OAuth flow.");
        if (body.contains(QLatin1String("apiKey")))
            return QStringLiteral("\"apiKey\" is not used by anthropic-oauth accounts: their "
                                  "tokens come from the OAuth flow.");
        row.provider = Providers::name(Provider::AnthropicOAuth);
    } else if (body.contains(QLatin1String("provider")) || create) {
        const QString provider = body.value(QLatin1String("provider")).toString();
        if (!providers().contains(provider))
            return QStringLiteral("\"provider\" must be one of: %1.")
                .arg(providers().join(QStringLiteral(", ")));
        const bool isOAuth = Providers::is(provider, Provider::AnthropicOAuth);
        if (isOAuth && create)
            return QStringLiteral("anthropic-oauth accounts are created through the OAuth flow: "
                                  "POST /api/accounts/oauth/start, then POST "
                                  "/api/accounts/oauth/exchange.");
        if (!create && isOAuth != wasOAuth)
            return QStringLiteral("\"provider\" cannot change to or from anthropic-oauth; create "
                                  "a new account instead.");
        row.provider = provider;
    }
    if (body.contains(QLatin1String("baseUrl"))) {
        row.baseUrl = body.value(QLatin1String("baseUrl")).toString().trimmed();
    } else if (create) {
        row.baseUrl = defaultBaseUrl(row.provider);
    }
    const QUrl url(row.baseUrl, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) ||
        !url.userInfo().isEmpty() || url.hasQuery())
        return QStringLiteral("\"baseUrl\" must be an http(s) URL without credentials or query, "
                              "e.g. %1.")
            .arg(defaultBaseUrl(row.provider));
    const bool oauth = Providers::is(row.provider, Provider::AnthropicOAuth);
    if (oauth && body.contains(QLatin1String("apiKey")))
        return QStringLiteral("\"apiKey\" is not used by anthropic-oauth accounts: their tokens "
                              "come from the OAuth flow.");
    if (!oauth && (body.contains(QLatin1String("apiKey")) || mode == Mode::Create)) {
        const QJsonValue v = body.value(QLatin1String("apiKey"));
        if (!v.isString() || v.toString().trimmed().isEmpty())
            return QStringLiteral("\"apiKey\" is required: the upstream provider's API key.");
        secrets->apiKey = v.toString().trimmed().toUtf8();
    }
    if (body.contains(QLatin1String("models"))) {
        const QJsonValue v = body.value(QLatin1String("models"));
        if (!v.isArray() && !v.isNull())
            return QStringLiteral("\"models\" must be an array of model names (empty = all).");
        QStringList models;
        const QJsonArray arr = v.toArray();
        for (const QJsonValue &m : arr) {
            if (!m.isString() || m.toString().trimmed().isEmpty())
                return QStringLiteral("\"models\" must contain only non-empty strings.");
            if (!models.contains(m.toString().trimmed()))
                models.append(m.toString().trimmed());
        }
        row.models = models;
    }
    if (body.contains(QLatin1String("enabled"))) {
        if (!body.value(QLatin1String("enabled")).isBool())
            return QStringLiteral("\"enabled\" must be true or false.");
        row.enabled = body.value(QLatin1String("enabled")).toBool();
    }
    if (body.contains(QLatin1String("priority"))) {
        if (!wholeNumber(body.value(QLatin1String("priority")), 1, 100))
            return QStringLiteral("\"priority\" must be a whole number from 1 to 100 (lower is "
                                  "preferred).");
        row.priority = body.value(QLatin1String("priority")).toInt();
    }
    if (body.contains(QLatin1String("weight"))) {
        if (!wholeNumber(body.value(QLatin1String("weight")), 1, 1000))
            return QStringLiteral("\"weight\" must be a whole number from 1 to 1000.");
        row.weight = body.value(QLatin1String("weight")).toInt();
    }
    if (body.contains(QLatin1String("maxConcurrency"))) {
        if (!wholeNumber(body.value(QLatin1String("maxConcurrency")), 0, 10000))
            return QStringLiteral("\"maxConcurrency\" must be a whole number from 0 to 10000 (0 = "
                                  "unlimited).");
        row.maxConcurrency = body.value(QLatin1String("maxConcurrency")).toInt();
    }
    if (body.contains(QLatin1String("modelMap"))) {
        const QJsonValue v = body.value(QLatin1String("modelMap"));
        if (!v.isObject() && !v.isNull())
            return QStringLiteral("\"modelMap\" must be an object mapping a model name to the "
                                  "upstream model, e.g. {\"fast\": \"claude-haiku-4-5\"}.");
        QHash<QString, QString> map;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key().trimmed().isEmpty() || !it.value().isString() ||
                it.value().toString().trimmed().isEmpty())
                return QStringLiteral("\"modelMap\" must map non-empty names to non-empty "
                                      "strings.");
            map.insert(it.key().trimmed(), it.value().toString().trimmed());
        }
        row.modelMap = map;
    }
    const QJsonValue proxy = body.value(QLatin1String("proxy"));
    const QJsonValue proxyId = body.value(QLatin1String("proxyId"));
    if (!proxy.isUndefined() && !proxy.isNull() && !proxyId.isUndefined() && !proxyId.isNull())
        return QStringLiteral("Give either \"proxy\" (a URL) or \"proxyId\" (a named proxy), not "
                              "both.");
    if (!proxy.isUndefined()) {
        secrets->proxyChanged = true;
        secrets->proxyUrl.clear();
        if (!proxy.isNull()) {
            QString why;
            const auto parsed = proxy.isString() ? ProxyUrl::parse(proxy.toString(), &why)
                                                 : std::optional<QString>();
            if (!parsed)
                return QStringLiteral("\"proxy\" is not a valid proxy URL (%1); expected %2, or "
                                      "null for none.")
                    .arg(why.isEmpty() ? QStringLiteral("not a string") : why,
                         ProxyUrl::expectedForm());
            secrets->proxyUrl = *parsed;
            row.proxyId = 0;
        }
    }
    if (!proxyId.isUndefined()) {
        if (proxyId.isNull()) {
            row.proxyId = 0;
        } else {
            const auto id = JsonNumbers::wholeNumber(proxyId, 1, JsonNumbers::MaxExact);
            if (!id)
                return QStringLiteral("\"proxyId\" must be the id of a proxy from /api/proxies, "
                                      "or null.");
            row.proxyId = *id;
            // A named proxy replaces the account's own URL.
            secrets->proxyChanged = true;
            secrets->proxyUrl.clear();
        }
    }
    return {};
}

void AccountFields::seal(const SecretBox &box, const Secrets &secrets, AccountRow &row)
{
    if (!secrets.apiKey.isEmpty())
        row.secretSealed = box.seal(secrets.apiKey);
    if (secrets.proxyChanged) {
        row.proxySealed =
            secrets.proxyUrl.isEmpty() ? QByteArray() : box.seal(secrets.proxyUrl.toUtf8());
        if (!secrets.proxyUrl.isEmpty())
            row.proxyId = 0;
    }
}
