// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/LimitAccess.h"

#include "api/admin/Authorizer.h"

namespace {

AccessModel::Object objectOf(LimitScope scope)
{
    switch (scope) {
    case LimitScope::Key:
        return AccessModel::Object::Key;
    case LimitScope::User:
        return AccessModel::Object::User;
    case LimitScope::Group:
        return AccessModel::Object::Group;
    case LimitScope::Department:
        return AccessModel::Object::Department;
    case LimitScope::Enterprise:
        break;
    }
    return AccessModel::Object::Enterprise;
}

std::optional<Scope> modelScope(const AccessModel &model, LimitScope scope, qint64 scopeId,
                                qint64 enterpriseId)
{
    if (auto found = model.scopeOf(objectOf(scope), scopeId))
        return found;
    if (enterpriseId < 0)
        return std::nullopt;
    // A rule whose object left the model (deleted since): it lives in its recorded tenant.
    return enterpriseId > 0 ? Scope::enterprise(enterpriseId) : Scope::global();
}

} // namespace

Scope LimitAccess::scopeOf(const AdminIdentity &who, LimitScope scope, qint64 scopeId,
                           qint64 enterpriseId)
{
    if (!who.access)
        return Scope::global();
    return modelScope(*who.access, scope, scopeId, enterpriseId).value_or(Scope::global());
}

LimitAccess::Verdict LimitAccess::check(const AdminIdentity &who,
                                        const std::vector<Permission> &permissions,
                                        LimitScope scope, qint64 scopeId, qint64 enterpriseId)
{
    Scope where = Scope::global();
    if (const AccessModel *model = who.access.get()) {
        const auto found = modelScope(*model, scope, scopeId, enterpriseId);
        if (!found)
            return Verdict::Hidden;
        where = *found;
        const qint64 tenant = model->enterpriseOf(where);
        const bool visible =
            model->seesEverything(who.userId) || (tenant > 0 && model->sees(who.userId, tenant));
        if (!visible)
            return Verdict::Hidden;
    }
    for (Permission p : permissions) {
        if (can(who, p, where))
            return Verdict::Allowed;
    }
    return Verdict::Forbidden;
}
