// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpRouter.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

// A mock OAuth authorization server for Claude subscription accounts, mounted in the mock
// upstream:
//   GET  /oauth/authorize?...&code_challenge=..&state=..  registers a code for that PKCE
//        challenge and answers {"code","state"} (what a browser sign-in would show).
//   POST /v1/oauth/token  grant_type authorization_code (checks client_id, redirect_uri, state
//        and that base64url(sha256(code_verifier)) equals the registered challenge; a code works
//        once) and refresh_token (the refresh token must be current; it rotates). Tokens expire
//        after `expiresIn` seconds.
//   POST /__mock/oauth {"expiresIn"?: N, "delayMs"?: N, "failRefresh"?: bool}  settings
//   GET  /__mock/oauth/stats  {"refreshes","exchanges"}
// Access tokens start with "mock-oat-"; accepts() tells whether one is issued and unexpired.
class MockOAuth : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *ClientId = "9d1c250a-e61b-44d9-88ed-5944d1962f5e";
    static constexpr const char *RedirectUri = "https://console.anthropic.com/oauth/code/callback";

    explicit MockOAuth(QObject *parent = nullptr);

    void registerRoutes(HttpRouter &router);
    static bool looksIssued(const QByteArray &token) { return token.startsWith("mock-oat-"); }
    bool accepts(const QByteArray &accessToken) const;

private:
    struct Code
    {
        QByteArray challenge;
        QString state;
    };

    void authorize(const HttpRequest &request, const HttpResponderPtr &responder);
    void token(const HttpRequest &request, const HttpResponderPtr &responder);
    void answerToken(const HttpResponderPtr &responder, const QByteArray &body, int status);
    QByteArray issue(); // new token pair as the JSON answer

    QHash<QByteArray, Code> m_codes;
    QHash<QByteArray, qint64> m_access; // token -> expiry (ms)
    QHash<QByteArray, bool> m_refresh;  // current refresh tokens
    int m_expiresIn = 3600;
    int m_delayMs = 0;
    bool m_failRefresh = false;
    int m_refreshes = 0;
    int m_exchanges = 0;
    quint64 m_serial = 0;
};
