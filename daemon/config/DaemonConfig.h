// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/DatabaseUrl.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

// The daemon's settings. Each comes, in order of precedence, from a command-line flag, an
// AICARPOOL_* environment variable, the config file, or the default.
//
// Config file: "key = value" lines, '#' starts a comment line, "[section]" lines are ignored.
// Keys (environment variable = AICARPOOL_ + the key in upper case):
//   listen, data_dir, database, master_key_file, prices_file, max_body_bytes, max_connections,
//   idle_timeout, request_timeout, upstream_connect_timeout, upstream_timeout, token_ttl,
//   refresh_ttl, log_level, workers, max_attempts, session_ttl, session_header,
//   probe_interval, tls_cert_file, tls_key_file, admin_listen, max_inflight_body_bytes,
//   max_connections_per_address, client_buffer_limit, client_write_timeout,
//   oauth_authorize_url, oauth_token_url, oauth_client_id, oauth_redirect_uri, oauth_scopes,
//   smtp_host, smtp_port, smtp_security, smtp_user, smtp_password, smtp_from, public_url,
//   ledger_retention_days
//   alert_interval_ms, alert_private_targets
// Sizes accept a K/M/G (KiB/MiB/GiB) suffix, durations an s/m/h/d suffix (default seconds).
// Relative paths are taken relative to the current directory.
struct DaemonConfig
{
    QString listenHost = QStringLiteral("127.0.0.1");
    quint16 listenPort = 8787; // 0 = any free port
    QString dataDir;
    QString databaseUrl;  // as given, possibly containing a password: never log it
    DatabaseUrl database; // parsed databaseUrl; log database.redacted()
    QString masterKeyFile;
    QString pricesFile; // optional JSON price overrides
    // TLS: both set = the listeners speak HTTPS only (PEM certificate chain and private key).
    QString tlsCertFile;
    QString tlsKeyFile;
    // A separate listener for the admin API and /metrics; empty = everything on `listen`.
    QString adminListenHost;
    quint16 adminListenPort = 0;
    qint64 maxBodyBytes = 32LL * 1024 * 1024;
    int maxConnections = 4096;
    qint64 maxInflightBodyBytes = 256LL * 1024 * 1024; // all request bodies in memory at once
    int maxConnectionsPerAddress = 64;                 // 0 = no per-address cap
    qint64 clientBufferLimit = 1024 * 1024;            // queued answer bytes before back-pressure
    int clientWriteTimeoutSecs = 300; // a client that takes no byte this long is dropped
    int workers = 0;                  // HTTP threads; 0 = one per CPU core (at most 8)
    bool spreadWorkers = true;        // move an HTTP thread waiting behind another one (Linux)
    int maxAttempts = 3;              // accounts tried per request before giving up (failover)
    int sessionTtlSecs = 3600;        // sticky-session lifetime, renewed on use
    int probeIntervalSecs = 30;       // health probes of accounts on long cooldowns; 0 = none
    // Whether enterprise-owned alert channels may post to loopback, private, link-local or
    // multicast addresses ("any"); by default ("system") only system-wide channels may.
    bool alertPrivateTargetsForAll = false;
    int alertIntervalMs = 5000; // between evaluations of the alert rules
    QString sessionHeader = QStringLiteral("x-session-id"); // client header naming a session
    int idleTimeoutSecs = 60;
    int requestTimeoutSecs = 30;
    int upstreamConnectTimeoutSecs = 10;
    int upstreamTimeoutSecs = 600;
    int tokenTtlSecs = 3600;
    int refreshTtlSecs = 30 * 24 * 3600;
    QString logLevel = QStringLiteral("info"); // debug, info, warning, error
    // Claude subscription (anthropic-oauth) accounts: the PKCE flow's endpoints and client.
    QString oauthAuthorizeUrl = QStringLiteral("https://claude.ai/oauth/authorize");
    QString oauthTokenUrl = QStringLiteral("https://console.anthropic.com/v1/oauth/token");
    QString oauthClientId = QStringLiteral("9d1c250a-e61b-44d9-88ed-5944d1962f5e");
    QString oauthRedirectUri = QStringLiteral("https://console.anthropic.com/oauth/code/callback");
    QString oauthScopes = QStringLiteral("org:create_api_key user:profile user:inference");
    // Outgoing mail (invitations). smtp_password is never logged.
    QString smtpHost;                                  // empty = no mail server
    quint16 smtpPort = 0;                              // 0 = by security: 25, 587 or 465
    QString smtpSecurity = QStringLiteral("starttls"); // none | starttls | tls
    QString smtpUser;
    QString smtpPassword;
    QString smtpFrom = QStringLiteral("aicarpool@localhost");
    // The address users open (invitation links: <public_url>/invite?token=...); empty = none.
    QString publicUrl;
    // Quotas and budgets: the time zone of days, weeks and months (IANA name); how long a
    // daemon that lost the database keeps admitting calls on hard budgets; the output tokens
    // reserved for a call that sets no max_tokens.
    QString quotaTimeZone = QStringLiteral("UTC");
    int governanceDbGraceSecs = 300;
    qint64 governanceDefaultOutputTokens = 4096;
    // Raw ledger rows (usage_records) older than this many days are purged, in small batches;
    // the usage rollups (reports) are kept. 0 = keep the ledger forever.
    int ledgerRetentionDays = 0;
    QString configFile; // the file that was read, empty if none

    // `arguments` as QCoreApplication::arguments(): the program name first.
    // Returns std::nullopt with one line in *error when a setting is bad or missing. For
    // --help and --version it returns std::nullopt with *exitNow = true and the text to print
    // in *message (and *error empty).
    static std::optional<DaemonConfig> load(const QStringList &arguments,
                                            const QProcessEnvironment &env, QString *error,
                                            bool *exitNow = nullptr, QString *message = nullptr);

    // $XDG_DATA_HOME/aicarpool, else ~/.local/share/aicarpool; /var/lib/aicarpool for root.
    static QString defaultDataDir(const QProcessEnvironment &env, bool runningAsRoot);
    static bool runningAsRoot();

    static QStringList knownKeys();
    static QString helpText();

    // A multi-line description of the effective settings, safe to log (no secrets).
    QString summary() const;

    bool tlsEnabled() const { return !tlsCertFile.isEmpty(); }
    bool hasAdminListener() const { return !adminListenHost.isEmpty(); }
};
