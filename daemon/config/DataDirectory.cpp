// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/DataDirectory.h"

#include "crypto/SecretBox.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

bool DataDirectory::prepare(QString *error)
{
    QDir dir(m_path);
    if (!dir.exists() && !QDir().mkpath(m_path)) {
        *error = QStringLiteral("data directory %1 cannot be created; create it or pass "
                                "--data-dir with a writable directory")
                     .arg(m_path);
        return false;
    }
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QFileInfo info(m_path);
    if (!info.isWritable()) {
        *error = QStringLiteral("data directory %1 is not writable by this user").arg(m_path);
        return false;
    }
    return true;
}

QString DataDirectory::filePath(const QString &name) const
{
    return QDir(m_path).filePath(name);
}

bool DataDirectory::writePrivateFile(const QString &file, const QByteArray &content, QString *error)
{
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(file, out.errorString());
        return false;
    }
    out.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    out.write(content);
    if (!out.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(file, out.errorString());
        return false;
    }
    QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
    return true;
}

bool DataDirectory::loadOrCreateKey(const QString &file, QByteArray *key, QString *error)
{
    QFile in(file);
    if (in.exists()) {
        if (!in.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("master key %1 cannot be read: %2").arg(file, in.errorString());
            return false;
        }
        const QByteArray decoded = QByteArray::fromBase64(in.readAll().trimmed());
        if (decoded.size() != SecretBox::KeyBytes) {
            *error = QStringLiteral("master key %1 is not a base64-encoded 32-byte key; restore "
                                    "it from your backup")
                         .arg(file);
            return false;
        }
        *key = decoded;
        return true;
    }
    const QByteArray fresh = SecretBox::generateKey();
    if (!writePrivateFile(file, fresh.toBase64() + '\n', error))
        return false;
    *key = fresh;
    return true;
}
