// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/CallScopes.h"

#include <QtTest>

class TestGovernanceScopes : public QObject
{
    Q_OBJECT
private slots:
    void aCallRollsUpToEveryScope()
    {
        RelayKey key;
        key.id = 7;
        key.userId = 3;
        key.groupId = 40; // the key's own group, the user is not a member of it
        key.departmentId = 12;
        key.enterpriseId = 1;
        const QHash<qint64, QList<qint64>> groups{{3, {20, 21}}, {4, {99}}};
        // eng (10) <- backend (12); 11 is a sibling.
        const QHash<qint64, qint64> parents{{10, 0}, {11, 10}, {12, 10}};
        const QList<CallScopes::Scope> s = CallScopes::of(key, groups, parents);
        const QList<CallScopes::Scope> expected{
            {LimitScope::Key, 7},         {LimitScope::User, 3},      {LimitScope::Group, 20},
            {LimitScope::Group, 21},      {LimitScope::Group, 40},    {LimitScope::Department, 12},
            {LimitScope::Department, 10}, {LimitScope::Enterprise, 1}};
        QCOMPARE(s, expected);
    }

    void theKeysGroupIsNotCountedTwiceAndMissingLevelsAreSkipped()
    {
        RelayKey key;
        key.id = 1;
        key.userId = 2;
        key.groupId = 5;
        const QList<CallScopes::Scope> s = CallScopes::of(key, {{2, {5}}}, {});
        const QList<CallScopes::Scope> expected{
            {LimitScope::Key, 1}, {LimitScope::User, 2}, {LimitScope::Group, 5}};
        QCOMPARE(s, expected);
    }

    void aLoopInTheDepartmentTreeEnds()
    {
        RelayKey key;
        key.id = 1;
        key.departmentId = 1;
        const QList<CallScopes::Scope> s = CallScopes::of(key, {}, {{1, 2}, {2, 1}});
        QCOMPARE(s.size(), 3); // key, department 1, department 2
    }

    void modelPatterns()
    {
        QVERIFY(CallScopes::modelMatches(QString(), QStringLiteral("gpt-4o")));
        QVERIFY(CallScopes::modelMatches(QStringLiteral("claude-opus*"),
                                         QStringLiteral("claude-opus-4-1")));
        QVERIFY(!CallScopes::modelMatches(QStringLiteral("claude-opus*"),
                                          QStringLiteral("claude-sonnet-4-5")));
        QVERIFY(CallScopes::modelMatches(QStringLiteral("gpt-4o"), QStringLiteral("gpt-4o")));
        QVERIFY(!CallScopes::modelMatches(QStringLiteral("gpt-4o"), QStringLiteral("gpt-4o-mini")));
    }
};

QTEST_GUILESS_MAIN(TestGovernanceScopes)
#include "TestGovernanceScopes.moc"
