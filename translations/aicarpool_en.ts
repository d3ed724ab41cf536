<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="124"/>
        <source>aicarpool console</source>
        <translation>aicarpool console</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="125"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="126"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="127"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="128"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="129"/>
        <source>&amp;About aicarpool console</source>
        <translation>&amp;About aicarpool console</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="131"/>
        <source>Administer an aicarpool daemon: users, keys, upstream accounts, quotas and usage.</source>
        <translation>Administer an aicarpool daemon: users, keys, upstream accounts, quotas and usage.</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="133"/>
        <source>Sign in to a daemon</source>
        <translation>Sign in to a daemon</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="134"/>
        <source>Daemon &amp;URL:</source>
        <translation>Daemon &amp;URL:</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="135"/>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="136"/>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="137"/>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="139"/>
        <source>Signing in is not available in this version yet: the form is not connected to a daemon.</source>
        <translation>Signing in is not available in this version yet: the form is not connected to a daemon.</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="143"/>
        <source>Not connected. Signing in to a daemon is not available yet.</source>
        <translation>Not connected. Signing in to a daemon is not available yet.</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="148"/>
        <source>About aicarpool console</source>
        <translation>About aicarpool console</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="149"/>
        <source>&lt;p&gt;&lt;b&gt;aicarpool console&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Administration for a self-hosted carpool of AI-provider accounts.&lt;/p&gt;&lt;p&gt;License: GPL-3.0-or-later&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;aicarpool console&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Administration for a self-hosted carpool of AI-provider accounts.&lt;/p&gt;&lt;p&gt;License: GPL-3.0-or-later&lt;/p&gt;</translation>
    </message>
</context>
</TS>
