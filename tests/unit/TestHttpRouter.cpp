// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/HttpRouter.h"

#include <QTest>

class TestHttpRouter final : public QObject
{
    Q_OBJECT

private:
    static HttpHandler tagged(int *hit, int tag)
    {
        return [hit, tag](const HttpRequest &, const HttpResponderPtr &) { *hit = tag; };
    }

private Q_SLOTS:
    void resolvesMethodsParamsAndWildcards()
    {
        int hit = 0;
        HttpRouter router;
        router.add("GET", QStringLiteral("/api/keys"), tagged(&hit, 1));
        router.add("POST", QStringLiteral("/api/keys"), tagged(&hit, 2));
        router.add("DELETE", QStringLiteral("/api/keys/{id}"), tagged(&hit, 3));
        router.add("GET", QStringLiteral("/files/{rest*}"), tagged(&hit, 4));

        auto r = router.resolve("POST", "/api/keys");
        QVERIFY(r.handler);
        (*r.handler)(HttpRequest(), nullptr);
        QCOMPARE(hit, 2);

        r = router.resolve("DELETE", "/api/keys/42");
        QVERIFY(r.handler);
        QCOMPARE(r.params.value(QStringLiteral("id")), QStringLiteral("42"));

        // Known path, wrong method: no handler, the allowed methods instead (-> 405).
        r = router.resolve("PUT", "/api/keys");
        QVERIFY(!r.handler);
        QCOMPARE(r.allowed, (QByteArrayList{"GET", "POST"}));

        // Unknown path: nothing at all (-> 404).
        r = router.resolve("GET", "/api/keys/1/extra");
        QVERIFY(!r.handler);
        QVERIFY(r.allowed.isEmpty());

        // HEAD uses GET routes; trailing slashes and percent-encoding are normalised.
        QVERIFY(router.resolve("HEAD", "/api/keys/").handler);
        r = router.resolve("DELETE", "/api/keys/a%20b");
        QCOMPARE(r.params.value(QStringLiteral("id")), QStringLiteral("a b"));

        // Decoded before it is split: an escaped slash separates segments, and UTF-8 comes out
        // as text.
        r = router.resolve("GET", "/files/a%2Fb/%E4%B8%AD.txt");
        QVERIFY(r.handler);
        QCOMPARE(r.params.value(QStringLiteral("rest")), QString::fromUtf8("a/b/\u4e2d.txt"));
        QVERIFY(!router.resolve("GET", "/api%2Fkeys/x/y").handler);
        QVERIFY(router.resolve("GET", "/api%2Fkeys").handler);
        QVERIFY(router.resolve("GET", "//api///keys//").handler);

        r = router.resolve("GET", "/files/a/b/c.txt");
        QVERIFY(r.handler);
        QCOMPARE(r.params.value(QStringLiteral("rest")), QStringLiteral("a/b/c.txt"));
        QVERIFY(!router.resolve("GET", "/files").handler);
        QVERIFY(!router.resolve("GET", "/nope").handler);
    }

    // A guard sees the head with its route's parameters; what it notes for the handler
    // (guardMemo) reaches the request the handler gets, which is the parser's own.
    void guardMemoReachesTheHandlersRequest()
    {
        int hit = 0;
        HttpRouter router;
        HttpRouteOptions options;
        QString seenId;
        options.guard = [&seenId](const HttpRequest &head) -> std::optional<HttpGuardRefusal> {
            seenId = head.pathParams.value(QStringLiteral("id"));
            head.guardMemo = "noted:" + head.header("x-k");
            return std::nullopt;
        };
        router.addRoute("POST", QStringLiteral("/v1/{id}"), tagged(&hit, 1), options);
        HttpRequest head;
        head.method = "POST";
        head.path = "/v1/7";
        head.headers.append(qMakePair(QByteArray("x-k"), QByteArray("abc")));
        QVERIFY(!router.checkHead(head));
        QCOMPARE(seenId, QStringLiteral("7"));
        QCOMPARE(head.guardMemo, QByteArray("noted:abc"));
        QVERIFY(head.pathParams.isEmpty()); // the routing itself stays with the router
    }
};

QTEST_GUILESS_MAIN(TestHttpRouter)
#include "TestHttpRouter.moc"
