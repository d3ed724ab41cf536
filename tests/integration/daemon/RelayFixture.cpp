// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayFixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

bool RelayFixture::setUp(const QString &backend, QString *error, bool *skip,
                         const QStringList &extraArgs)
{
    *skip = false;
    m_db = std::make_unique<TestDb>();
    QString reason;
    if (!m_db->setUp(backend, false, &reason)) {
        *error = reason;
        *skip = backend == QLatin1String("mysql") && !TestDb::mustRunMySql();
        return false;
    }
    const DatabaseUrl &u = m_db->url();
    if (m_db->isMySql()) {
        m_databaseUrl = QStringLiteral("mysql://%1:%2@%3:%4/%5")
                            .arg(u.user, u.password, u.host)
                            .arg(u.port)
                            .arg(u.database);
    } else {
        m_databaseUrl = QStringLiteral("sqlite://") + u.path;
    }

    m_mock = std::make_unique<MockUpstreamProcess>();
    if (!m_mock->start(error))
        return false;
    m_daemon = std::make_unique<DaemonProcess>();
    m_daemon->setExtraArgs(QStringList{QStringLiteral("--database"), m_databaseUrl} + extraArgs);
    m_daemon->setLauncher(m_launcher);
    for (auto it = m_env.cbegin(); it != m_env.cend(); ++it)
        m_daemon->setEnv(it.key(), it.value());
    m_daemon->setStartTimeout(m_startTimeoutMs);
    if (!m_daemon->start(error))
        return false;
    m_admin = std::make_unique<TestHttpClient>(m_daemon->baseUrl());
    m_admin->setTimeout(qMax(30000, m_startTimeoutMs));
    if (!m_admin->loginAsAdmin(*m_daemon, error))
        return false;

    auto reply = m_admin->post(
        QStringLiteral("/api/accounts"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("anthropic-1")},
                    {QStringLiteral("provider"), QStringLiteral("anthropic")},
                    {QStringLiteral("baseUrl"), m_mock->baseUrl()},
                    {QStringLiteral("apiKey"), QString::fromLatin1(anthropicSecret())}});
    if (reply.status != 201) {
        *error = QStringLiteral("creating the anthropic account: %1 %2")
                     .arg(reply.status)
                     .arg(QString::fromUtf8(reply.body));
        return false;
    }
    m_anthropicId = reply.json().value(QLatin1String("id")).toInteger();
    reply = m_admin->post(
        QStringLiteral("/api/accounts"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("openai-1")},
                    {QStringLiteral("provider"), QStringLiteral("openai")},
                    {QStringLiteral("baseUrl"), m_mock->baseUrl() + QStringLiteral("/v1")},
                    {QStringLiteral("apiKey"), QString::fromLatin1(openaiSecret())}});
    if (reply.status != 201) {
        *error = QStringLiteral("creating the openai account: %1").arg(reply.status);
        return false;
    }
    m_openaiId = reply.json().value(QLatin1String("id")).toInteger();
    const QJsonObject key = createKey();
    m_key = key.value(QLatin1String("key")).toString().toLatin1();
    m_keyId = key.value(QLatin1String("id")).toInteger();
    if (m_key.isEmpty()) {
        *error = QStringLiteral("creating a key failed");
        return false;
    }
    return true;
}

QJsonObject RelayFixture::createKey(const QJsonObject &fields)
{
    QJsonObject body = fields;
    if (!body.contains(QLatin1String("name")))
        body.insert(QStringLiteral("name"), QStringLiteral("test key"));
    const auto reply = m_admin->post(QStringLiteral("/api/keys"), body);
    return reply.status == 201 ? reply.json() : QJsonObject();
}

QJsonArray RelayFixture::waitForUsage(int count, const QString &query, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QJsonArray items;
    const QString path = QStringLiteral("/api/usage?pageSize=1000") +
                         (query.isEmpty() ? QString() : QLatin1Char('&') + query);
    do {
        const auto reply = m_admin->get(path);
        items = reply.json().value(QLatin1String("items")).toArray();
        if (items.size() >= count)
            return items;
        QThread::msleep(50);
    } while (timer.elapsed() < timeoutMs);
    return items;
}

QJsonObject RelayFixture::anthropicBody(const QString &text, bool stream, const QString &model)
{
    QJsonObject body{{QStringLiteral("model"), model},
                     {QStringLiteral("max_tokens"), 256},
                     {QStringLiteral("messages"),
                      QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                             {QStringLiteral("content"), text}}}}};
    if (stream)
        body.insert(QStringLiteral("stream"), true);
    return body;
}

QJsonObject RelayFixture::openaiBody(const QString &text, bool stream, const QString &model)
{
    QJsonObject body{{QStringLiteral("model"), model},
                     {QStringLiteral("messages"),
                      QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                             {QStringLiteral("content"), text}}}}};
    if (stream)
        body.insert(QStringLiteral("stream"), true);
    return body;
}

bool StreamCapture::post(const QString &baseUrl, const QString &path, const QByteArray &requestBody,
                         const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs,
                         qint64 closeAfterBytes)
{
    const QUrl url(baseUrl);
    QTcpSocket socket;
    socket.connectToHost(url.host(), quint16(url.port()));
    if (!socket.waitForConnected(5000))
        return false;
    QByteArray request = "POST " + path.toUtf8() + " HTTP/1.1\r\nHost: " + url.host().toUtf8() +
                         "\r\nContent-Type: application/json\r\nConnection: close\r\n";
    for (const auto &h : headers)
        request += h.first + ": " + h.second + "\r\n";
    request +=
        "Content-Length: " + QByteArray::number(requestBody.size()) + "\r\n\r\n" + requestBody;
    socket.write(request);
    QElapsedTimer timer;
    timer.start();
    QByteArray raw;
    bool headDone = false;
    while (timer.elapsed() < timeoutMs) {
        if (!socket.waitForReadyRead(100)) {
            if (socket.state() != QAbstractSocket::ConnectedState)
                break;
            continue;
        }
        const QByteArray data = socket.readAll();
        raw += data;
        if (!headDone) {
            const qsizetype end = raw.indexOf("\r\n\r\n");
            if (end >= 0) {
                headDone = true;
                head = raw.left(end);
                status = head.mid(9, 3).toInt();
                pieces.append({timer.elapsed(), raw.mid(end + 4)});
            }
        } else {
            pieces.append({timer.elapsed(), data});
        }
        if (closeAfterBytes >= 0 && headDone) {
            qint64 got = 0;
            for (const Piece &p : std::as_const(pieces))
                got += p.data.size();
            if (got >= closeAfterBytes) {
                socket.abort();
                totalMs = timer.elapsed();
                return true;
            }
        }
        if (headDone && head.toLower().contains("transfer-encoding: chunked") &&
            raw.endsWith("\r\n0\r\n\r\n"))
            break;
    }
    totalMs = timer.elapsed();
    const QByteArray payload = headDone ? raw.mid(raw.indexOf("\r\n\r\n") + 4) : QByteArray();
    if (head.toLower().contains("transfer-encoding: chunked")) {
        qsizetype pos = 0;
        this->body.clear();
        while (pos < payload.size()) {
            const qsizetype lineEnd = payload.indexOf("\r\n", pos);
            if (lineEnd < 0)
                break;
            bool ok = false;
            const qsizetype size = payload.mid(pos, lineEnd - pos).toLongLong(&ok, 16);
            if (!ok || size == 0)
                break;
            this->body += payload.mid(lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
    } else {
        this->body = payload;
    }
    return headDone;
}

int RelayFixture::setAnthropicModels(const QStringList &models)
{
    return m_admin
        ->patch(QStringLiteral("/api/accounts/%1").arg(m_anthropicId),
                QJsonObject{{QStringLiteral("models"), QJsonArray::fromStringList(models)}})
        .status;
}
