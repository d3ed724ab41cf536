// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// The daemon's data directory: created with owner-only permissions; holds the master key (which
// encrypts account secrets and derives the token-signing key), the spool and, on first start,
// the initial administrator password.
class DataDirectory
{
public:
    explicit DataDirectory(const QString &path) : m_path(path) {}

    bool prepare(QString *error);
    QString path() const { return m_path; }
    QString filePath(const QString &name) const;

    // Reads the 32-byte master key (base64 in the file), creating it (mode 0600) when missing.
    static bool loadOrCreateKey(const QString &file, QByteArray *key, QString *error);
    // Writes `content` to a new file readable only by the owner.
    static bool writePrivateFile(const QString &file, const QByteArray &content, QString *error);

private:
    QString m_path;
};
