// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/AccountRow.h"

#include <QJsonObject>
#include <QStringList>

class SecretBox;

// The writable fields of an upstream account in the admin API, validated with messages that
// name the field and the expected form. Shared by /api/accounts and the OAuth exchange.
class AccountFields
{
public:
    enum class Mode
    {
        Create,     // POST /api/accounts: name, provider and apiKey required
        Update,     // PUT/PATCH: any subset
        OAuthCreate // the OAuth exchange: provider anthropic-oauth, no apiKey
    };

    // What apply() found that must be sealed before saving.
    struct Secrets
    {
        QByteArray apiKey;         // non-empty: a new API key
        bool proxyChanged = false; // the "proxy" field was present
        QString proxyUrl;          // canonical URL; empty = clear
    };

    static const QStringList &providers();
    static QString defaultBaseUrl(const QString &provider);

    // Applies the fields present in `body` to `row`; returns an error message (naming the field)
    // or an empty string. `row` may be half-changed after an error: validate on a copy.
    static QString apply(const QJsonObject &body, AccountRow &row, Secrets *secrets, Mode mode);

    // Seals the new API key / proxy URL into `row`. A new proxy URL clears proxyId and the
    // reverse (a new proxyId was already applied and clears the own URL in apply()).
    static void seal(const SecretBox &box, const Secrets &secrets, AccountRow &row);
};
