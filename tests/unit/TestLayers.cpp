// SPDX-License-Identifier: GPL-3.0-or-later
// The folders of daemon/ form layers that point one way (docs/architecture.md). This test reads
// every `#include "..."` under daemon/ and fails, naming the file and the include, on a
// direction the table below does not allow, on a folder-level cycle, on an include that is not
// folder-qualified, and on an include of a file that does not exist.
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

namespace {

// Which folders each folder may include directly; the allowed sets are the transitive closure.
// "shared" is the product code in shared/ (crypto/, pricing/, protocol/); "main" is
// daemon/main.cpp. Nothing but main includes core.
const QHash<QString, QStringList> &directRules()
{
    static const QHash<QString, QStringList> rules = {
        {QStringLiteral("shared"), {}},
        {QStringLiteral("base"), {QStringLiteral("shared")}},
        {QStringLiteral("config"), {QStringLiteral("base")}},
        {QStringLiteral("domain"), {QStringLiteral("config")}},
        {QStringLiteral("store"), {QStringLiteral("domain")}},
        {QStringLiteral("ledger"), {QStringLiteral("store")}},
        {QStringLiteral("catalog"), {QStringLiteral("store")}},
        {QStringLiteral("notify"), {QStringLiteral("store")}},
        {QStringLiteral("governance"), {QStringLiteral("store")}},
        {QStringLiteral("upstream"), {QStringLiteral("base")}},
        {QStringLiteral("oauth"), {QStringLiteral("store"), QStringLiteral("upstream")}},
        {QStringLiteral("routing"), {QStringLiteral("domain")}},
        {QStringLiteral("relay"),
         {QStringLiteral("routing"), QStringLiteral("oauth"), QStringLiteral("ledger"),
          QStringLiteral("upstream"), QStringLiteral("catalog"), QStringLiteral("governance")}},
        {QStringLiteral("alerts"),
         {QStringLiteral("governance"), QStringLiteral("routing"), QStringLiteral("notify"),
          QStringLiteral("ledger")}},
        {QStringLiteral("http"), {QStringLiteral("base")}},
        {QStringLiteral("api/relay"), {QStringLiteral("http"), QStringLiteral("relay")}},
        {QStringLiteral("api/admin"),
         {QStringLiteral("http"), QStringLiteral("relay"), QStringLiteral("notify"),
          QStringLiteral("alerts")}},
        {QStringLiteral("core"), {QStringLiteral("api/relay"), QStringLiteral("api/admin")}},
        {QStringLiteral("main"), {QStringLiteral("core")}},
    };
    return rules;
}

// Known exceptions, each "file -> include" with the reason it is still there. Keep this empty:
// an entry goes as soon as its reason does (the test fails on an entry no longer needed).
const QHash<QString, QString> &knownExceptions()
{
    static const QHash<QString, QString> exceptions = {};
    return exceptions;
}

QHash<QString, QSet<QString>> closure(const QHash<QString, QStringList> &rules)
{
    QHash<QString, QSet<QString>> reach;
    for (auto it = rules.begin(); it != rules.end(); ++it) {
        QSet<QString> seen;
        QStringList todo = it.value();
        while (!todo.isEmpty()) {
            const QString next = todo.takeLast();
            if (seen.contains(next))
                continue;
            seen.insert(next);
            todo += rules.value(next);
        }
        reach.insert(it.key(), seen);
    }
    return reach;
}

struct Include
{
    QString file;   // relative to daemon/, e.g. "relay/RelayExchange.cpp"
    int line = 0;   // 1-based
    QString target; // as written between the quotes
};

struct SourceTree
{
    QSet<QString> daemonFiles; // relative to daemon/
    QSet<QString> sharedFiles; // relative to shared/
    QList<Include> includes;
};

// "api/admin" for "api/admin/AdminApi.cpp", "relay" for "relay/RelayExchange.h", "main" for
// "main.cpp".
QString folderOf(const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('/'));
    if (parts.size() == 1)
        return QStringLiteral("main");
    if (parts.first() == QLatin1String("api") && parts.size() > 2)
        return parts[0] + QLatin1Char('/') + parts[1];
    return parts.first();
}

QString where(const Include &inc)
{
    return QStringLiteral("%1:%2: #include \"%3\"").arg(inc.file).arg(inc.line).arg(inc.target);
}

// Depth-first search for cycles in the folder graph; each cycle once, as "a -> b -> a".
QStringList findCycles(const QHash<QString, QSet<QString>> &edges)
{
    QStringList cycles;
    QSet<QString> reported;
    QHash<QString, int> state; // 1 = on the stack, 2 = done
    QStringList stack;
    std::function<void(const QString &)> visit = [&](const QString &node) {
        state[node] = 1;
        stack.append(node);
        QStringList next = edges.value(node).values();
        next.sort();
        for (const QString &n : next) {
            if (state.value(n) == 1) {
                QStringList cycle = stack.mid(stack.indexOf(n));
                cycle.append(n);
                QStringList key = cycle.mid(0, cycle.size() - 1);
                key.sort();
                const QString id = key.join(QLatin1Char(','));
                if (!reported.contains(id)) {
                    reported.insert(id);
                    cycles.append(cycle.join(QStringLiteral(" -> ")));
                }
            } else if (state.value(n) == 0) {
                visit(n);
            }
        }
        stack.removeLast();
        state[node] = 2;
    };
    QStringList nodes = edges.keys();
    nodes.sort();
    for (const QString &node : nodes) {
        if (state.value(node) == 0)
            visit(node);
    }
    return cycles;
}

// Every problem found, one line each, naming the file and the include.
QStringList checkLayers(const SourceTree &tree, const QHash<QString, QStringList> &rules,
                        const QHash<QString, QString> &exceptions,
                        QSet<QString> *usedExceptions = nullptr)
{
    const QHash<QString, QSet<QString>> allowed = closure(rules);
    QStringList problems;
    QHash<QString, QSet<QString>> edges;
    QHash<QString, Include> example; // "from -> to" -> one include making that edge
    for (const Include &inc : tree.includes) {
        const QString from = folderOf(inc.file);
        if (!rules.contains(from)) {
            problems.append(QStringLiteral("%1: folder \"%2\" is not in the layer table of "
                                           "tests/unit/TestLayers.cpp; give it a place there")
                                .arg(where(inc), from));
            continue;
        }
        if (inc.target.contains(QLatin1String("..")) || inc.target.startsWith(QLatin1Char('.'))) {
            problems.append(QStringLiteral("%1: relative include; write the path from daemon/, "
                                           "e.g. \"base/Metrics.h\"")
                                .arg(where(inc)));
            continue;
        }
        QString to;
        if (!inc.target.contains(QLatin1Char('/'))) {
            const QString dir = inc.file.contains(QLatin1Char('/'))
                                    ? inc.file.left(inc.file.lastIndexOf(QLatin1Char('/')) + 1)
                                    : QString();
            if (tree.daemonFiles.contains(dir + inc.target))
                continue; // same folder; folder-qualified is preferred but this cannot cross
            QStringList owners;
            for (const QString &f : tree.daemonFiles) {
                if (f.endsWith(QLatin1Char('/') + inc.target))
                    owners.append(f);
            }
            owners.sort();
            problems.append(
                QStringLiteral("%1: unqualified include of a header from another folder; write "
                               "the folder-qualified path%2")
                    .arg(where(inc), owners.isEmpty()
                                         ? QString()
                                         : QStringLiteral(" (\"%1\")")
                                               .arg(owners.join(QStringLiteral("\", \"")))));
            continue;
        }
        if (tree.daemonFiles.contains(inc.target)) {
            to = folderOf(inc.target);
        } else if (tree.sharedFiles.contains(inc.target)) {
            to = QStringLiteral("shared");
        } else {
            problems.append(QStringLiteral("%1: no such file under daemon/ or shared/ (moved? "
                                           "see docs/architecture.md for the folders)")
                                .arg(where(inc)));
            continue;
        }
        if (to == from)
            continue;
        const QString key = inc.file + QStringLiteral(" -> ") + inc.target;
        edges[from].insert(to);
        example.insert(from + QStringLiteral(" -> ") + to, inc);
        if (allowed.value(from).contains(to))
            continue;
        if (exceptions.contains(key)) {
            if (usedExceptions)
                usedExceptions->insert(key);
            continue;
        }
        QStringList may = allowed.value(from).values();
        may.sort();
        problems.append(
            QStringLiteral("%1: %2/ may not include %3/ (%2/ may include: %4)")
                .arg(where(inc), from, to,
                     may.isEmpty() ? QStringLiteral("nothing") : may.join(QStringLiteral(", "))));
    }
    for (const QString &cycle : findCycles(edges)) {
        const QStringList nodes = cycle.split(QStringLiteral(" -> "));
        QStringList through;
        for (int i = 0; i + 1 < nodes.size(); ++i)
            through.append(where(example.value(nodes[i] + QStringLiteral(" -> ") + nodes[i + 1])));
        problems.append(QStringLiteral("folder cycle %1, through %2")
                            .arg(cycle, through.join(QStringLiteral("; "))));
    }
    return problems;
}

QSet<QString> filesUnder(const QString &root)
{
    QSet<QString> files;
    QDirIterator it(root, {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                    QDirIterator::Subdirectories);
    const QDir base(root);
    while (it.hasNext())
        files.insert(base.relativeFilePath(it.next()));
    return files;
}

SourceTree readTree(const QString &sourceDir)
{
    SourceTree tree;
    const QString daemon = sourceDir + QStringLiteral("/daemon");
    tree.daemonFiles = filesUnder(daemon);
    tree.sharedFiles = filesUnder(sourceDir + QStringLiteral("/shared"));
    static const QRegularExpression include(QStringLiteral(R"(^\s*#\s*include\s*"([^"]+)\")"));
    QStringList files = tree.daemonFiles.values();
    files.sort();
    for (const QString &file : files) {
        QFile f(daemon + QLatin1Char('/') + file);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            const QRegularExpressionMatch m = include.match(lines[i]);
            if (m.hasMatch())
                tree.includes.append(Include{file, i + 1, m.captured(1)});
        }
    }
    return tree;
}

SourceTree syntheticTree(const QList<Include> &includes)
{
    SourceTree tree;
    tree.daemonFiles = {QStringLiteral("base/Metrics.h"),        QStringLiteral("core/Daemon.h"),
                        QStringLiteral("relay/RelayExchange.h"), QStringLiteral("routing/A.h"),
                        QStringLiteral("domain/Provider.h"),     QStringLiteral("store/Repo.h"),
                        QStringLiteral("http/HttpRequest.h"),    QStringLiteral("main.cpp")};
    tree.sharedFiles = {QStringLiteral("crypto/Crypto.h")};
    tree.includes = includes;
    return tree;
}

} // namespace

class TestLayers : public QObject
{
    Q_OBJECT
private slots:
    void rulesHaveNoCycle()
    {
        const auto reach = closure(directRules());
        for (auto it = reach.begin(); it != reach.end(); ++it)
            QVERIFY2(!it.value().contains(it.key()),
                     qPrintable(QStringLiteral("%1 can reach itself").arg(it.key())));
        QVERIFY(reach.value(QStringLiteral("core")).contains(QStringLiteral("base")));
        for (auto it = reach.begin(); it != reach.end(); ++it) {
            if (it.key() != QLatin1String("main"))
                QVERIFY2(!it.value().contains(QStringLiteral("core")), qPrintable(it.key()));
        }
    }

    void acceptsAllowedIncludes()
    {
        const SourceTree tree = syntheticTree({
            {QStringLiteral("relay/RelayExchange.h"), 3, QStringLiteral("routing/A.h")},
            {QStringLiteral("routing/A.h"), 4, QStringLiteral("domain/Provider.h")},
            {QStringLiteral("routing/A.h"), 5, QStringLiteral("crypto/Crypto.h")},
            {QStringLiteral("routing/A.h"), 6, QStringLiteral("A.h")},
            {QStringLiteral("core/Daemon.h"), 4, QStringLiteral("http/HttpRequest.h")},
            {QStringLiteral("main.cpp"), 2, QStringLiteral("core/Daemon.h")},
        });
        const QStringList problems = checkLayers(tree, directRules(), {});
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void refusesForbiddenDirection()
    {
        // routing is pure policy: it may not reach into the relay or the HTTP server.
        const SourceTree tree = syntheticTree({
            {QStringLiteral("routing/A.h"), 7, QStringLiteral("relay/RelayExchange.h")},
            {QStringLiteral("store/Repo.h"), 9, QStringLiteral("http/HttpRequest.h")},
        });
        const QStringList problems = checkLayers(tree, directRules(), {});
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems[0].startsWith(
            QStringLiteral("routing/A.h:7: #include \"relay/RelayExchange.h\": routing/ may not "
                           "include relay/")));
        QVERIFY(problems[1].startsWith(QStringLiteral(
            "store/Repo.h:9: #include \"http/HttpRequest.h\": store/ may not include http/")));
    }

    void refusesIncludingCore()
    {
        const SourceTree tree = syntheticTree(
            {{QStringLiteral("relay/RelayExchange.h"), 5, QStringLiteral("core/Daemon.h")}});
        const QStringList problems = checkLayers(tree, directRules(), {});
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems[0].contains(QStringLiteral("relay/ may not include core/")));
    }

    void reportsCycles()
    {
        // With a table that allows both directions the cycle itself is still reported.
        QHash<QString, QStringList> loose = directRules();
        loose[QStringLiteral("domain")].append(QStringLiteral("store"));
        const SourceTree tree = syntheticTree({
            {QStringLiteral("store/Repo.h"), 4, QStringLiteral("domain/Provider.h")},
            {QStringLiteral("domain/Provider.h"), 6, QStringLiteral("store/Repo.h")},
        });
        const QStringList problems = checkLayers(tree, loose, {});
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems[0].startsWith(QStringLiteral("folder cycle domain -> store -> domain")),
                 qPrintable(problems[0]));
        QVERIFY(problems[0].contains(QStringLiteral("store/Repo.h:4")));
        QVERIFY(problems[0].contains(QStringLiteral("domain/Provider.h:6")));
    }

    void refusesUnqualifiedAndUnknownIncludes()
    {
        const SourceTree tree = syntheticTree({
            {QStringLiteral("relay/RelayExchange.h"), 4, QStringLiteral("Metrics.h")},
            {QStringLiteral("relay/RelayExchange.h"), 5, QStringLiteral("../base/Metrics.h")},
            {QStringLiteral("relay/RelayExchange.h"), 6, QStringLiteral("relay/Gone.h")},
        });
        const QStringList problems = checkLayers(tree, directRules(), {});
        QCOMPARE(problems.size(), 3);
        QVERIFY2(problems[0].contains(QStringLiteral("unqualified include")) &&
                     problems[0].contains(QStringLiteral("\"base/Metrics.h\"")),
                 qPrintable(problems[0]));
        QVERIFY(problems[1].contains(QStringLiteral("relative include")));
        QVERIFY(problems[2].contains(QStringLiteral("no such file")));
    }

    void refusesUnknownFolder()
    {
        SourceTree tree = syntheticTree({});
        tree.daemonFiles.insert(QStringLiteral("misc/Helper.h"));
        tree.includes.append(
            {QStringLiteral("misc/Helper.h"), 3, QStringLiteral("base/Metrics.h")});
        const QStringList problems = checkLayers(tree, directRules(), {});
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems[0].contains(QStringLiteral("folder \"misc\" is not in the layer table")));
    }

    void daemonFollowsTheLayers()
    {
        const QString source = qEnvironmentVariable("AICARPOOL_SOURCE_DIR");
        QVERIFY2(!source.isEmpty(), "AICARPOOL_SOURCE_DIR is not set (run through ctest)");
        const SourceTree tree = readTree(source);
        QVERIFY2(tree.daemonFiles.contains(QStringLiteral("core/Daemon.cpp")),
                 qPrintable(QStringLiteral("no daemon sources under %1").arg(source)));
        QVERIFY(tree.includes.size() > 100);
        QSet<QString> used;
        const QStringList problems = checkLayers(tree, directRules(), knownExceptions(), &used);
        // One line each: a test failure message is cut off after about a thousand characters.
        for (const QString &problem : problems)
            qWarning().noquote() << problem;
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("%1 include problem(s), listed above; the first: %2")
                                .arg(problems.size())
                                .arg(problems.value(0))));
        for (auto it = knownExceptions().begin(); it != knownExceptions().end(); ++it)
            QVERIFY2(used.contains(it.key()),
                     qPrintable(QStringLiteral("the exception \"%1\" is no longer needed; remove "
                                               "it from tests/unit/TestLayers.cpp")
                                    .arg(it.key())));
    }

    void everyDaemonFileIsInItsFoldersLibrary()
    {
        // daemon/CMakeLists.txt lists the sources of each folder's library by hand; a file left
        // out is not built (or, for a header with Q_OBJECT, not run through moc).
        const QString source = qEnvironmentVariable("AICARPOOL_SOURCE_DIR");
        QVERIFY2(!source.isEmpty(), "AICARPOOL_SOURCE_DIR is not set (run through ctest)");
        QFile cmake(source + QStringLiteral("/daemon/CMakeLists.txt"));
        QVERIFY(cmake.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(cmake.readAll());
        QSet<QString> listed;
        static const QRegularExpression word(QStringLiteral(R"([A-Za-z0-9_/]+\.(?:h|cpp))"));
        for (auto it = word.globalMatch(text); it.hasNext();)
            listed.insert(it.next().captured(0));
        QStringList missing;
        for (const QString &file : filesUnder(source + QStringLiteral("/daemon"))) {
            if (!listed.contains(file))
                missing.append(file);
        }
        missing.sort();
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("not listed in daemon/CMakeLists.txt: %1")
                                .arg(missing.join(QStringLiteral(", ")))));
    }
};

QTEST_GUILESS_MAIN(TestLayers)
#include "TestLayers.moc"
