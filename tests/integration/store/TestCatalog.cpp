// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "catalog/Catalog.h"
#include "crypto/Crypto.h"
#include "domain/Provider.h"
#include "store/AccountRepository.h"
#include "store/ApiKeyRepository.h"
#include "store/DbWorker.h"
#include "store/SettingsRepository.h"
#include "store/UserRepository.h"

#include <QTest>

#include <utility>

// The catalog against a real database: the first load, reloads and their waiting lists,
// noticing changes made by another node, the needs-attention flag and the key-use flush.
class TestCatalog : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;
    std::unique_ptr<DbWorker> m_worker;
    std::unique_ptr<SecretBox> m_secrets;
    std::unique_ptr<Catalog> m_catalog;
    std::shared_ptr<RelaySnapshot> m_last;
    int m_published = 0;

    qint64 addAccount(const QString &name)
    {
        AccountRow row;
        row.name = name;
        row.provider = Providers::name(Provider::OpenAi);
        row.baseUrl = QStringLiteral("https://api.openai.com/v1");
        row.secretSealed = m_secrets->seal(QByteArrayLiteral("sk-upstream"));
        const qint64 id = AccountRepository(m_db->db()).insert(row);
        SettingsRepository(m_db->db()).bumpDataVersion();
        return id;
    }

    const RelayAccount *account(const QString &name) const
    {
        if (!m_last)
            return nullptr;
        for (const RelayAccount &a : m_last->accounts) {
            if (a.name == name)
                return &a;
        }
        return nullptr;
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }

    void init()
    {
        AICARPOOL_TESTDB_INIT(m_db, true);
        m_worker = std::make_unique<DbWorker>();
        QString error;
        QVERIFY2(m_worker->start(m_db->url(), &error), qPrintable(error));
        m_secrets = std::make_unique<SecretBox>(Crypto::randomBytes(SecretBox::KeyBytes));
        m_catalog = std::make_unique<Catalog>(m_worker.get(), *m_secrets);
        m_published = 0;
        m_last.reset();
        m_catalog->setSnapshotHandler([this](std::shared_ptr<RelaySnapshot> s) {
            m_last = std::move(s);
            ++m_published;
        });
    }

    void cleanup()
    {
        if (m_catalog)
            m_catalog->stop();
        m_catalog.reset();
        m_worker.reset();
        m_db.reset();
    }

    void loadsTheFirstSnapshotBeforeServing()
    {
        addAccount(QStringLiteral("first"));
        QString error;
        QVERIFY2(m_catalog->loadInitial(m_db->url(), &error), qPrintable(error));
        // Synchronous: published before loadInitial returns.
        QCOMPARE(m_published, 1);
        QVERIFY(account(QStringLiteral("first")));
        QCOMPARE(account(QStringLiteral("first"))->apiKey, QByteArrayLiteral("sk-upstream"));
        QCOMPARE(m_catalog->dataVersion(), SettingsRepository(m_db->db()).dataVersion());
    }

    void reloadAnswersOnceAReloadStartedAfterTheCallIsLive()
    {
        QString error;
        QVERIFY2(m_catalog->loadInitial(m_db->url(), &error), qPrintable(error));
        bool firstDone = false;
        bool secondSawB = false;
        bool secondDone = false;
        addAccount(QStringLiteral("a"));
        m_catalog->reload([&] { firstDone = true; });
        // Added while the first reload may already be running: the second caller must still
        // see it when its callback runs.
        addAccount(QStringLiteral("b"));
        m_catalog->reload([&] {
            secondSawB = account(QStringLiteral("b")) != nullptr;
            secondDone = true;
        });
        QTRY_VERIFY(secondDone);
        QVERIFY(firstDone);
        QVERIFY(secondSawB);
        QVERIFY(account(QStringLiteral("a")));
    }

    void pollingPicksUpChangesFromAnotherNode()
    {
        QString error;
        QVERIFY2(m_catalog->loadInitial(m_db->url(), &error), qPrintable(error));
        QVERIFY(!account(QStringLiteral("elsewhere")));
        m_catalog->start(20, 60000);
        // Another daemon on the same database adds an account and bumps the data version.
        addAccount(QStringLiteral("elsewhere"));
        QTRY_VERIFY(account(QStringLiteral("elsewhere")));
        QTRY_COMPARE(m_catalog->dataVersion(), SettingsRepository(m_db->db()).dataVersion());
    }

    void flagAttentionWritesTheFlagAndReloads()
    {
        const qint64 id = addAccount(QStringLiteral("flagged"));
        QString error;
        QVERIFY2(m_catalog->loadInitial(m_db->url(), &error), qPrintable(error));
        QVERIFY(!account(QStringLiteral("flagged"))->needsAttention);
        m_catalog->flagAttention(id, true);
        QTRY_VERIFY(account(QStringLiteral("flagged")) &&
                    account(QStringLiteral("flagged"))->needsAttention);
        QVERIFY(AccountRepository(m_db->db()).get(id)->needsAttention);
        m_catalog->flagAttention(id, false);
        QTRY_VERIFY(!account(QStringLiteral("flagged"))->needsAttention);
        QVERIFY(!AccountRepository(m_db->db()).get(id)->needsAttention);
    }

    void flushesKeyUseOnRequestAndOnStop()
    {
        UserRow user;
        user.email = QStringLiteral("u@example.com");
        const qint64 userId = UserRepository(m_db->db()).insert(user);
        ApiKeyRow key;
        key.name = QStringLiteral("k");
        key.userId = userId;
        key.keyHash = QString(64, QLatin1Char('a'));
        key.keyHint = QStringLiteral("cp-...00");
        const qint64 keyId = ApiKeyRepository(m_db->db()).insert(key);

        QHash<qint64, qint64> pending{{keyId, 1700000000000}};
        m_catalog->setKeyUseSource([&pending] { return std::exchange(pending, {}); });
        m_catalog->flushKeyUse();
        QTRY_COMPARE(ApiKeyRepository(m_db->db()).get(keyId)->lastUsedAtMs, 1700000000000);

        pending = {{keyId, 1700000005000}};
        m_catalog->stop(); // writes what is left
        QTRY_COMPARE(ApiKeyRepository(m_db->db()).get(keyId)->lastUsedAtMs, 1700000005000);
        QVERIFY(pending.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "TestCatalog.moc"
