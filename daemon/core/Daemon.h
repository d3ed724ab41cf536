// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Metrics.h"
#include "config/DaemonConfig.h"
#include "http/HttpRouter.h"
#include "pricing/PriceTable.h"

#include <QObject>

#include <memory>

class AdminApi;
class AlertDispatcher;
class AlertEngine;
class Catalog;
class DbWorker;
class Governor;
class MailQueue;
class HealthRoutes;
class HttpServer;
class Ledger;
class LedgerRetention;
class RelayService;
class RoutingService;
class SecretBox;
class TlsContext;
class TokenSigner;
class UpstreamClient;

// The composition root: constructs configuration, storage, the ledger, the catalog, the relay
// and the admin API, connects them to one HTTP server, and starts and stops them. start() does
// everything that can fail and reports it in one line. It holds no logic of its own.
class Daemon : public QObject
{
    Q_OBJECT
public:
    explicit Daemon(const DaemonConfig &config, QObject *parent = nullptr);
    ~Daemon() override;

    bool start(QString *error);
    // Stops listening, lets calls in flight end for up to kShutdownDrainMs, then stops the
    // rest (the last commit of quota and budget counters, the ledger).
    void stop();
    static constexpr qint64 kShutdownDrainMs = 5000;

    quint16 port() const;
    quint16 adminPort() const; // 0 without admin_listen

    // SIGHUP: re-reads the TLS certificate and key (a bad file keeps the current ones). Open
    // connections and streams are not touched.
    void reload();

private:
    bool prepareStorage(QString *error);
    void registerRoutes();
    bool listenOn(HttpServer *server, const QString &setting, const QString &host, quint16 port,
                  QString *error);

    DaemonConfig m_config;
    Metrics m_metrics;
    PriceTable m_prices;
    std::unique_ptr<SecretBox> m_secrets;
    std::unique_ptr<TokenSigner> m_signer;
    DbWorker *m_db = nullptr;
    // Quotas and budgets, with a database worker of their own so lease requests never wait
    // behind admin queries.
    DbWorker *m_governanceDb = nullptr;
    Governor *m_governor = nullptr;
    std::unique_ptr<Ledger> m_ledger;
    LedgerRetention *m_retention = nullptr; // child of this
    UpstreamClient *m_upstream = nullptr;
    std::unique_ptr<RoutingService> m_routing;
    Catalog *m_catalog = nullptr;
    std::unique_ptr<RelayService> m_relay;
    AdminApi *m_admin = nullptr;
    std::unique_ptr<HealthRoutes> m_health;
    std::unique_ptr<MailQueue> m_mail;
    AlertDispatcher *m_alertDispatcher = nullptr;
    AlertEngine *m_alerts = nullptr;
    HttpServer *m_server = nullptr;
    HttpServer *m_adminServer = nullptr; // admin_listen
    std::shared_ptr<TlsContext> m_tls;
    HttpRouter m_router;
    bool m_stopped = false;
};
