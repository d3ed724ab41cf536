// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/AccountRouter.h"
#include "routing/StickySessions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {
const qint64 kNow = 1750000000000;
const qint64 kHour = 3600 * 1000;

RelayAccount account(qint64 id, int priority = 50)
{
    RelayAccount a;
    a.id = id;
    a.name = QStringLiteral("acct-%1").arg(id);
    a.provider = QStringLiteral("anthropic");
    a.priority = priority;
    return a;
}

CooldownDecision cooldown(qint64 ms)
{
    CooldownDecision decision;
    decision.durationMs = ms;
    decision.reason = QStringLiteral("test");
    decision.failover = true;
    return decision;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject message(const QString &role, const QJsonValue &content)
{
    return QJsonObject{{"role", role}, {"content", content}};
}

QJsonObject textBlock(const QString &text, bool cacheMarker = false)
{
    QJsonObject block{{"type", "text"}, {"text", text}};
    if (cacheMarker)
        block.insert("cache_control", QJsonObject{{"type", "ephemeral"}});
    return block;
}
} // namespace

class TestStickySessions : public QObject
{
    Q_OBJECT

private slots:
    void bindLookupRenewExpire()
    {
        StickySessions sessions;
        QCOMPARE(sessions.ttlMs(), kHour);
        sessions.setTtlMs(1000);
        QVERIFY(!sessions.lookup("s", kNow).has_value());
        sessions.bind("s", 42, kNow);
        QCOMPARE(sessions.lookup("s", kNow + 900), 42);
        QCOMPARE(sessions.lookup("s", kNow + 1800), 42); // renewed at +900
        QVERIFY(!sessions.lookup("s", kNow + 2800).has_value());
        QCOMPARE(sessions.size(), 0);
        sessions.bind("s", 43, kNow + 3000);
        sessions.bind("s", 44, kNow + 3001);
        QCOMPARE(sessions.lookup("s", kNow + 3002), 44);
        QCOMPARE(sessions.size(), 1);
    }

    void leastRecentlyUsedIsEvicted()
    {
        StickySessions sessions(3);
        sessions.bind("a", 1, kNow);
        sessions.bind("b", 2, kNow + 1);
        sessions.bind("c", 3, kNow + 2);
        QCOMPARE(sessions.lookup("a", kNow + 3), 1); // a is now the most recent
        sessions.bind("d", 4, kNow + 4);
        QCOMPARE(sessions.size(), 3);
        QVERIFY(!sessions.lookup("b", kNow + 5).has_value());
        QCOMPARE(sessions.lookup("a", kNow + 5), 1);
        QCOMPARE(sessions.lookup("c", kNow + 5), 3);
        QCOMPARE(sessions.lookup("d", kNow + 5), 4);
    }

    void manyBindingsStayBounded()
    {
        StickySessions sessions(1000);
        for (int i = 0; i < 5000; ++i)
            sessions.bind(QString::number(i), i, kNow + i);
        QCOMPARE(sessions.size(), 1000);
        QVERIFY(!sessions.lookup("3999", kNow + 5000).has_value());
        QCOMPARE(sessions.lookup("4000", kNow + 5000), 4000);
    }

    void expiredBindingsAreDroppedOnBind()
    {
        StickySessions sessions;
        sessions.setTtlMs(1000);
        for (int i = 0; i < 10; ++i)
            sessions.bind(QString::number(i), i, kNow);
        sessions.bind("new", 1, kNow + 5000);
        QCOMPARE(sessions.size(), 1);
    }

    void forget()
    {
        StickySessions sessions;
        sessions.bind("a", 1, kNow);
        sessions.bind("b", 2, kNow);
        sessions.bind("c", 1, kNow);
        sessions.forget("b");
        QVERIFY(!sessions.lookup("b", kNow).has_value());
        sessions.forgetAccount(1);
        QCOMPARE(sessions.size(), 0);
    }

    void headerBeatsMetadataBeatsPrefix()
    {
        const QJsonObject base{{"model", "claude-sonnet-4-5"},
                               {"system", "You are terse."},
                               {"messages", QJsonArray{message("user", "hello")}}};
        QJsonObject withMeta = base;
        withMeta.insert("metadata", QJsonObject{{"user_id", "user_abc_session_1"}});

        const QString fromHeader = StickySessions::sessionKey(
            1, json(withMeta), {{"x-session-id", "conv-1"}}, "anthropic");
        const QString fromMeta = StickySessions::sessionKey(1, json(withMeta), {}, "anthropic");
        const QString fromPrefix = StickySessions::sessionKey(1, json(base), {}, "anthropic");
        QVERIFY(fromHeader.startsWith("1:h:"));
        QVERIFY(fromMeta.startsWith("1:u:"));
        QVERIFY(fromPrefix.startsWith("1:p:"));
        // The header wins whatever the body says.
        QCOMPARE(
            StickySessions::sessionKey(1, json(base), {{"x-session-id", "conv-1"}}, "anthropic"),
            fromHeader);
        // Another session header name.
        QCOMPARE(StickySessions::sessionKey(1, json(base), {{"x-conversation", "conv-1"}},
                                            "anthropic", "X-Conversation"),
                 fromHeader);
        QCOMPARE(
            StickySessions::sessionKey(1, json(base), {{"x-conversation", "conv-1"}}, "anthropic"),
            fromPrefix);
        // Another user id is another session.
        QJsonObject otherMeta = base;
        otherMeta.insert("metadata", QJsonObject{{"user_id", "user_abc_session_2"}});
        QVERIFY(StickySessions::sessionKey(1, json(otherMeta), {}, "anthropic") != fromMeta);
    }

    void keysNeverCrossPersonalKeys()
    {
        const QJsonObject body{{"messages", QJsonArray{message("user", "hello")}},
                               {"metadata", QJsonObject{{"user_id", "same"}}}};
        QVERIFY(StickySessions::sessionKey(1, json(body), {}, "anthropic") !=
                StickySessions::sessionKey(2, json(body), {}, "anthropic"));
        QVERIFY(StickySessions::sessionKey(1, "{}", {{"x-session-id", "s"}}, "openai") !=
                StickySessions::sessionKey(2, "{}", {{"x-session-id", "s"}}, "openai"));
        QVERIFY(StickySessions::sessionKey(1, json(body), {}, "openai") !=
                StickySessions::sessionKey(2, json(body), {}, "openai"));
    }

    void anthropicConversationKeepsItsKeyAsItGrows()
    {
        const QJsonArray system{textBlock("You are a coding agent.", true)};
        const QJsonObject turn1{
            {"system", system},
            {"messages", QJsonArray{message("user", QJsonArray{textBlock("fix the bug", true)})}}};
        const QJsonObject turn3{
            {"system", system},
            {"messages",
             QJsonArray{message("user", "fix the bug"), message("assistant", "Done."),
                        message("user", QJsonArray{textBlock("now add a test", true)})}}};
        const QString key1 = StickySessions::sessionKey(5, json(turn1), {}, "anthropic");
        QVERIFY(!key1.isEmpty());
        QCOMPARE(StickySessions::sessionKey(5, json(turn3), {}, "anthropic"), key1);

        QJsonObject otherTask = turn1;
        otherTask.insert("messages",
                         QJsonArray{message("user", QJsonArray{textBlock("write docs")})});
        QVERIFY(StickySessions::sessionKey(5, json(otherTask), {}, "anthropic") != key1);
        QJsonObject otherSystem = turn1;
        otherSystem.insert("system", "Another agent.");
        QVERIFY(StickySessions::sessionKey(5, json(otherSystem), {}, "anthropic") != key1);
    }

    void cacheMarkersAnywhereAreIgnoredAndTextCannotPoseAsStructure()
    {
        // A breakpoint moved deep inside a tool result does not change the conversation.
        auto toolTurn = [](bool marker) {
            QJsonObject inner = textBlock("tool output", marker);
            QJsonObject result{
                {"type", "tool_result"}, {"tool_use_id", "t1"}, {"content", QJsonArray{inner}}};
            return QJsonObject{
                {"system", QJsonArray{textBlock("sys", !marker)}},
                {"messages", QJsonArray{message("user", QJsonArray{result, textBlock("go")}),
                                        message("assistant", "ok")}}};
        };
        const QString key = StickySessions::sessionKey(2, json(toolTurn(true)), {}, "anthropic");
        QVERIFY(key.startsWith("2:p:"));
        QCOMPARE(StickySessions::sessionKey(2, json(toolTurn(false)), {}, "anthropic"), key);

        // Text that spells out the canonical form of two blocks is still one block of text.
        const QJsonArray blocks{textBlock("x"), textBlock("y")};
        const QJsonObject twoBlocks{{"messages", QJsonArray{message("user", blocks)}}};
        const QString lookalikeText = QStringLiteral("x\",\"type\":\"text\"},{\"text\":\"y");
        const QJsonObject lookalike{{"messages", QJsonArray{message("user", lookalikeText)}}};
        const QString lookalikeKey =
            StickySessions::sessionKey(2, json(lookalike), {}, "anthropic");
        QVERIFY(StickySessions::sessionKey(2, json(twoBlocks), {}, "anthropic") != lookalikeKey);
        const QString backslashText = QStringLiteral("x\\") + lookalikeText.mid(1);
        const QJsonObject backslash{{"messages", QJsonArray{message("user", backslashText)}}};
        QVERIFY(StickySessions::sessionKey(2, json(backslash), {}, "anthropic") != lookalikeKey);

        // Numbers, booleans and null are part of the prefix too.
        auto withValue = [](const QJsonValue &v) {
            const QJsonArray content{QJsonObject{{"type", "x"}, {"v", v}}};
            return QJsonObject{{"messages", QJsonArray{message("user", content)}}};
        };
        const QString one = StickySessions::sessionKey(2, json(withValue(1)), {}, "anthropic");
        for (const QJsonValue &other :
             {QJsonValue(2), QJsonValue(true), QJsonValue(QJsonValue::Null), QJsonValue("1")})
            QVERIFY(one != StickySessions::sessionKey(2, json(withValue(other)), {}, "anthropic"));

        // The Responses API: a first user item without content still keys the conversation.
        const QJsonObject noContent{{"input", QJsonArray{QJsonObject{{"role", "user"}}}}};
        QVERIFY(!StickySessions::sessionKey(2, json(noContent), {}, "openai").isEmpty());
    }

    void openAiConversationKeepsItsKeyAsItGrows()
    {
        const QJsonObject turn1{{"messages", QJsonArray{message("system", "Be brief."),
                                                        message("developer", "Use tools."),
                                                        message("user", "What is 2+2?")}}};
        const QJsonObject turn2{
            {"messages",
             QJsonArray{message("system", "Be brief."), message("developer", "Use tools."),
                        message("user", "What is 2+2?"), message("assistant", "4"),
                        message("user", "And 3+3?")}}};
        const QString key = StickySessions::sessionKey(9, json(turn1), {}, "openai");
        QVERIFY(key.startsWith("9:p:"));
        QCOMPARE(StickySessions::sessionKey(9, json(turn2), {}, "openai"), key);
        const QJsonObject otherSystem{{"messages", QJsonArray{message("system", "Be verbose."),
                                                              message("user", "What is 2+2?")}}};
        QVERIFY(StickySessions::sessionKey(9, json(otherSystem), {}, "openai") != key);
        // metadata.user_id is an Anthropic field only.
        QJsonObject withMeta = turn1;
        withMeta.insert("metadata", QJsonObject{{"user_id", "x"}});
        QCOMPARE(StickySessions::sessionKey(9, json(withMeta), {}, "openai"), key);
    }

    void geminiConversationKeepsItsKeyAsItGrows()
    {
        const QJsonObject system{{"parts", QJsonArray{QJsonObject{{"text", "Be kind."}}}}};
        auto content = [](const QString &role, const QString &text) {
            return QJsonObject{{"role", role}, {"parts", QJsonArray{QJsonObject{{"text", text}}}}};
        };
        const QJsonObject turn1{{"systemInstruction", system},
                                {"contents", QJsonArray{content("user", "hi")}}};
        const QJsonObject turn2{
            {"systemInstruction", system},
            {"contents",
             QJsonArray{content("user", "hi"), content("model", "hello"), content("user", "bye")}}};
        const QString key = StickySessions::sessionKey(3, json(turn1), {}, "gemini");
        QVERIFY(!key.isEmpty());
        QCOMPARE(StickySessions::sessionKey(3, json(turn2), {}, "gemini"), key);
        const QJsonObject other{{"systemInstruction", system},
                                {"contents", QJsonArray{content("user", "hey")}}};
        QVERIFY(StickySessions::sessionKey(3, json(other), {}, "gemini") != key);
    }

    // The key is read from the body's bytes: the same conversation spelled another way (as
    // another SDK or a proxy in between would write it) keeps its key.
    void spellingDoesNotChangeTheKey()
    {
        struct Case
        {
            const char *protocol;
            QByteArray plain;
            QByteArray respelled;
        };
        const QList<Case> cases = {
            {"anthropic",
             R"({"model":"claude-sonnet-4-5","system":"Be terse / exact.","messages":[{"role":"user","content":[{"type":"text","text":"hi A","cache_control":{"type":"ephemeral"}}],"n":1}]})",
             "{ \"messages\" : [ { \"n\": 1.0e0, \"content\" : [ {\"text\":\"hi \\u0041\",\n"
             "\"type\":\"text\"} ], \"role\":\"u\\u0073er\" } ],\r\n\t\"system\": "
             "\"Be terse \\/ exact.\", \"model\": \"claude-sonnet-4-5\" }"},
            // A repeated name counts once, the last one (as QJsonDocument reads it).
            {"anthropic", R"({"system":"s","messages":[{"role":"user","content":"x"}]})",
             R"({"system":"t","messages":[{"role":"user","content":"x"}],"system":"s"})"},
            {"openai",
             R"({"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi \u00e9"}]})",
             "{\"messages\":[{\"content\":\"be brief\",\"role\":\"system\"},"
             "{\"content\":\"hi \xc3\xa9\",\"role\":\"user\"}]}"},
            {"gemini", R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}],"x":-0})",
             R"({"contents":[{"parts":[{"text":"hi"}],"role":"user"}],"x":0})"},
        };
        for (const Case &c : cases) {
            const QString key = StickySessions::sessionKey(4, c.plain, {}, c.protocol);
            QVERIFY2(key.startsWith("4:p:"), c.plain.constData());
            QCOMPARE(StickySessions::sessionKey(4, c.respelled, {}, c.protocol), key);
            // What QJsonDocument would write for the same body keys the same too.
            QCOMPARE(StickySessions::sessionKey(
                         4, QJsonDocument::fromJson(c.respelled).toJson(QJsonDocument::Indented),
                         {}, c.protocol),
                     key);
        }
        // A user id with escapes is the same user id.
        const QByteArray escapedSlash = "{\"metadata\":{\"user_id\":\"a\\/b\"},\"messages\":[]}";
        QCOMPARE(StickySessions::sessionKey(1, escapedSlash, {}, "anthropic"),
                 StickySessions::sessionKey(1, R"({"metadata":{"user_id":"a/b"},"messages":[]})",
                                            {}, "anthropic"));
        // Values that differ still differ: a number, a string's escaped quote.
        QVERIFY(StickySessions::sessionKey(1, R"({"messages":[{"role":"user","content":[1]}]})", {},
                                           "anthropic") !=
                StickySessions::sessionKey(1, R"({"messages":[{"role":"user","content":[2]}]})", {},
                                           "anthropic"));
        const QByteArray escapedQuote =
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\\\"b\"}]}";
        const QByteArray apostrophe = "{\"messages\":[{\"role\":\"user\",\"content\":\"a'b\"}]}";
        QVERIFY(StickySessions::sessionKey(1, escapedQuote, {}, "anthropic") !=
                StickySessions::sessionKey(1, apostrophe, {}, "anthropic"));
    }

    void nothingToKeyOn()
    {
        QVERIFY(StickySessions::sessionKey(1, "", {}, "anthropic").isEmpty());
        QVERIFY(StickySessions::sessionKey(1, "not json", {}, "openai").isEmpty());
        QVERIFY(StickySessions::sessionKey(1, R"({"messages": []})", {}, "anthropic").isEmpty());
        QVERIFY(StickySessions::sessionKey(1, R"({"model": "x"})", {}, "gemini").isEmpty());
        // Not strict JSON: a raw control character, a byte order mark, trailing bytes, a number
        // beyond a double. The session header still works for such a body.
        const QByteArray user = R"({"messages":[{"role":"user","content":"hi"}]})";
        QVERIFY(!StickySessions::sessionKey(1, user, {}, "anthropic").isEmpty());
        const QByteArray controlCharacter =
            "{\"messages\":[{\"role\":\"user\",\"content\":\"h\x01i\"}]}";
        QVERIFY(StickySessions::sessionKey(1, controlCharacter, {}, "anthropic").isEmpty());
        QVERIFY(StickySessions::sessionKey(1, "\xef\xbb\xbf" + user, {}, "anthropic").isEmpty());
        QVERIFY(StickySessions::sessionKey(1, user + "x", {}, "anthropic").isEmpty());
        QVERIFY(StickySessions::sessionKey(1, R"({"messages":[{"role":"user","content":[1e999]}]})",
                                           {}, "anthropic")
                    .isEmpty());
        QVERIFY(StickySessions::sessionKey(1, user + "x", {{"x-session-id", "s"}}, "anthropic")
                    .startsWith("1:h:"));
    }

    void routerKeepsTheSessionOnItsAccount()
    {
        AccountRouter router;
        HealthBoard health;
        StickySessions sessions;
        PriceTable prices;
        const QList<RelayAccount> accounts = {account(1), account(2), account(3)};
        RouteRequest r;
        r.model = "claude-sonnet-4-5";
        r.sessionKey = "1:p:abc";
        RouteDecision first = router.route(accounts, r, health, sessions, prices, kNow);
        QVERIFY(first.account);
        QVERIFY(!first.sticky);
        const qint64 bound = first.account->id;
        health.finished(bound, kNow, 100, true);
        // Priority + LRU would move on; the session stays.
        for (int i = 1; i <= 20; ++i) {
            const RouteDecision d =
                router.route(accounts, r, health, sessions, prices, kNow + i * 60000);
            QCOMPARE(d.account->id, bound);
            QVERIFY(d.sticky);
            QVERIFY(d.movedFromNote.isEmpty());
            health.finished(bound, kNow + i * 60000, 100, true);
        }
        // Renewed on use: still bound 50 minutes after the last use, 70 minutes after the first.
        RouteDecision d = router.route(accounts, r, health, sessions, prices, kNow + 70 * 60000);
        QVERIFY(d.sticky);
        health.finished(bound, kNow, 100, true);
        // Expired after the TTL: routed afresh and rebound.
        d = router.route(accounts, r, health, sessions, prices, kNow + 70 * 60000 + kHour);
        QVERIFY(!d.sticky);
        QVERIFY(d.movedFromNote.isEmpty());
        QCOMPARE(sessions.lookup(r.sessionKey, kNow + 70 * 60000 + kHour + 1), d.account->id);
    }

    void sessionMovesWhenItsAccountCannotServe_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QString>("why");
        QTest::newRow("cooling") << "cooling"
                                 << "cooling down";
        QTest::newRow("disabled") << "disabled"
                                  << "disabled";
        QTest::newRow("full") << "full"
                              << "at its concurrency limit";
        QTest::newRow("excluded") << "excluded"
                                  << "failed for this request";
        QTest::newRow("removed") << "removed"
                                 << "removed";
        QTest::newRow("model") << "model"
                               << "does not serve claude-sonnet-4-5";
    }
    // CRS #1007: a session bound to an unavailable account must not fail the request.
    void sessionMovesWhenItsAccountCannotServe()
    {
        QFETCH(QString, condition);
        QFETCH(QString, why);
        AccountRouter router;
        HealthBoard health;
        StickySessions sessions;
        PriceTable prices;
        QList<RelayAccount> accounts = {account(1, 10), account(2, 20)};
        accounts[0].maxConcurrency = 1;
        RouteRequest r;
        r.model = "claude-sonnet-4-5";
        r.sessionKey = "7:u:someone";
        sessions.bind(r.sessionKey, 1, kNow);

        if (condition == "cooling")
            health.applyCooldown(1, cooldown(60000), kNow);
        else if (condition == "disabled")
            accounts[0].enabled = false;
        else if (condition == "full")
            health.started(1, kNow);
        else if (condition == "excluded")
            r.exclude.insert(1);
        else if (condition == "removed")
            accounts.removeFirst();
        else if (condition == "model")
            accounts[0].models = {"claude-opus-4-1"};

        const RouteDecision d = router.route(accounts, r, health, sessions, prices, kNow + 10);
        QCOMPARE(d.failure, RouteDecision::None);
        QVERIFY(d.account);
        QCOMPARE(d.account->id, 2);
        QVERIFY(!d.sticky);
        QCOMPARE(d.movedFromNote,
                 QStringLiteral("session moved from account %1 (%2) to acct-2")
                     .arg(condition == "removed" ? QStringLiteral("#1") : QStringLiteral("acct-1"),
                          why));
        // Rebound: the next request stays on the new account without a note.
        QCOMPARE(sessions.lookup(r.sessionKey, kNow + 20), 2);
        health.finished(2, kNow + 20, 100, true);
        r.exclude.clear();
        const RouteDecision next = router.route(accounts, r, health, sessions, prices, kNow + 30);
        QCOMPARE(next.account->id, 2);
        QVERIFY(next.sticky);
        QVERIFY(next.movedFromNote.isEmpty());
    }

    void bindingSurvivesAFailedRoute()
    {
        AccountRouter router;
        HealthBoard health;
        StickySessions sessions;
        PriceTable prices;
        const QList<RelayAccount> accounts = {account(1)};
        RouteRequest r;
        r.model = "m";
        r.sessionKey = "k";
        sessions.bind("k", 1, kNow);
        health.applyCooldown(1, cooldown(5000), kNow);
        const RouteDecision d = router.route(accounts, r, health, sessions, prices, kNow + 1);
        QCOMPARE(d.failure, RouteDecision::AllCoolingDown);
        QCOMPARE(d.retryAtMs, kNow + 5000);
        const RouteDecision back = router.route(accounts, r, health, sessions, prices, kNow + 5000);
        QCOMPARE(back.account->id, 1);
        QVERIFY(back.sticky);
    }
};

QTEST_GUILESS_MAIN(TestStickySessions)
#include "TestStickySessions.moc"
