// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ConsoleStartup.h"

#include "api/ApiClient.h"
#include "api/KeychainSecretStore.h"
#include "api/SavedServers.h"
#include "dialogs/SignInDialog.h"
#include "i18n/LanguageManager.h"
#include "ui/MainWindow.h"
#include "ui/ScreenshotRunner.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QUrl>

#include <cstdio>

namespace {
QElapsedTimer &processClock()
{
    static QElapsedTimer clock;
    return clock;
}
} // namespace

void ConsoleStartup::markProcessStart()
{
    processClock().start();
}

qint64 ConsoleStartup::msSinceProcessStart()
{
    return processClock().isValid() ? processClock().elapsed() : -1;
}

std::optional<ConsoleStartup::Options> ConsoleStartup::parse(const QStringList &arguments,
                                                             int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("aicarpool administration console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption language(
        QStringLiteral("language"),
        QStringLiteral("Interface language: %1 (default: saved choice, else system locale).")
            .arg(LanguageManager::languages().join(QStringLiteral(", "))),
        QStringLiteral("code"));
    const QCommandLineOption server(
        QStringLiteral("server"),
        QStringLiteral("Daemon URL. With AICARPOOL_CONSOLE_EMAIL and AICARPOOL_CONSOLE_PASSWORD "
                       "set, signs in without the dialog."),
        QStringLiteral("url"));
    const QCommandLineOption screenshots(
        QStringLiteral("screenshots"),
        QStringLiteral("Sign in, save one PNG per page into <dir> and exit."),
        QStringLiteral("dir"));
    parser.addOption(language);
    parser.addOption(server);
    parser.addOption(screenshots);
    parser.process(arguments); // exits on --help, --version and unknown options

    Options o;
    o.language = parser.value(language);
    o.server = parser.value(server);
    o.screenshotsDir = parser.value(screenshots);
    o.email = qEnvironmentVariable("AICARPOOL_CONSOLE_EMAIL");
    o.password = qEnvironmentVariable("AICARPOOL_CONSOLE_PASSWORD");
    if (!o.screenshotsDir.isEmpty() &&
        (o.server.isEmpty() || o.email.isEmpty() || o.password.isEmpty())) {
        std::fprintf(stderr, "aicarpool-console: --screenshots needs --server and the "
                             "AICARPOOL_CONSOLE_EMAIL and AICARPOOL_CONSOLE_PASSWORD variables\n");
        *exitCode = 2;
        return std::nullopt;
    }
    if (!o.server.isEmpty()) {
        const QUrl url = QUrl::fromUserInput(o.server);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
            std::fprintf(stderr, "aicarpool-console: --server needs an http:// or https:// URL\n");
            *exitCode = 2;
            return std::nullopt;
        }
    }
    return o;
}

ConsoleStartup::ConsoleStartup(const Options &options, QObject *parent)
    : QObject(parent), m_options(options)
{
}

ConsoleStartup::~ConsoleStartup()
{
    // The window's pages use the client: destroy them first.
    m_screenshots.reset();
    m_window.reset();
    m_dialog.reset();
}

bool ConsoleStartup::start(int *exitCode)
{
    m_languages = std::make_unique<LanguageManager>();
    const QString language =
        m_options.language.isEmpty() ? m_languages->startupLanguage() : m_options.language;
    if (!m_languages->setLanguage(language)) {
        std::fprintf(stderr, "aicarpool-console: unknown language '%s'\n", qPrintable(language));
        *exitCode = 2;
        return false;
    }
    m_secrets = std::make_unique<KeychainSecretStore>();
    m_api = std::make_unique<ApiClient>();
    if (!m_options.server.isEmpty() && !m_options.email.isEmpty() && !m_options.password.isEmpty())
        signInAutomatically();
    else
        resumeOrAsk();
    return true;
}

void ConsoleStartup::signInAutomatically()
{
    m_api->setServerUrl(QUrl::fromUserInput(m_options.server));
    m_api->signIn(m_options.email, m_options.password, this, [this](const ApiResult &r) {
        if (!r.ok()) {
            std::fprintf(stderr, "aicarpool-console: sign-in to %s failed: %s\n",
                         qPrintable(m_options.server), qPrintable(r.errorMessage));
            QCoreApplication::exit(1);
            return;
        }
        showMainWindow();
    });
}

void ConsoleStartup::resumeOrAsk()
{
    const auto entries = SavedServers().entries();
    std::optional<SavedServers::Entry> last;
    for (const SavedServers::Entry &e : entries) {
        if (m_options.server.isEmpty() || e.url == m_options.server) {
            last = e;
            break;
        }
    }
    if (!last || !last->remembered || last->email.isEmpty()) {
        askToSignIn();
        return;
    }
    const SavedServers::Entry entry = *last;
    m_secrets->read(SecretStore::refreshTokenKey(entry.url, entry.email), this,
                    [this, entry](bool found, const QString &token, const QString &) {
                        if (!found || token.isEmpty()) {
                            askToSignIn();
                            return;
                        }
                        m_api->setServerUrl(QUrl(entry.url));
                        m_api->resume(token, this, [this](const ApiResult &r) {
                            if (r.ok())
                                showMainWindow();
                            else
                                askToSignIn();
                        });
                    });
}

void ConsoleStartup::askToSignIn()
{
    m_dialog = std::make_unique<SignInDialog>(m_api.get(), m_secrets.get());
    if (!m_options.server.isEmpty())
        m_dialog->setServer(m_options.server);
    if (!m_options.email.isEmpty())
        m_dialog->setEmail(m_options.email);
    connect(m_dialog.get(), &QDialog::accepted, this, [this] {
        m_dialog.release()->deleteLater();
        showMainWindow();
    });
    connect(m_dialog.get(), &QDialog::rejected, this, [] { QCoreApplication::exit(0); });
    m_dialog->show();
}

void ConsoleStartup::showMainWindow()
{
    m_window = std::make_unique<MainWindow>(m_api.get(), m_secrets.get(), m_languages.get());
    connect(m_window.get(), &MainWindow::quitRequested, this, [] { QCoreApplication::exit(0); });
    m_window->show();
    if (qEnvironmentVariableIsSet("AICARPOOL_CONSOLE_TIMING"))
        std::fprintf(stderr,
                     "aicarpool-console: signed in, main window shown %lld ms after start\n",
                     msSinceProcessStart());
    if (m_options.screenshotsDir.isEmpty())
        return;
    m_screenshots =
        std::make_unique<ScreenshotRunner>(m_window.get(), m_api.get(), m_options.screenshotsDir);
    connect(m_screenshots.get(), &ScreenshotRunner::finished, this,
            [](int failures) { QCoreApplication::exit(failures == 0 ? 0 : 1); });
    m_screenshots->start();
}
