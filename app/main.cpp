// SPDX-License-Identifier: GPL-3.0-or-later
#include "i18n/LanguageManager.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("aicarpool"));
    QApplication::setApplicationName(QStringLiteral("aicarpool-console"));
    QApplication::setApplicationVersion(QStringLiteral(AICARPOOL_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("aicarpool administration console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption languageOption(
        QStringLiteral("language"),
        QStringLiteral("Interface language: %1 (default: saved choice, else system locale).")
            .arg(LanguageManager::languages().join(QStringLiteral(", "))),
        QStringLiteral("code"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Save a PNG of the main window to <file> and exit."),
        QStringLiteral("file"));
    parser.addOption(languageOption);
    parser.addOption(screenshotOption);
    parser.process(app);

    LanguageManager languages;
    const QString language =
        parser.isSet(languageOption) ? parser.value(languageOption) : languages.startupLanguage();
    if (!languages.setLanguage(language)) {
        std::fprintf(stderr, "aicarpool-console: unknown language '%s'\n", qPrintable(language));
        return 2;
    }

    MainWindow window(&languages);
    window.show();

    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        QTimer::singleShot(0, &window, [&window, file] {
            const bool saved = window.grab().save(file, "PNG");
            if (!saved)
                std::fprintf(stderr, "aicarpool-console: cannot write %s\n", qPrintable(file));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}
