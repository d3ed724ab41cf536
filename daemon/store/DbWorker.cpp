// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/DbWorker.h"

#include "store/Database.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QThread>

Q_LOGGING_CATEGORY(lcDbWorker, "aicarpool.store")

DbWorker::DbWorker(QObject *parent) : QObject(parent)
{
    m_connectionName =
        QStringLiteral("aicarpool-dbworker-%1").arg(reinterpret_cast<quintptr>(this), 0, 16);
}

DbWorker::~DbWorker()
{
    stop();
}

bool DbWorker::start(const DatabaseUrl &url, QString *error)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_running)
            return true;
    }
    m_url = url;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("DbWorker"));
    m_threadContext = new QObject;
    m_threadContext->moveToThread(m_thread);
    m_thread->start();

    bool ok = false;
    QString openError;
    QMetaObject::invokeMethod(
        m_threadContext, [this, &ok, &openError]() { ok = ensureConnection(&openError); },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        QMetaObject::invokeMethod(
            m_threadContext,
            [this]() {
                m_db = QSqlDatabase();
                Database::close(m_connectionName);
            },
            Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
        delete m_threadContext;
        m_threadContext = nullptr;
        delete m_thread;
        m_thread = nullptr;
        if (error)
            *error = openError;
        return false;
    }
    QMutexLocker lock(&m_mutex);
    m_running = true;
    return true;
}

void DbWorker::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_running)
            return;
        m_running = false;
    }
    // Queued after every job already posted, so this drains the queue.
    QMetaObject::invokeMethod(
        m_threadContext,
        [this]() {
            m_db = QSqlDatabase();
            Database::close(m_connectionName);
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_threadContext;
    m_threadContext = nullptr;
    delete m_thread;
    m_thread = nullptr;
}

bool DbWorker::isRunning() const
{
    QMutexLocker lock(&m_mutex);
    return m_running;
}

void DbWorker::enqueue(std::function<void(QSqlDatabase &)> task)
{
    QMutexLocker lock(&m_mutex);
    if (!m_running) {
        qCWarning(lcDbWorker) << "database job dropped: the worker is not running";
        return;
    }
    QMetaObject::invokeMethod(
        m_threadContext,
        [this, task = std::move(task)]() {
            QString error;
            if (!ensureConnection(&error)) {
                m_suspect = true;
                // Let the job report the failure through its own error path.
                QSqlDatabase closed;
                task(closed);
                return;
            }
            task(m_db);
        },
        Qt::QueuedConnection);
}

void DbWorker::deliver(QPointer<QObject> context, std::function<void()> fn)
{
    if (!context)
        return;
    // First hop to this object's thread (normally the thread that owns `context` too), where
    // the QPointer can be checked without racing the context's destruction.
    QMetaObject::invokeMethod(
        this,
        [context, fn = std::move(fn)]() {
            if (!context)
                return;
            if (context->thread() == QThread::currentThread())
                fn();
            else
                QMetaObject::invokeMethod(context.data(), fn, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

bool DbWorker::ensureConnection(QString *error)
{
    if (m_db.isValid() && m_db.isOpen()) {
        if (!m_suspect)
            return true;
        if (Database::ping(m_db)) {
            m_suspect = false;
            return true;
        }
        qCWarning(lcDbWorker) << "database connection lost; reconnecting to" << m_url.redacted();
    }
    m_db = QSqlDatabase();
    m_db = Database::open(m_url, m_connectionName, error);
    if (!m_db.isOpen()) {
        m_db = QSqlDatabase();
        return false;
    }
    m_suspect = false;
    return true;
}

StoreError DbWorker::currentExceptionAsStoreError()
{
    try {
        throw;
    } catch (const StoreError &e) {
        return e;
    } catch (const std::exception &e) {
        qCWarning(lcDbWorker) << "database job failed:" << e.what();
        return StoreError(StoreError::Kind::Unavailable, QStringLiteral("internal error"));
    } catch (...) {
        return StoreError(StoreError::Kind::Unavailable, QStringLiteral("internal error"));
    }
}
