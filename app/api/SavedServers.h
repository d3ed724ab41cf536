// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// The servers the user signed in to (QSettings "servers"), most recent first, with the last
// email used on each and whether a refresh token was remembered for it in the keychain. No
// secret is ever written here.
class SavedServers
{
public:
    struct Entry
    {
        QString url;
        QString email;
        bool remembered = false;
    };

    static constexpr int MaxServers = 20;

    QList<Entry> entries() const;
    QStringList urls() const;
    std::optional<Entry> find(const QString &url) const;
    // Adds or moves to the front.
    void remember(const Entry &entry);
    void remove(const QString &url);
    void setRemembered(const QString &url, bool remembered);
    void clear();
};
