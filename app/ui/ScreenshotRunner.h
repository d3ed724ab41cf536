// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDir>
#include <QObject>
#include <QStringList>
#include <QTimer>

class ApiClient;
class MainWindow;

// `--screenshots DIR`: opens every page in turn, waits until its data arrived (loaded() and no
// call in flight), saves DIR/<pageId>.png and finally emits finished() with the number of pages
// that could not be captured.
class ScreenshotRunner : public QObject
{
    Q_OBJECT
public:
    static constexpr int PageTimeoutMs = 60000;

    ScreenshotRunner(MainWindow *window, ApiClient *api, const QString &dir,
                     QObject *parent = nullptr);

    void start();
    QStringList saved() const { return m_saved; }

signals:
    void finished(int failures);

private:
    void next();
    void poll();
    void capture();

    MainWindow *m_window;
    ApiClient *m_api;
    QDir m_dir;
    QStringList m_ids;
    QStringList m_saved;
    int m_index = -1;
    int m_quietTicks = 0;
    int m_elapsedMs = 0;
    int m_failures = 0;
    QTimer m_poll;
};
