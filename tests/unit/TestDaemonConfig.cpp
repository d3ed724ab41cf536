// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/DaemonConfig.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QProcessEnvironment makeEnv(const QList<QPair<QString, QString>> &vars)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), QStringLiteral("/home/tester"));
    for (const auto &v : vars)
        env.insert(v.first, v.second);
    return env;
}

QStringList args(const QStringList &rest)
{
    return QStringList{QStringLiteral("aicarpoold")} + rest;
}

} // namespace

class TestDaemonConfig : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void defaults();
    void defaultDataDir();
    void precedenceListen();
    void precedenceDataDirAndDerivedPaths();
    void precedenceDatabase();
    void configFileKeys();
    void environmentKeys();
    void flagForms();
    void configFileFromEnvironment();
    void helpAndVersion();
    void errors_data();
    void errors();
    void databasePasswordNeverInError();
    void summaryHasNoSecrets();
    void exampleConfigParses();
    void mailSettings();
    void governanceSettings();
    void ledgerRetention();
    void spreadWorkers();

private:
    QString writeConfig(const QString &text);
    QTemporaryDir m_dir;
    int m_files = 0;
};

void TestDaemonConfig::init()
{
    QVERIFY(m_dir.isValid());
}

QString TestDaemonConfig::writeConfig(const QString &text)
{
    const QString path = m_dir.filePath(QStringLiteral("c%1.conf").arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(text.toUtf8());
    return path;
}

void TestDaemonConfig::defaults()
{
    QString error;
    const QProcessEnvironment env = makeEnv({});
    const auto c = DaemonConfig::load(args({}), env, &error);
    QVERIFY2(c.has_value(), qPrintable(error));
    QCOMPARE(c->listenHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(c->listenPort, quint16(8787));
    const QString dataDir = DaemonConfig::defaultDataDir(env, DaemonConfig::runningAsRoot());
    QCOMPARE(c->dataDir, dataDir);
    QCOMPARE(c->databaseUrl, QStringLiteral("sqlite://") + dataDir + "/aicarpool.db");
    QCOMPARE(c->database.driver, QStringLiteral("QSQLITE"));
    QCOMPARE(c->database.path, dataDir + "/aicarpool.db");
    QCOMPARE(c->masterKeyFile, dataDir + "/master.key");
    QVERIFY(c->pricesFile.isEmpty());
    QCOMPARE(c->maxBodyBytes, 32LL * 1024 * 1024);
    QCOMPARE(c->maxConnections, 4096);
    QCOMPARE(c->idleTimeoutSecs, 60);
    QCOMPARE(c->requestTimeoutSecs, 30);
    QCOMPARE(c->upstreamConnectTimeoutSecs, 10);
    QCOMPARE(c->upstreamTimeoutSecs, 600);
    QCOMPARE(c->tokenTtlSecs, 3600);
    QCOMPARE(c->refreshTtlSecs, 30 * 86400);
    QCOMPARE(c->logLevel, QStringLiteral("info"));
    QCOMPARE(c->alertIntervalMs, 5000);
    QVERIFY(c->configFile.isEmpty());
    // Set through the environment.
    const auto set =
        DaemonConfig::load(args({}), makeEnv({{"AICARPOOL_ALERT_INTERVAL_MS", "250"}}), &error);
    QVERIFY2(set.has_value(), qPrintable(error));
    QCOMPARE(set->alertIntervalMs, 250);
}

void TestDaemonConfig::defaultDataDir()
{
    QCOMPARE(DaemonConfig::defaultDataDir(makeEnv({}), true), QStringLiteral("/var/lib/aicarpool"));
    QCOMPARE(DaemonConfig::defaultDataDir(makeEnv({}), false),
             QStringLiteral("/home/tester/.local/share/aicarpool"));
    QCOMPARE(DaemonConfig::defaultDataDir(makeEnv({{"XDG_DATA_HOME", "/xdg/data"}}), false),
             QStringLiteral("/xdg/data/aicarpool"));
    // A relative XDG_DATA_HOME is invalid per the spec and ignored.
    QCOMPARE(DaemonConfig::defaultDataDir(makeEnv({{"XDG_DATA_HOME", "rel"}}), false),
             QStringLiteral("/home/tester/.local/share/aicarpool"));
    QCOMPARE(DaemonConfig::defaultDataDir(makeEnv({{"XDG_DATA_HOME", "/xdg/data"}}), true),
             QStringLiteral("/var/lib/aicarpool"));
}

void TestDaemonConfig::precedenceListen()
{
    const QString file = writeConfig("listen = 10.0.0.1:1001\n");
    const QStringList withFile = {"--config", file};
    const auto env = makeEnv({{"AICARPOOL_LISTEN", "10.0.0.2:1002"}});
    QString error;

    auto c =
        DaemonConfig::load(args(withFile + QStringList{"--listen", "10.0.0.3:1003"}), env, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->listenHost, QStringLiteral("10.0.0.3")); // flag beats env
    QCOMPARE(c->listenPort, quint16(1003));

    c = DaemonConfig::load(args(withFile), env, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->listenHost, QStringLiteral("10.0.0.2")); // env beats file
    QCOMPARE(c->listenPort, quint16(1002));

    c = DaemonConfig::load(args(withFile), makeEnv({}), &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->listenHost, QStringLiteral("10.0.0.1")); // file beats default
    QCOMPARE(c->listenPort, quint16(1001));
    QCOMPARE(c->configFile, file);

    c = DaemonConfig::load(args({}), makeEnv({}), &error);
    QCOMPARE(c->listenPort, quint16(8787)); // default

    // An empty environment value counts as unset.
    c = DaemonConfig::load(args(withFile), makeEnv({{"AICARPOOL_LISTEN", ""}}), &error);
    QCOMPARE(c->listenPort, quint16(1001));
}

void TestDaemonConfig::precedenceDataDirAndDerivedPaths()
{
    const QString file = writeConfig("data_dir = /from/file\n");
    const auto env = makeEnv({{"AICARPOOL_DATA_DIR", "/from/env"}});
    QString error;
    auto c = DaemonConfig::load(args({"--config", file, "--data-dir", "/from/flag"}), env, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->dataDir, QStringLiteral("/from/flag"));
    QCOMPARE(c->database.path, QStringLiteral("/from/flag/aicarpool.db"));
    QCOMPARE(c->masterKeyFile, QStringLiteral("/from/flag/master.key"));
    c = DaemonConfig::load(args({"--config", file}), env, &error);
    QCOMPARE(c->dataDir, QStringLiteral("/from/env"));
    QCOMPARE(c->masterKeyFile, QStringLiteral("/from/env/master.key"));
    c = DaemonConfig::load(args({"--config", file}), makeEnv({}), &error);
    QCOMPARE(c->dataDir, QStringLiteral("/from/file"));
    QCOMPARE(c->databaseUrl, QStringLiteral("sqlite:///from/file/aicarpool.db"));

    // A relative data directory is made absolute against the current directory.
    c = DaemonConfig::load(args({"--data-dir", "rel/dir"}), makeEnv({}), &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->dataDir, QDir::current().absoluteFilePath("rel/dir"));
}

void TestDaemonConfig::precedenceDatabase()
{
    const QString file = writeConfig("database = sqlite:///file.db\n");
    const auto env = makeEnv({{"AICARPOOL_DATABASE", "mysql://u:p@envhost/envdb"}});
    QString error;
    auto c = DaemonConfig::load(args({"--config", file, "--database", "sqlite:///flag.db"}), env,
                                &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->database.path, QStringLiteral("/flag.db"));
    c = DaemonConfig::load(args({"--config", file}), env, &error);
    QCOMPARE(c->database.driver, QStringLiteral("QMYSQL"));
    QCOMPARE(c->database.host, QStringLiteral("envhost"));
    c = DaemonConfig::load(args({"--config", file}), makeEnv({}), &error);
    QCOMPARE(c->database.path, QStringLiteral("/file.db"));
}

void TestDaemonConfig::configFileKeys()
{
    const QString file = writeConfig("# full config\n"
                                     "[aicarpoold]\n"
                                     "listen = 0.0.0.0:9000\n"
                                     "  data_dir=/srv/carpool   \n"
                                     "database = \"mysql://app:p%40ss@db:3310/carpool\"\n"
                                     "master_key_file = /etc/aicarpool/master.key\n"
                                     "max_body_bytes = 8M\n"
                                     "max_connections = 100\n"
                                     "idle_timeout = 2m\n"
                                     "request_timeout = 45s\n"
                                     "upstream_connect_timeout = 5\n"
                                     "upstream_timeout = 1h\n"
                                     "token_ttl = 900\n"
                                     "refresh_ttl = 7d\n"
                                     "log_level = WARN\n"
                                     "\n"
                                     "; another comment style\n");
    QString error;
    const auto c = DaemonConfig::load(args({"--config", file}), makeEnv({}), &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->listenHost, QStringLiteral("0.0.0.0"));
    QCOMPARE(c->listenPort, quint16(9000));
    QCOMPARE(c->dataDir, QStringLiteral("/srv/carpool"));
    QCOMPARE(c->database.password, QStringLiteral("p@ss"));
    QCOMPARE(c->database.port, 3310);
    QCOMPARE(c->masterKeyFile, QStringLiteral("/etc/aicarpool/master.key"));
    QCOMPARE(c->maxBodyBytes, 8LL * 1024 * 1024);
    QCOMPARE(c->maxConnections, 100);
    QCOMPARE(c->idleTimeoutSecs, 120);
    QCOMPARE(c->requestTimeoutSecs, 45);
    QCOMPARE(c->upstreamConnectTimeoutSecs, 5);
    QCOMPARE(c->upstreamTimeoutSecs, 3600);
    QCOMPARE(c->tokenTtlSecs, 900);
    QCOMPARE(c->refreshTtlSecs, 7 * 86400);
    QCOMPARE(c->logLevel, QStringLiteral("warning"));
}

void TestDaemonConfig::environmentKeys()
{
    const QString prices = m_dir.filePath("prices.json");
    QFile f(prices);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{}");
    f.close();
    const QString file = writeConfig("max_body_bytes = 1M\nmax_connections = 10\n");
    const auto env = makeEnv({{"AICARPOOL_MAX_BODY_BYTES", "2048"},
                              {"AICARPOOL_UPSTREAM_TIMEOUT", "90"},
                              {"AICARPOOL_PRICES_FILE", prices},
                              {"AICARPOOL_LOG_LEVEL", "debug"},
                              {"AICARPOOL_MASTER_KEY_FILE", "/keys/m.key"},
                              {"AICARPOOL_ADMIN_EMAIL", "ignored@example.com"}});
    QString error;
    const auto c = DaemonConfig::load(args({"--config", file}), env, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->maxBodyBytes, 2048);      // env beats file
    QCOMPARE(c->maxConnections, 10);      // file beats default
    QCOMPARE(c->upstreamTimeoutSecs, 90); // env beats default
    QCOMPARE(c->pricesFile, prices);
    QCOMPARE(c->logLevel, QStringLiteral("debug"));
    QCOMPARE(c->masterKeyFile, QStringLiteral("/keys/m.key"));
}

void TestDaemonConfig::flagForms()
{
    QString error;
    auto c = DaemonConfig::load(args({"--listen=[::1]:0", "--data-dir=/d"}), makeEnv({}), &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->listenHost, QStringLiteral("::1"));
    QCOMPARE(c->listenPort, quint16(0));
    QCOMPARE(c->dataDir, QStringLiteral("/d"));
    c = DaemonConfig::load(args({"--listen", "localhost:80"}), makeEnv({}), &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->listenHost, QStringLiteral("localhost"));
    QCOMPARE(c->listenPort, quint16(80));
}

void TestDaemonConfig::configFileFromEnvironment()
{
    const QString file = writeConfig("listen = 127.0.0.1:7000\n");
    const QString other = writeConfig("listen = 127.0.0.1:7001\n");
    QString error;
    auto c = DaemonConfig::load(args({}), makeEnv({{"AICARPOOL_CONFIG", file}}), &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->listenPort, quint16(7000));
    // --config beats AICARPOOL_CONFIG.
    c = DaemonConfig::load(args({"--config", other}), makeEnv({{"AICARPOOL_CONFIG", file}}),
                           &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->listenPort, quint16(7001));
}

void TestDaemonConfig::helpAndVersion()
{
    for (const char *flag : {"--help", "-h"}) {
        bool exitNow = false;
        QString message;
        QString error = "stale";
        const auto c = DaemonConfig::load(args({"--listen", "bad", flag}), makeEnv({}), &error,
                                          &exitNow, &message);
        QVERIFY(!c);
        QVERIFY(exitNow);
        QVERIFY(error.isEmpty());
        QVERIFY(message.contains(QLatin1String("--data-dir")));
        QVERIFY(message.contains(QLatin1String("--database")));
    }
    bool exitNow = false;
    QString message;
    QString error;
    QVERIFY(!DaemonConfig::load(args({"--version"}), makeEnv({}), &error, &exitNow, &message));
    QVERIFY(exitNow);
    QCOMPARE(message.trimmed(), QStringLiteral("aicarpoold " AICARPOOL_VERSION));
    // Ordinary runs do not ask to exit.
    exitNow = true;
    QVERIFY(DaemonConfig::load(args({}), makeEnv({}), &error, &exitNow, &message));
    QVERIFY(!exitNow);
}

void TestDaemonConfig::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("envVars"); // NAME=value
    QTest::addColumn<QString>("configText");  // written to a file passed with --config
    QTest::addColumn<QString>("expected");    // the error starts with or contains this

    QTest::newRow("bad listen flag")
        << QStringList{"--listen", "abc"} << QStringList() << QString()
        << R"(invalid --listen "abc": expected HOST:PORT, e.g. 127.0.0.1:8787)";
    QTest::newRow("bad listen port") << QStringList{"--listen", "127.0.0.1:70000"} << QStringList()
                                     << QString() << R"(invalid --listen "127.0.0.1:70000")";
    QTest::newRow("listen without host")
        << QStringList{"--listen", ":8787"} << QStringList() << QString() << "invalid --listen";
    QTest::newRow("unbracketed ipv6")
        << QStringList{"--listen", "::1:8787"} << QStringList() << QString() << "invalid --listen";
    QTest::newRow("bad listen env") << QStringList() << QStringList{"AICARPOOL_LISTEN=nope"}
                                    << QString() << R"(invalid AICARPOOL_LISTEN "nope")";
    QTest::newRow("bad listen file") << QStringList() << QStringList() << "# c\nlisten = 1.2.3.4\n"
                                     << ".conf:2)";
    QTest::newRow("bad spread_workers")
        << QStringList() << QStringList{"AICARPOOL_SPREAD_WORKERS=sometimes"} << QString()
        << R"(invalid AICARPOOL_SPREAD_WORKERS "sometimes": expected on or off)";
    QTest::newRow("unknown key") << QStringList() << QStringList() << "\n\nlisten_port = 1\n"
                                 << R"(.conf:3: unknown setting "listen_port")";
    QTest::newRow("no equals") << QStringList() << QStringList() << "listen 127.0.0.1:1\n"
                               << ".conf:1: expected \"key = value\"";
    QTest::newRow("missing config file")
        << QStringList{"--config", "/nonexistent/aicarpoold.conf"} << QStringList() << QString()
        << R"(config file "/nonexistent/aicarpoold.conf" not found)";
    QTest::newRow("missing config from env")
        << QStringList() << QStringList{"AICARPOOL_CONFIG=/nonexistent/x.conf"} << QString()
        << "not found";
    QTest::newRow("unknown flag") << QStringList{"--port", "1"} << QStringList() << QString()
                                  << R"(unknown option "--port")";
    QTest::newRow("stray argument")
        << QStringList{"serve"} << QStringList() << QString() << R"(unexpected argument "serve")";
    QTest::newRow("missing value") << QStringList{"--data-dir"} << QStringList() << QString()
                                   << "option --data-dir needs a value";
    QTest::newRow("empty value") << QStringList{"--listen="} << QStringList() << QString()
                                 << "option --listen needs a non-empty value";
    QTest::newRow("relative sqlite")
        << QStringList{"--database", "sqlite://data.db"} << QStringList() << QString()
        << "--database: invalid database URL";
    QTest::newRow("bad scheme env")
        << QStringList() << QStringList{"AICARPOOL_DATABASE=oracle://x/y"} << QString()
        << "AICARPOOL_DATABASE: invalid database URL";
    QTest::newRow("bad body size") << QStringList() << QStringList{"AICARPOOL_MAX_BODY_BYTES=lots"}
                                   << QString() << R"(invalid AICARPOOL_MAX_BODY_BYTES "lots")";
    QTest::newRow("tiny body size") << QStringList() << QStringList() << "max_body_bytes = 10\n"
                                    << "invalid max_body_bytes";
    QTest::newRow("zero connections") << QStringList() << QStringList() << "max_connections = 0\n"
                                      << "invalid max_connections";
    QTest::newRow("negative timeout") << QStringList() << QStringList{"AICARPOOL_IDLE_TIMEOUT=-5"}
                                      << QString() << "invalid AICARPOOL_IDLE_TIMEOUT";
    QTest::newRow("bad duration unit") << QStringList() << QStringList() << "token_ttl = 5 weeks\n"
                                       << "invalid token_ttl";
    QTest::newRow("overflow") << QStringList() << QStringList() << "refresh_ttl = 99999999999999d\n"
                              << "invalid refresh_ttl";
    QTest::newRow("bad log level") << QStringList() << QStringList{"AICARPOOL_LOG_LEVEL=loud"}
                                   << QString() << "invalid AICARPOOL_LOG_LEVEL";
    QTest::newRow("alert interval too short")
        << QStringList() << QStringList() << "alert_interval_ms = 10\n"
        << "invalid alert_interval_ms";
    QTest::newRow("alert interval not a number")
        << QStringList() << QStringList{"AICARPOOL_ALERT_INTERVAL_MS=5s"} << QString()
        << "invalid AICARPOOL_ALERT_INTERVAL_MS";
    QTest::newRow("missing prices file")
        << QStringList() << QStringList{"AICARPOOL_PRICES_FILE=/nonexistent/prices.json"}
        << QString() << "invalid AICARPOOL_PRICES_FILE";
}

void TestDaemonConfig::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, envVars);
    QFETCH(QString, configText);
    QFETCH(QString, expected);
    QProcessEnvironment env = makeEnv({});
    for (const QString &v : envVars)
        env.insert(v.section(QLatin1Char('='), 0, 0), v.section(QLatin1Char('='), 1));
    if (!configText.isEmpty())
        arguments = QStringList{"--config", writeConfig(configText)} + arguments;
    QString error;
    bool exitNow = true;
    const auto c = DaemonConfig::load(args(arguments), env, &error, &exitNow);
    QVERIFY(!c.has_value());
    QVERIFY(!exitNow);
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
}

void TestDaemonConfig::databasePasswordNeverInError()
{
    QString error;
    QVERIFY(!DaemonConfig::load(args({"--database", "mysql://app:Sup3rS3cret@/db"}), makeEnv({}),
                                &error));
    QVERIFY(error.contains(QLatin1String("host")));
    QVERIFY2(!error.contains(QLatin1String("Sup3rS3cret")), qPrintable(error));
    const QString file = writeConfig("database = postgres://app:Sup3rS3cret@h/db\n");
    QVERIFY(!DaemonConfig::load(args({"--config", file}), makeEnv({}), &error));
    QVERIFY(error.contains(QLatin1String(".conf:1")));
    QVERIFY2(!error.contains(QLatin1String("Sup3rS3cret")), qPrintable(error));
}

void TestDaemonConfig::summaryHasNoSecrets()
{
    QString error;
    const auto c = DaemonConfig::load(args({"--database", "mysql://app:Sup3rS3cret@db/prod"}),
                                      makeEnv({}), &error);
    QVERIFY2(c, qPrintable(error));
    const QString summary = c->summary();
    QVERIFY(summary.contains(QLatin1String("mysql://app:***@db:3306/prod")));
    QVERIFY(!summary.contains(QLatin1String("Sup3rS3cret")));
    QVERIFY(summary.contains(QLatin1String("127.0.0.1:8787")));
}

void TestDaemonConfig::exampleConfigParses()
{
    // The shipped example, with every setting uncommented, loads and matches the defaults.
    QFile example(QStringLiteral(":/aicarpool/aicarpoold.conf.example"));
    QVERIFY(example.open(QIODevice::ReadOnly));
    QString text;
    int settings = 0;
    for (const QByteArray &line : example.readAll().split('\n')) {
        QString l = QString::fromUtf8(line);
        if (l.startsWith(QLatin1Char('#')) && l.contains(QLatin1String(" = ")) &&
            !l.startsWith(QLatin1String("# ")) && !l.contains(QLatin1String("prices_file"))) {
            l.remove(0, 1);
            ++settings;
        }
        text += l + QLatin1Char('\n');
    }
    QCOMPARE(settings, DaemonConfig::knownKeys().size() - 1); // all but prices_file
    QString error;
    const auto c = DaemonConfig::load(args({"--config", writeConfig(text)}), makeEnv({}), &error);
    QVERIFY2(c, qPrintable(error));
    const auto d =
        DaemonConfig::load(args({"--data-dir", "/var/lib/aicarpool"}), makeEnv({}), &error);
    QVERIFY2(d, qPrintable(error));
    QCOMPARE(c->listenPort, d->listenPort);
    QCOMPARE(c->dataDir, d->dataDir);
    QCOMPARE(c->databaseUrl, d->databaseUrl);
    QCOMPARE(c->masterKeyFile, d->masterKeyFile);
    QCOMPARE(c->maxBodyBytes, d->maxBodyBytes);
    QCOMPARE(c->maxConnections, d->maxConnections);
    QCOMPARE(c->idleTimeoutSecs, d->idleTimeoutSecs);
    QCOMPARE(c->requestTimeoutSecs, d->requestTimeoutSecs);
    QCOMPARE(c->upstreamConnectTimeoutSecs, d->upstreamConnectTimeoutSecs);
    QCOMPARE(c->upstreamTimeoutSecs, d->upstreamTimeoutSecs);
    QCOMPARE(c->tokenTtlSecs, d->tokenTtlSecs);
    QCOMPARE(c->refreshTtlSecs, d->refreshTtlSecs);
    QCOMPARE(c->logLevel, d->logLevel);
}

void TestDaemonConfig::governanceSettings()
{
    QString error;
    const auto d = DaemonConfig::load(args({}), makeEnv({}), &error);
    QVERIFY2(d, qPrintable(error));
    QCOMPARE(d->quotaTimeZone, QStringLiteral("UTC"));
    QCOMPARE(d->governanceDbGraceSecs, 300);
    QCOMPARE(d->governanceDefaultOutputTokens, 4096);
    const auto c =
        DaemonConfig::load(args({}),
                           makeEnv({{"AICARPOOL_QUOTA_TIMEZONE", "Europe/Berlin"},
                                    {"AICARPOOL_GOVERNANCE_DB_GRACE_SECONDS", "2m"},
                                    {"AICARPOOL_GOVERNANCE_DEFAULT_OUTPUT_TOKENS", "1000"}}),
                           &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->quotaTimeZone, QStringLiteral("Europe/Berlin"));
    QCOMPARE(c->governanceDbGraceSecs, 120);
    QCOMPARE(c->governanceDefaultOutputTokens, 1000);
    QVERIFY(!DaemonConfig::load(args({}), makeEnv({{"AICARPOOL_QUOTA_TIMEZONE", "Mars/Base"}}),
                                &error));
    QVERIFY2(error.contains(QLatin1String("IANA time zone")), qPrintable(error));
    QVERIFY(!DaemonConfig::load(
        args({}), makeEnv({{"AICARPOOL_GOVERNANCE_DEFAULT_OUTPUT_TOKENS", "0"}}), &error));
    QVERIFY2(error.contains(QLatin1String("GOVERNANCE_DEFAULT_OUTPUT_TOKENS")), qPrintable(error));
}

void TestDaemonConfig::mailSettings()
{
    QString error;
    const auto d = DaemonConfig::load(args({}), makeEnv({}), &error);
    QVERIFY2(d, qPrintable(error));
    QVERIFY(d->smtpHost.isEmpty());
    QCOMPARE(d->smtpSecurity, QStringLiteral("starttls"));
    QCOMPARE(d->smtpPort, quint16(0));
    QVERIFY(d->publicUrl.isEmpty());

    const QString file = writeConfig("smtp_host = mail.example.com\n"
                                     "smtp_port = 2525\n"
                                     "smtp_security = TLS\n"
                                     "smtp_from = Team Carpool <carpool@example.com>\n"
                                     "public_url = https://carpool.example.com/\n");
    const auto c = DaemonConfig::load(
        args({"--config", file}),
        makeEnv({{"AICARPOOL_SMTP_USER", "bot"}, {"AICARPOOL_SMTP_PASSWORD", "Sm7pS3cret"}}),
        &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->smtpHost, QStringLiteral("mail.example.com"));
    QCOMPARE(c->smtpPort, quint16(2525));
    QCOMPARE(c->smtpSecurity, QStringLiteral("tls"));
    QCOMPARE(c->smtpUser, QStringLiteral("bot"));
    QCOMPARE(c->smtpPassword, QStringLiteral("Sm7pS3cret"));
    QCOMPARE(c->smtpFrom, QStringLiteral("Team Carpool <carpool@example.com>"));
    QCOMPARE(c->publicUrl, QStringLiteral("https://carpool.example.com"));
    QVERIFY(c->summary().contains(QLatin1String("mail.example.com:2525 tls as bot")));
    QVERIFY(!c->summary().contains(QLatin1String("Sm7pS3cret")));

    const QList<QPair<QString, QString>> bad = {
        {"AICARPOOL_SMTP_SECURITY", "ssl"},
        {"AICARPOOL_SMTP_PORT", "0"},
        {"AICARPOOL_SMTP_PORT", "70000"},
        {"AICARPOOL_SMTP_HOST", "smtp://mail"},
        {"AICARPOOL_SMTP_FROM", "carpool"},
        {"AICARPOOL_SMTP_FROM", "a@b.c\r\nBcc: x@y.z"},
        {"AICARPOOL_PUBLIC_URL", "carpool.example.com"},
        {"AICARPOOL_PUBLIC_URL", "ftp://carpool.example.com"},
        {"AICARPOOL_PUBLIC_URL", "https://carpool.example.com/?a=b"},
    };
    for (const auto &var : bad) {
        QVERIFY2(!DaemonConfig::load(args({}), makeEnv({var}), &error), qPrintable(var.second));
        QVERIFY2(error.contains(var.first), qPrintable(error));
    }
}

void TestDaemonConfig::ledgerRetention()
{
    QString error;
    const auto d = DaemonConfig::load(args({}), makeEnv({}), &error);
    QVERIFY2(d, qPrintable(error));
    QCOMPARE(d->ledgerRetentionDays, 0); // keep forever
    const auto c = DaemonConfig::load(args({"--config", writeConfig("ledger_retention_days = "
                                                                    "400\n")}),
                                      makeEnv({}), &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->ledgerRetentionDays, 400);
    const auto e =
        DaemonConfig::load(args({}), makeEnv({{"AICARPOOL_LEDGER_RETENTION_DAYS", "30"}}), &error);
    QVERIFY2(e, qPrintable(error));
    QCOMPARE(e->ledgerRetentionDays, 30);
    for (const char *bad : {"-1", "36501", "30d", "a year"}) {
        QVERIFY2(!DaemonConfig::load(args({}), makeEnv({{"AICARPOOL_LEDGER_RETENTION_DAYS", bad}}),
                                     &error),
                 bad);
        QVERIFY2(error.contains(QLatin1String("AICARPOOL_LEDGER_RETENTION_DAYS")) &&
                     error.contains(QLatin1String("days")),
                 qPrintable(error));
    }
}

void TestDaemonConfig::spreadWorkers()
{
    QString error;
    const auto d = DaemonConfig::load(args({}), makeEnv({}), &error);
    QVERIFY2(d, qPrintable(error));
    QVERIFY(d->spreadWorkers); // on by default
    for (const char *off : {"off", "false", "no", "0", "OFF"}) {
        const auto c = DaemonConfig::load(
            args({"--config",
                  writeConfig(QStringLiteral("spread_workers = %1\n").arg(QLatin1String(off)))}),
            makeEnv({}), &error);
        QVERIFY2(c, qPrintable(error));
        QVERIFY2(!c->spreadWorkers, off);
    }
    const auto on = DaemonConfig::load(args({"--config", writeConfig("spread_workers = off\n")}),
                                       makeEnv({{"AICARPOOL_SPREAD_WORKERS", "on"}}), &error);
    QVERIFY2(on, qPrintable(error));
    QVERIFY(on->spreadWorkers); // the environment beats the file
}

QTEST_GUILESS_MAIN(TestDaemonConfig)

#include "TestDaemonConfig.moc"
