// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGTERM/SIGINT into a Qt signal on the main thread (self-pipe), so shutdown runs as
// ordinary code: stop accepting, flush the ledger, exit. SIGHUP (systemctl reload) becomes
// reloadRequested().
class UnixSignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);
    void reloadRequested();

private:
    static void handler(int signalNumber);
    QSocketNotifier *m_notifier = nullptr;
};
