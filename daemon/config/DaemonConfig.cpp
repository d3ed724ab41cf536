// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/DaemonConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

#include <unistd.h>

namespace {

// One raw setting value and where it came from, for error messages.
struct RawValue
{
    QString value;
    QString source; // e.g. "--listen", "AICARPOOL_LISTEN", "/etc/aicarpool.conf:4"
};

const char *const Keys[] = {"listen",
                            "data_dir",
                            "database",
                            "master_key_file",
                            "prices_file",
                            "max_body_bytes",
                            "max_connections",
                            "idle_timeout",
                            "request_timeout",
                            "upstream_connect_timeout",
                            "upstream_timeout",
                            "token_ttl",
                            "refresh_ttl",
                            "log_level",
                            "workers",
                            "spread_workers",
                            "oauth_authorize_url",
                            "oauth_token_url",
                            "oauth_client_id",
                            "oauth_redirect_uri",
                            "oauth_scopes",
                            "max_attempts",
                            "session_ttl",
                            "session_header",
                            "probe_interval",
                            "tls_cert_file",
                            "tls_key_file",
                            "admin_listen",
                            "max_inflight_body_bytes",
                            "max_connections_per_address",
                            "client_buffer_limit",
                            "client_write_timeout",
                            "smtp_host",
                            "smtp_port",
                            "smtp_security",
                            "smtp_user",
                            "smtp_password",
                            "smtp_from",
                            "public_url",
                            "quota_timezone",
                            "alert_private_targets",
                            "governance_db_grace_seconds",
                            "governance_default_output_tokens",
                            "ledger_retention_days",
                            "alert_interval_ms"};

QString envName(const QString &key)
{
    return QStringLiteral("AICARPOOL_") + key.toUpper();
}

QString describe(const RawValue &raw, const QString &key)
{
    if (raw.source.startsWith(QLatin1String("--")) ||
        raw.source.startsWith(QLatin1String("AICARPOOL_")))
        return raw.source;
    return QStringLiteral("%1 (%2)").arg(key, raw.source);
}

QString invalid(const RawValue &raw, const QString &key, const QString &expected)
{
    return QStringLiteral("invalid %1 \"%2\": %3").arg(describe(raw, key), raw.value, expected);
}

bool parseListen(const QString &text, QString *host, quint16 *port)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString h = text.left(colon);
    const QString p = text.mid(colon + 1);
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']'))) {
        h = h.mid(1, h.size() - 2);
        QHostAddress address;
        if (!address.setAddress(h) || address.protocol() != QAbstractSocket::IPv6Protocol)
            return false;
    } else if (h.contains(QLatin1Char(':')) || h.contains(QLatin1Char('[')) ||
               h.contains(QLatin1Char(']'))) {
        return false; // IPv6 addresses need brackets: [::1]:8787
    }
    if (h.isEmpty() || h.contains(QLatin1Char(' ')) || h.contains(QLatin1Char('/')))
        return false;
    if (p.isEmpty() || p.size() > 5)
        return false;
    for (QChar c : p) {
        if (!c.isDigit())
            return false;
    }
    const int n = p.toInt();
    if (n < 0 || n > 65535)
        return false;
    *host = h;
    *port = quint16(n);
    return true;
}

// Digits with an optional unit suffix; the suffix table maps lower-case suffix to multiplier.
bool parseWithUnit(const QString &text, const QList<QPair<QString, qint64>> &units, qint64 min,
                   qint64 max, qint64 *out)
{
    const QString t = text.trimmed().toLower();
    int digits = 0;
    while (digits < t.size() && t.at(digits).isDigit())
        ++digits;
    if (digits == 0 || digits > 15)
        return false;
    const qint64 number = t.left(digits).toLongLong();
    const QString suffix = t.mid(digits).trimmed();
    qint64 multiplier = 0;
    for (const auto &unit : units) {
        if (unit.first == suffix) {
            multiplier = unit.second;
            break;
        }
    }
    if (multiplier == 0)
        return false;
    if (number > max / multiplier)
        return false;
    const qint64 value = number * multiplier;
    if (value < min || value > max)
        return false;
    *out = value;
    return true;
}

const QList<QPair<QString, qint64>> &sizeUnits()
{
    static const QList<QPair<QString, qint64>> units = {
        {QString(), 1},
        {QStringLiteral("b"), 1},
        {QStringLiteral("k"), 1024},
        {QStringLiteral("kb"), 1024},
        {QStringLiteral("kib"), 1024},
        {QStringLiteral("m"), 1024 * 1024},
        {QStringLiteral("mb"), 1024 * 1024},
        {QStringLiteral("mib"), 1024 * 1024},
        {QStringLiteral("g"), 1024LL * 1024 * 1024},
        {QStringLiteral("gb"), 1024LL * 1024 * 1024},
        {QStringLiteral("gib"), 1024LL * 1024 * 1024}};
    return units;
}

const QList<QPair<QString, qint64>> &durationUnits()
{
    static const QList<QPair<QString, qint64>> units = {{QString(), 1},
                                                        {QStringLiteral("s"), 1},
                                                        {QStringLiteral("m"), 60},
                                                        {QStringLiteral("h"), 3600},
                                                        {QStringLiteral("d"), 86400}};
    return units;
}

QString absolutePath(const QString &path)
{
    return QDir::cleanPath(QDir::current().absoluteFilePath(path));
}

// Reads the config file into `values`. Returns false with *error on failure.
bool readConfigFile(const QString &path, QHash<QString, RawValue> *values, QString *error)
{
    QFile file(path);
    if (!QFileInfo(path).isFile()) {
        *error = QStringLiteral("config file \"%1\" not found: check --config or AICARPOOL_CONFIG")
                     .arg(path);
        return false;
    }
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read config file \"%1\": %2").arg(path, file.errorString());
        return false;
    }
    const QStringList keys = DaemonConfig::knownKeys();
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        QString line = QString::fromUtf8(file.readLine());
        if (lineNumber == 1 && line.startsWith(QChar(0xFEFF)))
            line.remove(0, 1);
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) ||
            line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']')))
            continue;
        const QString where = QStringLiteral("%1:%2").arg(path).arg(lineNumber);
        const int eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            *error = QStringLiteral("%1: expected \"key = value\", e.g. listen = 127.0.0.1:8787")
                         .arg(where);
            return false;
        }
        const QString key =
            line.left(eq).trimmed().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
        QString value = line.mid(eq + 1).trimmed();
        if (value.size() >= 2 &&
            ((value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"'))) ||
             (value.startsWith(QLatin1Char('\'')) && value.endsWith(QLatin1Char('\'')))))
            value = value.mid(1, value.size() - 2);
        if (!keys.contains(key)) {
            *error = QStringLiteral("%1: unknown setting \"%2\" (known: %3)")
                         .arg(where, line.left(eq).trimmed(), keys.join(QLatin1String(", ")));
            return false;
        }
        values->insert(key, RawValue{value, where});
    }
    return true;
}

} // namespace

QStringList DaemonConfig::knownKeys()
{
    QStringList keys;
    for (const char *key : Keys)
        keys << QString::fromLatin1(key);
    return keys;
}

bool DaemonConfig::runningAsRoot()
{
    return ::geteuid() == 0;
}

QString DaemonConfig::defaultDataDir(const QProcessEnvironment &env, bool asRoot)
{
    if (asRoot)
        return QStringLiteral("/var/lib/aicarpool");
    const QString xdg = env.value(QStringLiteral("XDG_DATA_HOME"));
    if (!xdg.isEmpty() && QDir::isAbsolutePath(xdg))
        return QDir::cleanPath(xdg + QStringLiteral("/aicarpool"));
    QString home = env.value(QStringLiteral("HOME"));
    if (home.isEmpty())
        home = QDir::homePath();
    return QDir::cleanPath(home + QStringLiteral("/.local/share/aicarpool"));
}

QString DaemonConfig::helpText()
{
    return QStringLiteral(
               "Usage: aicarpoold [--config FILE] [--data-dir DIR] [--listen HOST:PORT] "
               "[--admin-listen HOST:PORT] [--database URL]\n"
               "\n"
               "aicarpool daemon: relays AI-provider API calls for a team and records their "
               "usage.\n"
               "\n"
               "Options:\n"
               "  --config FILE       read settings from FILE (key = value lines)\n"
               "  --data-dir DIR      data directory (database, master key, initial password)\n"
               "  --listen HOST:PORT  address to listen on (default 127.0.0.1:8787)\n"
               "  --admin-listen HOST:PORT\n"
               "                      serve the admin API and /metrics only on this address\n"
               "  --database URL      sqlite:///path/aicarpool.db (default "
               "<data-dir>/aicarpool.db)\n"
               "                      or mysql://user:password@host:3306/database\n"
               "  --help              show this help\n"
               "  --version           show the version\n"
               "\n"
               "Precedence: flag > environment (AICARPOOL_CONFIG, AICARPOOL_DATA_DIR, "
               "AICARPOOL_LISTEN,\n"
               "AICARPOOL_DATABASE, AICARPOOL_<KEY>) > config file > default.\n"
               "Config file keys: %1\n")
        .arg(knownKeys().join(QLatin1String(", ")));
}

std::optional<DaemonConfig> DaemonConfig::load(const QStringList &arguments,
                                               const QProcessEnvironment &env, QString *error,
                                               bool *exitNow, QString *message)
{
    QString dummy;
    if (!error)
        error = &dummy;
    error->clear();
    if (exitNow)
        *exitNow = false;

    // --- Flags ---
    static const QHash<QString, QString> flagKeys = {
        {QStringLiteral("--data-dir"), QStringLiteral("data_dir")},
        {QStringLiteral("--listen"), QStringLiteral("listen")},
        {QStringLiteral("--admin-listen"), QStringLiteral("admin_listen")},
        {QStringLiteral("--database"), QStringLiteral("database")}};
    static const QHash<QString, QString> flagExamples = {
        {QStringLiteral("--config"), QStringLiteral("/etc/aicarpool/aicarpoold.conf")},
        {QStringLiteral("--data-dir"), QStringLiteral("/var/lib/aicarpool")},
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:8787")},
        {QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:8788")},
        {QStringLiteral("--database"), QStringLiteral("sqlite:///var/lib/aicarpool/aicarpool.db")}};

    QHash<QString, RawValue> flags;
    std::optional<RawValue> configFlag;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            if (exitNow)
                *exitNow = true;
            if (message)
                *message = helpText();
            return std::nullopt;
        }
        if (arg == QLatin1String("--version") || arg == QLatin1String("-V")) {
            if (exitNow)
                *exitNow = true;
            if (message)
                *message = QStringLiteral("aicarpoold %1\n").arg(QLatin1String(AICARPOOL_VERSION));
            return std::nullopt;
        }
    }
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        QString name = arg;
        QString value;
        bool hasValue = false;
        const int eq = arg.indexOf(QLatin1Char('='));
        if (arg.startsWith(QLatin1String("--")) && eq > 0) {
            name = arg.left(eq);
            value = arg.mid(eq + 1);
            hasValue = true;
        }
        if (!flagExamples.contains(name)) {
            *error =
                arg.startsWith(QLatin1Char('-'))
                    ? QStringLiteral("unknown option \"%1\": see aicarpoold --help").arg(name)
                    : QStringLiteral("unexpected argument \"%1\": see aicarpoold --help").arg(arg);
            return std::nullopt;
        }
        if (!hasValue) {
            if (i + 1 >= arguments.size()) {
                *error = QStringLiteral("option %1 needs a value, e.g. %1 %2")
                             .arg(name, flagExamples.value(name));
                return std::nullopt;
            }
            value = arguments.at(++i);
        }
        if (value.trimmed().isEmpty()) {
            *error = QStringLiteral("option %1 needs a non-empty value, e.g. %1 %2")
                         .arg(name, flagExamples.value(name));
            return std::nullopt;
        }
        if (name == QLatin1String("--config"))
            configFlag = RawValue{value, name};
        else
            flags.insert(flagKeys.value(name), RawValue{value, name});
    }

    // --- Config file (flag > environment), then layer environment and flags on top ---
    QHash<QString, RawValue> values;
    QString configPath;
    if (configFlag)
        configPath = configFlag->value;
    else if (!env.value(QStringLiteral("AICARPOOL_CONFIG")).trimmed().isEmpty())
        configPath = env.value(QStringLiteral("AICARPOOL_CONFIG")).trimmed();
    if (!configPath.isEmpty()) {
        configPath = absolutePath(configPath);
        if (!readConfigFile(configPath, &values, error))
            return std::nullopt;
    }
    for (const QString &key : knownKeys()) {
        const QString name = envName(key);
        const QString value = env.value(name);
        if (!value.trimmed().isEmpty())
            values.insert(key, RawValue{value.trimmed(), name});
    }
    for (auto it = flags.constBegin(); it != flags.constEnd(); ++it)
        values.insert(it.key(), it.value());

    DaemonConfig c;
    c.configFile = configPath;

    if (values.contains(QStringLiteral("listen"))) {
        const RawValue &raw = values[QStringLiteral("listen")];
        if (!parseListen(raw.value, &c.listenHost, &c.listenPort)) {
            *error = invalid(raw, QStringLiteral("listen"),
                             QStringLiteral("expected HOST:PORT, e.g. 127.0.0.1:8787 or "
                                            "[::1]:8787"));
            return std::nullopt;
        }
    }

    if (values.contains(QStringLiteral("admin_listen"))) {
        const RawValue &raw = values[QStringLiteral("admin_listen")];
        if (!parseListen(raw.value, &c.adminListenHost, &c.adminListenPort)) {
            *error = invalid(raw, QStringLiteral("admin_listen"),
                             QStringLiteral("expected HOST:PORT, e.g. 127.0.0.1:8788"));
            return std::nullopt;
        }
        if (c.adminListenPort != 0 && c.adminListenPort == c.listenPort) {
            *error = invalid(raw, QStringLiteral("admin_listen"),
                             QStringLiteral("uses the same port as listen (%1); pick another "
                                            "port, e.g. 8788")
                                 .arg(c.listenPort));
            return std::nullopt;
        }
    }

    const auto pathSetting = [&](const QString &key, QString *out) {
        if (values.contains(key))
            *out = absolutePath(values[key].value);
    };
    c.dataDir = defaultDataDir(env, runningAsRoot());
    pathSetting(QStringLiteral("data_dir"), &c.dataDir);
    c.masterKeyFile = c.dataDir + QStringLiteral("/master.key");
    pathSetting(QStringLiteral("master_key_file"), &c.masterKeyFile);
    pathSetting(QStringLiteral("prices_file"), &c.pricesFile);
    if (!c.pricesFile.isEmpty() && !QFileInfo(c.pricesFile).isFile()) {
        const RawValue &raw = values[QStringLiteral("prices_file")];
        *error = invalid(raw, QStringLiteral("prices_file"),
                         QStringLiteral("file not found; give the path of a JSON price table"));
        return std::nullopt;
    }

    // TLS: both files or neither; their content is checked when the daemon starts.
    pathSetting(QStringLiteral("tls_cert_file"), &c.tlsCertFile);
    pathSetting(QStringLiteral("tls_key_file"), &c.tlsKeyFile);
    if (c.tlsCertFile.isEmpty() != c.tlsKeyFile.isEmpty()) {
        const QString set = c.tlsCertFile.isEmpty() ? QStringLiteral("tls_key_file")
                                                    : QStringLiteral("tls_cert_file");
        const QString missing = c.tlsCertFile.isEmpty() ? QStringLiteral("tls_cert_file")
                                                        : QStringLiteral("tls_key_file");
        *error = QStringLiteral("%1 is set but %2 is not: TLS needs both the certificate and "
                                "its private key (or neither for plain HTTP)")
                     .arg(describe(values[set], set), missing);
        return std::nullopt;
    }

    c.databaseUrl = QStringLiteral("sqlite://") + c.dataDir + QStringLiteral("/aicarpool.db");
    if (values.contains(QStringLiteral("database")))
        c.databaseUrl = values[QStringLiteral("database")].value;
    {
        QString urlError;
        const auto url = DatabaseUrl::parse(c.databaseUrl, &urlError);
        if (!url) {
            if (values.contains(QStringLiteral("database"))) {
                const RawValue &raw = values[QStringLiteral("database")];
                // urlError already quotes the (redacted) URL.
                *error = QStringLiteral("%1: %2").arg(describe(raw, QStringLiteral("database")),
                                                      urlError);
            } else {
                *error = QStringLiteral("default database: %1 (set --data-dir to an absolute "
                                        "directory)")
                             .arg(urlError);
            }
            return std::nullopt;
        }
        c.database = *url;
    }

    struct IntSetting
    {
        const char *key;
        qint64 min;
        qint64 max;
        bool isSize;
        const char *expected;
    };
    const IntSetting intSettings[] = {
        {"max_body_bytes", 1024, 16LL * 1024 * 1024 * 1024, true,
         "expected a size from 1K to 16G, e.g. 32M or 33554432"},
        {"max_connections", 1, 1000000, false, "expected a number from 1 to 1000000, e.g. 4096"},
        {"max_inflight_body_bytes", 1024 * 1024, 64LL * 1024 * 1024 * 1024, true,
         "expected a size from 1M to 64G, e.g. 256M"},
        {"max_connections_per_address", 0, 1000000, false,
         "expected a number from 0 (no cap) to 1000000, e.g. 64"},
        {"client_buffer_limit", 16 * 1024, 1024LL * 1024 * 1024, true,
         "expected a size from 16K to 1G, e.g. 1M"},
        {"client_write_timeout", 1, 86400, false,
         "expected a duration from 1s to 1d, e.g. 300 or 5m"},
        {"max_attempts", 1, 10, false,
         "expected the number of accounts to try per request, from 1 to 10, e.g. 3"},
        {"session_ttl", 60, 30LL * 86400, false,
         "expected a duration from 60s to 30d, e.g. 3600 or 1h"},
        {"probe_interval", 0, 86400, false,
         "expected a duration from 0 (no probes) to 1d, e.g. 30 or 30s"},
        {"workers", 0, 64, false,
         "expected a number of HTTP threads from 0 (one per CPU core) to 64, e.g. 2"},
        {"idle_timeout", 1, 86400, false,
         "expected a duration from 1s to 1d, e.g. 60 or 60s or 2m"},
        {"request_timeout", 1, 86400, false, "expected a duration from 1s to 1d, e.g. 30 or 30s"},
        {"upstream_connect_timeout", 1, 3600, false,
         "expected a duration from 1s to 1h, e.g. 10 or 10s"},
        {"upstream_timeout", 1, 86400, false, "expected a duration from 1s to 1d, e.g. 600 or 10m"},
        {"token_ttl", 60, 30LL * 86400, false,
         "expected a duration from 60s to 30d, e.g. 3600 or 1h"},
        {"refresh_ttl", 60, 3650LL * 86400, false,
         "expected a duration from 60s to 3650d, e.g. 30d"},
        {"governance_db_grace_seconds", 0, 7LL * 86400, false,
         "expected a duration from 0 to 7d, e.g. 300 or 5m"},
        {"governance_default_output_tokens", 1, 10000000, false,
         "expected a number of tokens from 1 to 10000000, e.g. 4096"},
        {"ledger_retention_days", 0, 36500, false,
         "expected a number of days from 0 (keep the ledger forever) to 36500, e.g. 365"},
        {"alert_interval_ms", 100, 3600000, false,
         "expected milliseconds between alert evaluations, from 100 to 3600000, e.g. 5000"},
    };
    for (const IntSetting &s : intSettings) {
        const QString key = QString::fromLatin1(s.key);
        if (!values.contains(key))
            continue;
        const RawValue &raw = values[key];
        qint64 v = 0;
        const bool isCount = key == QLatin1String("max_connections") ||
                             key == QLatin1String("max_connections_per_address") ||
                             key == QLatin1String("workers") ||
                             key == QLatin1String("max_attempts") ||
                             key == QLatin1String("governance_default_output_tokens") ||
                             key == QLatin1String("ledger_retention_days") ||
                             key == QLatin1String("alert_interval_ms");
        const auto &units = s.isSize  ? sizeUnits()
                            : isCount ? QList<QPair<QString, qint64>>{{QString(), 1}}
                                      : durationUnits();
        if (!parseWithUnit(raw.value, units, s.min, s.max, &v)) {
            *error = invalid(raw, key, QString::fromLatin1(s.expected));
            return std::nullopt;
        }
        if (key == QLatin1String("max_body_bytes"))
            c.maxBodyBytes = v;
        else if (key == QLatin1String("max_connections"))
            c.maxConnections = int(v);
        else if (key == QLatin1String("workers"))
            c.workers = int(v);
        else if (key == QLatin1String("max_inflight_body_bytes"))
            c.maxInflightBodyBytes = v;
        else if (key == QLatin1String("max_connections_per_address"))
            c.maxConnectionsPerAddress = int(v);
        else if (key == QLatin1String("client_buffer_limit"))
            c.clientBufferLimit = v;
        else if (key == QLatin1String("client_write_timeout"))
            c.clientWriteTimeoutSecs = int(v);
        else if (key == QLatin1String("max_attempts"))
            c.maxAttempts = int(v);
        else if (key == QLatin1String("session_ttl"))
            c.sessionTtlSecs = int(v);
        else if (key == QLatin1String("alert_interval_ms"))
            c.alertIntervalMs = int(v);
        else if (key == QLatin1String("probe_interval"))
            c.probeIntervalSecs = int(v);
        else if (key == QLatin1String("idle_timeout"))
            c.idleTimeoutSecs = int(v);
        else if (key == QLatin1String("request_timeout"))
            c.requestTimeoutSecs = int(v);
        else if (key == QLatin1String("upstream_connect_timeout"))
            c.upstreamConnectTimeoutSecs = int(v);
        else if (key == QLatin1String("upstream_timeout"))
            c.upstreamTimeoutSecs = int(v);
        else if (key == QLatin1String("token_ttl"))
            c.tokenTtlSecs = int(v);
        else if (key == QLatin1String("refresh_ttl"))
            c.refreshTtlSecs = int(v);
        else if (key == QLatin1String("governance_db_grace_seconds"))
            c.governanceDbGraceSecs = int(v);
        else if (key == QLatin1String("governance_default_output_tokens"))
            c.governanceDefaultOutputTokens = v;
        else if (key == QLatin1String("ledger_retention_days"))
            c.ledgerRetentionDays = int(v);
    }

    // OAuth (Claude subscription accounts): endpoints must be http(s) URLs.
    for (const char *k : {"oauth_authorize_url", "oauth_token_url", "oauth_redirect_uri"}) {
        const QString key = QString::fromLatin1(k);
        if (!values.contains(key))
            continue;
        const RawValue &raw = values[key];
        const QUrl url(raw.value, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
            *error = invalid(raw, key, QStringLiteral("expected an http(s) URL"));
            return std::nullopt;
        }
        QString *target = key == QLatin1String("oauth_authorize_url") ? &c.oauthAuthorizeUrl
                          : key == QLatin1String("oauth_token_url")   ? &c.oauthTokenUrl
                                                                      : &c.oauthRedirectUri;
        *target = raw.value;
    }
    if (values.contains(QStringLiteral("oauth_client_id")))
        c.oauthClientId = values[QStringLiteral("oauth_client_id")].value;
    if (values.contains(QStringLiteral("oauth_scopes")))
        c.oauthScopes = values[QStringLiteral("oauth_scopes")].value;
    if (values.contains(QStringLiteral("quota_timezone"))) {
        const RawValue &raw = values[QStringLiteral("quota_timezone")];
        if (raw.value != QLatin1String("UTC") &&
            !QTimeZone::isTimeZoneIdAvailable(raw.value.toUtf8())) {
            *error = invalid(raw, QStringLiteral("quota_timezone"),
                             QStringLiteral("expected an IANA time zone name, e.g. UTC or "
                                            "Europe/Berlin"));
            return std::nullopt;
        }
        c.quotaTimeZone = raw.value;
    }
    if (values.contains(QStringLiteral("spread_workers"))) {
        const RawValue &raw = values[QStringLiteral("spread_workers")];
        const QString v = raw.value.toLower();
        if (v == QLatin1String("on") || v == QLatin1String("true") || v == QLatin1String("yes") ||
            v == QLatin1String("1"))
            c.spreadWorkers = true;
        else if (v == QLatin1String("off") || v == QLatin1String("false") ||
                 v == QLatin1String("no") || v == QLatin1String("0"))
            c.spreadWorkers = false;
        else {
            *error = invalid(raw, QStringLiteral("spread_workers"),
                             QStringLiteral("expected on or off"));
            return std::nullopt;
        }
    }
    if (values.contains(QStringLiteral("alert_private_targets"))) {
        const RawValue &raw = values[QStringLiteral("alert_private_targets")];
        if (raw.value != QLatin1String("system") && raw.value != QLatin1String("any")) {
            *error = invalid(raw, QStringLiteral("alert_private_targets"),
                             QStringLiteral("expected system (only system-wide alert channels may "
                                            "reach private addresses) or any"));
            return std::nullopt;
        }
        c.alertPrivateTargetsForAll = raw.value == QLatin1String("any");
    }
    if (values.contains(QStringLiteral("session_header"))) {
        const RawValue &raw = values[QStringLiteral("session_header")];
        static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"));
        if (!token.match(raw.value).hasMatch()) {
            *error = invalid(raw, QStringLiteral("session_header"),
                             QStringLiteral("expected an HTTP header name, e.g. x-session-id"));
            return std::nullopt;
        }
        c.sessionHeader = raw.value.toLower();
    }

    // Outgoing mail.
    if (values.contains(QStringLiteral("smtp_host"))) {
        const RawValue &raw = values[QStringLiteral("smtp_host")];
        if (raw.value.contains(QLatin1Char('/')) || raw.value.contains(QLatin1Char(' ')) ||
            raw.value.contains(QLatin1Char('@'))) {
            *error = invalid(raw, QStringLiteral("smtp_host"),
                             QStringLiteral("expected a host name or address, e.g. "
                                            "smtp.example.com"));
            return std::nullopt;
        }
        c.smtpHost = raw.value;
    }
    if (values.contains(QStringLiteral("smtp_port"))) {
        const RawValue &raw = values[QStringLiteral("smtp_port")];
        qint64 port = 0;
        if (!parseWithUnit(raw.value, {{QString(), 1}}, 1, 65535, &port)) {
            *error = invalid(raw, QStringLiteral("smtp_port"),
                             QStringLiteral("expected a port from 1 to 65535, e.g. 587"));
            return std::nullopt;
        }
        c.smtpPort = quint16(port);
    }
    if (values.contains(QStringLiteral("smtp_security"))) {
        const RawValue &raw = values[QStringLiteral("smtp_security")];
        const QString v = raw.value.trimmed().toLower();
        if (v != QLatin1String("none") && v != QLatin1String("starttls") &&
            v != QLatin1String("tls")) {
            *error = invalid(raw, QStringLiteral("smtp_security"),
                             QStringLiteral("expected none, starttls or tls"));
            return std::nullopt;
        }
        c.smtpSecurity = v;
    }
    if (values.contains(QStringLiteral("smtp_user")))
        c.smtpUser = values[QStringLiteral("smtp_user")].value;
    if (values.contains(QStringLiteral("smtp_password")))
        c.smtpPassword = values[QStringLiteral("smtp_password")].value;
    if (values.contains(QStringLiteral("smtp_from"))) {
        const RawValue &raw = values[QStringLiteral("smtp_from")];
        static const QRegularExpression mailbox(
            QStringLiteral(R"(^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$)"));
        if (!mailbox.match(raw.value).hasMatch()) {
            *error = invalid(raw, QStringLiteral("smtp_from"),
                             QStringLiteral("expected an address, e.g. carpool@example.com or "
                                            "\"aicarpool <carpool@example.com>\""));
            return std::nullopt;
        }
        c.smtpFrom = raw.value;
    }
    if (values.contains(QStringLiteral("public_url"))) {
        const RawValue &raw = values[QStringLiteral("public_url")];
        const QUrl url(raw.value, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || url.hasQuery() || url.hasFragment() ||
            (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
            *error = invalid(raw, QStringLiteral("public_url"),
                             QStringLiteral("expected the http(s) address users open, e.g. "
                                            "https://carpool.example.com"));
            return std::nullopt;
        }
        c.publicUrl = raw.value;
        while (c.publicUrl.endsWith(QLatin1Char('/')))
            c.publicUrl.chop(1);
    }

    if (values.contains(QStringLiteral("log_level"))) {
        const RawValue &raw = values[QStringLiteral("log_level")];
        QString level = raw.value.trimmed().toLower();
        if (level == QLatin1String("warn"))
            level = QStringLiteral("warning");
        static const QStringList levels = {QStringLiteral("debug"), QStringLiteral("info"),
                                           QStringLiteral("warning"), QStringLiteral("error")};
        if (!levels.contains(level)) {
            *error = invalid(raw, QStringLiteral("log_level"),
                             QStringLiteral("expected debug, info, warning or error"));
            return std::nullopt;
        }
        c.logLevel = level;
    }
    return c;
}

QString DaemonConfig::summary() const
{
    const QString listen = listenHost.contains(QLatin1Char(':'))
                               ? QStringLiteral("[%1]:%2").arg(listenHost).arg(listenPort)
                               : QStringLiteral("%1:%2").arg(listenHost).arg(listenPort);
    return QStringLiteral("config file: %1\n"
                          "listen: %2\n"
                          "data dir: %3\n"
                          "database: %4\n"
                          "master key file: %5\n"
                          "prices file: %6\n"
                          "max body: %7 bytes, max connections: %8\n"
                          "timeouts (s): idle %9, request %10, upstream connect %11, upstream %12\n"
                          "token ttl: %13 s, refresh ttl: %14 s, log level: %15\n"
                          "tls: %16\n"
                          "admin listen: %17\n"
                          "smtp: %18, public url: %19")
        .arg(configFile.isEmpty() ? QStringLiteral("(none)") : configFile, listen, dataDir,
             database.redacted(), masterKeyFile,
             pricesFile.isEmpty() ? QStringLiteral("(built-in)") : pricesFile)
        .arg(maxBodyBytes)
        .arg(maxConnections)
        .arg(idleTimeoutSecs)
        .arg(requestTimeoutSecs)
        .arg(upstreamConnectTimeoutSecs)
        .arg(upstreamTimeoutSecs)
        .arg(tokenTtlSecs)
        .arg(refreshTtlSecs)
        .arg(logLevel)
        .arg(tlsEnabled() ? QStringLiteral("certificate %1, key %2").arg(tlsCertFile, tlsKeyFile)
                          : QStringLiteral("off (plain HTTP)"),
             hasAdminListener()
                 ? (adminListenHost.contains(QLatin1Char(':'))
                        ? QStringLiteral("[%1]:%2").arg(adminListenHost).arg(adminListenPort)
                        : QStringLiteral("%1:%2").arg(adminListenHost).arg(adminListenPort))
                 : QStringLiteral("(none: the admin API is on listen)"))
        .arg(
            smtpHost.isEmpty()
                ? QStringLiteral("(none)")
                : QStringLiteral("%1:%2 %3%4")
                      .arg(smtpHost,
                           smtpPort ? QString::number(smtpPort) : QStringLiteral("default"),
                           smtpSecurity,
                           smtpUser.isEmpty() ? QString() : QStringLiteral(" as %1").arg(smtpUser)),
            publicUrl.isEmpty() ? QStringLiteral("(none)") : publicUrl);
}
