// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

class TestAnthropicOpenAiTranslationResponses : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TestAnthropicOpenAiTranslationResponses)
#include "TestAnthropicOpenAiTranslationResponses.moc"
