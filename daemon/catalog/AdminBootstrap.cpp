// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/AdminBootstrap.h"

#include "config/DataDirectory.h"
#include "crypto/Crypto.h"
#include "crypto/PasswordHasher.h"
#include "store/StoreError.h"
#include "store/UserRepository.h"

#include <QDir>
#include <QLoggingCategory>
#include <QProcessEnvironment>

Q_LOGGING_CATEGORY(lcBootstrap, "aicarpool.daemon")

bool AdminBootstrap::run(QSqlDatabase &db, const QString &dataDir, QString *error)
{
    try {
        UserRepository users(db);
        if (users.count() > 0)
            return true;
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        UserRow admin;
        admin.email =
            env.value(QStringLiteral("AICARPOOL_ADMIN_EMAIL"), QStringLiteral("admin@localhost"))
                .trimmed()
                .toLower();
        admin.name = QStringLiteral("Administrator");
        admin.role = QStringLiteral("admin");
        QString password = env.value(QStringLiteral("AICARPOOL_ADMIN_PASSWORD"));
        const bool generated = password.isEmpty();
        if (generated)
            password = QString::fromLatin1(Crypto::base64UrlEncode(Crypto::randomBytes(18)));
        admin.passwordHash = PasswordHasher::hash(password);
        try {
            users.insert(admin);
        } catch (const StoreError &e) {
            if (e.kind() == StoreError::Kind::Conflict)
                return true; // another daemon created it at the same moment
            throw;
        }
        if (generated) {
            const QString file = QDir(dataDir).filePath(QStringLiteral("initial-admin-password"));
            if (!DataDirectory::writePrivateFile(file, password.toUtf8() + '\n', error))
                return false;
            qCInfo(lcBootstrap).noquote()
                << QStringLiteral("created the administrator %1; the initial password is in %2 "
                                  "(readable by this user only). Sign in and change it.")
                       .arg(admin.email, file);
        } else {
            qCInfo(lcBootstrap).noquote()
                << QStringLiteral("created the administrator %1 with the password from "
                                  "AICARPOOL_ADMIN_PASSWORD")
                       .arg(admin.email);
        }
        return true;
    } catch (const StoreError &e) {
        *error = QStringLiteral("creating the administrator failed: %1").arg(e.message());
        return false;
    }
}
