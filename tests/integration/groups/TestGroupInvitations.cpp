// SPDX-License-Identifier: GPL-3.0-or-later
// Groups, members, invitations by email and invite links through the real daemon, on SQLite and
// MariaDB. Invitation emails go to the real SMTP sink that tests/support/services.sh starts
// (aiosmtpd, delivering into a Maildir); the tests read the delivered message, follow its link
// and sign in as the new member.
#include "RelayFixture.h"
#include "TestEnv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QUuid>

// Starts the daemon with the SMTP settings, the sink's port or another one.
#define START_DAEMON(port) START_DAEMON_WITH(port, QStringLiteral("none"))
#define START_DAEMON_WITH(port, security)                                                          \
    do {                                                                                           \
        QFETCH_GLOBAL(QString, backend);                                                           \
        QString error_;                                                                            \
        bool skip_ = false;                                                                        \
        if (!startDaemon(backend, port, security, &error_, &skip_)) {                              \
            if (skip_)                                                                             \
                QSKIP(qPrintable(error_));                                                         \
            QFAIL(qPrintable(error_));                                                             \
        }                                                                                          \
    } while (false)

namespace {

QString env(const char *name)
{
    return QProcessEnvironment::systemEnvironment().value(QLatin1String(name));
}

const QString PublicUrl = QStringLiteral("https://carpool.test/");

// A delivered message: its headers (unfolded) and its decoded text.
struct Delivered
{
    QString headers;
    QString subject; // raw header value
    QString body;    // decoded
    QString token;   // from the accept link
};

} // namespace

class TestGroupInvitations final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;
    QString m_smtpHost;
    QString m_smtpPort;
    QString m_maildir;

    TestHttpClient &admin() { return m_f->admin(); }

    static QString uniqueEmail(const char *prefix)
    {
        return QStringLiteral("%1-%2@example.com")
            .arg(QLatin1String(prefix), QUuid::createUuid().toString(QUuid::Id128).left(12));
    }

    bool startDaemon(const QString &backend, const QString &smtpPort, const QString &security,
                     QString *error, bool *skip)
    {
        m_f = std::make_unique<RelayFixture>();
        m_f->setDaemonEnv(QStringLiteral("AICARPOOL_SMTP_HOST"), m_smtpHost);
        m_f->setDaemonEnv(QStringLiteral("AICARPOOL_SMTP_PORT"), smtpPort);
        m_f->setDaemonEnv(QStringLiteral("AICARPOOL_SMTP_SECURITY"), security);
        m_f->setDaemonEnv(QStringLiteral("AICARPOOL_SMTP_FROM"),
                          QStringLiteral("aicarpool <carpool@example.com>"));
        m_f->setDaemonEnv(QStringLiteral("AICARPOOL_SMTP_PASSWORD"),
                          QStringLiteral("smtp-secret-never-logged"));
        m_f->setDaemonEnv(QStringLiteral("AICARPOOL_PUBLIC_URL"), PublicUrl);
        return m_f->setUp(backend, error, skip);
    }

    qint64 createGroup(const QJsonObject &fields)
    {
        const auto r = admin().post(QStringLiteral("/api/groups"), fields);
        if (r.status != 201)
            qWarning() << r.status << r.body;
        return r.status == 201 ? r.json().value(QLatin1String("id")).toInteger() : 0;
    }

    qint64 invite(qint64 groupId, const QString &email, int expectStatus = 201)
    {
        const auto r = admin().post(QStringLiteral("/api/groups/%1/invitations").arg(groupId),
                                    QJsonObject{{QStringLiteral("email"), email}});
        if (r.status != expectStatus)
            qWarning() << r.status << r.body;
        return r.status == expectStatus ? r.json().value(QLatin1String("id")).toInteger() : -1;
    }

    // The invitation as the pending list shows it, once its send_state is no longer "queued".
    QJsonObject waitSendState(qint64 groupId, qint64 invitationId)
    {
        for (int i = 0; i < 300; ++i) {
            const auto list =
                admin().get(QStringLiteral("/api/groups/%1/invitations").arg(groupId));
            for (const QJsonValue &v : list.json().value(QLatin1String("items")).toArray()) {
                const QJsonObject o = v.toObject();
                if (o.value(QLatin1String("id")).toInteger() == invitationId &&
                    o.value(QLatin1String("sendState")).toString() != QLatin1String("queued"))
                    return o;
            }
            QThread::msleep(100);
        }
        return {};
    }

    // Waits for the message to `email` in the sink's Maildir, and decodes it.
    std::optional<Delivered> waitForMail(const QString &email, int previous = 0)
    {
        for (int i = 0; i < 300; ++i) {
            QList<Delivered> found;
            QDir dir(m_maildir + QStringLiteral("/new"));
            const QStringList files = dir.entryList(QDir::Files, QDir::Time | QDir::Reversed);
            for (const QString &name : files) {
                QFile f(dir.filePath(name));
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                QByteArray raw = f.readAll();
                raw.replace("\r\n", "\n");
                const qsizetype split = raw.indexOf("\n\n");
                if (split < 0)
                    continue;
                QString headers = QString::fromUtf8(raw.left(split));
                headers.replace(QStringLiteral("\n "), QStringLiteral(" "));
                if (!headers.contains(QStringLiteral("\nTo: ") + email) &&
                    !headers.startsWith(QStringLiteral("To: ") + email))
                    continue;
                Delivered d;
                d.headers = headers;
                static const QRegularExpression subject(QStringLiteral("(?m)^Subject: (.*)$"));
                d.subject = subject.match(headers).captured(1);
                d.body = QString::fromUtf8(QByteArray::fromBase64(raw.mid(split + 2)));
                static const QRegularExpression link(
                    QStringLiteral("https://carpool\\.test/invite\\?token=([A-Za-z0-9_%-]+)"));
                d.token = QUrl::fromPercentEncoding(link.match(d.body).captured(1).toLatin1());
                found.append(d);
            }
            if (found.size() > previous)
                return found.last();
            QThread::msleep(100);
        }
        return std::nullopt;
    }

    TestHttpClient::Reply accept(const QJsonObject &body, const QByteArray &bearer = {})
    {
        TestHttpClient client(m_f->url(QString()));
        client.setBearerToken(bearer);
        return client.post(QStringLiteral("/api/invitations/accept"), body);
    }

    int signIn(const QString &email, const QString &password, QByteArray *token = nullptr)
    {
        TestHttpClient client(m_f->url(QString()));
        const auto r = client.post(
            QStringLiteral("/api/auth/login"),
            QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
        if (token)
            *token = r.json().value(QLatin1String("token")).toString().toLatin1();
        return r.status;
    }

    QSqlQuery sql(const QString &statement)
    {
        QSqlQuery q(m_f->database().db());
        if (!q.exec(statement))
            qWarning() << statement << q.lastError().text();
        return q;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }

    void init()
    {
        const QString smtp = env("AICARPOOL_TEST_SMTP");
        m_maildir = env("AICARPOOL_TEST_SMTP_MAILDIR");
        if (smtp.isEmpty() || m_maildir.isEmpty()) {
            if (TestEnv::servicesRequired())
                QFAIL("AICARPOOL_TEST_SMTP / AICARPOOL_TEST_SMTP_MAILDIR are not set");
            QSKIP("start tests/support/services.sh for the SMTP sink");
        }
        m_smtpHost = smtp.section(QLatin1Char(':'), 0, 0);
        m_smtpPort = smtp.section(QLatin1Char(':'), 1);
    }

    void cleanup() { m_f.reset(); }

    void inviteByEmailAcceptAndSignIn()
    {
        START_DAEMON(m_smtpPort);
        const qint64 groupId =
            createGroup(QJsonObject{{QStringLiteral("name"), QStringLiteral("night owls")},
                                    {QStringLiteral("maxMembers"), 5}});
        QVERIFY(groupId > 0);
        const QString email = uniqueEmail("ada");
        const qint64 invitationId = invite(groupId, email);
        QVERIFY(invitationId > 0);
        const QJsonObject state = waitSendState(groupId, invitationId);
        QCOMPARE(state.value(QLatin1String("sendState")).toString(), QStringLiteral("sent"));
        QVERIFY(state.value(QLatin1String("sendError")).isNull());
        QCOMPARE(state.value(QLatin1String("status")).toString(), QStringLiteral("pending"));
        QVERIFY(!state.contains(QLatin1String("token")));

        const auto mail = waitForMail(email);
        QVERIFY2(mail, "no message to the invitee arrived in the sink's Maildir");
        QVERIFY2(mail->headers.contains(QStringLiteral("Message-ID: <")),
                 qPrintable(mail->headers));
        QVERIFY(mail->headers.contains(QStringLiteral("\nDate: ")));
        QVERIFY(mail->headers.contains(QStringLiteral("charset=UTF-8")));
        QVERIFY2(mail->body.contains(QStringLiteral("night owls")), qPrintable(mail->body));
        QVERIFY2(mail->token.size() >= 40, qPrintable(mail->body));
        QVERIFY(mail->body.contains(QStringLiteral("https://carpool.test/invite?token=")));

        // Only the hash is stored.
        const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(mail->token.toUtf8(), QCryptographicHash::Sha256).toHex());
        QSqlQuery q = sql(
            QStringLiteral("SELECT token_hash FROM invitations WHERE id = %1").arg(invitationId));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), hash);

        // The link opens the daemon's invitation page (the token stays in the browser).
        {
            TestHttpClient client(m_f->url(QString()));
            const auto page = client.get(QStringLiteral("/invite?token=") + mail->token);
            QCOMPARE(page.status, 200);
            QVERIFY(page.header("content-type").startsWith("text/html"));
            QCOMPARE(page.header("referrer-policy"), QByteArray("no-referrer"));
            QVERIFY(page.body.contains("/api/invitations/accept"));
            QVERIFY(!page.body.contains(mail->token.toUtf8()));
        }

        // A new user needs a password.
        auto r = accept(QJsonObject{{QStringLiteral("token"), mail->token}});
        QCOMPARE(r.status, 400);
        r = accept(QJsonObject{{QStringLiteral("token"), mail->token},
                               {QStringLiteral("name"), QStringLiteral("Ada")},
                               {QStringLiteral("password"), QStringLiteral("correct horse 42")}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QLatin1String("userCreated")).toBool(), true);
        QCOMPARE(r.json().value(QLatin1String("groupId")).toInteger(), groupId);
        const qint64 userId = r.json().value(QLatin1String("userId")).toInteger();

        QByteArray token;
        QCOMPARE(signIn(email, QStringLiteral("correct horse 42"), &token), 200);
        const auto members = admin().get(QStringLiteral("/api/groups/%1/members").arg(groupId));
        QCOMPARE(members.status, 200);
        const QJsonArray items = members.json().value(QLatin1String("items")).toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0].toObject().value(QLatin1String("userId")).toInteger(), userId);
        QCOMPARE(items[0].toObject().value(QLatin1String("role")).toString(),
                 QStringLiteral("member"));

        // Used once; the pending list no longer shows it.
        r = accept(QJsonObject{{QStringLiteral("token"), mail->token},
                               {QStringLiteral("password"), QStringLiteral("correct horse 42")}});
        QCOMPARE(r.status, 410);
        QVERIFY2(r.body.contains("already used"), r.body.constData());
        QCOMPARE(admin()
                     .get(QStringLiteral("/api/groups/%1/invitations").arg(groupId))
                     .json()
                     .value(QLatin1String("total"))
                     .toInt(),
                 0);

        // A plain member reads its group but manages nothing; as the group's owner it may.
        TestHttpClient member(m_f->url(QString()));
        member.setBearerToken(token);
        QCOMPARE(member.get(QStringLiteral("/api/groups/%1").arg(groupId)).status, 200);
        QCOMPARE(
            member.get(QStringLiteral("/api/groups")).json().value(QLatin1String("total")).toInt(),
            1);
        QCOMPARE(member
                     .post(QStringLiteral("/api/groups"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("mine")}})
                     .status,
                 403);
        QCOMPARE(member
                     .post(QStringLiteral("/api/groups/%1/invitations").arg(groupId),
                           QJsonObject{{QStringLiteral("email"), uniqueEmail("bob")}})
                     .status,
                 403);
        QCOMPARE(admin()
                     .patch(QStringLiteral("/api/groups/%1/members/%2").arg(groupId).arg(userId),
                            QJsonObject{{QStringLiteral("role"), QStringLiteral("owner")}})
                     .status,
                 200);
        QCOMPARE(member
                     .post(QStringLiteral("/api/groups/%1/invite-links").arg(groupId),
                           QJsonObject{{QStringLiteral("maxUses"), 2}})
                     .status,
                 201);

        const QString log = m_f->daemon().log();
        QVERIFY(!log.contains(mail->token));
        QVERIFY(!log.contains(QLatin1String("smtp-secret-never-logged")));
        QVERIFY2(log.contains(QStringLiteral("invitation %1: email sent").arg(invitationId)),
                 qPrintable(log.right(2000)));
    }

    void chineseEmailForZhCnEnterprise()
    {
        START_DAEMON(m_smtpPort);
        // An enterprise that does not exist is refused.
        auto r = admin().post(QStringLiteral("/api/groups"),
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                          {QStringLiteral("enterpriseId"), 999999}});
        QVERIFY2(r.status == 400 || r.status == 404, r.body.constData());
        auto enterprise = [this](const QString &name, const QString &language) {
            const auto e = admin().post(QStringLiteral("/api/enterprises"),
                                        QJsonObject{{QStringLiteral("name"), name},
                                                    {QStringLiteral("language"), language}});
            return e.status == 201 ? e.json().value(QLatin1String("id")).toInteger() : qint64(0);
        };
        const qint64 acme = enterprise(
            QStringLiteral("Acme %1").arg(QUuid::createUuid().toString()), QStringLiteral("zh_CN"));
        const qint64 globex = enterprise(
            QStringLiteral("Globex %1").arg(QUuid::createUuid().toString()), QStringLiteral("en"));
        QVERIFY(acme > 0 && globex > 0);
        const qint64 zh = createGroup(QJsonObject{{QStringLiteral("name"), QStringLiteral("研发")},
                                                  {QStringLiteral("enterpriseId"), acme}});
        const qint64 en = createGroup(QJsonObject{{QStringLiteral("name"), QStringLiteral("ops")},
                                                  {QStringLiteral("enterpriseId"), globex}});
        QVERIFY(zh > 0 && en > 0);
        const QString zhEmail = uniqueEmail("li");
        const QString enEmail = uniqueEmail("jo");
        QVERIFY(invite(zh, zhEmail) > 0);
        QVERIFY(invite(en, enEmail) > 0);
        const auto zhMail = waitForMail(zhEmail);
        const auto enMail = waitForMail(enEmail);
        QVERIFY(zhMail && enMail);
        QVERIFY2(zhMail->subject.startsWith(QStringLiteral("=?UTF-8?B?")),
                 qPrintable(zhMail->subject));
        QString subject;
        static const QRegularExpression word(QStringLiteral("=\\?UTF-8\\?B\\?([^?]*)\\?="));
        QByteArray bytes;
        for (auto it = word.globalMatch(zhMail->subject); it.hasNext();)
            bytes += QByteArray::fromBase64(it.next().captured(1).toLatin1());
        subject = QString::fromUtf8(bytes);
        QVERIFY2(subject.contains(QStringLiteral("邀请")) &&
                     subject.contains(QStringLiteral("研发")),
                 qPrintable(subject));
        QVERIFY2(zhMail->body.contains(QStringLiteral("拼车组")), qPrintable(zhMail->body));
        QVERIFY(!zhMail->token.isEmpty());
        QVERIFY2(enMail->subject.contains(QStringLiteral("You are invited")),
                 qPrintable(enMail->subject));
        QVERIFY(enMail->body.contains(QStringLiteral("Open this link")));
    }

    void mailServerDownThenResend()
    {
        // Nothing listens on this port: every attempt is refused.
        START_DAEMON(QString::number(TestEnv::freePort()));
        const qint64 groupId =
            createGroup(QJsonObject{{QStringLiteral("name"), QStringLiteral("g")}});
        const QString email = uniqueEmail("down");
        const qint64 id = invite(groupId, email);
        QVERIFY(id > 0);
        const QJsonObject state = waitSendState(groupId, id);
        QCOMPARE(state.value(QLatin1String("sendState")).toString(), QStringLiteral("failed"));
        QCOMPARE(state.value(QLatin1String("status")).toString(), QStringLiteral("pending"));
        QCOMPARE(state.value(QLatin1String("attempts")).toInt(), 3);
        const QString reason = state.value(QLatin1String("sendError")).toString();
        QVERIFY2(reason.contains(m_smtpHost) && !reason.contains(QLatin1String("smtp-secret")),
                 qPrintable(reason));

        // The mail server is back: send again.
        m_f->daemon().setEnv(QStringLiteral("AICARPOOL_SMTP_PORT"), m_smtpPort);
        QString error;
        QVERIFY2(m_f->daemon().restart(&error), qPrintable(error));
        QVERIFY2(admin().loginAsAdmin(m_f->daemon(), &error), qPrintable(error));
        admin().setBaseUrl(m_f->url(QString()));
        const auto resent =
            admin().post(QStringLiteral("/api/invitations/%1/resend").arg(id), QJsonObject{});
        QCOMPARE(resent.status, 200);
        const QJsonObject after = waitSendState(groupId, id);
        QCOMPARE(after.value(QLatin1String("sendState")).toString(), QStringLiteral("sent"));
        QCOMPARE(after.value(QLatin1String("attempts")).toInt(), 4);
        const auto mail = waitForMail(email);
        QVERIFY(mail);
        const auto r =
            accept(QJsonObject{{QStringLiteral("token"), mail->token},
                               {QStringLiteral("password"), QStringLiteral("back online 123")}});
        QCOMPARE(r.status, 201);
        QCOMPARE(signIn(email, QStringLiteral("back online 123")), 200);
        QVERIFY(!m_f->daemon().log().contains(mail->token));
    }

    void starttlsIsRequiredNotAssumed()
    {
        // The sink offers no STARTTLS: with smtp_security = starttls nothing goes out in clear.
        START_DAEMON_WITH(m_smtpPort, QStringLiteral("starttls"));
        const qint64 groupId =
            createGroup(QJsonObject{{QStringLiteral("name"), QStringLiteral("tls")}});
        const QString email = uniqueEmail("tls");
        const qint64 id = invite(groupId, email);
        QVERIFY(id > 0);
        const QJsonObject state = waitSendState(groupId, id);
        QCOMPARE(state.value(QLatin1String("sendState")).toString(), QStringLiteral("failed"));
        QVERIFY2(!state.value(QLatin1String("sendError")).toString().isEmpty(),
                 qPrintable(QJsonDocument(state).toJson()));
        QDir dir(m_maildir + QStringLiteral("/new"));
        for (const QString &name : dir.entryList(QDir::Files)) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(email.toUtf8()), qPrintable(name));
        }
    }

    void expiredCancelledUsedUpAndFull()
    {
        START_DAEMON(m_smtpPort);
        const qint64 groupId = createGroup(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("small")}, {QStringLiteral("maxMembers"), 2}});
        QVERIFY(groupId > 0);

        // Expired.
        const QString late = uniqueEmail("late");
        const qint64 lateId = invite(groupId, late);
        auto mail = waitForMail(late);
        QVERIFY(mail);
        sql(QStringLiteral("UPDATE invitations SET expires_at_ms = 1000 WHERE id = %1")
                .arg(lateId));
        auto r = accept(QJsonObject{{QStringLiteral("token"), mail->token},
                                    {QStringLiteral("password"), QStringLiteral("long enough 1")}});
        QCOMPARE(r.status, 410);
        QVERIFY2(r.body.contains("expired"), r.body.constData());

        // Cancelled.
        const QString gone = uniqueEmail("gone");
        const qint64 goneId = invite(groupId, gone);
        mail = waitForMail(gone);
        QVERIFY(mail);
        QCOMPARE(admin().del(QStringLiteral("/api/invitations/%1").arg(goneId)).status, 204);
        r = accept(QJsonObject{{QStringLiteral("token"), mail->token},
                               {QStringLiteral("password"), QStringLiteral("long enough 1")}});
        QCOMPARE(r.status, 410);
        QVERIFY2(r.body.contains("cancelled"), r.body.constData());
        QCOMPARE(
            accept(QJsonObject{{QStringLiteral("token"), QStringLiteral("no-such-token")}}).status,
            404);

        // An invite link for one use.
        auto link = admin().post(QStringLiteral("/api/groups/%1/invite-links").arg(groupId),
                                 QJsonObject{{QStringLiteral("maxUses"), 1}});
        QCOMPARE(link.status, 201);
        const QString linkToken = link.json().value(QLatin1String("token")).toString();
        QVERIFY(link.json()
                    .value(QLatin1String("url"))
                    .toString()
                    .startsWith(QStringLiteral("https://carpool.test/invite?token=")));
        const auto links = admin().get(QStringLiteral("/api/groups/%1/invite-links").arg(groupId));
        QCOMPARE(links.json().value(QLatin1String("total")).toInt(), 1);
        QVERIFY(!links.body.contains(linkToken.toUtf8()));
        r = accept(QJsonObject{{QStringLiteral("token"), linkToken},
                               {QStringLiteral("email"), uniqueEmail("l1")},
                               {QStringLiteral("password"), QStringLiteral("long enough 1")}});
        QCOMPARE(r.status, 201);
        r = accept(QJsonObject{{QStringLiteral("token"), linkToken},
                               {QStringLiteral("email"), uniqueEmail("l2")},
                               {QStringLiteral("password"), QStringLiteral("long enough 1")}});
        QCOMPARE(r.status, 410);
        QVERIFY2(r.body.contains("used up"), r.body.constData());

        // The signed-in administrator joins through a second link; now the group is full.
        link = admin().post(QStringLiteral("/api/groups/%1/invite-links").arg(groupId),
                            QJsonObject{{QStringLiteral("maxUses"), 5}});
        const QString many = link.json().value(QLatin1String("token")).toString();
        r = accept(QJsonObject{{QStringLiteral("token"), many}}, admin().bearerToken());
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QLatin1String("userCreated")).toBool(), false);
        r = accept(QJsonObject{{QStringLiteral("token"), many},
                               {QStringLiteral("email"), uniqueEmail("l3")},
                               {QStringLiteral("password"), QStringLiteral("long enough 1")}});
        QCOMPARE(r.status, 409);
        QVERIFY2(r.body.contains("full"), r.body.constData());
        QCOMPARE(invite(groupId, uniqueEmail("more"), 409), 0);

        // Revoked links are refused too.
        const qint64 linkId = link.json().value(QLatin1String("id")).toInteger();
        QCOMPARE(admin().del(QStringLiteral("/api/invite-links/%1").arg(linkId)).status, 204);
        r = accept(QJsonObject{{QStringLiteral("token"), many}}, admin().bearerToken());
        QCOMPARE(r.status, 410);
        QVERIFY2(r.body.contains("revoked"), r.body.constData());
        QVERIFY(!m_f->daemon().log().contains(linkToken));
        QVERIFY(!m_f->daemon().log().contains(many));
    }

    void membersKeysUseTheGroupPool()
    {
        START_DAEMON(m_smtpPort);
        const TestHttpClient::Headers headers = {{"x-api-key", m_f->key()},
                                                 {"anthropic-version", "2023-06-01"}};
        TestHttpClient relay(m_f->url(QString()));
        const QJsonObject body = RelayFixture::anthropicBody(QStringLiteral("hi"));
        QCOMPARE(relay.post(QStringLiteral("/v1/messages"), body, headers).status, 200);

        // A pool with no accounts: a key using it cannot be served.
        const auto empty =
            admin().post(QStringLiteral("/api/pools"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("empty")}});
        QCOMPARE(empty.status, 201);
        const qint64 emptyPool = empty.json().value(QLatin1String("id")).toInteger();
        const qint64 groupId = createGroup(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("p")}, {QStringLiteral("poolId"), emptyPool}});
        QVERIFY(groupId > 0);
        const auto me = admin().get(QStringLiteral("/api/auth/me")).json();
        const qint64 adminId = me.value(QLatin1String("id")).toInteger();
        QVERIFY(adminId > 0);
        auto added = admin().post(QStringLiteral("/api/groups/%1/members").arg(groupId),
                                  QJsonObject{{QStringLiteral("userId"), adminId},
                                              {QStringLiteral("role"), QStringLiteral("owner")}});
        QCOMPARE(added.status, 201);
        QVERIFY(relay.post(QStringLiteral("/v1/messages"), body, headers).status != 200);

        // A key that names a pool keeps it.
        const auto full = admin().post(
            QStringLiteral("/api/pools"),
            QJsonObject{{QStringLiteral("name"), QStringLiteral("full")},
                        {QStringLiteral("accountIds"), QJsonArray{m_f->anthropicAccountId()}}});
        const qint64 fullPool = full.json().value(QLatin1String("id")).toInteger();
        QCOMPARE(admin()
                     .patch(QStringLiteral("/api/keys/%1").arg(m_f->keyId()),
                            QJsonObject{{QStringLiteral("poolId"), fullPool}})
                     .status,
                 200);
        QCOMPARE(relay.post(QStringLiteral("/v1/messages"), body, headers).status, 200);

        // Leaving the group (and the key's own pool) gives the default pool back.
        QCOMPARE(admin()
                     .patch(QStringLiteral("/api/keys/%1").arg(m_f->keyId()),
                            QJsonObject{{QStringLiteral("poolId"), QJsonValue()}})
                     .status,
                 200);
        QVERIFY(relay.post(QStringLiteral("/v1/messages"), body, headers).status != 200);
        QCOMPARE(admin()
                     .del(QStringLiteral("/api/groups/%1/members/%2").arg(groupId).arg(adminId))
                     .status,
                 204);
        QCOMPARE(relay.post(QStringLiteral("/v1/messages"), body, headers).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestGroupInvitations)
#include "TestGroupInvitations.moc"
