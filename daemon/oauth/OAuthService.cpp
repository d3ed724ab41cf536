// SPDX-License-Identifier: GPL-3.0-or-later
#include "oauth/OAuthService.h"

#include "base/Clock.h"
#include "base/ProxyUrl.h"
#include "base/ThreadContext.h"
#include "crypto/Crypto.h"
#include "crypto/SecretBox.h"
#include "domain/Provider.h"
#include "store/AccountRepository.h"
#include "store/DbWorker.h"
#include "store/SettingsRepository.h"
#include "upstream/UpstreamClient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

Q_LOGGING_CATEGORY(lcOAuth, "aicarpool.oauth")

namespace {

struct Tokens
{
    QByteArray accessToken;
    QByteArray refreshToken;
    qint64 expiresAtMs = 0;
    QString scopes;

    QByteArray toJson() const
    {
        return QJsonDocument(
                   QJsonObject{{QStringLiteral("accessToken"), QString::fromUtf8(accessToken)},
                               {QStringLiteral("refreshToken"), QString::fromUtf8(refreshToken)},
                               {QStringLiteral("expiresAtMs"), expiresAtMs},
                               {QStringLiteral("scopes"), scopes}})
            .toJson(QJsonDocument::Compact);
    }
    static Tokens fromJson(const QByteArray &json)
    {
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        Tokens t;
        t.accessToken = o.value(QLatin1String("accessToken")).toString().toUtf8();
        t.refreshToken = o.value(QLatin1String("refreshToken")).toString().toUtf8();
        t.expiresAtMs = o.value(QLatin1String("expiresAtMs")).toInteger();
        t.scopes = o.value(QLatin1String("scopes")).toString();
        return t;
    }
    // From a token endpoint answer; `previous` supplies a refresh token the answer leaves out.
    static bool fromReply(const QByteArray &body, const Tokens &previous, Tokens *out)
    {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        out->accessToken = o.value(QLatin1String("access_token")).toString().toUtf8();
        out->refreshToken = o.value(QLatin1String("refresh_token")).toString().toUtf8();
        if (out->refreshToken.isEmpty())
            out->refreshToken = previous.refreshToken;
        const qint64 expiresIn = o.value(QLatin1String("expires_in")).toInteger(3600);
        out->expiresAtMs = Clock::nowMs() + expiresIn * 1000;
        out->scopes = o.value(QLatin1String("scope")).toString(previous.scopes);
        return !out->accessToken.isEmpty();
    }
};

} // namespace

OAuthService::OAuthService(UpstreamClient *upstream, DbWorker *db, const SecretBox *secrets,
                           const Settings &settings, QObject *parent)
    : QObject(parent), m_upstream(upstream), m_db(db), m_secrets(secrets), m_settings(settings)
{
}

QByteArray OAuthService::codeChallenge(const QByteArray &verifier)
{
    return Crypto::base64UrlEncode(Crypto::sha256(verifier));
}

OAuthService::Started OAuthService::start()
{
    Session session;
    session.verifier = Crypto::base64UrlEncode(Crypto::randomBytes(32));
    session.state = QString::fromLatin1(Crypto::base64UrlEncode(Crypto::randomBytes(32)));
    session.createdAtMs = Clock::nowMs();
    const QString id = QString::fromLatin1(Crypto::base64UrlEncode(Crypto::randomBytes(18)));

    QUrl url(m_settings.authorizeUrl);
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("code"), QStringLiteral("true"));
    query.addQueryItem(QStringLiteral("client_id"), m_settings.clientId);
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("redirect_uri"),
                       QString::fromLatin1(QUrl::toPercentEncoding(m_settings.redirectUri)));
    query.addQueryItem(QStringLiteral("scope"),
                       QString::fromLatin1(QUrl::toPercentEncoding(m_settings.scopes)));
    query.addQueryItem(QStringLiteral("code_challenge"),
                       QString::fromLatin1(codeChallenge(session.verifier)));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    query.addQueryItem(QStringLiteral("state"), session.state);
    url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);

    {
        QMutexLocker lock(&m_mutex);
        const qint64 now = Clock::nowMs();
        for (auto it = m_sessions.begin(); it != m_sessions.end();) {
            if (now - it->createdAtMs > qint64(m_settings.sessionTtlSecs) * 1000)
                it = m_sessions.erase(it);
            else
                ++it;
        }
        m_sessions.insert(id, session);
    }
    return Started{id, url.toString(QUrl::FullyEncoded), m_settings.sessionTtlSecs};
}

QString OAuthService::tokenError(const TokenReply &reply)
{
    if (reply.status == 0)
        return reply.transportError.isEmpty() ? QStringLiteral("no answer") : reply.transportError;
    // Only the error code from the body (it is an identifier, never a token).
    QString code =
        QJsonDocument::fromJson(reply.body).object().value(QLatin1String("error")).toString();
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
    if (!safe.match(code).hasMatch())
        code.clear();
    return code.isEmpty() ? QStringLiteral("HTTP %1").arg(reply.status)
                          : QStringLiteral("HTTP %1 (%2)").arg(reply.status).arg(code);
}

void OAuthService::postToken(const QByteArray &json, const QString &proxyUrl,
                             std::function<void(const TokenReply &)> done)
{
    UpstreamRequest request;
    request.method = "POST";
    request.url = m_settings.tokenUrl.toUtf8();
    request.headers = {{"content-type", "application/json"}, {"accept", "application/json"}};
    request.body = json;
    request.proxyUrl = ProxyUrl::forCurl(proxyUrl);
    request.connectTimeoutMs = qMin(10000, m_settings.timeoutMs);
    request.timeoutMs = m_settings.timeoutMs;
    request.stallTimeoutSecs = qMax(1, m_settings.timeoutMs / 1000);
    auto reply = std::make_shared<TokenReply>();
    UpstreamCallPtr call = m_upstream->start(request);
    call->onHeaders = [reply](int status, const HttpHeaderList &) { reply->status = status; };
    call->onData = [reply](const QByteArray &data) {
        if (reply->body.size() < 1024 * 1024)
            reply->body.append(data);
    };
    call->onFinished = [reply, done, proxyUrl](UpstreamCall::Error error, const QString &message) {
        if (error != UpstreamCall::Error::None) {
            reply->status = 0;
            QString text = message.isEmpty() ? UpstreamCall::errorName(error) : message;
            const QString password = ProxyUrl::password(proxyUrl);
            if (!password.isEmpty())
                text.replace(password, QStringLiteral("***"));
            reply->transportError = text;
        }
        done(*reply);
    };
}

void OAuthService::exchange(const QString &sessionId, const QString &code,
                            const AccountRow &account, const QString &proxyUrl, ExchangeDone done)
{
    auto answer = [back = std::make_shared<std::function<void(int, AccountRow, QString, QString)>>(
                       [done](int status, AccountRow row, QString type, QString message) {
                           if (done)
                               done(status, row, type, message);
                       })](int status, const AccountRow &row, const QString &type,
                           const QString &message) { (*back)(status, row, type, message); };
    // Validate the session on the calling thread.
    Session session;
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_sessions.constFind(sessionId);
        if (it == m_sessions.constEnd() ||
            Clock::nowMs() - it->createdAtMs > qint64(m_settings.sessionTtlSecs) * 1000) {
            lock.unlock();
            answer(400, {}, QStringLiteral("invalid_request_error"),
                   QStringLiteral("Unknown or expired \"sessionId\": start again with POST "
                                  "/api/accounts/oauth/start (a session lasts %1 minutes).")
                       .arg(m_settings.sessionTtlSecs / 60));
            return;
        }
        session = *it;
    }
    QString codePart = code.trimmed();
    const qsizetype hash = codePart.indexOf(QLatin1Char('#'));
    if (hash >= 0) {
        const QString state = codePart.mid(hash + 1);
        codePart = codePart.left(hash);
        if (!state.isEmpty() && state != session.state) {
            answer(400, {}, QStringLiteral("invalid_request_error"),
                   QStringLiteral("The pasted code belongs to another authorization (its state "
                                  "does not match this session); start again."));
            return;
        }
    }
    if (codePart.isEmpty()) {
        answer(400, {}, QStringLiteral("invalid_request_error"),
               QStringLiteral("\"code\" is required: the code shown after signing in, as "
                              "pasted (code#state)."));
        return;
    }
    const QByteArray body =
        QJsonDocument(
            QJsonObject{{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                        {QStringLiteral("code"), codePart},
                        {QStringLiteral("state"), session.state},
                        {QStringLiteral("client_id"), m_settings.clientId},
                        {QStringLiteral("redirect_uri"), m_settings.redirectUri},
                        {QStringLiteral("code_verifier"), QString::fromLatin1(session.verifier)}})
            .toJson(QJsonDocument::Compact);

    // Completions come back to the calling thread.
    auto result = std::make_shared<std::tuple<int, AccountRow, QString, QString>>();
    std::function<void()> back = ThreadContext::bindToCurrent([answer, result] {
        answer(std::get<0>(*result), std::get<1>(*result), std::get<2>(*result),
               std::get<3>(*result));
    });
    auto reply = [result, back](int status, const AccountRow &row, const QString &type,
                                const QString &message) {
        *result = std::make_tuple(status, row, type, message);
        back();
    };
    ThreadContext::post(this, [this, body, proxyUrl, account, sessionId, reply] {
        postToken(body, proxyUrl, [this, account, sessionId, reply](const TokenReply &r) {
            Tokens tokens;
            if (r.status != 200 || !Tokens::fromReply(r.body, Tokens(), &tokens)) {
                const bool refused = r.status >= 400 && r.status < 500;
                qCWarning(lcOAuth).noquote()
                    << QStringLiteral("OAuth code exchange for new account \"%1\" failed: %2")
                           .arg(account.name, tokenError(r));
                reply(refused ? 400 : 502, {},
                      refused ? QStringLiteral("invalid_request_error")
                              : QStringLiteral("upstream_error"),
                      refused ? QStringLiteral("The token endpoint refused the code (%1); the "
                                               "code may be mistyped, used or expired. Start "
                                               "again if it keeps failing.")
                                    .arg(tokenError(r))
                              : QStringLiteral("The token endpoint could not be reached or "
                                               "answered badly: %1.")
                                    .arg(tokenError(r)));
                return;
            }
            AccountRow row = account;
            row.provider = Providers::name(Provider::AnthropicOAuth);
            if (row.baseUrl.isEmpty())
                row.baseUrl = QStringLiteral("https://api.anthropic.com");
            row.secretSealed.clear();
            row.oauthSealed = m_secrets->seal(tokens.toJson());
            row.needsAttention = false;
            m_db->post<AccountRow>(
                [row](QSqlDatabase &db) {
                    AccountRepository repo(db);
                    const qint64 id = repo.insert(row);
                    SettingsRepository(db).bumpDataVersion();
                    return repo.get(id).value_or(row);
                },
                this,
                [this, sessionId, tokens, reply](const AccountRow &saved) {
                    {
                        QMutexLocker lock(&m_mutex);
                        m_sessions.remove(sessionId);
                        m_cache.insert(saved.id, Cached{tokens.accessToken, tokens.expiresAtMs});
                    }
                    reply(201, saved, QString(), QString());
                },
                [reply](const StoreError &e) {
                    const int status = e.kind() == StoreError::Kind::Conflict  ? 409
                                       : e.kind() == StoreError::Kind::Invalid ? 400
                                                                               : 503;
                    reply(status, {},
                          status == 409   ? QStringLiteral("conflict_error")
                          : status == 400 ? QStringLiteral("invalid_request_error")
                                          : QStringLiteral("database_unavailable"),
                          e.message());
                });
        });
    });
}

void OAuthService::accessToken(const RelayAccount &account, TokenDone done)
{
    const qint64 margin = qint64(m_settings.refreshMarginSecs) * 1000;
    {
        QMutexLocker lock(&m_mutex);
        QByteArray token = account.apiKey;
        qint64 expires = account.oauthExpiresAtMs;
        const auto cached = m_cache.constFind(account.id);
        if (cached != m_cache.constEnd() && cached->expiresAtMs > expires) {
            token = cached->accessToken;
            expires = cached->expiresAtMs;
        }
        if (!token.isEmpty() && expires - Clock::nowMs() > margin) {
            lock.unlock();
            if (done)
                done(token, QString());
            return;
        }
        auto result = std::make_shared<std::pair<QByteArray, QString>>();
        std::function<void()> back = ThreadContext::bindToCurrent([done, result] {
            if (done)
                done(result->first, result->second);
        });
        QList<TokenDone> &waiting = m_waiting[account.id];
        waiting.append([result, back](const QByteArray &t, const QString &e) {
            *result = {t, e};
            back();
        });
        if (waiting.size() > 1)
            return; // a refresh is already in flight
    }
    ThreadContext::post(this, [this, account] { beginRefresh(account); });
}

void OAuthService::beginRefresh(const RelayAccount &account)
{
    // The stored tokens: another node may have refreshed already, and the refresh token is
    // never part of the relay's snapshot.
    const SecretBox *secrets = m_secrets;
    const qint64 margin = qint64(m_settings.refreshMarginSecs) * 1000;
    m_db->post<QByteArray>(
        [id = account.id, secrets](QSqlDatabase &db) {
            const auto row = AccountRepository(db).get(id);
            if (!row || row->oauthSealed.isEmpty())
                return QByteArray();
            return secrets->open(row->oauthSealed).value_or(QByteArray());
        },
        this,
        [this, account, margin](const QByteArray &json) {
            const Tokens stored = Tokens::fromJson(json);
            if (!stored.accessToken.isEmpty() && stored.expiresAtMs - Clock::nowMs() > margin) {
                finishRefresh(account.id, stored.accessToken, stored.expiresAtMs, QString());
                return;
            }
            if (stored.refreshToken.isEmpty()) {
                finishRefresh(account.id, {}, 0,
                              QStringLiteral("account \"%1\" has no usable OAuth refresh token; "
                                             "connect it again through the OAuth flow")
                                  .arg(account.name));
                return;
            }
            refreshWith(account, stored.refreshToken);
        },
        [this, account](const StoreError &e) {
            finishRefresh(account.id, {}, 0,
                          QStringLiteral("OAuth token refresh for account \"%1\" failed: %2")
                              .arg(account.name, e.message()));
        });
}

void OAuthService::refreshWith(const RelayAccount &account, const QByteArray &refreshToken)
{
    ++m_refreshes;
    const QByteArray body =
        QJsonDocument(
            QJsonObject{{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                        {QStringLiteral("refresh_token"), QString::fromUtf8(refreshToken)},
                        {QStringLiteral("client_id"), m_settings.clientId}})
            .toJson(QJsonDocument::Compact);
    Tokens previous;
    previous.refreshToken = refreshToken;
    postToken(body, account.proxyUrl, [this, account, previous](const TokenReply &r) {
        Tokens tokens;
        if (r.status != 200 || !Tokens::fromReply(r.body, previous, &tokens)) {
            const QString error = QStringLiteral("OAuth token refresh for account \"%1\" failed: "
                                                 "%2")
                                      .arg(account.name, tokenError(r));
            qCWarning(lcOAuth).noquote() << error;
            if (r.status == 400 || r.status == 401) {
                // The grant is gone: an administrator has to connect the account again.
                m_db->post<bool>(
                    [id = account.id](QSqlDatabase &db) {
                        AccountRepository(db).setNeedsAttention(id, true);
                        SettingsRepository(db).bumpDataVersion();
                        return true;
                    },
                    this, nullptr, nullptr);
            }
            finishRefresh(account.id, {}, 0, error);
            return;
        }
        const QByteArray sealed = m_secrets->seal(tokens.toJson());
        m_db->post<bool>(
            [id = account.id, sealed](QSqlDatabase &db) {
                AccountRepository(db).setOAuth(id, sealed, false);
                SettingsRepository(db).bumpDataVersion();
                return true;
            },
            this,
            [this, account, tokens](bool) {
                finishRefresh(account.id, tokens.accessToken, tokens.expiresAtMs, QString());
            },
            [this, account, tokens](const StoreError &e) {
                // The token works; only persisting it failed (the next refresh may fail too).
                qCWarning(lcOAuth).noquote()
                    << QStringLiteral("saving the refreshed OAuth tokens of account \"%1\" "
                                      "failed: %2")
                           .arg(account.name, e.message());
                finishRefresh(account.id, tokens.accessToken, tokens.expiresAtMs, QString());
            });
    });
}

void OAuthService::finishRefresh(qint64 accountId, const QByteArray &token, qint64 expiresAtMs,
                                 const QString &error)
{
    QList<TokenDone> waiting;
    {
        QMutexLocker lock(&m_mutex);
        if (!token.isEmpty())
            m_cache.insert(accountId, Cached{token, expiresAtMs});
        waiting = m_waiting.take(accountId);
    }
    for (const TokenDone &fn : std::as_const(waiting))
        fn(token, error);
}
