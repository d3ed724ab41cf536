// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "api/ApiResult.h"
#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>
#include <functional>

class CertificateTrust;
class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

// The one asynchronous client of the daemon's admin API. Every call is non-blocking; `done`
// runs on the UI thread with the result, unless `context` was destroyed first (then the request
// is aborted and `done` never runs), which is how a page cancels its calls when it closes.
// Errors arrive as readable messages taken from the API's {"error":{"type","message"}}.
// An expired access token is refreshed with the refresh token transparently (the call is
// retried once); if that fails, sessionExpired() is emitted and the call completes with
// status 401 so the page keeps its state.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const ApiResult &)>;

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);
    bool isSignedIn() const;
    QString currentEmail() const;
    QString currentRole() const;

    // POST /api/auth/login; on success stores the tokens and emits signedIn().
    void signIn(const QString &email, const QString &password, QObject *context, Done done);
    // POST /api/auth/refresh with a stored refresh token (from the keychain).
    void resume(const QString &refreshToken, QObject *context, Done done);
    void signOut();
    QString refreshToken() const;

    void get(const QString &path, const QUrlQuery &query, QObject *context, Done done);
    void post(const QString &path, const QJsonObject &body, QObject *context, Done done);
    void patch(const QString &path, const QJsonObject &body, QObject *context, Done done);
    void put(const QString &path, const QJsonObject &body, QObject *context, Done done);
    void remove(const QString &path, QObject *context, Done done);

    // Number of calls in flight (for the busy indicator).
    int pendingCount() const;

    // --- additions for streaming clients (the live usage feed) and the sign-in dialog ---
    QNetworkAccessManager *network() const;
    // A request to path on the server, with the current access token.
    QNetworkRequest request(const QString &path, const QUrlQuery &query = {}) const;
    // Applies the trusted-certificate rules to a reply not made through get()/post()/...
    void watchTls(QNetworkReply *reply);
    // Certificates the user trusts, per server (SHA-256 fingerprints).
    CertificateTrust *trust() const;
    // Replaces the session's tokens (e.g. a session handed over by another client).
    void setSession(const QString &accessToken, const QString &refreshToken);
    // Refreshes the access token now (when it is about to expire, or after a 401 on a stream).
    void refreshSession(QObject *context, Done done);

signals:
    void busyChanged(bool busy);
    void signedIn();
    void signedOut();
    void sessionExpired();
    void refreshTokenChanged(const QString &refreshToken);
    // A TLS error on a server whose certificate is not trusted yet; the sign-in dialog shows it.
    void untrustedCertificate(const QUrl &server, const QByteArray &pemCertificate);

public:
    struct Private;

private:
    void applyTokens(const QJsonObject &answer, bool announce);
    Private *d;
};
