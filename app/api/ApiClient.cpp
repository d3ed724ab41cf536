// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/ApiClient.h"

#include "api/CertificateTrust.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>

namespace {

bool isAuthPath(const QString &path)
{
    return path.startsWith(QLatin1String("/api/auth/"));
}

} // namespace

struct ApiClient::Private
{
    QNetworkAccessManager *nam = nullptr;
    CertificateTrust trust;
    QUrl server;
    QString accessToken;
    QString refreshToken;
    QString email;
    QString role;
    int pending = 0;
    bool refreshing = false;
    // Calls waiting for the running refresh: called with true when it succeeded.
    QList<std::function<void(bool, const ApiResult &)>> waiting;
    QTimer refreshTimer;
};

ApiClient::ApiClient(QObject *parent) : QObject(parent), d(new Private)
{
    d->nam = new QNetworkAccessManager(this);
    d->nam->setTransferTimeout(60000);
    d->refreshTimer.setSingleShot(true);
    connect(&d->refreshTimer, &QTimer::timeout, this, [this] {
        // Ahead of expiry, so that no call meets an expired token.
        if (!d->refreshToken.isEmpty())
            refreshSession(this, [](const ApiResult &) {});
    });
}

ApiClient::~ApiClient()
{
    delete d;
}

QUrl ApiClient::serverUrl() const
{
    return d->server;
}

void ApiClient::setServerUrl(const QUrl &url)
{
    QUrl u = url;
    if (u.path().endsWith(QLatin1Char('/')))
        u.setPath(u.path().chopped(1));
    d->server = u;
}

bool ApiClient::isSignedIn() const
{
    return !d->accessToken.isEmpty();
}

QString ApiClient::currentEmail() const
{
    return d->email;
}

QString ApiClient::currentRole() const
{
    return d->role;
}

QString ApiClient::refreshToken() const
{
    return d->refreshToken;
}

int ApiClient::pendingCount() const
{
    return d->pending;
}

QNetworkAccessManager *ApiClient::network() const
{
    return d->nam;
}

CertificateTrust *ApiClient::trust() const
{
    return &d->trust;
}

QNetworkRequest ApiClient::request(const QString &path, const QUrlQuery &query) const
{
    QUrl url = d->server;
    url.setPath(d->server.path() + path);
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    req.setRawHeader("Accept", "application/json");
    if (!d->accessToken.isEmpty() && !isAuthPath(path))
        req.setRawHeader("Authorization", "Bearer " + d->accessToken.toLatin1());
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    return req;
}

void ApiClient::watchTls(QNetworkReply *reply)
{
    const QUrl server = d->server;
    connect(reply, &QNetworkReply::sslErrors, this,
            [this, reply, server](const QList<QSslError> &errors) {
                const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
                const QList<QSslError> ignorable = d->trust.ignorableErrors(server, peer, errors);
                // Every error must be about the trusted certificate; anything else is not accepted.
                if (!ignorable.isEmpty() && ignorable.size() == errors.size()) {
                    reply->ignoreSslErrors(ignorable);
                    return;
                }
                reply->setProperty("aicarpoolUntrusted", true);
                emit untrustedCertificate(server, peer.toPem());
            });
}

namespace {

ApiResult readResult(QNetworkReply *reply)
{
    ApiResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.raw = reply->readAll();
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(r.raw, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        r.json = doc;
    if (r.status == 0) {
        r.errorType = QStringLiteral("network_error");
        if (reply->property("aicarpoolUntrusted").toBool())
            r.errorMessage = ApiClient::tr("The server's certificate is not trusted.");
        else if (reply->error() == QNetworkReply::OperationCanceledError)
            r.errorMessage = ApiClient::tr("The request was cancelled.");
        else
            r.errorMessage =
                ApiClient::tr("Cannot reach %1: %2").arg(reply->url().host(), reply->errorString());
        return r;
    }
    if (!r.ok()) {
        const QJsonObject error = r.object().value(QLatin1String("error")).toObject();
        r.errorType = error.value(QLatin1String("type")).toString();
        r.errorMessage = error.value(QLatin1String("message")).toString();
        if (r.errorType.isEmpty())
            r.errorType = QStringLiteral("http_error");
        if (r.errorMessage.isEmpty())
            r.errorMessage =
                ApiClient::tr("The server answered %1 %2.")
                    .arg(r.status)
                    .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
    }
    return r;
}

} // namespace

struct PendingCall
{
    QByteArray verb;
    QString path;
    QUrlQuery query;
    QByteArray body;
    bool hasBody = false;
};

static void sendCall(ApiClient *client, ApiClient::Private *d, const PendingCall &call,
                     QObject *context, const ApiClient::Done &done, bool retried);

void ApiClient::get(const QString &path, const QUrlQuery &query, QObject *context, Done done)
{
    sendCall(this, d, PendingCall{"GET", path, query, {}, false}, context, done, false);
}

void ApiClient::post(const QString &path, const QJsonObject &body, QObject *context, Done done)
{
    sendCall(
        this, d,
        PendingCall{"POST", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), true},
        context, done, false);
}

void ApiClient::patch(const QString &path, const QJsonObject &body, QObject *context, Done done)
{
    sendCall(
        this, d,
        PendingCall{"PATCH", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), true},
        context, done, false);
}

void ApiClient::put(const QString &path, const QJsonObject &body, QObject *context, Done done)
{
    sendCall(this, d,
             PendingCall{"PUT", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), true},
             context, done, false);
}

void ApiClient::remove(const QString &path, QObject *context, Done done)
{
    sendCall(this, d, PendingCall{"DELETE", path, {}, {}, false}, context, done, false);
}

// Sends one call; a 401 on a non-auth call with a refresh token refreshes and retries once.
static void sendCall(ApiClient *client, ApiClient::Private *d, const PendingCall &call,
                     QObject *context, const ApiClient::Done &done, bool retried)
{
    if (!context)
        context = client;
    const QNetworkRequest req = client->request(call.path, call.query);
    QNetworkReply *reply = call.verb == "GET"
                               ? d->nam->get(req)
                               : d->nam->sendCustomRequest(req, call.verb, call.body);
    client->watchTls(reply);
    if (++d->pending == 1)
        emit client->busyChanged(true);
    QPointer<QObject> guard(context);
    // Closing the page (destroying the context) aborts the call; `done` then never runs.
    QObject::connect(context, &QObject::destroyed, reply, [reply] { reply->abort(); });
    QObject::connect(reply, &QNetworkReply::finished, client, [=] {
        reply->deleteLater();
        if (--d->pending == 0)
            emit client->busyChanged(false);
        if (guard.isNull())
            return;
        const ApiResult result = readResult(reply);
        if (result.status == 401 && !retried && !isAuthPath(call.path) &&
            !d->refreshToken.isEmpty()) {
            client->refreshSession(context, [=](const ApiResult &refreshed) {
                if (guard.isNull())
                    return;
                if (refreshed.ok())
                    sendCall(client, d, call, context, done, true);
                else
                    done(result);
            });
            return;
        }
        if (result.status == 401 && !isAuthPath(call.path) && !d->accessToken.isEmpty()) {
            d->accessToken.clear();
            emit client->sessionExpired();
        }
        done(result);
    });
}

void ApiClient::signIn(const QString &email, const QString &password, QObject *context, Done done)
{
    post(QStringLiteral("/api/auth/login"),
         QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}},
         context, [this, done](const ApiResult &r) {
             if (r.ok())
                 applyTokens(r.object(), true);
             done(r);
         });
}

void ApiClient::resume(const QString &refreshToken, QObject *context, Done done)
{
    post(QStringLiteral("/api/auth/refresh"),
         QJsonObject{{QStringLiteral("refreshToken"), refreshToken}}, context,
         [this, done](const ApiResult &r) {
             if (r.ok())
                 applyTokens(r.object(), true);
             done(r);
         });
}

void ApiClient::refreshSession(QObject *context, Done done)
{
    QPointer<QObject> guard(context ? context : this);
    d->waiting.append([guard, done](bool, const ApiResult &r) {
        if (!guard.isNull())
            done(r);
    });
    if (d->refreshing)
        return;
    if (d->refreshToken.isEmpty()) {
        ApiResult r;
        r.status = 401;
        r.errorType = QStringLiteral("authentication_error");
        r.errorMessage = tr("Your session has expired; sign in again.");
        const auto waiting = std::exchange(d->waiting, {});
        for (const auto &w : waiting)
            w(false, r);
        return;
    }
    d->refreshing = true;
    post(QStringLiteral("/api/auth/refresh"),
         QJsonObject{{QStringLiteral("refreshToken"), d->refreshToken}}, this,
         [this](const ApiResult &r) {
             d->refreshing = false;
             if (r.ok()) {
                 applyTokens(r.object(), false);
             } else if (r.status == 401) {
                 d->accessToken.clear();
                 d->refreshToken.clear();
                 d->refreshTimer.stop();
                 emit refreshTokenChanged(QString());
                 emit sessionExpired();
             }
             const auto waiting = std::exchange(d->waiting, {});
             for (const auto &w : waiting)
                 w(r.ok(), r);
         });
}

void ApiClient::applyTokens(const QJsonObject &answer, bool announce)
{
    d->accessToken = answer.value(QLatin1String("token")).toString();
    const QString refresh = answer.value(QLatin1String("refreshToken")).toString();
    const QJsonObject user = answer.value(QLatin1String("user")).toObject();
    if (!user.isEmpty()) {
        d->email = user.value(QLatin1String("email")).toString();
        d->role = user.value(QLatin1String("role")).toString();
    }
    const int expiresIn = answer.value(QLatin1String("expiresIn")).toInt(3600);
    d->refreshTimer.start(qMax(10, expiresIn - 60) * 1000);
    if (refresh != d->refreshToken) {
        d->refreshToken = refresh;
        emit refreshTokenChanged(refresh);
    }
    if (announce)
        emit signedIn();
}

void ApiClient::setSession(const QString &accessToken, const QString &refreshToken)
{
    d->accessToken = accessToken;
    if (refreshToken != d->refreshToken) {
        d->refreshToken = refreshToken;
        emit refreshTokenChanged(refreshToken);
    }
}

void ApiClient::signOut()
{
    const bool was = isSignedIn() || !d->refreshToken.isEmpty();
    d->accessToken.clear();
    d->refreshToken.clear();
    d->email.clear();
    d->role.clear();
    d->refreshTimer.stop();
    emit refreshTokenChanged(QString());
    if (was)
        emit signedOut();
}
