// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/AdminApi.h"
#include "api/admin/AdminCall.h"
#include "api/admin/ApiError.h"
#include "api/admin/LimitAccess.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>
#include <vector>

// The handlers quotas and budgets share: loading a rule with the caller's verdict, and PATCH and
// DELETE. `Rules` names the kind:
//   using Row = ...; using Repository = ...;               // QuotaRow/QuotaRepository, ...
//   static const std::vector<Permission> &writers();
//   static ApiError notFound(qint64 id);
//   static QString writePermission();                       // "quota.manage", for 403 messages
//   static QString apply(const QJsonObject &, Row &, bool create); // an error message or empty
//   static QJsonObject auditJson(const Row &);             // before/after in the audit log
//   static QJsonObject answer(AdminApi *, const Row &);     // the API's answer
namespace LimitRuleHandlers {

// Throws the answer for a refusal: 404 for what the caller may not see, 403 otherwise.
void enforce(LimitAccess::Verdict verdict, const ApiError &hidden, const QString &needed);

// A rule loaded for the caller: nullopt when there is none, with the caller's verdict.
template <class Rules> struct Loaded
{
    std::optional<typename Rules::Row> row;
    LimitAccess::Verdict verdict = LimitAccess::Verdict::Hidden;
};

template <class Rules>
Loaded<Rules> load(QSqlDatabase &db, qint64 id, const AdminIdentity &who,
                   const std::vector<Permission> &permissions)
{
    Loaded<Rules> out;
    out.row = typename Rules::Repository(db).get(id);
    if (out.row)
        out.verdict = LimitAccess::check(who, permissions, out.row->scope, out.row->scopeId,
                                         out.row->enterpriseId);
    return out;
}

// What a PATCH or DELETE did: the refusal to answer, or the saved row.
template <class Rules> struct Change
{
    Loaded<Rules> loaded;
    QString invalid;
    std::optional<typename Rules::Row> saved;

    void throwRefusal(qint64 id) const
    {
        if (!loaded.row)
            throw Rules::notFound(id);
        enforce(loaded.verdict, Rules::notFound(id), Rules::writePermission());
        if (!invalid.isEmpty())
            throw ApiError::badRequest(invalid);
    }
};

// PATCH: the fields given change; the scope does not (Rules::apply refuses it).
template <class Rules> void update(AdminApi *api, const AdminCall &call)
{
    using Row = typename Rules::Row;
    const QJsonObject body = AdminApi::jsonObject(call.request);
    const qint64 id = call.pathId();
    const AdminIdentity who = call.who();
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    api->run<Change<Rules>>(
        responder,
        [id, who, body, note](QSqlDatabase &db) {
            Change<Rules> c;
            c.loaded = load<Rules>(db, id, who, Rules::writers());
            if (!c.loaded.row || c.loaded.verdict != LimitAccess::Verdict::Allowed)
                return c;
            const Row &before = *c.loaded.row;
            Row row = before;
            c.invalid = Rules::apply(body, row, false);
            if (!c.invalid.isEmpty())
                return c;
            note->setBefore(Rules::auditJson(before));
            if (before.enterpriseId > 0)
                note->setEnterprise(before.enterpriseId);
            row.updatedAtMs = 0;
            typename Rules::Repository repo(db);
            repo.update(row);
            c.saved = repo.get(id).value_or(row);
            note->setAfter(Rules::auditJson(*c.saved));
            return c;
        },
        [api, responder, id](const Change<Rules> &c) {
            c.throwRefusal(id);
            const Row saved = *c.saved;
            api->notifyDataChanged(
                [api, responder, saved] { responder->sendJson(200, Rules::answer(api, saved)); });
        });
}

// DELETE: 204; the rule's counters stay until their period is over.
template <class Rules> void remove(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const AdminIdentity who = call.who();
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    api->run<Change<Rules>>(
        responder,
        [id, who, note](QSqlDatabase &db) {
            Change<Rules> c;
            c.loaded = load<Rules>(db, id, who, Rules::writers());
            if (!c.loaded.row || c.loaded.verdict != LimitAccess::Verdict::Allowed)
                return c;
            note->setBefore(Rules::auditJson(*c.loaded.row));
            if (c.loaded.row->enterpriseId > 0)
                note->setEnterprise(c.loaded.row->enterpriseId);
            typename Rules::Repository(db).remove(id);
            return c;
        },
        [api, responder, id](const Change<Rules> &c) {
            c.throwRefusal(id);
            api->notifyDataChanged([responder] { responder->send(204, {}, {}); });
        });
}

} // namespace LimitRuleHandlers
