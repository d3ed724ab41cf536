// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/RelaySnapshot.h"
#include "store/AccountRow.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>

class DbWorker;
class SecretBox;
class UpstreamClient;

// Claude subscription (anthropic-oauth) accounts: the PKCE authorization-code flow that creates
// them, and their access tokens, refreshed shortly before expiry with one refresh in flight per
// account. Tokens are sealed at rest (accounts.oauth_enc) and never logged or returned.
//
// The object lives on the thread of its UpstreamClient; start(), exchange() and accessToken()
// may be called from any thread and call back on the calling thread.
class OAuthService : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QString authorizeUrl = QStringLiteral("https://claude.ai/oauth/authorize");
        QString tokenUrl = QStringLiteral("https://console.anthropic.com/v1/oauth/token");
        QString clientId = QStringLiteral("9d1c250a-e61b-44d9-88ed-5944d1962f5e");
        QString redirectUri = QStringLiteral("https://console.anthropic.com/oauth/code/callback");
        QString scopes = QStringLiteral("org:create_api_key user:profile user:inference");
        int sessionTtlSecs = 600;   // how long a started flow waits for its code
        int refreshMarginSecs = 60; // refresh when the token expires sooner than this
        int timeoutMs = 20000;      // token endpoint calls
    };

    struct Started
    {
        QString sessionId;
        QString authorizeUrl;
        int expiresIn = 0; // seconds
    };

    // status 201 with the saved account, else the HTTP status, error type and message to answer.
    using ExchangeDone = std::function<void(int status, const AccountRow &saved,
                                            const QString &errorType, const QString &message)>;
    // A usable access token, or an empty token and an error naming the account (never a token).
    using TokenDone = std::function<void(const QByteArray &token, const QString &error)>;

    // `upstream` must live on this object's thread (it is not owned).
    OAuthService(UpstreamClient *upstream, DbWorker *db, const SecretBox *secrets,
                 const Settings &settings, QObject *parent = nullptr);

    const Settings &settings() const { return m_settings; }

    // A new PKCE session (verifier: 32 random bytes base64url; challenge: base64url(SHA-256));
    // the verifier stays here for sessionTtlSecs.
    Started start();

    // Exchanges the pasted code ("code" or "code#state") of a started session for tokens and
    // creates the account from `account` (name, priority, ... already validated; provider is set
    // to anthropic-oauth, baseUrl defaults to https://api.anthropic.com). `proxyUrl` (clear
    // text, may be empty) carries the token request. The session ends when it succeeds.
    void exchange(const QString &sessionId, const QString &code, const AccountRow &account,
                  const QString &proxyUrl, ExchangeDone done);

    // The account's access token: at once (before returning) when the newest known token is
    // valid for more than refreshMarginSecs, else after a refresh. Concurrent callers for one
    // account share one refresh. A refreshed token is sealed into the database and the data
    // version bumped, so every node picks it up.
    void accessToken(const RelayAccount &account, TokenDone done);

    // Refresh requests sent to the token endpoint by this process (for tests and metrics).
    int refreshCount() const { return m_refreshes.load(); }

    static QByteArray codeChallenge(const QByteArray &verifier);

private:
    struct Session
    {
        QByteArray verifier;
        QString state;
        qint64 createdAtMs = 0;
    };
    struct Cached
    {
        QByteArray accessToken;
        qint64 expiresAtMs = 0;
    };
    struct TokenReply
    {
        int status = 0;
        QByteArray body;
        QString transportError;
    };

    void postToken(const QByteArray &json, const QString &proxyUrl,
                   std::function<void(const TokenReply &)> done); // this thread
    void beginRefresh(const RelayAccount &account);               // this thread
    void refreshWith(const RelayAccount &account, const QByteArray &refreshToken);
    void finishRefresh(qint64 accountId, const QByteArray &token, qint64 expiresAtMs,
                       const QString &error);
    static QString tokenError(const TokenReply &reply);

    UpstreamClient *m_upstream;
    DbWorker *m_db;
    const SecretBox *m_secrets;
    Settings m_settings;
    QMutex m_mutex;
    QHash<QString, Session> m_sessions;
    QHash<qint64, Cached> m_cache;
    QHash<qint64, QList<TokenDone>> m_waiting; // account id -> callers of the refresh in flight
    std::atomic<int> m_refreshes{0};
};
