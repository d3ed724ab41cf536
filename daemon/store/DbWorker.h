// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/DatabaseUrl.h"
#include "store/StoreError.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QString>

#include <exception>
#include <functional>
#include <type_traits>

class QThread;

// The completion callback type of DbWorker::post<T>: void(T), or void() for T = void.
template <class T> struct DbWorkerDone
{
    using type = std::function<void(T)>;
};
template <> struct DbWorkerDone<void>
{
    using type = std::function<void()>;
};

// Runs database jobs on a thread of its own with its own connection, so no SQL runs on the
// thread that serves HTTP. Jobs run one at a time in the order posted.
//
//   worker.post<qint64>([](QSqlDatabase &db) { return UserRepository(db).count(); }, this,
//                       [](qint64 n) { ... }, [](const StoreError &e) { ... });
//
// onDone / onError run on the thread of `context` (a queued call) and are dropped if `context`
// is destroyed first. A StoreError thrown by a job goes to onError; any other exception becomes
// StoreError(Unavailable). After a job failed with Unavailable the connection is checked before
// the next job and reopened when it is gone.
class DbWorker : public QObject
{
    Q_OBJECT
public:
    explicit DbWorker(QObject *parent = nullptr);
    ~DbWorker() override; // stop()

    // Starts the thread and opens its connection synchronously: false and a clear one-line
    // error (password redacted) when the database cannot be opened.
    bool start(const DatabaseUrl &url, QString *error);
    // Runs the jobs already posted, closes the connection and joins the thread. Jobs posted
    // afterwards are dropped.
    void stop();
    bool isRunning() const;

    template <class T>
    void post(std::function<T(QSqlDatabase &)> job, QObject *context,
              typename DbWorkerDone<T>::type onDone,
              std::function<void(const StoreError &)> onError);

private:
    void enqueue(std::function<void(QSqlDatabase &)> task);
    // Runs `fn` on this object's thread, then on `context`'s thread if it still exists.
    void deliver(QPointer<QObject> context, std::function<void()> fn);
    bool ensureConnection(QString *error); // worker thread only
    static StoreError currentExceptionAsStoreError();

    mutable QMutex m_mutex;
    QThread *m_thread = nullptr;
    QObject *m_threadContext = nullptr; // lives in m_thread
    bool m_running = false;
    DatabaseUrl m_url;
    QString m_connectionName;
    QSqlDatabase m_db;      // worker thread only
    bool m_suspect = false; // worker thread only: the last job hit an Unavailable error
};

template <class T>
void DbWorker::post(std::function<T(QSqlDatabase &)> job, QObject *context,
                    typename DbWorkerDone<T>::type onDone,
                    std::function<void(const StoreError &)> onError)
{
    QPointer<QObject> ctx(context);
    enqueue([this, job = std::move(job), ctx, onDone = std::move(onDone),
             onError = std::move(onError)](QSqlDatabase &db) {
        try {
            if constexpr (std::is_void_v<T>) {
                job(db);
                deliver(ctx, [onDone]() {
                    if (onDone)
                        onDone();
                });
            } else {
                T result = job(db);
                deliver(ctx, [onDone, result = std::move(result)]() {
                    if (onDone)
                        onDone(result);
                });
            }
        } catch (...) {
            const StoreError error = currentExceptionAsStoreError();
            if (error.kind() == StoreError::Kind::Unavailable)
                m_suspect = true;
            deliver(ctx, [onError, error]() {
                if (onError)
                    onError(error);
            });
        }
    });
}
