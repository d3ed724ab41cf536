// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "routing/CooldownPolicy.h"

// Whether a call moves on to another account after a failed attempt: only when the cooldown
// policy calls the outcome a reason to fail over (rate limit, overload, server error,
// connection failure, ...), nothing has gone to the client yet (the caller's part), and the
// attempt budget is not spent.
class FailoverPolicy
{
public:
    explicit FailoverPolicy(int maxAttempts) : m_maxAttempts(maxAttempts) {}

    // attemptsMade counts the attempt that just failed.
    bool allowsAnother(const CooldownDecision &assessed, int attemptsMade) const
    {
        return assessed.failover && attemptsMade < m_maxAttempts;
    }

private:
    int m_maxAttempts;
};
