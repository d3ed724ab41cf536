// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/UserRow.h"

#include <QHash>
#include <QList>
#include <QReadWriteLock>

#include <optional>

// What every admin request checks about its caller, held in memory so no SQL runs per request
// on an HTTP thread: the current role, whether the user is disabled, and the token generation
// (an access token issued under an older generation is ended). Replaced as a whole after every
// write to users (and whenever the data version moves), before the write is answered.
class UserStateCache
{
public:
    struct State
    {
        QString email;
        QString role;
        bool disabled = false;
        qint64 tokenGeneration = 0;
    };

    void replace(const QList<UserRow> &users);
    std::optional<State> find(qint64 userId) const;
    bool isLoaded() const;

private:
    mutable QReadWriteLock m_lock;
    QHash<qint64, State> m_users;
    bool m_loaded = false;
};
