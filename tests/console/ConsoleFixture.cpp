// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConsoleFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>

namespace {

QJsonObject account(const QString &name, const QString &provider, const QString &baseUrl,
                    const QString &apiKey, int priority)
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("provider"), provider},
                       {QStringLiteral("baseUrl"), baseUrl},
                       {QStringLiteral("apiKey"), apiKey},
                       {QStringLiteral("priority"), priority}};
}

} // namespace

bool ConsoleFixture::start(QString *error)
{
    m_mock = std::make_unique<MockUpstreamProcess>(
        QStringList{QStringLiteral("--latency-ms"), QStringLiteral("5")});
    if (!m_mock->start(error))
        return false;
    m_daemon = std::make_unique<DaemonProcess>();
    if (!m_daemon->start(error))
        return false;
    m_admin = std::make_unique<TestHttpClient>(m_daemon->baseUrl());
    return m_admin->loginAsAdmin(*m_daemon, error);
}

QJsonObject ConsoleFixture::createKey(const QString &name)
{
    const auto reply =
        m_admin->post(QStringLiteral("/api/keys"), QJsonObject{{QStringLiteral("name"), name}});
    return reply.status == 201 ? reply.json() : QJsonObject();
}

bool ConsoleFixture::seed(int calls, QString *error)
{
    const QString mock = m_mock->baseUrl();
    const QList<QJsonObject> accounts = {
        account(QStringLiteral("Anthropic team A"), QStringLiteral("anthropic"), mock,
                QStringLiteral("sk-ant-seed-000000000001"), 10),
        account(QStringLiteral("Anthropic team B"), QStringLiteral("anthropic"), mock,
                QStringLiteral("sk-ant-seed-000000000002"), 20),
        account(QStringLiteral("OpenAI production"), QStringLiteral("openai"),
                mock + QStringLiteral("/v1"), QStringLiteral("sk-openai-seed-00000003"), 10),
        account(QStringLiteral("DeepSeek"), QStringLiteral("openai"), mock + QStringLiteral("/v1"),
                QStringLiteral("sk-deepseek-seed-000004"), 30)};
    QList<qint64> accountIds;
    for (const QJsonObject &a : accounts) {
        const auto reply = m_admin->post(QStringLiteral("/api/accounts"), a);
        if (reply.status != 201) {
            *error = QStringLiteral("creating account %1: %2 %3")
                         .arg(a.value(QLatin1String("name")).toString())
                         .arg(reply.status)
                         .arg(QString::fromUtf8(reply.body));
            return false;
        }
        accountIds.append(reply.json().value(QLatin1String("id")).toInteger());
    }
    m_admin->post(QStringLiteral("/api/proxies"),
                  QJsonObject{{QStringLiteral("name"), QStringLiteral("Office proxy")},
                              {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:3128")}});
    m_admin->post(QStringLiteral("/api/pools"),
                  QJsonObject{{QStringLiteral("name"), QStringLiteral("Claude pool")},
                              {QStringLiteral("strategy"), QStringLiteral("round_robin")},
                              {QStringLiteral("accountIds"),
                               QJsonArray{accountIds.value(0), accountIds.value(1)}}});
    const QStringList members = {QStringLiteral("alice@example.com"),
                                 QStringLiteral("bob@example.com"),
                                 QStringLiteral("carol@example.com")};
    QList<QByteArray> keys;
    for (const QString &email : members) {
        const auto user = m_admin->post(
            QStringLiteral("/api/users"),
            QJsonObject{{QStringLiteral("email"), email},
                        {QStringLiteral("password"), QStringLiteral("member-password-1234")},
                        {QStringLiteral("name"), email.section(QLatin1Char('@'), 0, 0)},
                        {QStringLiteral("role"), QStringLiteral("member")}});
        if (user.status != 201) {
            *error = QStringLiteral("creating user %1: %2").arg(email).arg(user.status);
            return false;
        }
        const auto key = m_admin->post(
            QStringLiteral("/api/keys"),
            QJsonObject{{QStringLiteral("name"),
                         email.section(QLatin1Char('@'), 0, 0) + QStringLiteral("'s laptop")},
                        {QStringLiteral("userId"), user.json().value(QLatin1String("id"))}});
        if (key.status != 201) {
            *error = QStringLiteral("creating a key for %1: %2").arg(email).arg(key.status);
            return false;
        }
        keys.append(key.json().value(QLatin1String("key")).toString().toLatin1());
    }
    const QJsonObject own = createKey(QStringLiteral("CI pipeline"));
    m_key = own.value(QLatin1String("key")).toString().toLatin1();
    if (m_key.isEmpty()) {
        *error = QStringLiteral("creating the administrator's key failed");
        return false;
    }
    keys.append(m_key);
    int done = 0;
    for (int i = 0; i < keys.size() && done < calls; ++i) {
        const int share = i == keys.size() - 1 ? calls - done : calls / int(keys.size());
        relay(share, keys[i], 25);
        done += share;
    }
    return waitForUsage(calls, 60000) ||
           (*error = QStringLiteral("the ledger did not reach %1 rows").arg(calls), false);
}

int ConsoleFixture::relay(int count, const QByteArray &key, int failEvery)
{
    static const QStringList anthropicModels = {QStringLiteral("claude-sonnet-4-5"),
                                                QStringLiteral("claude-haiku-4-5"),
                                                QStringLiteral("claude-opus-4-1")};
    static const QStringList openaiModels = {QStringLiteral("gpt-4o"),
                                             QStringLiteral("gpt-4o-mini")};
    TestHttpClient client(m_daemon->baseUrl());
    int answered = 0;
    for (int i = 0; i < count; ++i) {
        if (failEvery > 0 && i % failEvery == failEvery - 1)
            m_mock->failNext(1, 400);
        const QString text = QStringLiteral("Summarise ticket %1 in two sentences.").arg(i);
        TestHttpClient::Reply reply;
        if (i % 3 == 2) {
            const QString model = openaiModels.at(i % openaiModels.size());
            reply = client.post(QStringLiteral("/v1/chat/completions"),
                                QJsonObject{{QStringLiteral("model"), model},
                                            {QStringLiteral("messages"),
                                             QJsonArray{QJsonObject{
                                                 {QStringLiteral("role"), QStringLiteral("user")},
                                                 {QStringLiteral("content"), text}}}}},
                                {{"Authorization", "Bearer " + key}});
        } else {
            const QString model = anthropicModels.at(i % anthropicModels.size());
            reply = client.post(QStringLiteral("/v1/messages"),
                                QJsonObject{{QStringLiteral("model"), model},
                                            {QStringLiteral("max_tokens"), 512},
                                            {QStringLiteral("messages"),
                                             QJsonArray{QJsonObject{
                                                 {QStringLiteral("role"), QStringLiteral("user")},
                                                 {QStringLiteral("content"), text}}}}},
                                {{"x-api-key", key}, {"anthropic-version", "2023-06-01"}});
        }
        if (reply.status > 0)
            ++answered;
    }
    return answered;
}

bool ConsoleFixture::waitForUsage(int count, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    do {
        const auto reply = m_admin->get(QStringLiteral("/api/usage?pageSize=1"));
        if (reply.json().value(QLatin1String("total")).toInteger() >= count)
            return true;
        QThread::msleep(100);
    } while (timer.elapsed() < timeoutMs);
    return false;
}
