// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/RelaySnapshot.h"

#include <QSqlDatabase>

class SecretBox;

// Builds the relay's in-memory snapshot from the database (on a database thread).
class SnapshotLoader
{
public:
    // Account secrets that cannot be decrypted (wrong master key) leave that account disabled
    // and are reported in *warnings.
    static RelaySnapshot load(QSqlDatabase &db, const SecretBox &secrets, QStringList *warnings);
};
