// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in roles: stable ids, a closed set of permissions each, and the role x permission
// table in docs/governance.md says exactly what the code grants.
#include "rbac/Permission.h"
#include "rbac/RolePermissions.h"

#include <QFile>
#include <QTest>

class TestRolePermissions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtinRolesHaveStableIds()
    {
        QCOMPARE(RolePermissions::builtinIds(),
                 (QStringList{"system_admin", "enterprise_owner", "enterprise_admin",
                              "department_manager", "group_owner", "group_admin", "group_member",
                              "auditor", "member"}));
        QCOMPARE(RolePermissions::builtinForLegacy("admin"), QStringLiteral("system_admin"));
        QCOMPARE(RolePermissions::builtinForLegacy("member"), QStringLiteral("member"));
        QVERIFY(RolePermissions::of("nobody").empty());
        QCOMPARE(RolePermissions::of("system_admin").size(), Permissions::all.size());
        // Only system staff hold system.admin; only the enterprise owner manages the enterprise.
        for (const QString &role : RolePermissions::builtinIds()) {
            QCOMPARE(RolePermissions::holds(role, Permission::SystemAdmin),
                     role == QLatin1String("system_admin"));
        }
        QVERIFY(!RolePermissions::holds("enterprise_admin", Permission::EnterpriseManage));
        QVERIFY(RolePermissions::holds("enterprise_owner", Permission::EnterpriseManage));
    }

    void governanceTableMatchesTheCode()
    {
        QFile doc(QStringLiteral(AICARPOOL_GOVERNANCE_DOC));
        QVERIFY2(doc.open(QIODevice::ReadOnly), AICARPOOL_GOVERNANCE_DOC);
        QStringList header;
        int rows = 0;
        for (const QByteArray &raw : doc.readAll().split('\n')) {
            const QString line = QString::fromUtf8(raw).trimmed();
            if (line.startsWith(QLatin1String("| permission |"))) {
                header = line.split(QLatin1Char('|'));
                continue;
            }
            if (!header.isEmpty() && !line.startsWith(QLatin1Char('|')))
                break; // the table ended; other tables on the page are not this one
            if (header.isEmpty() || !line.startsWith(QLatin1String("| `")))
                continue;
            const QStringList cells = line.split(QLatin1Char('|'));
            const QString name = cells.value(1).trimmed().remove(QLatin1Char('`'));
            const auto permission = Permissions::fromName(name);
            QVERIFY2(permission, qPrintable(name));
            for (int i = 2; i < header.size() - 1; ++i) {
                const QString role = header.at(i).trimmed().remove(QLatin1Char('`'));
                const bool documented = cells.value(i).trimmed() == QStringLiteral("✓");
                QVERIFY2(documented == RolePermissions::holds(role, *permission),
                         qPrintable(role + QLatin1Char(' ') + name));
            }
            ++rows;
        }
        QCOMPARE(header.size() - 3, RolePermissions::builtinIds().size());
        QCOMPARE(rows, int(Permissions::all.size()));
    }
};

QTEST_GUILESS_MAIN(TestRolePermissions)
#include "TestRolePermissions.moc"
