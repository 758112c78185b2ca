namespace KpatchScript.Cockpit.Tests;

/// <summary>The real parts these tests need; a missing one fails the test naming the Debian package (tests/run installs them). Nothing skips.</summary>
internal static class Prerequisites
{
    public static void Require(string path, string debianPackage)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} is missing: the Cockpit panel tests need the Debian package {debianPackage} " +
                $"(apt-get install --no-install-recommends {debianPackage}; tests/run installs it)");
        }
    }

    /// <summary>cockpit-ws, the bridge it starts, and the shell and base1 it serves.</summary>
    public static void RequireCockpit()
    {
        Require(CockpitServer.WebService, "cockpit-ws");
        Require("/usr/bin/cockpit-bridge", "cockpit-bridge");
        Require("/usr/share/cockpit/base1/cockpit.js.gz", "cockpit-bridge");
        Require("/usr/share/cockpit/shell/manifest.json", "cockpit-system");
    }

    /// <summary>The admin session is cockpit-ws run as root; the read-only one runs as another user, which needs root to start.</summary>
    public static void RequireRoot()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException(
                $"the Cockpit panel tests run cockpit-ws as root (an admin session) and as the user nobody (a read-only one), so they must run as root, not {Environment.UserName} (tests/run does, in CI through .ci/run)");
        }
    }
}
