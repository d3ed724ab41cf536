// SPDX-License-Identifier: GPL-3.0-or-later
#include "Daemon.h"

#include "admin/AdminApi.h"
#include "admin/LiveUsageRoutes.h"
#include "admin/ProxyTester.h"
#include "core/DataDirectory.h"
#include "core/ThreadContext.h"
#include "crypto/Crypto.h"
#include "crypto/PasswordHasher.h"
#include "crypto/SecretBox.h"
#include "crypto/TokenSigner.h"
#include "http/HttpServer.h"
#include "ledger/Ledger.h"
#include "oauth/OAuthService.h"
#include "relay/RelayService.h"
#include "relay/SnapshotLoader.h"
#include "routing/HealthProber.h"
#include "routing/RoutingService.h"
#include "store/AccountRepository.h"
#include "store/ApiKeyRepository.h"
#include "store/Database.h"
#include "store/DbWorker.h"
#include "store/Migrations.h"
#include "store/SettingsRepository.h"
#include "store/UserRepository.h"
#include "upstream/UpstreamClient.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QThread>

Q_LOGGING_CATEGORY(lcDaemon, "aicarpool.daemon")

Daemon::Daemon(const DaemonConfig &config, QObject *parent) : QObject(parent), m_config(config)
{
    m_uptime.start();
}

Daemon::~Daemon()
{
    stop();
}

quint16 Daemon::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

bool Daemon::start(QString *error)
{
    DataDirectory dataDir(m_config.dataDir);
    if (!dataDir.prepare(error))
        return false;

    QByteArray masterKey;
    if (!DataDirectory::loadOrCreateKey(m_config.masterKeyFile, &masterKey, error))
        return false;
    m_secrets = std::make_unique<SecretBox>(masterKey);
    // Every daemon that shares the master key accepts the others' tokens.
    m_signer = std::make_unique<TokenSigner>(
        Crypto::hmacSha256(masterKey, QByteArrayLiteral("aicarpool admin token signing v1")));

    m_prices = PriceTable::builtin();
    if (!m_config.pricesFile.isEmpty()) {
        QFile f(m_config.pricesFile);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("prices_file %1 cannot be read: %2")
                         .arg(m_config.pricesFile, f.errorString());
            return false;
        }
        QString priceError;
        if (!m_prices.loadOverrides(f.readAll(), &priceError)) {
            *error = QStringLiteral("prices_file %1: %2").arg(m_config.pricesFile, priceError);
            return false;
        }
    }

    if (!prepareStorage(error))
        return false;

    m_db = new DbWorker(this);
    if (!m_db->start(m_config.database, error))
        return false;

    m_ledger =
        std::make_unique<Ledger>(m_config.database, dataDir.filePath(QStringLiteral("spool")));
    // Fewer, larger transactions: every commit rewrites the touched index pages, so batching a
    // quarter second of records costs a fraction of committing every 50 ms. Records are in the
    // spool meanwhile.
    m_ledger->setFlushIntervalMs(250);
    if (!m_ledger->start(error))
        return false;

    // Claude subscription accounts and proxy tests use the main thread's upstream client.
    m_upstream = new UpstreamClient(this);
    OAuthService::Settings oauth;
    oauth.authorizeUrl = m_config.oauthAuthorizeUrl;
    oauth.tokenUrl = m_config.oauthTokenUrl;
    oauth.clientId = m_config.oauthClientId;
    oauth.redirectUri = m_config.oauthRedirectUri;
    oauth.scopes = m_config.oauthScopes;
    auto *oauthService = new OAuthService(m_upstream, m_db, m_secrets.get(), oauth, this);

    m_routing = std::make_unique<RoutingService>();
    m_routing->setSessionTtlMs(qint64(m_config.sessionTtlSecs) * 1000);
    RelayContext ctx;
    ctx.upstream = m_upstream;
    ctx.ledger = m_ledger.get();
    ctx.prices = &m_prices;
    ctx.metrics = &m_metrics;
    ctx.routing = m_routing.get();
    ctx.oauth = oauthService;
    ctx.maxAttempts = m_config.maxAttempts;
    ctx.flagAttention = [this](qint64 accountId, bool flag) {
        ThreadContext::post(this, [this, accountId, flag] {
            m_db->post<bool>(
                [accountId, flag](QSqlDatabase &db) {
                    AccountRepository(db).setNeedsAttention(accountId, flag);
                    SettingsRepository(db).bumpDataVersion();
                    return true;
                },
                this, [this](bool) { reloadSnapshot(); }, nullptr);
        });
    };
    ctx.sessionHeader = m_config.sessionHeader.toLatin1().toLower();
    ctx.connectTimeoutMs = m_config.upstreamConnectTimeoutSecs * 1000;
    ctx.timeoutMs = m_config.upstreamTimeoutSecs * 1000;
    m_relay = std::make_unique<RelayService>(ctx);

    AdminApi::Settings adminSettings;
    adminSettings.tokenTtlSecs = m_config.tokenTtlSecs;
    adminSettings.refreshTtlSecs = m_config.refreshTtlSecs;
    m_admin = new AdminApi(m_db, m_signer.get(), m_secrets.get(), adminSettings, this);
    m_admin->setOAuthService(oauthService);
    m_admin->setProxyTester(new ProxyTester(m_upstream, this));
    m_admin->setRoutingService(m_routing.get());
    auto *prober = new HealthProber(
        m_routing.get(), m_upstream, oauthService, [this] { return m_relay->snapshot(); }, this);
    prober->start(m_config.probeIntervalSecs);
    m_admin->setDataChangedHandler(
        [this](std::function<void()> then) { reloadSnapshot(std::move(then)); });

    // The first snapshot is loaded before serving, so keys work from the first request.
    {
        const QString name = QStringLiteral("aicarpool-startup");
        QString openError;
        QSqlDatabase db = Database::open(m_config.database, name, &openError);
        if (!db.isOpen()) {
            *error = openError;
            return false;
        }
        try {
            QStringList warnings;
            auto snapshot =
                std::make_shared<RelaySnapshot>(SnapshotLoader::load(db, *m_secrets, &warnings));
            for (const QString &w : warnings)
                qCWarning(lcDaemon).noquote() << w;
            m_dataVersion = snapshot->version;
            m_relay->setSnapshot(snapshot);
        } catch (const StoreError &e) {
            *error = QStringLiteral("loading keys and accounts failed: %1").arg(e.message());
            db = QSqlDatabase();
            Database::close(name);
            return false;
        }
        db = QSqlDatabase();
        Database::close(name);
    }

    m_metrics.addGauge(QStringLiteral("aicarpool_ledger_queue_depth"),
                       QStringLiteral("Usage records not yet written to the database."),
                       [this] { return double(m_ledger->queueDepth()); });
    m_metrics.addGauge(QStringLiteral("aicarpool_ledger_written_total"),
                       QStringLiteral("Usage records written to the database by this process."),
                       [this] { return double(m_ledger->writtenTotal()); });
    m_metrics.addGauge(QStringLiteral("aicarpool_upstream_active_calls"),
                       QStringLiteral("Upstream calls in progress."),
                       [this] { return double(m_relay->activeUpstreamCalls()); });

    m_server = new HttpServer(this);
    HttpServerLimits limits;
    limits.maxBodyBytes = m_config.maxBodyBytes;
    limits.maxConnections = m_config.maxConnections;
    limits.idleTimeoutMs = m_config.idleTimeoutSecs * 1000;
    limits.requestTimeoutMs = m_config.requestTimeoutSecs * 1000;
    m_server->setLimits(limits);
    m_server->setMaxPendingConnections(1024);
    // The default listen backlog (50) drops bursts of connects, which then retry a second later.
    m_server->setListenBacklogSize(4096);
    const int workers =
        m_config.workers > 0 ? m_config.workers : qBound(1, QThread::idealThreadCount(), 8);
    m_server->setWorkerThreads(workers);
    registerRoutes();
    m_server->setHandler(
        [this](const HttpRequest &q, const HttpResponderPtr &r) { m_router.dispatch(q, r); });
    m_metrics.addGauge(QStringLiteral("aicarpool_http_connections"),
                       QStringLiteral("Open client connections."),
                       [this] { return double(m_server->connectionCount()); });

    QHostAddress address;
    if (m_config.listenHost == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (m_config.listenHost == QLatin1String("*") || m_config.listenHost.isEmpty())
        address = QHostAddress::Any;
    else
        address = QHostAddress(m_config.listenHost);
    if (address.isNull()) {
        *error = QStringLiteral("listen: \"%1\" is not an IP address; use e.g. 127.0.0.1 or "
                                "0.0.0.0")
                     .arg(m_config.listenHost);
        return false;
    }
    if (!m_server->listen(address, m_config.listenPort)) {
        *error = QStringLiteral("listen: cannot listen on %1:%2: %3")
                     .arg(m_config.listenHost)
                     .arg(m_config.listenPort)
                     .arg(m_server->errorString());
        return false;
    }

    connect(&m_pollTimer, &QTimer::timeout, this, &Daemon::pollDataVersion);
    m_pollTimer.start(1000);
    connect(&m_keyUseTimer, &QTimer::timeout, this, &Daemon::flushKeyUse);
    m_keyUseTimer.start(10000);

    qCInfo(lcDaemon).noquote() << QStringLiteral("aicarpoold %1 listening on http://%2:%3 "
                                                 "(database %4, data %5)")
                                      .arg(QStringLiteral(AICARPOOL_VERSION), address.toString())
                                      .arg(port())
                                      .arg(m_config.database.redacted(), m_config.dataDir);
    return true;
}

bool Daemon::prepareStorage(QString *error)
{
    const QString name = QStringLiteral("aicarpool-migrate");
    QString openError;
    QSqlDatabase db = Database::open(m_config.database, name, &openError);
    if (!db.isOpen()) {
        *error = openError;
        return false;
    }
    QString migrateError;
    bool ok = Migrations::apply(db, &migrateError);
    if (!ok)
        *error = QStringLiteral("database migration failed: %1").arg(migrateError);
    else
        ok = bootstrapAdmin(db, error);
    db = QSqlDatabase();
    Database::close(name);
    return ok;
}

bool Daemon::bootstrapAdmin(QSqlDatabase &db, QString *error)
{
    try {
        UserRepository users(db);
        if (users.count() > 0)
            return true;
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        UserRow admin;
        admin.email =
            env.value(QStringLiteral("AICARPOOL_ADMIN_EMAIL"), QStringLiteral("admin@localhost"))
                .trimmed()
                .toLower();
        admin.name = QStringLiteral("Administrator");
        admin.role = QStringLiteral("admin");
        QString password = env.value(QStringLiteral("AICARPOOL_ADMIN_PASSWORD"));
        const bool generated = password.isEmpty();
        if (generated)
            password = QString::fromLatin1(Crypto::base64UrlEncode(Crypto::randomBytes(18)));
        admin.passwordHash = PasswordHasher::hash(password);
        try {
            users.insert(admin);
        } catch (const StoreError &e) {
            if (e.kind() == StoreError::Kind::Conflict)
                return true; // another daemon created it at the same moment
            throw;
        }
        if (generated) {
            const QString file =
                QDir(m_config.dataDir).filePath(QStringLiteral("initial-admin-password"));
            if (!DataDirectory::writePrivateFile(file, password.toUtf8() + '\n', error))
                return false;
            qCInfo(lcDaemon).noquote()
                << QStringLiteral("created the administrator %1; the initial password is in %2 "
                                  "(readable by this user only). Sign in and change it.")
                       .arg(admin.email, file);
        } else {
            qCInfo(lcDaemon).noquote()
                << QStringLiteral("created the administrator %1 with the password from "
                                  "AICARPOOL_ADMIN_PASSWORD")
                       .arg(admin.email);
        }
        return true;
    } catch (const StoreError &e) {
        *error = QStringLiteral("creating the administrator failed: %1").arg(e.message());
        return false;
    }
}

void Daemon::registerRoutes()
{
    m_router.add("GET", QStringLiteral("/health"),
                 [this](const HttpRequest &q, const HttpResponderPtr &r) { health(q, r); });
    m_router.add(
        "GET", QStringLiteral("/health/live"), [](const HttpRequest &, const HttpResponderPtr &r) {
            r->sendJson(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
        });
    m_router.add("GET", QStringLiteral("/metrics"),
                 [this](const HttpRequest &, const HttpResponderPtr &r) {
                     r->send(200, m_metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
                 });
    m_relay->registerRoutes(m_router);
    m_admin->registerRoutes(m_router);
    LiveUsageRoutes::registerRoutes(m_router, m_admin, &m_ledger->feed());
}

void Daemon::health(const HttpRequest &, const HttpResponderPtr &responder)
{
    const qint64 uptime = m_uptime.elapsed() / 1000;
    const qint64 queue = m_ledger->queueDepth();
    m_db->post<bool>(
        [](QSqlDatabase &db) { return Database::ping(db); }, ThreadContext::current(),
        [responder, uptime, queue](bool ok) {
            const QJsonObject body{
                {QStringLiteral("status"), ok ? QStringLiteral("ok") : QStringLiteral("degraded")},
                {QStringLiteral("database"), ok ? QStringLiteral("ok") : QStringLiteral("down")},
                {QStringLiteral("version"), QStringLiteral(AICARPOOL_VERSION)},
                {QStringLiteral("uptimeSecs"), uptime},
                {QStringLiteral("ledgerQueue"), queue}};
            responder->sendJson(ok ? 200 : 503, body);
        },
        [responder, uptime](const StoreError &) {
            responder->sendJson(503,
                                QJsonObject{{QStringLiteral("status"), QStringLiteral("degraded")},
                                            {QStringLiteral("database"), QStringLiteral("down")},
                                            {QStringLiteral("uptimeSecs"), uptime}});
        });
}

void Daemon::pollDataVersion()
{
    if (m_reloading)
        return;
    m_db->post<qint64>([](QSqlDatabase &db) { return SettingsRepository(db).dataVersion(); }, this,
                       [this](qint64 version) {
                           if (version != m_dataVersion)
                               reloadSnapshot();
                       },
                       nullptr);
}

void Daemon::reloadSnapshot(std::function<void()> then)
{
    if (then)
        m_waitingForReload.append(std::move(then));
    if (m_reloading) {
        m_reloadAgain = true;
        return;
    }
    m_reloading = true;
    m_waitingForCurrent = std::move(m_waitingForReload);
    m_waitingForReload.clear();
    auto finished = [this] {
        m_reloading = false;
        const auto waiting = std::move(m_waitingForCurrent);
        m_waitingForCurrent.clear();
        for (const auto &fn : waiting)
            fn();
        if (m_reloadAgain) {
            m_reloadAgain = false;
            reloadSnapshot();
        }
    };
    const SecretBox secrets = *m_secrets;
    m_db->post<std::shared_ptr<RelaySnapshot>>(
        [secrets](QSqlDatabase &db) {
            QStringList warnings;
            auto s = std::make_shared<RelaySnapshot>(SnapshotLoader::load(db, secrets, &warnings));
            for (const QString &w : warnings)
                qCWarning(lcDaemon).noquote() << w;
            return s;
        },
        this,
        [this, finished](const std::shared_ptr<RelaySnapshot> &snapshot) {
            m_dataVersion = snapshot->version;
            m_relay->setSnapshot(snapshot);
            finished();
        },
        [finished](const StoreError &e) {
            qCWarning(lcDaemon).noquote()
                << QStringLiteral("reloading keys and accounts failed: %1").arg(e.message());
            finished();
        });
}

void Daemon::flushKeyUse()
{
    QHash<qint64, qint64> use = m_relay->takeKeyUse();
    if (use.isEmpty())
        return;
    m_db->post<bool>(
        [use](QSqlDatabase &db) {
            ApiKeyRepository(db).touchLastUsed(use);
            return true;
        },
        this, nullptr, nullptr);
}

void Daemon::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_pollTimer.stop();
    m_keyUseTimer.stop();
    if (m_server)
        m_server->close();
    if (m_relay && m_db && m_db->isRunning()) {
        const QHash<qint64, qint64> use = m_relay->takeKeyUse();
        if (!use.isEmpty())
            m_db->post<bool>(
                [use](QSqlDatabase &db) {
                    ApiKeyRepository(db).touchLastUsed(use);
                    return true;
                },
                this, nullptr, nullptr);
    }
    if (m_ledger)
        m_ledger->stop();
    if (m_db)
        m_db->stop();
}
