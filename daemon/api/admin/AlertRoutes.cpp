// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AlertRoutes.h"

#include "alerts/AlertDispatcher.h"
#include "alerts/AlertFormats.h"
#include "alerts/AlertRuleSpec.h"
#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/AlertAccess.h"
#include "base/Clock.h"
#include "base/ThreadContext.h"
#include "crypto/SecretBox.h"
#include "notify/MailMessage.h"
#include "store/AlertChannelRepository.h"
#include "store/AlertRuleRepository.h"

#include <QJsonArray>
#include <QSet>
#include <QUrl>

namespace {

constexpr int MaxSecretBytes = 512;
constexpr int MaxEmails = 50;
constexpr int MaxChannelsPerRule = 20;

const QString ChannelWhat = QStringLiteral("alert channel");
const QString RuleWhat = QStringLiteral("alert rule");

QJsonValue enterpriseJson(qint64 id)
{
    return id > 0 ? QJsonValue(id) : QJsonValue(QJsonValue::Null);
}

// A receiver URL as answers and the audit log show it: scheme, host and port only. Chat robots
// carry their access token in the path or query (Slack /services/..., DingTalk access_token,
// WeCom key, Feishu /hook/<token>), and a webhook's may too: whoever reads a channel or the
// audit log must not be able to post as the robot.
QJsonValue shownUrl(const QString &stored)
{
    if (stored.isEmpty())
        return QJsonValue(QJsonValue::Null);
    const QUrl url(stored);
    QString shown = url.scheme() + QStringLiteral("://") + url.host(QUrl::FullyEncoded);
    if (url.port() > 0)
        shown += QLatin1Char(':') + QString::number(url.port());
    if (!url.path().isEmpty() || url.hasQuery())
        shown += QStringLiteral("/...");
    return shown;
}

QJsonObject channelJson(const AlertChannelRow &c)
{
    return QJsonObject{
        {QStringLiteral("id"), c.id},
        {QStringLiteral("enterpriseId"), enterpriseJson(c.enterpriseId)},
        {QStringLiteral("name"), c.name},
        {QStringLiteral("type"), c.type},
        {QStringLiteral("url"), shownUrl(c.url)},
        {QStringLiteral("emails"), QJsonArray::fromStringList(c.emails)},
        {QStringLiteral("hasSecret"), !c.secretSealed.isEmpty()},
        {QStringLiteral("enabled"), c.enabled},
        {QStringLiteral("lastStatus"),
         c.lastStatus.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.lastStatus)},
        {QStringLiteral("lastError"),
         c.lastError.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.lastError)},
        {QStringLiteral("lastAttemptAt"), AdminJson::time(c.lastAttemptAtMs)},
        {QStringLiteral("lastSuccessAt"), AdminJson::time(c.lastSuccessAtMs)},
        {QStringLiteral("failureCount"), c.failureCount},
        {QStringLiteral("sentCount"), c.sentCount},
        {QStringLiteral("createdAt"), AdminJson::time(c.createdAtMs)},
        {QStringLiteral("updatedAt"), AdminJson::time(c.updatedAtMs)}};
}

QJsonObject ruleJson(const AlertRuleRow &r)
{
    QJsonArray channels;
    for (qint64 id : r.channelIds)
        channels.append(id);
    QJsonObject o{{QStringLiteral("id"), r.id},
                  {QStringLiteral("enterpriseId"), enterpriseJson(r.enterpriseId)},
                  {QStringLiteral("name"), r.name},
                  {QStringLiteral("kind"), r.kind},
                  {QStringLiteral("channelIds"), channels},
                  {QStringLiteral("cooldownSeconds"), r.cooldownSecs},
                  {QStringLiteral("enabled"), r.enabled},
                  {QStringLiteral("createdAt"), AdminJson::time(r.createdAtMs)},
                  {QStringLiteral("updatedAt"), AdminJson::time(r.updatedAtMs)}};
    for (auto it = r.params.begin(); it != r.params.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

void rejectUnknown(const QJsonObject &body, const QStringList &known)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            throw ApiError::badRequest(QStringLiteral("Unknown field \"%1\". Known fields: %2.")
                                           .arg(it.key(), known.join(QStringLiteral(", "))));
    }
}

bool optionalBool(const QJsonObject &body, const QString &key, bool current)
{
    const QJsonValue v = body.value(key);
    if (v.isUndefined())
        return current;
    if (!v.isBool())
        throw ApiError::badRequest(QStringLiteral("\"%1\" must be true or false.").arg(key));
    return v.toBool();
}

QString checkedName(const QJsonObject &body)
{
    const QString name = body.value(QLatin1String("name")).toString().trimmed();
    if (name.isEmpty() || name.size() > 200)
        throw ApiError::badRequest(QStringLiteral("\"name\" is required (1 to 200 characters)."));
    return name;
}

// ---- channels ----

// Applies the body to `row` (a new one when `create`); *secret is set when the body sets or
// clears the secret.
void applyChannel(const QJsonObject &body, bool create, AlertChannelRow &row,
                  std::optional<QByteArray> *secret)
{
    rejectUnknown(body, {QStringLiteral("name"), QStringLiteral("type"), QStringLiteral("url"),
                         QStringLiteral("emails"), QStringLiteral("secret"),
                         QStringLiteral("enabled"), QStringLiteral("enterpriseId")});
    if (body.contains(QLatin1String("enterpriseId"))) {
        if (!create)
            throw ApiError::badRequest(QStringLiteral("\"enterpriseId\" is set when the channel "
                                                      "is created and cannot change."));
        row.enterpriseId = body.value(QLatin1String("enterpriseId")).toInteger(0);
    }
    if (create || body.contains(QLatin1String("name")))
        row.name = checkedName(body);
    if (create) {
        row.type = body.value(QLatin1String("type")).toString();
        if (!AlertFormats::isKnownType(row.type))
            throw ApiError::badRequest(QStringLiteral("\"type\" must be one of email, webhook, "
                                                      "slack, feishu, dingtalk, wecom."));
    } else if (body.contains(QLatin1String("type")) &&
               body.value(QLatin1String("type")).toString() != row.type) {
        throw ApiError::badRequest(QStringLiteral("A channel's \"type\" cannot change; create "
                                                  "another channel."));
    }
    const bool email = row.type == QLatin1String("email");
    if (body.contains(QLatin1String("url"))) {
        if (email)
            throw ApiError::badRequest(QStringLiteral("An email channel has no \"url\"; give "
                                                      "\"emails\"."));
        const QJsonValue v = body.value(QLatin1String("url"));
        const QUrl url(v.toString(), QUrl::StrictMode);
        if (!v.isString() || v.toString().size() > 2048 || !url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            throw ApiError::badRequest(QStringLiteral("\"url\" must be an http:// or https:// URL "
                                                      "of at most 2048 characters, e.g. "
                                                      "https://hooks.example.com/alerts."));
        row.url = url.toString(QUrl::FullyEncoded);
    } else if (create && !email) {
        throw ApiError::badRequest(
            QStringLiteral("A %1 channel needs \"url\" (http or https).").arg(row.type));
    }
    if (body.contains(QLatin1String("emails"))) {
        if (!email)
            throw ApiError::badRequest(QStringLiteral("Only an email channel has \"emails\"."));
        const QJsonValue v = body.value(QLatin1String("emails"));
        QStringList emails;
        for (const QJsonValue &e : v.toArray()) {
            const QString address = e.toString().trimmed();
            if (!e.isString() || !MailMessage::isValidAddress(address))
                throw ApiError::badRequest(QStringLiteral("\"emails\" holds an invalid address "
                                                          "(\"%1\"); give plain addresses such "
                                                          "as ops@example.com.")
                                               .arg(e.toString().left(100)));
            if (!emails.contains(address))
                emails << address;
        }
        if (!v.isArray() || emails.isEmpty() || emails.size() > MaxEmails)
            throw ApiError::badRequest(QStringLiteral("\"emails\" must be an array of 1 to %1 "
                                                      "addresses.")
                                           .arg(MaxEmails));
        row.emails = emails;
    } else if (create && email) {
        throw ApiError::badRequest(QStringLiteral("An email channel needs \"emails\" (an array "
                                                  "of addresses)."));
    }
    if (body.contains(QLatin1String("secret"))) {
        const QJsonValue v = body.value(QLatin1String("secret"));
        const bool signs = row.type == QLatin1String("webhook") ||
                           row.type == QLatin1String("feishu") ||
                           row.type == QLatin1String("dingtalk");
        if (v.isNull() || (v.isString() && v.toString().isEmpty())) {
            *secret = QByteArray(); // cleared
        } else {
            if (!signs)
                throw ApiError::badRequest(QStringLiteral("A %1 channel takes no \"secret\" "
                                                          "(webhook, feishu and dingtalk do).")
                                               .arg(row.type));
            const QByteArray s = v.toString().toUtf8();
            if (!v.isString() || s.size() > MaxSecretBytes)
                throw ApiError::badRequest(QStringLiteral("\"secret\" must be a string of at most "
                                                          "%1 bytes.")
                                               .arg(MaxSecretBytes));
            *secret = s;
        }
    }
    row.enabled = optionalBool(body, QStringLiteral("enabled"), create ? true : row.enabled);
}

void listChannels(AdminApi *api, const AdminCall &call)
{
    const HttpResponderPtr responder = call.responder;
    const TenantFilter tenants = call.tenants();
    api->run<QList<AlertChannelRow>>(
        responder, [tenants](QSqlDatabase &db) { return AlertChannelRepository(db).list(tenants); },
        [responder](const QList<AlertChannelRow> &rows) {
            QJsonArray items;
            for (const AlertChannelRow &r : rows)
                items.append(channelJson(r));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

// Loads the channel, checks the caller may manage it, then runs `then` on the HTTP thread.
void withChannel(AdminApi *api, const AdminCall &call,
                 std::function<void(const AlertChannelRow &)> then)
{
    const qint64 id = call.pathId();
    const AdminIdentity who = call.who();
    api->run<std::optional<AlertChannelRow>>(
        call.responder, [id](QSqlDatabase &db) { return AlertChannelRepository(db).get(id); },
        [who, id, then](const std::optional<AlertChannelRow> &row) {
            if (!row)
                throw ApiError::notFound(QStringLiteral("No alert channel with id %1.").arg(id));
            AlertAccess::check(who, row->enterpriseId, ChannelWhat, id);
            then(*row);
        });
}

void createChannel(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    AlertChannelRow row;
    std::optional<QByteArray> secret;
    applyChannel(body, true, row, &secret);
    if (secret && !secret->isEmpty())
        row.secretSealed = api->secrets()->seal(*secret);
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    api->run<AlertChannelRow>(
        responder,
        [row, note](QSqlDatabase &db) {
            AlertChannelRepository repo(db);
            const qint64 id = repo.insert(row);
            const AlertChannelRow saved = repo.get(id).value_or(row);
            note->setTargetId(id);
            note->setAfter(channelJson(saved));
            return saved;
        },
        [responder](const AlertChannelRow &saved) {
            responder->sendJson(201, channelJson(saved));
        });
}

void updateChannel(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    withChannel(api, call, [api, body, responder, note](const AlertChannelRow &current) {
        AlertChannelRow row = current;
        std::optional<QByteArray> secret;
        applyChannel(body, false, row, &secret);
        const bool keepSecret = !secret.has_value();
        row.secretSealed =
            secret && !secret->isEmpty() ? api->secrets()->seal(*secret) : QByteArray();
        api->run<AlertChannelRow>(
            responder,
            [row, keepSecret, current, note](QSqlDatabase &db) {
                AlertChannelRepository repo(db);
                repo.update(row, keepSecret);
                const AlertChannelRow saved = repo.get(row.id).value_or(row);
                note->setTargetId(row.id);
                note->setBefore(channelJson(current));
                note->setAfter(channelJson(saved));
                return saved;
            },
            [responder](const AlertChannelRow &saved) {
                responder->sendJson(200, channelJson(saved));
            });
    });
}

void deleteChannel(AdminApi *api, const AdminCall &call)
{
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    withChannel(api, call, [api, responder, note](const AlertChannelRow &current) {
        api->run<bool>(
            responder,
            [current, note](QSqlDatabase &db) {
                QStringList users;
                for (const AlertRuleRow &rule : AlertRuleRepository(db).list(TenantFilter::all())) {
                    if (rule.channelIds.contains(current.id))
                        users << QStringLiteral("\"%1\" (id %2)").arg(rule.name).arg(rule.id);
                }
                if (!users.isEmpty())
                    throw StoreError(StoreError::Kind::Conflict,
                                     QStringLiteral("The channel is used by the alert rules %1; "
                                                    "take it out of their \"channelIds\" first.")
                                         .arg(users.join(QStringLiteral(", "))));
                AlertChannelRepository(db).remove(current.id);
                note->setTargetId(current.id);
                note->setBefore(channelJson(current));
                return true;
            },
            [responder](bool) { responder->send(204, {}, {}); });
    });
}

void testChannel(AdminApi *api, const AdminCall &call)
{
    AlertDispatcher *dispatcher = api->alertDispatcher();
    if (!dispatcher)
        throw ApiError::unavailable(QStringLiteral("unavailable"),
                                    QStringLiteral("Alert delivery is not available in this "
                                                   "process."),
                                    0);
    // The body, if any, is checked after the access check: another tenant's channel answers 404.
    const QJsonObject body =
        call.request.body.trimmed().isEmpty() ? QJsonObject() : AdminApi::jsonObject(call.request);
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    withChannel(api, call, [dispatcher, responder, note, body](const AlertChannelRow &channel) {
        rejectUnknown(body, {});
        note->setTargetId(channel.id);
        AlertMessage message;
        message.event = QStringLiteral("channel.test");
        message.title =
            QStringLiteral("[aicarpool] Test message for channel '%1'").arg(channel.name);
        message.summary = QStringLiteral("If you can read this, alerts reach this channel.");
        message.atMs = Clock::nowMs();
        // One attempt: the answer says what this try did; the outcome is also recorded on
        // the channel like any delivery.
        std::function<void(const AlertDispatcher::Outcome &)> done =
            [responder, channelId = channel.id](const AlertDispatcher::Outcome &o) {
                const QJsonObject result{
                    {QStringLiteral("channelId"), channelId},
                    {QStringLiteral("sent"), o.sent},
                    {QStringLiteral("attempts"), o.attempts},
                    {QStringLiteral("status"),
                     o.status > 0 ? QJsonValue(o.status) : QJsonValue(QJsonValue::Null)},
                    {QStringLiteral("error"),
                     o.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(o.error)}};
                responder->sendJson(200, result);
            };
        // The dispatcher calls back on its own thread; the answer goes out from this one.
        QObject *here = ThreadContext::current();
        dispatcher->deliver(
            channel, message,
            [here, done](const AlertDispatcher::Outcome &o) {
                ThreadContext::post(here, [done, o] { done(o); });
            },
            1);
    });
}

// ---- rules ----

QStringList ruleKnownFields(const QString &kind)
{
    QStringList known{QStringLiteral("name"),       QStringLiteral("kind"),
                      QStringLiteral("channelIds"), QStringLiteral("cooldownSeconds"),
                      QStringLiteral("enabled"),    QStringLiteral("enterpriseId")};
    known << AlertRuleSpec::paramKeys(kind);
    return known;
}

void applyRule(const QJsonObject &body, bool create, AlertRuleRow &row)
{
    if (create) {
        row.kind = body.value(QLatin1String("kind")).toString();
        if (!AlertRuleSpec::isKnownKind(row.kind))
            throw ApiError::badRequest(QStringLiteral("\"kind\" must be one of %1.")
                                           .arg(AlertRuleSpec::kinds().join(QStringLiteral(", "))));
    } else if (body.contains(QLatin1String("kind")) &&
               body.value(QLatin1String("kind")).toString() != row.kind) {
        throw ApiError::badRequest(QStringLiteral("A rule's \"kind\" cannot change; create "
                                                  "another rule."));
    }
    rejectUnknown(body, ruleKnownFields(row.kind));
    if (body.contains(QLatin1String("enterpriseId"))) {
        if (!create)
            throw ApiError::badRequest(QStringLiteral("\"enterpriseId\" is set when the rule is "
                                                      "created and cannot change."));
        row.enterpriseId = body.value(QLatin1String("enterpriseId")).toInteger(0);
    }
    if (create || body.contains(QLatin1String("name")))
        row.name = checkedName(body);
    if (create || body.contains(QLatin1String("channelIds"))) {
        const QJsonValue v = body.value(QLatin1String("channelIds"));
        QList<qint64> ids;
        for (const QJsonValue &id : v.toArray()) {
            if (!id.isDouble() || id.toInteger() < 1)
                throw ApiError::badRequest(QStringLiteral("\"channelIds\" must hold channel ids "
                                                          "(positive numbers)."));
            if (!ids.contains(id.toInteger()))
                ids << id.toInteger();
        }
        if (!v.isArray() || ids.isEmpty() || ids.size() > MaxChannelsPerRule)
            throw ApiError::badRequest(QStringLiteral("\"channelIds\" must be an array of 1 to %1 "
                                                      "channel ids (POST /api/alert-channels "
                                                      "first).")
                                           .arg(MaxChannelsPerRule));
        row.channelIds = ids;
    }
    if (body.contains(QLatin1String("cooldownSeconds"))) {
        const QJsonValue v = body.value(QLatin1String("cooldownSeconds"));
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != double(qint64(d)) || d < 0 ||
            d > double(AlertRuleSpec::MaxCooldownSecs))
            throw ApiError::badRequest(QStringLiteral("\"cooldownSeconds\" must be a whole number "
                                                      "from 0 to %1.")
                                           .arg(AlertRuleSpec::MaxCooldownSecs));
        row.cooldownSecs = qint64(d);
    } else if (create) {
        row.cooldownSecs = AlertRuleSpec::DefaultCooldownSecs;
    }
    row.enabled = optionalBool(body, QStringLiteral("enabled"), create ? true : row.enabled);
    // The kind's fields: the stored ones, overlaid with the body's, checked together.
    QJsonObject merged = create ? QJsonObject() : row.params;
    for (const QString &key : AlertRuleSpec::paramKeys(row.kind)) {
        if (body.contains(key)) {
            if (body.value(key).isNull())
                merged.remove(key);
            else
                merged.insert(key, body.value(key));
        }
    }
    QString error;
    const QJsonObject params =
        AlertRuleSpec::normalise(row.kind, merged, row.enterpriseId > 0, &error);
    if (!error.isEmpty())
        throw ApiError::badRequest(error);
    row.params = params;
}

// On the database thread: every channel of the rule exists and belongs to the rule's tenant
// (a system-wide rule may use system-wide channels only, an enterprise's rule its own).
void checkChannels(QSqlDatabase &db, const AlertRuleRow &row)
{
    AlertChannelRepository channels(db);
    for (qint64 id : row.channelIds) {
        const auto c = channels.get(id);
        if (!c || c->enterpriseId != row.enterpriseId)
            throw StoreError(StoreError::Kind::Invalid,
                             QStringLiteral("Alert channel %1 does not exist or belongs to "
                                            "another enterprise; a rule uses channels of its own "
                                            "enterprise (or system-wide ones for a system-wide "
                                            "rule).")
                                 .arg(id));
    }
}

void listRules(AdminApi *api, const AdminCall &call)
{
    const HttpResponderPtr responder = call.responder;
    const TenantFilter tenants = call.tenants();
    api->run<QList<AlertRuleRow>>(
        responder, [tenants](QSqlDatabase &db) { return AlertRuleRepository(db).list(tenants); },
        [responder](const QList<AlertRuleRow> &rows) {
            QJsonArray items;
            for (const AlertRuleRow &r : rows)
                items.append(ruleJson(r));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

void withRule(AdminApi *api, const AdminCall &call, std::function<void(const AlertRuleRow &)> then)
{
    const qint64 id = call.pathId();
    const AdminIdentity who = call.who();
    api->run<std::optional<AlertRuleRow>>(
        call.responder, [id](QSqlDatabase &db) { return AlertRuleRepository(db).get(id); },
        [who, id, then](const std::optional<AlertRuleRow> &row) {
            if (!row)
                throw ApiError::notFound(QStringLiteral("No alert rule with id %1.").arg(id));
            AlertAccess::check(who, row->enterpriseId, RuleWhat, id);
            then(*row);
        });
}

void createRule(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    AlertRuleRow row;
    applyRule(body, true, row);
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    api->run<AlertRuleRow>(
        responder,
        [row, note](QSqlDatabase &db) {
            checkChannels(db, row);
            AlertRuleRepository repo(db);
            const qint64 id = repo.insert(row);
            const AlertRuleRow saved = repo.get(id).value_or(row);
            note->setTargetId(id);
            note->setAfter(ruleJson(saved));
            return saved;
        },
        [responder](const AlertRuleRow &saved) { responder->sendJson(201, ruleJson(saved)); });
}

void updateRule(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    withRule(api, call, [api, body, responder, note](const AlertRuleRow &current) {
        AlertRuleRow row = current;
        applyRule(body, false, row);
        api->run<AlertRuleRow>(
            responder,
            [row, current, note](QSqlDatabase &db) {
                checkChannels(db, row);
                AlertRuleRepository repo(db);
                repo.update(row);
                const AlertRuleRow saved = repo.get(row.id).value_or(row);
                note->setTargetId(row.id);
                note->setBefore(ruleJson(current));
                note->setAfter(ruleJson(saved));
                return saved;
            },
            [responder](const AlertRuleRow &saved) { responder->sendJson(200, ruleJson(saved)); });
    });
}

void deleteRule(AdminApi *api, const AdminCall &call)
{
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    withRule(api, call, [api, responder, note](const AlertRuleRow &current) {
        api->run<bool>(
            responder,
            [current, note](QSqlDatabase &db) {
                AlertRuleRepository(db).remove(current.id);
                note->setTargetId(current.id);
                note->setBefore(ruleJson(current));
                return true;
            },
            [responder](bool) { responder->send(204, {}, {}); });
    });
}

} // namespace

void AlertRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    const RouteAccess anywhere = RouteAccess::need(Permission::AlertManage).at(ScopeFrom::Anywhere);
    const RouteAccess create =
        RouteAccess::need(Permission::AlertManage).at(ScopeFrom::BodyEnterprise);
    routes.add("GET", QStringLiteral("/api/alert-channels"), anywhere,
               [api](const AdminCall &c) { listChannels(api, c); });
    routes.add("POST", QStringLiteral("/api/alert-channels"), create,
               [api](const AdminCall &c) { createChannel(api, c); });
    routes.add(
        "GET", QStringLiteral("/api/alert-channels/{id}"), anywhere, [api](const AdminCall &c) {
            const HttpResponderPtr r = c.responder;
            withChannel(api, c,
                        [r](const AlertChannelRow &row) { r->sendJson(200, channelJson(row)); });
        });
    routes.add("PATCH", QStringLiteral("/api/alert-channels/{id}"), anywhere,
               [api](const AdminCall &c) { updateChannel(api, c); });
    routes.add("DELETE", QStringLiteral("/api/alert-channels/{id}"), anywhere,
               [api](const AdminCall &c) { deleteChannel(api, c); });
    routes.add("POST", QStringLiteral("/api/alert-channels/{id}/test"), anywhere,
               [api](const AdminCall &c) { testChannel(api, c); });

    routes.add("GET", QStringLiteral("/api/alert-rules"), anywhere,
               [api](const AdminCall &c) { listRules(api, c); });
    routes.add("POST", QStringLiteral("/api/alert-rules"), create,
               [api](const AdminCall &c) { createRule(api, c); });
    routes.add("GET", QStringLiteral("/api/alert-rules/{id}"), anywhere, [api](const AdminCall &c) {
        const HttpResponderPtr r = c.responder;
        withRule(api, c, [r](const AlertRuleRow &row) { r->sendJson(200, ruleJson(row)); });
    });
    routes.add("PATCH", QStringLiteral("/api/alert-rules/{id}"), anywhere,
               [api](const AdminCall &c) { updateRule(api, c); });
    routes.add("DELETE", QStringLiteral("/api/alert-rules/{id}"), anywhere,
               [api](const AdminCall &c) { deleteRule(api, c); });
}
