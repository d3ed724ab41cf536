// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "catalog/AdminBootstrap.h"
#include "crypto/PasswordHasher.h"
#include "store/UserRepository.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// The first administrator of an empty database.
class TestAdminBootstrap : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init()
    {
        AICARPOOL_TESTDB_INIT(m_db, true);
        qunsetenv("AICARPOOL_ADMIN_EMAIL");
        qunsetenv("AICARPOOL_ADMIN_PASSWORD");
    }
    void cleanup() { m_db.reset(); }

    void writesAGeneratedPasswordForTheOwnerOnly()
    {
        QTemporaryDir dataDir;
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(AdminBootstrap::run(db, dataDir.path(), &error), qPrintable(error));

        QFile file(dataDir.filePath(QStringLiteral("initial-admin-password")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        const QString password = QString::fromUtf8(file.readAll()).trimmed();
        QVERIFY(password.size() >= 20);

        UserRepository users(db);
        QCOMPARE(users.count(), 1);
        const auto admin = users.findByEmail(QStringLiteral("admin@localhost"));
        QVERIFY(admin);
        QCOMPARE(admin->role, QStringLiteral("admin"));
        QVERIFY(PasswordHasher::verify(password, admin->passwordHash));
    }

    void usesTheEnvironmentAndLeavesAnExistingUserAlone()
    {
        QTemporaryDir dataDir;
        qputenv("AICARPOOL_ADMIN_EMAIL", " Boss@Example.com ");
        qputenv("AICARPOOL_ADMIN_PASSWORD", "correct horse battery");
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(AdminBootstrap::run(db, dataDir.path(), &error), qPrintable(error));
        QVERIFY(!QFile::exists(dataDir.filePath(QStringLiteral("initial-admin-password"))));
        UserRepository users(db);
        const auto admin = users.findByEmail(QStringLiteral("boss@example.com"));
        QVERIFY(admin);
        QVERIFY(
            PasswordHasher::verify(QStringLiteral("correct horse battery"), admin->passwordHash));

        // A second run (another daemon, a restart) creates nobody.
        qputenv("AICARPOOL_ADMIN_EMAIL", "other@example.com");
        QVERIFY2(AdminBootstrap::run(db, dataDir.path(), &error), qPrintable(error));
        QCOMPARE(users.count(), 1);
        qunsetenv("AICARPOOL_ADMIN_EMAIL");
        qunsetenv("AICARPOOL_ADMIN_PASSWORD");
    }
};

QTEST_GUILESS_MAIN(TestAdminBootstrap)
#include "TestAdminBootstrap.moc"
