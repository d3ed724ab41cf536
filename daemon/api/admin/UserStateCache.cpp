// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/UserStateCache.h"

void UserStateCache::replace(const QList<UserRow> &users)
{
    QHash<qint64, State> next;
    next.reserve(users.size());
    for (const UserRow &u : users)
        next.insert(u.id, State{u.email, u.role, u.disabled, u.tokenGeneration});
    QWriteLocker lock(&m_lock);
    m_users.swap(next);
    m_loaded = true;
}

std::optional<UserStateCache::State> UserStateCache::find(qint64 userId) const
{
    QReadLocker lock(&m_lock);
    const auto it = m_users.constFind(userId);
    if (it == m_users.cend())
        return std::nullopt;
    return *it;
}

bool UserStateCache::isLoaded() const
{
    QReadLocker lock(&m_lock);
    return m_loaded;
}
