using System.Text.Json;
using KpatchScript.Operations;
using KpatchScript.Status;

namespace KpatchScript.Serialization;

/// <summary>The <c>kpatch</c>, <c>packages</c> and <c>coverage</c> members of a status document (StatusJsonReader.cs has the reader's rules).</summary>
internal static partial class StatusJsonReader
{
    private static KpatchTooling Kpatch(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        Reading<KpatchCli>? cli = null;
        Reading<IReadOnlyList<PatchModuleFile>>? modules = null;
        Reading<KpatchDnf>? dnf = null;
        Reading<ServiceState>? service = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "cli"u8, 0, ref seen))
            {
                cli = Reading(ref r, Cli);
            }
            else if (Is(ref r, "modules"u8, 1, ref seen))
            {
                modules = ListReading(ref r, ModuleFile);
            }
            else if (Is(ref r, "dnf"u8, 2, ref seen))
            {
                dnf = Reading(ref r, Dnf);
            }
            else if (Is(ref r, "service"u8, 3, ref seen))
            {
                service = Reading(ref r, Service);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 4);
        return new KpatchTooling(cli!, modules!, dnf!, service!);
    }

    private static KpatchCli Cli(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        var installed = false;
        string? path = null;
        Reading<string>? version = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "installed"u8, 0, ref seen))
            {
                installed = Boolean(ref r);
            }
            else if (Is(ref r, "path"u8, 1, ref seen))
            {
                path = TextOrNull(ref r);
            }
            else if (Is(ref r, "version"u8, 2, ref seen))
            {
                version = Reading(ref r, Text);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 3);
        return new KpatchCli(installed, path, version!);
    }

    private static PatchModuleFile ModuleFile(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? path = null, moduleName = null, kernelRelease = null;
        var forRunning = false;
        bool? loaded = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "path"u8, 0, ref seen))
            {
                path = Text(ref r);
            }
            else if (Is(ref r, "module_name"u8, 1, ref seen))
            {
                moduleName = Text(ref r);
            }
            else if (Is(ref r, "kernel_release"u8, 2, ref seen))
            {
                kernelRelease = Text(ref r);
            }
            else if (Is(ref r, "for_running_kernel"u8, 3, ref seen))
            {
                forRunning = Boolean(ref r);
            }
            else if (Is(ref r, "loaded"u8, 4, ref seen))
            {
                loaded = r.TokenType == JsonTokenType.Null ? null : Boolean(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 5);
        return new PatchModuleFile(path!, moduleName!, kernelRelease!, forRunning, loaded);
    }

    private static KpatchDnf Dnf(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        var installed = false;
        string? configPath = null;
        Reading<bool>? autoUpdate = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "installed"u8, 0, ref seen))
            {
                installed = Boolean(ref r);
            }
            else if (Is(ref r, "config_path"u8, 1, ref seen))
            {
                configPath = Text(ref r);
            }
            else if (Is(ref r, "auto_update"u8, 2, ref seen))
            {
                autoUpdate = Reading(ref r, Boolean);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 3);
        return new KpatchDnf(installed, configPath!, autoUpdate!);
    }

    private static ServiceState Service(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? unit = null, state = null, source = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "unit"u8, 0, ref seen))
            {
                unit = Text(ref r);
            }
            else if (Is(ref r, "state"u8, 1, ref seen))
            {
                state = Text(ref r);
            }
            else if (Is(ref r, "source"u8, 2, ref seen))
            {
                source = Text(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 3);
        return new ServiceState(unit!, state!, source!);
    }

    private static KpatchPatchPackage Package(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? name = null, version = null, release = null, arch = null, epoch = null;
        Reading<string>? kernelRelease = null;
        var forRunning = false;
        IReadOnlyList<string>? cves = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "name"u8, 0, ref seen))
            {
                name = Text(ref r);
            }
            else if (Is(ref r, "version"u8, 1, ref seen))
            {
                version = Text(ref r);
            }
            else if (Is(ref r, "release"u8, 2, ref seen))
            {
                release = Text(ref r);
            }
            else if (Is(ref r, "arch"u8, 3, ref seen))
            {
                arch = Text(ref r);
            }
            else if (Is(ref r, "kernel_release"u8, 4, ref seen))
            {
                kernelRelease = Reading(ref r, Text);
            }
            else if (Is(ref r, "for_running_kernel"u8, 5, ref seen))
            {
                forRunning = Boolean(ref r);
            }
            else if (Is(ref r, "cves"u8, 6, ref seen))
            {
                cves = List(ref r, Text);
            }
            else if (Is(ref r, "epoch"u8, 7, ref seen))
            {
                epoch = TextOrNull(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        // epoch is left out when the package has none.
        Require(seen | (1 << 7), 8);
        return new KpatchPatchPackage(name!, version!, release!, arch!, kernelRelease!, forRunning, cves!) { Epoch = epoch };
    }

    private static CveCoverage Coverage(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        Reading<IReadOnlyList<string>>? fixedLive = null, installedNotLive = null;
        Reading<IReadOnlyList<AvailablePatch>>? updates = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "fixed_live_now"u8, 0, ref seen))
            {
                fixedLive = ListReading(ref r, Text);
            }
            else if (Is(ref r, "installed_not_live"u8, 1, ref seen))
            {
                installedNotLive = ListReading(ref r, Text);
            }
            else if (Is(ref r, "updates"u8, 2, ref seen))
            {
                updates = ListReading(ref r, Available);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen, 3);
        return new CveCoverage(fixedLive!, installedNotLive!, updates!);
    }

    private static AvailablePatch Available(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        var seen = 0;
        string? name = null, version = null, release = null, arch = null, kernelRelease = null, installedVersion = null, epoch = null;
        var forRunning = false;
        IReadOnlyList<string>? cves = null, newCves = null;
        while (NextMember(ref r))
        {
            if (Is(ref r, "name"u8, 0, ref seen))
            {
                name = Text(ref r);
            }
            else if (Is(ref r, "version"u8, 1, ref seen))
            {
                version = Text(ref r);
            }
            else if (Is(ref r, "release"u8, 2, ref seen))
            {
                release = Text(ref r);
            }
            else if (Is(ref r, "arch"u8, 3, ref seen))
            {
                arch = Text(ref r);
            }
            else if (Is(ref r, "kernel_release"u8, 4, ref seen))
            {
                kernelRelease = Text(ref r);
            }
            else if (Is(ref r, "for_running_kernel"u8, 5, ref seen))
            {
                forRunning = Boolean(ref r);
            }
            else if (Is(ref r, "installed_version"u8, 6, ref seen))
            {
                installedVersion = TextOrNull(ref r);
            }
            else if (Is(ref r, "cves"u8, 7, ref seen))
            {
                cves = List(ref r, Text);
            }
            else if (Is(ref r, "new_cves"u8, 8, ref seen))
            {
                newCves = List(ref r, Text);
            }
            else if (Is(ref r, "epoch"u8, 9, ref seen))
            {
                epoch = TextOrNull(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        Require(seen | (1 << 9), 10);
        return new AvailablePatch(name!, version!, release!, arch!, kernelRelease!, forRunning, installedVersion, cves!, newCves!) { Epoch = epoch };
    }
}
