// SPDX-License-Identifier: GPL-3.0-or-later
#include "MockOAuth.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

MockOAuth::MockOAuth(QObject *parent) : QObject(parent) {}

void MockOAuth::registerRoutes(HttpRouter &router)
{
    router.add("GET", QStringLiteral("/oauth/authorize"),
               [this](const HttpRequest &r, const HttpResponderPtr &p) { authorize(r, p); });
    router.add("POST", QStringLiteral("/v1/oauth/token"),
               [this](const HttpRequest &r, const HttpResponderPtr &p) { token(r, p); });
    router.add("POST", QStringLiteral("/__mock/oauth"),
               [this](const HttpRequest &r, const HttpResponderPtr &p) {
                   const QJsonObject o = QJsonDocument::fromJson(r.body).object();
                   m_expiresIn = o.value(QLatin1String("expiresIn")).toInt(m_expiresIn);
                   m_delayMs = o.value(QLatin1String("delayMs")).toInt(m_delayMs);
                   m_failRefresh = o.value(QLatin1String("failRefresh")).toBool(m_failRefresh);
                   p->sendJson(200, QJsonObject{{QStringLiteral("expiresIn"), m_expiresIn},
                                                {QStringLiteral("delayMs"), m_delayMs},
                                                {QStringLiteral("failRefresh"), m_failRefresh}});
               });
    router.add("GET", QStringLiteral("/__mock/oauth/stats"),
               [this](const HttpRequest &, const HttpResponderPtr &p) {
                   p->sendJson(200, QJsonObject{{QStringLiteral("refreshes"), m_refreshes},
                                                {QStringLiteral("exchanges"), m_exchanges}});
               });
}

bool MockOAuth::accepts(const QByteArray &accessToken) const
{
    const auto it = m_access.constFind(accessToken);
    return it != m_access.constEnd() && *it > QDateTime::currentMSecsSinceEpoch();
}

void MockOAuth::authorize(const HttpRequest &request, const HttpResponderPtr &responder)
{
    const QUrlQuery q(QString::fromUtf8(request.query));
    const QString challenge = q.queryItemValue(QStringLiteral("code_challenge"));
    if (q.queryItemValue(QStringLiteral("client_id")) != QLatin1String(ClientId) ||
        q.queryItemValue(QStringLiteral("code_challenge_method")) != QLatin1String("S256") ||
        q.queryItemValue(QStringLiteral("response_type")) != QLatin1String("code") ||
        challenge.isEmpty()) {
        responder->sendJson(
            400, QJsonObject{{QStringLiteral("error"), QStringLiteral("invalid_request")}});
        return;
    }
    const QByteArray code = "mock-code-" + QByteArray::number(++m_serial);
    const QString state = q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    m_codes.insert(code, Code{challenge.toLatin1(), state});
    responder->sendJson(200, QJsonObject{{QStringLiteral("code"), QString::fromLatin1(code)},
                                         {QStringLiteral("state"), state}});
}

QByteArray MockOAuth::issue()
{
    const QByteArray n = QByteArray::number(++m_serial);
    const QByteArray access =
        "mock-oat-" + n + "-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    const QByteArray refresh =
        "mock-ort-" + n + "-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    m_access.insert(access, QDateTime::currentMSecsSinceEpoch() + qint64(m_expiresIn) * 1000);
    m_refresh.insert(refresh, true);
    return QJsonDocument(
               QJsonObject{
                   {QStringLiteral("access_token"), QString::fromLatin1(access)},
                   {QStringLiteral("refresh_token"), QString::fromLatin1(refresh)},
                   {QStringLiteral("expires_in"), m_expiresIn},
                   {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                   {QStringLiteral("scope"), QStringLiteral("user:inference user:profile")}})
        .toJson(QJsonDocument::Compact);
}

void MockOAuth::answerToken(const HttpResponderPtr &responder, const QByteArray &body, int status)
{
    if (m_delayMs <= 0) {
        responder->send(status, body, "application/json");
        return;
    }
    QTimer::singleShot(m_delayMs, this, [responder, body, status] {
        responder->send(status, body, "application/json");
    });
}

static QByteArray oauthError(const char *code)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), QLatin1String(code)}})
        .toJson(QJsonDocument::Compact);
}

void MockOAuth::token(const HttpRequest &request, const HttpResponderPtr &responder)
{
    const QJsonObject o = QJsonDocument::fromJson(request.body).object();
    const QString grant = o.value(QLatin1String("grant_type")).toString();
    if (o.value(QLatin1String("client_id")).toString() != QLatin1String(ClientId)) {
        answerToken(responder, oauthError("invalid_client"), 401);
        return;
    }
    if (grant == QLatin1String("authorization_code")) {
        ++m_exchanges;
        const QByteArray code = o.value(QLatin1String("code")).toString().toLatin1();
        const auto it = m_codes.constFind(code);
        const QByteArray verifier = o.value(QLatin1String("code_verifier")).toString().toLatin1();
        const QByteArray challenge =
            QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        if (it == m_codes.constEnd() || it->challenge != challenge ||
            it->state != o.value(QLatin1String("state")).toString() ||
            o.value(QLatin1String("redirect_uri")).toString() != QLatin1String(RedirectUri)) {
            answerToken(responder, oauthError("invalid_grant"), 400);
            return;
        }
        m_codes.remove(code); // one use
        answerToken(responder, issue(), 200);
        return;
    }
    if (grant == QLatin1String("refresh_token")) {
        ++m_refreshes;
        const QByteArray refresh = o.value(QLatin1String("refresh_token")).toString().toLatin1();
        if (m_failRefresh || !m_refresh.contains(refresh)) {
            answerToken(responder, oauthError("invalid_grant"), 400);
            return;
        }
        m_refresh.remove(refresh); // refresh tokens rotate
        answerToken(responder, issue(), 200);
        return;
    }
    answerToken(responder, oauthError("unsupported_grant_type"), 400);
}
