// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Provider.h"

#include <QtTest>

class TestProvider : public QObject
{
    Q_OBJECT
private slots:
    void namesAreTheStoredOnes()
    {
        // These strings are in every database: they may never change.
        QCOMPARE(Providers::name(Provider::Anthropic), QStringLiteral("anthropic"));
        QCOMPARE(Providers::name(Provider::AnthropicOAuth), QStringLiteral("anthropic-oauth"));
        QCOMPARE(Providers::name(Provider::OpenAi), QStringLiteral("openai"));
        QCOMPARE(Providers::name(Provider::Gemini), QStringLiteral("gemini"));
        QCOMPARE(Providers::names(),
                 (QStringList{QStringLiteral("anthropic"), QStringLiteral("anthropic-oauth"),
                              QStringLiteral("openai"), QStringLiteral("gemini")}));
    }

    void parsesEveryNameBack()
    {
        for (const QString &name : Providers::names()) {
            const auto p = Providers::parse(name);
            QVERIFY2(p, qPrintable(name));
            QCOMPARE(Providers::name(*p), name);
            QVERIFY(Providers::is(name, *p));
        }
    }

    void refusesUnknownNames()
    {
        for (const char *name :
             {"", "Anthropic", "anthropic-", "anthropicoauth", "open-ai", " gemini", "azure"})
            QVERIFY2(!Providers::parse(QString::fromLatin1(name)), name);
        QVERIFY(!Providers::is(QStringLiteral("anthropic"), Provider::AnthropicOAuth));
    }
};

QTEST_GUILESS_MAIN(TestProvider)
#include "TestProvider.moc"
