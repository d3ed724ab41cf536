// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/GroupRepository.h"
#include "store/InvitationRepository.h"
#include "store/InviteLinkRepository.h"
#include "store/Migrations.h"
#include "store/StoreError.h"
#include "store/UserRepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// Schema version 5: carpool groups, members, invitations and invite links. A version-3
// database upgrades; the repositories read and write what the admin API and the relay snapshot
// need, on SQLite and MariaDB.
class TestMigrationV5 : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    void exec(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text() + QStringLiteral(": ") + sql));
    }

    qint64 user(const QString &email)
    {
        UserRow u;
        u.email = email;
        u.name = email;
        u.role = QStringLiteral("member");
        return UserRepository(m_db->db()).insert(u);
    }

    qint64 pool(const QString &name)
    {
        QSqlQuery q(m_db->db());
        q.prepare(QStringLiteral("INSERT INTO pools (name, strategy, created_at, updated_at) "
                                 "VALUES (?, 'priority', 1, 1)"));
        q.addBindValue(name);
        if (!q.exec())
            return 0;
        return q.lastInsertId().toLongLong();
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, false); }
    void cleanup() { m_db.reset(); }

    void upgradesVersion3()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::applyUpTo(db, 3, &error), qPrintable(error));
        QVERIFY(!db.tables().contains(QStringLiteral("group_members")));
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(db, &error), Migrations::latestVersion());
        for (const char *table : {"groups", "group_members", "invitations", "invite_links"})
            QVERIFY2(db.tables().contains(QLatin1String(table)), table);
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
    }

    void groupsMembersAndPools()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        GroupRepository groups(db);
        const qint64 p1 = pool(QStringLiteral("p1"));
        QVERIFY(p1 > 0);
        GroupRow a;
        a.name = QStringLiteral("a");
        a.poolId = p1;
        a.maxMembers = 3;
        const qint64 ga = groups.insert(a);
        GroupRow b;
        b.name = QStringLiteral("b");
        const qint64 gb = groups.insert(b);
        GroupRow c;
        c.name = QStringLiteral("c");
        c.poolId = p1;
        const qint64 gc = groups.insert(c);
        const qint64 u1 = user(QStringLiteral("u1@x.org"));
        const qint64 u2 = user(QStringLiteral("u2@x.org"));
        const qint64 u3 = user(QStringLiteral("u3@x.org"));
        groups.addMember(ga, u1, QStringLiteral("owner"));
        groups.addMember(ga, u2, QStringLiteral("member"));
        groups.addMember(gb, u2, QStringLiteral("member"));
        groups.addMember(ga, u3, QStringLiteral("member"));
        groups.addMember(gc, u3, QStringLiteral("admin"));
        try {
            groups.addMember(ga, u1, QStringLiteral("member"));
            QFAIL("a second membership was accepted");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::Conflict);
        }
        QCOMPARE(groups.get(ga)->memberCount, 3);
        QCOMPARE(groups.get(ga)->maxMembers, 3);
        QCOMPARE(groups.get(gb)->poolId, 0);
        QCOMPARE(groups.memberRole(gc, u3), QStringLiteral("admin"));
        QCOMPARE(groups.memberRole(gc, u1), QString());
        // u1: one group with a pool. u2: two groups, one without a pool. u3: two groups with
        // pools: no group pool, the choice would be arbitrary.
        const QHash<qint64, qint64> pools = groups.memberPools();
        QCOMPARE(pools.value(u1), p1);
        QVERIFY(!pools.contains(u2));
        QVERIFY(!pools.contains(u3));

        groups.setMemberRole(ga, u2, QStringLiteral("admin"));
        QCOMPARE(groups.memberRole(ga, u2), QStringLiteral("admin"));
        groups.removeMember(ga, u2);
        QCOMPARE(groups.members(ga).size(), 2);
        QCOMPARE(groups.members(ga).first().email, QStringLiteral("u1@x.org"));

        // Languages come from enterprises when that table exists.
        QCOMPARE(groups.language(ga), QStringLiteral("en"));
        QVERIFY(!groups.enterpriseExists(1).value_or(false));
        exec(QStringLiteral("INSERT INTO enterprises (id, name, language, created_at_ms, "
                            "updated_at_ms) VALUES (4, 'e', 'zh_CN', 1, 1)"));
        GroupRow zh;
        zh.name = QStringLiteral("zh");
        zh.enterpriseId = 4;
        const qint64 gz = groups.insert(zh);
        QCOMPARE(groups.language(gz), QStringLiteral("zh_CN"));
        QCOMPARE(groups.language(ga), QStringLiteral("en"));
        QCOMPARE(*groups.enterpriseExists(4), true);
        QCOMPARE(*groups.enterpriseExists(5), false);

        groups.remove(ga);
        QVERIFY(!groups.get(ga));
        QCOMPARE(groups.memberRole(ga, u1), QString());
        QVERIFY(!groups.memberPools().contains(u1));
    }

    void invitationsAndLinks()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        GroupRow g;
        g.name = QStringLiteral("g");
        const qint64 gid = GroupRepository(db).insert(g);
        InvitationRepository invitations(db);
        InvitationRow row;
        row.groupId = gid;
        row.email = QStringLiteral("a@x.org");
        row.tokenHash = QStringLiteral("aa");
        row.expiresAtMs = 5000;
        const qint64 id = invitations.insert(row);
        QCOMPARE(invitations.findByTokenHash(QStringLiteral("aa"))->id, id);
        QCOMPARE(invitations.get(id)->sendState, QStringLiteral("queued"));
        try {
            InvitationRow twin = row;
            twin.email = QStringLiteral("b@x.org");
            invitations.insert(twin);
            QFAIL("a duplicate token hash was accepted");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::Conflict);
        }
        invitations.recordSend(id, QStringLiteral("aa"), false, QStringLiteral("refused"), 3);
        QCOMPARE(invitations.get(id)->sendState, QStringLiteral("failed"));
        QCOMPARE(invitations.get(id)->sendError, QStringLiteral("refused"));
        // Sent again with a new token: a late outcome for the old one changes nothing.
        invitations.renew(id, QStringLiteral("bb"), 9000);
        QCOMPARE(invitations.get(id)->sendState, QStringLiteral("queued"));
        QVERIFY(invitations.get(id)->sendError.isEmpty());
        invitations.recordSend(id, QStringLiteral("aa"), true, QString(), 1);
        QCOMPARE(invitations.get(id)->sendState, QStringLiteral("queued"));
        invitations.recordSend(id, QStringLiteral("bb"), true, QString(), 1);
        QCOMPARE(invitations.get(id)->sendState, QStringLiteral("sent"));
        QCOMPARE(invitations.get(id)->attempts, 4);
        QVERIFY(!invitations.findByTokenHash(QStringLiteral("aa")));
        QCOMPARE(invitations.pending(gid).size(), 1);
        invitations.setStatus(id, QStringLiteral("accepted"), 7000);
        QCOMPARE(invitations.get(id)->acceptedAtMs, 7000);
        QCOMPARE(invitations.pending(gid).size(), 0);

        InviteLinkRepository links(db);
        InviteLinkRow link;
        link.groupId = gid;
        link.tokenHash = QStringLiteral("cc");
        link.maxUses = 2;
        const qint64 lid = links.insert(link);
        QCOMPARE(links.get(lid)->expiresAtMs, 0);
        QVERIFY(links.use(lid));
        QVERIFY(links.use(lid));
        QVERIFY(!links.use(lid)); // used up: the count never passes maxUses
        QCOMPARE(links.get(lid)->uses, 2);
        link.tokenHash = QStringLiteral("dd");
        const qint64 other = links.insert(link);
        links.revoke(other);
        QVERIFY(links.get(other)->revoked);
        QVERIFY(!links.use(other));
        QCOMPARE(links.list(gid).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestMigrationV5)
#include "TestMigrationV5.moc"
