// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/DaemonConfig.h"
#include "core/Metrics.h"
#include "http/HttpRouter.h"
#include "pricing/PriceTable.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include <memory>

class AdminApi;
class DbWorker;
class HttpServer;
class Ledger;
class RelayService;
class RoutingService;
class SecretBox;
class TlsContext;
class TokenSigner;
class UpstreamClient;

// The daemon: wires configuration, storage, the ledger, the relay and the admin API to one HTTP
// server. start() does everything that can fail and reports it in one line.
class Daemon : public QObject
{
    Q_OBJECT
public:
    explicit Daemon(const DaemonConfig &config, QObject *parent = nullptr);
    ~Daemon() override;

    bool start(QString *error);
    void stop();

    quint16 port() const;
    quint16 adminPort() const; // 0 without admin_listen

    // SIGHUP: re-reads the TLS certificate and key (a bad file keeps the current ones). Open
    // connections and streams are not touched.
    void reload();

private:
    bool prepareStorage(QString *error);
    bool bootstrapAdmin(QSqlDatabase &db, QString *error);
    void registerRoutes();
    bool listenOn(HttpServer *server, const QString &setting, const QString &host, quint16 port,
                  QString *error);
    void pollDataVersion();
    // Reloads keys/accounts; `then` runs once a reload that started after this call is live.
    void reloadSnapshot(std::function<void()> then = {});
    void flushKeyUse();
    void health(const HttpRequest &request, const HttpResponderPtr &responder);

    DaemonConfig m_config;
    QElapsedTimer m_uptime;
    Metrics m_metrics;
    PriceTable m_prices;
    std::unique_ptr<SecretBox> m_secrets;
    std::unique_ptr<TokenSigner> m_signer;
    DbWorker *m_db = nullptr;
    std::unique_ptr<Ledger> m_ledger;
    UpstreamClient *m_upstream = nullptr;
    std::unique_ptr<RoutingService> m_routing;
    std::unique_ptr<RelayService> m_relay;
    AdminApi *m_admin = nullptr;
    HttpServer *m_server = nullptr;
    HttpServer *m_adminServer = nullptr; // admin_listen
    std::shared_ptr<TlsContext> m_tls;
    HttpRouter m_router;
    QTimer m_pollTimer;
    QTimer m_keyUseTimer;
    qint64 m_dataVersion = -1;
    bool m_reloading = false;
    bool m_reloadAgain = false;
    QList<std::function<void()>> m_waitingForReload;  // for the next reload
    QList<std::function<void()>> m_waitingForCurrent; // for the running one
    bool m_stopped = false;
};
