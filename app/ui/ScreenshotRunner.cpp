// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ScreenshotRunner.h"

#include "api/ApiClient.h"
#include "dialogs/SignInDialog.h"
#include "pages/Page.h"
#include "ui/MainWindow.h"

#include <QPixmap>

#include <cstdio>

namespace {
constexpr int PollMs = 50;
// The page must stay loaded and idle this long (for layout and chart painting) before capture.
constexpr int QuietTicks = 6;
} // namespace

ScreenshotRunner::ScreenshotRunner(MainWindow *window, ApiClient *api, const QString &dir,
                                   QObject *parent)
    : QObject(parent), m_window(window), m_api(api), m_dir(dir)
{
    m_poll.setInterval(PollMs);
    connect(&m_poll, &QTimer::timeout, this, &ScreenshotRunner::poll);
}

void ScreenshotRunner::start()
{
    if (!m_dir.mkpath(QStringLiteral("."))) {
        std::fprintf(stderr, "aicarpool-console: cannot create %s\n",
                     qPrintable(m_dir.absolutePath()));
        emit finished(1);
        return;
    }
    for (Page *p : m_window->pages())
        m_ids.append(p->pageId());
    next();
}

void ScreenshotRunner::next()
{
    ++m_index;
    if (m_index >= m_ids.size()) {
        m_poll.stop();
        emit finished(m_failures);
        return;
    }
    m_quietTicks = 0;
    m_elapsedMs = 0;
    m_window->showPage(m_ids[m_index]);
    m_poll.start();
}

void ScreenshotRunner::poll()
{
    m_elapsedMs += PollMs;
    const Page *page = m_window->page(m_ids[m_index]);
    const bool ready = page && page->isLoaded() && m_api->pendingCount() == 0;
    m_quietTicks = ready ? m_quietTicks + 1 : 0;
    if (m_quietTicks >= QuietTicks) {
        m_poll.stop();
        capture();
        return;
    }
    if (m_elapsedMs >= PageTimeoutMs) {
        std::fprintf(stderr, "aicarpool-console: page %s did not finish loading\n",
                     qPrintable(m_ids[m_index]));
        ++m_failures;
        m_poll.stop();
        capture();
    }
}

void ScreenshotRunner::capture()
{
    const QString file = m_dir.filePath(m_ids[m_index] + QStringLiteral(".png"));
    if (m_window->grab().save(file, "PNG")) {
        m_saved.append(file);
        std::fprintf(stdout, "%s\n", qPrintable(file));
    } else {
        std::fprintf(stderr, "aicarpool-console: cannot write %s\n", qPrintable(file));
        ++m_failures;
    }
    QTimer::singleShot(0, this, &ScreenshotRunner::next);
}
