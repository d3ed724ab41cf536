// SPDX-License-Identifier: GPL-3.0-or-later
// Every admin route declares its access, and the table refuses before any handler runs.
#include "api/admin/AdminApi.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/Authorizer.h"
#include "crypto/TokenSigner.h"
#include "http/HttpRouter.h"
#include "rbac/Permission.h"
#include "rbac/RolePermissions.h"

#include <QDateTime>
#include <QSet>
#include <QTest>

#include <type_traits>

// A route cannot be registered without stating its access: there is no default.
static_assert(!std::is_default_constructible_v<RouteAccess>);

class TestAdminRouteTable final : public QObject
{
    Q_OBJECT

private:
    TokenSigner m_signer{QByteArray(32, 'k')};

    QByteArray accessToken(qint64 userId, const QString &role, qint64 generation) const
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        return m_signer
            .sign(QJsonObject{{QStringLiteral("sub"), QString::number(userId)},
                              {QStringLiteral("role"), role},
                              {QStringLiteral("gen"), generation},
                              {QStringLiteral("typ"), QStringLiteral("access")},
                              {QStringLiteral("iat"), now},
                              {QStringLiteral("exp"), now + 600}})
            .toLatin1();
    }

    static HttpRequest requestWith(const QByteArray &token)
    {
        HttpRequest r;
        if (!token.isEmpty())
            r.headers.append({"authorization", "Bearer " + token});
        return r;
    }

    static QList<UserRow> users()
    {
        UserRow admin;
        admin.id = 1;
        admin.email = QStringLiteral("admin@example.com");
        admin.role = QStringLiteral("admin");
        UserRow member;
        member.id = 2;
        member.email = QStringLiteral("member@example.com");
        member.role = QStringLiteral("member");
        member.tokenGeneration = 3;
        UserRow disabled;
        disabled.id = 3;
        disabled.role = QStringLiteral("admin");
        disabled.disabled = true;
        return {admin, member, disabled};
    }

private Q_SLOTS:
    void permissionNamesAreAClosedRoundTrippingList()
    {
        QSet<QString> names;
        for (Permission p : Permissions::all) {
            const QString name = Permissions::name(p);
            QVERIFY(!name.isEmpty());
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            QCOMPARE(Permissions::fromName(name), std::optional<Permission>(p));
        }
        QCOMPARE(Permissions::fromName(u"key.manage"), Permission::KeyManage);
        QCOMPARE(Permissions::fromName(u"key.manage_own"), Permission::KeyManageOwn);
        QVERIFY(!Permissions::fromName(u"everything"));
    }

    void rolesMapToPermissionSets()
    {
        AdminIdentity admin{1, QString(), QStringLiteral("admin"), {}};
        AdminIdentity member{2, QString(), QStringLiteral("member"), {}};
        AdminIdentity stranger{3, QString(), QStringLiteral("owner"), {}};
        for (Permission p : Permissions::all) {
            QVERIFY(can(admin, p));
            QVERIFY(can(admin, p, Scope::group(7)));
            QVERIFY(!can(stranger, p));
        }
        QVERIFY(can(member, Permission::KeyManageOwn));
        QVERIFY(can(member, Permission::UsageReadOwn));
        for (Permission p : {Permission::KeyManage, Permission::UsageRead, Permission::UserManage,
                             Permission::AccountManage, Permission::PoolManage,
                             Permission::ProxyManage, Permission::SystemAdmin})
            QVERIFY(!can(member, p));
    }

    void refusesBeforeTheHandlerRuns()
    {
        HttpRouter router;
        int runs = 0;
        const AdminIdentity member{2, QString(), QStringLiteral("member"), {}};
        AdminRouteTable table(router, [member](const HttpRequest &r) {
            if (r.header("authorization").isEmpty())
                return std::variant<AdminIdentity, ApiError>(
                    ApiError::unauthenticated(QStringLiteral("sign in"), "Bearer"));
            return std::variant<AdminIdentity, ApiError>(member);
        });
        table.add("GET", QStringLiteral("/api/pools"), RouteAccess::need(Permission::PoolManage),
                  [&runs](const AdminCall &) { ++runs; });
        table.add("GET", QStringLiteral("/api/nothing"), RouteAccess::needAnyOf({}),
                  [&runs](const AdminCall &) { ++runs; });
        table.add("GET", QStringLiteral("/api/keys"),
                  RouteAccess::needAnyOf({Permission::KeyManage, Permission::KeyManageOwn}),
                  [&runs](const AdminCall &c) {
                      ++runs;
                      QVERIFY(c.caller);
                      QVERIFY(!c.can(Permission::KeyManage));
                  });
        const auto responder = std::make_shared<HttpResponder>(nullptr, 1, false);
        const auto dispatch = [&](const QByteArray &path, const QByteArray &token) {
            HttpRequest r = requestWith(token);
            r.method = "GET";
            r.path = path;
            router.dispatch(r, responder);
        };
        dispatch("/api/pools", {});
        dispatch("/api/pools", "t");   // a member lacks pool.manage
        dispatch("/api/nothing", "t"); // a route needing permissions but naming none: nobody
        QCOMPARE(runs, 0);
        dispatch("/api/keys", "t");
        QCOMPARE(runs, 1);
    }

    void everyRegisteredAdminRouteIsGuarded()
    {
        AdminApi api(nullptr, &m_signer, nullptr, AdminApi::Settings());
        api.setUsers(users());
        HttpRouter router;
        api.registerRoutes(router);
        const auto authenticate = [&api](const HttpRequest &r) { return api.authenticate(r); };

        QStringList publicRoutes;
        const QByteArray memberToken = accessToken(2, QStringLiteral("member"), 3);
        // The member's token claims "admin", but the role that counts is the current one.
        const QByteArray forgedRole = accessToken(2, QStringLiteral("admin"), 3);
        QVERIFY(api.routeEntries().size() >= 30);
        for (const AdminRouteTable::Entry &e : api.routeEntries()) {
            const QString name = QString::fromLatin1(e.method) + QLatin1Char(' ') + e.pattern;
            QVERIFY2(router.resolve(e.method, e.pattern.toUtf8()).handler, qPrintable(name));
            if (e.access.isPublic()) {
                publicRoutes.append(name);
                continue;
            }
            const auto anonymous = AdminRouteTable::admit(e.access, authenticate, requestWith({}));
            QVERIFY2(std::holds_alternative<ApiError>(anonymous), qPrintable(name));
            QCOMPARE(std::get<ApiError>(anonymous).status, 401);

            const bool memberMay =
                e.access.allows(AdminIdentity{2, {}, QStringLiteral("member"), {}});
            for (const QByteArray &token : {memberToken, forgedRole}) {
                const auto asMember =
                    AdminRouteTable::admit(e.access, authenticate, requestWith(token));
                QCOMPARE(std::holds_alternative<ApiError>(asMember), !memberMay);
                if (!memberMay)
                    QCOMPARE(std::get<ApiError>(asMember).status, 403);
            }
            // Administrators pass every route; a disabled administrator none.
            QVERIFY(!std::holds_alternative<ApiError>(AdminRouteTable::admit(
                e.access, authenticate, requestWith(accessToken(1, QStringLiteral("admin"), 0)))));
            const auto disabled = AdminRouteTable::admit(
                e.access, authenticate, requestWith(accessToken(3, QStringLiteral("admin"), 0)));
            QVERIFY(std::holds_alternative<ApiError>(disabled));
            QCOMPARE(std::get<ApiError>(disabled).status, 401);
            // A token from an older generation (before a password or role change) is ended.
            const auto stale = AdminRouteTable::admit(
                e.access, authenticate, requestWith(accessToken(2, QStringLiteral("member"), 2)));
            QVERIFY(std::holds_alternative<ApiError>(stale));
            QCOMPARE(std::get<ApiError>(stale).status, 401);
        }
        publicRoutes.sort();
        QCOMPARE(publicRoutes, (QStringList{QStringLiteral("POST /api/auth/login"),
                                            QStringLiteral("POST /api/auth/logout"),
                                            QStringLiteral("POST /api/auth/refresh"),
                                            QStringLiteral("POST /api/invitations/accept")}));
    }
};

QTEST_GUILESS_MAIN(TestAdminRouteTable)
#include "TestAdminRouteTable.moc"
