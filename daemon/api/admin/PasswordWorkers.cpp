// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/PasswordWorkers.h"

#include "base/ThreadContext.h"

PasswordWorkers::PasswordWorkers(int threads, int maxPending) : m_maxPending(qMax(1, maxPending))
{
    m_pool.setMaxThreadCount(qMax(1, threads));
    m_pool.setExpiryTimeout(60000);
}

PasswordWorkers::~PasswordWorkers()
{
    m_pool.waitForDone();
}

bool PasswordWorkers::submit(std::function<void()> work, std::function<void()> done)
{
    int now = m_pending.load();
    do {
        if (now >= m_maxPending)
            return false;
    } while (!m_pending.compare_exchange_weak(now, now + 1));
    std::function<void()> back = ThreadContext::bindToCurrent(std::move(done));
    m_pool.start([this, work = std::move(work), back = std::move(back)] {
        work();
        m_pending.fetch_sub(1);
        if (back)
            back();
    });
    return true;
}
