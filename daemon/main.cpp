// SPDX-License-Identifier: GPL-3.0-or-later
#include "AllocatorTuning.h"
#include "config/DaemonConfig.h"
#include "core/Daemon.h"
#include "core/UnixSignalWatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("aicarpoold"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AICARPOOL_VERSION));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} "
                                      "%{if-debug}debug%{endif}%{if-info}info%{endif}"
                                      "%{if-warning}warning%{endif}%{if-critical}error%{endif}"
                                      "%{if-fatal}fatal%{endif} %{category}: %{message}"));

    QString error;
    QString message;
    bool exitNow = false;
    const auto config =
        DaemonConfig::load(QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment(),
                           &error, &exitNow, &message);
    if (!config) {
        if (exitNow) {
            std::fputs(qPrintable(message + QLatin1Char('\n')), stdout);
            return 0;
        }
        std::fprintf(stderr, "aicarpoold: %s\n", qPrintable(error));
        return 2;
    }
    if (config->logLevel == QLatin1String("debug"))
        QLoggingCategory::setFilterRules(QStringLiteral("aicarpool.*.debug=true"));
    else if (config->logLevel == QLatin1String("warning"))
        QLoggingCategory::setFilterRules(QStringLiteral("aicarpool.*.info=false"));
    else if (config->logLevel == QLatin1String("error"))
        QLoggingCategory::setFilterRules(
            QStringLiteral("aicarpool.*.info=false\naicarpool.*.warning=false"));

    if (const QString allocator = tuneAllocator(); !allocator.isEmpty())
        qInfo("%s", qPrintable(allocator));
    releaseFreeMemoryPeriodically(&app, 10000);

    UnixSignalWatcher signalWatcher;
    Daemon daemon(*config);
    if (!daemon.start(&error)) {
        std::fprintf(stderr, "aicarpoold: %s\n", qPrintable(error));
        return 1;
    }
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &app, [&](int) {
        daemon.stop();
        QCoreApplication::quit();
    });
    QObject::connect(&signalWatcher, &UnixSignalWatcher::reloadRequested, &daemon, &Daemon::reload);
    return app.exec();
}
