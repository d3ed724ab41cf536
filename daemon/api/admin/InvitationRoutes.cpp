// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/InvitationRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/GroupAccess.h"
#include "api/admin/JsonNumbers.h"
#include "base/Clock.h"
#include "crypto/PasswordHasher.h"
#include "notify/InvitationMail.h"
#include "notify/MailMessage.h"
#include "notify/MailQueue.h"
#include "store/GroupRepository.h"
#include "store/InvitationRepository.h"
#include "store/InviteLinkRepository.h"
#include "store/SqlTransaction.h"
#include "store/UserRepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLoggingCategory>

#include <memory>

Q_LOGGING_CATEGORY(lcInvitations, "aicarpool.invitations")

namespace {

using Answer = GroupAccess::Answer;

constexpr qint64 InvitationTtlMs = 7LL * 24 * 3600 * 1000;
constexpr int MaxLinkUses = 10000;
constexpr int MinPasswordLength = 10;
constexpr int MaxPasswordLength = 1024;
constexpr int MaxNameLength = 100;
constexpr int MaxTokenLength = 200;

void checkKnown(const QJsonObject &body, const QStringList &known)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            throw ApiError::badRequest(QStringLiteral("Unknown field \"%1\". Known fields: %2.")
                                           .arg(it.key(), known.join(QStringLiteral(", "))));
    }
}

QString readRole(const QJsonObject &body)
{
    const QJsonValue v = body.value(QLatin1String("role"));
    if (v.isUndefined() || v.isNull())
        return QStringLiteral("member");
    if (!v.isString() || !GroupRepository::roles().contains(v.toString()))
        throw ApiError::badRequest(
            QStringLiteral("\"role\" must be \"owner\", \"admin\" or \"member\"."));
    return v.toString();
}

QString readEmail(const QJsonValue &value)
{
    const QString email = value.toString().trimmed().toLower();
    if (!value.isString() || !MailMessage::isValidAddress(email))
        throw ApiError::badRequest(QStringLiteral("\"email\" must be one email address, e.g. "
                                                  "ada@example.com."));
    return email;
}

void requirePublicUrl(AdminApi *api)
{
    if (api->settings().publicUrl.isEmpty())
        throw ApiError::unavailable(QStringLiteral("not_configured"),
                                    QStringLiteral("Invitation links need the daemon's public "
                                                   "address: set public_url (or "
                                                   "AICARPOOL_PUBLIC_URL) and restart."));
}

// An invitation stored and about to be emailed: the row plus what the email says.
struct Outgoing
{
    Answer answer;
    InvitationRow row;
    QString language;
    QString groupName;
};

// Composes the email and hands it to the mail thread; the outcome is recorded on the row (only
// while its token is still this one). Without a mail queue the row is marked failed at once.
void dispatch(AdminApi *api, const Outgoing &out, const QString &token, const QString &inviter)
{
    const InvitationMail text =
        InvitationMail::compose(out.language, out.groupName, inviter,
                                InvitationMail::acceptUrl(api->settings().publicUrl, token),
                                QDateTime::fromMSecsSinceEpoch(out.row.expiresAtMs, Qt::UTC));
    DbWorker *db = api->database();
    const qint64 id = out.row.id;
    const QString hash = out.row.tokenHash;
    auto record = [db, id, hash](const MailQueue::Outcome &o) {
        if (o.sent)
            qCInfo(lcInvitations).noquote() << QStringLiteral("invitation %1: email sent").arg(id);
        else
            qCWarning(lcInvitations).noquote()
                << QStringLiteral("invitation %1: email not sent after %2 attempt(s): %3")
                       .arg(id)
                       .arg(o.attempts)
                       .arg(o.error);
        if (!db)
            return;
        db->post<void>(
            [id, hash, o](QSqlDatabase &d) {
                InvitationRepository(d).recordSend(id, hash, o.sent, o.error, o.attempts);
            },
            nullptr, {}, {});
    };
    MailQueue *mailer = api->mailer();
    if (!mailer) {
        record(MailQueue::Outcome{false,
                                  QStringLiteral("no mail server is configured (set "
                                                 "smtp_host)"),
                                  0});
        return;
    }
    MailMessage mail;
    mail.from = mailer->settings().from;
    mail.to = out.row.email;
    mail.subject = text.subject;
    mail.body = text.body;
    const QByteArray mime = mail.toMime(QDateTime::currentDateTimeUtc(),
                                        MailMessage::newMessageId(MailMessage::address(mail.from)));
    if (!mailer->submit(out.row.email, mime, record))
        record(MailQueue::Outcome{false,
                                  QStringLiteral("the mail queue is full; send again "
                                                 "later"),
                                  0});
}

void answerOutgoing(AdminApi *api, const HttpResponderPtr &responder, const QString &token,
                    const QString &inviter, std::function<Outgoing(QSqlDatabase &)> job)
{
    api->run<Outgoing>(responder, std::move(job),
                       [api, responder, token, inviter](const Outgoing &out) {
                           if (out.answer.error)
                               throw *out.answer.error;
                           dispatch(api, out, token, inviter);
                           responder->sendJson(out.answer.status, out.answer.body);
                       });
}

void createInvitation(AdminApi *api, const AdminCall &call)
{
    const qint64 groupId = call.pathId();
    const QJsonObject body = AdminApi::jsonObject(call.request);
    checkKnown(body, {QStringLiteral("email"), QStringLiteral("role")});
    const QString email = readEmail(body.value(QLatin1String("email")));
    const QString role = readRole(body);
    requirePublicUrl(api);
    const bool all = call.can(Permission::GroupManage, Scope::group(groupId));
    const AdminIdentity who = call.who();
    const QString token = GroupAccess::newToken();
    const QString hash = GroupAccess::tokenHash(token);
    answerOutgoing(api, call.responder, token, who.email, [=](QSqlDatabase &db) {
        Outgoing out;
        if (auto refusal = GroupAccess::check(db, groupId, who, all)) {
            out.answer.error = refusal;
            return out;
        }
        const QString callerRole = GroupAccess::roleOf(db, groupId, who, all);
        if (role == QLatin1String("owner") && callerRole != QLatin1String("system") &&
            callerRole != QLatin1String("owner")) {
            out.answer.error = ApiError::forbidden(
                QStringLiteral("Only the group's owners (or group.manage) may invite owners."));
            return out;
        }
        GroupRepository groups(db);
        const GroupRow group = *groups.get(groupId);
        if (group.maxMembers > 0 && group.memberCount >= group.maxMembers) {
            out.answer.error = ApiError::conflict(
                QStringLiteral("The group is full (%1 of %1 members); raise maxMembers or "
                               "remove a member first.")
                    .arg(group.maxMembers));
            return out;
        }
        if (const auto user = UserRepository(db).findByEmail(email)) {
            if (!groups.memberRole(groupId, user->id).isEmpty()) {
                out.answer.error = ApiError::conflict(
                    QStringLiteral("%1 is already a member of this group.").arg(email));
                return out;
            }
        }
        InvitationRepository invitations(db);
        for (const InvitationRow &p : invitations.pending(groupId)) {
            if (p.email == email) {
                out.answer.error = ApiError::conflict(
                    QStringLiteral("%1 already has a pending invitation (id %2); send it again "
                                   "with POST /api/invitations/%2/resend.")
                        .arg(email)
                        .arg(p.id));
                return out;
            }
        }
        const qint64 now = Clock::nowMs();
        InvitationRow row;
        row.groupId = groupId;
        row.email = email;
        row.role = role;
        row.tokenHash = hash;
        row.expiresAtMs = now + InvitationTtlMs;
        row.createdBy = who.userId;
        row.createdAtMs = now;
        row.id = invitations.insert(row);
        out.row = *invitations.get(row.id);
        out.language = groups.language(groupId);
        out.groupName = group.name;
        out.answer.status = 201;
        out.answer.body = GroupAccess::invitation(out.row, now);
        return out;
    });
}

void listInvitations(AdminApi *api, const AdminCall &call)
{
    const qint64 groupId = call.pathId();
    const bool all = call.can(Permission::GroupManage, Scope::group(groupId));
    const AdminIdentity who = call.who();
    GroupAccess::respond(api, call.responder, false, [=](QSqlDatabase &db) {
        if (auto refusal = GroupAccess::check(db, groupId, who, all))
            return Answer::refuse(*refusal);
        const qint64 now = Clock::nowMs();
        QJsonArray items;
        for (const InvitationRow &r : InvitationRepository(db).pending(groupId))
            items.append(GroupAccess::invitation(r, now));
        Answer a;
        a.body =
            QJsonObject{{QStringLiteral("items"), items}, {QStringLiteral("total"), items.size()}};
        return a;
    });
}

// The invitation with its group's access checked, or the refusal.
std::variant<InvitationRow, ApiError> invitationFor(QSqlDatabase &db, qint64 id,
                                                    const AdminIdentity &who, bool manageAll)
{
    const auto row = InvitationRepository(db).get(id);
    if (!row)
        return ApiError::notFound(QStringLiteral("No invitation with id %1.").arg(id));
    if (auto refusal = GroupAccess::check(db, row->groupId, who, manageAll))
        return *refusal;
    return *row;
}

void resendInvitation(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    requirePublicUrl(api);
    // group.manage anywhere, or the group's owner/admin (checked once the group is known).
    const bool all = call.can(Permission::GroupManage);
    const AdminIdentity who = call.who();
    const QString token = GroupAccess::newToken();
    const QString hash = GroupAccess::tokenHash(token);
    answerOutgoing(api, call.responder, token, who.email, [=](QSqlDatabase &db) {
        Outgoing out;
        auto found = invitationFor(db, id, who, all);
        if (auto *refusal = std::get_if<ApiError>(&found)) {
            out.answer.error = *refusal;
            return out;
        }
        const InvitationRow row = std::get<InvitationRow>(found);
        if (row.status != QLatin1String("pending")) {
            out.answer.error = ApiError::conflict(
                QStringLiteral("Invitation %1 is %2; only pending invitations can be sent "
                               "again. Invite the address anew instead.")
                    .arg(id)
                    .arg(row.status));
            return out;
        }
        // A new token: the previous link stops working, and the week starts again.
        const qint64 now = Clock::nowMs();
        InvitationRepository invitations(db);
        invitations.renew(id, hash, now + InvitationTtlMs);
        out.row = *invitations.get(id);
        GroupRepository groups(db);
        out.language = groups.language(row.groupId);
        out.groupName = groups.get(row.groupId)->name;
        out.answer.body = GroupAccess::invitation(out.row, now);
        return out;
    });
}

void cancelInvitation(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const bool all = call.can(Permission::GroupManage);
    const AdminIdentity who = call.who();
    GroupAccess::respond(api, call.responder, false, [=](QSqlDatabase &db) {
        auto found = invitationFor(db, id, who, all);
        if (auto *refusal = std::get_if<ApiError>(&found))
            return Answer::refuse(*refusal);
        const InvitationRow row = std::get<InvitationRow>(found);
        if (row.status == QLatin1String("accepted"))
            return Answer::refuse(ApiError::conflict(
                QStringLiteral("Invitation %1 was already accepted; remove the member "
                               "instead.")
                    .arg(id)));
        InvitationRepository(db).setStatus(id, QStringLiteral("cancelled"));
        Answer a;
        a.status = 204;
        return a;
    });
}

void createLink(AdminApi *api, const AdminCall &call)
{
    const qint64 groupId = call.pathId();
    const QJsonObject body = AdminApi::jsonObject(call.request);
    checkKnown(body, {QStringLiteral("maxUses"), QStringLiteral("expiresAt")});
    const int maxUses = int(JsonNumbers::read(body.value(QLatin1String("maxUses")),
                                              QStringLiteral("maxUses"), 1, MaxLinkUses));
    qint64 expiresAtMs = 0;
    const QJsonValue expires = body.value(QLatin1String("expiresAt"));
    if (!expires.isUndefined() && !expires.isNull()) {
        const auto t = AdminJson::parseTime(expires);
        if (!t || *t <= Clock::nowMs())
            throw ApiError::badRequest(QStringLiteral("\"expiresAt\" must be a future time "
                                                      "(ISO 8601, e.g. 2030-01-31T00:00:00Z, "
                                                      "or epoch milliseconds)."));
        expiresAtMs = *t;
    }
    requirePublicUrl(api);
    const bool all = call.can(Permission::GroupManage, Scope::group(groupId));
    const AdminIdentity who = call.who();
    const QString token = GroupAccess::newToken();
    const QString url = InvitationMail::acceptUrl(api->settings().publicUrl, token);
    const QString hash = GroupAccess::tokenHash(token);
    GroupAccess::respond(api, call.responder, false, [=](QSqlDatabase &db) {
        if (auto refusal = GroupAccess::check(db, groupId, who, all))
            return Answer::refuse(*refusal);
        InviteLinkRow row;
        row.groupId = groupId;
        row.tokenHash = hash;
        row.maxUses = maxUses;
        row.expiresAtMs = expiresAtMs;
        row.createdBy = who.userId;
        InviteLinkRepository links(db);
        const qint64 id = links.insert(row);
        Answer a;
        a.status = 201;
        a.body = GroupAccess::link(*links.get(id), Clock::nowMs());
        // The only time the token is shown.
        a.body.insert(QStringLiteral("token"), token);
        a.body.insert(QStringLiteral("url"), url);
        return a;
    });
}

void listLinks(AdminApi *api, const AdminCall &call)
{
    const qint64 groupId = call.pathId();
    const bool all = call.can(Permission::GroupManage, Scope::group(groupId));
    const AdminIdentity who = call.who();
    GroupAccess::respond(api, call.responder, false, [=](QSqlDatabase &db) {
        if (auto refusal = GroupAccess::check(db, groupId, who, all))
            return Answer::refuse(*refusal);
        const qint64 now = Clock::nowMs();
        QJsonArray items;
        for (const InviteLinkRow &r : InviteLinkRepository(db).list(groupId))
            items.append(GroupAccess::link(r, now));
        Answer a;
        a.body =
            QJsonObject{{QStringLiteral("items"), items}, {QStringLiteral("total"), items.size()}};
        return a;
    });
}

void revokeLink(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const bool all = call.can(Permission::GroupManage);
    const AdminIdentity who = call.who();
    GroupAccess::respond(api, call.responder, false, [=](QSqlDatabase &db) {
        InviteLinkRepository links(db);
        const auto row = links.get(id);
        if (!row)
            return Answer::refuse(
                ApiError::notFound(QStringLiteral("No invite link with id %1.").arg(id)));
        if (auto refusal = GroupAccess::check(db, row->groupId, who, all))
            return Answer::refuse(*refusal);
        links.revoke(id);
        Answer a;
        a.status = 204;
        return a;
    });
}

// What a presented token leads to.
struct Target
{
    std::optional<ApiError> error;
    bool isLink = false;
    qint64 id = 0; // the invitation or the link
    qint64 groupId = 0;
    QString email; // an email invitation's address
    QString role;
};

QString when(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm "
                                 "'UTC'"));
}

Target resolve(QSqlDatabase &db, const QString &hash, qint64 now)
{
    Target t;
    if (const auto inv = InvitationRepository(db).findByTokenHash(hash)) {
        t.id = inv->id;
        t.groupId = inv->groupId;
        t.email = inv->email;
        t.role = inv->role;
        if (inv->status == QLatin1String("cancelled"))
            t.error = GroupAccess::gone(QStringLiteral("This invitation was cancelled; ask the "
                                                       "group's owner for a new one."));
        else if (inv->status == QLatin1String("accepted"))
            t.error = GroupAccess::gone(QStringLiteral("This invitation was already used; sign "
                                                       "in instead."));
        else if (inv->expiresAtMs <= now)
            t.error = GroupAccess::gone(QStringLiteral("This invitation expired on %1; ask the "
                                                       "group's owner to send it again.")
                                            .arg(when(inv->expiresAtMs)));
    } else if (const auto link = InviteLinkRepository(db).findByTokenHash(hash)) {
        t.isLink = true;
        t.id = link->id;
        t.groupId = link->groupId;
        t.role = QStringLiteral("member");
        if (link->revoked)
            t.error = GroupAccess::gone(QStringLiteral("This invite link was revoked; ask the "
                                                       "group's owner for a new one."));
        else if (link->expiresAtMs > 0 && link->expiresAtMs <= now)
            t.error = GroupAccess::gone(QStringLiteral("This invite link expired on %1; ask the "
                                                       "group's owner for a new one.")
                                            .arg(when(link->expiresAtMs)));
        else if (link->uses >= link->maxUses)
            t.error = GroupAccess::gone(QStringLiteral("This invite link is used up (%1 of %1 "
                                                       "uses); ask the group's owner for a new "
                                                       "one.")
                                            .arg(link->maxUses));
    } else {
        t.error = ApiError::notFound(QStringLiteral("No invitation matches this token; copy the "
                                                    "whole link from the email."));
        return t;
    }
    if (!t.error && !GroupRepository(db).get(t.groupId))
        t.error = GroupAccess::gone(QStringLiteral("The group of this invitation no longer "
                                                   "exists."));
    return t;
}

struct AcceptRequest
{
    QString hash;
    std::optional<AdminIdentity> caller;
    QString email; // for a new user through a link
    QString name;
    QString password;
};

// The transaction that joins: re-checks the token, creates the user if needed, adds the member
// and uses up the invitation (or one use of the link).
Answer join(QSqlDatabase &db, const AcceptRequest &req, const QString &passwordHash)
{
    SqlTransaction tx(db);
    const qint64 now = Clock::nowMs();
    const Target t = resolve(db, req.hash, now);
    if (t.error)
        return Answer::refuse(*t.error);
    GroupRepository groups(db);
    UserRepository users(db);
    const GroupRow group = *groups.get(t.groupId);
    qint64 userId = req.caller ? req.caller->userId : 0;
    const QString email = t.isLink ? req.email : t.email;
    if (!req.caller && users.findByEmail(email))
        return Answer::refuse(ApiError::conflict(
            QStringLiteral("An account with the address %1 exists: sign in, then accept with "
                           "the token and 'Authorization: Bearer <token>'.")
                .arg(email)));
    if (userId > 0 && !groups.memberRole(t.groupId, userId).isEmpty())
        return Answer::refuse(
            ApiError::conflict(QStringLiteral("You are already a member of this group.")));
    if (group.maxMembers > 0 && group.memberCount >= group.maxMembers)
        return Answer::refuse(ApiError::conflict(
            QStringLiteral("The group is full (%1 of %1 members); ask its owner to make room.")
                .arg(group.maxMembers)));
    bool created = false;
    if (userId == 0) {
        UserRow user;
        user.email = email;
        user.name = req.name.isEmpty() ? email.section(QLatin1Char('@'), 0, 0) : req.name;
        user.role = QStringLiteral("member");
        user.passwordHash = passwordHash;
        userId = users.insert(user);
        created = true;
    }
    groups.addMember(t.groupId, userId, t.role);
    if (t.isLink) {
        if (!InviteLinkRepository(db).use(t.id))
            return Answer::refuse(GroupAccess::gone(QStringLiteral("This invite link was used "
                                                                   "up a moment ago.")));
    } else {
        InvitationRepository(db).setStatus(t.id, QStringLiteral("accepted"), now);
    }
    tx.commit();
    Answer a;
    a.status = 201;
    a.body = QJsonObject{{QStringLiteral("groupId"), t.groupId},
                         {QStringLiteral("userId"), userId},
                         {QStringLiteral("role"), t.role},
                         {QStringLiteral("userCreated"), created}};
    return a;
}

void finishJoin(AdminApi *api, const HttpResponderPtr &responder, const AcceptRequest &req,
                const QString &passwordHash)
{
    api->change<Answer>(
        responder, [req, passwordHash](QSqlDatabase &db) { return join(db, req, passwordHash); },
        [api, responder](const Answer &a) {
            if (a.error)
                throw *a.error;
            // The new user may sign in (and use keys) on the very next request.
            api->reloadUsers([responder, a] { responder->sendJson(a.status, a.body); });
        });
}

void accept(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    checkKnown(body, {QStringLiteral("token"), QStringLiteral("name"), QStringLiteral("password"),
                      QStringLiteral("email")});
    const QJsonValue tokenValue = body.value(QLatin1String("token"));
    const QString token = tokenValue.toString().trimmed();
    if (!tokenValue.isString() || token.isEmpty() || token.size() > MaxTokenLength)
        throw ApiError::badRequest(QStringLiteral("Send {\"token\": ...} with the token from the "
                                                  "invitation link."));
    AcceptRequest req;
    req.hash = GroupAccess::tokenHash(token);
    if (!call.request.header("authorization").isEmpty()) {
        auto who = api->authenticate(call.request);
        if (auto *error = std::get_if<ApiError>(&who))
            throw *error;
        req.caller = std::get<AdminIdentity>(who);
    }
    if (body.contains(QLatin1String("name"))) {
        const QJsonValue v = body.value(QLatin1String("name"));
        req.name = v.toString().trimmed();
        if (!v.isString() || req.name.isEmpty() || req.name.size() > MaxNameLength)
            throw ApiError::badRequest(
                QStringLiteral("\"name\" must be 1 to %1 characters.").arg(MaxNameLength));
    }
    if (body.contains(QLatin1String("email")))
        req.email = readEmail(body.value(QLatin1String("email")));
    req.password = body.value(QLatin1String("password")).toString();
    const HttpResponderPtr responder = call.responder;
    // First a read-only look at the token (cheap refusals before any password hashing).
    api->run<Target>(
        responder,
        [hash = req.hash](QSqlDatabase &db) { return resolve(db, hash, Clock::nowMs()); },
        [api, responder, req](const Target &t) {
            if (t.error)
                throw *t.error;
            if (req.caller) {
                finishJoin(api, responder, req, QString());
                return;
            }
            if (t.isLink && req.email.isEmpty())
                throw ApiError::badRequest(QStringLiteral("To create your account through an "
                                                          "invite link send \"email\", "
                                                          "\"password\" and optionally "
                                                          "\"name\" (or sign in first)."));
            if (req.password.size() < MinPasswordLength || req.password.size() > MaxPasswordLength)
                throw ApiError::badRequest(QStringLiteral("\"password\" is required for a new "
                                                          "account (%1 to 1024 characters); or "
                                                          "sign in first to join with your "
                                                          "account.")
                                               .arg(MinPasswordLength));
            auto hashed = std::make_shared<QString>();
            const QString password = req.password;
            const bool queued = api->passwords().submit(
                [hashed, password] { *hashed = PasswordHasher::hash(password); },
                [api, responder, req, hashed] {
                    AdminRouteTable::guarded(responder,
                                             [&] { finishJoin(api, responder, req, *hashed); });
                });
            if (!queued)
                throw ApiError::unavailable(QStringLiteral("overloaded_error"),
                                            QStringLiteral("The server is busy hashing "
                                                           "passwords; try again in a few "
                                                           "seconds."),
                                            2);
        });
}

} // namespace

void InvitationRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    // Signed-in, checked per group in the handler: group.manage, or the group's owner/admin.
    const RouteAccess groupManager = RouteAccess::signedIn();
    routes.add("POST", QStringLiteral("/api/groups/{id}/invitations"), groupManager,
               [api](const AdminCall &c) { createInvitation(api, c); });
    routes.add("GET", QStringLiteral("/api/groups/{id}/invitations"), groupManager,
               [api](const AdminCall &c) { listInvitations(api, c); });
    routes.add("POST", QStringLiteral("/api/invitations/{id}/resend"), groupManager,
               [api](const AdminCall &c) { resendInvitation(api, c); });
    routes.add("DELETE", QStringLiteral("/api/invitations/{id}"), groupManager,
               [api](const AdminCall &c) { cancelInvitation(api, c); });
    routes.add("POST", QStringLiteral("/api/groups/{id}/invite-links"), groupManager,
               [api](const AdminCall &c) { createLink(api, c); });
    routes.add("GET", QStringLiteral("/api/groups/{id}/invite-links"), groupManager,
               [api](const AdminCall &c) { listLinks(api, c); });
    routes.add("DELETE", QStringLiteral("/api/invite-links/{id}"), groupManager,
               [api](const AdminCall &c) { revokeLink(api, c); });
    // Public: the token is the credential. With a bearer token the signed-in user joins.
    routes.add("POST", QStringLiteral("/api/invitations/accept"), RouteAccess::publicRoute(),
               [api](const AdminCall &c) { accept(api, c); });
}
