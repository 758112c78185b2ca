namespace KpatchScript.TestFixtures;

/// <summary>
/// kpatch-dnf in a <see cref="DnfLab"/> installroot. This machine's dnf has no kpatch-dnf plugin, and
/// dnf loads plugins from the host, not the installroot; but it reads the installroot's dnf.conf,
/// whose <c>pluginpath</c> can point into the root. The plugin there is a stand-in for dynup/kpatch-dnf's
/// kpatch.py: only its <c>dnf kpatch auto|manual</c> setting of <c>autoupdate</c> (without auto's
/// installation for every kernel); dnf, rpm and the repository are real. The root also gets
/// kpatch.service's unit file, as the kpatch package installs it, so <c>systemctl --root</c> can enable it.
/// </summary>
public static class KpatchDnfStandIn
{
    private const string Plugin = """
        # Test stand-in for dynup/kpatch-dnf's kpatch.py: 'dnf kpatch auto|manual' sets autoupdate only.
        import configparser
        import os

        import dnf
        import dnf.cli


        class KpatchCommand(dnf.cli.Command):
            aliases = ("kpatch",)
            summary = "kpatch-dnf test stand-in"

            @staticmethod
            def set_argparser(parser):
                parser.add_argument("action", choices=["auto", "manual"])

            def run(self):
                path = os.path.join(self.base.conf.installroot, "etc/dnf/plugins/kpatch.conf")
                config = configparser.ConfigParser()
                config.read(path)
                config["main"]["autoupdate"] = "True" if self.opts.action == "auto" else "False"
                with open(path, "w") as file:
                    config.write(file)
                print("Kpatch update setting: " + self.opts.action)


        class Kpatch(dnf.Plugin):
            name = "kpatch"

            def __init__(self, base, cli):
                super().__init__(base, cli)
                if cli is not None:
                    cli.register_command(KpatchCommand)
        """;

    private const string Unit = """
        [Unit]
        Description="Apply kpatch kernel patches"
        ConditionKernelCommandLine=!kpatch.enable=0

        [Service]
        Type=oneshot
        RemainAfterExit=yes
        ExecStart=/usr/sbin/kpatch load --all

        [Install]
        WantedBy=multi-user.target
        """;

    /// <summary>Adds the stand-in plugin (autoupdate as given), its configuration and kpatch.service's unit file to an installroot.</summary>
    public static void Install(string root, bool autoUpdate)
    {
        var plugins = Path.Combine(root, "usr/lib/python3.9/site-packages/dnf-plugins");
        Directory.CreateDirectory(plugins);
        File.WriteAllText(Path.Combine(plugins, "kpatch.py"), Plugin + "\n");
        Directory.CreateDirectory(Path.Combine(root, "etc/dnf/plugins"));
        File.WriteAllText(Path.Combine(root, "etc/dnf/plugins/kpatch.conf"), $"[main]\nenabled = 1\nautoupdate = {(autoUpdate ? "True" : "False")}\nautofilter = False\n");
        File.AppendAllText(Path.Combine(root, "etc/dnf/dnf.conf"), $"pluginpath={plugins}\npluginconfpath={Path.Combine(root, "etc/dnf/plugins")}\n");
        Directory.CreateDirectory(Path.Combine(root, "usr/lib/systemd/system"));
        File.WriteAllText(Path.Combine(root, "usr/lib/systemd/system/kpatch.service"), Unit + "\n");
    }

    /// <summary>autoupdate as the root's kpatch.conf has it now.</summary>
    public static string AutoUpdateLine(string root) =>
        File.ReadAllLines(Path.Combine(root, "etc/dnf/plugins/kpatch.conf")).Single(l => l.StartsWith("autoupdate", StringComparison.Ordinal));
}
