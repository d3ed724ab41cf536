// SPDX-License-Identifier: GPL-3.0-or-later
// The audit log's pure parts: action names, redaction, the entry built for an answer, the
// canonical form and hash, CSV; and the action of every registered admin route.
#include "api/admin/AdminApi.h"
#include "api/admin/AuditCsv.h"
#include "api/admin/AuditEntries.h"
#include "api/admin/AuditRedactor.h"
#include "crypto/Crypto.h"
#include "crypto/TokenSigner.h"
#include "http/HttpResponder.h"
#include "http/HttpRouter.h"
#include "store/AuditChain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestAuditEntries final : public QObject
{
    Q_OBJECT

private:
    static HttpRequest request(const QByteArray &body, const QString &id = QString())
    {
        HttpRequest r;
        r.method = "POST";
        r.body = body;
        r.peerAddress = QHostAddress(QStringLiteral("192.0.2.7"));
        if (!id.isEmpty())
            r.pathParams.insert(QStringLiteral("id"), id);
        return r;
    }

private Q_SLOTS:
    void actionsAreDerivedFromTheRoute()
    {
        QCOMPARE(AuditEntries::deriveAction("POST", QStringLiteral("/api/accounts")),
                 QStringLiteral("account.create"));
        QCOMPARE(AuditEntries::deriveAction("PATCH", QStringLiteral("/api/keys/{id}")),
                 QStringLiteral("key.update"));
        QCOMPARE(AuditEntries::deriveAction("PUT", QStringLiteral("/api/proxies/{id}")),
                 QStringLiteral("proxy.update"));
        QCOMPARE(AuditEntries::deriveAction("DELETE", QStringLiteral("/api/pools/{id}")),
                 QStringLiteral("pool.delete"));
        QCOMPARE(AuditEntries::deriveAction("POST", QStringLiteral("/api/proxies/{id}/test")),
                 QStringLiteral("proxy.test"));
        QCOMPARE(AuditEntries::deriveAction("POST", QStringLiteral("/api/auth/login")),
                 QStringLiteral("auth.login"));
        QCOMPARE(AuditEntries::deriveAction("POST", QStringLiteral("/api/accounts/oauth/start")),
                 QStringLiteral("account.oauth_start"));
        QCOMPARE(
            AuditEntries::deriveAction("DELETE", QStringLiteral("/api/groups/{id}/members/{uid}")),
            QStringLiteral("group.members_delete"));
        QCOMPARE(AuditEntries::deriveAction("POST", QStringLiteral("/api/invite-links")),
                 QStringLiteral("invite-link.create"));
        QCOMPARE(AuditEntries::deriveAction("GET", QStringLiteral("/api/accounts")), QString());
        QCOMPARE(AuditEntries::deriveTargetType(QStringLiteral("/api/proxies/{id}")),
                 QStringLiteral("proxy"));
        QCOMPARE(AuditEntries::deriveTargetType(QStringLiteral("/api/enterprises")),
                 QStringLiteral("enterprise"));
    }

    void everyChangingRouteHasAnAction()
    {
        TokenSigner signer(QByteArray(32, 'k'));
        AdminApi api(nullptr, &signer, nullptr, AdminApi::Settings());
        HttpRouter router;
        api.registerRoutes(router);
        QStringList recorded;
        for (const AdminRouteTable::Entry &e : api.routeEntries()) {
            const QString name = QString::fromLatin1(e.method) + QLatin1Char(' ') + e.pattern;
            if (e.method == "GET")
                QVERIFY2(e.auditAction.isEmpty(), qPrintable(name));
            else if (!e.auditAction.isEmpty())
                recorded << name + QStringLiteral(" -> ") + e.auditAction;
        }
        recorded.sort();
        QCOMPARE(
            recorded,
            (QStringList{
                QStringLiteral("DELETE /api/accounts/{id} -> account.delete"),
                QStringLiteral("DELETE /api/accounts/{id}/cooldown -> account.cooldown_clear"),
                QStringLiteral("DELETE /api/alert-channels/{id} -> alert-channel.delete"),
                QStringLiteral("DELETE /api/alert-rules/{id} -> alert-rule.delete"),
                QStringLiteral("DELETE /api/budgets/{id} -> budget.delete"),
                QStringLiteral("DELETE /api/departments/{id} -> department.delete"),
                QStringLiteral("DELETE /api/enterprises/{id} -> enterprise.delete"),
                QStringLiteral("DELETE /api/groups/{id} -> group.delete"),
                QStringLiteral("DELETE /api/groups/{id}/members/{userId} -> group.members_delete"),
                QStringLiteral("DELETE /api/invitations/{id} -> invitation.delete"),
                QStringLiteral("DELETE /api/invite-links/{id} -> invite-link.delete"),
                QStringLiteral("DELETE /api/keys/{id} -> key.revoke"),
                QStringLiteral("DELETE /api/pools/{id} -> pool.delete"),
                QStringLiteral("DELETE /api/proxies/{id} -> proxy.delete"),
                QStringLiteral("DELETE /api/quotas/{id} -> quota.delete"),
                QStringLiteral("DELETE /api/roles/{id} -> role.delete"),
                QStringLiteral("DELETE /api/users/{id}/roles/{assignmentId} -> user.roles_delete"),
                QStringLiteral("PATCH /api/accounts/{id} -> account.update"),
                QStringLiteral("PATCH /api/alert-channels/{id} -> alert-channel.update"),
                QStringLiteral("PATCH /api/alert-rules/{id} -> alert-rule.update"),
                QStringLiteral("PATCH /api/budgets/{id} -> budget.update"),
                QStringLiteral("PATCH /api/departments/{id} -> department.update"),
                QStringLiteral("PATCH /api/enterprises/{id} -> enterprise.update"),
                QStringLiteral("PATCH /api/groups/{id} -> group.update"),
                QStringLiteral("PATCH /api/groups/{id}/members/{userId} -> group.members_update"),
                QStringLiteral("PATCH /api/keys/{id} -> key.update"),
                QStringLiteral("PATCH /api/pools/{id} -> pool.update"),
                QStringLiteral("PATCH /api/proxies/{id} -> proxy.update"),
                QStringLiteral("PATCH /api/quotas/{id} -> quota.update"),
                QStringLiteral("PATCH /api/roles/{id} -> role.update"),
                QStringLiteral("PATCH /api/users/{id} -> user.update"),
                QStringLiteral("POST /api/accounts -> account.create"),
                QStringLiteral("POST /api/accounts/oauth/exchange -> account.oauth_exchange"),
                QStringLiteral("POST /api/accounts/oauth/start -> account.oauth_start"),
                QStringLiteral("POST /api/alert-channels -> alert-channel.create"),
                QStringLiteral("POST /api/alert-channels/{id}/test -> alert-channel.test"),
                QStringLiteral("POST /api/alert-rules -> alert-rule.create"),
                QStringLiteral("POST /api/auth/login -> auth.login"),
                QStringLiteral("POST /api/auth/logout -> auth.logout"),
                QStringLiteral("POST /api/auth/password -> auth.password"),
                QStringLiteral("POST /api/budgets -> budget.create"),
                QStringLiteral("POST /api/enterprises -> enterprise.create"),
                QStringLiteral("POST /api/enterprises/{id}/departments -> enterprise.departments"),
                QStringLiteral("POST /api/groups -> group.create"),
                QStringLiteral("POST /api/groups/{id}/invitations -> group.invitations"),
                QStringLiteral("POST /api/groups/{id}/invite-links -> group.invite_links"),
                QStringLiteral("POST /api/groups/{id}/members -> group.members"),
                QStringLiteral("POST /api/incidents/{id}/ack -> incident.ack"),
                QStringLiteral("POST /api/incidents/{id}/resolve -> incident.resolve"),
                QStringLiteral("POST /api/invitations/accept -> invitation.accept"),
                QStringLiteral("POST /api/invitations/{id}/resend -> invitation.resend"),
                QStringLiteral("POST /api/keys -> key.create"),
                QStringLiteral("POST /api/pools -> pool.create"),
                QStringLiteral("POST /api/proxies -> proxy.create"),
                QStringLiteral("POST /api/proxies/{id}/test -> proxy.test"),
                QStringLiteral("POST /api/quotas -> quota.create"),
                QStringLiteral("POST /api/roles -> role.create"),
                QStringLiteral("POST /api/users -> user.create"),
                QStringLiteral("POST /api/users/import -> user.import"),
                QStringLiteral("POST /api/users/{id}/roles -> user.roles"),
                QStringLiteral("PUT /api/accounts/{id} -> account.update"),
                QStringLiteral("PUT /api/keys/{id} -> key.update"),
                QStringLiteral("PUT /api/pools/{id} -> pool.update"),
                QStringLiteral("PUT /api/proxies/{id} -> proxy.update"),
            }));
    }

    void secretsAreRedactedByNameAtAnyDepth()
    {
        const QJsonObject in{
            {QStringLiteral("name"), QStringLiteral("acct")},
            {QStringLiteral("apiKey"), QStringLiteral("sk-1")},
            {QStringLiteral("password"), QStringLiteral("pw")},
            {QStringLiteral("refresh_token"), QStringLiteral("rt")},
            {QStringLiteral("keyHint"), QStringLiteral("cp-…abcd")},
            {QStringLiteral("proxy"), QStringLiteral("socks5://bob:p@ss@host:1080/x")},
            {QStringLiteral("nested"),
             QJsonObject{
                 {QStringLiteral("clientSecret"), QStringLiteral("cs")},
                 {QStringLiteral("list"),
                  QJsonArray{QJsonObject{{QStringLiteral("accessToken"), QStringLiteral("at")},
                                         {QStringLiteral("count"), 3}}}}}},
            {QStringLiteral("token"), QJsonValue()}};
        const QJsonObject out = AuditRedactor::redact(in).toObject();
        QCOMPARE(out.value("name").toString(), QStringLiteral("acct"));
        QCOMPARE(out.value("apiKey").toString(), QStringLiteral("***"));
        QCOMPARE(out.value("password").toString(), QStringLiteral("***"));
        QCOMPARE(out.value("refresh_token").toString(), QStringLiteral("***"));
        QCOMPARE(out.value("keyHint").toString(), QStringLiteral("cp-…abcd"));
        QCOMPARE(out.value("proxy").toString(), QStringLiteral("socks5://bob:***@host:1080/x"));
        const QJsonObject nested = out.value("nested").toObject();
        QCOMPARE(nested.value("clientSecret").toString(), QStringLiteral("***"));
        const QJsonObject item = nested.value("list").toArray().first().toObject();
        QCOMPARE(item.value("accessToken").toString(), QStringLiteral("***"));
        QCOMPARE(item.value("count").toInt(), 3);
        QVERIFY(out.value("token").isNull()); // nothing to hide
        const QByteArray text = QJsonDocument(out).toJson();
        for (const char *s : {"sk-1", "\"pw\"", "\"rt\"", "\"cs\"", "\"at\"", "p@ss"})
            QVERIFY2(!text.contains(s), s);
        QCOMPARE(AuditRedactor::redactUrls(QStringLiteral("http://host/a@b")),
                 QStringLiteral("http://host/a@b"));
    }

    void entriesForAnswers()
    {
        const AdminIdentity admin{4, QStringLiteral("a@example.com"), QStringLiteral("admin"),
                                  nullptr};
        AuditNote::Content note;
        const HttpRequest req =
            request(R"({"name":"p","password":"hunter2"})", QStringLiteral("12"));
        // A 2xx: the route's action, the caller, the address, the body redacted.
        auto row =
            AuditEntries::build(QStringLiteral("pool.update"), QStringLiteral("/api/pools/{id}"),
                                req, admin, note, 200, 1234);
        QVERIFY(row);
        QCOMPARE(row->action, QStringLiteral("pool.update"));
        QCOMPARE(row->actorId, std::optional<qint64>(4));
        QCOMPARE(row->actorEmail, QStringLiteral("a@example.com"));
        QCOMPARE(row->address, QStringLiteral("192.0.2.7"));
        QCOMPARE(row->targetType, QStringLiteral("pool"));
        QCOMPARE(row->targetId, QStringLiteral("12"));
        QCOMPARE(row->atMs, 1234);
        QCOMPARE(row->afterJson, QStringLiteral(R"({"name":"p","password":"***"})"));
        QVERIFY(row->beforeJson.isEmpty());
        // An error answer: nothing, unless the handler noted a failure.
        QVERIFY(!AuditEntries::build(QStringLiteral("pool.update"),
                                     QStringLiteral("/api/pools/{id}"), req, admin, note, 400, 1));
        note.failedAction = QStringLiteral("auth.login_failed");
        note.actorEmail = QStringLiteral("x@example.com");
        note.after = QJsonObject{{QStringLiteral("reason"), QStringLiteral("wrong_password")}};
        row = AuditEntries::build(QStringLiteral("auth.login"), QStringLiteral("/api/auth/login"),
                                  req, std::nullopt, note, 401, 1);
        QVERIFY(row);
        QCOMPARE(row->action, QStringLiteral("auth.login_failed"));
        QVERIFY(!row->actorId);
        QCOMPARE(row->actorEmail, QStringLiteral("x@example.com"));
        QCOMPARE(row->afterJson, QStringLiteral(R"({"reason":"wrong_password"})"));
        // Too large a value is stored as its size.
        const QString big(AuditEntries::MaxJsonBytes, QLatin1Char('x'));
        QCOMPARE(AuditEntries::json(QJsonObject{{QStringLiteral("v"), big}}),
                 QStringLiteral(R"({"bytes":65544,"truncated":true})"));
        QCOMPARE(AuditEntries::json(QJsonValue(7)), QStringLiteral("7"));
    }

    void canonicalFormAndHash()
    {
        AuditRow r;
        r.id = 3;
        r.atMs = 1700000000000;
        r.actorId = 1;
        r.actorEmail = QStringLiteral("ä@x");
        r.address = QStringLiteral("::1");
        r.action = QStringLiteral("pool.create");
        r.targetType = QStringLiteral("pool");
        r.targetId = QStringLiteral("9");
        r.afterJson = QStringLiteral("{}");
        r.prevHash = AuditChain::genesis();
        const QByteArray expected = "aicarpool-audit-v1S1:3S13:1700000000000S1:1S4:\xc3\xa4@xS3:::"
                                    "1S11:pool.createS4:poolS1:9"
                                    "S0:S2:{}NS64:" +
                                    QByteArray(64, '0');
        QCOMPARE(AuditChain::canonical(r), expected);
        QCOMPARE(AuditChain::hash(r), QString::fromLatin1(Crypto::sha256Hex(expected)));
        // NULL and "" differ; each field counts.
        AuditRow other = r;
        other.enterpriseId = 0;
        QVERIFY(AuditChain::hash(other) != AuditChain::hash(r));
        other = r;
        other.actorId.reset();
        QVERIFY(AuditChain::hash(other) != AuditChain::hash(r));
        // Moving text from one field to the next changes the hash (length-prefixed fields).
        AuditRow a = r;
        a.targetType = QStringLiteral("po");
        a.targetId = QStringLiteral("ol9");
        QVERIFY(AuditChain::hash(a) != AuditChain::hash(r));
    }

    void answerObserverFiresOnceAlsoWithoutAClient()
    {
        // The change happened even if the client has gone: the observer still sees the answer.
        HttpResponder responder(nullptr, 1, false);
        QList<int> seen;
        responder.setAnswerObserver([&seen](int status) { seen.append(status); });
        responder.sendJson(201, QJsonObject{});
        responder.send(500, {});
        QCOMPARE(seen, QList<int>{201});
        HttpResponder chunked(nullptr, 2, false);
        chunked.setAnswerObserver([&seen](int status) { seen.append(status); });
        QVERIFY(!chunked.beginChunked(200, {}));
        QCOMPARE(seen, (QList<int>{201, 200}));
    }

    void csvQuotes()
    {
        QCOMPARE(AuditCsv::field(QStringLiteral("plain")), QByteArray("plain"));
        QCOMPARE(AuditCsv::field(QStringLiteral(R"({"a":1,"b":"x"})")),
                 QByteArray(R"("{""a"":1,""b"":""x""}")"));
        QCOMPARE(AuditCsv::field(QStringLiteral("two\nlines")), QByteArray("\"two\nlines\""));
        AuditRow r;
        r.id = 1;
        r.atMs = 0;
        r.action = QStringLiteral("a.b");
        QCOMPARE(AuditCsv::line(r), QByteArray("1,1970-01-01T00:00:00.000Z,,,,a.b,,,,,,,\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestAuditEntries)
#include "TestAuditEntries.moc"
