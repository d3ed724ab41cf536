// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/DatabaseUrl.h"
#include "crypto/SecretBox.h"
#include "domain/RelaySnapshot.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class DbWorker;
class QSqlDatabase;

// Owns the life of the keys/accounts snapshot the relay reads: the first load, reloads after
// admin changes, polling the data version so that changes made through other daemons on the
// same database show up, the "needs attention" flag on accounts, and writing back when keys
// were last used. Lives on the main thread.
class Catalog : public QObject
{
    Q_OBJECT
public:
    using SnapshotHandler = std::function<void(std::shared_ptr<RelaySnapshot>)>;
    using KeyUseSource = std::function<QHash<qint64, qint64>()>;

    Catalog(DbWorker *db, const SecretBox &secrets, QObject *parent = nullptr);

    // Where each new snapshot goes (the relay).
    void setSnapshotHandler(SnapshotHandler handler);
    // Runs on the database connection of every snapshot load, the first one included, right
    // after the snapshot is read (e.g. to refresh the admin API's user states with it).
    using LoadHook = std::function<void(QSqlDatabase &)>;
    void setLoadHook(LoadHook hook);
    // Where the last-use times of keys come from (the relay collects them per request).
    void setKeyUseSource(KeyUseSource source);

    // Loads the first snapshot synchronously on a connection of its own, so keys work from the
    // first request. False and a one-line error when the database cannot be read.
    bool loadInitial(const DatabaseUrl &url, QString *error);
    // Starts polling the data version and flushing key use.
    void start(int pollIntervalMs = 1000, int keyUseIntervalMs = 10000);
    // Stops the timers and writes the key use collected so far.
    void stop();

    // Reloads keys and accounts; `then` runs once a reload that started after this call is
    // live. Main thread only.
    void reload(std::function<void()> then = {});
    // Sets or clears an account's "needs attention" flag and reloads. Any thread.
    void flagAttention(qint64 accountId, bool flag);
    // Writes the key use collected since the last flush.
    void flushKeyUse();

    qint64 dataVersion() const { return m_dataVersion; }

private:
    void pollDataVersion();
    void publish(const std::shared_ptr<RelaySnapshot> &snapshot);

    DbWorker *m_db;
    SecretBox m_secrets;
    SnapshotHandler m_onSnapshot;
    KeyUseSource m_keyUse;
    LoadHook m_loadHook;
    QTimer m_pollTimer;
    QTimer m_keyUseTimer;
    qint64 m_dataVersion = -1;
    bool m_reloading = false;
    bool m_reloadAgain = false;
    QList<std::function<void()>> m_waitingForReload;  // for the next reload
    QList<std::function<void()>> m_waitingForCurrent; // for the running one
};
