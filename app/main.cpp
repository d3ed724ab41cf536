// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ConsoleStartup.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char *argv[])
{
    ConsoleStartup::markProcessStart();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("aicarpool"));
    QApplication::setApplicationName(QStringLiteral("aicarpool-console"));
    QApplication::setApplicationVersion(QStringLiteral(AICARPOOL_VERSION));
    QIcon icon;
    for (const char *size : {"32", "64", "256"})
        icon.addFile(QStringLiteral(":/icons/aicarpool-console-%1.png").arg(QLatin1String(size)));
    QApplication::setWindowIcon(icon);

    int exitCode = 0;
    const auto options = ConsoleStartup::parse(QApplication::arguments(), &exitCode);
    if (!options)
        return exitCode;
    ConsoleStartup startup(*options);
    if (!startup.start(&exitCode))
        return exitCode;
    return QApplication::exec();
}
