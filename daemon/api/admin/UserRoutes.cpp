// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/UserRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/CsvTable.h"
#include "api/admin/JsonNumbers.h"
#include "crypto/PasswordHasher.h"
#include "rbac/RolePermissions.h"
#include "store/OrgRepository.h"
#include "store/RefreshTokenRepository.h"
#include "store/SqlTransaction.h"
#include "store/UserRepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>

#include <memory>

namespace {

constexpr int MinPasswordLength = 10;
constexpr int MaxNameLength = 100;

QString readRole(const QJsonValue &value)
{
    if (!value.isString() || !RolePermissions::isKnownRole(value.toString()))
        throw ApiError::badRequest(QStringLiteral("\"role\" must be \"admin\" or \"member\"."));
    return value.toString();
}

QString readName(const QJsonValue &value)
{
    const QString name = value.toString().trimmed();
    if (!value.isString() || name.isEmpty() || name.size() > MaxNameLength)
        throw ApiError::badRequest(
            QStringLiteral("\"name\" must be 1 to %1 characters.").arg(MaxNameLength));
    return name;
}

QByteArray usersCsv(const QList<UserRow> &users)
{
    QByteArray out = CsvTable::record(
        {QStringLiteral("id"), QStringLiteral("email"), QStringLiteral("name"),
         QStringLiteral("role"), QStringLiteral("disabled"), QStringLiteral("enterpriseId"),
         QStringLiteral("departmentId"), QStringLiteral("createdAt")});
    for (const UserRow &u : users) {
        out += CsvTable::record({QString::number(u.id), u.email, u.name, u.role,
                                 u.disabled ? QStringLiteral("true") : QStringLiteral("false"),
                                 u.enterpriseId > 0 ? QString::number(u.enterpriseId) : QString(),
                                 u.departmentId > 0 ? QString::number(u.departmentId) : QString(),
                                 AdminJson::time(u.createdAtMs).toString()});
    }
    return out;
}

// GET /api/users, or ?format=csv: the users of the caller's tenants (all for system staff).
void listUsers(AdminApi *api, const AdminCall &call)
{
    const QString format = call.request.queryItem(QStringLiteral("format"));
    if (!format.isEmpty() && format != QLatin1String("json") && format != QLatin1String("csv"))
        throw ApiError::badRequest(QStringLiteral("\"format\" must be json or csv."));
    const bool csv = format == QLatin1String("csv");
    const TenantFilter tenants = call.tenants();
    api->run<QList<UserRow>>(
        call.responder, [tenants](QSqlDatabase &db) { return UserRepository(db).list(tenants); },
        [responder = call.responder, csv](const QList<UserRow> &users) {
            if (csv) {
                responder->send(200, usersCsv(users), "text/csv; charset=utf-8",
                                {{"content-disposition", "attachment; filename=\"users.csv\""}});
                return;
            }
            QJsonArray items;
            for (const UserRow &u : users)
                items.append(AdminJson::user(u));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

// A new user's place: a department implies its enterprise; both must exist, agree and be
// where the caller may manage users (the route table checked the body's scope already).
void checkPlace(QSqlDatabase &db, UserRow &row)
{
    OrgRepository org(db);
    if (row.departmentId > 0) {
        const auto dept = org.getDepartment(row.departmentId, TenantFilter::all());
        if (!dept)
            throw StoreError(StoreError::Kind::Invalid,
                             QStringLiteral("No department with id %1.").arg(row.departmentId));
        if (row.enterpriseId > 0 && dept->enterpriseId != row.enterpriseId)
            throw StoreError(StoreError::Kind::Invalid,
                             QStringLiteral("Department %1 is not in enterprise %2.")
                                 .arg(row.departmentId)
                                 .arg(row.enterpriseId));
        row.enterpriseId = dept->enterpriseId;
    } else if (row.enterpriseId > 0 && !org.getEnterprise(row.enterpriseId, TenantFilter::all())) {
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("No enterprise with id %1.").arg(row.enterpriseId));
    }
}

qint64 readPlaceId(const QJsonValue &value, const char *field)
{
    if (value.isUndefined() || value.isNull())
        return 0;
    const auto id = JsonNumbers::wholeNumber(value, 1, JsonNumbers::MaxExact);
    if (!id)
        throw ApiError::badRequest(
            QStringLiteral("\"%1\" must be a positive id or null.").arg(QLatin1String(field)));
    return *id;
}

// Only system staff make system staff: the legacy "admin" role is system_admin, globally.
void mayGiveRole(const AdminCall &call, const QString &role)
{
    if (role == QLatin1String("admin") && !call.can(Permission::SystemAdmin))
        throw ApiError::forbidden(QStringLiteral("Only a system administrator can make another "
                                                 "system administrator."));
}

void createUser(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    UserRow row;
    row.email = body.value(QLatin1String("email")).toString().trimmed().toLower();
    row.role = readRole(body.value(QLatin1String("role")).toString(QStringLiteral("member")));
    const QString password = body.value(QLatin1String("password")).toString();
    if (!row.email.contains(QLatin1Char('@')))
        throw ApiError::badRequest(QStringLiteral("\"email\" must be an email address."));
    if (password.size() < MinPasswordLength)
        throw ApiError::badRequest(QStringLiteral("\"password\" must have at least %1 "
                                                  "characters.")
                                       .arg(MinPasswordLength));
    row.name = body.contains(QLatin1String("name")) ? readName(body.value(QLatin1String("name")))
                                                    : row.email.section(QLatin1Char('@'), 0, 0);
    row.enterpriseId = readPlaceId(body.value(QLatin1String("enterpriseId")), "enterpriseId");
    row.departmentId = readPlaceId(body.value(QLatin1String("departmentId")), "departmentId");
    mayGiveRole(call, row.role);
    const HttpResponderPtr responder = call.responder;
    // Hashing runs on the password workers, never on the database thread.
    auto hashed = std::make_shared<UserRow>(row);
    const AuditNotePtr note = call.auditNote();
    const bool queued = api->passwords().submit(
        [hashed, password] { hashed->passwordHash = PasswordHasher::hash(password); },
        [api, responder, hashed, note] {
            api->run<UserRow>(
                responder,
                [hashed, note](QSqlDatabase &db) {
                    SqlTransaction tx(db);
                    UserRow placed = *hashed;
                    checkPlace(db, placed);
                    UserRepository repo(db);
                    const qint64 id = repo.insert(placed);
                    tx.commit();
                    const UserRow saved = repo.get(id).value_or(placed);
                    note->setTargetId(id);
                    note->setAfter(AdminJson::user(saved));
                    return saved;
                },
                [api, responder](const UserRow &user) {
                    api->reloadUsers([api, responder, user] {
                        api->notifyDataChanged(
                            [responder, user] { responder->sendJson(201, AdminJson::user(user)); });
                    });
                });
        });
    if (!queued)
        throw ApiError::unavailable(QStringLiteral("overloaded_error"),
                                    QStringLiteral("The server is busy hashing passwords; try "
                                                   "again in a few seconds."),
                                    2);
}

void getUser(AdminApi *api, const AdminCall &call)
{
    const qint64 userId = call.pathId();
    // One's own user always; others where the caller manages users, else as if absent.
    const auto access = call.who().access;
    const auto scope = access ? access->scopeOf(AccessModel::Object::User, userId)
                              : std::optional<Scope>(Scope::global());
    const bool self = userId == call.who().userId;
    if (!self && (!scope || !call.can(Permission::UserManage, *scope))) {
        // Someone of the caller's own tenant exists but is not theirs to read (403); anyone
        // else answers as if absent (404).
        const auto target = access ? access->user(userId) : std::nullopt;
        const auto me = access ? access->user(call.who().userId) : std::nullopt;
        if (target && me && target->enterpriseId == me->enterpriseId)
            throw ApiError::forbidden(QStringLiteral("You may only read your own user."));
        throw ApiError::notFound(QStringLiteral("No user with id %1.").arg(userId));
    }
    const TenantFilter tenants = self ? TenantFilter::all() : call.tenants();
    api->run<std::optional<UserRow>>(
        call.responder,
        [userId, tenants](QSqlDatabase &db) { return UserRepository(db).get(userId, tenants); },
        [responder = call.responder, userId](const std::optional<UserRow> &user) {
            if (!user)
                throw ApiError::notFound(QStringLiteral("No user with id %1.").arg(userId));
            responder->sendJson(200, AdminJson::user(*user));
        });
}

// PATCH /api/users/{id}: name, role, disabled, departmentId, password (an administrator's
// reset). Changing the role, disabling or resetting the password ends the user's sessions at
// once; disabling also stops the user's personal keys on the very next call.
void updateUser(AdminApi *api, const AdminCall &call)
{
    const qint64 userId = call.pathId();
    const QJsonObject body = AdminApi::jsonObject(call.request);
    static const QSet<QString> known = {QStringLiteral("name"), QStringLiteral("role"),
                                        QStringLiteral("disabled"), QStringLiteral("departmentId"),
                                        QStringLiteral("password")};
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            throw ApiError::badRequest(QStringLiteral("Unknown field \"%1\". Known fields: name, "
                                                      "role, disabled, departmentId, password.")
                                           .arg(it.key()));
    }
    if (body.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Send one or more of {\"name\", \"role\", "
                                                  "\"disabled\", \"departmentId\", "
                                                  "\"password\"}."));
    UserChange change;
    if (body.contains(QLatin1String("name")))
        change.name = readName(body.value(QLatin1String("name")));
    if (body.contains(QLatin1String("role"))) {
        change.role = readRole(body.value(QLatin1String("role")));
        mayGiveRole(call, *change.role);
    }
    if (body.contains(QLatin1String("disabled"))) {
        const QJsonValue v = body.value(QLatin1String("disabled"));
        if (!v.isBool())
            throw ApiError::badRequest(QStringLiteral("\"disabled\" must be true or false."));
        change.disabled = v.toBool();
    }
    if (body.contains(QLatin1String("departmentId"))) {
        change.departmentId =
            readPlaceId(body.value(QLatin1String("departmentId")), "departmentId");
        if (*change.departmentId > 0 &&
            !call.can(Permission::UserManage, Scope::department(*change.departmentId)))
            throw ApiError::forbidden(QStringLiteral("You may not move a user into department "
                                                     "%1; you lack user.manage there.")
                                          .arg(*change.departmentId));
    }
    std::optional<QString> password;
    if (body.contains(QLatin1String("password"))) {
        const QJsonValue v = body.value(QLatin1String("password"));
        if (!v.isString() || v.toString().size() < MinPasswordLength)
            throw ApiError::badRequest(QStringLiteral("\"password\" must have at least %1 "
                                                      "characters.")
                                           .arg(MinPasswordLength));
        password = v.toString();
    }
    if (userId == call.who().userId &&
        ((change.disabled && *change.disabled) ||
         (change.role && !RolePermissions::holds(*change.role, Permission::UserManage))))
        throw ApiError::badRequest(QStringLiteral("You cannot disable yourself or give up your "
                                                  "own administrator role; ask another "
                                                  "administrator."));
    const TenantFilter tenants = call.tenants();
    const AuditNotePtr note = call.auditNote();
    auto apply = [api, userId, tenants, note, responder = call.responder](UserChange wanted) {
        api->change<UserRow>(
            responder,
            [userId, wanted, tenants, note](QSqlDatabase &db) {
                SqlTransaction tx(db);
                UserRepository users(db);
                const auto before = users.get(userId, tenants);
                if (!before)
                    throw StoreError(StoreError::Kind::NotFound,
                                     QStringLiteral("No user with id %1.").arg(userId));
                UserChange c = wanted;
                if (c.departmentId && *c.departmentId > 0) {
                    const auto dept = OrgRepository(db).getDepartment(*c.departmentId, tenants);
                    if (!dept || dept->enterpriseId != before->enterpriseId)
                        throw StoreError(StoreError::Kind::Invalid,
                                         QStringLiteral("Department %1 is not in the user's "
                                                        "enterprise.")
                                             .arg(*c.departmentId));
                }
                c.endSessions = c.endSessions || (c.role && *c.role != before->role) ||
                                (c.disabled && *c.disabled != before->disabled);
                users.update(userId, c);
                if ((c.disabled && *c.disabled) || c.passwordHash)
                    RefreshTokenRepository(db).revokeUser(userId,
                                                          QDateTime::currentMSecsSinceEpoch());
                tx.commit();
                const UserRow saved = users.get(userId).value_or(*before);
                note->setBefore(AdminJson::user(*before));
                note->setAfter(AdminJson::user(saved));
                return saved;
            },
            [api, responder](const UserRow &user) {
                // The relay already uses the new keys state; the user states follow before the
                // answer, so the change holds for the very next request.
                api->reloadUsers(
                    [responder, user] { responder->sendJson(200, AdminJson::user(user)); });
            });
    };
    if (!password) {
        apply(change);
        return;
    }
    // A reset: hashed on the password workers, then every session of the user ends.
    auto hashed = std::make_shared<UserChange>(change);
    hashed->endSessions = true;
    const bool queued = api->passwords().submit(
        [hashed, pw = *password] { hashed->passwordHash = PasswordHasher::hash(pw); },
        [apply, hashed, responder = call.responder] {
            AdminRouteTable::guarded(responder, [&] { apply(*hashed); });
        });
    if (!queued)
        throw ApiError::unavailable(QStringLiteral("overloaded_error"),
                                    QStringLiteral("The server is busy hashing passwords; try "
                                                   "again in a few seconds."),
                                    2);
}

constexpr int MaxImportRows = 500;

// One line of an import: what it asks for, and its outcome.
struct ImportRow
{
    int line = 0;
    UserRow user;
    QString password;
    QString error; // set: the row is refused and nothing of it is written
    qint64 id = 0;
};

// POST /api/users/import (text/csv): a header line naming the columns (email and password
// required; name, role, enterpriseId, departmentId optional), then one user per line. Each
// line is created in its own transaction; a failing line writes nothing and the answer
// reports every line.
void importUsers(AdminApi *api, const AdminCall &call)
{
    const QByteArray type = call.request.header("content-type").toLower();
    if (!type.startsWith("text/csv"))
        throw ApiError::badRequest(QStringLiteral("Send the users as text/csv (Content-Type: "
                                                  "text/csv) with a header line: "
                                                  "email,name,password,role,enterpriseId,"
                                                  "departmentId."));
    QString error;
    const auto table = CsvTable::parse(call.request.body, MaxImportRows + 1, &error);
    if (!table)
        throw ApiError::badRequest(QStringLiteral("The CSV cannot be read: %1.").arg(error));
    if (table->isEmpty())
        throw ApiError::badRequest(QStringLiteral("The CSV is empty; the first line names the "
                                                  "columns."));
    QHash<QString, int> column;
    const QStringList header = table->first();
    for (int i = 0; i < header.size(); ++i)
        column.insert(header.at(i).trimmed().toLower().remove(QLatin1Char('_')), i);
    static const QStringList knownColumns = {
        QStringLiteral("email"), QStringLiteral("name"),         QStringLiteral("password"),
        QStringLiteral("role"),  QStringLiteral("enterpriseid"), QStringLiteral("departmentid")};
    for (auto it = column.cbegin(); it != column.cend(); ++it) {
        if (!knownColumns.contains(it.key()))
            throw ApiError::badRequest(QStringLiteral("Unknown column \"%1\". Known columns: "
                                                      "email, name, password, role, "
                                                      "enterpriseId, departmentId.")
                                           .arg(header.at(it.value())));
    }
    if (!column.contains(QStringLiteral("email")) || !column.contains(QStringLiteral("password")))
        throw ApiError::badRequest(QStringLiteral("The header line must name at least the "
                                                  "email and password columns."));
    const auto access = call.who().access;
    auto rows = std::make_shared<QList<ImportRow>>();
    for (int n = 1; n < table->size(); ++n) {
        const QStringList &cells = table->at(n);
        auto cell = [&](const char *name) {
            const int i = column.value(QLatin1String(name), -1);
            return i >= 0 && i < cells.size() ? cells.at(i).trimmed() : QString();
        };
        ImportRow r;
        r.line = n + 1;
        r.user.email = cell("email").toLower();
        r.password = cells.value(column.value(QStringLiteral("password")));
        const QString name = cell("name");
        r.user.name = name.isEmpty() ? r.user.email.section(QLatin1Char('@'), 0, 0) : name;
        r.user.role = cell("role").isEmpty() ? QStringLiteral("member") : cell("role");
        bool okE = true, okD = true;
        r.user.enterpriseId =
            cell("enterpriseid").isEmpty() ? 0 : cell("enterpriseid").toLongLong(&okE);
        r.user.departmentId =
            cell("departmentid").isEmpty() ? 0 : cell("departmentid").toLongLong(&okD);
        Scope scope = Scope::global();
        if (r.user.departmentId > 0)
            scope = Scope::department(r.user.departmentId);
        else if (r.user.enterpriseId > 0)
            scope = Scope::enterprise(r.user.enterpriseId);
        const qint64 enterprise = access ? access->enterpriseOf(scope) : 0;
        if (!r.user.email.contains(QLatin1Char('@')))
            r.error = QStringLiteral("email must be an email address");
        else if (r.password.size() < MinPasswordLength)
            r.error =
                QStringLiteral("password must have at least %1 characters").arg(MinPasswordLength);
        else if (!RolePermissions::isKnownRole(r.user.role))
            r.error = QStringLiteral("role must be admin or member");
        else if (r.user.name.size() > MaxNameLength)
            r.error = QStringLiteral("name must be at most %1 characters").arg(MaxNameLength);
        else if (!okE || !okD || r.user.enterpriseId < 0 || r.user.departmentId < 0)
            r.error = QStringLiteral("enterpriseId and departmentId must be ids");
        else if (scope.level != Scope::Level::Global &&
                 (enterprise == 0 || !call.tenants().sees(enterprise)))
            r.error = QStringLiteral("no such enterprise or department");
        else if (!call.can(Permission::UserManage, scope))
            r.error = QStringLiteral("you may not create users there");
        else if (r.user.role == QLatin1String("admin") && !call.can(Permission::SystemAdmin))
            r.error = QStringLiteral("only a system administrator can create administrators");
        rows->append(r);
    }
    const HttpResponderPtr responder = call.responder;
    const bool queued = api->passwords().submit(
        [rows] {
            for (ImportRow &r : *rows) {
                if (r.error.isEmpty())
                    r.user.passwordHash = PasswordHasher::hash(r.password);
                r.password.clear();
            }
        },
        [api, responder, rows] {
            api->change<QList<ImportRow>>(
                responder,
                [rows](QSqlDatabase &db) {
                    QList<ImportRow> out = *rows;
                    for (ImportRow &r : out) {
                        if (!r.error.isEmpty())
                            continue;
                        try {
                            SqlTransaction tx(db);
                            UserRow row = r.user;
                            checkPlace(db, row);
                            r.id = UserRepository(db).insert(row);
                            tx.commit();
                        } catch (const StoreError &e) {
                            r.error = e.message();
                        }
                    }
                    return out;
                },
                [api, responder](const QList<ImportRow> &done) {
                    QJsonArray report;
                    int created = 0;
                    for (const ImportRow &r : done) {
                        QJsonObject o{{QStringLiteral("line"), r.line},
                                      {QStringLiteral("email"), r.user.email},
                                      {QStringLiteral("ok"), r.error.isEmpty()}};
                        if (r.error.isEmpty()) {
                            o.insert(QStringLiteral("id"), r.id);
                            ++created;
                        } else {
                            o.insert(QStringLiteral("error"), r.error);
                        }
                        report.append(o);
                    }
                    const QJsonObject answer{{QStringLiteral("created"), created},
                                             {QStringLiteral("failed"), done.size() - created},
                                             {QStringLiteral("rows"), report}};
                    api->reloadUsers([responder, answer] { responder->sendJson(200, answer); });
                });
        });
    if (!queued)
        throw ApiError::unavailable(QStringLiteral("overloaded_error"),
                                    QStringLiteral("The server is busy hashing passwords; try "
                                                   "again in a few seconds."),
                                    2);
}

} // namespace

void UserRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    const RouteAccess manage = RouteAccess::need(Permission::UserManage);
    routes.add("GET", QStringLiteral("/api/users"), manage.at(ScopeFrom::Anywhere),
               [api](const AdminCall &c) { listUsers(api, c); });
    routes.add("POST", QStringLiteral("/api/users"), manage.at(ScopeFrom::BodyEnterprise),
               [api](const AdminCall &c) { createUser(api, c); });
    // Each line is checked against the caller's scopes on its own.
    routes.add("POST", QStringLiteral("/api/users/import"), manage.at(ScopeFrom::Anywhere),
               [api](const AdminCall &c) { importUsers(api, c); });
    // Everyone may read their own user; user.manage reads the users where it is held.
    routes.add("GET", QStringLiteral("/api/users/{id}"), RouteAccess::signedIn(),
               [api](const AdminCall &c) { getUser(api, c); });
    routes.add("PATCH", QStringLiteral("/api/users/{id}"), manage.at(ScopeFrom::User),
               [api](const AdminCall &c) { updateUser(api, c); });
}
