// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/Daemon.h"

#include "alerts/AlertDispatcher.h"
#include "alerts/AlertEngine.h"
#include "alerts/AlertSources.h"
#include "api/admin/AdminApi.h"
#include "api/admin/HealthRoutes.h"
#include "api/admin/InvitePage.h"
#include "api/relay/RelayService.h"
#include "catalog/AdminBootstrap.h"
#include "catalog/Catalog.h"
#include "config/DataDirectory.h"
#include "crypto/Crypto.h"
#include "crypto/SecretBox.h"
#include "crypto/TokenSigner.h"
#include "governance/Governor.h"
#include "http/HttpServer.h"
#include "http/TlsContext.h"
#include "ledger/Ledger.h"
#include "ledger/LedgerRetention.h"
#include "notify/MailQueue.h"
#include "oauth/OAuthService.h"
#include "relay/HealthProber.h"
#include "routing/RoutingService.h"
#include "store/AccessRepository.h"
#include "store/Database.h"
#include "store/DbWorker.h"
#include "store/Migrations.h"
#include "store/UserRepository.h"
#include "upstream/ProxyTester.h"
#include "upstream/UpstreamClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>

Q_LOGGING_CATEGORY(lcDaemon, "aicarpool.daemon")

Daemon::Daemon(const DaemonConfig &config, QObject *parent) : QObject(parent), m_config(config) {}

Daemon::~Daemon()
{
    stop();
}

quint16 Daemon::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

quint16 Daemon::adminPort() const
{
    return m_adminServer ? m_adminServer->serverPort() : 0;
}

void Daemon::reload()
{
    if (!m_tls) {
        qCInfo(lcDaemon) << "reload requested (SIGHUP): TLS is off, nothing to reload";
        return;
    }
    QString error;
    QStringList warnings;
    if (!m_tls->reload(&error, &warnings)) {
        qCWarning(lcDaemon).noquote()
            << QStringLiteral("TLS reload failed, keeping the current certificate (%1): %2")
                   .arg(m_tls->summary(), error);
        return;
    }
    for (const QString &w : std::as_const(warnings))
        qCWarning(lcDaemon).noquote() << w;
    qCInfo(lcDaemon).noquote()
        << QStringLiteral("TLS certificate reloaded; new connections use %1").arg(m_tls->summary());
}

bool Daemon::start(QString *error)
{
    // TLS first: a bad certificate is reported before any other work.
    if (m_config.tlsEnabled()) {
        m_tls = std::make_shared<TlsContext>(m_config.tlsCertFile, m_config.tlsKeyFile);
        QStringList warnings;
        if (!m_tls->reload(error, &warnings))
            return false;
        for (const QString &w : std::as_const(warnings))
            qCWarning(lcDaemon).noquote() << w;
        qCInfo(lcDaemon).noquote() << QStringLiteral("TLS on: %1").arg(m_tls->summary());
    }

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
    // ledger_retention_days: old raw rows are purged on the database worker, in small batches.
    LedgerRetention::Settings retention;
    retention.retentionDays = m_config.ledgerRetentionDays;
    m_retention = new LedgerRetention(m_db, retention, this);
    m_retention->start();

    // Claude subscription accounts and proxy tests use the main thread's upstream client.
    m_upstream = new UpstreamClient(this);
    OAuthService::Settings oauth;
    oauth.authorizeUrl = m_config.oauthAuthorizeUrl;
    oauth.tokenUrl = m_config.oauthTokenUrl;
    oauth.clientId = m_config.oauthClientId;
    oauth.redirectUri = m_config.oauthRedirectUri;
    oauth.scopes = m_config.oauthScopes;
    auto *oauthService = new OAuthService(m_upstream, m_db, m_secrets.get(), oauth, this);

    m_catalog = new Catalog(m_db, *m_secrets, this);

    m_governanceDb = new DbWorker(this);
    if (!m_governanceDb->start(m_config.database, error))
        return false;
    m_governor = new Governor(m_governanceDb, this);
    m_governor->setTimeZone(m_config.quotaTimeZone);
    m_governor->setDatabaseGraceMs(qint64(m_config.governanceDbGraceSecs) * 1000);

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
    ctx.flagAttention = [catalog = m_catalog](qint64 accountId, bool flag) {
        catalog->flagAttention(accountId, flag);
    };
    ctx.sessionHeader = m_config.sessionHeader.toLatin1().toLower();
    ctx.connectTimeoutMs = m_config.upstreamConnectTimeoutSecs * 1000;
    ctx.timeoutMs = m_config.upstreamTimeoutSecs * 1000;
    ctx.governor = m_governor;
    ctx.defaultOutputTokens = m_config.governanceDefaultOutputTokens;
    m_relay = std::make_unique<RelayService>(ctx);
    // The quotas and budgets of every snapshot reach the Governor (the relay admits calls with
    // it; the admin API and the alerts read its statuses).
    m_catalog->setSnapshotHandler(
        [relay = m_relay.get(), governor = m_governor](std::shared_ptr<RelaySnapshot> s) {
            governor->setRules(s->governance);
            relay->setSnapshot(s);
        });
    // The admin API checks every bearer token against the users' current state, refreshed
    // with every snapshot (so changes made through other daemons reach it too).
    m_catalog->setLoadHook([this](QSqlDatabase &db) {
        m_admin->setUsers(UserRepository(db).list());
        m_admin->setAccess(std::make_shared<const AccessModel>(AccessRepository(db).load()));
    });
    m_catalog->setKeyUseSource([relay = m_relay.get()] { return relay->takeKeyUse(); });

    AdminApi::Settings adminSettings;
    adminSettings.tokenTtlSecs = m_config.tokenTtlSecs;
    adminSettings.refreshTtlSecs = m_config.refreshTtlSecs;
    adminSettings.publicUrl = m_config.publicUrl;
    adminSettings.quotaTimeZone = m_config.quotaTimeZone;
    m_admin = new AdminApi(m_db, m_signer.get(), m_secrets.get(), adminSettings, this);
    m_admin->setOAuthService(oauthService);
    m_admin->setProxyTester(new ProxyTester(m_upstream, this));
    m_admin->setRoutingService(m_routing.get());
    m_admin->setGovernor(m_governor);
    SmtpSettings smtp;
    smtp.host = m_config.smtpHost;
    smtp.port = m_config.smtpPort;
    smtp.security = m_config.smtpSecurity;
    smtp.user = m_config.smtpUser;
    smtp.password = m_config.smtpPassword;
    smtp.from = m_config.smtpFrom;
    m_mail = std::make_unique<MailQueue>(smtp);
    m_admin->setMailer(m_mail.get());
    AlertDispatcher::Settings alertSettings;
    alertSettings.privateTargetsForAll = m_config.alertPrivateTargetsForAll;
    m_alertDispatcher =
        new AlertDispatcher(m_db, m_secrets.get(), m_mail.get(), alertSettings, this);
    m_admin->setAlertDispatcher(m_alertDispatcher);
    m_alerts = new AlertEngine(m_db, m_alertDispatcher, this);
    m_alerts->setIntervalMs(m_config.alertIntervalMs);
    AlertProviders alertInputs;
    alertInputs.budgets = [this](qint64 nowMs) {
        const RelaySnapshotPtr s = m_relay->snapshot();
        const auto access = m_admin->access();
        return s ? AlertSources::budgets(m_governor->budgetStatuses(nowMs), *s->governance,
                                         access.get())
                 : QList<AlertBudget>();
    };
    alertInputs.quotas = [this](qint64 nowMs) {
        const RelaySnapshotPtr s = m_relay->snapshot();
        const auto access = m_admin->access();
        return s ? AlertSources::quotas(m_governor->quotaStatuses(nowMs), *s->governance,
                                        access.get())
                 : QList<AlertQuota>();
    };
    alertInputs.accounts = [this](qint64 nowMs) {
        const RelaySnapshotPtr s = m_relay->snapshot();
        return s ? AlertSources::accounts(*m_routing, *s, nowMs) : QList<AlertAccount>();
    };
    m_alerts->setProviders(std::move(alertInputs));
    m_alerts->attachFeed(&m_ledger->feed());
    auto *prober = new HealthProber(
        m_routing.get(), m_upstream, oauthService, [this] { return m_relay->snapshot(); }, this);
    prober->start(m_config.probeIntervalSecs);
    m_admin->setDataChangedHandler(
        [this](std::function<void()> then) { m_catalog->reload(std::move(then)); });
    m_health = std::make_unique<HealthRoutes>(m_db, [this] { return m_ledger->queueDepth(); });

    // The first snapshot is loaded before serving, so keys work from the first request.
    if (!m_catalog->loadInitial(m_config.database, error))
        return false;

    m_metrics.addGauge(QStringLiteral("aicarpool_ledger_queue_depth"),
                       QStringLiteral("Usage records not yet written to the database."),
                       [this] { return double(m_ledger->queueDepth()); });
    m_metrics.addCounter(QStringLiteral("aicarpool_ledger_written_total"),
                         QStringLiteral("Usage records written to the database by this process."),
                         [this] { return double(m_ledger->writtenTotal()); });
    m_metrics.addGauge(QStringLiteral("aicarpool_governance_database_online"),
                       QStringLiteral("1 while the limit counters reach the database, 0 while "
                                      "this daemon admits calls on its leases alone."),
                       [this] { return m_governor->databaseOnline() ? 1.0 : 0.0; });
    m_metrics.addCounter(QStringLiteral("aicarpool_alert_deliveries_sent_total"),
                         QStringLiteral("Alert messages delivered by this process."),
                         [this] { return double(m_alertDispatcher->sentTotal()); });
    m_metrics.addCounter(QStringLiteral("aicarpool_alert_deliveries_failed_total"),
                         QStringLiteral("Alert messages whose every delivery attempt failed."),
                         [this] { return double(m_alertDispatcher->failedTotal()); });
    m_metrics.addGauge(QStringLiteral("aicarpool_upstream_active_calls"),
                       QStringLiteral("Upstream calls in progress."),
                       [this] { return double(m_relay->activeUpstreamCalls()); });

    HttpServerLimits limits;
    limits.maxBodyBytes = m_config.maxBodyBytes;
    limits.maxConnections = m_config.maxConnections;
    limits.idleTimeoutMs = m_config.idleTimeoutSecs * 1000;
    limits.requestTimeoutMs = m_config.requestTimeoutSecs * 1000;
    limits.maxInflightBodyBytes = m_config.maxInflightBodyBytes;
    limits.maxConnectionsPerAddress = m_config.maxConnectionsPerAddress;
    limits.clientBufferLimit = m_config.clientBufferLimit;
    limits.clientWriteTimeoutMs = m_config.clientWriteTimeoutSecs * 1000;
    m_server = new HttpServer(this);
    m_server->setLimits(limits);
    m_server->setTls(m_tls);
    m_server->setMaxPendingConnections(1024);
    // The default listen backlog (50) drops bursts of connects, which then retry a second later.
    m_server->setListenBacklogSize(4096);
    const int workers =
        m_config.workers > 0 ? m_config.workers : qBound(1, QThread::idealThreadCount(), 8);
    m_server->setWorkerThreads(workers, m_config.spreadWorkers);
    m_metrics.addCounter(QStringLiteral("aicarpool_http_worker_moves_total"),
                         QStringLiteral("HTTP threads moved to another core because they waited "
                                        "behind another HTTP thread (spread_workers)."),
                         [server = m_server] { return double(server->workerMoves()); });
    registerRoutes();
    // With admin_listen the main port serves the relay and /health only, the admin port the
    // admin API, /metrics and /health; a route of the other side answers 404.
    const HttpListenerSurface mainSurface =
        m_config.hasAdminListener() ? HttpListenerSurface::Relay : HttpListenerSurface::All;
    m_server->setHandler([this, mainSurface](const HttpRequest &q, const HttpResponderPtr &r) {
        if (!m_router.dispatch(q, r, mainSurface))
            m_metrics.countRequest(QStringLiteral("unmatched"), 404);
    });
    m_server->setHeadGuard([this, mainSurface](const HttpRequest &head) {
        return m_router.checkHead(head, mainSurface);
    });
    if (m_config.hasAdminListener()) {
        m_adminServer = new HttpServer(this);
        m_adminServer->setLimits(limits);
        m_adminServer->setTls(m_tls); // same certificate: admin calls carry passwords and tokens
        // Admin handlers run on an HTTP thread as on the main port, never on the main thread.
        m_adminServer->setWorkerThreads(1);
        m_adminServer->setHandler([this](const HttpRequest &q, const HttpResponderPtr &r) {
            if (!m_router.dispatch(q, r, HttpListenerSurface::Admin))
                m_metrics.countRequest(QStringLiteral("unmatched"), 404);
        });
        m_adminServer->setHeadGuard([this](const HttpRequest &head) {
            return m_router.checkHead(head, HttpListenerSurface::Admin);
        });
    }
    if (m_tls) {
        m_metrics.addGauge(QStringLiteral("aicarpool_tls_certificate_expiry_timestamp_seconds"),
                           QStringLiteral("When the TLS certificate in use expires (Unix time)."),
                           [tls = m_tls] { return double(tls->expiry().toSecsSinceEpoch()); });
    }
    m_metrics.addGauge(QStringLiteral("aicarpool_http_connections"),
                       QStringLiteral("Open client connections."), [this] {
                           return double(m_server->connectionCount() +
                                         (m_adminServer ? m_adminServer->connectionCount() : 0));
                       });

    if (!listenOn(m_server, QStringLiteral("listen"), m_config.listenHost, m_config.listenPort,
                  error))
        return false;
    if (m_adminServer && !listenOn(m_adminServer, QStringLiteral("admin_listen"),
                                   m_config.adminListenHost, m_config.adminListenPort, error))
        return false;

    m_catalog->start();
    m_governor->start();
    m_alerts->start();

    const QString scheme = m_tls ? QStringLiteral("https") : QStringLiteral("http");
    qCInfo(lcDaemon).noquote() << QStringLiteral("aicarpoold %1 listening on %2://%3:%4 "
                                                 "(database %5, data %6)")
                                      .arg(QStringLiteral(AICARPOOL_VERSION), scheme,
                                           m_server->serverAddress().toString())
                                      .arg(port())
                                      .arg(m_config.database.redacted(), m_config.dataDir);
    if (m_adminServer)
        qCInfo(lcDaemon).noquote() << QStringLiteral("admin API and /metrics on %1://%2:%3 only")
                                          .arg(scheme, m_adminServer->serverAddress().toString())
                                          .arg(adminPort());
    return true;
}

bool Daemon::listenOn(HttpServer *server, const QString &setting, const QString &host, quint16 port,
                      QString *error)
{
    QHostAddress address;
    if (host == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (host == QLatin1String("*") || host.isEmpty())
        address = QHostAddress::Any;
    else
        address = QHostAddress(host);
    if (address.isNull()) {
        *error = QStringLiteral("%1: \"%2\" is not an IP address; use e.g. 127.0.0.1 or 0.0.0.0")
                     .arg(setting, host);
        return false;
    }
    if (!server->listen(address, port)) {
        *error = QStringLiteral("%1: cannot listen on %2:%3: %4")
                     .arg(setting, host)
                     .arg(port)
                     .arg(server->errorString());
        return false;
    }
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
        ok = AdminBootstrap::run(db, m_config.dataDir, error);
    db = QSqlDatabase();
    Database::close(name);
    return ok;
}

void Daemon::registerRoutes()
{
    m_health->registerRoutes(m_router);
    InvitePage::registerRoutes(m_router);
    m_router.add(
        "GET", QStringLiteral("/metrics"),
        [this](const HttpRequest &, const HttpResponderPtr &r) {
            r->send(200, m_metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
        },
        HttpSurface::Admin);
    m_router.setDefaultSurface(HttpSurface::Relay);
    m_relay->registerRoutes(m_router);
    m_router.setDefaultSurface(HttpSurface::Admin);
    m_admin->setUsageFeed(&m_ledger->feed());
    m_admin->registerRoutes(m_router);
    m_router.setDefaultSurface(HttpSurface::Both);
}

void Daemon::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    if (m_server)
        m_server->close();
    if (m_adminServer)
        m_adminServer->close();
    // Calls in flight may end for a few seconds, so that what they cost reaches the ledger and
    // the shared quota and budget counters before the governor's last commit.
    if (m_relay && m_relay->activeUpstreamCalls() > 0) {
        QEventLoop drain;
        QTimer poll;
        QElapsedTimer waited;
        waited.start();
        QObject::connect(&poll, &QTimer::timeout, &drain, [&] {
            if (m_relay->activeUpstreamCalls() == 0 || waited.elapsed() >= kShutdownDrainMs)
                drain.quit();
        });
        poll.start(20);
        drain.exec();
        if (m_relay->activeUpstreamCalls() > 0)
            qWarning().noquote() << QStringLiteral(
                                        "stopping with %1 call(s) still in flight; their cost "
                                        "reaches the ledger from the spool at the next start")
                                        .arg(m_relay->activeUpstreamCalls());
    }
    // Then every connection ends, calls still in flight with it (each is recorded as ended by
    // its client), while the ledger and everything else they use still run. The admin server
    // first: /metrics, which it serves when it exists, reads the main server.
    if (m_adminServer)
        m_adminServer->shutDown();
    if (m_server)
        m_server->shutDown();
    if (m_catalog)
        m_catalog->stop();
    if (m_alerts)
        m_alerts->stop();
    if (m_alertDispatcher)
        m_alertDispatcher->stop();
    // Commits what the calls used and returns unused leases before the worker stops.
    if (m_governor)
        m_governor->stop();
    if (m_governanceDb)
        m_governanceDb->stop();
    if (m_ledger)
        m_ledger->stop();
    if (m_retention)
        m_retention->stop();
    if (m_mail)
        m_mail->stop(); // before the database: a last outcome may still be recorded
    if (m_db)
        m_db->stop();
}
