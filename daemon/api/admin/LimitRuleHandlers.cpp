// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/LimitRuleHandlers.h"

void LimitRuleHandlers::enforce(LimitAccess::Verdict verdict, const ApiError &hidden,
                                const QString &needed)
{
    if (verdict == LimitAccess::Verdict::Hidden)
        throw hidden;
    if (verdict == LimitAccess::Verdict::Forbidden)
        throw ApiError::forbidden(QStringLiteral("You lack %1 for this scope; ask an administrator "
                                                 "of it for a role that grants it.")
                                      .arg(needed));
}
