// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/AuditRow.h"

#include <QByteArray>
#include <QString>

// The hash chain of the audit log. Each entry's hash is the SHA-256 (lower-case hex) of its
// canonical form, which includes the previous entry's hash, so changing, removing or reordering
// a stored entry breaks the chain from there on.
//
// Canonical form: the ASCII tag "aicarpool-audit-v1", then these 12 fields in this order:
// id, at_ms, actor_id, actor_email, address, action, target_type, target_id, before_json,
// after_json, enterprise_id, prev_hash. Each field is encoded as "N" when it is NULL, otherwise as
// "S" + the byte length of its UTF-8 text in decimal + ":" + that text. Integers are written in
// decimal ("-" before a negative one, no padding). Nothing else separates the fields; the
// encoding is unambiguous.
class AuditChain
{
public:
    // prev_hash of the first entry: 64 zeros.
    static QString genesis();
    static QByteArray canonical(const AuditRow &row);
    static QString hash(const AuditRow &row); // over canonical(row), row.hash ignored
};
