<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="124"/>
        <source>aicarpool console</source>
        <translation>aicarpool 控制台</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="125"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="126"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="127"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="128"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="129"/>
        <source>&amp;About aicarpool console</source>
        <translation>关于 aicarpool 控制台(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="131"/>
        <source>Administer an aicarpool daemon: users, keys, upstream accounts, quotas and usage.</source>
        <translation>管理 aicarpool 守护进程：用户、密钥、上游账号、配额与用量。</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="133"/>
        <source>Sign in to a daemon</source>
        <translation>登录到守护进程</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="134"/>
        <source>Daemon &amp;URL:</source>
        <translation>守护进程地址(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="135"/>
        <source>&amp;Email:</source>
        <translation>邮箱(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="136"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="137"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="139"/>
        <source>Signing in is not available in this version yet: the form is not connected to a daemon.</source>
        <translation>此版本尚不支持登录：该表单尚未连接到守护进程。</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="143"/>
        <source>Not connected. Signing in to a daemon is not available yet.</source>
        <translation>未连接。尚不支持登录到守护进程。</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="148"/>
        <source>About aicarpool console</source>
        <translation>关于 aicarpool 控制台</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="149"/>
        <source>&lt;p&gt;&lt;b&gt;aicarpool console&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Administration for a self-hosted carpool of AI-provider accounts.&lt;/p&gt;&lt;p&gt;License: GPL-3.0-or-later&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;aicarpool 控制台&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;自托管 AI 服务商账号拼车的管理工具。&lt;/p&gt;&lt;p&gt;许可证：GPL-3.0-or-later&lt;/p&gt;</translation>
    </message>
</context>
</TS>
