// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/Catalog.h"

#include "base/ThreadContext.h"
#include "catalog/SnapshotLoader.h"
#include "store/AccountRepository.h"
#include "store/ApiKeyRepository.h"
#include "store/Database.h"
#include "store/DbWorker.h"
#include "store/SettingsRepository.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCatalog, "aicarpool.catalog")

namespace {

std::shared_ptr<RelaySnapshot> loadSnapshot(QSqlDatabase &db, const SecretBox &secrets)
{
    QStringList warnings;
    auto snapshot = std::make_shared<RelaySnapshot>(SnapshotLoader::load(db, secrets, &warnings));
    for (const QString &w : warnings)
        qCWarning(lcCatalog).noquote() << w;
    return snapshot;
}

} // namespace

Catalog::Catalog(DbWorker *db, const SecretBox &secrets, QObject *parent)
    : QObject(parent), m_db(db), m_secrets(secrets)
{
    connect(&m_pollTimer, &QTimer::timeout, this, &Catalog::pollDataVersion);
    connect(&m_keyUseTimer, &QTimer::timeout, this, &Catalog::flushKeyUse);
}

void Catalog::setSnapshotHandler(SnapshotHandler handler)
{
    m_onSnapshot = std::move(handler);
}

void Catalog::setLoadHook(LoadHook hook)
{
    m_loadHook = std::move(hook);
}

void Catalog::setKeyUseSource(KeyUseSource source)
{
    m_keyUse = std::move(source);
}

bool Catalog::loadInitial(const DatabaseUrl &url, QString *error)
{
    const QString name = QStringLiteral("aicarpool-startup");
    bool ok = true;
    {
        QString openError;
        QSqlDatabase db = Database::open(url, name, &openError);
        if (!db.isOpen()) {
            *error = openError;
            ok = false;
        } else {
            try {
                publish(loadSnapshot(db, m_secrets));
                if (m_loadHook)
                    m_loadHook(db);
            } catch (const StoreError &e) {
                *error = QStringLiteral("loading keys and accounts failed: %1").arg(e.message());
                ok = false;
            }
        }
    }
    Database::close(name);
    return ok;
}

void Catalog::start(int pollIntervalMs, int keyUseIntervalMs)
{
    m_pollTimer.start(pollIntervalMs);
    m_keyUseTimer.start(keyUseIntervalMs);
}

void Catalog::stop()
{
    m_pollTimer.stop();
    m_keyUseTimer.stop();
    if (m_db && m_db->isRunning())
        flushKeyUse();
}

void Catalog::publish(const std::shared_ptr<RelaySnapshot> &snapshot)
{
    m_dataVersion = snapshot->version;
    if (m_onSnapshot)
        m_onSnapshot(snapshot);
}

void Catalog::pollDataVersion()
{
    if (m_reloading)
        return;
    m_db->post<qint64>([](QSqlDatabase &db) { return SettingsRepository(db).dataVersion(); }, this,
                       [this](qint64 version) {
                           if (version != m_dataVersion)
                               reload();
                       },
                       nullptr);
}

void Catalog::reload(std::function<void()> then)
{
    if (then)
        m_waitingForReload.append(std::move(then));
    if (m_reloading) {
        m_reloadAgain = true;
        return;
    }
    m_reloading = true;
    m_waitingForCurrent = std::move(m_waitingForReload);
    m_waitingForReload.clear();
    auto finished = [this] {
        m_reloading = false;
        const auto waiting = std::move(m_waitingForCurrent);
        m_waitingForCurrent.clear();
        for (const auto &fn : waiting)
            fn();
        if (m_reloadAgain) {
            m_reloadAgain = false;
            reload();
        }
    };
    const SecretBox secrets = m_secrets;
    m_db->post<std::shared_ptr<RelaySnapshot>>(
        [secrets, hook = m_loadHook](QSqlDatabase &db) {
            auto snapshot = loadSnapshot(db, secrets);
            if (hook)
                hook(db);
            return snapshot;
        },
        this,
        [this, finished](const std::shared_ptr<RelaySnapshot> &snapshot) {
            publish(snapshot);
            finished();
        },
        [finished](const StoreError &e) {
            qCWarning(lcCatalog).noquote()
                << QStringLiteral("reloading keys and accounts failed: %1").arg(e.message());
            finished();
        });
}

void Catalog::flagAttention(qint64 accountId, bool flag)
{
    ThreadContext::post(this, [this, accountId, flag] {
        m_db->post<bool>(
            [accountId, flag](QSqlDatabase &db) {
                AccountRepository(db).setNeedsAttention(accountId, flag);
                SettingsRepository(db).bumpDataVersion();
                return true;
            },
            this, [this](bool) { reload(); }, nullptr);
    });
}

void Catalog::flushKeyUse()
{
    if (!m_keyUse)
        return;
    const QHash<qint64, qint64> use = m_keyUse();
    if (use.isEmpty())
        return;
    m_db->post<bool>(
        [use](QSqlDatabase &db) {
            ApiKeyRepository(db).touchLastUsed(use);
            return true;
        },
        this, nullptr, nullptr);
}
