// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class ApiClient;
class LanguageManager;
class MainWindow;
class QApplication;
class ScreenshotRunner;
class SecretStore;
class SignInDialog;

// What main() does: reads the command line, picks the language, signs in (automatically with
// --server and AICARPOOL_CONSOLE_EMAIL / AICARPOOL_CONSOLE_PASSWORD, else with a remembered
// session from the keychain, else with the sign-in dialog), then shows the main window or takes
// the screenshots.
class ConsoleStartup : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString server;
        QString language;
        QString screenshotsDir;
        QString email;    // from AICARPOOL_CONSOLE_EMAIL
        QString password; // from AICARPOOL_CONSOLE_PASSWORD
    };

    // Call first thing in main(): the clock behind AICARPOOL_CONSOLE_TIMING's report of the
    // time from start to the first painted dashboard.
    static void markProcessStart();
    static qint64 msSinceProcessStart();

    // Parses arguments (exits for --help/--version). nullopt and *exitCode on a bad command line.
    static std::optional<Options> parse(const QStringList &arguments, int *exitCode);

    explicit ConsoleStartup(const Options &options, QObject *parent = nullptr);
    ~ConsoleStartup() override;

    // Starts; the application's exit code comes through QCoreApplication::exit().
    // Returns false (with the exit code) when it cannot even start.
    bool start(int *exitCode);

    MainWindow *window() const { return m_window.get(); }
    ApiClient *api() const { return m_api.get(); }

private:
    void signInAutomatically();
    void resumeOrAsk();
    void askToSignIn();
    void showMainWindow();

    Options m_options;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<SignInDialog> m_dialog;
    std::unique_ptr<ScreenshotRunner> m_screenshots;
};
