// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/AccountSelector.h"

#include <QTest>

class TestAccountSelector final : public QObject
{
    Q_OBJECT

private:
    static RelayAccount account(qint64 id, const QString &provider, QStringList models = {},
                                bool enabled = true)
    {
        RelayAccount a;
        a.id = id;
        a.provider = provider;
        a.models = std::move(models);
        a.enabled = enabled;
        return a;
    }

private Q_SLOTS:
    void spreadsEvenlyOverEligibleAccounts()
    {
        const QList<RelayAccount> accounts = {
            account(1, QStringLiteral("anthropic")),
            account(2, QStringLiteral("anthropic")),
            account(3, QStringLiteral("anthropic"), {}, false), // disabled
            account(4, QStringLiteral("openai")),               // other provider
            account(5, QStringLiteral("anthropic"), {QStringLiteral("claude-haiku-4-5")}),
            account(6, QStringLiteral("anthropic"))};
        AccountSelector selector;
        QHash<qint64, int> picks;
        for (int i = 0; i < 300; ++i) {
            const auto r = selector.pick(accounts, QStringLiteral("anthropic"),
                                         QStringLiteral("claude-sonnet-4-5"));
            QCOMPARE(r.outcome, AccountSelector::Outcome::Picked);
            ++picks[r.account->id];
        }
        QCOMPARE(picks.keys().size(), 3);
        QCOMPARE(picks.value(1), 100);
        QCOMPARE(picks.value(2), 100);
        QCOMPARE(picks.value(6), 100);

        // The haiku-only account joins for haiku.
        QSet<qint64> haiku;
        for (int i = 0; i < 8; ++i)
            haiku.insert(
                selector
                    .pick(accounts, QStringLiteral("anthropic"), QStringLiteral("claude-haiku-4-5"))
                    .account->id);
        QCOMPARE(haiku, (QSet<qint64>{1, 2, 5, 6}));
    }

    void explainsWhyNothingWasPicked()
    {
        AccountSelector selector;
        QCOMPARE(selector.pick({}, QStringLiteral("openai"), QStringLiteral("gpt-4o")).outcome,
                 AccountSelector::Outcome::NoAccountForProvider);
        const QList<RelayAccount> accounts = {
            account(1, QStringLiteral("openai"), {QStringLiteral("gpt-4o")}),
            account(2, QStringLiteral("openai"), {}, false)};
        const auto r = selector.pick(accounts, QStringLiteral("openai"), QStringLiteral("o3"));
        QCOMPARE(r.outcome, AccountSelector::Outcome::NoAccountForModel);
        QVERIFY(r.account == nullptr);
        QCOMPARE(
            selector.pick(accounts, QStringLiteral("openai"), QStringLiteral("gpt-4o")).account->id,
            1);
    }
};

QTEST_GUILESS_MAIN(TestAccountSelector)
#include "TestAccountSelector.moc"
